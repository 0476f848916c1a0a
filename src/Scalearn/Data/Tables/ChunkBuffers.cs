namespace Scalearn.Data.Tables;

/// <summary>
/// The final arrays of a chunk (or of a whole file) that a format reader parses straight into: the row-major feature
/// matrix, the target, and one array per text, passthrough and group column, addressed per schema column.
/// </summary>
internal sealed class ChunkBuffers
{
    private readonly TableSchema _schema;
    private readonly object?[] _arrays;
    private double[] _x;
    private double[]? _y;

    /// <summary>Buffers that overwrite the arrays of <paramref name="recycled"/> when it is a full chunk of this schema and capacity.</summary>
    public static ChunkBuffers Create(TableSchema schema, int capacity, TableChunk? recycled)
    {
        bool reuse = recycled is not null && recycled.Schema == schema && recycled.Count == capacity;
        var buffers = new ChunkBuffers(schema, capacity, allocate: !reuse);
        if (reuse) buffers.Adopt(recycled!);
        return buffers;
    }

    public ChunkBuffers(TableSchema schema, int capacity) : this(schema, capacity, allocate: true) { }

    private ChunkBuffers(TableSchema schema, int capacity, bool allocate)
    {
        _schema = schema;
        Capacity = capacity;
        FeatureCount = schema.Features.Count;
        _arrays = new object?[schema.Columns.Count];
        FeatureIndex = new int[schema.Columns.Count];
        int feature = 0;
        foreach (var column in schema.Columns) FeatureIndex[column.Index] = column.Role == ColumnRole.Feature ? feature++ : -1;
        if (!allocate)
        {
            _x = [];
            return;
        }
        // Every row read writes all of its feature and target cells, so the numeric arrays need no zeroing (for large
        // chunks that is a pass over fresh memory saved).
        _x = GC.AllocateUninitializedArray<double>(checked(capacity * FeatureCount));
        _y = schema.Target is null ? null : GC.AllocateUninitializedArray<double>(capacity);
        foreach (var column in schema.Columns)
        {
            _arrays[column.Index] = column.Role switch
            {
                ColumnRole.Text => new string[capacity],
                ColumnRole.Passthrough or ColumnRole.Group => NewArray(column.Kind, capacity),
                _ => null,
            };
        }
    }

    private void Adopt(TableChunk chunk)
    {
        _x = chunk.Data.X.Values;
        _y = chunk.Data.Y;
        int passthrough = 0;
        foreach (var column in _schema.Columns)
        {
            _arrays[column.Index] = column.Role switch
            {
                ColumnRole.Text => chunk.Data.TextColumns[column.Name],
                ColumnRole.Passthrough => ArrayOf(chunk.Passthrough[passthrough++]),
                ColumnRole.Group => ArrayOf(chunk.Group!),
                _ => null,
            };
        }
    }

    private static object ArrayOf(TableColumn column) => column switch
    {
        DoubleColumn d => d.Values,
        LongColumn l => l.Values,
        StringColumn s => s.Values,
        _ => throw new InvalidOperationException(),
    };

    public int Capacity { get; private set; }
    public int FeatureCount { get; }

    /// <summary>Row-major features (Capacity x FeatureCount).</summary>
    public double[] X => _x;
    public double[]? Y => _y;

    /// <summary>Position among the features of each schema column (-1 for other roles).</summary>
    public int[] FeatureIndex { get; }

    /// <summary>The array of a text, passthrough or group column (double[], long[] or string[]), else null.</summary>
    public object? ArrayOf(int column) => _arrays[column];

    /// <summary>Grows every array to <paramref name="capacity"/> rows, keeping the rows already read.</summary>
    public void Grow(int capacity)
    {
        if (capacity <= Capacity) return;
        Array.Resize(ref _x, checked(capacity * FeatureCount));
        if (_y is not null) Array.Resize(ref _y, capacity);
        for (int c = 0; c < _arrays.Length; c++) _arrays[c] = Resize(_arrays[c], capacity);
        Capacity = capacity;
    }

    /// <summary>The first <paramref name="rows"/> rows as a chunk; arrays are trimmed (copied) only when rows &lt; Capacity.</summary>
    /// <param name="classNames">The class names a text target's codes index (see <see cref="TargetLabels"/>).</param>
    public TableChunk Build(int rows, long firstRow, string? name, IReadOnlyList<string>? classNames = null)
    {
        if (rows != Capacity)
        {
            Array.Resize(ref _x, rows * FeatureCount);
            if (_y is not null) Array.Resize(ref _y, rows);
            for (int c = 0; c < _arrays.Length; c++) _arrays[c] = Resize(_arrays[c], rows);
            Capacity = rows;
        }
        var text = new Dictionary<string, string[]>();
        var passthrough = new List<TableColumn>();
        TableColumn? group = null;
        foreach (var column in _schema.Columns)
        {
            var array = _arrays[column.Index];
            switch (column.Role)
            {
                case ColumnRole.Text: text[column.Name] = (string[])array!; break;
                case ColumnRole.Passthrough: passthrough.Add(ToColumn(column, array!)); break;
                case ColumnRole.Group: group = ToColumn(column, array!); break;
            }
        }
        var data = new Dataset(new Matrix(_x, rows, FeatureCount), _y, _schema.FeatureNames, _schema.TargetName, name, text, classNames);
        return new TableChunk(_schema, firstRow, data, passthrough, group);
    }

    private static object NewArray(ColumnKind kind, int capacity) => kind switch
    {
        ColumnKind.Double => GC.AllocateUninitializedArray<double>(capacity),
        ColumnKind.Long => GC.AllocateUninitializedArray<long>(capacity),
        _ => new string?[capacity],
    };

    private static object? Resize(object? array, int length)
    {
        switch (array)
        {
            case double[] d: Array.Resize(ref d, length); return d;
            case long[] l: Array.Resize(ref l, length); return l;
            case string?[] s: Array.Resize(ref s, length); return s;
            default: return null;
        }
    }

    private static TableColumn ToColumn(SchemaColumn column, object array) => array switch
    {
        double[] d => new DoubleColumn(column.Name, d),
        long[] l => new LongColumn(column.Name, l),
        _ => new StringColumn(column.Name, (string?[])array, column.TextType),
    };
}
