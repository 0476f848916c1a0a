using System.Diagnostics;

namespace Scalearn.Jobs;

/// <summary>Progressive-validation bookkeeping: chunk scores handed in learning order, per-epoch means, progress reports.</summary>
internal sealed class StreamScoreBoard(IProgress<StreamFitProgress>? progress)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<double> _epochs = [];
    private double _sum;
    private int _scored, _epoch;

    public long ScoredChunks { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The chunk at <paramref name="index"/> of <paramref name="epoch"/> scored <paramref name="score"/> (NaN: not scored).</summary>
    public void Add(int epoch, int index, long firstRow, int rows, double score, long learned)
    {
        if (epoch != _epoch)
        {
            CloseEpoch();
            _epoch = epoch;
        }
        if (!double.IsNaN(score)) { _sum += score; _scored++; ScoredChunks++; }
        progress?.Report(new StreamFitProgress(epoch, index, firstRow, rows, score, _scored > 0 ? _sum / _scored : double.NaN,
            learned, learned / Math.Max(1e-9, _clock.Elapsed.TotalSeconds)));
    }

    /// <summary>The mean score of every epoch (NaN where nothing was scored); call once, at the end.</summary>
    public IReadOnlyList<double> EpochMeans()
    {
        CloseEpoch();
        return _epochs;
    }

    private void CloseEpoch()
    {
        _epochs.Add(_scored > 0 ? _sum / _scored : double.NaN);
        (_sum, _scored) = (0, 0);
    }
}
