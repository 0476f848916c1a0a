using System.CommandLine;
using System.Diagnostics;
using Scalearn.Reporting;
using Scalearn.Reporting.Figures;
using Scalearn.Reporting.Html;
using Scalearn.Reporting.Images;
using Scalearn.Reporting.Readers;
using Spectre.Console;

namespace Scalearn.Cli.Commands;

/// <summary>scalearn report: a self-contained HTML report (or PNG/SVG images) of a tune or fit-groups output folder, or of a search journal.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string?>("dir") { Description = "Output folder of scalearn tune (a journal, or cv_results.json, trials.csv) or fit-groups (groups.csv)", Arity = ArgumentArity.ZeroOrOne };
        var journal = new Option<string?>("--journal") { Description = "Search journal (SQLite) to report on, even while its search runs; instead of DIR" };
        var format = new Option<string>("--format", "-f") { Description = "html (one self-contained file), png or svg (one image per plot)", DefaultValueFactory = _ => "html" };
        var output = new Option<string?>("--out", "-o") { Description = "Report file for html (default DIR/report.html, or the journal's name with .html), folder for images (default DIR/plots)" };
        var scorer = new Option<string?>("--scorer") { Description = "Scorer to draw when the search recorded several (default: the first)" };
        var title = new Option<string?>("--title") { Description = "Title shown at the top of the report" };
        var command = new Command("report", "Write an HTML report with plots (or PNG/SVG images) of a search's results") { dir, journal, format, output, scorer, title };
        command.SetAction(parse => Run(parse.GetValue(dir), parse.GetValue(journal), parse.GetValue(format) ?? "html", parse.GetValue(output), parse.GetValue(scorer),
            parse.GetValue(title), AnsiConsole.Console));
        return command;
    }

    public static int Run(string? dir, string? journal, string formatText, string? output, string? scorer, string? title, IAnsiConsole console)
    {
        if ((dir is null) == (journal is null)) throw new UsageException("Give the output folder DIR of a search or --journal FILE (one of them).");
        var format = formatText.Trim().ToLowerInvariant() switch
        {
            "html" => ReportFormat.Html,
            "png" => ReportFormat.Png,
            "svg" => ReportFormat.Svg,
            _ => throw new UsageException($"--format must be html, png or svg; got '{formatText}'."),
        };
        var watch = Stopwatch.StartNew();
        var record = journal is not null ? JournalReader.Read(journal, scorer) : ReportInputs.Load(dir!, scorer);
        string home = journal is not null ? Path.GetDirectoryName(Path.GetFullPath(journal))! : dir!;
        var document = ReportBuilder.Build(record, new ReportOptions { Title = title });
        if (format == ReportFormat.Html)
        {
            string path = output ?? (journal is not null ? Path.ChangeExtension(journal, ".html") : Path.Combine(dir!, "report.html"));
            HtmlReportWriter.Write(document, path);
            console.MarkupLineInterpolated($"Report of {Describe(record)} written to {path} ({new FileInfo(path).Length / 1024.0:F0} KiB, {watch.Elapsed.TotalSeconds:F1} s)");
        }
        else
        {
            string folder = output ?? Path.Combine(home, "plots");
            var files = ImageReportWriter.Write(document, folder, format);
            console.MarkupLineInterpolated($"{files.Count} {format.ToString().ToLowerInvariant()} plots of {Describe(record)} written to {folder} ({watch.Elapsed.TotalSeconds:F1} s)");
        }
        return 0;
    }

    private static string Describe(Scalearn.Reporting.Model.SearchRecord record) =>
        record.Trials.Count > 0 ? $"{record.Trials.Count} trials" : $"{record.Groups.Count} groups";
}
