using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Data;
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
    public static DecodedColumn Decode(ParquetRowGroupReader rowGroup, ParquetColumn column, int rows, ColumnKind kind)
    {
        var field = column.Data!;
        var valueClass = ParquetColumnType.Classify(column);
        if (kind == ColumnKind.String)
        {
            if (valueClass == ParquetValueClass.String)
            {
                var strings = new string?[rows];
                Wait(rowGroup.ReadAsync(field, strings.AsMemory()));
                return new DecodedColumn { Strings = strings };
            }
            return new DecodedColumn { Strings = ReadBoxed(rowGroup, column, rows) };
        }
        if (field.ClrType == typeof(bool)) return ReadBooleans(rowGroup, field, rows, kind);
        if (field is DecimalDataField { Precision: > 28 } wide) return WideDecimalNumbers(ReadWideDecimals(rowGroup, wide, rows), kind);
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
        var values = ReadNullable<bool>(rowGroup, field, rows);
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

    /// <summary>
    /// Any non-string column shown as text the way DuckDB prints it: DATE as 2024-01-30, TIMESTAMP as
    /// 2024-01-30 12:34:56.789 (the wall-clock time as stored, "+00" appended when it is adjusted to UTC), TIME as
    /// 12:34:56.789, decimals with their scale, booleans as true/false, BLOBs with bytes outside printable ASCII as \xHH.
    /// </summary>
    private static string?[] ReadBoxed(ParquetRowGroupReader rowGroup, ParquetColumn column, int rows)
    {
        var field = column.Data!;
        var t = field.ClrType;
        if (column.TimeUnitNanos is { } unit)
        {
            string zone = column.TimeIsUtc ? "+00" : "";
            return t == typeof(int)
                ? Format<int>(rowGroup, field, rows, v => TextOfTime(v * unit) + zone)
                : Format<long>(rowGroup, field, rows, v => TextOfTime(v * unit) + zone);
        }
        if (column.IsBinary) return ReadBinary(rowGroup, field, rows, column.IsJson);
        if (field is DateTimeDataField { Unit: DateTimeTimeUnit.Nanos } nanos) return ReadNanoTimestamps(rowGroup, nanos, rows);
        if (t == typeof(DateTime))
        {
            // INT96 (Spark's and Impala's legacy timestamps) has no time zone flag: shown as DuckDB and pyarrow show it, naive.
            bool? adjusted = field is DateTimeDataField d ? d.IsAdjustedToUTC && d.DateTimeFormat != DateTimeFormat.Impala : null;
            return Format<DateTime>(rowGroup, field, rows, v => TextOfTimestamp(v, adjusted ?? v.Kind == DateTimeKind.Utc));
        }
        if (t == typeof(DateTimeOffset))
            return Format<DateTimeOffset>(rowGroup, field, rows, v => TextOfTimestamp(v.UtcDateTime, utc: true));
        if (t == typeof(DateOnly)) return Format<DateOnly>(rowGroup, field, rows, v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (t == typeof(TimeOnly)) return Format<TimeOnly>(rowGroup, field, rows, v => TextOfTime(v.Ticks * 100));
        if (t == typeof(TimeSpan)) return Format<TimeSpan>(rowGroup, field, rows, v => TextOfTime(v.Ticks * 100));
        if (t == typeof(Guid)) return Format<Guid>(rowGroup, field, rows, v => v.ToString("D"));
        if (t == typeof(bool)) return Format<bool>(rowGroup, field, rows, v => v ? "true" : "false");
        if (field is DecimalDataField { Precision: > 28 } wide) return ReadWideDecimals(rowGroup, wide, rows);
        if (t == typeof(decimal))
        {
            string format = field is DecimalDataField { Scale: var scale and >= 0 } ? "F" + scale.ToString(CultureInfo.InvariantCulture) : "G";
            return Format<decimal>(rowGroup, field, rows, v => v.ToString(format, CultureInfo.InvariantCulture));
        }
        return ParquetColumnType.Dispatch(field, new NumberFormatter(rowGroup, field, rows));
    }

    /// <summary>TIMESTAMP(NANOS) from the stored integers, since a DateTime would drop the last two digits.</summary>
    private static string?[] ReadNanoTimestamps(ParquetRowGroupReader rowGroup, DateTimeDataField field, int rows)
    {
        // The same top-level column seen as plain INT64 (a schema of its own sets its definition levels).
        var raw = new DataField(field.Name, field.IsNullable ? typeof(long?) : typeof(long));
        _ = new ParquetSchema(raw);
        var values = ReadNullable<long>(rowGroup, raw, rows);
        var result = new string?[rows];
        for (int i = 0; i < rows; i++)
        {
            if (values[i] is not { } stored) continue;
            long fraction = (stored % 1_000_000_000 + 1_000_000_000) % 1_000_000_000;
            result[i] = TextOfTimestamp(DateTime.UnixEpoch.AddSeconds((stored - fraction) / 1_000_000_000), fraction, field.IsAdjustedToUTC);
        }
        return result;
    }

    /// <summary>DECIMAL beyond 28 digits from the stored unscaled integers, since System.Decimal would drop digits.</summary>
    private static string?[] ReadWideDecimals(ParquetRowGroupReader rowGroup, DecimalDataField field, int rows)
    {
        var raw = new BigDecimalDataField(field.Name, field.Precision, field.Scale, isNullable: field.IsNullable);
        _ = new ParquetSchema(raw);
        var values = ReadNullable<BigDecimal>(rowGroup, raw, rows);
        var result = new string?[rows];
        for (int i = 0; i < rows; i++)
        {
            if (values[i] is not { } value) continue;
            var digits = BigInteger.Abs(value.UnscaledValue).ToString(CultureInfo.InvariantCulture).PadLeft(field.Scale + 1, '0');
            var text = field.Scale == 0 ? digits : digits[..^field.Scale] + "." + digits[^field.Scale..];
            result[i] = value.UnscaledValue.Sign < 0 ? "-" + text : text;
        }
        return result;
    }

    /// <summary>Wide decimals as doubles (the nearest double of the exact text), NaN and a null flag for nulls.</summary>
    private static DecodedColumn WideDecimalNumbers(string?[] text, ColumnKind kind)
    {
        if (kind != ColumnKind.Double) throw new InvalidOperationException($"A DECIMAL wider than 28 digits cannot be read as {kind}.");
        var result = new DecodedColumn { Doubles = new double[text.Length] };
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is { } v) result.Doubles[i] = double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture);
            else
            {
                (result.Nulls ??= new bool[text.Length])[i] = true;
                result.Doubles[i] = double.NaN;
            }
        }
        return result;
    }

    /// <summary>A column's values with nulls, whether or not the column is nullable.</summary>
    private static T?[] ReadNullable<T>(ParquetRowGroupReader rowGroup, DataField field, int rows) where T : struct
    {
        var values = new T?[rows];
        if (field.IsNullable) Wait(rowGroup.ReadAsync<T>(field, values.AsMemory()));
        else
        {
            var plain = new T[rows];
            Wait(rowGroup.ReadAsync<T>(field, plain.AsMemory()));
            for (int i = 0; i < rows; i++) values[i] = plain[i];
        }
        return values;
    }

    private static string TextOfTimestamp(DateTime value, bool utc) =>
        TextOfTimestamp(value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond)), value.Ticks % TimeSpan.TicksPerSecond * 100, utc);

    /// <summary>A whole second plus <paramref name="nanoseconds"/>, as DuckDB prints a timestamp ("+00" when adjusted to UTC).</summary>
    private static string TextOfTimestamp(DateTime second, long nanoseconds, bool utc)
    {
        var text = second.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(nanoseconds);
        return utc ? text + "+00" : text;
    }

    private static string TextOfTime(long nanoseconds)
    {
        long seconds = nanoseconds / 1_000_000_000;
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}") + Fraction(nanoseconds % 1_000_000_000);
    }

    /// <summary>".123" for 123,000,000 ns: the fraction of a second without trailing zeros, empty for none.</summary>
    private static string Fraction(long nanoseconds) =>
        nanoseconds == 0 ? "" : "." + nanoseconds.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0');

    private static string?[] ReadBinary(ParquetRowGroupReader rowGroup, DataField field, int rows, bool utf8)
    {
        var values = new byte[]?[rows];
        Wait(rowGroup.ReadAsync(field, values.AsMemory()));
        if (utf8) return Array.ConvertAll(values, v => v is null ? null : System.Text.Encoding.UTF8.GetString(v));
        var result = new string?[rows];
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < rows; i++)
        {
            if (values[i] is not { } bytes) continue;
            text.Clear();
            foreach (byte b in bytes)
            {
                // DuckDB's rule: printable ASCII except the quotes and the backslash stays, every other byte is \xHH.
                if (b is >= 32 and <= 126 && b is not ((byte)'\\' or (byte)'\'' or (byte)'"')) text.Append((char)b);
                else text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
            }
            result[i] = text.ToString();
        }
        return result;
    }

    private sealed class NumberFormatter(ParquetRowGroupReader rowGroup, DataField field, int rows) : INumberReader<string?[]>
    {
        public string?[] Read<T>() where T : unmanaged, INumberBase<T> =>
            Format<T>(rowGroup, field, rows, v => v.ToString(typeof(T) == typeof(double) ? "R" : null, CultureInfo.InvariantCulture));
    }

    private static string?[] Format<T>(ParquetRowGroupReader rowGroup, DataField field, int rows, Func<T, string> format) where T : struct
    {
        var values = ReadNullable<T>(rowGroup, field, rows);
        var result = new string?[rows];
        for (int i = 0; i < rows; i++)
            result[i] = values[i] is { } v ? format(v) : null;
        return result;
    }

    private static void Wait(ValueTask task) => task.AsTask().GetAwaiter().GetResult();
}
