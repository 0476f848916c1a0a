using System.Text.Json;
using Scalearn.Dashboard.Live;
using Scalearn.Reporting.Readers;

namespace Scalearn.Dashboard.Searches;

/// <summary>
/// The searches the dashboard shows: the journal files named on the command line (listed even before they exist, so a
/// dashboard can be opened before its search starts) and the journals found in the folders named there (directly
/// inside or one folder down, e.g. each search's --out folder), rescanned as new ones appear. One loop polls them all.
/// </summary>
internal sealed class SearchCatalog : IDisposable
{
    private readonly DashboardOptions _options;
    private readonly List<string> _folders = [];
    private readonly Dictionary<string, SearchMonitor> _byId = new(StringComparer.Ordinal);
    /// <summary>Files a scan found not to be journals, with the length and time they had then (not reopened until they change).</summary>
    private readonly Dictionary<string, (long Length, DateTime Written)> _notJournals = new(StringComparer.Ordinal);
    private DateTime _lastScan = DateTime.MinValue;

    public SearchCatalog(DashboardOptions options)
    {
        _options = options;
        foreach (var path in options.Journals)
        {
            if (Directory.Exists(path)) _folders.Add(Path.GetFullPath(path));
            else Add(path, listedByFolder: false);
        }
    }

    public ChangeSignal Changed { get; } = new();

    /// <summary>Bumped when the list (a search added or removed, or a summary changed) changes.</summary>
    public long Version { get; private set; }
    public string ListJson { get; private set; } = "[]";

    public SearchMonitor? Find(string id)
    {
        lock (_byId) return _byId.GetValueOrDefault(id);
    }

    public IReadOnlyList<SearchMonitor> Monitors
    {
        get { lock (_byId) return _byId.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Path, StringComparer.Ordinal).ToArray(); }
    }

    /// <summary>Polls every journal until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            PollOnce();
            try
            {
                await Task.Delay(_options.PollInterval, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: rescans folders when due, polls every journal, and signals listeners when anything changed.</summary>
    public void PollOnce()
    {
        bool changed = false;
        if (DateTime.UtcNow - _lastScan >= _options.ScanInterval)
        {
            changed |= Scan();
            _lastScan = DateTime.UtcNow;
        }
        foreach (var monitor in Monitors) changed |= monitor.Poll();
        if (!changed && Version > 0) return;
        ListJson = JsonSerializer.Serialize(Monitors.Select(m => m.Summary).ToArray(), Reporting.Html.ReportJson.Options);
        Version++;
        Changed.Notify();
    }

    private bool Scan()
    {
        bool changed = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in _folders)
        {
            foreach (var file in Candidates(folder))
            {
                seen.Add(file);
                bool known;
                lock (_byId) known = _byId.ContainsKey(SearchMonitor.IdOf(file));
                if (known) continue;
                var info = new FileInfo(file);
                if (_notJournals.TryGetValue(file, out var was) && was == (info.Length, info.LastWriteTimeUtc)) continue;
                if (JournalReader.IsJournal(file))
                {
                    _notJournals.Remove(file);
                    Add(file, listedByFolder: true);
                    changed = true;
                }
                else _notJournals[file] = (info.Length, info.LastWriteTimeUtc);
            }
        }
        List<SearchMonitor> gone;
        lock (_byId) gone = _byId.Values.Where(m => m.ListedByFolder && !seen.Contains(m.Path)).ToList();
        foreach (var monitor in gone)
        {
            lock (_byId) _byId.Remove(monitor.Id);
            monitor.Dispose();
            changed = true;
        }
        return changed;
    }

    private static IEnumerable<string> Candidates(string folder)
    {
        IEnumerable<string> Files(string dir)
        {
            try
            {
                return Directory.EnumerateFiles(dir).Where(f => !ReportInputs.IgnoredFile(f)).ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return [];
            }
        }
        IEnumerable<string> subfolders;
        try
        {
            subfolders = Directory.EnumerateDirectories(folder).Where(d => !Path.GetFileName(d).StartsWith('.')).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            subfolders = [];
        }
        return Files(folder).Concat(subfolders.SelectMany(Files));
    }

    private void Add(string path, bool listedByFolder)
    {
        var monitor = new SearchMonitor(path, listedByFolder, _options.Log) { ReportChanged = Changed.Notify };
        lock (_byId) _byId.TryAdd(monitor.Id, monitor);
    }

    public void Dispose()
    {
        foreach (var monitor in Monitors) monitor.Dispose();
    }
}
