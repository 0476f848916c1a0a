using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Schema;
using Scalearn.Data.Tables;

namespace Scalearn.Data.ParquetFiles;

/// <summary>One column of one row group decoded into the kind a reader wants: doubles or longs (with a null mask) or strings.</summary>
internal sealed class DecodedColumn
{
    public double[]? Doubles;
    public long[]? Longs;
    public string?[]? Strings;

    /// <summary>Null flags (null when the column has no nulls in this row group).</summary>
    public bool[]? Nulls;
}

/// <summary>Reads a row group's column through Parquet.Net and converts it to the destination kind.</summary>
internal static class ParquetColumnDecoder
{
    public static DecodedColumn Decode(ParquetRowGroupReader rowGroup, DataField field, int rows, ColumnKind kind)
    {
        var valueClass = ParquetColumnType.Classify(field);
        if (kind == ColumnKind.String)
        {
            if (valueClass == ParquetValueClass.String)
            {
                var strings = new string?[rows];
                Wait(rowGroup.ReadAsync(field, strings.AsMemory()));
                return new DecodedColumn { Strings = strings };
            }
            return new DecodedColumn { Strings = ReadBoxed(rowGroup, field, rows) };
        }
        if (field.ClrType == typeof(bool)) return ReadBooleans(rowGroup, field, rows, kind);
        return ParquetColumnType.Dispatch(field, new NumberDecoder(rowGroup, field, rows, kind));
    }

    private sealed class NumberDecoder(ParquetRowGroupReader rowGroup, DataField field, int rows, ColumnKind kind) : INumberReader<DecodedColumn>
    {
        public DecodedColumn Read<T>() where T : unmanaged, INumberBase<T>
        {
            var result = new DecodedColumn();
            if (kind == ColumnKind.Double) result.Doubles = new double[rows];
            else result.Longs = new long[rows];
            if (field.IsNullable)
            {
                var values = new T?[rows];
                Wait(rowGroup.ReadAsync<T>(field, values.AsMemory()));
                for (int i = 0; i < rows; i++)
                {
                    if (values[i] is { } v) Store(result, i, v);
                    else
                    {
                        (result.Nulls ??= new bool[rows])[i] = true;
                        if (result.Doubles is not null) result.Doubles[i] = double.NaN;
                    }
                }
            }
            else if (typeof(T) == typeof(double) && result.Doubles is not null)
                Wait(rowGroup.ReadAsync<double>(field, result.Doubles.AsMemory()));
            else if (typeof(T) == typeof(long) && result.Longs is not null)
                Wait(rowGroup.ReadAsync<long>(field, result.Longs.AsMemory()));
            else
            {
                var values = new T[rows];
                Wait(rowGroup.ReadAsync<T>(field, values.AsMemory()));
                for (int i = 0; i < rows; i++) Store(result, i, values[i]);
            }
            return result;
        }

        private static void Store<T>(DecodedColumn result, int i, T value) where T : INumberBase<T>
        {
            if (result.Doubles is not null) result.Doubles[i] = double.CreateChecked(value);
            else result.Longs![i] = long.CreateChecked(value);
        }
    }

    private static DecodedColumn ReadBooleans(ParquetRowGroupReader rowGroup, DataField field, int rows, ColumnKind kind)
    {
        var values = new bool?[rows];
        if (field.IsNullable) Wait(rowGroup.ReadAsync<bool>(field, values.AsMemory()));
        else
        {
            var plain = new bool[rows];
            Wait(rowGroup.ReadAsync<bool>(field, plain.AsMemory()));
            for (int i = 0; i < rows; i++) values[i] = plain[i];
        }
        var result = new DecodedColumn();
        if (kind == ColumnKind.Double) result.Doubles = new double[rows];
        else result.Longs = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            if (values[i] is { } b)
            {
                if (result.Doubles is not null) result.Doubles[i] = b ? 1 : 0;
                else result.Longs![i] = b ? 1 : 0;
            }
            else
            {
                (result.Nulls ??= new bool[rows])[i] = true;
                if (result.Doubles is not null) result.Doubles[i] = double.NaN;
            }
        }
        return result;
    }

    /// <summary>Any non-string column shown as invariant strings (dates in ISO 8601, doubles round-trip).</summary>
    private static string?[] ReadBoxed(ParquetRowGroupReader rowGroup, DataField field, int rows)
    {
        var t = field.ClrType;
        if (t == typeof(DateTime)) return Format<DateTime>(rowGroup, field, rows, "O");
        if (t == typeof(DateTimeOffset)) return Format<DateTimeOffset>(rowGroup, field, rows, "O");
        if (t == typeof(DateOnly)) return Format<DateOnly>(rowGroup, field, rows, "O");
        if (t == typeof(TimeOnly)) return Format<TimeOnly>(rowGroup, field, rows, "O");
        if (t == typeof(TimeSpan)) return Format<TimeSpan>(rowGroup, field, rows, "c");
        if (t == typeof(Guid)) return Format<Guid>(rowGroup, field, rows, "D");
        if (t == typeof(bool)) return Format<bool>(rowGroup, field, rows, null);
        return ParquetColumnType.Dispatch(field, new NumberFormatter(rowGroup, field, rows));
    }

    private sealed class NumberFormatter(ParquetRowGroupReader rowGroup, DataField field, int rows) : INumberReader<string?[]>
    {
        public string?[] Read<T>() where T : unmanaged, INumberBase<T> => Format<T>(rowGroup, field, rows, typeof(T) == typeof(double) ? "R" : null);
    }

    private static string?[] Format<T>(ParquetRowGroupReader rowGroup, DataField field, int rows, string? format) where T : struct
    {
        var values = new T?[rows];
        if (field.IsNullable) Wait(rowGroup.ReadAsync<T>(field, values.AsMemory()));
        else
        {
            var plain = new T[rows];
            Wait(rowGroup.ReadAsync<T>(field, plain.AsMemory()));
            for (int i = 0; i < rows; i++) values[i] = plain[i];
        }
        var result = new string?[rows];
        for (int i = 0; i < rows; i++)
            result[i] = values[i] is { } v ? v is IFormattable f ? f.ToString(format, CultureInfo.InvariantCulture) : v.ToString() : null;
        return result;
    }

    private static void Wait(ValueTask task) => task.AsTask().GetAwaiter().GetResult();
}
