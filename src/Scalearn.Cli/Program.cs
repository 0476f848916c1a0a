using System.CommandLine;
using Scalearn.Cli;
using Scalearn.Cli.Commands;

var root = new RootCommand("Scalearn: scikit-learn-style machine learning for .NET, on all cores or a RabbitMQ cluster.")
{
    TuneCommand.Create(),
    DatasetsCommand.Create(),
    PredictCommand.Create(),
    EvaluateCommand.Create(),
    WorkerCommand.Create(),
};
return await CliRunner.RunAsync(root, args);
