using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private readonly byte[] _status;
    private readonly double[] _ys;
    private readonly long[] _inUp;
    private readonly long[] _inLow;
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
        _status = new byte[_l];
        _ys = new double[_l];
        _inUp = new long[_l];
        _inLow = new long[_l];
        _active = new int[_l];
        for (int i = 0; i < _l; i++) _ys[i] = y[i];
        for (int i = 0; i < _l; i++)
        {
            _active[i] = i;
            UpdateStatus(i);
        }
        _activeSize = _l;
    }

    /// <summary>Solves in place (<paramref name="alpha"/> holds the start and receives the solution).</summary>
    public static SolverResult Solve(IQMatrix q, double[] p, sbyte[] y, double[] alpha, double cp, double cn, double eps, bool shrinking, int maxIter,
        bool verbose = false)
    {
        var solver = new SmoSolver(q, p, y, alpha, cp, cn, eps);
        var result = solver.Run(shrinking, maxIter);
        if (verbose)
        {
            int support = 0, bounded = 0;
            for (int i = 0; i < alpha.Length; i++)
            {
                if (alpha[i] == 0) continue;
                support++;
                if (alpha[i] >= solver.UpperOf(i)) bounded++;
            }
            Console.Error.WriteLine(FormattableString.Invariant(
                $"optimization finished, #iter = {result.Iterations}, obj = {result.Objective:G10}, rho = {result.Rho:G10}, nSV = {support}, nBSV = {bounded}"));
        }
        return result;
    }

    private double UpperOf(int i) => _y[i] > 0 ? _cp : _cn;

    private void UpdateStatus(int i)
    {
        double a = _alpha[i];
        byte status = a >= UpperOf(i) ? UpperBound : a <= 0 ? LowerBound : Free;
        _status[i] = status;
        // I_up: y_i alpha_i can grow; I_low: it can shrink (as -1/0 masks for the vectorized selection).
        bool up = _y[i] > 0 ? status != UpperBound : status != LowerBound;
        bool low = _y[i] > 0 ? status != LowerBound : status != UpperBound;
        _inUp[i] = up ? -1L : 0L;
        _inLow[i] = low ? -1L : 0L;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SolverResult Run(bool shrinking, int maxIter)
    {
        int l = _l;
        for (int i = 0; i < l; i++) _g[i] = _p[i];
        for (int i = 0; i < l; i++)
        {
            if (_status[i] == LowerBound) continue;
            var qi = _q.Column(i, []);
            double ai = _alpha[i];
            for (int j = 0; j < l; j++) _g[j] += ai * qi[j];
        }

        int iter = 0;
        int counter = Math.Min(l, 1000) + 1;
        while (maxIter < 0 || iter < maxIter)
        {
            if (--counter == 0)
            {
                counter = Math.Min(l, 1000);
                Scalearn.Execution.FitInterruption.Check();
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

    /// <summary>The variables a column must hold for a step: the active ones while shrunk, all of them otherwise.</summary>
    private ReadOnlySpan<int> Needed => _activeSize == _l ? [] : _active.AsSpan(0, _activeSize);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step(int i, int j)
    {
        var needed = Needed;
        var qi = _q.Column(i, needed);
        var qj = _q.Column(j, needed);
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

        UpdateGradient(qi, qj, ai - oldAi, aj - oldAj);
        UpdateStatus(i);
        UpdateStatus(j);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateGradient(ReadOnlySpan<double> qi, ReadOnlySpan<double> qj, double dai, double daj)
    {
        var g = _g;
        if (_activeSize == _l)
        {
            var gv = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(g.AsSpan());
            var qiv = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(qi[..g.Length]);
            var qjv = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(qj[..g.Length]);
            var vi = new Vector<double>(dai);
            var vj = new Vector<double>(daj);
            for (int v = 0; v < gv.Length; v++) gv[v] += qiv[v] * vi + qjv[v] * vj;
            for (int t = gv.Length * Vector<double>.Count; t < g.Length; t++) g[t] += qi[t] * dai + qj[t] * daj;
            return;
        }
        var active = _active.AsSpan(0, _activeSize);
        foreach (int t in active) g[t] += qi[t] * dai + qj[t] * daj;
    }

    /// <summary>WSS3: i maximizes the violation, j maximizes the second-order decrease of the objective.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SelectWorkingSet(out int outI, out int outJ)
    {
        double gmax = double.NegativeInfinity, gmax2 = double.NegativeInfinity;
        int gmaxIdx = -1, gminIdx = -1;
        double objDiffMin = double.PositiveInfinity;
        if (_activeSize == _l) return SelectWorkingSetAllActive(out outI, out outJ);
        var active = _active.AsSpan(0, _activeSize);
        // The same arithmetic as the all-active path (y = +-1 folded into products, I_up/I_low as masks), with fewer
        // branches than libsvm's per-sign cases; visiting order (and so tie-breaking) is libsvm's.
        ref double g = ref MemoryMarshal.GetArrayDataReference(_g);
        ref double ys = ref MemoryMarshal.GetArrayDataReference(_ys);
        ref long inUp = ref MemoryMarshal.GetArrayDataReference(_inUp);
        ref long inLow = ref MemoryMarshal.GetArrayDataReference(_inLow);
        foreach (int t in active)
        {
            double v = -Unsafe.Add(ref ys, t) * Unsafe.Add(ref g, t);
            if (Unsafe.Add(ref inUp, t) != 0 && v >= gmax) { gmax = v; gmaxIdx = t; }
        }
        outI = gmaxIdx;
        outJ = -1;
        if (gmaxIdx == -1) return false;

        int i = gmaxIdx;
        var qi = _q.Column(i, active);
        double qdi = _qd[i];
        double minusTwoYi = -2.0 * _ys[i];
        ref double q = ref MemoryMarshal.GetReference(qi);
        ref double qd = ref MemoryMarshal.GetArrayDataReference(_qd);
        foreach (int j in active)
        {
            if (Unsafe.Add(ref inLow, j) == 0) continue;
            double yj = Unsafe.Add(ref ys, j);
            double yg = yj * Unsafe.Add(ref g, j);
            if (yg >= gmax2) gmax2 = yg;
            double gradDiff = gmax + yg;
            if (gradDiff <= 0) continue;
            double quad = qdi + Unsafe.Add(ref qd, j) + minusTwoYi * yj * Unsafe.Add(ref q, j);
            double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
            if (objDiff <= objDiffMin) { gminIdx = j; objDiffMin = objDiff; }
        }
        if (gmax + gmax2 < _eps || gminIdx == -1) return false;
        outJ = gminIdx;
        return true;
    }

    /// <summary>
    /// WSS3 over all variables in index order, vectorized. Equal candidates resolve to the highest index, as libsvm's
    /// scalar loops (&gt;= and &lt;=) do.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SelectWorkingSetAllActive(out int outI, out int outJ)
    {
        int l = _l, width = Vector<double>.Count, vectorEnd = l - l % width;
        var g = _g;
        var ys = _ys;
        var inUp = _inUp;
        var inLow = _inLow;
        var qd = _qd;
        var step = new Vector<double>(width);
        var negativeInfinity = new Vector<double>(double.NegativeInfinity);
        var positiveInfinity = new Vector<double>(double.PositiveInfinity);
        var minusOne = new Vector<double>(-1);

        var bestValue = negativeInfinity;
        var bestIndex = minusOne;
        var index = LaneIndices();
        for (int t = 0; t < vectorEnd; t += width, index += step)
        {
            var value = -(new Vector<double>(ys, t) * new Vector<double>(g, t));
            var take = new Vector<long>(inUp, t) & Vector.GreaterThanOrEqual(value, bestValue);
            bestValue = Vector.ConditionalSelect(take, value, bestValue);
            bestIndex = Vector.ConditionalSelect(take, index, bestIndex);
        }
        double gmax = double.NegativeInfinity;
        int gmaxIdx = -1;
        for (int lane = 0; lane < width; lane++)
        {
            int laneIndex = (int)bestIndex[lane];
            if (laneIndex >= 0 && (bestValue[lane] > gmax || (bestValue[lane] == gmax && laneIndex > gmaxIdx))) { gmax = bestValue[lane]; gmaxIdx = laneIndex; }
        }
        for (int t = vectorEnd; t < l; t++)
            if (inUp[t] != 0 && -ys[t] * g[t] >= gmax) { gmax = -ys[t] * g[t]; gmaxIdx = t; }
        outI = gmaxIdx;
        outJ = -1;
        if (gmaxIdx == -1) return false;

        int i = gmaxIdx;
        var qi = _q.Column(i, []);
        double qdi = qd[i], minusTwoYi = -2.0 * ys[i];
        var vGmax = new Vector<double>(gmax);
        var vQdi = new Vector<double>(qdi);
        var vMinusTwoYi = new Vector<double>(minusTwoYi);
        var tau = new Vector<double>(Tau);
        var gmax2Lanes = negativeInfinity;
        var minValue = positiveInfinity;
        var minIndex = minusOne;
        index = LaneIndices();
        for (int t = 0; t < vectorEnd; t += width, index += step)
        {
            var yg = new Vector<double>(ys, t) * new Vector<double>(g, t);
            var low = new Vector<long>(inLow, t);
            gmax2Lanes = Vector.Max(gmax2Lanes, Vector.ConditionalSelect(low, yg, negativeInfinity));
            var gradDiff = vGmax + yg;
            var quad = vQdi + new Vector<double>(qd, t) + vMinusTwoYi * new Vector<double>(ys, t) * new Vector<double>(qi.Slice(t, width));
            quad = Vector.ConditionalSelect(Vector.GreaterThan(quad, Vector<double>.Zero), quad, tau);
            var objDiff = -(gradDiff * gradDiff) / quad;
            var take = low & Vector.GreaterThan(gradDiff, Vector<double>.Zero) & Vector.LessThanOrEqual(objDiff, minValue);
            minValue = Vector.ConditionalSelect(take, objDiff, minValue);
            minIndex = Vector.ConditionalSelect(take, index, minIndex);
        }
        double gmax2 = double.NegativeInfinity, objDiffMin = double.PositiveInfinity;
        int gminIdx = -1;
        for (int lane = 0; lane < width; lane++)
        {
            gmax2 = Math.Max(gmax2, gmax2Lanes[lane]);
            int laneIndex = (int)minIndex[lane];
            if (laneIndex >= 0 && (minValue[lane] < objDiffMin || (minValue[lane] == objDiffMin && laneIndex > gminIdx))) { objDiffMin = minValue[lane]; gminIdx = laneIndex; }
        }
        for (int j = vectorEnd; j < l; j++)
        {
            if (inLow[j] == 0) continue;
            double yg = ys[j] * g[j];
            if (yg >= gmax2) gmax2 = yg;
            double gradDiff = gmax + yg;
            if (gradDiff <= 0) continue;
            double quad = qdi + qd[j] + minusTwoYi * ys[j] * qi[j];
            double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
            if (objDiff <= objDiffMin) { gminIdx = j; objDiffMin = objDiff; }
        }
        if (gmax + gmax2 < _eps || gminIdx == -1) return false;
        outJ = gminIdx;
        return true;
    }

    private static Vector<double> LaneIndices()
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (int k = 0; k < lanes.Length; k++) lanes[k] = k;
        return new Vector<double>(lanes);
    }

    private bool BeShrunk(int i, double gmax1, double gmax2)
    {
        if (_status[i] == UpperBound) return _y[i] > 0 ? -_g[i] > gmax1 : -_g[i] > gmax2;
        if (_status[i] == LowerBound) return _y[i] > 0 ? _g[i] > gmax2 : _g[i] > gmax1;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReconstructGradient()
    {
        int l = _l;
        if (_activeSize == l) return;
        // G_bar (the gradient part due to variables at their upper bound) is only needed here, so it is built on
        // demand for the inactive variables instead of being maintained at every step as libsvm does.
        for (int k = _activeSize; k < l; k++) _g[_active[k]] = _p[_active[k]];
        for (int i = 0; i < l; i++)
        {
            if (_status[i] != UpperBound) continue;
            var qi = _q.Column(i, []);
            double ci = UpperOf(i);
            for (int k = _activeSize; k < l; k++)
            {
                int t = _active[k];
                _g[t] += ci * qi[t];
            }
        }
        int free = 0;
        for (int k = 0; k < _activeSize; k++) if (_status[_active[k]] == Free) free++;
        if ((long)free * l > 2L * _activeSize * (l - _activeSize))
        {
            for (int k = _activeSize; k < l; k++)
            {
                int i = _active[k];
                var qi = _q.Column(i, []);
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
                var qi = _q.Column(i, []);
                double ai = _alpha[i];
                for (int k = _activeSize; k < l; k++)
                {
                    int j = _active[k];
                    _g[j] += ai * qi[j];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
