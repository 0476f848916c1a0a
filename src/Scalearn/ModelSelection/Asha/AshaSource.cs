using Scalearn.ModelSelection.Tuning;

namespace Scalearn.ModelSelection.Asha;

/// <summary>
/// Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter Tuning", the stopping
/// variant): whenever there is room for a candidate, promote a configuration that is in the top 1/eta of the finished
/// ones at the highest rung where one is waiting, else start a new configuration at the first rung. A configuration
/// continues where its previous rung left off (its learner is held where it ran). Ends when <c>n_trials</c>
/// configurations have started and none can be promoted.
/// </summary>
internal sealed class AshaSource(ITuner sampler, int nConfigs, int[] rungs, int eta) : ICandidateSource
{
    private readonly List<IReadOnlyDictionary<string, object?>> _configs = [];
    private readonly List<(int Config, double Score)>[] _finished = [.. rungs.Select(_ => new List<(int, double)>())];
    private readonly HashSet<int>[] _promoted = [.. rungs.Select(_ => new HashSet<int>())];
    private readonly Dictionary<int, (int Config, int Rung)> _trials = new();
    private int _samplerTrial;

    public bool Exhausted => _configs.Count >= nConfigs && Promotable() is null || sampler.Exhausted && Promotable() is null;

    public CandidateRequest? Next(int trial)
    {
        if (Promotable() is { } promotion)
        {
            _promoted[promotion.Rung].Add(promotion.Config);
            return Request(trial, promotion.Config, promotion.Rung + 1);
        }
        if (_configs.Count >= nConfigs || sampler.Propose(_samplerTrial) is not { } parameters) return null;
        _samplerTrial++;
        _configs.Add(parameters);
        return Request(trial, _configs.Count - 1, 0);
    }

    public void Finished(CandidateScores scores)
    {
        if (!_trials.Remove(scores.Index, out var t)) return;
        double score = double.IsNaN(scores.MeanTestScore) ? double.NegativeInfinity : scores.MeanTestScore;
        _finished[t.Rung].Add((t.Config, score));
        if (t.Rung == 0) sampler.Tell(t.Config, scores.MeanTestScore);
    }

    private CandidateRequest Request(int trial, int config, int rung)
    {
        _trials[trial] = (config, rung);
        return new CandidateRequest(_configs[config], null, rung, rungs[rung])
        {
            Epochs = new EpochRequest(rung == 0 ? 0 : rungs[rung - 1], rungs[rung], config),
        };
    }

    /// <summary>The highest rung's best finished, not yet promoted configuration in its top 1/eta.</summary>
    private (int Config, int Rung)? Promotable()
    {
        for (int k = rungs.Length - 2; k >= 0; k--)
        {
            var done = _finished[k];
            int top = done.Count / eta;
            if (top == 0) continue;
            foreach (var (config, _) in done.OrderByDescending(d => d.Score).ThenBy(d => d.Config).Take(top))
                if (!_promoted[k].Contains(config)) return (config, k);
        }
        return null;
    }
}
