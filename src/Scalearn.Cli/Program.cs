using System.CommandLine;
using Scalearn.Cli;
using Scalearn.Cli.Commands;

var root = new RootCommand("Scalearn: scikit-learn-style machine learning for .NET, on all cores or a RabbitMQ cluster.")
{
    TuneCommand.Create(),
    DatasetsCommand.Create(),
    PredictCommand.Create(),
    WorkerCommand.Create(),
    ConvertCommand.Create(),
};
return await CliRunner.RunAsync(root, args);
