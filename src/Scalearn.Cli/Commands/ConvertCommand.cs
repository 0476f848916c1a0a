using System.CommandLine;
using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Spectre.Console;
using TableColumn = Scalearn.Data.Tables.TableColumn;

namespace Scalearn.Cli.Commands;

/// <summary>
/// scalearn convert IN OUT: CSV to Parquet, Parquet to CSV, or CSV to CSV (normalised), streamed chunk by chunk with
/// bounded memory. Formats come from the extensions. The output appears only when complete (written beside it, then renamed).
/// </summary>
public static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Input file (.csv or .parquet), or a bundled dataset's name (see 'scalearn datasets')" };
        var output = new Argument<string>("out") { Description = "Output file (.csv or .parquet)" };
        var chunkRows = new Option<int>("--chunk-rows") { Description = "Rows read and written per chunk", DefaultValueFactory = _ => TableReader.DefaultChunkRows };
        var inferRows = CommonOptions.InferRows("each column of a CSV input");
        var rowGroupRows = new Option<int?>("--row-group-rows") { Description = "Parquet output: rows per row group (default: about 64 MB of values)" };
        var drop = new Option<string?>("--drop") { Description = "Comma-separated columns to leave out of the output (e.g. a Parquet LIST or STRUCT column)" };
        var command = new Command("convert", "Convert a table between CSV and Parquet, streaming") { input, output, chunkRows, inferRows, rowGroupRows, drop };
        command.SetAction((parse, ct) => Task.FromResult(Run(parse.GetRequiredValue(input), parse.GetRequiredValue(output),
            parse.GetValue(chunkRows), parse.GetValue(inferRows), parse.GetValue(rowGroupRows), ct, DataOptions.Names(parse.GetValue(drop)))));
        return command;
    }

    public static int Run(string input, string output, int chunkRows, int inferRows, int? rowGroupRows, CancellationToken ct,
        IReadOnlyList<string>? drop = null)
    {
        if (chunkRows < 1) throw new UsageException($"--chunk-rows must be at least 1; got {chunkRows}.");
        CommonOptions.CheckInferRows(inferRows);
        TableFormats.Of(output);
        input = BundledDatasets.FilePath(input);
        TableFormats.Of(input);
        if (Path.GetFullPath(input) == Path.GetFullPath(output)) throw new UsageException("the output must differ from the input.");
        var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Output folder not found: {folder}");
        var partial = Path.Combine(folder, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.partial{Path.GetExtension(output)}");
        var watch = Stopwatch.StartNew();
        long rows;
        try
        {
            rows = Copy(input, partial, chunkRows, inferRows, rowGroupRows, drop ?? [], watch, ct);
            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
        double seconds = watch.Elapsed.TotalSeconds;
        AnsiConsole.MarkupLineInterpolated($"{rows:N0} rows written to {output} in {seconds:F1} s ({rows / Math.Max(seconds, 1e-9):N0} rows/s)");
        return 0;
    }

    private static long Copy(string input, string output, int chunkRows, int inferRows, int? rowGroupRows, IReadOnlyList<string> drop, Stopwatch watch,
        CancellationToken ct)
    {
        var options = TableOptions.AllColumns with { InferRows = inferRows, Exclude = drop, OptionNames = TableOptionNames.Fixed };
        using var reader = TableReader.Open(input, options);
        // The reader leaves out a column it cannot read (Parquet LIST, MAP, STRUCT) that nothing names; a conversion must
        // not lose it silently: naming it gives the reader's error with its type and the --drop hint.
        if (reader.Schema.Columns.FirstOrDefault(c => c.Role == ColumnRole.Excluded && !drop.Contains(c.Name)) is { } unreadable)
            TableReader.ReadSchema(input, options with { Passthrough = [unreadable.Name] });
        using var writer = TableWriter.Create(output, rowGroupRows);
        var progress = new RowRate(watch);
        foreach (var chunk in reader.ReadAhead(chunkRows, depth: 2, reuse: true, cancellationToken: ct))
        {
            writer.Write(chunk);
            progress.Report(writer.RowsWritten);
        }
        if (writer.RowsWritten == 0) writer.Write(EmptyColumns(reader.Schema));
        progress.Done();
        return writer.RowsWritten;
    }

    /// <summary>Zero-row columns, so a file without rows still gets its header or schema.</summary>
    private static TableColumn[] EmptyColumns(TableSchema schema) => schema.Columns.Where(c => c.Role != ColumnRole.Excluded)
        .Select(c => c.Kind switch
        {
            ColumnKind.Double => (TableColumn)new DoubleColumn(c.Name, []),
            ColumnKind.Long => new LongColumn(c.Name, []),
            _ => new StringColumn(c.Name, [], c.TextType),
        }).ToArray();

    /// <summary>Rows so far and rows/s on one rewritten stderr line, only when stderr is a terminal.</summary>
    private sealed class RowRate(Stopwatch watch)
    {
        private readonly bool _enabled = !System.Console.IsErrorRedirected;
        private TimeSpan _last;

        public void Report(long rows)
        {
            if (!_enabled || watch.Elapsed - _last < TimeSpan.FromMilliseconds(250)) return;
            _last = watch.Elapsed;
            System.Console.Error.Write($"\r{rows:N0} rows, {rows / Math.Max(watch.Elapsed.TotalSeconds, 1e-9):N0} rows/s   ");
        }

        public void Done()
        {
            if (_enabled && _last > TimeSpan.Zero) System.Console.Error.Write("\r" + new string(' ', 60) + "\r");
        }
    }
}
