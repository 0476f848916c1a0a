using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Metrics;

/// <summary>A named scorer defined by a function of the fitted model and the labelled data, with the task it accepts.</summary>
public sealed class Scorer(string name, Func<IModel, DataView, double> score, ScorerKind kind = ScorerKind.Any,
    IReadOnlyList<TargetType>? targets = null) : IScorer
{
    internal static readonly IReadOnlyList<TargetType> AnyTarget = [TargetType.Binary, TargetType.Multiclass, TargetType.Continuous];
    internal static readonly IReadOnlyList<TargetType> ClassLabels = [TargetType.Binary, TargetType.Multiclass];
    internal static readonly IReadOnlyList<TargetType> BinaryOnly = [TargetType.Binary];

    public string Name { get; } = name;
    public ScorerKind Kind { get; } = kind;
    public IReadOnlyList<TargetType> Targets { get; } = targets ?? (kind == ScorerKind.Classification ? ClassLabels : AnyTarget);

    public double Score(IModel model, DataView data) => score(model, data);

    /// <summary>Scorer from a metric on (y_true, y_pred); <paramref name="sign"/> = -1 negates losses.</summary>
    public static Scorer FromPredictions(string name, Func<double[], double[], double> metric, double sign = 1,
        ScorerKind kind = ScorerKind.Any, IReadOnlyList<TargetType>? targets = null) =>
        new(name, (model, data) => sign * metric(data.Targets(), Require<IPredictor>(model, name, "predict").Predict(data)), kind, targets);

    internal static T Require<T>(IModel model, string scorer, string capability) where T : class =>
        model as T ?? throw new InvalidOperationException($"Scorer '{scorer}' needs a model with {capability}; {model.GetType().Name} has none.");
}
