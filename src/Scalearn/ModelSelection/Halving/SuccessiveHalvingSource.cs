namespace Scalearn.ModelSelection.Halving;

/// <summary>
/// Successive halving as a candidate source: every candidate on the first rung's resources, then the best 1/factor of
/// each rung (by mean test score, NaN worst, ties as scikit-learn's stable sort leaves them) on the next rung's, until
/// the schedule's last rung. A rung's candidates are all in flight at once; the next rung starts when its last one ends.
/// </summary>
internal sealed class SuccessiveHalvingSource : ICandidateSource
{
    private readonly HalvingSchedule _schedule;
    private readonly int _factor;
    private readonly Func<int, IReadOnlyDictionary<string, object?>, CandidateRequest> _request;
    private List<IReadOnlyDictionary<string, object?>> _rung;
    private readonly Dictionary<int, (int Position, double Score)> _told = new();
    private int _iteration, _proposed;

    /// <param name="request">Turns a rung number and a candidate into what runs (resource parameter or subsampled folds).</param>
    public SuccessiveHalvingSource(IReadOnlyList<IReadOnlyDictionary<string, object?>> candidates, HalvingSchedule schedule, int factor,
        Func<int, IReadOnlyDictionary<string, object?>, CandidateRequest> request)
    {
        _rung = [.. candidates];
        _schedule = schedule;
        _factor = factor;
        _request = request;
    }

    public IReadOnlyList<int> CandidatesPerIteration => _counts;

    private readonly List<int> _counts = [];

    public bool Exhausted { get; private set; }

    private readonly Dictionary<int, int> _positionOfTrial = new();

    public CandidateRequest? Next(int trial)
    {
        if (Exhausted || _proposed >= _rung.Count) return null;
        if (_proposed == 0) _counts.Add(_rung.Count);
        _positionOfTrial[trial] = _proposed;
        return _request(_iteration, _rung[_proposed++]);
    }

    public void Finished(CandidateScores scores)
    {
        if (!_positionOfTrial.Remove(scores.Index, out int position)) return;
        _told[scores.Index] = (position, scores.MeanTestScore);
        if (_told.Count < _rung.Count) return;
        if (_iteration + 1 >= _schedule.Iterations)
        {
            Exhausted = true;
            return;
        }
        int keep = (_rung.Count + _factor - 1) / _factor;
        // Ascending by score with NaN first and ties in candidate order (a stable sort), keep the last `keep`.
        var order = _told.Values.OrderBy(t => double.IsNaN(t.Score) ? 0 : 1).ThenBy(t => double.IsNaN(t.Score) ? 0 : t.Score).ThenBy(t => t.Position)
            .Select(t => _rung[t.Position]).ToList();
        _rung = order.Skip(order.Count - keep).ToList();
        _told.Clear();
        _proposed = 0;
        _iteration++;
    }
}
