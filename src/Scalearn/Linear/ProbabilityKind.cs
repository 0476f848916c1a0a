namespace Scalearn.Linear;

/// <summary>How a linear classifier turns decision values into probabilities.</summary>
public enum ProbabilityKind
{
    /// <summary>Softmax over the classes (multinomial logistic regression; binary: softmax of [-d, d]).</summary>
    Softmax,

    /// <summary>Per-class logistic sigmoid, normalized across classes (one-vs-rest logistic models).</summary>
    OneVsRestLogistic,

    /// <summary>(clip(d, -1, 1) + 1) / 2, normalized across classes (SGD with loss='modified_huber').</summary>
    ModifiedHuber,

    /// <summary>The loss does not define probabilities (e.g. hinge); predict_proba is an error.</summary>
    Unavailable,
}
