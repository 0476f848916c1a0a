using Scalearn.Execution.Wire;

namespace Scalearn.Cluster.Wire;

/// <summary>A worker's request for bytes [Offset, Offset + MaxBytes) of a shared input of a job.</summary>
internal sealed record BlobRequest(Guid Job, string Id, long Offset, int MaxBytes, string Worker)
{
    public byte[] Encode()
    {
        var w = new WireWriter();
        w.Guid(Job);
        w.String(Id);
        w.Int64(Offset);
        w.Int32(MaxBytes);
        w.String(Worker);
        return w.ToArray();
    }

    public static BlobRequest Decode(byte[] body)
    {
        var r = new WireReader(body);
        var request = new BlobRequest(r.Guid(), r.String(WireLimits.HashChars), r.Int64(), r.Int32(1, WireLimits.ChunkBytes, "Chunk size"), r.String(WireLimits.MaxNameBytes));
        r.End();
        if (!WireLimits.IsContentHash(request.Id) || request.Offset < 0) throw new InvalidDataException("Malformed blob request.");
        return request;
    }
}

/// <summary>The driver's answer: the format and total length of the input and the requested bytes, or why it cannot send them.</summary>
internal sealed record BlobChunk(string Id, string Format, long Offset, long Total, byte[] Data, string? Error)
{
    public byte[] Encode()
    {
        var w = new WireWriter(Data.Length + 128);
        w.String(Id);
        w.String(Format);
        w.Int64(Offset);
        w.Int64(Total);
        w.Bytes(Data);
        w.String(Error);
        return w.ToArray();
    }

    public static BlobChunk Decode(byte[] body)
    {
        var r = new WireReader(body);
        var chunk = new BlobChunk(r.String(WireLimits.HashChars), r.String(WireLimits.MaxNameBytes), r.Int64(), r.Int64(),
            r.Bytes(WireLimits.ChunkBytes), r.NullableString(WireLimits.MaxErrorBytes));
        r.End();
        return chunk;
    }
}
