using Scalearn.Data.Tables;

namespace Scalearn.Data.Csv;

/// <summary>Streams a CSV file, or the byte range of one partition, as chunks parsed straight into their final arrays.</summary>
internal sealed class CsvTableReader : ITableReader
{
    private readonly CsvSchema _schema;
    private readonly TableOptions _options;
    private readonly CsvTextSource _source;
    private readonly CsvRowParser _parser;
    private readonly string _name;
    private readonly TargetLabels? _labels;
    private long _nextRow;

    private CsvTableReader(CsvInput input, TableOptions options, CsvTextSource source, CsvSchema schema, long firstRow, TargetLabels? labels)
    {
        _schema = schema;
        _options = options;
        _source = source;
        _parser = new CsvRowParser(input.Name, schema.Header, options.OptionNames);
        _name = options.Name ?? System.IO.Path.GetFileNameWithoutExtension(input.Name);
        _nextRow = firstRow;
        _labels = labels;
    }

    public TableSchema Schema => _schema.Table;

    public static CsvTableReader Open(CsvInput input, TableOptions options)
    {
        var schema = CsvSchema.Read(input, options);
        var labels = ChunkLabels(schema.Table, options, input.Name);
        var source = input.Open();
        try
        {
            CsvHeader.Read(source);
            return new CsvTableReader(input, options, source, schema, 0, labels);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    public static CsvTableReader Open(TablePartition partition, TableOptions options)
    {
        var input = CsvInput.File(partition.Path);
        partition.CheckUnchanged();
        var schema = CsvSchema.Read(input, options);
        var labels = ChunkLabels(schema.Table, options, input.Name);
        var source = input.Open(partition.Start, partition.End, partition.FirstLine);
        return new CsvTableReader(input, options, source, schema, partition.FirstRow, labels);
    }

    /// <summary>Chunks of a text target must code its labels alike, so the labels must be known before the first chunk.</summary>
    internal static TargetLabels? ChunkLabels(TableSchema schema, TableOptions options, string source)
    {
        if (schema.Target is not { Kind: ColumnKind.String } target) return null;
        if (options.ClassNames is null)
            throw new CsvFormatException(source, 0,
                $"the target column '{target.Name}' holds text class labels; reading it in chunks needs the classes up front ({options.OptionNames.ClassNames}) " +
                "so that every chunk codes them alike");
        return new TargetLabels(options.SortedClassNames);
    }

    public TableChunk? Read(int maxRows, TableChunk? recycled = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        if (_parser.Finished || _parser.Exhausted(_source)) return null;
        var buffers = ChunkBuffers.Create(Schema, maxRows, recycled);
        _schema.Bind(_parser, buffers, _options, wholeFile: false, _labels);
        int rows = _parser.ReadRows(_source, 0, maxRows);
        if (rows == 0) return null;
        var chunk = buffers.Build(rows, _nextRow, _name, _labels?.Finish(default));
        _nextRow += rows;
        return chunk;
    }

    /// <summary>
    /// The whole file as one chunk, allocated once at its exact size: one quote-aware scan counts the records, then the
    /// cells are parsed straight into the final arrays. A feature that shows text only after the sampled rows (with
    /// KeepTextColumns), or a target that shows text only there, restarts the load with that column known as text.
    /// </summary>
    public static TableChunk ReadAll(CsvInput input, TableOptions options)
    {
        while (true)
        {
            var schema = CsvSchema.Read(input, options);
            using var source = input.Open();
            CsvHeader.Read(source);
            var labels = schema.Table.Target is { Kind: ColumnKind.String } ? new TargetLabels(options.SortedClassNames) : null;
            var reader = new CsvTableReader(input, options, source, schema, 0, labels);
            var parser = reader._parser;
            int capacity = (int)Math.Clamp(input.CountDataRows(), 1, Array.MaxLength / Math.Max(1, schema.Table.Features.Count));
            var buffers = new ChunkBuffers(schema.Table, capacity);
            schema.Bind(parser, buffers, options, wholeFile: true, labels);
            int rows = 0;
            while (true)
            {
                rows += parser.ReadRows(source, rows, buffers.Capacity - rows);
                if (parser.Finished || parser.Exhausted(source)) break;
                buffers.Grow(checked(buffers.Capacity + Math.Max(1024, buffers.Capacity / 2)));
                schema.Bind(parser, buffers, options, wholeFile: true, labels);
            }
            if (rows == 0) throw new CsvFormatException(input.Name, 1, "the file has a header but no data rows");
            parser.CheckDeferredMissing();
            var turnedText = schema.Table.Features.Append(schema.Table.Target).OfType<SchemaColumn>()
                .Where(c => parser.SawText[c.Index]).Select(c => c.Name).ToArray();
            if (turnedText.Length == 0) return buffers.Build(rows, 0, reader._name, labels?.Finish(buffers.Y!.AsSpan(0, rows)));
            options = options with { TextColumns = [.. options.TextColumns, .. turnedText] };
        }
    }

    public void Dispose() => _source.Dispose();
}
