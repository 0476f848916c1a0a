namespace Scalearn.Svm;

/// <summary>The Hessian Q of an SMO dual problem, Q_ij = y_i y_j K(x_i, x_j), served column by column.</summary>
internal interface IQMatrix
{
    int Size { get; }

    /// <summary>Q_ii.</summary>
    double[] Diagonal { get; }

    /// <summary>
    /// Column i in problem order. Only the entries listed in <paramref name="needed"/> are guaranteed (all entries when
    /// it is empty): the solver asks for its active variables while shrinking. Stays valid until two further columns
    /// have been requested.
    /// </summary>
    ReadOnlySpan<double> Column(int i, ReadOnlySpan<int> needed);
}
