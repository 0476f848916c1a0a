using System.Globalization;
using Scalearn.Estimators;

namespace Scalearn.Metrics;

/// <summary>
/// Checks, before any fit, that the estimator, the scorers and the target describe one task: a classifier needs class
/// labels, a classification scorer needs a classifier, a regression scorer a regressor, and a binary-only scorer
/// (roc_auc, precision, recall, f1) a binary target. Each mismatch is an <see cref="ArgumentException"/> saying what
/// is wrong and what to use instead, rather than a confusing failure in the middle of cross-validation.
/// </summary>
public static class TaskChecks
{
    /// <param name="classNames">The target's text labels (<see cref="Data.Dataset.ClassNames"/>): only a classifier can learn them.</param>
    public static void Check(IEstimator estimator, IReadOnlyList<string> scoring, IReadOnlyList<double> y, string targetName = "target",
        IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(scoring);
        ArgumentNullException.ThrowIfNull(y);
        var type = TargetTypes.TypeOfTarget(y);
        bool classifier = EstimatorTraits.IsClassifier(estimator);
        string model = ModelName(estimator);
        if (classNames is not null && !classifier)
            throw new ArgumentException(
                $"The target '{targetName}' holds text class labels ({string.Join(", ", classNames.Take(5).Select(c => $"'{c}'"))}" +
                $"{(classNames.Count > 5 ? ", ..." : "")}), but {model} is not a classifier. Use a classifier, or a numeric target.");
        if (classifier && type == TargetType.Continuous)
            throw new ArgumentException(
                $"{model} is a classifier, but the target '{targetName}' is continuous ({FractionalExample(y)}, not a class label). " +
                $"Use a regressor{RegressorHint(estimator)}, or a target of class labels.");
        foreach (var name in scoring)
        {
            var scorer = Scorers.Get(name);
            if (scorer.Kind == ScorerKind.Classification && type == TargetType.Continuous)
                throw new ArgumentException(
                    $"Scorer '{name}' needs class labels, but the target '{targetName}' is continuous ({FractionalExample(y)}). " +
                    $"Use a regression scorer: {ScorersOf(ScorerKind.Regression)}.");
            if (scorer.Kind == ScorerKind.Classification && !classifier)
                throw new ArgumentException(
                    $"Scorer '{name}' judges classifiers, but {model} is not a classifier. " +
                    $"Use a regression scorer ({ScorersOf(ScorerKind.Regression)}) or a classifier.");
            if (scorer.Kind == ScorerKind.Regression && classifier)
                throw new ArgumentException(
                    $"Scorer '{name}' judges regressors, but {model} is a classifier predicting class labels. " +
                    $"Use a classification scorer: {ScorersOf(ScorerKind.Classification)}.");
            if (!scorer.Targets.Contains(type))
                throw new ArgumentException(
                    $"Scorer '{name}' handles {string.Join(" or ", scorer.Targets.Select(t => t.Name()))} targets only, but the target '{targetName}' " +
                    $"is {type.Name()}{(type == TargetType.Multiclass ? $" ({y.Distinct().Count()} classes)" : "")}; {AlternativeTo(name)}.");
        }
    }

    private static string ModelName(IEstimator estimator) =>
        estimator is IHasFinalEstimator composite ? $"{ModelName(composite.FinalEstimator)} (the last step of the {estimator.TypeName})" : estimator.TypeName;

    private static string FractionalExample(IReadOnlyList<double> y)
    {
        for (int i = 0; i < y.Count; i++)
            if (y[i] != Math.Floor(y[i])) return $"row {i} holds {y[i].ToString("R", CultureInfo.InvariantCulture)}";
        return "it has fractional values";
    }

    private static string RegressorHint(IEstimator estimator)
    {
        var final = estimator;
        while (final is IHasFinalEstimator composite) final = composite.FinalEstimator;
        string name = final.TypeName;
        string candidate = name == "SVC" ? "SVR" : name.EndsWith("Classifier", StringComparison.Ordinal) ? name[..^"Classifier".Length] + "Regressor" : "";
        return candidate.Length > 0 && EstimatorRegistry.TryGetType(candidate, out _) ? $" such as {candidate}" : "";
    }

    private static string ScorersOf(ScorerKind kind) =>
        string.Join(", ", Scorers.Names.Where(n => Scorers.Get(n).Kind == kind).Take(6)) + ", ...";

    private static string AlternativeTo(string scorer) => scorer switch
    {
        "roc_auc" => "use 'roc_auc_ovr' (one-vs-rest) for more than two classes",
        "precision" or "recall" or "f1" => $"use an averaged form: '{scorer}_macro', '{scorer}_micro' or '{scorer}_weighted'",
        _ => "choose a scorer for this kind of target",
    };
}
