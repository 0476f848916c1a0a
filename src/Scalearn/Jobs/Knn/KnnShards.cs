using Scalearn.Data.Tables;

namespace Scalearn.Jobs;

/// <summary>One contiguous part of a k-NN index: rows [FirstRow, FirstRow + Rows) of the whole index.</summary>
public sealed record KnnShard(int Index, int FirstRow, int Rows, ShardBlob Blob);

/// <summary>
/// A k-NN index split into contiguous shards of (nearly) equal size, global row ids preserved (shard s holds rows
/// [n s / S, n (s + 1) / S)). The index file is streamed into one temporary file per shard, so the driver holds one
/// read chunk at a time, never the index; disposing deletes the files.
/// </summary>
public sealed class KnnShards : IDisposable
{
    private const int ReadRows = 8_192;
    private readonly string _folder;

    private KnnShards(string folder, IReadOnlyList<KnnShard> shards)
    {
        _folder = folder;
        Shards = shards;
    }

    public IReadOnlyList<KnnShard> Shards { get; }

    public int Count => Shards.Count;

    /// <summary>The temporary folder of the shard files.</summary>
    internal string Folder => _folder;

    /// <summary>Splits the <paramref name="rows"/> rows of <paramref name="path"/> (read with <paramref name="options"/>) into <paramref name="count"/> shards.</summary>
    public static KnnShards Write(string path, TableOptions options, int rows, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (count < 1 || count > rows)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"--shards must be between 1 and the number of indexed points ({rows}); got {count}.");
        string folder = Path.Combine(Path.GetTempPath(), "scalearn-knn-shards-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var shards = new List<KnnShard>(count);
        ShardBlob.Writer? current = null;
        try
        {
            using var reader = TableReader.Open(path, options);
            int cols = reader.Schema.FeatureNames.Count, read = 0;
            if (cols == 0) throw new InvalidDataException($"{path} has no feature columns to search.");
            foreach (var chunk in reader.ReadAhead(ReadRows, cancellationToken: cancellationToken))
            {
                if (read + (long)chunk.Count > rows) throw Miscounted(path, rows);
                for (int at = 0; at < chunk.Count;)
                {
                    int s = shards.Count;
                    current ??= new ShardBlob.Writer(Path.Combine(folder, $"shard{s}.bin"), End(rows, count, s) - Start(rows, count, s), cols);
                    int take = (int)Math.Min(chunk.Count - at, current.Remaining / Math.Max(1, cols));
                    current.Append(chunk.Data.X.Values.AsSpan(at * cols, take * cols));
                    at += take;
                    read += take;
                    if (current.Remaining > 0) continue;
                    using (current) shards.Add(new KnnShard(s, Start(rows, count, s), End(rows, count, s) - Start(rows, count, s), current.Finish()));
                    current = null;
                }
            }
            if (read != rows || shards.Count != count) throw Miscounted(path, rows);
            return new KnnShards(folder, shards);
        }
        catch
        {
            current?.Dispose();
            new KnnShards(folder, shards).Dispose();
            throw;
        }
    }

    private static int Start(int rows, int count, int shard) => (int)((long)rows * shard / count);

    private static int End(int rows, int count, int shard) => Start(rows, count, shard + 1);

    private static InvalidDataException Miscounted(string path, int rows) =>
        new($"{path} changed while it was read: its rows no longer number {rows}.");

    public void Dispose()
    {
        foreach (var shard in Shards) shard.Blob.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
