using System.Numerics;
using Scalearn.Data.Tables;
using ConvertedType = Parquet.Meta.ConvertedType;
using SchemaElement = Parquet.Meta.SchemaElement;
using Parquet.Schema;

namespace Scalearn.Data.ParquetFiles;

/// <summary>How a Parquet column maps onto table kinds: numbers (to doubles or longs), strings, values shown as strings, or unsupported.</summary>
internal enum ParquetValueClass { Floating, Integer, String, Formatted, Unsupported }

/// <summary>A flat column's Parquet.Net field with the file's schema element for it (logical and converted types).</summary>
internal sealed record ParquetColumn(Field Field, SchemaElement? Element)
{
    public DataField? Data => Field as DataField;

    /// <summary>TIME stored as an integer (Parquet.Net reads it as a plain Int32/Int64): nanoseconds per stored unit, else null.</summary>
    public long? TimeUnitNanos
    {
        get
        {
            if (Element is null || Data is null || (Data.ClrType != typeof(long) && Data.ClrType != typeof(int))) return null;
            if (Element.LogicalType?.TIME is { } time)
                return time.Unit.MILLIS is not null ? 1_000_000 : time.Unit.MICROS is not null ? 1_000 : 1;
            return Element.ConvertedType switch
            {
                ConvertedType.TIME_MILLIS => 1_000_000,
                ConvertedType.TIME_MICROS => 1_000,
                _ => null,
            };
        }
    }

    /// <summary>TIME adjusted to UTC (DuckDB TIMETZ): shown with "+00".</summary>
    public bool TimeIsUtc => Element?.LogicalType?.TIME?.IsAdjustedToUTC == true;

    /// <summary>A BYTE_ARRAY column without a string annotation (DuckDB BLOB, pyarrow binary), or annotated JSON.</summary>
    public bool IsBinary => Data?.ClrType is { } t && (t == typeof(ReadOnlyMemory<byte>) || t == typeof(byte[]));

    /// <summary>JSON text, which Parquet.Net reads as bytes.</summary>
    public bool IsJson => IsBinary && (Element?.LogicalType?.JSON is not null || Element?.ConvertedType == ConvertedType.JSON);
}

internal static class ParquetColumnType
{
    private static readonly Type[] FloatingTypes = [typeof(double), typeof(float), typeof(decimal), typeof(Half)];
    private static readonly Type[] IntegerTypes =
        [typeof(long), typeof(int), typeof(short), typeof(sbyte), typeof(byte), typeof(ushort), typeof(uint), typeof(ulong), typeof(bool)];
    private static readonly Type[] FormattedTypes =
        [typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(Guid)];

    public static ParquetValueClass Classify(ParquetColumn column)
    {
        if (column.Data is not { } data || data.IsArray || data.MaxRepetitionLevel > 0) return ParquetValueClass.Unsupported;
        var t = data.ClrType;
        if (column.TimeUnitNanos is not null || column.IsBinary) return ParquetValueClass.Formatted;
        if (FloatingTypes.Contains(t)) return ParquetValueClass.Floating;
        if (IntegerTypes.Contains(t)) return ParquetValueClass.Integer;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>)) return ParquetValueClass.String;
        if (FormattedTypes.Contains(t)) return ParquetValueClass.Formatted;
        return ParquetValueClass.Unsupported;
    }

    /// <summary>Whether a passthrough or group column must be read as text to keep every value exactly (as DuckDB prints it).</summary>
    public static bool NeedsTextToStayExact(ParquetColumn column, bool mayHoldNulls)
    {
        var t = column.Data!.ClrType;
        // decimals beyond 15 digits, unsigned 64-bit integers beyond long, and 64-bit integers beyond 2^53 when nulls
        // would force doubles.
        return t == typeof(decimal) || t == typeof(ulong) || (t == typeof(long) && mayHoldNulls);
    }

    /// <summary>
    /// The type a Parquet writer can give back to the text of this column: DATE, TIMESTAMP to the microsecond (with or
    /// without UTC) and DECIMAL that fits .NET's decimal; null for the rest (nanosecond timestamps, TIME, wide decimals
    /// stay text rather than lose digits).
    /// </summary>
    public static TextType? TextTypeOf(ParquetColumn column) => column.Field switch
    {
        DataField d when d.ClrType == typeof(DateOnly) => TextType.Date,
        DateTimeDataField { Unit: DateTimeTimeUnit.Millis or DateTimeTimeUnit.Micros, DateTimeFormat: not DateTimeFormat.Impala } t =>
            t.IsAdjustedToUTC ? TextType.TimestampUtc : TextType.Timestamp,
        DecimalDataField { Precision: <= 28 } d => TextType.Decimal(d.Precision, d.Scale),
        _ => null,
    };

    /// <summary>A readable name of the column's type for error messages.</summary>
    public static string Describe(ParquetColumn column) => column.Field switch
    {
        _ when column.TimeUnitNanos is not null => "TIME",
        _ when column.IsJson => "JSON",
        _ when column.IsBinary => "BLOB (binary)",
        DataField { IsArray: true } d => $"array of {d.ClrType.Name}",
        DateTimeDataField => "TIMESTAMP",
        DataField d when d.ClrType == typeof(DateOnly) => "DATE",
        DataField d => d.ClrType == typeof(ReadOnlyMemory<char>) ? "String" : d.ClrType.Name,
        var f => f.SchemaType.ToString().ToUpperInvariant(),
    };

    /// <summary>Calls the generic <paramref name="reader"/> with the column's CLR value type.</summary>
    public static TResult Dispatch<TResult>(DataField field, INumberReader<TResult> reader)
    {
        var t = field.ClrType;
        if (t == typeof(double)) return reader.Read<double>();
        if (t == typeof(float)) return reader.Read<float>();
        if (t == typeof(decimal)) return reader.Read<decimal>();
        if (t == typeof(Half)) return reader.Read<Half>();
        if (t == typeof(long)) return reader.Read<long>();
        if (t == typeof(int)) return reader.Read<int>();
        if (t == typeof(short)) return reader.Read<short>();
        if (t == typeof(sbyte)) return reader.Read<sbyte>();
        if (t == typeof(byte)) return reader.Read<byte>();
        if (t == typeof(ushort)) return reader.Read<ushort>();
        if (t == typeof(uint)) return reader.Read<uint>();
        if (t == typeof(ulong)) return reader.Read<ulong>();
        throw new NotSupportedException($"{t.Name} is not a numeric Parquet type.");
    }

    /// <summary>The schema elements of the file's top-level leaf columns by name (nested groups are skipped whole).</summary>
    public static Dictionary<string, SchemaElement> TopLevelLeaves(IReadOnlyList<SchemaElement> elements)
    {
        var leaves = new Dictionary<string, SchemaElement>(StringComparer.Ordinal);
        int i = 1;   // element 0 is the root
        while (i < elements.Count)
        {
            var element = elements[i];
            if (element.NumChildren is > 0) i = SkipSubtree(elements, i);
            else
            {
                leaves.TryAdd(element.Name, element);
                i++;
            }
        }
        return leaves;
    }

    private static int SkipSubtree(IReadOnlyList<SchemaElement> elements, int i)
    {
        int children = elements[i].NumChildren ?? 0;
        i++;
        for (int c = 0; c < children && i < elements.Count; c++)
            i = elements[i].NumChildren is > 0 ? SkipSubtree(elements, i) : i + 1;
        return i;
    }
}

/// <summary>A generic operation over the numeric CLR type of a column, picked at run time by <see cref="ParquetColumnType.Dispatch"/>.</summary>
internal interface INumberReader<out TResult>
{
    TResult Read<T>() where T : unmanaged, INumberBase<T>;
}
