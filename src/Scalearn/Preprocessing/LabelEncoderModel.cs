using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Metrics;
using Scalearn.Persistence;

namespace Scalearn.Preprocessing;

/// <summary>A fitted <see cref="LabelEncoder"/>: the sorted classes (numbers, or strings for <see cref="LabelEncoder.FitLabels"/>).</summary>
[ModelFormat("label-encoder", 1)]
public sealed class LabelEncoderModel : ITransformerModel, IPersistableModel<LabelEncoderModel>
{
    private readonly Dictionary<double, int>? _numericIndex;
    private readonly Dictionary<string, int>? _textIndex;

    private LabelEncoderModel(double[]? classes, string[]? textClasses, int featureCount)
    {
        Classes = classes;
        TextClasses = textClasses;
        FeatureCount = featureCount;
        if (classes is not null) _numericIndex = classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k);
        if (textClasses is not null) _textIndex = textClasses.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k, StringComparer.Ordinal);
    }

    internal static LabelEncoderModel Create(IReadOnlyList<double> y, int featureCount)
    {
        for (int i = 0; i < y.Count; i++)
            if (double.IsNaN(y[i])) throw new ArgumentException($"LabelEncoder: the target has NaN at row {i}; labels must be numbers.");
        return new LabelEncoderModel(y.Distinct().Order().ToArray(), null, featureCount);
    }

    internal static LabelEncoderModel Create(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var list = labels.ToArray();
        int missing = Array.IndexOf(list, null);
        if (missing >= 0) throw new ArgumentException($"LabelEncoder: label {missing} is null.");
        if (list.Length == 0) throw new ArgumentException("LabelEncoder cannot be fitted on no labels.");
        return new LabelEncoderModel(null, list.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), 0);
    }

    /// <summary>classes_ when fitted on numbers (sorted), else null.</summary>
    public IReadOnlyList<double>? Classes { get; }

    /// <summary>classes_ when fitted on strings (ordinal sort, as NumPy sorts str), else null.</summary>
    public IReadOnlyList<string>? TextClasses { get; }

    /// <summary>The feature count of the data it was fitted on; features pass through unchanged.</summary>
    public int FeatureCount { get; }

    /// <summary>The data with its target replaced by the class indices.</summary>
    public Dataset Transform(DataView x)
    {
        if (!x.HasTarget) throw new ArgumentException("LabelEncoder encodes the target (y), and the data has no target column.");
        var encoded = Transform(x.Targets());
        var source = x.Indices is null ? x.Source : x.Materialize();
        return new Dataset(source.X, encoded, source.FeatureNames, source.TargetName, source.Name, source.TextColumns);
    }

    public double[] Transform(IReadOnlyList<double> y)
    {
        var index = _numericIndex ?? throw new InvalidOperationException("This LabelEncoder was fitted on strings; pass strings.");
        var result = new double[y.Count];
        List<double>? unseen = null;
        for (int i = 0; i < y.Count; i++)
        {
            if (index.TryGetValue(y[i], out int k)) result[i] = k;
            else (unseen ??= []).Add(y[i]);
        }
        if (unseen is not null) throw new ArgumentException($"y contains previously unseen labels: {LabelText.List(unseen.Distinct().Order())}");
        return result;
    }

    public double[] Transform(IReadOnlyList<string> labels)
    {
        var index = _textIndex ?? throw new InvalidOperationException("This LabelEncoder was fitted on numbers; pass numbers.");
        var result = new double[labels.Count];
        List<string>? unseen = null;
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] is not null && index.TryGetValue(labels[i], out int k)) result[i] = k;
            else (unseen ??= []).Add(labels[i] ?? "None");
        }
        if (unseen is not null)
            throw new ArgumentException($"y contains previously unseen labels: [{string.Join(", ", unseen.Distinct().Order(StringComparer.Ordinal).Select(s => $"'{s}'"))}]");
        return result;
    }

    /// <summary>The numeric classes of the given indices.</summary>
    public double[] InverseTransform(IReadOnlyList<double> codes) => Decode(codes, Classes ?? throw new InvalidOperationException("This LabelEncoder was fitted on strings; use InverseTransformLabels."));

    /// <summary>The string classes of the given indices.</summary>
    public string[] InverseTransformLabels(IReadOnlyList<double> codes) => Decode(codes, TextClasses ?? throw new InvalidOperationException("This LabelEncoder was fitted on numbers; use InverseTransform."));

    private static T[] Decode<T>(IReadOnlyList<double> codes, IReadOnlyList<T> classes)
    {
        var result = new T[codes.Count];
        var bad = codes.Where(c => c != Math.Floor(c) || c < 0 || c >= classes.Count).Distinct().ToArray();
        if (bad.Length > 0) throw new ArgumentException($"y contains previously unseen labels: {LabelText.List(bad.Order())}");
        for (int i = 0; i < result.Length; i++) result[i] = classes[(int)codes[i]];
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        writer.Write(TextClasses is not null);
        if (TextClasses is not null) PayloadIO.WriteStrings(writer, TextClasses);
        else PayloadIO.WriteDoubles(writer, Classes!.ToArray());
    }

    public static LabelEncoderModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported label-encoder format version {version}.");
        int featureCount = reader.ReadInt32();
        if (featureCount < 0) throw new InvalidDataException($"Negative feature count {featureCount}.");
        return reader.ReadBoolean() ? new LabelEncoderModel(null, PayloadIO.ReadStrings(reader), featureCount)
            : new LabelEncoderModel(PayloadIO.ReadDoubles(reader), null, featureCount);
    }
}
