using System.Globalization;
using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.NaiveBayes;

/// <summary>
/// Running per-class means and variances (Chan et al. update, as scikit-learn's _partial_fit). Like scikit-learn,
/// epsilon is recomputed from each chunk and the previous chunk's smoothing is removed with the new epsilon.
/// </summary>
internal sealed class GaussianNBLearner(double[]? priors, double varSmoothing) : IIncrementalLearner
{
    private double[]? _classes;
    private double[,] _theta = new double[0, 0];
    private double[,] _var = new double[0, 0];
    private double[] _classCount = [];
    private double _epsilon;
    private int _features;

    public long RowsSeen { get; private set; }

    public void PartialFit(DataView chunk, IReadOnlyList<double>? classes = null)
    {
        if (chunk.Count == 0) throw new ArgumentException("GaussianNB.partial_fit needs at least one row.");
        ModelChecks.HasFeatures(chunk, nameof(GaussianNB));
        ModelChecks.AllFinite(chunk, nameof(GaussianNB));
        var y = chunk.Targets();
        int d = chunk.FeatureCount;
        _epsilon = varSmoothing * MaxFeatureVariance(chunk);

        if (_classes is null)
        {
            var fixedClasses = (classes ?? y).Distinct().Order().ToArray();
            if (priors is not null)
            {
                if (priors.Length != fixedClasses.Length)
                    throw new ParameterException("priors", $"Number of priors must match number of classes ({priors.Length} priors, {fixedClasses.Length} classes).");
                if (Math.Abs(priors.Sum() - 1.0) > 1e-8 + 1e-5)
                    throw new ParameterException("priors", "The sum of the priors should be 1.");
            }
            _classes = fixedClasses;
            _features = d;
            _theta = new double[fixedClasses.Length, d];
            _var = new double[fixedClasses.Length, d];
            _classCount = new double[fixedClasses.Length];
        }
        else
        {
            ModelChecks.FeatureCount(chunk, _features, nameof(GaussianNB));
            for (int c = 0; c < _classes.Length; c++)
                for (int j = 0; j < d; j++) _var[c, j] -= _epsilon;
        }

        var unknown = y.Distinct().Where(label => Array.BinarySearch(_classes, label) < 0).Order().ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"The target label(s) [{string.Join(", ", unknown.Select(u => u.ToString(CultureInfo.InvariantCulture)))}] in y do not exist in the initial classes [{string.Join(", ", _classes.Select(u => u.ToString(CultureInfo.InvariantCulture)))}].");

        for (int c = 0; c < _classes.Length; c++)
        {
            var rows = Enumerable.Range(0, y.Length).Where(i => y[i] == _classes[c]).ToArray();
            if (rows.Length > 0) Update(c, chunk, rows);
        }
        for (int c = 0; c < _classes.Length; c++)
            for (int j = 0; j < d; j++) _var[c, j] += _epsilon;
        RowsSeen += chunk.Count;
    }

    public IModel Snapshot()
    {
        if (_classes is null) throw new InvalidOperationException("GaussianNB has not seen any data yet; call PartialFit first.");
        double total = _classCount.Sum();
        var prior = priors?.ToArray() ?? _classCount.Select(c => c / total).ToArray();
        return new GaussianNBModel((double[])_classes.Clone(), _features, (double[,])_theta.Clone(), (double[,])_var.Clone(),
            prior, (double[])_classCount.Clone(), _epsilon);
    }

    private void Update(int c, DataView chunk, int[] rows)
    {
        int d = _features;
        double nNew = rows.Length, nPast = _classCount[c];
        var newMu = new double[d];
        foreach (int i in rows)
        {
            var row = chunk.Row(i);
            for (int j = 0; j < d; j++) newMu[j] += row[j];
        }
        for (int j = 0; j < d; j++) newMu[j] /= nNew;
        var newVar = new double[d];
        foreach (int i in rows)
        {
            var row = chunk.Row(i);
            for (int j = 0; j < d; j++) newVar[j] += (row[j] - newMu[j]) * (row[j] - newMu[j]);
        }
        for (int j = 0; j < d; j++) newVar[j] /= nNew;

        if (nPast == 0)
        {
            for (int j = 0; j < d; j++) { _theta[c, j] = newMu[j]; _var[c, j] = newVar[j]; }
        }
        else
        {
            double nTotal = nPast + nNew;
            for (int j = 0; j < d; j++)
            {
                double mu = _theta[c, j];
                double totalMu = (nNew * newMu[j] + nPast * mu) / nTotal;
                double totalSsd = nPast * _var[c, j] + nNew * newVar[j] + nNew * nPast / nTotal * (mu - newMu[j]) * (mu - newMu[j]);
                _theta[c, j] = totalMu;
                _var[c, j] = totalSsd / nTotal;
            }
        }
        _classCount[c] += nNew;
    }

    private static double MaxFeatureVariance(DataView x)
    {
        int n = x.Count, d = x.FeatureCount;
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < d; j++) mean[j] += row[j];
        }
        for (int j = 0; j < d; j++) mean[j] /= n;
        var variance = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < d; j++) variance[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
        }
        return d == 0 ? 0 : variance.Max() / n;
    }
}
