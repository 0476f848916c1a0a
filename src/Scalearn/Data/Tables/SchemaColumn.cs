namespace Scalearn.Data.Tables;

/// <summary>
/// One column of a file: its 0-based position, name, storage kind and the role the reader gives it; for a carried-along
/// text column formatted from typed values, their type (see <see cref="Tables.TextType"/>).
/// </summary>
public sealed record SchemaColumn(int Index, string Name, ColumnKind Kind, ColumnRole Role, TextType? TextType = null);
