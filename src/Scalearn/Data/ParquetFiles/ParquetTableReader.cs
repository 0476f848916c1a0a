using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Scalearn.Data.Tables;

namespace Scalearn.Data.ParquetFiles;

/// <summary>
/// Streams a Parquet file, or the row groups of one partition, as chunks. Parquet.Net decodes whole column chunks, so
/// memory is one row group's needed columns plus one chunk; the whole-file load scatters each row group straight into
/// arrays sized from the footer's row count.
/// </summary>
internal sealed class ParquetTableReader : ITableReader
{
    private readonly ParquetReader _reader;
    private readonly TableOptions _options;
    private readonly ParquetColumn?[] _fields;
    private readonly string _path;
    private readonly string _name;
    private readonly int _groupEnd;
    private readonly TargetLabels? _labels;
    private int _nextGroup;
    private DecodedColumn?[]? _group;
    private int _groupRows, _groupOffset;
    private long _groupFirstRow, _nextRow;

    private ParquetTableReader(string path, ParquetReader reader, TableSchema schema, ParquetColumn?[] fields, TableOptions options, int groupStart,
        int groupEnd, bool wholeFile)
    {
        if (schema.Target is { Kind: ColumnKind.String } target)
        {
            if (options.ClassNames is null && !wholeFile)
                throw new ParquetFormatException(path,
                    $"the target column '{target.Name}' holds text class labels; reading it in chunks needs the classes up front " +
                    $"({options.OptionNames.ClassNames}) so that every chunk codes them alike", 0, target.Name, target.Index + 1);
            _labels = new TargetLabels(options.SortedClassNames);
        }
        _path = path;
        _reader = reader;
        Schema = schema;
        _fields = fields;
        _options = options;
        _name = options.Name ?? Path.GetFileNameWithoutExtension(path);
        _nextGroup = groupStart;
        _groupEnd = groupEnd;
        _nextRow = FirstRowOf(groupStart);
    }

    public TableSchema Schema { get; }

    public static ParquetTableReader Open(string path, TableOptions options) => Open(path, options, wholeFile: false);

    private static ParquetTableReader Open(string path, TableOptions options, bool wholeFile)
    {
        var reader = OpenFile(path);
        return Create(path, reader, options, 0, reader.RowGroupCount, wholeFile);
    }

    public static ParquetTableReader Open(TablePartition partition, TableOptions options)
    {
        partition.CheckUnchanged();
        var reader = OpenFile(partition.Path);
        if (partition.End > reader.RowGroupCount)
        {
            Close(reader);
            throw new ParquetFormatException(partition.Path, $"partition {partition.Index} names row groups {partition.Start}-{partition.End} but the file has {reader.RowGroupCount}");
        }
        return Create(partition.Path, reader, options, (int)partition.Start, (int)partition.End, wholeFile: false);
    }

    private static ParquetTableReader Create(string path, ParquetReader reader, TableOptions options, int groupStart, int groupEnd, bool wholeFile)
    {
        try
        {
            var (schema, fields) = BuildSchema(path, reader, options);
            return new ParquetTableReader(path, reader, schema, fields, options, groupStart, groupEnd, wholeFile);
        }
        catch
        {
            Close(reader);
            throw;
        }
    }

    public TableChunk? Read(int maxRows, TableChunk? recycled = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        var buffers = ChunkBuffers.Create(Schema, maxRows, recycled);
        long firstRow = -1;
        int rows = 0;
        while (rows < maxRows)
        {
            if (_group is null || _groupOffset == _groupRows)
            {
                if (_nextGroup >= _groupEnd) break;
                LoadGroup(_nextGroup++);
                continue;
            }
            if (firstRow < 0) firstRow = _nextRow;
            int n = Math.Min(maxRows - rows, _groupRows - _groupOffset);
            Scatter(buffers, rows, _groupOffset, n);
            _groupOffset += n;
            _nextRow += n;
            rows += n;
        }
        if (rows == 0) return null;
        return buffers.Build(rows, firstRow, _name, _labels?.Finish(default));
    }

    /// <summary>The whole file as one chunk, its arrays allocated once from the row count in the footer.</summary>
    public static TableChunk ReadAll(string path, TableOptions options)
    {
        using var reader = Open(path, options, wholeFile: true);
        long total = reader._reader.Metadata?.NumRows ?? 0;
        if (total > Array.MaxLength / Math.Max(1, reader.Schema.Features.Count))
            throw new ParquetFormatException(path, $"{total} rows of {reader.Schema.Features.Count} features do not fit in one matrix; read it in chunks");
        var buffers = new ChunkBuffers(reader.Schema, (int)total);
        int rows = 0;
        while (reader._nextGroup < reader._groupEnd)
        {
            reader.LoadGroup(reader._nextGroup++);
            if (rows + reader._groupRows > total)
                throw new ParquetFormatException(path, $"the row groups hold more rows than the footer's total of {total}");
            reader.Scatter(buffers, rows, 0, reader._groupRows);
            rows += reader._groupRows;
            reader._group = null;
        }
        if (rows == 0) throw new ParquetFormatException(path, "the file has no rows");
        return buffers.Build(rows, 0, reader._name, reader._labels?.Finish(buffers.Y!.AsSpan(0, rows)));
    }

    /// <summary>Consecutive row groups balanced by rows into at most <paramref name="count"/> ranges.</summary>
    public static List<PartitionRange> SplitRowGroups(string path, int count)
    {
        var reader = OpenFile(path);
        using var close = new Closer(reader);
        var rowsPerGroup = reader.Metadata!.RowGroups.Select(g => g.NumRows).ToArray();
        long total = rowsPerGroup.Sum();
        var ranges = new List<PartitionRange>();
        int start = 0;
        long before = 0, acc = 0;
        for (int g = 0; g < rowsPerGroup.Length; g++)
        {
            acc += rowsPerGroup[g];
            bool last = g == rowsPerGroup.Length - 1;
            if (last || acc >= (double)total * (ranges.Count + 1) / count)
            {
                ranges.Add(new PartitionRange(start, g + 1, before, acc - before, 0));
                start = g + 1;
                before = acc;
            }
        }
        return ranges;
    }

    private static ParquetReader OpenFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Parquet file not found: {path}", path);
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return ParquetReader.CreateAsync(stream, new ParquetOptions { TreatByteArrayAsString = false, UseDateOnlyTypeForDates = true }, leaveStreamOpen: false)
                .GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException or UnauthorizedAccessException))
        {
            stream?.Dispose();
            throw new ParquetFormatException(path, $"not a readable Parquet file ({e.Message})", inner: e);
        }
    }

    private static (TableSchema, ParquetColumn?[]) BuildSchema(string path, ParquetReader reader, TableOptions options)
    {
        var fields = reader.Schema.Fields;
        var elements = ParquetColumnType.TopLevelLeaves(reader.Metadata?.Schema ?? []);
        var pandasIndex = PandasIndexColumns(reader);
        var names = fields.Select(f => f.Name).ToArray();
        var roles = ColumnRoles.Assign(names, options, problem => new ParquetFormatException(path, problem));
        var columns = new SchemaColumn[fields.Count];
        var dataFields = new ParquetColumn?[fields.Count];
        for (int c = 0; c < fields.Count; c++)
        {
            var field = fields[c];
            var column = new ParquetColumn(field, field is DataField ? elements.GetValueOrDefault(field.Name) : null);
            var role = roles[c];
            var valueClass = ParquetColumnType.Classify(column);
            ParquetFormatException Unsupported(string why) =>
                new(path, $"column of type {ParquetColumnType.Describe(column)} {why}", 0, field.Name, c + 1);
            // A nested column nothing names is left out when other columns are only carried along (listing a file's
            // columns, predict's kept columns): it cannot be a model's feature. Named, or as a feature, it is an error.
            if (valueClass == ParquetValueClass.Unsupported && role == ColumnRole.Passthrough && !Named(options, field.Name)) role = ColumnRole.Excluded;
            // pandas stores a DataFrame's index as a column (__index_level_0__, or the index's name) and reads it back as
            // the index, not as data: it is no feature and not carried along unless named.
            if (pandasIndex.Contains(field.Name) && role is ColumnRole.Feature or ColumnRole.Passthrough && !Named(options, field.Name)) role = ColumnRole.Excluded;
            if (role != ColumnRole.Excluded && valueClass == ParquetValueClass.Unsupported)
                throw Unsupported($"is not supported (only flat numeric, boolean, string and date/time columns are); leave it out with {options.OptionNames.Exclude}");
            bool numeric = valueClass is ParquetValueClass.Floating or ParquetValueClass.Integer;
            if (role == ColumnRole.Feature && !numeric)
            {
                if (!options.KeepTextColumns)
                    throw Unsupported(valueClass == ParquetValueClass.String
                        ? "holds text" + options.OptionNames.TextFeatureHint("it")
                        : $"cannot be a numeric feature; leave it out with {options.OptionNames.Exclude}" + TableOptionNames.Hint(options.OptionNames.TextColumns, $"{field.Name} reads it as text (categories)"));
                role = ColumnRole.Text;
            }
            if (role == ColumnRole.Target && !numeric && valueClass != ParquetValueClass.String)
                throw Unsupported("cannot be the target (a target holds numbers or text class labels)");
            bool textTarget = role == ColumnRole.Target && (!numeric || options.TextColumns.Contains(field.Name) || options.ClassNames is not null);
            // Read from every row group's statistics, so only for carried columns and once.
            var nulls = new Lazy<bool>(() => MayHoldNulls(reader, (DataField)field));
            var kind = role switch
            {
                ColumnRole.Target when textTarget => ColumnKind.String,
                ColumnRole.Feature or ColumnRole.Target => ColumnKind.Double,
                ColumnRole.Text => ColumnKind.String,
                _ when options.TextColumns.Contains(field.Name) || !numeric => ColumnKind.String,
                _ when ParquetColumnType.NeedsTextToStayExact(column, nulls.Value) => ColumnKind.String,
                _ => valueClass == ParquetValueClass.Integer && !nulls.Value ? ColumnKind.Long : ColumnKind.Double,
            };
            var textType = kind == ColumnKind.String && role is ColumnRole.Passthrough or ColumnRole.Group ? ParquetColumnType.TextTypeOf(column) : null;
            columns[c] = new SchemaColumn(c, field.Name, kind, role, textType);
            dataFields[c] = role == ColumnRole.Excluded ? null : column;
        }
        return (new TableSchema(path, TableFormat.Parquet, columns, options.Target ?? "target", reader.Metadata?.NumRows), dataFields);
    }

    /// <summary>The columns pandas' metadata marks as the DataFrame's index (a RangeIndex is stored as metadata only: none).</summary>
    private static HashSet<string> PandasIndexColumns(ParquetReader reader)
    {
        var index = new HashSet<string>(StringComparer.Ordinal);
        if (reader.CustomMetadata?.TryGetValue("pandas", out var json) != true || json is null) return index;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty("index_columns", out var columns) && columns.ValueKind == JsonValueKind.Array)
                foreach (var column in columns.EnumerateArray())
                    if (column.ValueKind == JsonValueKind.String) index.Add(column.GetString()!);
        }
        catch (JsonException)
        {
            // Unreadable pandas metadata: every column is data.
        }
        return index;
    }

    private static bool Named(TableOptions options, string name) =>
        name == options.Target || name == options.Group || options.Passthrough.Contains(name) || options.TextColumns.Contains(name)
        || options.Features?.Contains(name) == true;

    /// <summary>
    /// Whether a nullable column may hold nulls: unless every row group's statistics count none. An integer column with
    /// nulls is then read as doubles with NaN for the nulls (as pandas reads it), since longs have no missing value.
    /// </summary>
    private static bool MayHoldNulls(ParquetReader reader, DataField field)
    {
        if (!field.IsNullable) return false;
        foreach (var group in reader.Metadata?.RowGroups ?? [])
        {
            var chunk = group.Columns.FirstOrDefault(c => c.MetaData?.PathInSchema is [var only] && only == field.Name);
            if (chunk?.MetaData?.Statistics?.NullCount is not 0) return true;
        }
        return false;
    }

    private long FirstRowOf(int group) => _reader.Metadata!.RowGroups.Take(group).Sum(g => g.NumRows);

    private void LoadGroup(int index)
    {
        _groupFirstRow = FirstRowOf(index);
        _group = null;   // the previous group's columns can go before this one's are decoded
        var decoded = new DecodedColumn?[_fields.Length];
        int c = 0;
        try
        {
            var rowGroup = _reader.OpenRowGroupReader(index);
            int rows = checked((int)rowGroup.RowCount);
            for (c = 0; c < _fields.Length; c++)
                if (_fields[c] is { } field) decoded[c] = ParquetColumnDecoder.Decode(rowGroup, field, rows, Schema.Columns[c].Kind);
            _groupRows = rows;
        }
        catch (Exception e) when (e is not (ParquetFormatException or OperationCanceledException or OutOfMemoryException))
        {
            var column = c < _fields.Length ? Schema.Columns[c] : null;
            throw new ParquetFormatException(_path, $"cannot read row group {index} ({e.Message})", 0, column?.Name, column is null ? 0 : c + 1, e);
        }
        _group = decoded;
        _groupOffset = 0;
    }

    /// <summary>Copies rows [from, from + n) of the loaded row group into rows [to, to + n) of the buffers, checking values.</summary>
    private void Scatter(ChunkBuffers buffers, int to, int from, int n)
    {
        foreach (var column in Schema.Columns)
        {
            var values = _group![column.Index];
            if (values is null) continue;
            switch (column.Role)
            {
                case ColumnRole.Target when column.Kind == ColumnKind.String:
                {
                    var destination = buffers.Y!;
                    var labels = values.Strings!;
                    for (int i = 0; i < n; i++)
                    {
                        var label = labels[from + i] ?? throw Error(column, from + i, "missing target value");
                        int code = _labels!.Code(label);
                        if (code < 0) throw Error(column, from + i, $"class label '{label}' is not one of the known classes ({_labels.Describe()})");
                        destination[to + i] = code;
                    }
                    break;
                }
                case ColumnRole.Feature:
                case ColumnRole.Target:
                {
                    bool isTarget = column.Role == ColumnRole.Target;
                    double[] destination = isTarget ? buffers.Y! : buffers.X;
                    int stride = isTarget ? 1 : buffers.FeatureCount;
                    int offset = isTarget ? 0 : buffers.FeatureIndex[column.Index];
                    var source = values.Doubles!;
                    for (int i = 0; i < n; i++)
                    {
                        double v = source[from + i];
                        if (!double.IsFinite(v)) v = Unusual(column, v, from + i, isTarget);
                        destination[offset + (to + i) * stride] = v;
                    }
                    break;
                }
                case ColumnRole.Text:
                {
                    var destination = (string?[])buffers.ArrayOf(column.Index)!;
                    for (int i = 0; i < n; i++)
                    {
                        // A null is a missing value with AllowMissing (for SimpleImputer), else the empty category as before.
                        destination[to + i] = values.Strings![from + i] ?? (_options.AllowMissing ? null : "");
                    }
                    break;
                }
                default:
                    switch (buffers.ArrayOf(column.Index))
                    {
                        case double[] d: Array.Copy(values.Doubles!, from, d, to, n); break;
                        case long[] l:
                            if (values.Nulls is { } nulls && Array.IndexOf(nulls, true, from, n) is var at and >= 0)
                                throw Error(column, at, "null in an integer column (integer passthrough columns cannot hold nulls); exclude it or name it among the text columns");
                            Array.Copy(values.Longs!, from, l, to, n);
                            break;
                        case string?[] s: Array.Copy(values.Strings!, from, s, to, n); break;
                    }
                    break;
            }
        }
    }

    private double Unusual(SchemaColumn column, double v, int row, bool isTarget)
    {
        if (double.IsInfinity(v)) throw Error(column, row, $"infinite value {v} is not allowed");
        if (isTarget) throw Error(column, row, "missing target value");
        if (!_options.AllowMissing) throw Error(column, row, "missing value (null or NaN)" + TableOptionNames.Hint(_options.OptionNames.AllowMissing, "loads missing values as NaN"));
        return double.NaN;
    }

    private ParquetFormatException Error(SchemaColumn column, int rowInGroup, string problem) =>
        new(_path, problem, _groupFirstRow + rowInGroup + 1, column.Name, column.Index + 1);

    public void Dispose() => Close(_reader);

    private static void Close(ParquetReader reader) => reader.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private readonly struct Closer(ParquetReader reader) : IDisposable
    {
        public void Dispose() => Close(reader);
    }
}
