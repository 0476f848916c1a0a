namespace Scalearn.Svm;

/// <summary>Kernel of a support vector machine (scikit-learn's kernel parameter).</summary>
public enum SvmKernel
{
    Linear,
    Poly,
    Rbf,
    Sigmoid,
}
