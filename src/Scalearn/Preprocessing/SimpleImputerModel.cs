using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Preprocessing;

/// <summary>
/// A fitted <see cref="SimpleImputer"/>: kept features with missing values replaced by their statistic, followed by
/// missing-indicator columns ("missingindicator_name") when add_indicator was set.
/// </summary>
[ModelFormat("simple-imputer", 1)]
public sealed class SimpleImputerModel : ITransformerModel, IPersistableModel<SimpleImputerModel>
{
    private readonly int[] _keptFeatures;
    private readonly int[] _indicatorFeatures;
    private readonly double[] _statistics;

    internal SimpleImputerModel(double missingValues, double[] statistics, bool[] kept, bool[] indicated, IReadOnlyList<string> featureNames)
    {
        MissingValues = missingValues;
        _statistics = statistics;
        Statistics = statistics;
        Kept = kept;
        Indicated = indicated;
        FeatureNames = featureNames;
        _keptFeatures = Enumerable.Range(0, kept.Length).Where(j => kept[j]).ToArray();
        _indicatorFeatures = Enumerable.Range(0, indicated.Length).Where(j => indicated[j]).ToArray();
        OutputFeatureNames = _keptFeatures.Select(j => featureNames[j])
            .Concat(_indicatorFeatures.Select(j => "missingindicator_" + featureNames[j])).ToArray();
    }

    public double MissingValues { get; }

    /// <summary>statistics_: the replacement value of each input feature.</summary>
    public IReadOnlyList<double> Statistics { get; }

    /// <summary>Whether each input feature is in the output (features entirely missing during fit are dropped unless kept).</summary>
    public IReadOnlyList<bool> Kept { get; }

    /// <summary>Whether each input feature gets a missing-indicator column.</summary>
    public IReadOnlyList<bool> Indicated { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>get_feature_names_out.</summary>
    public IReadOnlyList<string> OutputFeatureNames { get; }

    public int FeatureCount => FeatureNames.Count;

    public Dataset Transform(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(SimpleImputerModel));
        var missing = new MissingValueTest(MissingValues);
        missing.Check(x);
        var result = new Matrix(x.Count, OutputFeatureNames.Count);
        for (int i = 0; i < x.Count; i++)
        {
            var row = x.Row(i);
            var output = result.Row(i);
            for (int k = 0; k < _keptFeatures.Length; k++)
            {
                int j = _keptFeatures[k];
                output[k] = missing.IsMissing(row[j]) ? _statistics[j] : row[j];
            }
            for (int k = 0; k < _indicatorFeatures.Length; k++)
                output[_keptFeatures.Length + k] = missing.IsMissing(row[_indicatorFeatures[k]]) ? 1 : 0;
        }
        return TransformedData.Create(x, result, OutputFeatureNames);
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(MissingValues);
        PayloadIO.WriteDoubles(writer, Statistics.ToArray());
        for (int j = 0; j < FeatureCount; j++)
        {
            writer.Write(Kept[j]);
            writer.Write(Indicated[j]);
        }
        PayloadIO.WriteStrings(writer, FeatureNames);
    }

    public static SimpleImputerModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported simple-imputer format version {version}.");
        double missingValues = reader.ReadDouble();
        var statistics = PayloadIO.ReadDoubles(reader);
        var kept = new bool[statistics.Length];
        var indicated = new bool[statistics.Length];
        for (int j = 0; j < statistics.Length; j++)
        {
            kept[j] = reader.ReadBoolean();
            indicated[j] = reader.ReadBoolean();
        }
        var names = PayloadIO.ReadStrings(reader);
        if (names.Length != statistics.Length) throw new InvalidDataException("simple-imputer payload arrays disagree on the feature count.");
        return new SimpleImputerModel(missingValues, statistics, kept, indicated, names);
    }
}
