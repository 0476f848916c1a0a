using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Preprocessing;

/// <summary>A fitted <see cref="MinMaxScaler"/>: x * scale + min per feature, optionally clipped; NaN stays NaN.</summary>
[ModelFormat("min-max-scaler", 1)]
public sealed class MinMaxScalerModel : ITransformerModel, IPersistableModel<MinMaxScalerModel>
{
    private readonly double[] _scale;
    private readonly double[] _offset;

    internal MinMaxScalerModel(FeatureRange range, bool clip, double[] dataMin, double[] dataMax, double[] scale, double[] offset,
        IReadOnlyList<string> featureNames)
    {
        _scale = scale;
        _offset = offset;
        Range = range;
        Clip = clip;
        DataMin = dataMin;
        DataMax = dataMax;
        Scale = scale;
        Offset = offset;
        FeatureNames = featureNames;
    }

    public FeatureRange Range { get; }
    public bool Clip { get; }

    /// <summary>data_min_ and data_max_ (NaN for features never observed).</summary>
    public IReadOnlyList<double> DataMin { get; }
    public IReadOnlyList<double> DataMax { get; }

    /// <summary>scale_ and min_: the transform is x * Scale + Offset.</summary>
    public IReadOnlyList<double> Scale { get; }
    public IReadOnlyList<double> Offset { get; }

    public IReadOnlyList<string> FeatureNames { get; }
    public int FeatureCount => FeatureNames.Count;

    public Dataset Transform(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(MinMaxScalerModel));
        TransformedData.RequireNoInfinity(x, nameof(MinMaxScaler));
        var result = new Matrix(x.Count, FeatureCount);
        for (int i = 0; i < x.Count; i++)
        {
            var row = x.Row(i);
            var output = result.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                double v = row[j] * _scale[j] + _offset[j];
                output[j] = Clip && !double.IsNaN(v) ? Math.Clamp(v, Range.Min, Range.Max) : v;
            }
        }
        return TransformedData.Create(x, result, FeatureNames);
    }

    /// <summary>Maps scaled values back to the original units (inverse_transform; clipping is not undone).</summary>
    public Dataset InverseTransform(DataView z)
    {
        ModelChecks.FeatureCount(z, FeatureCount, nameof(MinMaxScalerModel));
        var result = new Matrix(z.Count, FeatureCount);
        for (int i = 0; i < z.Count; i++)
        {
            var row = z.Row(i);
            var output = result.Row(i);
            for (int j = 0; j < row.Length; j++) output[j] = (row[j] - _offset[j]) / _scale[j];
        }
        return TransformedData.Create(z, result, FeatureNames);
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(Range.Min);
        writer.Write(Range.Max);
        writer.Write(Clip);
        PayloadIO.WriteDoubles(writer, DataMin.ToArray());
        PayloadIO.WriteDoubles(writer, DataMax.ToArray());
        PayloadIO.WriteDoubles(writer, Scale.ToArray());
        PayloadIO.WriteDoubles(writer, Offset.ToArray());
        PayloadIO.WriteStrings(writer, FeatureNames);
    }

    public static MinMaxScalerModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported min-max-scaler format version {version}.");
        var range = new FeatureRange(reader.ReadDouble(), reader.ReadDouble());
        bool clip = reader.ReadBoolean();
        var dataMin = PayloadIO.ReadDoubles(reader);
        var dataMax = PayloadIO.ReadDoubles(reader);
        var scale = PayloadIO.ReadDoubles(reader);
        var offset = PayloadIO.ReadDoubles(reader);
        var names = PayloadIO.ReadStrings(reader);
        if (new[] { dataMin.Length, dataMax.Length, scale.Length, offset.Length }.Any(n => n != names.Length))
            throw new InvalidDataException("min-max-scaler payload arrays disagree on the feature count.");
        return new MinMaxScalerModel(range, clip, dataMin, dataMax, scale, offset, names);
    }
}
