using Scalearn.ModelSelection;
using Scalearn.Persistence;

namespace Scalearn.Cli.Tune;

/// <summary>What `scalearn tune --out DIR` writes: cv_results.csv/json, trials.csv, best_model.scalearn and, on request, report.html.</summary>
public static class TuneOutput
{
    public static readonly string[] Files = ["cv_results.csv", "cv_results.json", "trials.csv", "best_model.scalearn", "report.html"];

    /// <summary>Refuses to overwrite a previous run's results unless forced (or resuming the same journal).</summary>
    public static void CheckWritable(string dir, bool force)
    {
        if (force || !Directory.Exists(dir)) return;
        var previous = Files.FirstOrDefault(f => File.Exists(Path.Combine(dir, f)));
        if (previous is not null)
            throw new UsageException($"--out {dir} holds a previous run ({previous}); pass --force to overwrite it, or choose another directory.");
    }

    public static void WriteResults(SearchResult result, string dir)
    {
        Directory.CreateDirectory(dir);
        using (var csv = new StreamWriter(Path.Combine(dir, "cv_results.csv"))) result.CvResults.WriteCsv(csv);
        using (var json = File.Create(Path.Combine(dir, "cv_results.json"))) result.CvResults.WriteJson(json);
        using var trials = new StreamWriter(Path.Combine(dir, "trials.csv"));
        TrialsCsv.Write(result.CvResults, trials);
    }

    /// <summary>
    /// The refitted best model with the exact spec it was fitted with, and the columns and class labels it was fitted on;
    /// null when there is none to save.
    /// </summary>
    public static string? WriteModel(SearchResult result, string dir)
    {
        if (result.BestModel is not IPersistableModel model || result.BestSpec is null) return null;
        var path = Path.Combine(dir, "best_model.scalearn");
        ModelFile.Save(path, model, result.BestSpec);
        return path;
    }

    public static string WriteReport(string dir)
    {
        var record = Reporting.Readers.ReportInputs.Load(dir, null);
        var document = Reporting.Figures.ReportBuilder.Build(record, new Reporting.Figures.ReportOptions());
        var path = Path.Combine(dir, "report.html");
        Reporting.Html.HtmlReportWriter.Write(document, path);
        return path;
    }
}
