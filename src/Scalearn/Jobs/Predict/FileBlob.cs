using System.Security.Cryptography;
using Scalearn.Execution.Blobs;

namespace Scalearn.Jobs;

/// <summary>
/// A file's bytes as a shared input (format "bytes", so tasks see a byte[]) read from disk by ranges when a worker
/// fetches it: sharing many model files keeps none of them in the driver's memory. The file must not change while
/// the job runs (a worker checks the content against the id).
/// </summary>
public sealed class FileBlob : IBlob
{
    public FileBlob(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        using var stream = File.OpenRead(Path);
        Length = stream.Length;
        Id = Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public string Path { get; }
    public string Id { get; }
    public string Format => BytesFormat.FormatName;
    public long Length { get; }

    /// <summary>The bytes, read afresh (a task in this process keeps what it decodes from them in its resident cache).</summary>
    public object Value => File.ReadAllBytes(Path);

    public void Read(long offset, Span<byte> destination)
    {
        using var handle = File.OpenHandle(Path);
        while (!destination.IsEmpty)
        {
            int read = RandomAccess.Read(handle, destination, offset);
            if (read == 0) throw new IOException($"{Path} is shorter than the {Length} bytes it had when the job shared it.");
            destination = destination[read..];
            offset += read;
        }
    }
}
