using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Scalearn.Execution.Blobs;
using Scalearn.Execution.Wire;

namespace Scalearn.Jobs;

/// <summary>
/// One shard of a k-NN index as a shared input kept in a temporary file on the driver: the bytes of a
/// <see cref="RowBlock"/> (what a worker decodes), hashed while they are written and read back by range whenever a
/// worker fetches the shard, so the driver never holds the index in memory. Disposing deletes the file.
/// </summary>
public sealed class ShardBlob : IBlob, IDisposable
{
    private readonly string _path;
    private readonly SafeFileHandle _handle;

    private ShardBlob(string path, string id, long length)
    {
        _path = path;
        Id = id;
        Length = length;
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
    }

    public string Id { get; }
    public string Format => BytesFormat.FormatName;
    public long Length { get; }

    /// <summary>The encoded block, read from the file each time (a task in this process decodes it once and keeps the index).</summary>
    public object Value => File.ReadAllBytes(_path);

    public void Read(long offset, Span<byte> destination)
    {
        for (int done = 0; done < destination.Length;)
        {
            int read = RandomAccess.Read(_handle, destination[done..], offset + done);
            if (read == 0) throw new EndOfStreamException($"Shard file {_path} ends at {offset + done} bytes; {Length} were written.");
            done += read;
        }
    }

    public void Dispose()
    {
        _handle.Dispose();
        try { File.Delete(_path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Writes a block of <c>rows</c> x <c>cols</c> values appended in row order; <see cref="Finish"/> once all are in.</summary>
    internal sealed class Writer : IDisposable
    {
        private readonly string _path;
        private readonly FileStream _file;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _remaining;

        public Writer(string path, int rows, int cols)
        {
            long bytes = (long)rows * cols * sizeof(double);
            if (bytes > int.MaxValue)
                throw new ArgumentException($"A shard of {rows} rows x {cols} columns exceeds the 2 GiB a shard may hold; use more --shards.");
            _path = path;
            _remaining = (long)rows * cols;
            _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            // RowBlock's layout: rows, columns, then the values as one length-prefixed array of doubles.
            var header = new WireWriter(12);
            header.Int32(rows);
            header.Int32(cols);
            header.Int32((int)bytes);
            Append(header.WrittenSpan);
        }

        /// <summary>Values still expected.</summary>
        public long Remaining => _remaining;

        public void Append(ReadOnlySpan<double> values)
        {
            if (values.Length > _remaining) throw new InvalidOperationException($"{values.Length} values given where {_remaining} remain.");
            Append(MemoryMarshal.AsBytes(values));
            _remaining -= values.Length;
        }

        private void Append(ReadOnlySpan<byte> bytes)
        {
            _file.Write(bytes);
            _hash.AppendData(bytes);
        }

        public ShardBlob Finish()
        {
            if (_remaining != 0) throw new InvalidOperationException($"The shard still lacks {_remaining} values.");
            long length = _file.Length;
            _file.Dispose();
            return new ShardBlob(_path, Convert.ToHexStringLower(_hash.GetHashAndReset()), length);
        }

        public void Dispose()
        {
            _file.Dispose();
            _hash.Dispose();
        }
    }
}
