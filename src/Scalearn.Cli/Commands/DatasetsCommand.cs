using System.CommandLine;
using Scalearn.Cli.Console;
using Scalearn.Data;
using Spectre.Console;

namespace Scalearn.Cli.Commands;

/// <summary>scalearn datasets: the bundled datasets usable by name with --data.</summary>
public static class DatasetsCommand
{
    public static Command Create()
    {
        var command = new Command("datasets", "List the bundled datasets");
        command.SetAction(_ =>
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("name").AddColumn("rows").AddColumn("features").AddColumn("target");
            foreach (var name in BundledDatasets.Names)
            {
                var info = BundledDatasets.Describe(BundledDatasets.Load(name));
                table.AddRow(Markup.Escape(TerminalText.Escape(name)), info.Rows.ToString(), info.Features.ToString(), Markup.Escape(info.TargetSummary));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
