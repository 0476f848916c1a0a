using System.Runtime.InteropServices;
using Scalearn.Cluster.Wire;
using Scalearn.Data;
using Scalearn.Execution;
using Scalearn.Tests;

namespace Scalearn.Cluster.Tests.Wire;

public sealed class DatasetCodecTests
{
    [Fact]
    public void RoundTripKeepsEveryPartAndTheHash()
    {
        var x = new Matrix([1.5, double.NaN, -0.0, 4, 5, double.PositiveInfinity], 3, 2);
        var text = new Dictionary<string, string[]> { ["city"] = ["Oslo", "Lima", "Kyiv"] };
        var data = new Dataset(x, [0, 1, 0], ["a", "b"], "label", "tiny", text);

        var decoded = DatasetCodec.Decode(DatasetCodec.Encode(data), data.ContentHash);

        Assert.Equal(data.ContentHash, decoded.ContentHash);
        Assert.Equal(MemoryMarshal.AsBytes(x.Values.AsSpan()).ToArray(), MemoryMarshal.AsBytes(decoded.X.Values.AsSpan()).ToArray());
        Assert.Equal(["a", "b"], decoded.FeatureNames);
        Assert.Equal("label", decoded.TargetName);
        Assert.Equal("tiny", decoded.Name);
        Assert.Equal(["Oslo", "Lima", "Kyiv"], decoded.TextColumns["city"]);
    }

    [Fact]
    public void DatasetWithoutTargetRoundTrips()
    {
        var data = new Dataset(new Matrix([1, 2, 3, 4], 2, 2));
        var decoded = DatasetCodec.Decode(DatasetCodec.Encode(data), data.ContentHash);
        Assert.Null(decoded.Y);
        Assert.Equal(data.ContentHash, decoded.ContentHash);
    }

    [Fact]
    public void WrongHashIsRejected()
    {
        var data = TestData.Load("iris");
        var bytes = DatasetCodec.Encode(data);
        bytes[^10] ^= 0x40;   // flips a bit of a target value
        var e = Assert.Throws<InvalidDataException>(() => DatasetCodec.Decode(bytes, data.ContentHash));
        Assert.Contains("does not match", e.Message);
    }

    [Fact]
    public void HugeClaimedShapeIsRejectedWithoutAllocating()
    {
        var bytes = DatasetCodec.Encode(new Dataset(new Matrix([1, 2], 1, 2)));
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, 5);   // rows
        BitConverter.GetBytes(1).CopyTo(bytes, 9);              // cols
        var e = Assert.Throws<InvalidDataException>(() => DatasetCodec.Decode(bytes, new string('0', 64)));
        Assert.Contains("too short", e.Message);
    }

    [Fact]
    public void TruncatedBlobIsRejected()
    {
        var data = TestData.Load("iris");
        var bytes = DatasetCodec.Encode(data);
        Assert.Throws<InvalidDataException>(() => DatasetCodec.Decode(bytes[..(bytes.Length / 2)], data.ContentHash));
        Assert.Throws<InvalidDataException>(() => DatasetCodec.Decode([1, 2, 3], data.ContentHash));
    }

    [Fact]
    public void FoldsRoundTripAndRejectForgery()
    {
        var folds = new Folds([new Split([0, 1, 2], [3, 4]), new Split([3, 4], [0, 1, 2])]);
        var bytes = FoldsCodec.Encode(folds);
        var decoded = FoldsCodec.Decode(bytes, folds.ContentHash);
        Assert.Equal(folds.ContentHash, decoded.ContentHash);
        Assert.Equal([3, 4], decoded[0].Test);

        bytes[^1] ^= 1;
        Assert.Throws<InvalidDataException>(() => FoldsCodec.Decode(bytes, folds.ContentHash));
        var huge = FoldsCodec.Encode(folds);
        BitConverter.GetBytes(int.MaxValue).CopyTo(huge, 9);   // first train length
        Assert.Throws<InvalidDataException>(() => FoldsCodec.Decode(huge, folds.ContentHash));
    }
}
