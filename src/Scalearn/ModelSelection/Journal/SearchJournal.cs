using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Scalearn.ModelSelection.Journal;

/// <summary>
/// A search's journal (SQLite): every proposed candidate and every finished task is appended as it happens, so a search
/// run again with the same journal resumes where it stopped: finished tasks are read back instead of recomputed, and
/// tasks that were in flight run again. A journal belongs to one search (its data, folds, estimator, candidates and
/// settings); another search is refused, naming what differs, and so is a second driver while the first runs.
/// Readers (reports, the dashboard) may open it while it is written.
/// </summary>
public sealed class SearchJournal : IDisposable
{
    private const int FormatVersion = 1;

    private readonly SqliteConnection _connection;
    private readonly FileStream _lock;
    private readonly object _gate = new();

    private SearchJournal(string path, SqliteConnection connection, FileStream lockFile, bool resumed)
    {
        Path = path;
        _connection = connection;
        _lock = lockFile;
        Resumed = resumed;
    }

    public string Path { get; }

    /// <summary>True when the journal already held this search's work.</summary>
    public bool Resumed { get; }

    /// <summary>
    /// Opens (or creates) the journal at <paramref name="path"/> for the search described by <paramref name="identity"/>
    /// (named parts: data, folds, estimator, candidates, settings); <paramref name="info"/> is descriptive metadata for readers.
    /// </summary>
    public static SearchJournal Open(string path, IReadOnlyDictionary<string, string> identity, IReadOnlyDictionary<string, string> info)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        FileStream lockFile;
        try
        {
            // An OS lock, released even when the driver is killed: a second driver is refused, never interleaved.
            lockFile = new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new JournalException($"Journal '{path}' is in use by another running search; wait for it to finish or use another journal.");
        }
        SqliteConnection? connection = null;
        try
        {
            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS trials (trial INTEGER PRIMARY KEY, params TEXT NOT NULL, iter INTEGER, n_resources INTEGER,
                    proposed_at TEXT NOT NULL, finished_at TEXT, value REAL, state TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS tasks (trial INTEGER NOT NULL, split INTEGER NOT NULL, result BLOB NOT NULL, error TEXT,
                    worker TEXT, seconds REAL, finished_at TEXT NOT NULL, PRIMARY KEY (trial, split));
                """);
            var meta = ReadMeta(connection);
            bool resumed = meta.ContainsKey("format_version");
            if (resumed) CheckSameSearch(path, meta, identity);
            var journal = new SearchJournal(path, connection, lockFile, resumed);
            var values = new Dictionary<string, string>(info) { ["format_version"] = FormatVersion.ToString(CultureInfo.InvariantCulture), ["status"] = "running" };
            foreach (var (key, value) in identity) values["identity." + key] = value;
            if (!resumed) values["created_at"] = Now();
            journal.SetMeta(values);
            return journal;
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            lockFile.Dispose();
            throw new JournalException($"Journal '{path}' cannot be used: {e.Message}", e);
        }
        catch
        {
            connection?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    private static void CheckSameSearch(string path, Dictionary<string, string> meta, IReadOnlyDictionary<string, string> identity)
    {
        if (meta["format_version"] != FormatVersion.ToString(CultureInfo.InvariantCulture))
            throw new JournalException($"Journal '{path}' has format {meta["format_version"]}; this version of Scalearn writes format {FormatVersion}.");
        var differing = identity.Where(kv => !meta.TryGetValue("identity." + kv.Key, out var recorded) || recorded != kv.Value).Select(kv => kv.Key).ToList();
        if (differing.Count > 0)
            throw new JournalException($"Journal '{path}' was written by a different search (these differ: {string.Join(", ", differing)}); " +
                "resume with the same command and data, or use another journal.");
    }

    /// <summary>The recorded proposal of <paramref name="trial"/>, or null.</summary>
    public JournalTrial? Trial(int trial)
    {
        lock (_gate)
        {
            using var command = Command("SELECT params, iter, n_resources FROM trials WHERE trial = $t", ("$t", trial));
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return null;
            return new JournalTrial(trial, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
        }
    }

    /// <summary>When each recorded trial was proposed and, if it was, finished (UTC ticks).</summary>
    public IReadOnlyDictionary<int, JournalHistory> History()
    {
        static long Ticks(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).UtcTicks;
        lock (_gate)
        {
            using var command = Command("SELECT trial, proposed_at, finished_at FROM trials");
            using var reader = command.ExecuteReader();
            var history = new Dictionary<int, JournalHistory>();
            while (reader.Read()) history[reader.GetInt32(0)] = new JournalHistory(Ticks(reader.GetString(1)), reader.IsDBNull(2) ? null : Ticks(reader.GetString(2)));
            return history;
        }
    }

    public void RecordTrial(JournalTrial trial)
    {
        lock (_gate)
            Run("INSERT OR IGNORE INTO trials (trial, params, iter, n_resources, proposed_at, state) VALUES ($t, $p, $i, $n, $at, 'RUNNING')",
                ("$t", trial.Trial), ("$p", trial.Params), ("$i", (object?)trial.Iter ?? DBNull.Value), ("$n", (object?)trial.NResources ?? DBNull.Value), ("$at", Now()));
    }

    /// <summary>Encoded results of the finished tasks of <paramref name="trial"/>, by split.</summary>
    public IReadOnlyDictionary<int, byte[]> Results(int trial)
    {
        lock (_gate)
        {
            using var command = Command("SELECT split, result FROM tasks WHERE trial = $t", ("$t", trial));
            using var reader = command.ExecuteReader();
            var results = new Dictionary<int, byte[]>();
            while (reader.Read()) results[reader.GetInt32(0)] = (byte[])reader.GetValue(1);
            return results;
        }
    }

    public void RecordTask(int trial, int split, byte[] result, string? error, string worker, double seconds)
    {
        lock (_gate)
            Run("INSERT OR REPLACE INTO tasks (trial, split, result, error, worker, seconds, finished_at) VALUES ($t, $s, $r, $e, $w, $sec, $at)",
                ("$t", trial), ("$s", split), ("$r", result), ("$e", (object?)error ?? DBNull.Value), ("$w", worker), ("$sec", seconds), ("$at", Now()));
    }

    /// <summary>
    /// Marks a trial finished with its score (NaN when every split failed). A trial a previous run finished keeps its time:
    /// a resumed run replays the finishes in that order.
    /// </summary>
    public void RecordScore(int trial, double value, bool failed)
    {
        lock (_gate)
            Run("UPDATE trials SET finished_at = $at, value = $v, state = $st WHERE trial = $t AND finished_at IS NULL",
                ("$t", trial), ("$at", Now()), ("$v", double.IsFinite(value) ? value : DBNull.Value), ("$st", failed ? "FAIL" : "COMPLETE"));
    }

    /// <summary>Records how the run ended (completed, cancelled or failed).</summary>
    public void RecordStatus(string status)
    {
        lock (_gate) SetMeta(new Dictionary<string, string> { ["status"] = status, ["updated_at"] = Now() });
    }

    private void SetMeta(IReadOnlyDictionary<string, string> values)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var (key, value) in values)
        {
            using var command = Command("INSERT OR REPLACE INTO meta (key, value) VALUES ($k, $v)", ("$k", key), ("$v", value));
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static Dictionary<string, string> ReadMeta(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM meta";
        using var reader = command.ExecuteReader();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) meta[reader.GetString(0)] = reader.GetString(1);
        return meta;
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private void Run(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _connection.Dispose();
        // The lock file stays: deleting it could let two later drivers lock two different files of the same name.
        _lock.Dispose();
    }
}

/// <summary>When a recorded trial was proposed and finished (UTC ticks; null while unfinished).</summary>
public sealed record JournalHistory(long Proposed, long? Finished);

/// <summary>A proposed candidate as the journal records it: canonical parameter JSON and, for halving, its rung and resources.</summary>
public sealed record JournalTrial(int Trial, string Params, int? Iter = null, long? NResources = null);

/// <summary>A journal cannot be used: locked by another driver, written by another search, or unreadable.</summary>
public sealed class JournalException : Exception
{
    public JournalException(string message) : base(message) { }
    public JournalException(string message, Exception inner) : base(message, inner) { }
}
