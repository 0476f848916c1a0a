namespace Scalearn.ModelSelection.Tuning;

/// <summary>Checks the Propose/Tell protocol: trials are proposed as 0, 1, 2, ... and each is told once.</summary>
internal sealed class TrialBook
{
    private readonly List<bool> _told = [];

    public int Proposed => _told.Count;

    public void Propose(int trial)
    {
        if (trial != _told.Count)
            throw new InvalidOperationException($"Trials are proposed in order: the next one is trial {_told.Count}; got {trial}.");
        _told.Add(false);
    }

    public void Tell(int trial)
    {
        if (trial < 0 || trial >= _told.Count)
            throw new InvalidOperationException($"Trial {trial} was never proposed ({_told.Count} so far).");
        if (_told[trial]) throw new InvalidOperationException($"Trial {trial} was already told.");
        _told[trial] = true;
    }
}
