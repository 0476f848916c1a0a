using Scalearn.Data;

namespace Scalearn.Estimators;

/// <summary>
/// What a model was fitted on: the names of its numeric features in order (scikit-learn's <c>feature_names_in_</c>),
/// the text columns it reads, the target's name and, when the target held text, the class labels its codes stand for.
/// Saved in model files. Predictions match their input to it by name (<see cref="Align(Dataset, IEnumerable{string})"/>), so columns in another
/// order are reordered and missing, renamed or unexpected columns are refused instead of silently mis-used.
/// </summary>
public sealed class ModelSchema : IEquatable<ModelSchema>
{
    // Kept beside the models rather than in them so that every model type, whoever wrote it, gets one without a base class.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, ModelSchema> Recorded = new();

    public ModelSchema(IReadOnlyList<string>? featureNames, int featureCount, IReadOnlyList<string>? textColumns = null,
        string? targetName = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(featureCount);
        if (featureNames is not null && featureNames.Count != featureCount)
            throw new ArgumentException($"{featureNames.Count} feature names for {featureCount} features.", nameof(featureNames));
        var all = (featureNames ?? []).Concat(textColumns ?? []).ToArray();
        if (all.Any(n => n is null)) throw new ArgumentException("Column names cannot be null.", nameof(featureNames));
        var duplicate = all.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Column '{duplicate.Key}' is named twice.", nameof(featureNames));
        FeatureNames = featureNames?.ToArray();
        FeatureCount = featureCount;
        TextColumns = textColumns?.ToArray() ?? [];
        TargetName = targetName;
        ClassNames = classNames?.ToArray();
    }

    /// <summary>Numeric feature names in the order the model uses them; null when fitted on unnamed data (matched by position).</summary>
    public IReadOnlyList<string>? FeatureNames { get; }

    public int FeatureCount { get; }

    /// <summary>Text columns present when fitting (matched by name).</summary>
    public IReadOnlyList<string> TextColumns { get; }

    /// <summary>The target column the model learned to predict; null when fitted without one.</summary>
    public string? TargetName { get; }

    /// <summary>The text class labels (sorted) that a classifier's class codes stand for; null for numeric labels.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Every input column by name: the numeric features, then the text columns (empty for unnamed features).</summary>
    public IEnumerable<string> Columns => (FeatureNames ?? []).Concat(TextColumns);

    /// <summary>The schema recorded for <paramref name="model"/> by its fit or its model file; null when none was.</summary>
    public static ModelSchema? For(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Recorded.TryGetValue(model, out var schema) ? schema : null;
    }

    /// <summary>
    /// Records what <paramref name="model"/> was fitted on, once: <see cref="Estimator.Fit"/> does it before anyone sees
    /// the model, and loading a model file does it from the file. A model never changes, so another schema later is an error.
    /// </summary>
    internal static void Record(IModel model, ModelSchema schema)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(schema);
        var recorded = Recorded.GetValue(model, _ => schema);
        if (!recorded.Equals(schema))
            throw new InvalidOperationException($"{model.GetType().Name} already records the columns it was fitted on ({recorded}); it cannot take {schema}.");
    }

    /// <summary>The schema of a view's dataset (a fit's input).</summary>
    public static ModelSchema Of(DataView data)
    {
        var source = data.Source;
        return new ModelSchema(source.HasFeatureNames ? source.FeatureNames : null, source.FeatureCount, source.TextColumns.Keys.ToArray(),
            data.HasTarget ? source.TargetName : null, data.HasTarget ? source.ClassNames : null);
    }

    /// <summary>How a predicted class (or value) reads: its class name for text labels, else the number as Python prints it.</summary>
    public string Label(double prediction) =>
        ClassNames is { } names && prediction >= 0 && prediction < names.Count && prediction == Math.Floor(prediction)
            ? names[(int)prediction]
            : ParamConverter.FormatPython(prediction);

    /// <summary>
    /// The data with its columns as the model was fitted on them: numeric features reordered by name, the model's text
    /// columns, and a text target recoded to the model's class codes. Throws <see cref="ColumnMismatchException"/>
    /// naming the missing, unexpected or retyped columns; columns in <paramref name="ignore"/> may be present and are
    /// left out. Unnamed data (a bare matrix) or a model fitted on unnamed data is matched by position, as scikit-learn
    /// does for NumPy arrays.
    /// </summary>
    public Dataset Align(Dataset data, IEnumerable<string>? ignore = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var ignored = new HashSet<string>(ignore ?? [], StringComparer.Ordinal);
        var classNames = AlignClassNames(data);
        double[]? y = data.Y is not null && classNames != data.ClassNames ? Recode(data) : data.Y;

        if (FeatureNames is null || !data.HasFeatureNames)
        {
            if (data.FeatureCount != FeatureCount)
                throw new ArgumentException($"X has {data.FeatureCount} features, but the model was fitted with {FeatureCount} features.");
            var text = AlignText(data, ignored);
            if (y == data.Y && ReferenceEquals(classNames, data.ClassNames) && text is null) return data;
            return new Dataset(data.X, y, data.HasFeatureNames ? data.FeatureNames : null, data.TargetName, data.Name, text ?? data.TextColumns, classNames);
        }

        var numericIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < data.FeatureCount; j++) numericIndex.TryAdd(data.FeatureNames[j], j);
        var missing = new List<string>();
        var retyped = new List<string>();
        var order = new int[FeatureCount];
        for (int k = 0; k < FeatureCount; k++)
        {
            if (numericIndex.TryGetValue(FeatureNames[k], out int j)) order[k] = j;
            else if (data.TextColumns.ContainsKey(FeatureNames[k])) retyped.Add(FeatureNames[k]);
            else missing.Add(FeatureNames[k]);
        }
        foreach (var column in TextColumns)
        {
            if (data.TextColumns.ContainsKey(column)) continue;
            if (numericIndex.ContainsKey(column)) retyped.Add(column);
            else missing.Add(column);
        }
        var expected = new HashSet<string>(Columns, StringComparer.Ordinal);
        var unexpected = data.FeatureNames.Concat(data.TextColumns.Keys).Where(c => !expected.Contains(c) && !ignored.Contains(c)).ToList();
        if (missing.Count + retyped.Count + unexpected.Count > 0) throw new ColumnMismatchException(this, data, missing, unexpected, retyped);

        bool sameOrder = data.FeatureCount == FeatureCount && order.Select((j, k) => j == k).All(same => same);
        var x = sameOrder ? data.X : Reorder(data.X, order);
        var textColumns = TextColumns.ToDictionary(c => c, c => data.TextColumns[c], StringComparer.Ordinal);
        return new Dataset(x, y, FeatureNames, data.TargetName, data.Name, textColumns, classNames);
    }

    /// <summary>
    /// The check every prediction makes: the view itself when it already matches (the usual case, at the cost of a
    /// reference or name comparison), else a view of the aligned data. See <see cref="Align(Dataset, IEnumerable{string})"/>.
    /// </summary>
    public DataView Align(DataView data)
    {
        var source = data.Source;
        // Unnamed data of another width is left to the model's own feature-count check, which names the model.
        if (Matches(source) || (FeatureNames is null || !source.HasFeatureNames) && source.FeatureCount != FeatureCount) return data;
        return new DataView(Align(source), data.Indices);
    }

    private bool Matches(Dataset data)
    {
        if (FeatureNames is null || !data.HasFeatureNames)
        {
            if (data.FeatureCount != FeatureCount) return false;
        }
        else if (!SameNames(data.FeatureNames, FeatureNames)) return false;
        if (data.TextColumns.Count != TextColumns.Count || TextColumns.Any(c => !data.TextColumns.ContainsKey(c))) return false;
        return data.Y is null || SameNames(data.ClassNames, ClassNames);
    }

    private static bool SameNames(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        ReferenceEquals(a, b) || a is not null && b is not null && a.SequenceEqual(b, StringComparer.Ordinal);

    /// <summary>Text columns of unnamed-feature data, checked by name (null when they are exactly the model's).</summary>
    private Dictionary<string, string[]>? AlignText(Dataset data, HashSet<string> ignored)
    {
        var missing = TextColumns.Where(c => !data.TextColumns.ContainsKey(c)).ToList();
        var unexpected = data.TextColumns.Keys.Where(c => !TextColumns.Contains(c) && !ignored.Contains(c)).ToList();
        if (missing.Count + unexpected.Count > 0) throw new ColumnMismatchException(this, data, missing, unexpected, []);
        return data.TextColumns.Count == TextColumns.Count ? null : TextColumns.ToDictionary(c => c, c => data.TextColumns[c], StringComparer.Ordinal);
    }

    /// <summary>The class names the aligned target indexes: the model's for a text target, none for numbers.</summary>
    private IReadOnlyList<string>? AlignClassNames(Dataset data)
    {
        if (data.Y is null || TargetName is null) return data.ClassNames;
        if (ClassNames is null && data.ClassNames is null) return null;
        if (ClassNames is null)
            throw new ColumnMismatchException(this, data, [], [], [],
                $"The target '{data.TargetName}' holds text ({Describe(data.ClassNames!)}), but the model was fitted on a numeric target.");
        if (data.ClassNames is null)
            throw new ColumnMismatchException(this, data, [], [], [],
                $"The target '{data.TargetName}' holds numbers, but the model predicts the text labels {Describe(ClassNames)}.");
        if (SameNames(data.ClassNames, ClassNames)) return data.ClassNames;
        var unseen = data.ClassNames.Where(c => !ClassNames.Contains(c, StringComparer.Ordinal)).ToArray();
        if (unseen.Length > 0)
            throw new ColumnMismatchException(this, data, [], [], [],
                $"The target '{data.TargetName}' holds labels the model never saw when fitting: {Describe(unseen)} (it knows {Describe(ClassNames)}).");
        return ClassNames;
    }

    /// <summary>The data's text-label codes as codes into the model's class names (every label is known: checked before).</summary>
    private double[] Recode(Dataset data)
    {
        var index = ClassNames!.Select((name, k) => (name, k)).ToDictionary(p => p.name, p => (double)p.k, StringComparer.Ordinal);
        var map = data.ClassNames!.Select(name => index[name]).ToArray();
        var y = data.Y!;
        var result = new double[y.Length];
        for (int i = 0; i < y.Length; i++) result[i] = map[(int)y[i]];
        return result;
    }

    private static Matrix Reorder(Matrix x, int[] order)
    {
        var result = new Matrix(x.Rows, order.Length);
        for (int i = 0; i < x.Rows; i++)
        {
            var from = x.Row(i);
            var to = result.Row(i);
            for (int k = 0; k < order.Length; k++) to[k] = from[order[k]];
        }
        return result;
    }

    internal static string Describe(IEnumerable<string> names, int max = 8)
    {
        var list = names.ToList();
        return string.Join(", ", list.Take(max).Select(n => $"'{n}'")) + (list.Count > max ? $", ... ({list.Count} in all)" : "");
    }

    public bool Equals(ModelSchema? other) =>
        other is not null && FeatureCount == other.FeatureCount && SameNames(FeatureNames, other.FeatureNames)
        && TextColumns.SequenceEqual(other.TextColumns, StringComparer.Ordinal) && TargetName == other.TargetName && SameNames(ClassNames, other.ClassNames);

    public override bool Equals(object? obj) => Equals(obj as ModelSchema);

    public override int GetHashCode() => HashCode.Combine(FeatureCount, TargetName, FeatureNames?.FirstOrDefault(), TextColumns.Count, ClassNames?.Count);

    public override string ToString() =>
        $"{(FeatureNames is null ? $"{FeatureCount} unnamed features" : Describe(FeatureNames))}" +
        (TextColumns.Count > 0 ? $"; text {Describe(TextColumns)}" : "") + (TargetName is null ? "" : $"; target '{TargetName}'") +
        (ClassNames is null ? "" : $" with classes {Describe(ClassNames)}");
}
