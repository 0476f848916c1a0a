namespace Scalearn.ModelSelection.Tuning;
/// Proposes candidates and learns from finished ones. The search base calls Propose whenever it has room for another
/// candidate in flight and Tell when one finishes; it owns budgets (n_trials, timeout, early stop) and parallelism.
public interface ITuner
{
    /// The parameters of trial `trial` (0, 1, 2, ... in call order), or null when nothing can be proposed until more
    /// results arrive (or ever: see Exhausted). A trial proposed and not yet told is "in flight".
    IReadOnlyDictionary<string, object?>? Propose(int trial);
    /// The finished trial's score (higher is better; NaN = failed, treated as worst).
    void Tell(int trial, double score);
    /// True when Propose will never return another candidate.
    bool Exhausted { get; }
}
