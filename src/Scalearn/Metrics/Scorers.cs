using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Metrics;

/// <summary>The scorers a search may name (scikit-learn's scoring strings), each declaring the task it accepts.</summary>
public static class Scorers
{
    private const ScorerKind Classification = ScorerKind.Classification;
    private const ScorerKind Regression = ScorerKind.Regression;

    private static readonly Dictionary<string, IScorer> ByName = Build().ToDictionary(s => s.Name, StringComparer.Ordinal);

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

    private static IEnumerable<IScorer> Build()
    {
        yield return new Scorer("score", (model, data) => Scorer.Require<IPredictor>(model, "score", "a score method").Score(data));
        yield return Scorer.FromPredictions("accuracy", ClassificationMetrics.Accuracy, kind: Classification);
        yield return Scorer.FromPredictions("balanced_accuracy", ClassificationMetrics.BalancedAccuracy, kind: Classification);
        foreach (var (metric, compute) in new (string, Func<double[], double[], string, double>)[]
        {
            ("precision", (t, p, a) => ClassificationMetrics.PrecisionScore(t, p, a)),
            ("recall", (t, p, a) => ClassificationMetrics.RecallScore(t, p, a)),
            ("f1", (t, p, a) => ClassificationMetrics.F1Score(t, p, a)),
        })
        {
            yield return Scorer.FromPredictions(metric, (t, p) => compute(t, p, "binary"), kind: Classification, targets: Scorer.BinaryOnly);
            foreach (var average in new[] { "micro", "macro", "weighted" })
                yield return Scorer.FromPredictions($"{metric}_{average}", (t, p) => compute(t, p, average), kind: Classification);
        }
        yield return new Scorer("roc_auc", RocAucBinary, Classification, Scorer.BinaryOnly);
        yield return new Scorer("roc_auc_ovr", RocAucScore, Classification);
        yield return new Scorer("neg_log_loss", NegLogLoss, Classification);
        yield return Scorer.FromPredictions("r2", RegressionMetrics.R2, kind: Regression);
        yield return Scorer.FromPredictions("explained_variance", RegressionMetrics.ExplainedVarianceScore, kind: Regression);
        yield return Scorer.FromPredictions("neg_mean_squared_error", RegressionMetrics.MeanSquaredError, -1, Regression);
        yield return Scorer.FromPredictions("neg_root_mean_squared_error", RegressionMetrics.RootMeanSquaredError, -1, Regression);
        yield return Scorer.FromPredictions("neg_mean_absolute_error", RegressionMetrics.MeanAbsoluteError, -1, Regression);
        yield return Scorer.FromPredictions("neg_mean_absolute_percentage_error", RegressionMetrics.MeanAbsolutePercentageError, -1, Regression);
    }

    /// <summary>scikit-learn's "roc_auc": binary targets only (its multi_class="raise").</summary>
    private static double RocAucBinary(IModel model, DataView data)
    {
        if (TargetTypes.TypeOfTarget(data.Targets()) == TargetType.Multiclass)
            throw new ArgumentException("Scorer 'roc_auc' handles binary targets only and this target is multiclass; use 'roc_auc_ovr' (one-vs-rest) for more than two classes.");
        return RocAucScore(model, data);
    }

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
