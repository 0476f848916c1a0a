namespace Scalearn.Linear;

/// <summary>scikit-learn's multi_class: auto = ovr for binary problems, multinomial otherwise.</summary>
public enum MultiClass
{
    Auto,
    Ovr,
    Multinomial,
}
