namespace Scalearn.Svm;

/// <summary>Array helpers for SVM model payloads.</summary>
internal static class PayloadIO
{
    public static void WriteDoubles(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (double v in values) writer.Write(v);
    }

    public static double[] ReadDoubles(BinaryReader reader)
    {
        int n = reader.ReadInt32();
        if (n < 0) throw new InvalidDataException("Negative array length in SVM payload.");
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = reader.ReadDouble();
        return values;
    }

    public static void WriteInts(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        foreach (int v in values) writer.Write(v);
    }

    public static int[] ReadInts(BinaryReader reader)
    {
        int n = reader.ReadInt32();
        if (n < 0) throw new InvalidDataException("Negative array length in SVM payload.");
        var values = new int[n];
        for (int i = 0; i < n; i++) values[i] = reader.ReadInt32();
        return values;
    }
}
