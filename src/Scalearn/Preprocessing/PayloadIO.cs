namespace Scalearn.Preprocessing;

/// <summary>Array and string-list helpers for model payloads.</summary>
internal static class PayloadIO
{
    public static void WriteDoubles(BinaryWriter w, double[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    public static double[] ReadDoubles(BinaryReader r)
    {
        var values = new double[ReadCount(r)];
        for (int i = 0; i < values.Length; i++) values[i] = r.ReadDouble();
        return values;
    }

    public static void WriteLongs(BinaryWriter w, long[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    public static long[] ReadLongs(BinaryReader r)
    {
        var values = new long[ReadCount(r)];
        for (int i = 0; i < values.Length; i++) values[i] = r.ReadInt64();
        return values;
    }

    public static void WriteStrings(BinaryWriter w, IReadOnlyList<string> values)
    {
        w.Write(values.Count);
        foreach (var v in values) w.Write(v);
    }

    public static string[] ReadStrings(BinaryReader r)
    {
        var values = new string[ReadCount(r)];
        for (int i = 0; i < values.Length; i++) values[i] = r.ReadString();
        return values;
    }

    public static int ReadCount(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0) throw new InvalidDataException($"Negative element count {n} in model payload.");
        return n;
    }
}
