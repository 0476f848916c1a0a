namespace Scalearn.Data.Tables;

/// <summary>
/// Consecutive rows of a file as read by an <see cref="ITableReader"/>: the model inputs as a <see cref="Dataset"/>
/// (features, target, text columns) plus the passthrough and group columns, all with <see cref="Count"/> rows.
/// </summary>
public sealed class TableChunk
{
    internal TableChunk(TableSchema schema, long firstRow, Dataset data, IReadOnlyList<TableColumn> passthrough, TableColumn? group)
    {
        Schema = schema;
        FirstRow = firstRow;
        Data = data;
        Passthrough = passthrough;
        Group = group;
    }

    public TableSchema Schema { get; }

    /// <summary>0-based index of the chunk's first row among the file's data rows (the header is not a row).</summary>
    public long FirstRow { get; }

    public int Count => Data.Count;

    /// <summary>Features, target and kept text columns; <c>Data.All</c> or the implicit conversion gives a <see cref="DataView"/>.</summary>
    public Dataset Data { get; }

    /// <summary>The passthrough columns in file order.</summary>
    public IReadOnlyList<TableColumn> Passthrough { get; }

    public TableColumn? Group { get; }

    /// <summary>Every column read, in file order, as columns (feature columns are copied out of the row-major matrix).</summary>
    public IReadOnlyList<TableColumn> Columns()
    {
        var result = new List<TableColumn>();
        int feature = 0, passthrough = 0;
        foreach (var column in Schema.Columns)
        {
            switch (column.Role)
            {
                case ColumnRole.Feature: result.Add(new DoubleColumn(column.Name, Data.X.Column(feature++))); break;
                case ColumnRole.Target: result.Add(new DoubleColumn(column.Name, Data.Y!)); break;
                case ColumnRole.Text: result.Add(new StringColumn(column.Name, Data.TextColumns[column.Name])); break;
                case ColumnRole.Passthrough: result.Add(Passthrough[passthrough++]); break;
                case ColumnRole.Group: result.Add(Group!); break;
            }
        }
        return result;
    }

    public static implicit operator DataView(TableChunk chunk) => chunk.Data.All;
}
