using Scalearn.Estimators;

namespace Scalearn.Pipelines;

/// <summary>
/// One [name, transformer, columns] triple of a <see cref="ColumnTransformer"/>. The transformer is an estimator, or
/// none: then the columns are passed through unchanged (<see cref="Passthrough"/>) or dropped.
/// Columns are numeric feature names and/or text column names.
/// </summary>
public sealed record ColumnTransformerEntry(string Name, IEstimator? Estimator, IReadOnlyList<string> Columns, bool Passthrough = false)
{
    public const string DropKeyword = "drop";
    public const string PassthroughKeyword = "passthrough";

    public static ColumnTransformerEntry Drop(string name, params string[] columns) => new(name, null, columns);
    public static ColumnTransformerEntry PassThrough(string name, params string[] columns) => new(name, null, columns, Passthrough: true);

    public bool IsDrop => Estimator is null && !Passthrough;

    /// <summary>The raw transformer element: the estimator's spec, "drop" or "passthrough".</summary>
    internal object TransformerToRaw() => Estimator is not null ? EstimatorSpec.Of(Estimator) : Passthrough ? PassthroughKeyword : DropKeyword;

    /// <summary>Parses a raw transformer element; "drop" and "passthrough" are keywords, not estimator names.</summary>
    internal static (IEstimator? Estimator, bool Passthrough) ParseTransformer(object? raw, string parameter)
    {
        if (raw is System.Text.Json.JsonElement json) raw = RawJson.ToRaw(json);
        return raw switch
        {
            string s when s.Equals(DropKeyword, StringComparison.OrdinalIgnoreCase) => (null, false),
            string s when s.Equals(PassthroughKeyword, StringComparison.OrdinalIgnoreCase) => (null, true),
            _ => (NestedParams.ParseEstimator(raw, parameter), false),
        };
    }
}
