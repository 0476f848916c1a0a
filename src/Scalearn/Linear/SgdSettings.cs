namespace Scalearn.Linear;

/// <summary>The hyperparameters the SGD epoch loop needs, frozen at the start of a fit.</summary>
internal sealed record SgdSettings(
    SgdLoss Loss,
    double Epsilon,
    SgdPenalty Penalty,
    double Alpha,
    double L1Ratio,
    SgdLearningRate LearningRate,
    double Eta0,
    double PowerT,
    bool FitIntercept,
    int Average,
    bool Shuffle,
    double? Tol,
    int NIterNoChange,
    int Verbose = 0);
