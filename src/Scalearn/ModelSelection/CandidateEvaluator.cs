namespace Scalearn.ModelSelection;

/// <summary>Cross-validates candidates (all of them, in order) and returns their scores; candidate indices keep increasing across calls.</summary>
public delegate Task<IReadOnlyList<CandidateScores>> CandidateEvaluator(
    IReadOnlyList<IReadOnlyDictionary<string, object?>> candidates, CancellationToken ct);
