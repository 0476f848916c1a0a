using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scalearn.Reporting.Analysis;
using Scalearn.Reporting.Figures;
using Scalearn.Reporting.Model;
using Scalearn.Reporting.Readers;

namespace Scalearn.Dashboard.Searches;

/// <summary>
/// Watches one journal: polled by the catalog (a cheap check when nothing changed), it keeps the search's progress as
/// JSON ready to send, and, while someone watches the search, its report (the same figures as `scalearn report`)
/// rebuilt at most every few seconds: a large search's report costs more to build, so it is rebuilt less often.
/// </summary>
internal sealed class SearchMonitor : IDisposable
{
    private const int ListedTrials = 50;
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan IdleBeforeProbe = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MinReportInterval = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly Action<string>? _log;
    private JournalReader? _reader;
    private string? _error;
    private bool _driverGone;
    private long _lastChange = Stopwatch.GetTimestamp(), _lastProbe;
    private int _watchers;
    private long _reportSource = -1;
    private long _reportBuiltAt;
    private TimeSpan _reportCost;
    private Task? _building;

    public SearchMonitor(string path, bool listedByFolder, Action<string>? log)
    {
        Path = System.IO.Path.GetFullPath(path);
        ListedByFolder = listedByFolder;
        _log = log;
        Id = IdOf(Path);
        var file = System.IO.Path.GetFileName(Path);
        var folder = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(Path));
        Name = string.IsNullOrEmpty(folder) ? file : $"{folder}/{file}";
        ProgressJson = Serialize(Progress(DateTimeOffset.UtcNow));
    }

    public string Id { get; }

    /// <summary>A search's id: stable for its journal's full path, and safe in a URL.</summary>
    public static string IdOf(string path) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(System.IO.Path.GetFullPath(path))))[..12];
    public string Path { get; }
    public string Name { get; }
    /// <summary>Found by scanning a folder (dropped when its file goes), rather than named on the command line.</summary>
    public bool ListedByFolder { get; }

    /// <summary>Bumped whenever <see cref="ProgressJson"/> changes.</summary>
    public long Version { get; private set; }
    public string ProgressJson { get; private set; }
    public SearchSummary Summary { get; private set; } = null!;
    /// <summary>Folds of this search finished by each worker (by name), as of the last poll.</summary>
    public IReadOnlyDictionary<string, int> FoldsByWorker { get; private set; } = new Dictionary<string, int>();

    /// <summary>Bumped whenever <see cref="ReportJson"/> changes; null until someone watched the search.</summary>
    public long ReportVersion { get; private set; }
    public string? ReportJson { get; private set; }
    public Action? ReportChanged { get; init; }

    /// <summary>Marks a watcher (a browser showing this search) until disposed; the report is kept fresh only while watched.</summary>
    public IDisposable Watch()
    {
        Interlocked.Increment(ref _watchers);
        return new Watcher(this);
    }

    private sealed class Watcher(SearchMonitor monitor) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Interlocked.Decrement(ref monitor._watchers);
        }
    }

    /// <summary>Reads what changed; true when the progress changed.</summary>
    public bool Poll()
    {
        bool changed;
        lock (_gate)
        {
            changed = Read();
            changed |= ProbeDriver();
            if (changed)
            {
                _lastChange = Stopwatch.GetTimestamp();
                ProgressJson = Serialize(Progress(DateTimeOffset.UtcNow));
                Version++;
            }
        }
        if (Volatile.Read(ref _watchers) > 0) RefreshReportIfDue();
        return changed;
    }

    private bool Read()
    {
        try
        {
            if (_reader is null)
            {
                if (!File.Exists(Path)) return SetError(null);
                _reader = JournalReader.Open(Path);
            }
            bool changed = _reader.Refresh();
            return SetError(null) || changed;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            _reader?.Dispose();
            _reader = null;
            if (_error != e.Message) _log?.Invoke($"journal {Path}: {e.Message}");
            return SetError(e.Message);
        }
    }

    private bool SetError(string? error)
    {
        if (error == _error) return false;
        _error = error;
        return true;
    }

    /// <summary>A journal that says running but has been quiet: is its driver still there (does it hold the journal's lock)?</summary>
    private bool ProbeDriver()
    {
        if (_reader is null || _reader.Info.Status != "running")
        {
            bool was = _driverGone;
            _driverGone = false;
            return was;
        }
        if (Stopwatch.GetElapsedTime(_lastChange) < IdleBeforeProbe || Stopwatch.GetElapsedTime(_lastProbe) < IdleBeforeProbe) return false;
        _lastProbe = Stopwatch.GetTimestamp();
        bool gone = !_reader.DriverRunning();
        if (gone == _driverGone) return false;
        _driverGone = gone;
        return true;
    }

    private string Status => _error is not null ? "error"
        : _reader is null ? "waiting"
        : _driverGone ? "interrupted"
        : _reader.Info.Status;

    private void RefreshReportIfDue()
    {
        lock (_gate)
        {
            if (_building is { IsCompleted: false } || _reportSource == Version || _reader is null) return;
            if (ReportJson is not null && Stopwatch.GetElapsedTime(_reportBuiltAt) < Max(MinReportInterval, 4 * _reportCost)) return;
            var record = _reader.ToRecord() with { Status = Status };
            long source = Version;
            _building = Task.Run(() => BuildReport(record, source));
        }
    }

    private void BuildReport(SearchRecord record, long source)
    {
        var clock = Stopwatch.StartNew();
        string json;
        try
        {
            json = Reporting.Html.ReportJson.Document(ReportBuilder.Build(record, new ReportOptions { Title = Name }));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            _log?.Invoke($"journal {Path}: the report could not be built: {e.Message}");
            return;
        }
        lock (_gate)
        {
            ReportJson = json;
            ReportVersion++;
            _reportSource = source;
            _reportCost = clock.Elapsed;
            _reportBuiltAt = Stopwatch.GetTimestamp();
        }
        ReportChanged?.Invoke();
    }

    /// <summary>Builds the report now if it is missing or stale (for a client that asks for it outside the live stream).</summary>
    public string? CurrentReport()
    {
        Task? building;
        lock (_gate)
        {
            if (_reader is not null && _reportSource != Version && _building is not { IsCompleted: false })
            {
                var record = _reader.ToRecord() with { Status = Status };
                long source = Version;
                _building = Task.Run(() => BuildReport(record, source));
            }
            building = _building;
        }
        building?.Wait();
        lock (_gate) return ReportJson;
    }

    /// <summary>The journal as a record, for the downloadable HTML report.</summary>
    public SearchRecord? Record()
    {
        lock (_gate) return _reader is null ? null : _reader.ToRecord() with { Status = Status };
    }

    private SearchProgress Progress(DateTimeOffset now)
    {
        var reader = _reader;
        var info = reader?.Info;
        var trials = reader?.Trials.Values.ToArray() ?? [];
        int splits = info?.Splits ?? 0;
        var complete = trials.Where(t => t.State == TrialState.Complete && double.IsFinite(t.Value)).ToArray();
        var best = complete.OrderByDescending(t => t.Value).ThenBy(t => t.Number).FirstOrDefault();
        int fitsDone = reader?.TaskCount ?? 0;
        int fitsKnown = Math.Max(fitsDone, trials.Sum(t => Math.Max(splits, t.Tasks.Count)));
        Summary = new SearchSummary(Id, Name, Path, Status, info?.Description, info?.Scorers[0], trials.Length, complete.Length,
            trials.Count(t => t.State == TrialState.Fail), trials.Count(t => t.State == TrialState.Running), fitsDone, fitsKnown,
            best?.Value, LastActivity(reader, info), _error);

        var started = info?.CreatedAt ?? (trials.Length > 0 ? trials.Min(t => t.ProposedAt) : null);
        bool live = Status == "running";
        var end = live ? now : LastActivity(reader, info) ?? now;
        double? rate = reader is null ? null : FoldsPerSecond(reader.TaskFinishes, live ? now : end, started);
        var running = trials.Where(t => t.State == TrialState.Running).ToArray();
        var inFlight = running.OrderByDescending(t => t.Tasks.Count > 0).ThenBy(t => t.Number).Take(ListedTrials)
            .Select(t => new InFlightTrial(t.Number, Text(t.Params), t.Tasks.Count, Math.Max(splits, t.Tasks.Count), t.ProposedAt, t.FirstStart)).ToArray();
        var recent = trials.Where(t => t.State != TrialState.Running).OrderByDescending(t => t.FinishedAt).ThenByDescending(t => t.Number).Take(ListedTrials)
            .Select(t => new FinishedTrial(t.Number, t.State.ToString().ToUpperInvariant(), double.IsFinite(t.Value) ? t.Value : null, Text(t.Params),
                t.FirstStart is { } s && t.FinishedAt is { } f ? Math.Max(0, (f - s).TotalSeconds) : null, t.FinishedAt,
                t.Tasks.Values.Select(x => x.Error).FirstOrDefault(e => e is not null))).ToArray();
        var workers = reader?.Workers.OrderByDescending(w => w.Value.Tasks).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => new WorkerShare(w.Key, w.Value.Tasks, w.Value.Seconds)).ToArray() ?? [];
        FoldsByWorker = workers.ToDictionary(w => w.Worker, w => w.Folds, StringComparer.Ordinal);
        return new SearchProgress(Summary, splits, best is null ? null : new BestTrial(best.Number, best.Value, Text(best.Params)), started,
            started is { } st ? Math.Max(0, (end - st).TotalSeconds) : null,
            live && rate > 0 ? (fitsKnown - fitsDone) / rate.Value : null,
            rate is { } r ? r * 60 : null, now, running.Length, inFlight, recent, workers);
    }

    private static DateTimeOffset? LastActivity(JournalReader? reader, JournalInfo? info)
    {
        if (reader is null) return null;
        DateTimeOffset? last = info?.UpdatedAt ?? info?.CreatedAt;
        foreach (var t in reader.Trials.Values)
        {
            if (t.ProposedAt > last || last is null) last = t.ProposedAt;
            if (t.FinishedAt > last) last = t.FinishedAt;
        }
        if (reader.TaskFinishes.Count > 0 && reader.TaskFinishes[^1] > last) last = reader.TaskFinishes[^1];
        return last;
    }

    /// <summary>Folds finished per second over the last two minutes (or since the start, if shorter); null before any finished.</summary>
    private static double? FoldsPerSecond(IReadOnlyList<DateTimeOffset> finishes, DateTimeOffset now, DateTimeOffset? started)
    {
        if (finishes.Count == 0) return null;
        var from = now - RateWindow;
        if (started is { } s && s > from) from = s;
        int count = 0;
        for (int i = finishes.Count - 1; i >= 0 && finishes[i] > from; i--) count++;
        double seconds = (now - from).TotalSeconds;
        return count == 0 || seconds <= 0 ? null : count / seconds;
    }

    private static string Text(IReadOnlyDictionary<string, object?> parameters) =>
        parameters.Count == 0 ? "defaults" : string.Join(", ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={ParamLabel.Of(p.Value)}"));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Serialize(SearchProgress progress) => JsonSerializer.Serialize(progress, Reporting.Html.ReportJson.Options);

    public void Dispose()
    {
        lock (_gate)
        {
            _reader?.Dispose();
            _reader = null;
        }
    }
}
