using Scalearn.Numerics;

namespace Scalearn.ModelSelection.Tuning;

/// <summary>
/// Samples the space uniformly (log-uniformly for log ranges), honouring conditions; ignores results. Trial t draws
/// from a generator seeded by (seed, t), so a trial's parameters do not depend on when it is proposed. Not
/// thread-safe: one caller at a time.
/// </summary>
public sealed class RandomTuner : ITuner
{
    private readonly TrialBook _book = new();

    public RandomTuner(SearchSpace space, int seed = 0)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        Seed = seed;
    }

    public SearchSpace Space { get; }
    public int Seed { get; }
    public bool Exhausted => false;

    public IReadOnlyDictionary<string, object?>? Propose(int trial)
    {
        _book.Propose(trial);
        var rng = new Rng(Rng.Derive(Seed, trial));
        return Space.Walk((_, p, _) => p.Distribution.SampleUniform(rng.NextDouble));
    }

    public void Tell(int trial, double score) => _book.Tell(trial);
}
