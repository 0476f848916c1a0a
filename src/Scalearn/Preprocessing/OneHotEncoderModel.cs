using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Preprocessing;

/// <summary>A fitted <see cref="OneHotEncoder"/>. The output holds only the indicator columns (text columns are consumed).</summary>
[ModelFormat("one-hot-encoder", 2)]
public sealed class OneHotEncoderModel : ITransformerModel, IPersistableModel<OneHotEncoderModel>
{
    internal OneHotEncoderModel(IReadOnlyList<EncodedFeature> features, int numericFeatureCount, bool ignoreUnknown)
    {
        if (numericFeatureCount > features.Count || features.Take(numericFeatureCount).Any(f => f.IsText) || features.Skip(numericFeatureCount).Any(f => !f.IsText))
            throw new ArgumentException("Encoded features must list the numeric features first, then the text columns.");
        Features = features.ToArray();
        FeatureCount = numericFeatureCount;
        IgnoreUnknown = ignoreUnknown;
        OutputFeatureNames = Features.SelectMany(f => f.OutputNames).ToArray();
    }

    /// <summary>Numeric features in input order, then text columns (categories_ and drop_idx_).</summary>
    public IReadOnlyList<EncodedFeature> Features { get; }

    public bool IgnoreUnknown { get; }

    /// <summary>get_feature_names_out, e.g. "color_red".</summary>
    public IReadOnlyList<string> OutputFeatureNames { get; }

    /// <summary>Number of numeric input features; text columns are matched by name.</summary>
    public int FeatureCount { get; }

    public Dataset Transform(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(OneHotEncoderModel));
        var result = new Matrix(x.Count, OutputFeatureNames.Count);
        int offset = 0;
        for (int f = 0; f < Features.Count; f++)
        {
            var feature = Features[f];
            string[]? text = null;
            if (feature.IsText)
            {
                if (!x.Source.TextColumns.TryGetValue(feature.Name, out var column))
                    throw new ArgumentException($"OneHotEncoder: the input has no text column '{feature.Name}' (it was present during fit).");
                text = column;
            }
            for (int i = 0; i < x.Count; i++)
            {
                int k;
                if (text is null) k = feature.IndexOf(x.Row(i)[f]);
                else
                {
                    k = feature.IndexOf(text[x.SourceRow(i)]);
                }
                if (k < 0)
                {
                    if (IgnoreUnknown) continue;
                    string shown = text is null ? EncodedFeature.FormatNumber(x.Row(i)[f])
                        : text[x.SourceRow(i)] is { } unknown ? $"'{unknown}'" : "None (a missing value)";
                    string name = feature.Name;
                    throw DataRowError.Create(i, at => $"OneHotEncoder: found unknown category {shown} in column '{name}' at {at} during transform; " +
                        "set handle_unknown='ignore' to encode unknown categories as all zeros.");
                }
                if (k == feature.DroppedIndex) continue;
                result[i, offset + (feature.DroppedIndex >= 0 && k > feature.DroppedIndex ? k - 1 : k)] = 1;
            }
            offset += feature.OutputNames.Count;
        }
        return TransformedData.Create(x, result, OutputFeatureNames, keepTextColumns: false);
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(IgnoreUnknown);
        writer.Write(FeatureCount);
        writer.Write(Features.Count);
        foreach (var feature in Features)
        {
            writer.Write(feature.Name);
            writer.Write(feature.IsText);
            writer.Write(feature.DroppedIndex);
            if (feature.IsText)
            {
                PayloadIO.WriteStrings(writer, feature.TextCategories!.Where(c => c is not null).ToArray());
                writer.Write(feature.HasMissingCategory);
            }
            else PayloadIO.WriteDoubles(writer, feature.NumericCategories!.ToArray());
        }
    }

    public static OneHotEncoderModel ReadPayload(BinaryReader reader, int version)
    {
        if (version is not (1 or 2)) throw new InvalidDataException($"Unsupported one-hot-encoder format version {version}.");
        bool ignoreUnknown = reader.ReadBoolean();
        int numericCount = reader.ReadInt32();
        var features = new EncodedFeature[PayloadIO.ReadCount(reader)];
        for (int f = 0; f < features.Length; f++)
        {
            string name = reader.ReadString();
            bool isText = reader.ReadBoolean();
            int dropped = reader.ReadInt32();
            features[f] = isText ? EncodedFeature.Text(name, ReadTextCategories(reader, version), dropped)
                : EncodedFeature.Numeric(name, PayloadIO.ReadDoubles(reader), dropped);
        }
        try { return new OneHotEncoderModel(features, numericCount, ignoreUnknown); }
        catch (ArgumentException e) { throw new InvalidDataException($"Invalid one-hot-encoder payload: {e.Message}", e); }
    }

    /// <summary>Version 2 adds whether the missing-value category (null, last) follows the strings.</summary>
    private static string[] ReadTextCategories(BinaryReader reader, int version)
    {
        var categories = PayloadIO.ReadStrings(reader);
        return version >= 2 && reader.ReadBoolean() ? [.. categories, null!] : categories;
    }
}
