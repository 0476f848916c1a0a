namespace Scalearn.Linear;

/// <summary>Regularization of the SGD estimators; elasticnet mixes L1 and L2 by l1_ratio.</summary>
public enum SgdPenalty
{
    L2,
    L1,
    Elasticnet,
    None,
}
