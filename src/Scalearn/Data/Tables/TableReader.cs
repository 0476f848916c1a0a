using Scalearn.Data.Csv;
using Scalearn.Data.ParquetFiles;

namespace Scalearn.Data.Tables;

/// <summary>
/// Opens CSV and Parquet files (format from the extension) for chunked reading, whole or by partition, and loads
/// whole files into one dataset without intermediate copies.
/// </summary>
public static class TableReader
{
    public const int DefaultChunkRows = 10_000;

    public static ITableReader Open(string path, TableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= TableOptions.Default;
        return TableFormats.Of(path) == TableFormat.Csv
            ? CsvTableReader.Open(CsvInput.File(path), options)
            : ParquetTableReader.Open(path, options);
    }

    /// <summary>Opens one partition made by <see cref="TablePartitioner.Split"/>; chunks carry the file's absolute row numbers.</summary>
    public static ITableReader Open(TablePartition partition, TableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(partition);
        options ??= TableOptions.Default;
        return partition.Format == TableFormat.Csv
            ? CsvTableReader.Open(partition, options)
            : ParquetTableReader.Open(partition, options);
    }

    /// <summary>The schema step alone: names, kinds and roles (CSV reads the header and the InferRows sample).</summary>
    public static TableSchema ReadSchema(string path, TableOptions? options = null)
    {
        using var reader = Open(path, options);
        return reader.Schema;
    }

    /// <summary>
    /// The whole file as one chunk whose arrays are allocated once at their final size (CSV: after one quote-aware scan
    /// that counts the records; Parquet: from the footer), so peak memory is about the result.
    /// </summary>
    public static TableChunk ReadAll(string path, TableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= TableOptions.Default;
        return TableFormats.Of(path) == TableFormat.Csv
            ? CsvTableReader.ReadAll(CsvInput.File(path), options)
            : ParquetTableReader.ReadAll(path, options);
    }

    /// <summary>The whole file as a dataset (features, target, text columns).</summary>
    public static Dataset Load(string path, TableOptions? options = null) => ReadAll(path, options).Data;

    /// <summary>Chunks of <paramref name="chunkRows"/> rows (the last may be shorter) until the reader is exhausted.</summary>
    /// <param name="reuse">
    /// Each chunk overwrites the arrays of the one before, so a chunk is valid only until the next is requested: for
    /// consumers that process a chunk and move on (scoring, partial_fit, conversion), it saves an allocation per chunk.
    /// </param>
    public static IEnumerable<TableChunk> Chunks(this ITableReader reader, int chunkRows = DefaultChunkRows, bool reuse = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        return Iterate(reader, chunkRows, reuse);

        static IEnumerable<TableChunk> Iterate(ITableReader reader, int chunkRows, bool reuse)
        {
            TableChunk? previous = null;
            while (reader.Read(chunkRows, reuse ? previous : null) is { } chunk)
            {
                yield return chunk;
                previous = chunk;
            }
        }
    }

    /// <summary>
    /// Chunks read on a background thread at most <paramref name="depth"/> chunks ahead of the consumer, so parsing
    /// overlaps the consumer's work while memory stays bounded. An error surfaces after the chunks before it; leaving the
    /// enumeration early stops the background reader. The reader must not be used elsewhere meanwhile.
    /// </summary>
    /// <param name="reuse">A chunk is valid only until the next is requested; its arrays then go back to the background reader.</param>
    public static IEnumerable<TableChunk> ReadAhead(this ITableReader reader, int chunkRows = DefaultChunkRows, int depth = 2,
        bool reuse = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        return new ReadAheadChunks(reader, chunkRows, depth, reuse, cancellationToken);
    }

    /// <summary>
    /// The file's chunks of <paramref name="chunkRows"/> rows, in file order, parsed ahead of the consumer by
    /// <paramref name="parsers"/> threads: a CSV file is cut at record starts by one quote-aware scan running ahead, and
    /// consecutive chunks are parsed side by side (see <see cref="CsvParallelChunks"/>); the chunks, their row numbers and
    /// any error (after the chunks before it) are those of <see cref="ReadAhead"/>, whatever the thread count. Parquet, or
    /// a single parser, reads on one background thread.
    /// </summary>
    /// <param name="parsers">Parser threads; null: one per core, at most <see cref="MaxParsers"/>.</param>
    /// <param name="reuse">A chunk is valid only until the next is requested; its arrays then go back to the parsers.</param>
    public static IEnumerable<TableChunk> ParseAhead(string path, TableOptions? options = null, int chunkRows = DefaultChunkRows,
        int? parsers = null, bool reuse = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        int threads = ParserThreads(parsers);
        options ??= TableOptions.Default;
        if (threads > 1 && TableFormats.Of(path) == TableFormat.Csv)
            return new CsvParallelChunks(CsvInput.File(path), options, chunkRows, threads, reuse, cancellationToken);
        return OneReader(path, options, chunkRows, reuse, cancellationToken);

        static IEnumerable<TableChunk> OneReader(string path, TableOptions options, int chunkRows, bool reuse, CancellationToken cancellationToken)
        {
            using var reader = Open(path, options);
            foreach (var chunk in reader.ReadAhead(chunkRows, depth: 1, reuse, cancellationToken)) yield return chunk;
        }
    }

    /// <summary>
    /// Whole partitions of one file made by <see cref="TablePartitioner.Split"/>, in the given order (e.g. shuffled), one
    /// chunk each, parsed ahead by <paramref name="parsers"/> threads and delivered in that order, with the file's row
    /// numbers; the same chunks whatever the thread count. Parquet, or a single parser, reads on one background thread.
    /// </summary>
    public static IEnumerable<TableChunk> ParseAhead(IReadOnlyList<TablePartition> partitions, TableOptions? options = null,
        int? parsers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        int threads = ParserThreads(parsers);
        if (partitions.Select(p => p.Path).Distinct().Count() > 1) throw new ArgumentException("The partitions must be of one file.", nameof(partitions));
        options ??= TableOptions.Default;
        if (partitions.Count == 0) return [];
        if (threads > 1 && partitions[0].Format == TableFormat.Csv)
            return new CsvParallelChunks(CsvInput.File(partitions[0].Path), options, DefaultChunkRows, threads, reuse: false, cancellationToken, partitions);
        return OneByOne(partitions, options, cancellationToken);

        static IEnumerable<TableChunk> OneByOne(IReadOnlyList<TablePartition> partitions, TableOptions options, CancellationToken cancellationToken)
        {
            using var reader = new PartitionSequenceReader(partitions, options);
            foreach (var chunk in reader.ReadAhead(DefaultChunkRows, depth: 1, cancellationToken: cancellationToken)) yield return chunk;
        }
    }

    /// <summary>The parser threads asked for, or by default one per core, at most <see cref="MaxParsers"/>.</summary>
    private static int ParserThreads(int? parsers) => parsers switch
    {
        < 1 => throw new ArgumentOutOfRangeException(nameof(parsers), parsers, "At least one parser thread is needed."),
        { } n => n,
        null => Math.Clamp(Environment.ProcessorCount, 1, MaxParsers),
    };

    /// <summary>The default parser threads of <see cref="ParseAhead(string, TableOptions?, int, int?, bool, CancellationToken)"/> at most: past that the consumer is the bottleneck.</summary>
    public const int MaxParsers = 4;
}
