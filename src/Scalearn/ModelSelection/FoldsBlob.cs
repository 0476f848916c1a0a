using Scalearn.Execution.Blobs;
using Scalearn.Execution.Wire;

namespace Scalearn.ModelSelection;

/// <summary><see cref="Folds"/> as a shared input: the split sizes, then the raw row indices; its id is the folds' content hash.</summary>
public sealed class FoldsBlob : IBlob
{
    internal const uint Magic = 0x44464C53; // "SLFD"

    private readonly BlobSections _sections;

    public FoldsBlob(Folds folds)
    {
        Folds = folds ?? throw new ArgumentNullException(nameof(folds));
        var header = new WireWriter();
        header.Int32(folds.Count);
        foreach (var split in folds.Splits)
        {
            header.Int32(split.Train.Length);
            header.Int32(split.Test.Length);
        }
        _sections = new BlobSections().Bytes(BlobPrefix.Write(Magic, header.Length)).Bytes(header.ToArray());
        foreach (var split in folds.Splits) _sections.Array(split.Train).Array(split.Test);
    }

    public Folds Folds { get; }
    public string Id => Folds.ContentHash;
    public string Format => FoldsFormat.FormatName;
    public long Length => _sections.Length;
    public object Value => Folds;

    public void Read(long offset, Span<byte> destination) => _sections.Read(offset, destination);
}

[RegisteredBlobFormat]
public sealed class FoldsFormat : BlobFormat
{
    public const string FormatName = "folds";

    public override string Name => FormatName;

    public override async ValueTask<(object Value, long Bytes)> DecodeAsync(Stream content, long length, string id, CancellationToken ct)
    {
        try
        {
            var (header, headerLength) = await BlobPrefix.ReadAsync(content, length, FoldsBlob.Magic, "folds", ct).ConfigureAwait(false);
            int count = header.Int32(0, header.Remaining / 8, "Split count");
            var sizes = new (int Train, int Test)[count];
            long expected = 8 + headerLength;
            for (int i = 0; i < count; i++)
            {
                sizes[i] = (header.Int32(0, int.MaxValue, "Train size"), header.Int32(0, int.MaxValue, "Test size"));
                expected += 4L * (sizes[i].Train + sizes[i].Test);
            }
            header.End();
            if (expected != length) throw new InvalidDataException($"Folds blob of {length} bytes does not match its declared split sizes ({expected} bytes).");
            var splits = new Split[count];
            for (int i = 0; i < count; i++)
                splits[i] = new Split(await BlobStreams.ReadArrayAsync<int>(content, sizes[i].Train, ct).ConfigureAwait(false),
                    await BlobStreams.ReadArrayAsync<int>(content, sizes[i].Test, ct).ConfigureAwait(false));
            var folds = new Folds(splits);
            if (folds.ContentHash != id) throw new InvalidDataException($"Folds blob hashes to {folds.ContentHash[..12]}..., not the requested {id[..Math.Min(12, id.Length)]}...");
            return (folds, length);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Folds blob is truncated.", e);
        }
    }
}
