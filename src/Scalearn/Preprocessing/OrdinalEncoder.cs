using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Preprocessing;

/// <summary>
/// scikit-learn's OrdinalEncoder: each input column (numeric features, then text columns from
/// <see cref="Dataset.TextColumns"/>) becomes one column of category indices 0..k-1, categories sorted (or as given).
/// Missing values (NaN; null text) encode as <see cref="EncodedMissingValue"/>; categories unseen during fit raise,
/// or encode as <see cref="UnknownValue"/> with handle_unknown="use_encoded_value".
/// </summary>
[RegisteredEstimator]
[UnsupportedParam("dtype", "float64", "outputs are always float64, the type of every Scalearn feature")]
public sealed class OrdinalEncoder : Estimator<OrdinalEncoderModel>
{
    /// <summary>"auto" (learned from the training data, sorted) or fixed lists per input column.</summary>
    public EncoderCategories Categories { get; set => field = value ?? EncoderCategories.Auto; } = EncoderCategories.Auto;

    /// <summary>"error": unknown categories at transform time throw; "use_encoded_value": they encode as <see cref="UnknownValue"/>.</summary>
    public string HandleUnknown { get; set => field = Check.OneOf(value, "handle_unknown", "error", "use_encoded_value"); } = "error";

    /// <summary>The code of unknown categories (an integer not used by any category, or NaN); only with handle_unknown="use_encoded_value".</summary>
    public double? UnknownValue
    {
        get;
        set => field = value is null or double.NaN || value == Math.Floor(value.Value) && double.IsFinite(value.Value) ? value
            : throw new ParameterException("unknown_value", $"unknown_value should be an integer or np.nan; got {ParamConverter.Format(value)}.");
    }

    /// <summary>The code of missing values (an integer or NaN).</summary>
    public double EncodedMissingValue
    {
        get;
        set => field = double.IsNaN(value) || value == Math.Floor(value) && double.IsFinite(value) ? value
            : throw new ParameterException("encoded_missing_value", $"Parameter 'encoded_missing_value' must be an integer or NaN; got {ParamConverter.Format(value)}.");
    } = double.NaN;

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        if (HandleUnknown == "use_encoded_value" && UnknownValue is null)
            throw new ParameterException("unknown_value", "unknown_value should be an integer or np.nan when handle_unknown is 'use_encoded_value', got None.");
        if (HandleUnknown == "error" && UnknownValue is double v)
            throw new ParameterException("unknown_value", $"unknown_value should only be set when handle_unknown is 'use_encoded_value', got {ParamConverter.Format(v)}.");
        int columns = data.FeatureCount + data.Source.TextColumns.Count;
        if (Categories.Lists is { } lists && lists.Count != columns)
            throw new ParameterException("categories",
                $"Parameter 'categories' has {lists.Count} lists, but the data has {columns} columns ({data.FeatureCount} numeric, {data.Source.TextColumns.Count} text).");
    }

    protected override IModel FitCore(DataView data)
    {
        var features = new List<EncodedFeature>();
        bool strict = HandleUnknown == "error";
        for (int j = 0; j < data.FeatureCount; j++)
        {
            string name = data.Source.FeatureNames[j];
            var values = new double[data.Count];
            for (int i = 0; i < values.Length; i++) values[i] = data.Row(i)[j];
            double[] categories;
            if (Categories.Lists is { } lists) categories = lists[j] as double[] ?? throw WrongKind(name, j, "numbers");
            else
            {
                var learned = values.Where(v => !double.IsNaN(v)).Distinct().Order().ToList();
                if (values.Any(double.IsNaN)) learned.Add(double.NaN);
                categories = learned.ToArray();
            }
            var feature = EncodedFeature.Numeric(name, categories, -1);
            if (strict && values.Where(v => feature.IndexOf(v) < 0).Distinct().Order().ToArray() is { Length: > 0 } unknown)
                throw Unknown(j, "fit", unknown.Select(EncodedFeature.FormatNumber));
            features.Add(feature);
        }
        int column = data.FeatureCount;
        foreach (var (name, values) in data.Source.TextColumns)
        {
            var rows = data.TextRows(values);
            var categories = Categories.Lists is { } lists
                ? lists[column] as string[] ?? throw WrongKind(name, column, "strings")
                : rows.Where(v => v is not null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var feature = EncodedFeature.Text(name, categories, -1);
            if (strict && rows.Where(v => v is not null && feature.IndexOf(v) < 0).Distinct().Order(StringComparer.Ordinal).ToArray() is { Length: > 0 } unknown)
                throw Unknown(column, "fit", unknown.Select(v => $"'{v}'"));
            features.Add(feature);
            column++;
        }
        CheckCodesAreFree(features);
        return new OrdinalEncoderModel(features, data.FeatureCount, UnknownValue, EncodedMissingValue);
    }

    private void CheckCodesAreFree(List<EncodedFeature> features)
    {
        if (UnknownValue is double u && !double.IsNaN(u) && features.Any(f => u >= 0 && u < f.CategoryCount))
            throw new ParameterException("unknown_value",
                $"The used value for unknown_value {ParamConverter.Format(u)} is one of the values already used for encoding the seen categories.");
        double m = EncodedMissingValue;
        if (double.IsNaN(m)) return;
        var clashing = features.Where(f => f.HasMissingCategory && m >= 0 && m < f.CategoryCount).Select(f => $"'{f.Name}'").ToArray();
        if (clashing.Length > 0)
            throw new ParameterException("encoded_missing_value",
                $"encoded_missing_value ({ParamConverter.Format(m)}) is already used to encode a known category in features: [{string.Join(", ", clashing)}]");
    }

    internal static ArgumentException Unknown(int column, string stage, IEnumerable<string> values) =>
        new($"Found unknown categories [{string.Join(", ", values)}] in column {column} during {stage}" +
            (stage == "transform" ? "; set handle_unknown='use_encoded_value' and unknown_value to encode them." : "; add them to 'categories'."));

    private static ParameterException WrongKind(string column, int index, string expected) =>
        new("categories", $"Parameter 'categories': list {index} is for column '{column}' and must hold {expected}.");
}
