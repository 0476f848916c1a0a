using Scalearn.Execution.Blobs;

namespace Scalearn.Cluster.Wire;

/// <summary>
/// A shared input small enough (<see cref="WireLimits.InlineInputBytes"/>) to travel inside the task messages that read
/// it: its id, the name of its allow-listed format and its encoded bytes.
/// </summary>
internal sealed record InlineInput(string Id, string Format, byte[] Bytes)
{
    /// <summary>
    /// Decodes the input as a fetched one is: by its allow-listed format, which checks that the content hashes to the id,
    /// from exactly its bytes (the format must read them all, as it reads the whole declared length of a fetched input).
    /// </summary>
    public async ValueTask<(object Value, long Bytes)> DecodeAsync(CancellationToken ct)
    {
        if (!WireLimits.IsContentHash(Id)) throw new InvalidDataException($"Input id '{WireLimits.Short(Id)}' is not a content hash.");
        if (!BlobFormats.TryGet(Format, out var format))
            throw new InvalidDataException($"Input {WireLimits.Short(Id)} has format '{Format}', which this worker does not decode (add it with --plugin).");
        using var content = new MemoryStream(Bytes, writable: false);
        (object Value, long Bytes) decoded;
        try
        {
            decoded = await format.DecodeAsync(content, Bytes.Length, Id, ct);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Input {WireLimits.Short(Id)} ({Format}) is shorter than its format reads: it has {Bytes.Length} bytes.", e);
        }
        if (content.Position != Bytes.Length)
            throw new InvalidDataException($"Input {WireLimits.Short(Id)} ({Format}) has {Bytes.Length} bytes, but its format read {content.Position}.");
        return decoded;
    }
}
