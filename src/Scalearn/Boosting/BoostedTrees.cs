namespace Scalearn.Boosting;

/// <summary>
/// What every fitted boosting model holds besides its labels: the LightGBM booster, the iterations run, the
/// early-stopping score history and which importance feature_importances reports.
/// </summary>
internal sealed record BoostedTrees(BoosterCore Core, int NIter, double[] TrainScore, double[] ValidationScore, ImportanceType ImportanceType)
{
    public double[] FeatureImportances => (double[])(ImportanceType == ImportanceType.Gain ? Core.GainImportances : Core.SplitImportances).Clone();

    public void Write(BinaryWriter writer)
    {
        writer.Write(NIter);
        writer.Write((byte)ImportanceType);
        writer.Write(Core.NJobs ?? 0);
        WriteArray(writer, TrainScore);
        WriteArray(writer, ValidationScore);
        writer.Write(Core.ModelText ?? throw new InvalidOperationException("A booster still in training cannot be saved."));
    }

    public static BoostedTrees Read(BinaryReader reader, int features, int treesPerIteration)
    {
        int nIter = reader.ReadInt32();
        byte importance = reader.ReadByte();
        if (importance > (byte)ImportanceType.Gain) throw new InvalidDataException($"unknown importance type {importance}");
        int jobs = reader.ReadInt32();
        var train = ReadArray(reader);
        var validation = ReadArray(reader);
        string text = reader.ReadString();
        if (nIter < 0) throw new InvalidDataException($"negative iteration count {nIter}");
        return new BoostedTrees(BoosterCore.Load(text, jobs == 0 ? null : jobs, features, treesPerIteration), nIter, train, validation,
            (ImportanceType)importance);
    }

    private static void WriteArray(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (var v in values) writer.Write(v);
    }

    private static double[] ReadArray(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position) throw new InvalidDataException($"invalid score count {count}");
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = reader.ReadDouble();
        return values;
    }
}
