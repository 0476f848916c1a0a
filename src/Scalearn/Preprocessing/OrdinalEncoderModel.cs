using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Preprocessing;

/// <summary>A fitted <see cref="OrdinalEncoder"/>: one code column per input column (numeric features, then text columns).</summary>
[ModelFormat("ordinal-encoder", 1)]
public sealed class OrdinalEncoderModel : ITransformerModel, IPersistableModel<OrdinalEncoderModel>
{
    internal OrdinalEncoderModel(IReadOnlyList<EncodedFeature> features, int numericFeatureCount, double? unknownValue, double encodedMissingValue)
    {
        if (numericFeatureCount > features.Count || features.Take(numericFeatureCount).Any(f => f.IsText) || features.Skip(numericFeatureCount).Any(f => !f.IsText))
            throw new ArgumentException("Encoded features must list the numeric features first, then the text columns.");
        if (features.Any(f => f.DroppedIndex != -1)) throw new ArgumentException("An ordinal encoding drops no category.");
        Features = features.ToArray();
        FeatureCount = numericFeatureCount;
        UnknownValue = unknownValue;
        EncodedMissingValue = encodedMissingValue;
    }

    /// <summary>categories_: numeric features in input order, then text columns.</summary>
    public IReadOnlyList<EncodedFeature> Features { get; }

    /// <summary>The code of unknown categories; null when they raise (handle_unknown="error").</summary>
    public double? UnknownValue { get; }

    public double EncodedMissingValue { get; }

    public int FeatureCount { get; }

    /// <summary>get_feature_names_out: the input column names.</summary>
    public IReadOnlyList<string> OutputFeatureNames => Features.Select(f => f.Name).ToArray();

    public Dataset Transform(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(OrdinalEncoderModel));
        var result = new Matrix(x.Count, Features.Count);
        for (int f = 0; f < Features.Count; f++)
        {
            var feature = Features[f];
            string[]? text = null;
            if (feature.IsText && !x.Source.TextColumns.TryGetValue(feature.Name, out text))
                throw new ArgumentException($"OrdinalEncoder: the input has no text column '{feature.Name}' (it was present during fit).");
            List<string>? unknown = null;
            for (int i = 0; i < x.Count; i++)
            {
                double code;
                if (text is null)
                {
                    double value = x.Row(i)[f];
                    int k = feature.IndexOf(value);
                    code = k < 0 ? Unknown(ref unknown, EncodedFeature.FormatNumber(value)) : double.IsNaN(value) ? EncodedMissingValue : k;
                }
                else
                {
                    string? value = text[x.SourceRow(i)];
                    int k = value is null ? -2 : feature.IndexOf(value);
                    code = k == -2 ? EncodedMissingValue : k < 0 ? Unknown(ref unknown, $"'{value}'") : k;
                }
                result[i, f] = code;
            }
            if (unknown is not null) throw OrdinalEncoder.Unknown(f, "transform", unknown.Distinct().Order(StringComparer.Ordinal));
        }
        return TransformedData.Create(x, result, OutputFeatureNames, keepTextColumns: false);
    }

    private double Unknown(ref List<string>? unknown, string shown)
    {
        if (UnknownValue is double code) return code;
        (unknown ??= []).Add(shown);
        return double.NaN;
    }

    /// <summary>
    /// Codes back to categories: numeric columns as features, text columns as text columns; unknown codes and missing
    /// values come back as NaN (numbers) or null (text).
    /// </summary>
    public Dataset InverseTransform(DataView codes)
    {
        if (codes.FeatureCount != Features.Count)
            throw new ArgumentException($"Shape of the passed X data is not correct. Expected {Features.Count} columns, got {codes.FeatureCount}.");
        var numeric = new Matrix(codes.Count, FeatureCount);
        var text = new Dictionary<string, string[]>();
        for (int f = 0; f < Features.Count; f++)
        {
            var feature = Features[f];
            var strings = feature.IsText ? text[feature.Name] = new string[codes.Count] : null;
            for (int i = 0; i < codes.Count; i++)
            {
                double code = codes.Row(i)[f];
                bool known = code >= 0 && code < feature.CategoryCount && code == Math.Floor(code) && !(feature.HasMissingCategory && code == feature.CategoryCount - 1);
                bool missing = double.IsNaN(code) ? double.IsNaN(EncodedMissingValue) : code == EncodedMissingValue;
                bool unknown = UnknownValue is double u && (double.IsNaN(u) ? double.IsNaN(code) : code == u);
                if (!known && !missing && !unknown)
                    throw new ArgumentException($"OrdinalEncoder: code {EncodedFeature.FormatNumber(code)} at row {i}, column {f} ('{feature.Name}') is not a category index.");
                if (strings is not null) strings[i] = known ? feature.TextCategories![(int)code] : null!;
                else numeric[i, f] = known ? feature.NumericCategories![(int)code] : double.NaN;
            }
        }
        return codes.Derive(numeric, Features.Take(FeatureCount).Select(f => f.Name).ToArray(), text);
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        writer.Write(UnknownValue.HasValue);
        writer.Write(UnknownValue ?? 0);
        writer.Write(EncodedMissingValue);
        writer.Write(Features.Count);
        foreach (var feature in Features)
        {
            writer.Write(feature.Name);
            writer.Write(feature.IsText);
            if (feature.IsText) PayloadIO.WriteStrings(writer, feature.TextCategories!);
            else PayloadIO.WriteDoubles(writer, feature.NumericCategories!.ToArray());
        }
    }

    public static OrdinalEncoderModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported ordinal-encoder format version {version}.");
        int numericCount = reader.ReadInt32();
        bool hasUnknown = reader.ReadBoolean();
        double unknown = reader.ReadDouble();
        double missing = reader.ReadDouble();
        var features = new EncodedFeature[PayloadIO.ReadCount(reader)];
        for (int f = 0; f < features.Length; f++)
        {
            string name = reader.ReadString();
            features[f] = reader.ReadBoolean() ? EncodedFeature.Text(name, PayloadIO.ReadStrings(reader), -1)
                : EncodedFeature.Numeric(name, PayloadIO.ReadDoubles(reader), -1);
        }
        try { return new OrdinalEncoderModel(features, numericCount, hasUnknown ? unknown : null, missing); }
        catch (ArgumentException e) { throw new InvalidDataException($"Invalid ordinal-encoder payload: {e.Message}", e); }
    }
}
