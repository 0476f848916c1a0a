using System.Security.Cryptography;

namespace Scalearn.Execution.Blobs;

/// <summary>Opaque bytes as a shared input (a model file, a serialized index); tasks see the byte[].</summary>
public sealed class BytesBlob(byte[] bytes) : IBlob
{
    private readonly byte[] _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));
    private string? _id;

    public string Id => _id ??= Convert.ToHexStringLower(SHA256.HashData(_bytes));
    public string Format => BytesFormat.FormatName;
    public long Length => _bytes.LongLength;
    public object Value => _bytes;

    public void Read(long offset, Span<byte> destination) => _bytes.AsSpan(checked((int)offset), destination.Length).CopyTo(destination);
}

[RegisteredBlobFormat]
public sealed class BytesFormat : BlobFormat
{
    public const string FormatName = "bytes";

    public override string Name => FormatName;

    public override async ValueTask<(object Value, long Bytes)> DecodeAsync(Stream content, long length, string id, CancellationToken ct)
    {
        var bytes = await BlobStreams.ReadBytesAsync(content, length, ct).ConfigureAwait(false);
        string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != id) throw new InvalidDataException($"Blob hashes to {actual[..12]}..., not the requested {id[..Math.Min(12, id.Length)]}...");
        return (bytes, length);
    }
}
