namespace Scalearn.ModelSelection;

/// <summary>
/// When a search stops proposing: after <see cref="NTrials"/> candidates, after <see cref="Timeout"/> (candidates in
/// flight still finish), or after <see cref="NoImprovementTrials"/> finished candidates without a better score.
/// </summary>
public sealed record SearchBudget(int? NTrials = null, TimeSpan? Timeout = null, int? NoImprovementTrials = null)
{
    public static SearchBudget None { get; } = new();

    public bool Spent(int proposed, TimeSpan elapsed, int sinceImprovement) =>
        proposed >= NTrials || elapsed >= Timeout || sinceImprovement >= NoImprovementTrials;

    public void Validate()
    {
        if (NTrials is < 1) throw new Estimators.ParameterException("n_trials", $"Parameter 'n_trials' must be an integer >= 1; got {NTrials}.");
        if (Timeout is { } t && t <= TimeSpan.Zero) throw new Estimators.ParameterException("timeout", $"Parameter 'timeout' must be positive; got {t}.");
        if (NoImprovementTrials is < 1) throw new Estimators.ParameterException("early_stop", $"The early stop must be an integer >= 1 of trials without improvement; got {NoImprovementTrials}.");
    }
}
