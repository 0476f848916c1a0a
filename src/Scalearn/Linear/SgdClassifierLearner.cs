using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// SGDClassifier.partial_fit: the first call fixes the classes (given, or those in the first chunk); each call runs one
/// shuffled epoch per one-vs-all problem, and the step counter t carries over between chunks.
/// </summary>
internal sealed class SgdClassifierLearner(SgdSettings settings, ClassWeight classWeight, int seed, string estimator) : IIncrementalLearner
{
    private double[]? _classes;
    private double[] _classWeights = [];
    private SgdState[] _states = [];
    private Rng[] _rngs = [];
    private int _features;
    private double _t = 1.0;
    private int[] _order = [];
    private double[] _targets = [];

    public long RowsSeen { get; private set; }

    public void PartialFit(DataView chunk, IReadOnlyList<double>? classes = null)
    {
        if (_classes is null) Initialize(chunk, classes);
        else if (classes is not null && !classes.Order().SequenceEqual(_classes))
            throw new ArgumentException($"{estimator}: classes [{Format(classes.Order())}] differ from the classes fixed by the first PartialFit call [{Format(_classes)}].", nameof(classes));
        if (chunk.Count == 0) return;
        ModelChecks.HasFeatures(chunk, estimator);
        ModelChecks.FeatureCount(chunk, _features, estimator);
        // As in SGDRegressor's learner, a whole-dataset chunk has its features checked by the first problem's epoch,
        // which sees every row before any weight changes; the later problems then know the rows are finite.
        bool checkWhileTraining = chunk.Indices is null && SgdTrainer.UsesDeferredEpoch(settings, _features);
        if (checkWhileTraining) ModelChecks.FiniteTarget(chunk, estimator);
        else LinearInputs.RequireFiniteFeaturesAndTarget(chunk, estimator);
        var classIndex = ClassIndicesOrThrow(chunk);
        int n = chunk.Count;
        if (_order.Length != n)
        {
            _order = Enumerable.Range(0, n).ToArray();
            _targets = new double[n];
        }
        for (int r = 0; r < _states.Length; r++)
        {
            int positive = _states.Length == 1 ? 1 : r;
            for (int i = 0; i < n; i++) _targets[i] = classIndex[i] == positive ? 1.0 : -1.0;
            var batch = new SgdBatch(chunk.Source.X.Values, _features, chunk.Indices, _targets, _order,
                _classWeights[positive], _states.Length == 1 ? _classWeights[0] : 1.0);
            if (r == 0 && checkWhileTraining)
                SgdTrainer.RunOneEpochCheckingRows(settings, _states[0], batch, _t, ref _rngs[0], () => ModelChecks.AllFinite(chunk, estimator));
            else SgdTrainer.Run(settings, _states[r], batch, 1, _t, _rngs[r], null);
        }
        _t += n;
        RowsSeen += n;
    }

    public IModel Snapshot()
    {
        if (_classes is null) throw new InvalidOperationException($"{estimator}: call PartialFit with at least one row before taking a snapshot.");
        return SGDClassifier.BuildModel(_classes, _states, settings.Loss, settings.Average, _t, _features);
    }

    private void Initialize(DataView chunk, IReadOnlyList<double>? classes)
    {
        double[] fixedClasses;
        if (classes is not null)
        {
            fixedClasses = classes.Distinct().Order().ToArray();
            if (fixedClasses.Length < 2 || fixedClasses.Any(c => !double.IsFinite(c)))
                throw new ArgumentException($"{estimator}: classes must hold at least 2 distinct finite labels; got [{Format(classes)}].", nameof(classes));
        }
        else
        {
            if (chunk.Count == 0) throw new ArgumentException($"{estimator}: the first PartialFit call needs rows or the list of classes.", nameof(chunk));
            LinearInputs.RequireFiniteFeaturesAndTarget(chunk, estimator);
            var present = new SortedSet<double>();
            for (int i = 0; i < chunk.Count; i++) present.Add(chunk.Target(i));
            if (present.Count < 2)
                throw new ArgumentException($"{estimator}: the first chunk contains only class {Format(present)}; pass all classes to the first PartialFit call.", nameof(classes));
            fixedClasses = present.ToArray();
        }
        _classWeights = classWeight.Resolve(fixedClasses, ReadOnlySpan<int>.Empty);
        _features = chunk.FeatureCount;
        int problems = fixedClasses.Length == 2 ? 1 : fixedClasses.Length;
        _states = Enumerable.Range(0, problems).Select(_ => new SgdState(_features, settings.Average > 0)).ToArray();
        _rngs = Enumerable.Range(0, problems).Select(r => new Rng(Rng.Derive(seed, r))).ToArray();
        _classes = fixedClasses;
    }

    private int[] ClassIndicesOrThrow(DataView chunk)
    {
        var result = new int[chunk.Count];
        for (int i = 0; i < result.Length; i++)
        {
            int k = Array.BinarySearch(_classes!, chunk.Target(i));
            if (k < 0)
                throw new ArgumentException($"{estimator}: label {ParamConverter.Format(chunk.Target(i))} at row {i} is not one of the classes fixed by the first PartialFit call [{Format(_classes!)}].", nameof(chunk));
            result[i] = k;
        }
        return result;
    }

    private static string Format(IEnumerable<double> labels) => string.Join(", ", labels.Select(c => ParamConverter.Format(c)));
}
