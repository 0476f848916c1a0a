namespace Scalearn.Svm;

/// <summary>
/// libsvm's SMO solver for min 0.5 a'Qa + p'a subject to y'a = const, 0 &lt;= a_i &lt;= C_i: second-order working-set
/// selection (WSS3, Fan, Chen and Lin 2005), shrinking with gradient reconstruction, and the same iteration order and
/// tie-breaking as libsvm so that results agree with scikit-learn. Instead of physically swapping variables when
/// shrinking, it keeps a permutation (<see cref="_active"/>) whose first <see cref="_activeSize"/> entries are active.
/// </summary>
internal sealed class SmoSolver
{
    private const double Tau = 1e-12;
    private const byte LowerBound = 0, UpperBound = 1, Free = 2;

    private readonly IQMatrix _q;
    private readonly double[] _p;
    private readonly sbyte[] _y;
    private readonly double[] _alpha;
    private readonly double _cp, _cn, _eps;
    private readonly double[] _qd;
    private readonly double[] _g;
    private readonly double[] _gBar;
    private readonly byte[] _status;
    private readonly int[] _active;
    private readonly int _l;
    private int _activeSize;
    private bool _unshrink;

    private SmoSolver(IQMatrix q, double[] p, sbyte[] y, double[] alpha, double cp, double cn, double eps)
    {
        _q = q;
        _p = p;
        _y = y;
        _alpha = alpha;
        _cp = cp;
        _cn = cn;
        _eps = eps;
        _l = q.Size;
        _qd = q.Diagonal;
        _g = new double[_l];
        _gBar = new double[_l];
        _status = new byte[_l];
        _active = new int[_l];
        for (int i = 0; i < _l; i++)
        {
            _active[i] = i;
            UpdateStatus(i);
        }
        _activeSize = _l;
    }

    /// <summary>Solves in place (<paramref name="alpha"/> holds the start and receives the solution).</summary>
    public static SolverResult Solve(IQMatrix q, double[] p, sbyte[] y, double[] alpha, double cp, double cn, double eps, bool shrinking, int maxIter)
    {
        var solver = new SmoSolver(q, p, y, alpha, cp, cn, eps);
        return solver.Run(shrinking, maxIter);
    }

    private double UpperOf(int i) => _y[i] > 0 ? _cp : _cn;

    private void UpdateStatus(int i)
    {
        double a = _alpha[i];
        _status[i] = a >= UpperOf(i) ? UpperBound : a <= 0 ? LowerBound : Free;
    }

    private SolverResult Run(bool shrinking, int maxIter)
    {
        int l = _l;
        for (int i = 0; i < l; i++) _g[i] = _p[i];
        for (int i = 0; i < l; i++)
        {
            if (_status[i] == LowerBound) continue;
            var qi = _q.Column(i);
            double ai = _alpha[i];
            for (int j = 0; j < l; j++) _g[j] += ai * qi[j];
            if (_status[i] == UpperBound)
            {
                double ci = UpperOf(i);
                for (int j = 0; j < l; j++) _gBar[j] += ci * qi[j];
            }
        }

        int iter = 0;
        int counter = Math.Min(l, 1000) + 1;
        while (maxIter < 0 || iter < maxIter)
        {
            if (--counter == 0)
            {
                counter = Math.Min(l, 1000);
                if (shrinking) Shrink();
            }
            if (!SelectWorkingSet(out int i, out int j))
            {
                ReconstructGradient();
                _activeSize = l;
                if (!SelectWorkingSet(out i, out j)) break;
                counter = 1; // shrink at the next iteration
            }
            iter++;
            Step(i, j);
        }
        if (maxIter >= 0 && iter >= maxIter && _activeSize < l)
        {
            ReconstructGradient();
            _activeSize = l;
        }

        double rho = CalculateRho();
        double objective = 0;
        for (int i = 0; i < l; i++) objective += _alpha[i] * (_g[i] + _p[i]);
        return new SolverResult(rho, objective / 2, iter);
    }

    private void Step(int i, int j)
    {
        var qi = _q.Column(i);
        var qj = _q.Column(j);
        double ci = UpperOf(i), cj = UpperOf(j);
        double oldAi = _alpha[i], oldAj = _alpha[j];
        double ai, aj;
        if (_y[i] != _y[j])
        {
            double quad = _qd[i] + _qd[j] + 2 * qi[j];
            if (quad <= 0) quad = Tau;
            double delta = (-_g[i] - _g[j]) / quad;
            double diff = oldAi - oldAj;
            ai = oldAi + delta;
            aj = oldAj + delta;
            if (diff > 0) { if (aj < 0) { aj = 0; ai = diff; } }
            else { if (ai < 0) { ai = 0; aj = -diff; } }
            if (diff > ci - cj) { if (ai > ci) { ai = ci; aj = ci - diff; } }
            else { if (aj > cj) { aj = cj; ai = cj + diff; } }
        }
        else
        {
            double quad = _qd[i] + _qd[j] - 2 * qi[j];
            if (quad <= 0) quad = Tau;
            double delta = (_g[i] - _g[j]) / quad;
            double sum = oldAi + oldAj;
            ai = oldAi - delta;
            aj = oldAj + delta;
            if (sum > ci) { if (ai > ci) { ai = ci; aj = sum - ci; } }
            else { if (aj < 0) { aj = 0; ai = sum; } }
            if (sum > cj) { if (aj > cj) { aj = cj; ai = sum - cj; } }
            else { if (ai < 0) { ai = 0; aj = sum; } }
        }
        _alpha[i] = ai;
        _alpha[j] = aj;

        double dai = ai - oldAi, daj = aj - oldAj;
        UpdateGradient(qi, qj, dai, daj);

        bool wasUpperI = _status[i] == UpperBound, wasUpperJ = _status[j] == UpperBound;
        UpdateStatus(i);
        UpdateStatus(j);
        if (wasUpperI != (_status[i] == UpperBound)) UpdateGBar(i, wasUpperI ? -ci : ci);
        if (wasUpperJ != (_status[j] == UpperBound)) UpdateGBar(j, wasUpperJ ? -cj : cj);
    }

    private void UpdateGradient(ReadOnlySpan<double> qi, ReadOnlySpan<double> qj, double dai, double daj)
    {
        var g = _g;
        if (_activeSize == _l)
        {
            for (int t = 0; t < g.Length; t++) g[t] += qi[t] * dai + qj[t] * daj;
            return;
        }
        var active = _active.AsSpan(0, _activeSize);
        foreach (int t in active) g[t] += qi[t] * dai + qj[t] * daj;
    }

    private void UpdateGBar(int i, double factor)
    {
        var qi = _q.Column(i);
        for (int k = 0; k < _l; k++) _gBar[k] += factor * qi[k];
    }

    /// <summary>WSS3: i maximizes the violation, j maximizes the second-order decrease of the objective.</summary>
    private bool SelectWorkingSet(out int outI, out int outJ)
    {
        double gmax = double.NegativeInfinity, gmax2 = double.NegativeInfinity;
        int gmaxIdx = -1, gminIdx = -1;
        double objDiffMin = double.PositiveInfinity;
        var active = _active.AsSpan(0, _activeSize);
        var g = _g;
        var status = _status;
        var y = _y;
        foreach (int t in active)
        {
            if (y[t] > 0)
            {
                if (status[t] != UpperBound && -g[t] >= gmax) { gmax = -g[t]; gmaxIdx = t; }
            }
            else
            {
                if (status[t] != LowerBound && g[t] >= gmax) { gmax = g[t]; gmaxIdx = t; }
            }
        }
        outI = gmaxIdx;
        outJ = -1;
        if (gmaxIdx == -1) return false;

        int i = gmaxIdx;
        var qi = _q.Column(i);
        double qdi = _qd[i];
        double yi = y[i];
        var qd = _qd;
        foreach (int j in active)
        {
            if (y[j] > 0)
            {
                if (status[j] == LowerBound) continue;
                double gradDiff = gmax + g[j];
                if (g[j] >= gmax2) gmax2 = g[j];
                if (gradDiff > 0)
                {
                    double quad = qdi + qd[j] - 2.0 * yi * qi[j];
                    double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                    if (objDiff <= objDiffMin) { gminIdx = j; objDiffMin = objDiff; }
                }
            }
            else
            {
                if (status[j] == UpperBound) continue;
                double gradDiff = gmax - g[j];
                if (-g[j] >= gmax2) gmax2 = -g[j];
                if (gradDiff > 0)
                {
                    double quad = qdi + qd[j] + 2.0 * yi * qi[j];
                    double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                    if (objDiff <= objDiffMin) { gminIdx = j; objDiffMin = objDiff; }
                }
            }
        }
        if (gmax + gmax2 < _eps || gminIdx == -1) return false;
        outJ = gminIdx;
        return true;
    }

    private bool BeShrunk(int i, double gmax1, double gmax2)
    {
        if (_status[i] == UpperBound) return _y[i] > 0 ? -_g[i] > gmax1 : -_g[i] > gmax2;
        if (_status[i] == LowerBound) return _y[i] > 0 ? _g[i] > gmax2 : _g[i] > gmax1;
        return false;
    }

    private void Shrink()
    {
        double gmax1 = double.NegativeInfinity; // max { -y_i grad_i | i in I_up }
        double gmax2 = double.NegativeInfinity; // max { y_i grad_i | i in I_low }
        for (int k = 0; k < _activeSize; k++)
        {
            int t = _active[k];
            if (_y[t] > 0)
            {
                if (_status[t] != UpperBound && -_g[t] >= gmax1) gmax1 = -_g[t];
                if (_status[t] != LowerBound && _g[t] >= gmax2) gmax2 = _g[t];
            }
            else
            {
                if (_status[t] != UpperBound && -_g[t] >= gmax2) gmax2 = -_g[t];
                if (_status[t] != LowerBound && _g[t] >= gmax1) gmax1 = _g[t];
            }
        }
        if (!_unshrink && gmax1 + gmax2 <= _eps * 10)
        {
            _unshrink = true;
            ReconstructGradient();
            _activeSize = _l;
        }
        for (int k = 0; k < _activeSize; k++)
        {
            if (!BeShrunk(_active[k], gmax1, gmax2)) continue;
            _activeSize--;
            while (_activeSize > k)
            {
                if (!BeShrunk(_active[_activeSize], gmax1, gmax2))
                {
                    (_active[k], _active[_activeSize]) = (_active[_activeSize], _active[k]);
                    break;
                }
                _activeSize--;
            }
        }
    }

    private void ReconstructGradient()
    {
        int l = _l;
        if (_activeSize == l) return;
        for (int k = _activeSize; k < l; k++)
        {
            int t = _active[k];
            _g[t] = _gBar[t] + _p[t];
        }
        int free = 0;
        for (int k = 0; k < _activeSize; k++) if (_status[_active[k]] == Free) free++;
        if ((long)free * l > 2L * _activeSize * (l - _activeSize))
        {
            for (int k = _activeSize; k < l; k++)
            {
                int i = _active[k];
                var qi = _q.Column(i);
                double sum = 0;
                for (int m = 0; m < _activeSize; m++)
                {
                    int j = _active[m];
                    if (_status[j] == Free) sum += _alpha[j] * qi[j];
                }
                _g[i] += sum;
            }
        }
        else
        {
            for (int m = 0; m < _activeSize; m++)
            {
                int i = _active[m];
                if (_status[i] != Free) continue;
                var qi = _q.Column(i);
                double ai = _alpha[i];
                for (int k = _activeSize; k < l; k++)
                {
                    int j = _active[k];
                    _g[j] += ai * qi[j];
                }
            }
        }
    }

    private double CalculateRho()
    {
        int free = 0;
        double ub = double.PositiveInfinity, lb = double.NegativeInfinity, sumFree = 0;
        for (int k = 0; k < _activeSize; k++)
        {
            int i = _active[k];
            double yg = _y[i] * _g[i];
            if (_status[i] == UpperBound)
            {
                if (_y[i] < 0) ub = Math.Min(ub, yg); else lb = Math.Max(lb, yg);
            }
            else if (_status[i] == LowerBound)
            {
                if (_y[i] > 0) ub = Math.Min(ub, yg); else lb = Math.Max(lb, yg);
            }
            else
            {
                free++;
                sumFree += yg;
            }
        }
        return free > 0 ? sumFree / free : (ub + lb) / 2;
    }
}

internal readonly record struct SolverResult(double Rho, double Objective, int Iterations);
