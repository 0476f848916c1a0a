using System.Runtime.InteropServices;

namespace Scalearn.Execution.Blobs;

/// <summary>
/// An encoded blob laid out as consecutive sections (a small header, then raw arrays), read by ranges straight from the
/// arrays: sending a large input never builds a second, encoded copy of it.
/// </summary>
public sealed class BlobSections
{
    private readonly List<(long Length, ReadAt Read)> _sections = [];

    public delegate void ReadAt(long offset, Span<byte> destination);

    public long Length { get; private set; }

    public BlobSections Bytes(byte[] bytes) => Add(bytes.LongLength, (offset, destination) => bytes.AsSpan((int)offset, destination.Length).CopyTo(destination));

    /// <summary>The raw little-endian bytes of <paramref name="values"/>.</summary>
    public BlobSections Array<T>(T[] values) where T : unmanaged
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        return Add((long)values.Length * size, (offset, destination) =>
        {
            // Element-wise slicing keeps arrays of more than 2 GB readable.
            long first = offset / size;
            int skip = (int)(offset - first * size);
            int count = (int)Math.Min(values.LongLength - first, (skip + destination.Length + size - 1) / size);
            var bytes = MemoryMarshal.AsBytes(values.AsSpan((int)first, count));
            bytes.Slice(skip, destination.Length).CopyTo(destination);
        });
    }

    public BlobSections Add(long length, ReadAt read)
    {
        _sections.Add((length, read));
        Length += length;
        return this;
    }

    public void Read(long offset, Span<byte> destination)
    {
        if (offset < 0 || offset + destination.Length > Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"Range [{offset}, {offset + destination.Length}) is outside the blob of {Length} bytes.");
        foreach (var (length, read) in _sections)
        {
            if (destination.IsEmpty) return;
            if (offset >= length)
            {
                offset -= length;
                continue;
            }
            int take = (int)Math.Min(destination.Length, length - offset);
            read(offset, destination[..take]);
            destination = destination[take..];
            offset = 0;
        }
    }
}
