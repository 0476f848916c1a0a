using Scalearn.Data;

namespace Scalearn.Estimators;

/// <summary>
/// The data given to a fitted model does not have the columns (or target labels) it was fitted on. The lists say which
/// columns are missing, unexpected or of another kind, so a tool can word the fix in its own terms (its flags).
/// </summary>
public sealed class ColumnMismatchException : ArgumentException
{
    internal ColumnMismatchException(ModelSchema schema, Dataset data, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
        IReadOnlyList<string> retyped, string? problem = null)
        : base(problem ?? Describe(schema, data, missing, unexpected, retyped))
    {
        Schema = schema;
        Missing = missing;
        Unexpected = unexpected;
        Retyped = retyped;
        TargetColumn = schema.TargetName is { } target && unexpected.Contains(target) ? target : null;
        DataName = data.Name;
    }

    /// <summary>What the model was fitted on.</summary>
    public ModelSchema Schema { get; }

    /// <summary>Columns the model needs that the data lacks.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Columns of the data the model was not fitted on (never used silently).</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>Columns present with the other kind: text where the model read numbers, or numbers where it read text.</summary>
    public IReadOnlyList<string> Retyped { get; }

    /// <summary>The unexpected column that is the target the model was fitted to predict (left among the features), if any.</summary>
    public string? TargetColumn { get; }

    public string? DataName { get; }

    private static string Describe(ModelSchema schema, Dataset data, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
        IReadOnlyList<string> retyped)
    {
        var parts = new List<string>();
        if (schema.TargetName is { } target && unexpected.Contains(target))
            parts.Add($"'{target}' is the target the model was fitted to predict, not a feature: load it as the target or leave it out");
        var others = unexpected.Where(c => c != schema.TargetName).ToList();
        if (missing.Count > 0) parts.Add($"missing {ModelSchema.Describe(missing)}");
        if (others.Count > 0) parts.Add($"unexpected {ModelSchema.Describe(others)}{(missing.Count > 0 ? " (renamed columns?)" : "")}");
        foreach (var column in retyped)
            parts.Add(schema.TextColumns.Contains(column)
                ? $"'{column}' holds numbers, but the model read it as text"
                : $"'{column}' holds text, but the model was fitted on it as numbers");
        return $"The columns of {(data.Name is null ? "the data" : $"'{data.Name}'")} do not match those the model was fitted on: " +
            $"{string.Join("; ", parts)}. The model's columns: {ModelSchema.Describe(schema.Columns, 12)}.";
    }
}
