using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Scalearn.Estimators;
using Scalearn.ModelSelection;
using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Readers;

/// <summary>
/// Reads a search journal (the SQLite file a search writes with <c>search.Journal = path</c>) read-only, while the search
/// may still be writing it. <see cref="Refresh"/> reads only what changed since the last call: new folds by row id, new
/// proposals by trial number, and the unfinished trials that have folds (the only ones whose outcome can change), so a
/// dashboard can poll a large journal cheaply. <see cref="ToRecord"/> turns what was read into a report's record.
/// </summary>
public sealed class JournalReader : IDisposable
{
    public const int FormatVersion = 1;
    private static readonly byte[] SqliteMagic = "SQLite format 3\0"u8.ToArray();

    private readonly SqliteConnection _connection;
    private readonly Dictionary<int, RecordedTrial> _trials = [];
    private readonly Dictionary<string, (int Tasks, double Seconds)> _workers = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset> _finishes = [];
    private long _dataVersion = -1, _lastTaskRow;
    private int _maxTrial = -1;
    private string? _createdAt;

    private JournalReader(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    public string Path { get; }
    public JournalInfo Info { get; private set; } = new();
    /// <summary>Trials by number, as of the last <see cref="Refresh"/>.</summary>
    public IReadOnlyDictionary<int, RecordedTrial> Trials => _trials;
    /// <summary>Folds finished, and their seconds, per worker name ("local" for this machine's threads).</summary>
    public IReadOnlyDictionary<string, (int Tasks, double Seconds)> Workers => _workers;
    /// <summary>When each fold finished, in the order they were recorded.</summary>
    public IReadOnlyList<DateTimeOffset> TaskFinishes => _finishes;
    public int TaskCount => _finishes.Count;

    /// <summary>The whole journal read once, as a report's record (see <see cref="ToRecord"/>).</summary>
    public static SearchRecord Read(string path, string? scorer = null)
    {
        using var reader = Open(path);
        reader.Refresh();
        return reader.ToRecord(scorer) with { Status = reader.Info.Status == "running" && !reader.DriverRunning() ? "interrupted" : reader.Info.Status };
    }

    /// <summary>Opens <paramref name="path"/> read-only; fails naming the file when it is missing or not a search journal.</summary>
    public static JournalReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"No such journal: {path}.", path);
        if (!HasSqliteHeader(path)) throw new InvalidDataException($"{path} is not a search journal (not an SQLite database).");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.Path.GetFullPath(path), Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 5,
        }.ToString());
        try
        {
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA busy_timeout=5000;";
                command.ExecuteNonQuery();
            }
            var reader = new JournalReader(path, connection);
            reader.CheckSchema();
            return reader;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidDataException($"{path} cannot be read as a search journal: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>True when <paramref name="path"/> is an SQLite file with a journal's meta table (cheap: no fold is read).</summary>
    public static bool IsJournal(string path)
    {
        if (!File.Exists(path) || !HasSqliteHeader(path)) return false;
        try
        {
            using var reader = Open(path);
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool HasSqliteHeader(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> header = stackalloc byte[16];
            return file.ReadAtLeast(header, 16, throwOnEndOfStream: false) == 16 && header.SequenceEqual(SqliteMagic);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void CheckSchema()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'trials', 'tasks')";
        using var reader = command.ExecuteReader();
        var tables = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) tables.Add(reader.GetString(0));
        if (tables.Count < 3)
            throw new InvalidDataException($"{Path} is not a search journal: it lacks the {string.Join(", ", new[] { "meta", "trials", "tasks" }.Except(tables))} table(s).");
    }

    /// <summary>Reads what changed since the last call; false when nothing did (one cheap query).</summary>
    public bool Refresh()
    {
        try
        {
            long version = Scalar<long>("PRAGMA data_version");
            if (version == _dataVersion) return false;
            using var transaction = _connection.BeginTransaction(deferred: true);   // one consistent snapshot; a reader never writes
            var meta = ReadMeta(transaction);
            if (!meta.TryGetValue("format_version", out var format))
                throw new InvalidDataException($"{Path}: the journal records no format_version; it was not written by a Scalearn search.");
            if (format != FormatVersion.ToString(CultureInfo.InvariantCulture))
                throw new InvalidDataException($"{Path}: journal format {format}; this version of Scalearn reads format {FormatVersion}.");
            string? created = meta.GetValueOrDefault("created_at");
            if (_createdAt is not null && created != _createdAt) Reset();   // the file was replaced by another search's journal
            _createdAt = created;
            Info = InfoOf(meta);
            var touched = ReadTasks(transaction);
            ReadTrials(transaction, touched);
            transaction.Commit();
            _dataVersion = version;
            return true;
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{Path} cannot be read as a search journal: {e.Message}", e);
        }
    }

    private void Reset()
    {
        _trials.Clear();
        _workers.Clear();
        _finishes.Clear();
        _lastTaskRow = 0;
        _maxTrial = -1;
    }

    private HashSet<int> ReadTasks(SqliteTransaction transaction)
    {
        using var command = Command(transaction, "SELECT rowid, trial, split, result, error, worker, seconds, finished_at FROM tasks WHERE rowid > $row ORDER BY rowid", ("$row", _lastTaskRow));
        using var reader = command.ExecuteReader();
        var touched = new HashSet<int>();
        while (reader.Read())
        {
            _lastTaskRow = reader.GetInt64(0);
            int trial = reader.GetInt32(1), split = reader.GetInt32(2);
            string? error = reader.IsDBNull(4) ? null : reader.GetString(4);
            string worker = reader.IsDBNull(5) ? "unknown" : reader.GetString(5);
            double seconds = reader.IsDBNull(6) ? double.NaN : reader.GetDouble(6);
            var finished = Time(reader.GetString(7), "tasks.finished_at");
            FitResult result;
            try
            {
                result = FitScoreKind.Instance.DecodeResult((byte[])reader.GetValue(3));
            }
            catch (InvalidDataException e)
            {
                // The search itself recomputes an unreadable record; the report shows it as a failed fold.
                error ??= "unreadable fold record: " + e.Message;
                result = new FitResult(trial, split, Enumerable.Repeat(double.NaN, Info.Scorers.Count).ToArray(), null, double.NaN, double.NaN, error);
            }
            var task = new RecordedTask(trial, split, result, error ?? result.Error, worker, seconds, finished);
            var owner = TrialFor(trial);
            if (owner.Tasks.TryGetValue(split, out var previous))
            {
                // A resumed search ran this fold again: count the fold once, where it last ran.
                var old = _workers[previous.Worker];
                _workers[previous.Worker] = (old.Tasks - 1, old.Seconds - (double.IsFinite(previous.Seconds) ? previous.Seconds : 0));
            }
            else _finishes.Add(finished);
            owner.Tasks[split] = task;
            var counts = _workers.GetValueOrDefault(worker);
            _workers[worker] = (counts.Tasks + 1, counts.Seconds + (double.IsFinite(seconds) ? seconds : 0));
            touched.Add(trial);
        }
        return touched;
    }

    private void ReadTrials(SqliteTransaction transaction, HashSet<int> touched)
    {
        // New proposals, plus every unfinished trial with folds: its score is recorded after its last fold (or, when a
        // resumed search replays recorded folds, with no new fold at all).
        foreach (var t in _trials.Values)
            if (t.State == TrialState.Running && t.Tasks.Count > 0) touched.Add(t.Number);
        using var command = Command(transaction,
            "SELECT trial, params, iter, n_resources, proposed_at, finished_at, value, state FROM trials WHERE trial > $max OR trial IN (SELECT value FROM json_each($touched))",
            ("$max", _maxTrial), ("$touched", JsonSerializer.Serialize(touched)));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            int number = reader.GetInt32(0);
            var trial = TrialFor(number);
            trial.Params = ParamsOf(reader.GetString(1), number);
            trial.Iter = reader.IsDBNull(2) ? null : reader.GetInt32(2);
            trial.NResources = reader.IsDBNull(3) ? null : reader.GetInt64(3);
            trial.ProposedAt = Time(reader.GetString(4), "trials.proposed_at");
            trial.FinishedAt = reader.IsDBNull(5) ? null : Time(reader.GetString(5), "trials.finished_at");
            trial.Value = reader.IsDBNull(6) ? double.NaN : reader.GetDouble(6);
            trial.State = reader.GetString(7) switch
            {
                "RUNNING" => TrialState.Running,
                "COMPLETE" => double.IsFinite(trial.Value) ? TrialState.Complete : TrialState.Fail,
                "FAIL" => TrialState.Fail,
                var s => throw new InvalidDataException($"{Path}: trial {number} has state '{s}'; expected RUNNING, COMPLETE or FAIL."),
            };
            _maxTrial = Math.Max(_maxTrial, number);
        }
    }

    private RecordedTrial TrialFor(int number)
    {
        if (!_trials.TryGetValue(number, out var trial)) _trials[number] = trial = new RecordedTrial(number);
        return trial;
    }

    private IReadOnlyDictionary<string, object?> ParamsOf(string json, int trial)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return RawJson.ToRaw(doc.RootElement) as IReadOnlyDictionary<string, object?>
                ?? throw new InvalidDataException($"{Path}: trial {trial}'s params are not a JSON object: {json}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path}: trial {trial}'s params are not valid JSON ({e.Message}).");
        }
    }

    /// <summary>
    /// The trials as a report draws them: the first scorer's recorded mean, or any other scorer's mean over the splits
    /// (failed folds scored as the search's error_score); running trials keep the folds they have finished.
    /// </summary>
    public SearchRecord ToRecord(string? scorer = null)
    {
        var scorers = Info.Scorers;
        string chosen = scorer ?? scorers[0];
        int k = scorers.ToList().IndexOf(chosen);
        if (k < 0) throw new ArgumentException($"--scorer must be one of {string.Join(", ", scorers)} (the scorers in {Path}); got '{chosen}'.");
        double fill = Info.ErrorScore ?? double.NaN;
        var trials = _trials.Values.OrderBy(t => t.Number).Select(t => TrialOf(t, k, fill)).ToArray();
        var notes = new List<string>();
        int running = trials.Count(t => t.State == TrialState.Running);
        if (running > 0) notes.Add($"{Figures.ReportContext.Count(running, "trial")} not finished when the journal was read: listed as RUNNING, not drawn.");
        return new SearchRecord
        {
            Source = Path, Scorer = chosen, Scorers = scorers, Trials = trials, Notes = notes,
            Description = Info.Description, Status = Info.Status,
        };
    }

    private static Trial TrialOf(RecordedTrial t, int scorer, double fill)
    {
        var results = t.Tasks.Values.Select(x => x.Result).ToArray();
        var tests = results.Select(r => r.Error is null && scorer < r.TestScores.Length ? r.TestScores[scorer] : fill).ToArray();
        var trains = results.All(r => r.TrainScores is not null)
            ? results.Select(r => r.Error is null && scorer < r.TrainScores!.Length ? r.TrainScores[scorer] : fill).ToArray() : [];
        bool finished = t.State != TrialState.Running;
        double value = !finished ? double.NaN : scorer == 0 ? t.Value : tests.Length > 0 ? tests.Average() : double.NaN;
        var start = t.FirstStart;
        return new Trial
        {
            Number = t.Number,
            State = !finished ? TrialState.Running : t.State == TrialState.Fail || !double.IsFinite(value) ? TrialState.Fail : TrialState.Complete,
            Value = value,
            Params = t.Params,
            SplitScores = tests,
            TrainScores = trains,
            FitSeconds = results.Length > 0 ? results.Average(r => r.FitSeconds) : double.NaN,
            ScoreSeconds = results.Length > 0 ? results.Average(r => r.ScoreSeconds) : double.NaN,
            Start = start,
            Complete = t.FinishedAt,
            Duration = start is { } s && t.FinishedAt is { } f ? Math.Max(0, (f - s).TotalSeconds) : null,
            Iter = t.Iter,
            NResources = t.NResources,
            Error = t.Tasks.Values.Select(x => x.Error).FirstOrDefault(e => e is not null),
        };
    }

    /// <summary>
    /// True while a search holds the journal's lock (the driver is alive). A journal whose status says running but whose
    /// lock nobody holds was left by a driver that was killed. Probing takes a shared lock for an instant and never creates
    /// the lock file.
    /// </summary>
    public bool DriverRunning()
    {
        try
        {
            using var probe = new FileStream(Path + ".lock", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return false;
        }
        catch (FileNotFoundException) { return false; }
        catch (DirectoryNotFoundException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
        catch (IOException) { return true; }
    }

    private JournalInfo InfoOf(Dictionary<string, string> meta)
    {
        var scorers = meta.TryGetValue("scoring_names", out var names) ? ScorerNames(names) : ["score"];
        return new JournalInfo
        {
            Status = meta.GetValueOrDefault("status") ?? "running",
            Search = meta.GetValueOrDefault("search"),
            Estimator = meta.GetValueOrDefault("estimator_name"),
            Dataset = meta.GetValueOrDefault("dataset"),
            Scorers = scorers,
            Splits = int.TryParse(meta.GetValueOrDefault("n_splits"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 0,
            CreatedAt = meta.TryGetValue("created_at", out var c) ? Time(c, "meta.created_at") : null,
            UpdatedAt = meta.TryGetValue("updated_at", out var u) ? Time(u, "meta.updated_at") : null,
            ErrorScore = ErrorScoreOf(meta.GetValueOrDefault("identity.settings")),
        };
    }

    private string[] ScorerNames(string json)
    {
        try
        {
            var names = JsonSerializer.Deserialize<string[]>(json);
            if (names is { Length: > 0 } && names.All(n => !string.IsNullOrEmpty(n))) return names;
        }
        catch (JsonException) { }
        throw new InvalidDataException($"{Path}: meta scoring_names must be a JSON array of scorer names; got {json}.");
    }

    /// <summary>The search's error_score from its recorded settings: a number, NaN for "nan", null for "raise".</summary>
    private static double? ErrorScoreOf(string? settings)
    {
        if (settings is null) return double.NaN;
        try
        {
            using var doc = JsonDocument.Parse(settings);
            if (!doc.RootElement.TryGetProperty("error_score", out var e)) return double.NaN;
            return e.ValueKind switch
            {
                JsonValueKind.Number => e.GetDouble(),
                JsonValueKind.String when e.GetString() == "raise" => null,
                _ => double.NaN,
            };
        }
        catch (JsonException)
        {
            return double.NaN;
        }
    }

    private Dictionary<string, string> ReadMeta(SqliteTransaction transaction)
    {
        using var command = Command(transaction, "SELECT key, value FROM meta");
        using var reader = command.ExecuteReader();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) meta[reader.GetString(0)] = reader.GetString(1);
        return meta;
    }

    private DateTimeOffset Time(string text, string column) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
            : throw new InvalidDataException($"{Path}: {column} '{text}' is not an ISO 8601 time.");

    private T Scalar<T>(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    public void Dispose() => _connection.Dispose();
}
