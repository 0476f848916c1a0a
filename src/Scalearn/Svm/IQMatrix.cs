namespace Scalearn.Svm;

/// <summary>
/// The Hessian Q of an SMO dual problem, Q_ij = y_i y_j K(x_row(i), x_row(j)), served as unsigned kernel rows: the
/// variables map onto <see cref="RowLength"/> training rows, variable t onto row t mod RowLength (one variable per row
/// for C-SVC; two for epsilon-SVR, alpha then alpha*, with y = +1 for the first half and -1 for the second). The solver
/// applies the signs itself, so a column is never assembled and a cached row serves both SVR variables of its row.
/// </summary>
internal interface IQMatrix
{
    /// <summary>Number of variables (a multiple of <see cref="RowLength"/>).</summary>
    int Size { get; }

    /// <summary>Number of training rows.</summary>
    int RowLength { get; }

    /// <summary>Q_ii.</summary>
    double[] Diagonal { get; }

    /// <summary>
    /// K(x_row(i), x_r) for every training row r (length <see cref="RowLength"/>). Stays valid until two further rows
    /// have been requested.
    /// </summary>
    ReadOnlySpan<double> KernelRow(int i);

    /// <summary>Whether <see cref="KernelRow"/> of variable i is served without computing kernel values.</summary>
    bool IsCached(int i);
}
