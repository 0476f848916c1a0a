namespace Scalearn.ModelSelection.Tuning;

/// <summary>Proposes a fixed sequence of candidates in order, without looking at results (grid and randomized search).</summary>
public sealed class SequenceTuner(IEnumerable<IReadOnlyDictionary<string, object?>> candidates) : ITuner
{
    private readonly IEnumerator<IReadOnlyDictionary<string, object?>> _next = candidates.GetEnumerator();

    public bool Exhausted { get; private set; }

    public IReadOnlyDictionary<string, object?>? Propose(int trial)
    {
        if (Exhausted) return null;
        if (_next.MoveNext()) return _next.Current;
        Exhausted = true;
        _next.Dispose();
        return null;
    }

    public void Tell(int trial, double score) { }
}
