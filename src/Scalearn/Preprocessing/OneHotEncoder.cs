using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Preprocessing;

/// <summary>
/// Encodes every input column as one-hot indicator columns (scikit-learn's OneHotEncoder): numeric features by value,
/// text columns (<see cref="Dataset.TextColumns"/>) by string. Categories are learned from the data (categories="auto"),
/// sorted; output columns are named "column_category".
/// </summary>
[RegisteredEstimator]
public sealed class OneHotEncoder : Estimator
{
    /// <summary>Only "auto" (categories learned from the training data) is supported.</summary>
    public string Categories { get; set => field = Check.OneOf(value, "categories", "auto"); } = "auto";

    /// <summary>null (keep every category), "first" (drop each column's first category) or "if_binary" (only for two-category columns).</summary>
    public string? Drop { get; set => field = value is null ? null : Check.OneOf(value, "drop", "first", "if_binary"); }

    /// <summary>
    /// Must be false: outputs are dense. scikit-learn 1.2 defaults to true (a sparse matrix), which this dense
    /// library cannot produce, so the default here is false.
    /// </summary>
    public bool SparseOutput
    {
        get;
        set => field = !value ? value
            : throw new ParameterException("sparse_output", "Parameter 'sparse_output' must be false: only dense output is supported.");
    }

    /// <summary>"error": unknown categories at transform time throw; "ignore": they encode as all zeros.</summary>
    public string HandleUnknown { get; set => field = Check.OneOf(value, "handle_unknown", "error", "ignore"); } = "error";

    protected override IModel FitCore(DataView data)
    {
        var features = new List<EncodedFeature>();
        for (int j = 0; j < data.FeatureCount; j++)
        {
            var values = new double[data.Count];
            for (int i = 0; i < values.Length; i++) values[i] = data.Row(i)[j];
            // NaN is a category of its own, sorted last as scikit-learn does.
            var categories = values.Where(v => !double.IsNaN(v)).Distinct().Order().ToList();
            if (values.Any(double.IsNaN)) categories.Add(double.NaN);
            features.Add(EncodedFeature.Numeric(data.Source.FeatureNames[j], categories.ToArray(), DroppedIndex(categories.Count)));
        }
        foreach (var (name, column) in data.Source.TextColumns)
        {
            var values = TransformedData.TextRows(data, column);
            int nullRow = Array.IndexOf(values, null);
            if (nullRow >= 0) throw new ArgumentException($"OneHotEncoder: text column '{name}' has no value at row {nullRow}.");
            var categories = values.Distinct().Order(StringComparer.Ordinal).ToArray();
            features.Add(EncodedFeature.Text(name, categories, DroppedIndex(categories.Length)));
        }
        return new OneHotEncoderModel(features, data.FeatureCount, HandleUnknown == "ignore");
    }

    private int DroppedIndex(int categoryCount) => Drop switch
    {
        "first" => 0,
        "if_binary" when categoryCount == 2 => 0,
        _ => -1,
    };
}
