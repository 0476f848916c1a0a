namespace Scalearn.Execution.Blobs;

/// <summary>
/// A shared input of a job (a dataset, folds, a model, an index shard, a data partition): content-addressed, so a
/// worker fetches it once and caches it, and read by ranges, so it travels in chunks without either side holding a
/// second, encoded copy of the whole input.
/// </summary>
public interface IBlob
{
    /// <summary>SHA-256 of the content as 64 lowercase hex digits.</summary>
    string Id { get; }

    /// <summary>Name of the allow-listed <see cref="BlobFormat"/> that decodes it on a worker.</summary>
    string Format { get; }

    /// <summary>Length of the encoded content in bytes.</summary>
    long Length { get; }

    /// <summary>Copies the encoded bytes at [<paramref name="offset"/>, offset + destination.Length).</summary>
    void Read(long offset, Span<byte> destination);

    /// <summary>The decoded object, as a task running in this process sees it (no encoding involved).</summary>
    object Value { get; }
}
