using System.Runtime.InteropServices;

namespace Scalearn.Execution.Blobs;

/// <summary>Helpers for decoders reading blob content from a stream with every length checked before allocating.</summary>
public static class BlobStreams
{
    private const int ReadBytes = 1 << 20;

    /// <summary>Reads <paramref name="count"/> raw little-endian values straight into a new array.</summary>
    public static async ValueTask<T[]> ReadArrayAsync<T>(Stream stream, long count, CancellationToken ct) where T : unmanaged
    {
        if (count < 0 || count > Array.MaxLength) throw new InvalidDataException($"Blob declares an array of {count} values.");
        var values = new T[count];
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var buffer = new byte[Math.Min(ReadBytes, Math.Max(size, count * size))];
        int perRead = buffer.Length / size;
        for (int start = 0; start < values.Length; start += perRead)
        {
            int n = Math.Min(perRead, values.Length - start);
            await stream.ReadExactlyAsync(buffer.AsMemory(0, n * size), ct).ConfigureAwait(false);
            buffer.AsSpan(0, n * size).CopyTo(MemoryMarshal.AsBytes(values.AsSpan(start, n)));
        }
        return values;
    }

    public static async ValueTask<byte[]> ReadBytesAsync(Stream stream, long count, CancellationToken ct)
    {
        if (count < 0 || count > Array.MaxLength) throw new InvalidDataException($"Blob declares a section of {count} bytes.");
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes, ct).ConfigureAwait(false);
        return bytes;
    }
}
