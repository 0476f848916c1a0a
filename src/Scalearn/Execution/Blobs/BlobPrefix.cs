using System.Buffers.Binary;
using Scalearn.Execution.Wire;

namespace Scalearn.Execution.Blobs;

/// <summary>
/// The start of a sectioned blob: a 4-byte magic number, the header's length and the header itself (shapes and names),
/// read back with the length checked against the blob before anything is allocated.
/// </summary>
public static class BlobPrefix
{
    public static byte[] Write(uint magic, int headerLength)
    {
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, magic);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(4), headerLength);
        return prefix;
    }

    /// <summary>Reads the prefix and the header of a blob of <paramref name="length"/> bytes; returns the header and its length.</summary>
    public static async ValueTask<(WireReader Header, int Length)> ReadAsync(Stream content, long length, uint magic, string what, CancellationToken ct)
    {
        var prefix = await BlobStreams.ReadBytesAsync(content, 8, ct).ConfigureAwait(false);
        if (BinaryPrimitives.ReadUInt32LittleEndian(prefix) != magic) throw new InvalidDataException($"Not a {what} blob.");
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(4));
        if (headerLength < 0 || headerLength > length - 8) throw new InvalidDataException($"The {what} blob declares a header of {headerLength} bytes.");
        return (new WireReader(await BlobStreams.ReadBytesAsync(content, headerLength, ct).ConfigureAwait(false)), headerLength);
    }
}
