using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Metrics;

/// <summary>A named scorer defined by a function of the fitted model and the labelled data.</summary>
public sealed class Scorer(string name, Func<IModel, DataView, double> score) : IScorer
{
    public string Name { get; } = name;

    public double Score(IModel model, DataView data) => score(model, data);

    /// <summary>Scorer from a metric on (y_true, y_pred); <paramref name="sign"/> = -1 negates losses.</summary>
    public static Scorer FromPredictions(string name, Func<double[], double[], double> metric, double sign = 1) =>
        new(name, (model, data) => sign * metric(data.Targets(), Require<IPredictor>(model, name, "predict").Predict(data)));

    internal static T Require<T>(IModel model, string scorer, string capability) where T : class =>
        model as T ?? throw new InvalidOperationException($"Scorer '{scorer}' needs a model with {capability}; {model.GetType().Name} has none.");
}
