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
    private int[] _order = [], _orderBefore = [];

    public long RowsSeen { get; private set; }

    public void PartialFit(DataView chunk, IReadOnlyList<double>? classes = null)
    {
        if (classes is not null) throw new ArgumentException($"{estimator} is a regressor; PartialFit takes no classes.", nameof(classes));
        if (chunk.Count == 0) return;
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
        if (checkWhileTraining) TrainCheckingRows(chunk, batch with { RowsUnchecked = true });
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

    /// <summary>
    /// Trains on a chunk whose features were not checked beforehand, which spares a pass over the chunk's memory (the
    /// streaming case, where reading the data costs about as much as learning from it). Every prediction must be
    /// finite; when one is not, the epoch stops before it changes the model, the generator and the row order are put
    /// back, and the chunk is checked value by value: bad data is rejected naming its row and column, and finite data
    /// (the weights overflowed) is trained the usual way.
    /// </summary>
    private void TrainCheckingRows(DataView chunk, SgdBatch batch)
    {
        var rngBefore = _rng.Clone();
        if (_orderBefore.Length != _order.Length) _orderBefore = new int[_order.Length];
        _order.CopyTo(_orderBefore, 0);
        try
        {
            SgdTrainer.Run(settings, _state!, batch, 1, _t, _rng, null);
        }
        catch (NonFiniteRowException)
        {
            _rng = rngBefore;
            _orderBefore.CopyTo(_order, 0);
            ModelChecks.AllFinite(chunk, estimator);
            SgdTrainer.Run(settings, _state!, batch with { RowsUnchecked = false }, 1, _t, _rng, null);
        }
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
