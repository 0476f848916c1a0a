using System.CommandLine;

namespace Scalearn.Cli.Commands;

/// <summary>Every `scalearn` command: what Program runs and what the tests drive.</summary>
public static class CommandTree
{
    public static RootCommand Create() => new("Scalearn: scikit-learn-style machine learning for .NET, on all cores or a RabbitMQ cluster.")
    {
        TuneCommand.Create(),
        FitCommand.Create(),
        DatasetsCommand.Create(),
        PredictCommand.Create(),
        FitGroupsCommand.Create(),
        FitStreamCommand.Create(),
        KnnCommand.Create(),
        EvaluateCommand.Create(),
        WorkerCommand.Create(),
        ReportCommand.Create(),
        ConvertCommand.Create(),
        DashboardCommand.Create(),
    };
}
