using System.Numerics.Tensors;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>SGDRegressor.partial_fit: one shuffled epoch over each chunk; the step counter t carries over between chunks.</summary>
internal sealed class SgdRegressorLearner(SgdSettings settings, int seed, string estimator) : IIncrementalLearner
{
    private Rng _rng = new(Rng.Derive(seed, 0));
    private SgdState? _state;
    private int _features;
    private double _t = 1.0;
    private int[] _order = [];

    public long RowsSeen { get; private set; }

    public void PartialFit(DataView chunk, IReadOnlyList<double>? classes = null)
    {
        if (classes is not null) throw new ArgumentException($"{estimator} is a regressor; PartialFit takes no classes.", nameof(classes));
        if (chunk.Count == 0) return;
        ModelChecks.HasFeatures(chunk, estimator);
        if (_state is null)
        {
            _features = chunk.FeatureCount;
            _state = new SgdState(_features, settings.Average > 0);
        }
        ModelChecks.FeatureCount(chunk, _features, estimator);
        bool checkWhileTraining = chunk.Indices is null && SgdTrainer.UsesDeferredEpoch(settings, _features);
        var targets = CheckedTargets(chunk, checkFeatures: !checkWhileTraining);
        if (_order.Length != chunk.Count) _order = Enumerable.Range(0, chunk.Count).ToArray();
        var batch = new SgdBatch(chunk.Source.X.Values, _features, chunk.Indices, targets, _order, 1.0, 1.0);
        if (checkWhileTraining) SgdTrainer.RunOneEpochCheckingRows(settings, _state, batch, _t, ref _rng, () => ModelChecks.AllFinite(chunk, estimator));
        else SgdTrainer.Run(settings, _state, batch, 1, _t, _rng, null);
        _t += chunk.Count;
        RowsSeen += chunk.Count;
    }

    public IModel Snapshot()
    {
        if (_state is null) throw new InvalidOperationException($"{estimator}: call PartialFit with at least one row before taking a snapshot.");
        var (coef, intercept) = _state.Final(settings.Average, _t);
        return new LinearRegressorModel(coef, intercept);
    }

    /// <summary>Targets by position; a contiguous chunk uses the dataset's arrays directly (no copy on the streaming path).</summary>
    private double[] CheckedTargets(DataView chunk, bool checkFeatures)
    {
        if (chunk.Indices is null)
        {
            var x = chunk.Source.X.Values;
            if (checkFeatures && !FiniteCheck.AllFinite(x)) ModelChecks.AllFinite(chunk, estimator);
            var y = chunk.Source.RequireTarget();
            if (!FiniteCheck.AllFinite(y)) LinearInputs.RequireFiniteFeaturesAndTarget(chunk, estimator);
            return y;
        }
        LinearInputs.RequireFiniteFeaturesAndTarget(chunk, estimator);
        return chunk.Targets();
    }
}
