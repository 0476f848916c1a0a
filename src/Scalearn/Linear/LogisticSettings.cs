namespace Scalearn.Linear;

/// <summary>The resolved settings of one <see cref="LogisticRegression"/> fit.</summary>
internal sealed record LogisticSettings(
    LogisticSolver Solver,
    double L2,
    double L1,
    bool FitIntercept,
    double Tol,
    int MaxIter,
    int Verbose,
    int? RandomState);
