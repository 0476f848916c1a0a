using System.Globalization;
using DuckDB.NET.Data;

namespace Scalearn.Tests.Data.ParquetInterop;

/// <summary>
/// An in-memory DuckDB session for tests: writes Parquet files the way DuckDB users get them, and reads files back as
/// DuckDB sees them (the oracle our reader is checked against).
/// </summary>
public sealed class DuckDb : IDisposable
{
    private readonly DuckDBConnection _connection;

    public DuckDb()
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
        Execute("SET TimeZone = 'UTC'");
    }

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>COPY (<paramref name="select"/>) TO <paramref name="path"/> as Parquet.</summary>
    public string WriteParquet(string path, string select, string compression = "SNAPPY", int? rowGroupSize = null)
    {
        var options = $"FORMAT PARQUET, COMPRESSION {compression}" + (rowGroupSize is { } n ? $", ROW_GROUP_SIZE {n}" : "");
        Execute($"COPY ({select}) TO '{path.Replace("'", "''")}' ({options})");
        return path;
    }

    /// <summary>The rows of a query, each column as DuckDB's own text of the value (null for NULL).</summary>
    public List<string?[]> QueryText(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (int c = 0; c < row.Length; c++) row[c] = reader.IsDBNull(c) ? null : Convert.ToString(reader.GetValue(c), CultureInfo.InvariantCulture);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>One column of a Parquet file as DuckDB prints it (CAST to VARCHAR), or of a CSV file as written, in file order.</summary>
    public string?[] ColumnText(string path, string column) =>
        QueryText($"SELECT CAST({Quote(column)} AS VARCHAR) FROM {Source(path)}").Select(r => r[0]).ToArray();

    /// <summary>One numeric column of a Parquet file as doubles (NaN for NULL), in file order.</summary>
    public double[] ColumnDoubles(string path, string column) =>
        QueryText($"SELECT CAST({Quote(column)} AS DOUBLE) FROM '{path.Replace("'", "''")}'")
            .Select(r => r[0] is null ? double.NaN : double.Parse(r[0]!, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Column names and DuckDB types of a Parquet or CSV file.</summary>
    public List<(string Name, string Type)> Describe(string path) =>
        QueryText($"DESCRIBE SELECT * FROM {Source(path)}").Select(r => (r[0]!, r[1]!)).ToList();

    /// <summary>A file as a table: a CSV file's cells as their text (no type guessing), a Parquet file as it is.</summary>
    private static string Source(string path)
    {
        var quoted = "'" + path.Replace("'", "''") + "'";
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? $"read_csv({quoted}, all_varchar = true)" : quoted;
    }

    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public void Dispose() => _connection.Dispose();
}
