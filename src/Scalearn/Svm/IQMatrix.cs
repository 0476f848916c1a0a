namespace Scalearn.Svm;

/// <summary>The Hessian Q of an SMO dual problem, Q_ij = y_i y_j K(x_i, x_j), served column by column.</summary>
internal interface IQMatrix
{
    int Size { get; }

    /// <summary>Q_ii.</summary>
    double[] Diagonal { get; }

    /// <summary>Column i in problem order. Stays valid until two further columns have been requested.</summary>
    ReadOnlySpan<double> Column(int i);
}
