namespace Scalearn.Execution.Blobs;

/// <summary>
/// Decodes one kind of blob on a worker, reading its content as a stream while the chunks arrive. Formats are an
/// allow-list (<see cref="BlobFormats"/>): a worker only ever materializes inputs of formats it knows.
/// </summary>
public abstract class BlobFormat
{
    public abstract string Name { get; }

    /// <summary>
    /// Reads exactly <paramref name="length"/> bytes from <paramref name="content"/> and returns the object with its
    /// approximate size in memory (for the worker's cache bound). Throws <see cref="InvalidDataException"/> when the
    /// content is malformed or does not hash to <paramref name="id"/>.
    /// </summary>
    public abstract ValueTask<(object Value, long Bytes)> DecodeAsync(Stream content, long length, string id, CancellationToken ct);
}
