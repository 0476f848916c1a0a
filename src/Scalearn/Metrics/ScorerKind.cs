namespace Scalearn.Metrics;

/// <summary>Which estimators a scorer can judge: classifiers (class labels), regressors (numbers), or any model.</summary>
public enum ScorerKind
{
    Any,
    Classification,
    Regression,
}
