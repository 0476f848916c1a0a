using System.Runtime.InteropServices;
using Scalearn.Data;
using Scalearn.Execution.Blobs;
using Scalearn.ModelSelection;

namespace Scalearn.Tests.Execution;

public sealed class BlobTests
{
    private static byte[] Bytes(IBlob blob, int chunk = 7)
    {
        var bytes = new byte[blob.Length];
        for (long offset = 0; offset < blob.Length; offset += chunk)
            blob.Read(offset, bytes.AsSpan((int)offset, (int)Math.Min(chunk, blob.Length - offset)));
        return bytes;
    }

    private static T Decode<T>(BlobFormat format, byte[] bytes, string id) =>
        (T)format.DecodeAsync(new MemoryStream(bytes), bytes.Length, id, default).AsTask().GetAwaiter().GetResult().Value;

    [Fact]
    public void DatasetRoundTripKeepsEveryPartAndTheHash()
    {
        var x = new Matrix([1.5, double.NaN, -0.0, 4, 5, double.PositiveInfinity], 3, 2);
        var text = new Dictionary<string, string[]> { ["city"] = ["Oslo", "Lima", "Kyiv"] };
        var data = new Dataset(x, [0, 1, 0], ["a", "b"], "label", "tiny", text);
        var blob = new DatasetBlob(data);

        var decoded = Decode<Dataset>(new DatasetFormat(), Bytes(blob), blob.Id);

        Assert.Equal(data.ContentHash, decoded.ContentHash);
        Assert.Equal(MemoryMarshal.AsBytes(x.Values.AsSpan()).ToArray(), MemoryMarshal.AsBytes(decoded.X.Values.AsSpan()).ToArray());
        Assert.Equal(["a", "b"], decoded.FeatureNames);
        Assert.Equal("label", decoded.TargetName);
        Assert.Equal("tiny", decoded.Name);
        Assert.Equal(["Oslo", "Lima", "Kyiv"], decoded.TextColumns["city"]);
    }

    [Fact]
    public void RangesReadAcrossSectionsEqualOneWholeRead()
    {
        var blob = new DatasetBlob(TestData.Load("iris"));
        Assert.Equal(Bytes(blob, (int)blob.Length), Bytes(blob, 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => blob.Read(blob.Length - 2, new byte[4]));
    }

    [Fact]
    public void DatasetWithoutTargetRoundTrips()
    {
        var blob = new DatasetBlob(new Dataset(new Matrix([1, 2, 3, 4], 2, 2)));
        var decoded = Decode<Dataset>(new DatasetFormat(), Bytes(blob), blob.Id);
        Assert.Null(decoded.Y);
        Assert.Equal(blob.Id, decoded.ContentHash);
    }

    [Fact]
    public void AChangedByteIsRejectedByTheHash()
    {
        var blob = new DatasetBlob(TestData.Load("iris"));
        var bytes = Bytes(blob);
        bytes[^10] ^= 0x40;
        var e = Assert.Throws<InvalidDataException>(() => Decode<Dataset>(new DatasetFormat(), bytes, blob.Id));
        Assert.Contains("hashes to", e.Message);
    }

    [Fact]
    public void AHugeClaimedShapeIsRejectedWithoutAllocating()
    {
        var blob = new DatasetBlob(new Dataset(new Matrix([1, 2], 1, 2)));
        var bytes = Bytes(blob);
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, 9);   // rows, after magic, header length and version
        var e = Assert.Throws<InvalidDataException>(() => Decode<Dataset>(new DatasetFormat(), bytes, blob.Id));
        Assert.Contains("does not match its declared shape", e.Message);
    }

    [Fact]
    public void TruncatedBlobsAreRejected()
    {
        var blob = new DatasetBlob(TestData.Load("iris"));
        var bytes = Bytes(blob);
        var half = bytes[..(bytes.Length / 2)];
        Assert.Throws<InvalidDataException>(() => new DatasetFormat().DecodeAsync(new MemoryStream(half), bytes.Length, blob.Id, default).AsTask().GetAwaiter().GetResult());
        Assert.Throws<InvalidDataException>(() => Decode<Dataset>(new DatasetFormat(), [1, 2, 3], blob.Id));
    }

    [Fact]
    public void FoldsRoundTripAndRejectForgery()
    {
        var folds = new Folds([new Split([0, 1, 2], [3, 4]), new Split([3, 4], [0, 1, 2])]);
        var blob = new FoldsBlob(folds);
        var bytes = Bytes(blob);
        var decoded = Decode<Folds>(new FoldsFormat(), bytes, blob.Id);
        Assert.Equal(folds.ContentHash, decoded.ContentHash);
        Assert.Equal([3, 4], decoded[0].Test);

        bytes[^1] ^= 1;
        Assert.Throws<InvalidDataException>(() => Decode<Folds>(new FoldsFormat(), bytes, blob.Id));
        var huge = Bytes(blob);
        BitConverter.GetBytes(int.MaxValue).CopyTo(huge, 12);   // first train length, after magic, header length and count
        Assert.Throws<InvalidDataException>(() => Decode<Folds>(new FoldsFormat(), huge, blob.Id));
    }

    [Fact]
    public void BytesRoundTripAndCheckTheirHash()
    {
        var blob = new BytesBlob([9, 8, 7]);
        Assert.Equal(new byte[] { 9, 8, 7 }, Decode<byte[]>(new BytesFormat(), Bytes(blob), blob.Id));
        Assert.Throws<InvalidDataException>(() => Decode<byte[]>(new BytesFormat(), [9, 8, 6], blob.Id));
    }

    [Fact]
    public void FormatsAreAnAllowList()
    {
        Assert.True(BlobFormats.TryGet("dataset", out _));
        Assert.True(BlobFormats.TryGet("folds", out _));
        Assert.False(BlobFormats.TryGet("System.Diagnostics.Process", out _));
    }
}
