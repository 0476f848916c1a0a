namespace Scalearn.Trees;

/// <summary>Impurity measure of classification trees (scikit-learn's criterion; log_loss is the same as entropy).</summary>
public enum ClassificationCriterion
{
    Gini,
    Entropy,
    LogLoss,
}
