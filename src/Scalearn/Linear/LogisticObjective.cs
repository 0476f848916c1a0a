using System.Numerics.Tensors;

namespace Scalearn.Linear;

/// <summary>
/// scikit-learn 1.2's lbfgs objective for logistic regression: the sum of weighted log losses plus 0.5/C ||W||^2
/// (intercepts unpenalized). Parameters are laid out as [coef row-major (rows x p), intercepts (rows) when fitted].
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

    private LogisticObjective(double[] x, int n, int p, int rows, int[] classIndex, double[] sampleWeight, double l2, bool fitIntercept, int positiveClass)
    {
        _x = x; _n = n; _p = p; _rows = rows; _classIndex = classIndex; _sampleWeight = sampleWeight;
        _l2 = l2; _fitIntercept = fitIntercept; _positiveClass = positiveClass;
        _scores = new double[rows];
    }

    public int ParameterCount => _rows * _p + (_fitIntercept ? _rows : 0);

    /// <summary>One-vs-rest problem: rows of class <paramref name="positiveClass"/> are +1, all others -1.</summary>
    public static LogisticObjective Binary(double[] x, int n, int p, int[] classIndex, int positiveClass, double[] sampleWeight, double l2, bool fitIntercept) =>
        new(x, n, p, 1, classIndex, sampleWeight, l2, fitIntercept, positiveClass);

    public static LogisticObjective Multinomial(double[] x, int n, int p, int classes, int[] classIndex, double[] sampleWeight, double l2, bool fitIntercept) =>
        new(x, n, p, classes, classIndex, sampleWeight, l2, fitIntercept, -1);

    public double Evaluate(ReadOnlySpan<double> w, Span<double> gradient)
    {
        gradient.Clear();
        var coef = w[..(_rows * _p)];
        var coefGradient = gradient[..(_rows * _p)];
        double loss = 0;
        for (int i = 0; i < _n; i++)
        {
            var row = _x.AsSpan(i * _p, _p);
            double s = _sampleWeight[i];
            if (_rows == 1)
            {
                double y = _classIndex[i] == _positiveClass ? 1.0 : -1.0;
                double z = TensorPrimitives.Dot<double>(row, coef) + (_fitIntercept ? w[_p] : 0);
                double margin = y * z;
                loss += s * LogOnePlusExp(-margin);
                double g = -s * y * LinearClassifierModel.Sigmoid(-margin);
                TensorPrimitives.MultiplyAdd<double>(row, g, coefGradient, coefGradient);
                if (_fitIntercept) gradient[_p] += g;
            }
            else
            {
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

    private static double LogOnePlusExp(double t) => t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t));
}
