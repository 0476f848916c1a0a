using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Readers;

/// <summary>
/// Reads a search output folder into a <see cref="SearchRecord"/>: cv_results.json and/or trials.csv (joined by
/// trial number) and groups.csv. Another source (a search journal) is another reader that returns a SearchRecord.
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
        if (!hasCv && !hasTrials && !hasGroups)
            throw new FileNotFoundException($"{dir} holds no {CvResultsFile}, {TrialsFile} or {GroupsFile}: give the --out folder of scalearn tune or fit-groups.");
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
}
