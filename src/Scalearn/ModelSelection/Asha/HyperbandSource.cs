using Scalearn.ModelSelection.Tuning;

namespace Scalearn.ModelSelection.Asha;

/// <summary>
/// Hyperband (Li et al. 2018): brackets s = s_max .. 0, each a synchronous successive halving that starts
/// ceil((s_max + 1) / (s + 1) x eta^s) configurations on R x eta^-s epochs and keeps the best floor(n_i / eta) of each
/// rung for eta times the epochs, continuing each survivor's learner. Brackets run one after the other.
/// </summary>
internal sealed class HyperbandSource : ICandidateSource
{
    private readonly ITuner _sampler;
    private readonly int[] _rungs;
    private readonly int _eta;
    private readonly List<IReadOnlyDictionary<string, object?>> _configs = [];
    private readonly Dictionary<int, (int Config, int Rung)> _trials = new();
    private readonly List<(int Config, double Score)> _finished = [];
    private List<int> _rungConfigs = [];
    private int _bracket, _rung, _next, _bracketOffset;
    private int _samplerTrial;

    public HyperbandSource(ITuner sampler, int[] rungs, int eta)
    {
        _sampler = sampler;
        _rungs = rungs;
        _eta = eta;
        StartBracket();
    }

    private int SMax => _rungs.Length - 1;

    public bool Exhausted { get; private set; }

    public static int TotalConfigurations(int rungCount, int eta) =>
        Enumerable.Range(0, rungCount).Sum(s => BracketSize(rungCount - 1, rungCount - 1 - s, eta));

    private static int BracketSize(int sMax, int s, int eta) => (int)Math.Ceiling((sMax + 1) / (double)(s + 1) * Math.Pow(eta, s));

    private void StartBracket()
    {
        int s = SMax - _bracket;
        _bracketOffset = SMax - s;   // the bracket's first rung in the shared rung list
        _rungConfigs = [];
        for (int i = 0, n = BracketSize(SMax, s, _eta); i < n; i++)
        {
            if (_sampler.Propose(_samplerTrial) is not { } parameters) break;
            _samplerTrial++;
            _configs.Add(parameters);
            _rungConfigs.Add(_configs.Count - 1);
        }
        _rung = 0;
        _next = 0;
        _finished.Clear();
        if (_rungConfigs.Count == 0) Exhausted = true;
    }

    public CandidateRequest? Next(int trial)
    {
        if (Exhausted || _next >= _rungConfigs.Count) return null;
        int config = _rungConfigs[_next++];
        int rung = _bracketOffset + _rung;
        _trials[trial] = (config, rung);
        return new CandidateRequest(_configs[config], null, rung, _rungs[rung])
        {
            Epochs = new EpochRequest(_rung == 0 ? 0 : _rungs[rung - 1], _rungs[rung], config),
        };
    }

    public void Finished(CandidateScores scores)
    {
        if (!_trials.Remove(scores.Index, out var t)) return;
        _finished.Add((t.Config, double.IsNaN(scores.MeanTestScore) ? double.NegativeInfinity : scores.MeanTestScore));
        if (t.Rung == _bracketOffset) _sampler.Tell(t.Config, scores.MeanTestScore);
        if (_finished.Count < _rungConfigs.Count) return;
        int keep = _rungConfigs.Count / _eta;
        if (_bracketOffset + _rung + 1 < _rungs.Length && keep > 0)
        {
            _rungConfigs = _finished.OrderByDescending(f => f.Score).ThenBy(f => f.Config).Take(keep).Select(f => f.Config).ToList();
            _rung++;
            _next = 0;
            _finished.Clear();
            return;
        }
        if (++_bracket > SMax) Exhausted = true;
        else StartBracket();
    }
}
