using System.Numerics;
using Parquet.Schema;

namespace Scalearn.Data.ParquetFiles;

/// <summary>How a Parquet column maps onto table kinds: numbers (to doubles or longs), strings, values shown as strings, or unsupported.</summary>
internal enum ParquetValueClass { Floating, Integer, String, Formatted, Unsupported }

internal static class ParquetColumnType
{
    private static readonly Type[] FloatingTypes = [typeof(double), typeof(float), typeof(decimal), typeof(Half)];
    private static readonly Type[] IntegerTypes =
        [typeof(long), typeof(int), typeof(short), typeof(sbyte), typeof(byte), typeof(ushort), typeof(uint), typeof(ulong), typeof(bool)];
    private static readonly Type[] FormattedTypes =
        [typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(Guid)];

    public static ParquetValueClass Classify(Field field)
    {
        if (field is not DataField data || data.IsArray || data.MaxRepetitionLevel > 0) return ParquetValueClass.Unsupported;
        var t = data.ClrType;
        if (FloatingTypes.Contains(t)) return ParquetValueClass.Floating;
        if (IntegerTypes.Contains(t)) return ParquetValueClass.Integer;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>)) return ParquetValueClass.String;
        if (FormattedTypes.Contains(t)) return ParquetValueClass.Formatted;
        return ParquetValueClass.Unsupported;
    }

    /// <summary>A readable name of the column's type for error messages.</summary>
    public static string Describe(Field field) => field switch
    {
        DataField { IsArray: true } d => $"array of {d.ClrType.Name}",
        DataField d => d.ClrType == typeof(ReadOnlyMemory<char>) ? "String" : d.ClrType.Name,
        _ => field.SchemaType.ToString().ToLowerInvariant(),
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
}

/// <summary>A generic operation over the numeric CLR type of a column, picked at run time by <see cref="ParquetColumnType.Dispatch"/>.</summary>
internal interface INumberReader<out TResult>
{
    TResult Read<T>() where T : unmanaged, INumberBase<T>;
}
