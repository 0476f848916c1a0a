namespace Scalearn.Data.Tables;

/// <summary>
/// Reads given partitions of a file, in the given order, one whole partition per chunk (each chunk keeps the file's
/// row numbers, so errors still name the file's own rows): what a shuffled-chunk epoch reads ahead from.
/// </summary>
internal sealed class PartitionSequenceReader(IReadOnlyList<TablePartition> order, TableOptions options) : ITableReader
{
    private int _next;

    public TableSchema Schema => throw new NotSupportedException("Read the schema from the file.");

    public TableChunk? Read(int maxRows, TableChunk? recycled = null)
    {
        if (_next == order.Count) return null;
        var partition = order[_next++];
        using var reader = TableReader.Open(partition, options);
        return reader.Read(checked((int)Math.Max(1, partition.RowCount)));
    }

    public void Dispose() { }
}
