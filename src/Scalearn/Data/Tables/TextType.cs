namespace Scalearn.Data.Tables;

/// <summary>
/// The typed values a text column spells, when a reader formatted them from a typed column (Parquet DATE, TIMESTAMP,
/// DECIMAL), so that a Parquet writer can write them back with their type; plain text has none.
/// </summary>
/// <param name="Name">DATE, TIMESTAMP (wall-clock time, "2024-01-30 12:34:56.789"), TIMESTAMPTZ (UTC, "...+00") or DECIMAL.</param>
public sealed record TextType(string Name, int Precision = 0, int Scale = 0)
{
    public static TextType Date { get; } = new("DATE");
    public static TextType Timestamp { get; } = new("TIMESTAMP");
    public static TextType TimestampUtc { get; } = new("TIMESTAMPTZ");
    public static TextType Decimal(int precision, int scale) => new("DECIMAL", precision, scale);
}
