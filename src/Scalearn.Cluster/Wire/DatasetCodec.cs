using System.Runtime.InteropServices;
using System.Text;
using Scalearn.Data;

namespace Scalearn.Cluster.Wire;

/// <summary>
/// Compact binary form of a <see cref="Dataset"/> for shipping to workers: shape, names, raw little-endian values,
/// target and text columns. <see cref="Decode"/> checks every length against the bytes present before allocating and
/// verifies the content hash, so a truncated or forged blob is rejected.
/// </summary>
internal static class DatasetCodec
{
    private const uint Magic = 0x53444C53; // "SLDS"
    private const byte Version = 1;

    public static byte[] Encode(Dataset data)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(data.X.Rows);
            w.Write(data.X.Cols);
            w.Write(data.TargetName);
            w.Write(data.Name is not null);
            if (data.Name is not null) w.Write(data.Name);
            foreach (var name in data.FeatureNames) w.Write(name);
            w.Write(MemoryMarshal.AsBytes(data.X.Values.AsSpan()));
            w.Write(data.Y is not null);
            if (data.Y is not null) w.Write(MemoryMarshal.AsBytes(data.Y.AsSpan()));
            w.Write(data.TextColumns.Count);
            foreach (var (column, values) in data.TextColumns.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.Write(column);
                foreach (var v in values)
                {
                    w.Write(v is not null);
                    if (v is not null) w.Write(v);
                }
            }
        }
        return stream.ToArray();
    }

    public static Dataset Decode(byte[] bytes, string expectedHash)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            if (r.ReadUInt32() != Magic) throw new InvalidDataException("Not a dataset blob.");
            if (r.ReadByte() != Version) throw new InvalidDataException("Unsupported dataset blob version.");
            int rows = r.ReadInt32(), cols = r.ReadInt32();
            if (rows < 0 || cols < 0) throw new InvalidDataException($"Dataset blob has a negative shape {rows}x{cols}.");
            long cells = (long)rows * cols;
            string targetName = r.ReadString();
            string? name = r.ReadBoolean() ? r.ReadString() : null;
            if (cols > Remaining(r)) throw new InvalidDataException($"Dataset blob claims {cols} columns but is too short.");
            var names = new string[cols];
            for (int i = 0; i < cols; i++) names[i] = r.ReadString();
            var values = ReadDoubles(r, cells);
            var y = r.ReadBoolean() ? ReadDoubles(r, rows) : null;
            int textCount = r.ReadInt32();
            if (textCount < 0 || textCount > Remaining(r)) throw new InvalidDataException($"Dataset blob claims {textCount} text columns.");
            var text = new Dictionary<string, string[]>();
            for (int c = 0; c < textCount; c++)
            {
                string column = r.ReadString();
                if (rows > Remaining(r)) throw new InvalidDataException($"Text column '{column}' is truncated.");
                var colValues = new string[rows];
                for (int i = 0; i < rows; i++) colValues[i] = r.ReadBoolean() ? r.ReadString() : null!;
                text[column] = colValues;
            }
            if (Remaining(r) != 0) throw new InvalidDataException("Dataset blob has trailing bytes.");
            var data = new Dataset(new Matrix(values, rows, cols), y, names, targetName, name, text);
            if (data.ContentHash != expectedHash)
                throw new InvalidDataException($"Dataset blob hash {data.ContentHash[..12]}... does not match the requested {Short(expectedHash)}.");
            return data;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Dataset blob is truncated.", e);
        }
    }

    internal static double[] ReadDoubles(BinaryReader r, long count)
    {
        if (count * sizeof(double) > Remaining(r)) throw new InvalidDataException($"Blob claims {count} numbers but is too short.");
        var values = new double[count];
        var target = MemoryMarshal.AsBytes(values.AsSpan());
        if (r.Read(target) != target.Length) throw new EndOfStreamException();
        return values;
    }

    internal static long Remaining(BinaryReader r) => r.BaseStream.Length - r.BaseStream.Position;

    internal static string Short(string hash) => hash.Length > 12 ? hash[..12] + "..." : hash;
}
