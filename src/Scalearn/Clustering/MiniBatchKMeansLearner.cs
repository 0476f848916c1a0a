using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Clustering;

/// <summary>
/// partial_fit for MiniBatchKMeans: the first chunk initialises the centers (one init on init_size rows of it),
/// every chunk is then one mini-batch step. Snapshots carry the labels and inertia of the last chunk, as scikit-learn's labels_.
/// </summary>
internal sealed class MiniBatchKMeansLearner(MiniBatchKMeans parameters) : IIncrementalLearner
{
    private readonly Rng _rng = Rng.FromOptionalSeed(parameters.RandomState);
    private MiniBatchKMeansState? _state;
    private int[] _lastLabels = [];
    private double _lastInertia;

    public long RowsSeen { get; private set; }

    public void PartialFit(DataView chunk, IReadOnlyList<double>? classes = null)
    {
        if (chunk.Count == 0) throw new ArgumentException("MiniBatchKMeans.partial_fit needs a non-empty chunk.");
        ModelChecks.HasFeatures(chunk, nameof(MiniBatchKMeans));
        if (_state is not null) ModelChecks.FeatureCount(chunk, _state.Centers.Cols, nameof(MiniBatchKMeans));
        ModelChecks.AllFinite(chunk, nameof(MiniBatchKMeans));
        var x = chunk.ToMatrix();
        if (_state is null)
        {
            KMeansChecks.EnoughSamples(x.Rows, parameters.NClusters);
            var centers = parameters.InitialCenters(x, parameters.EffectiveInitSize(x.Rows, Math.Min(parameters.BatchSize, x.Rows)), _rng);
            _state = new MiniBatchKMeansState(centers, parameters.ReassignmentRatio, _rng);
        }
        _lastLabels = new int[x.Rows];
        _state.Step(x, _lastLabels, out _);
        // labels_ and inertia_ describe the chunk under the updated centers.
        _lastInertia = KMeansMath.Assign(x, _state.Centers, _lastLabels);
        RowsSeen += x.Rows;
    }

    public IModel Snapshot()
    {
        var state = _state ?? throw new InvalidOperationException("MiniBatchKMeans: call PartialFit before taking a snapshot.");
        var centers = new Matrix((double[])state.Centers.Values.Clone(), state.Centers.Rows, state.Centers.Cols);
        return new KMeansModel(centers, (int[])_lastLabels.Clone(), _lastInertia, (int)state.Steps);
    }
}
