using System.Numerics.Tensors;

namespace Scalearn.Linear;

/// <summary>
/// The smooth objective of scikit-learn's logistic regression solvers: the sum of weighted log losses plus
/// 0.5 l2 ||W||^2 (intercepts unpenalized), with its gradient and, around a point fixed by <see cref="PrepareCurvature"/>,
/// Hessian-vector products and the explicit Hessian (binary). Parameters are laid out as
/// [coef row-major (rows x p), intercepts (rows) when fitted].
/// </summary>
internal sealed class LogisticObjective
{
    private readonly double[] _x;
    private readonly int _n, _p, _rows;
    private readonly int[] _classIndex;
    private readonly double[] _sampleWeight;
    private readonly double _l2;
    private readonly bool _fitIntercept;
    private readonly int _positiveClass;
    private readonly double[] _scores;
    private readonly double[] _curvature;

    private LogisticObjective(double[] x, int n, int p, int rows, int[] classIndex, double[] sampleWeight, double l2, bool fitIntercept, int positiveClass)
    {
        _x = x; _n = n; _p = p; _rows = rows; _classIndex = classIndex; _sampleWeight = sampleWeight;
        _l2 = l2; _fitIntercept = fitIntercept; _positiveClass = positiveClass;
        _scores = new double[rows];
        _curvature = new double[n * rows];
    }

    public int ParameterCount => _rows * _p + (_fitIntercept ? _rows : 0);
    public int Features => _p;
    public int Rows => _n;
    public bool FitIntercept => _fitIntercept;
    public double L2 => _l2;

    /// <summary>One-vs-rest problem: rows of class <paramref name="positiveClass"/> are +1, all others -1.</summary>
    public static LogisticObjective Binary(double[] x, int n, int p, int[] classIndex, int positiveClass, double[] sampleWeight, double l2, bool fitIntercept) =>
        new(x, n, p, 1, classIndex, sampleWeight, l2, fitIntercept, positiveClass);

    public static LogisticObjective Multinomial(double[] x, int n, int p, int classes, int[] classIndex, double[] sampleWeight, double l2, bool fitIntercept) =>
        new(x, n, p, classes, classIndex, sampleWeight, l2, fitIntercept, -1);

    /// <summary>The label of row i in the binary problem: +1 or -1.</summary>
    public double Sign(int i) => _classIndex[i] == _positiveClass ? 1.0 : -1.0;

    /// <summary>The row-major n x p features.</summary>
    public double[] X => _x;

    /// <summary>The class index of row i (multinomial problems).</summary>
    public int ClassOf(int i) => _classIndex[i];

    public ReadOnlySpan<double> Row(int i) => _x.AsSpan(i * _p, _p);

    public double SampleWeight(int i) => _sampleWeight[i];

    public double Evaluate(ReadOnlySpan<double> w, Span<double> gradient)
    {
        gradient.Clear();
        var coef = w[..(_rows * _p)];
        var coefGradient = gradient[..(_rows * _p)];
        double loss = 0;
        if (_rows == 1)
        {
            loss = BinaryLogisticPass.Run(_x, _n, _p, _classIndex, _positiveClass, _sampleWeight, coef, _fitIntercept ? w[_p] : 0,
                coefGradient, out double interceptGradient);
            if (_fitIntercept) gradient[_p] = interceptGradient;
        }
        else
        {
            for (int i = 0; i < _n; i++)
            {
                var row = Row(i);
                double s = _sampleWeight[i];
                if (s == 0) continue;
                for (int k = 0; k < _rows; k++)
                    _scores[k] = TensorPrimitives.Dot<double>(row, coef.Slice(k * _p, _p)) + (_fitIntercept ? w[_rows * _p + k] : 0);
                double max = TensorPrimitives.Max<double>(_scores);
                int label = _classIndex[i];
                double labelScore = _scores[label];
                double sumExp = 0;
                for (int k = 0; k < _rows; k++) sumExp += _scores[k] = Math.Exp(_scores[k] - max);
                loss += s * (max + Math.Log(sumExp) - labelScore);
                for (int k = 0; k < _rows; k++)
                {
                    double g = s * (_scores[k] / sumExp - (k == label ? 1.0 : 0.0));
                    TensorPrimitives.MultiplyAdd<double>(row, g, coefGradient.Slice(k * _p, _p), coefGradient.Slice(k * _p, _p));
                    if (_fitIntercept) gradient[_rows * _p + k] += g;
                }
            }
        }
        if (_l2 > 0)
        {
            loss += 0.5 * _l2 * TensorPrimitives.Dot<double>(coef, coef);
            TensorPrimitives.MultiplyAdd<double>(coef, _l2, coefGradient, coefGradient);
        }
        return loss;
    }

    /// <summary>Fixes the point of the Hessian: s_i p_i (1 - p_i) per row (binary) or the class probabilities (multinomial).</summary>
    public void PrepareCurvature(ReadOnlySpan<double> w)
    {
        var coef = w[..(_rows * _p)];
        for (int i = 0; i < _n; i++)
        {
            var row = Row(i);
            if (_rows == 1)
            {
                double z = TensorPrimitives.Dot<double>(row, coef) + (_fitIntercept ? w[_p] : 0);
                double probability = LinearClassifierModel.Sigmoid(z);
                _curvature[i] = _sampleWeight[i] * probability * (1 - probability);
                continue;
            }
            var probabilities = _curvature.AsSpan(i * _rows, _rows);
            for (int k = 0; k < _rows; k++)
                probabilities[k] = TensorPrimitives.Dot<double>(row, coef.Slice(k * _p, _p)) + (_fitIntercept ? w[_rows * _p + k] : 0);
            TensorPrimitives.SoftMax<double>(probabilities, probabilities);
        }
    }

    /// <summary>H v at the point given to <see cref="PrepareCurvature"/>.</summary>
    public void HessianTimes(ReadOnlySpan<double> v, Span<double> result)
    {
        result.Clear();
        var vCoef = v[..(_rows * _p)];
        Span<double> z = stackalloc double[_rows];
        for (int i = 0; i < _n; i++)
        {
            var row = Row(i);
            if (_rows == 1)
            {
                double d = _curvature[i];
                if (d == 0) continue;
                double t = d * (TensorPrimitives.Dot<double>(row, vCoef) + (_fitIntercept ? v[_p] : 0));
                TensorPrimitives.MultiplyAdd<double>(row, t, result[.._p], result[.._p]);
                if (_fitIntercept) result[_p] += t;
                continue;
            }
            double s = _sampleWeight[i];
            if (s == 0) continue;
            var probabilities = _curvature.AsSpan(i * _rows, _rows);
            double mean = 0;
            for (int k = 0; k < _rows; k++)
            {
                z[k] = TensorPrimitives.Dot<double>(row, vCoef.Slice(k * _p, _p)) + (_fitIntercept ? v[_rows * _p + k] : 0);
                mean += probabilities[k] * z[k];
            }
            for (int k = 0; k < _rows; k++)
            {
                double t = s * probabilities[k] * (z[k] - mean);
                TensorPrimitives.MultiplyAdd<double>(row, t, result.Slice(k * _p, _p), result.Slice(k * _p, _p));
                if (_fitIntercept) result[_rows * _p + k] += t;
            }
        }
        if (_l2 > 0) TensorPrimitives.MultiplyAdd<double>(vCoef, _l2, result[..(_rows * _p)], result[..(_rows * _p)]);
    }

    /// <summary>The diagonal of the Hessian at the prepared point.</summary>
    public void HessianDiagonal(Span<double> diagonal)
    {
        diagonal.Clear();
        for (int i = 0; i < _n; i++)
        {
            var row = Row(i);
            for (int k = 0; k < _rows; k++)
            {
                double d = _rows == 1 ? _curvature[i] : _sampleWeight[i] * _curvature[i * _rows + k] * (1 - _curvature[i * _rows + k]);
                if (d == 0) continue;
                var block = diagonal.Slice(k * _p, _p);
                for (int j = 0; j < _p; j++) block[j] += d * row[j] * row[j];
                if (_fitIntercept) diagonal[_rows * _p + k] += d;
            }
        }
        for (int j = 0; j < _rows * _p; j++) diagonal[j] += _l2;
    }

    /// <summary>The explicit Hessian (row-major, ParameterCount square) of a binary problem at the prepared point.</summary>
    public double[] Hessian()
    {
        if (_rows != 1) throw new InvalidOperationException("The explicit Hessian is built for binary problems only.");
        int m = ParameterCount;
        var h = new double[m * m];
        var extended = new double[m];
        for (int i = 0; i < _n; i++)
        {
            double d = _curvature[i];
            if (d == 0) continue;
            Row(i).CopyTo(extended);
            if (_fitIntercept) extended[_p] = 1;
            for (int a = 0; a < m; a++)
                if (extended[a] != 0) TensorPrimitives.MultiplyAdd<double>(extended.AsSpan(a), d * extended[a], h.AsSpan(a * m + a, m - a), h.AsSpan(a * m + a, m - a));
        }
        for (int a = 0; a < m; a++)
        {
            if (a < _p) h[a * m + a] += _l2;
            for (int b = a + 1; b < m; b++) h[b * m + a] = h[a * m + b];
        }
        return h;
    }

    internal static double LogOnePlusExp(double t) => t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t));
}
