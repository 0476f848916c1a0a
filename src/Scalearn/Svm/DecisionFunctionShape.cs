namespace Scalearn.Svm;

/// <summary>Shape of SVC's multiclass decision function: one column per class pair (ovo) or per class (ovr).</summary>
public enum DecisionFunctionShape
{
    Ovo,
    Ovr,
}
