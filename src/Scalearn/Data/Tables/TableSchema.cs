namespace Scalearn.Data.Tables;

/// <summary>
/// The columns of a file with the kind and role a reader gives each: what every chunk of that reader holds.
/// Built from the file header (CSV: plus a sample of rows for kinds) or the Parquet footer.
/// </summary>
public sealed class TableSchema
{
    internal TableSchema(string sourceName, TableFormat format, IReadOnlyList<SchemaColumn> columns, string targetName, long? rowCount)
    {
        SourceName = sourceName;
        Format = format;
        Columns = columns;
        TargetName = targetName;
        RowCount = rowCount;
        Features = Of(ColumnRole.Feature);
        FeatureNames = Features.Select(c => c.Name).ToArray();
        Target = Of(ColumnRole.Target).SingleOrDefault();
        Group = Of(ColumnRole.Group).SingleOrDefault();
        Text = Of(ColumnRole.Text);
        Passthrough = Of(ColumnRole.Passthrough);
    }

    public string SourceName { get; }
    public TableFormat Format { get; }

    /// <summary>Every column of the file, in file order (excluded ones included, with <see cref="ColumnRole.Excluded"/>).</summary>
    public IReadOnlyList<SchemaColumn> Columns { get; }

    public IReadOnlyList<SchemaColumn> Features { get; }
    public IReadOnlyList<string> FeatureNames { get; }
    public SchemaColumn? Target { get; }

    /// <summary>Name given to the target of the chunks' datasets (the target column's name, or "target" when there is none).</summary>
    public string TargetName { get; }

    public SchemaColumn? Group { get; }
    public IReadOnlyList<SchemaColumn> Text { get; }
    public IReadOnlyList<SchemaColumn> Passthrough { get; }

    /// <summary>Data rows in the whole file when the format records it (Parquet), else null.</summary>
    public long? RowCount { get; }

    public SchemaColumn this[string name] =>
        Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"{SourceName} has no column '{name}'; the columns are: {string.Join(", ", Columns.Select(c => c.Name))}");

    private SchemaColumn[] Of(ColumnRole role) => Columns.Where(c => c.Role == role).ToArray();

    public override string ToString() =>
        $"{SourceName}: {string.Join(", ", Columns.Where(c => c.Role != ColumnRole.Excluded).Select(c => $"{c.Name} ({c.Role}, {c.Kind})"))}";
}
