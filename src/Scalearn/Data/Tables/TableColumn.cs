namespace Scalearn.Data.Tables;

/// <summary>
/// A named column of values handed to writers and carried in chunks: <see cref="DoubleColumn"/>, <see cref="LongColumn"/>
/// or <see cref="StringColumn"/>. The column owns its array; readers never reuse it.
/// </summary>
public abstract class TableColumn
{
    private protected TableColumn(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    public string Name { get; }
    public abstract ColumnKind Kind { get; }
    public abstract int Count { get; }
}

/// <summary>Doubles; NaN marks a missing value.</summary>
public sealed class DoubleColumn(string name, double[] values) : TableColumn(name)
{
    public double[] Values { get; } = values ?? throw new ArgumentNullException(nameof(values));
    public override ColumnKind Kind => ColumnKind.Double;
    public override int Count => Values.Length;
}

/// <summary>64-bit integers (no missing values).</summary>
public sealed class LongColumn(string name, long[] values) : TableColumn(name)
{
    public long[] Values { get; } = values ?? throw new ArgumentNullException(nameof(values));
    public override ColumnKind Kind => ColumnKind.Long;
    public override int Count => Values.Length;
}

/// <summary>Strings; null marks a missing value.</summary>
/// <param name="type">The typed values the strings spell (dates, timestamps, decimals read from Parquet), else null.</param>
public sealed class StringColumn(string name, string?[] values, TextType? type = null) : TableColumn(name)
{
    public string?[] Values { get; } = values ?? throw new ArgumentNullException(nameof(values));
    public TextType? Type { get; } = type;
    public override ColumnKind Kind => ColumnKind.String;
    public override int Count => Values.Length;
}
