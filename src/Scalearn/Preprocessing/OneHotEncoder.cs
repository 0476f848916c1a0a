using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Preprocessing;

/// <summary>
/// Encodes every input column as one-hot indicator columns (scikit-learn's OneHotEncoder): numeric features by value,
/// text columns (<see cref="Dataset.TextColumns"/>) by string. Categories are learned from the data (categories="auto"),
/// sorted; output columns are named "column_category".
/// </summary>
[RegisteredEstimator]
[UnsupportedParam("sparse", "deprecated", "deprecated in scikit-learn 1.2 in favour of sparse_output")]
[UnsupportedParam("dtype", "float64", "the encoded columns are always float64")]
[UnsupportedParam("min_frequency", null, "infrequent categories are not grouped yet")]
[UnsupportedParam("max_categories", null, "infrequent categories are not grouped yet")]
public sealed class OneHotEncoder : Estimator<OneHotEncoderModel>
{
    /// <summary>"auto" (learned from the training data, sorted) or fixed lists per input column.</summary>
    public EncoderCategories Categories { get; set => field = value ?? EncoderCategories.Auto; } = EncoderCategories.Auto;

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

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        int columns = data.FeatureCount + data.Source.TextColumns.Count;
        if (Categories.Lists is { } lists && lists.Count != columns)
            throw new ParameterException("categories",
                $"Parameter 'categories' has {lists.Count} lists, but the data has {columns} columns ({data.FeatureCount} numeric, {data.Source.TextColumns.Count} text).");
    }

    protected override IModel FitCore(DataView data)
    {
        var features = new List<EncodedFeature>();
        for (int j = 0; j < data.FeatureCount; j++)
        {
            var values = new double[data.Count];
            for (int i = 0; i < values.Length; i++) values[i] = data.Row(i)[j];
            string name = data.Source.FeatureNames[j];
            double[] categories;
            if (Categories.Lists is { } lists)
                categories = lists[j] as double[] ?? throw WrongKind(name, j, "numbers");
            else
            {
                // NaN is a category of its own, sorted last as scikit-learn does.
                var learned = values.Where(v => !double.IsNaN(v)).Distinct().Order().ToList();
                if (values.Any(double.IsNaN)) learned.Add(double.NaN);
                categories = learned.ToArray();
            }
            var feature = EncodedFeature.Numeric(name, categories, DroppedIndex(categories.Length));
            if (!Categories.IsAuto && HandleUnknown == "error")
                foreach (var v in values) if (feature.IndexOf(v) < 0) throw UnknownDuringFit(name, EncodedFeature.FormatNumber(v));
            features.Add(feature);
        }
        int column = data.FeatureCount;
        foreach (var (name, values) in data.Source.TextColumns)
        {
            var rows = data.TextRows(values);
            // A missing value (null) is a category of its own, sorted last, as scikit-learn treats None and NaN.
            var categories = Categories.Lists is { } lists
                ? lists[column] as string[] ?? throw WrongKind(name, column, "strings")
                : rows.Where(v => v is not null).Distinct().Order(StringComparer.Ordinal).Concat(rows.Contains(null) ? [null!] : []).ToArray();
            var feature = EncodedFeature.Text(name, categories, DroppedIndex(categories.Length));
            if (!Categories.IsAuto && HandleUnknown == "error")
                foreach (var v in rows) if (feature.IndexOf(v) < 0) throw UnknownDuringFit(name, v is null ? "None (a missing value)" : $"'{v}'");
            features.Add(feature);
            column++;
        }
        return new OneHotEncoderModel(features, data.FeatureCount, HandleUnknown == "ignore");
    }

    private static ParameterException WrongKind(string column, int index, string expected) =>
        new("categories", $"Parameter 'categories': list {index} is for column '{column}' and must hold {expected}.");

    private static ArgumentException UnknownDuringFit(string column, string value) =>
        new($"OneHotEncoder: found unknown category {value} in column '{column}' during fit (not in the given categories); " +
            "add it to 'categories' or set handle_unknown='ignore'.");

    private int DroppedIndex(int categoryCount) => Drop switch
    {
        "first" => 0,
        "if_binary" when categoryCount == 2 => 0,
        _ => -1,
    };
}
