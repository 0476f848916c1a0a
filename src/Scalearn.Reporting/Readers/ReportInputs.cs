using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Readers;

/// <summary>
/// Reads a search output folder into a <see cref="SearchRecord"/>: its search journal when it holds one (everything,
/// running trials and wall-clock times included), else cv_results.json and/or trials.csv (joined by trial number); and
/// groups.csv.
/// </summary>
public static class ReportInputs
{
    public const string CvResultsFile = "cv_results.json";
    public const string TrialsFile = "trials.csv";
    public const string GroupsFile = "groups.csv";

    public static SearchRecord Load(string dir, string? scorer = null)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"No such folder: {dir}.");
        string cv = Path.Combine(dir, CvResultsFile), trials = Path.Combine(dir, TrialsFile), groups = Path.Combine(dir, GroupsFile);
        bool hasCv = File.Exists(cv), hasTrials = File.Exists(trials), hasGroups = File.Exists(groups);
        var journals = Journals(dir);
        if (journals.Length > 1)
            throw new ArgumentException($"{dir} holds {journals.Length} search journals ({string.Join(", ", journals.Select(Path.GetFileName))}): pick one with --journal.");
        if (journals.Length == 1)
        {
            var journaled = JournalReader.Read(journals[0], scorer);
            if (hasGroups) journaled = journaled with { Groups = GroupsCsvReader.Read(groups) };
            return journaled;
        }
        if (!hasCv && !hasTrials && !hasGroups)
            throw new FileNotFoundException($"{dir} holds no {CvResultsFile}, {TrialsFile} or {GroupsFile}, and no search journal: give the --out folder of scalearn tune or fit-groups, or --journal FILE.");
        var record = hasCv ? CvResultsReader.Read(cv, scorer) with { Source = dir }
            : new SearchRecord { Source = dir, Scorer = scorer ?? "value", Scorers = [scorer ?? "value"] };
        var notes = new List<string>();
        if (hasTrials)
        {
            var timed = TrialsCsvReader.Read(trials);
            record = record with { Trials = hasCv ? TrialsMerge.Merge(record.Trials, timed) : timed };
        }
        if (hasGroups) record = record with { Groups = GroupsCsvReader.Read(groups) };
        if (hasCv && !hasTrials) notes.Add($"No {TrialsFile}: trial times are the candidates' fit and score times, not wall-clock times.");
        return record with { Notes = notes };
    }

    /// <summary>The search journals directly in <paramref name="dir"/> (SQLite files with a journal's tables).</summary>
    public static string[] Journals(string dir) =>
        Directory.EnumerateFiles(dir).Where(f => !IgnoredFile(f) && JournalReader.IsJournal(f)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Files that cannot be journals: outputs, SQLite's own side files, lock files.</summary>
    public static bool IgnoredFile(string path) =>
        IgnoredExtensions.Contains(Path.GetExtension(path)) || path.EndsWith("-wal", StringComparison.Ordinal) || path.EndsWith("-shm", StringComparison.Ordinal)
        || path.EndsWith("-journal", StringComparison.Ordinal);

    private static readonly HashSet<string> IgnoredExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".csv", ".json", ".html", ".lock", ".scalearn", ".png", ".svg", ".parquet", ".txt", ".md", ".log",
    };
}
