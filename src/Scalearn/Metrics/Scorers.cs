using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Metrics;

/// <summary>The scorers a search may name (scikit-learn's scoring strings).</summary>
public static class Scorers
{
    private static readonly Dictionary<string, IScorer> ByName = new IScorer[]
    {
        new Scorer("score", (model, data) => Scorer.Require<IPredictor>(model, "score", "a score method").Score(data)),
        Scorer.FromPredictions("accuracy", ClassificationMetrics.Accuracy),
        Scorer.FromPredictions("balanced_accuracy", ClassificationMetrics.BalancedAccuracy),
        Scorer.FromPredictions("f1_macro", ClassificationMetrics.F1Macro),
        Scorer.FromPredictions("f1_weighted", ClassificationMetrics.F1Weighted),
        new Scorer("roc_auc", RocAucScore),
        new Scorer("roc_auc_ovr", RocAucScore),
        new Scorer("neg_log_loss", NegLogLoss),
        Scorer.FromPredictions("r2", RegressionMetrics.R2),
        Scorer.FromPredictions("neg_mean_squared_error", RegressionMetrics.MeanSquaredError, -1),
        Scorer.FromPredictions("neg_mean_absolute_error", RegressionMetrics.MeanAbsoluteError, -1),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get { lock (ByName) return ByName.Keys.ToArray(); } }

    public static bool TryGet(string name, out IScorer scorer)
    {
        lock (ByName) return ByName.TryGetValue(name, out scorer!);
    }

    /// <summary>
    /// Adds a custom scorer under its name, so searches can name it and (registered in a worker plugin too) run it on
    /// a cluster. An unregistered <see cref="IScorer"/> can still be passed to local searches directly.
    /// </summary>
    public static void Register(IScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        lock (ByName)
        {
            if (ByName.TryGetValue(scorer.Name, out var existing) && !ReferenceEquals(existing, scorer))
                throw new ArgumentException($"A scorer named '{scorer.Name}' is already registered.", nameof(scorer));
            ByName[scorer.Name] = scorer;
        }
    }

    public static IScorer Get(string name) =>
        TryGet(name, out var scorer) ? scorer
            : throw new ArgumentException($"Unknown scorer '{name}'; known scorers: {string.Join(", ", Names)}.", nameof(name));

    private static double RocAucScore(IModel model, DataView data)
    {
        var y = data.Targets();
        return model switch
        {
            IClassifierModel classifier => RocAuc.Score(y, classifier.PredictProba(data), classifier.Classes),
            IDecisionFunction decision => RocAucFromDecision(decision, y, data),
            _ => throw new InvalidOperationException($"Scorer 'roc_auc' needs predict_proba or decision_function; {model.GetType().Name} has neither."),
        };
    }

    private static double RocAucFromDecision(IDecisionFunction model, double[] y, DataView data)
    {
        var scores = model.DecisionFunction(data);
        double[] classes = model is IClassifierModel c ? c.Classes : y.Distinct().Order().ToArray();
        return RocAuc.Score(y, scores, classes);
    }

    private static double NegLogLoss(IModel model, DataView data)
    {
        var classifier = model as IClassifierModel
            ?? throw new InvalidOperationException($"Scorer 'neg_log_loss' needs predicted probabilities (predict_proba); {model.GetType().Name} has none.");
        return -ClassificationMetrics.LogLoss(data.Targets(), classifier.PredictProba(data), classifier.Classes);
    }
}
