namespace Scalearn.Svm;

/// <summary>Solver options shared by every sub-problem of one fit.</summary>
internal readonly record struct SolverSettings(double Tolerance, bool Shrinking, int MaxIter, long CacheBytes, bool Verbose = false);
