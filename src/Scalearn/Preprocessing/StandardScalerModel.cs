using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Preprocessing;

/// <summary>A fitted <see cref="StandardScaler"/>: z = (x - mean) / scale per feature; NaN stays NaN.</summary>
[ModelFormat("standard-scaler", 1)]
public sealed class StandardScalerModel : ITransformerModel, IPersistableModel<StandardScalerModel>
{
    private readonly double[] _mean;
    private readonly double[] _scale;

    internal StandardScalerModel(bool withMean, bool withStd, double[] mean, double[] variance, double[] scale,
        long[] samplesSeen, IReadOnlyList<string> featureNames)
    {
        _mean = mean;
        _scale = scale;
        WithMean = withMean;
        WithStd = withStd;
        Mean = mean;
        Variance = variance;
        Scale = scale;
        SamplesSeen = samplesSeen;
        FeatureNames = featureNames;
    }

    public bool WithMean { get; }
    public bool WithStd { get; }

    /// <summary>Per-feature mean (mean_).</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Per-feature population variance (var_).</summary>
    public IReadOnlyList<double> Variance { get; }

    /// <summary>Per-feature standard deviation, 1 for constant features (scale_).</summary>
    public IReadOnlyList<double> Scale { get; }

    /// <summary>Non-NaN values seen per feature (n_samples_seen_).</summary>
    public IReadOnlyList<long> SamplesSeen { get; }

    /// <summary>feature_names_in_; also the output names (get_feature_names_out).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public int FeatureCount => FeatureNames.Count;

    public Dataset Transform(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(StandardScalerModel));
        TransformedData.RequireNoInfinity(x, nameof(StandardScaler));
        int p = FeatureCount;
        var result = new Matrix(x.Count, p);
        for (int i = 0; i < x.Count; i++)
        {
            var row = x.Row(i);
            var output = result.Row(i);
            for (int j = 0; j < p; j++)
            {
                double v = row[j];
                if (WithMean) v -= _mean[j];
                if (WithStd) v /= _scale[j];
                output[j] = v;
            }
        }
        return TransformedData.Create(x, result, FeatureNames);
    }

    /// <summary>Maps standardized values back to the original units (inverse_transform).</summary>
    public Dataset InverseTransform(DataView z)
    {
        ModelChecks.FeatureCount(z, FeatureCount, nameof(StandardScalerModel));
        var result = new Matrix(z.Count, FeatureCount);
        for (int i = 0; i < z.Count; i++)
        {
            var row = z.Row(i);
            var output = result.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                double v = row[j];
                if (WithStd) v *= _scale[j];
                if (WithMean) v += _mean[j];
                output[j] = v;
            }
        }
        return TransformedData.Create(z, result, FeatureNames);
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(WithMean);
        writer.Write(WithStd);
        PayloadIO.WriteDoubles(writer, _mean);
        PayloadIO.WriteDoubles(writer, Variance.ToArray());
        PayloadIO.WriteDoubles(writer, _scale);
        PayloadIO.WriteLongs(writer, SamplesSeen.ToArray());
        PayloadIO.WriteStrings(writer, FeatureNames);
    }

    public static StandardScalerModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported standard-scaler format version {version}.");
        bool withMean = reader.ReadBoolean(), withStd = reader.ReadBoolean();
        var mean = PayloadIO.ReadDoubles(reader);
        var variance = PayloadIO.ReadDoubles(reader);
        var scale = PayloadIO.ReadDoubles(reader);
        var seen = PayloadIO.ReadLongs(reader);
        var names = PayloadIO.ReadStrings(reader);
        if (mean.Length != names.Length || variance.Length != names.Length || scale.Length != names.Length || seen.Length != names.Length)
            throw new InvalidDataException("standard-scaler payload arrays disagree on the feature count.");
        return new StandardScalerModel(withMean, withStd, mean, variance, scale, seen, names);
    }
}
