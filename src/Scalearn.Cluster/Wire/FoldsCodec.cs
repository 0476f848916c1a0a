using System.Runtime.InteropServices;
using Scalearn.Execution;

namespace Scalearn.Cluster.Wire;

/// <summary>Binary form of <see cref="Folds"/> (raw int32 index arrays), with the same checks as <see cref="DatasetCodec"/>.</summary>
internal static class FoldsCodec
{
    private const uint Magic = 0x44464C53; // "SLFD"
    private const byte Version = 1;

    public static byte[] Encode(Folds folds)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(folds.Count);
            foreach (var split in folds.Splits)
            {
                w.Write(split.Train.Length);
                w.Write(MemoryMarshal.AsBytes(split.Train.AsSpan()));
                w.Write(split.Test.Length);
                w.Write(MemoryMarshal.AsBytes(split.Test.AsSpan()));
            }
        }
        return stream.ToArray();
    }

    public static Folds Decode(byte[] bytes, string expectedHash)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, writable: false));
            if (r.ReadUInt32() != Magic) throw new InvalidDataException("Not a folds blob.");
            if (r.ReadByte() != Version) throw new InvalidDataException("Unsupported folds blob version.");
            int count = r.ReadInt32();
            if (count < 0 || count > DatasetCodec.Remaining(r)) throw new InvalidDataException($"Folds blob claims {count} splits.");
            var splits = new Split[count];
            for (int i = 0; i < count; i++) splits[i] = new Split(ReadInts(r), ReadInts(r));
            if (DatasetCodec.Remaining(r) != 0) throw new InvalidDataException("Folds blob has trailing bytes.");
            var folds = new Folds(splits);
            if (folds.ContentHash != expectedHash)
                throw new InvalidDataException($"Folds blob hash {DatasetCodec.Short(folds.ContentHash)} does not match the requested {DatasetCodec.Short(expectedHash)}.");
            return folds;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Folds blob is truncated.", e);
        }
    }

    private static int[] ReadInts(BinaryReader r)
    {
        int length = r.ReadInt32();
        if (length < 0 || (long)length * sizeof(int) > DatasetCodec.Remaining(r)) throw new InvalidDataException($"Folds blob claims a split of {length} rows but is too short.");
        var values = new int[length];
        var target = MemoryMarshal.AsBytes(values.AsSpan());
        if (r.Read(target) != target.Length) throw new EndOfStreamException();
        return values;
    }
}
