using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;
using Scalearn.Numerics;
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
    private readonly int _m;
    private readonly double[] _beta;
    private readonly double[] _rowSums;
    private readonly bool[] _rowNeeded;
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
        _m = q.RowLength;
        if (_l != _m && _l != 2 * _m) throw new ArgumentException("Q must have one or two variables per training row.", nameof(q));
        _beta = new double[_m];
        _rowSums = new double[_m];
        _rowNeeded = new bool[_m];
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
        for (int i = 0; i < _l; i++)
            if (_l != _m && _y[i] != (i < _m ? 1 : -1)) throw new ArgumentException("With two variables per row, y must be +1 for the first half and -1 for the second.", nameof(y));
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
        // I_up: y_i alpha_i can grow; I_low: it can shrink (as -1/0 masks for the vectorized selection, cleared while
        // the variable is shrunk).
        bool up = _y[i] > 0 ? status != UpperBound : status != LowerBound;
        bool low = _y[i] > 0 ? status != LowerBound : status != UpperBound;
        _inUp[i] = up ? -1L : 0L;
        _inLow[i] = low ? -1L : 0L;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SolverResult Run(bool shrinking, int maxIter)
    {
        int l = _l;
        _activeSize = 0;
        Unshrink();

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
                Unshrink();
                if (!SelectWorkingSet(out i, out j)) break;
                counter = 1; // shrink at the next iteration
            }
            iter++;
            Step(i, j);
        }
        if (maxIter >= 0 && iter >= maxIter && _activeSize < l)
        {
            Unshrink();
        }

        double rho = CalculateRho();
        double objective = 0;
        for (int i = 0; i < l; i++) objective += _alpha[i] * (_g[i] + _p[i]);
        return new SolverResult(rho, objective / 2, iter);
    }

    /// <summary>The training row (kernel row index) of variable t.</summary>
    private int RowOf(int t) => t >= _m ? t - _m : t;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step(int i, int j)
    {
        var ki = _q.KernelRow(i);
        var kj = _q.KernelRow(j);
        double qij = _ys[i] * _ys[j] * ki[RowOf(j)];
        double ci = UpperOf(i), cj = UpperOf(j);
        double oldAi = _alpha[i], oldAj = _alpha[j];
        double ai, aj;
        if (_y[i] != _y[j])
        {
            double quad = _qd[i] + _qd[j] + 2 * qij;
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
            double quad = _qd[i] + _qd[j] - 2 * qij;
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

        UpdateGradient(ki, kj, (ai - oldAi) * _ys[i], (aj - oldAj) * _ys[j]);
        UpdateStatus(i);
        UpdateStatus(j);
    }

    /// <summary>g_t += y_t (ci K_i[row t] + cj K_j[row t]) over the active variables (ci = delta alpha_i y_i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateGradient(ReadOnlySpan<double> ki, ReadOnlySpan<double> kj, double ci, double cj)
    {
        var g = _g;
        var ys = _ys;
        int m = _m;
        if (Dense)
        {
            int width = Vector<double>.Count, vectorEnd = m - m % width;
            ref double rg = ref MemoryMarshal.GetArrayDataReference(g);
            ref double ry = ref MemoryMarshal.GetArrayDataReference(ys);
            ref double rki = ref MemoryMarshal.GetReference(ki);
            ref double rkj = ref MemoryMarshal.GetReference(kj);
            var vi = new Vector<double>(ci);
            var vj = new Vector<double>(cj);
            if (_l == m)
            {
                for (int t = 0; t < vectorEnd; t += width)
                {
                    var u = Vector.LoadUnsafe(ref rki, (nuint)t) * vi + Vector.LoadUnsafe(ref rkj, (nuint)t) * vj;
                    (Vector.LoadUnsafe(ref rg, (nuint)t) + Vector.LoadUnsafe(ref ry, (nuint)t) * u).StoreUnsafe(ref rg, (nuint)t);
                }
            }
            else
            {
                // SVR: y = +1 then -1, so the signs need no loads.
                ref double rg2 = ref Unsafe.Add(ref rg, m);
                for (int t = 0; t < vectorEnd; t += width)
                {
                    var u = Vector.LoadUnsafe(ref rki, (nuint)t) * vi + Vector.LoadUnsafe(ref rkj, (nuint)t) * vj;
                    (Vector.LoadUnsafe(ref rg, (nuint)t) + u).StoreUnsafe(ref rg, (nuint)t);
                    (Vector.LoadUnsafe(ref rg2, (nuint)t) - u).StoreUnsafe(ref rg2, (nuint)t);
                }
            }

            for (int t = vectorEnd; t < m; t++)
            {
                double u = ki[t] * ci + kj[t] * cj;
                for (int h = t; h < _l; h += m) g[h] += ys[h] * u;
            }
            return;
        }
        foreach (int t in _active.AsSpan(0, _activeSize))
        {
            int r = RowOf(t);
            g[t] += ys[t] * (ki[r] * ci + kj[r] * cj);
        }
    }

    /// <summary>WSS3: i maximizes the violation, j maximizes the second-order decrease of the objective.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SelectWorkingSet(out int outI, out int outJ)
    {
        double gmax = double.NegativeInfinity, gmax2 = double.NegativeInfinity;
        int gmaxIdx = -1, gminIdx = -1;
        double objDiffMin = double.PositiveInfinity;
        if (Dense) return SelectWorkingSetDense(out outI, out outJ);
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
        // y_i y_j Q_ij = K_ij, so the second-order term needs the unsigned kernel row only.
        var ki = _q.KernelRow(i);
        double qdi = _qd[i];
        int m = _m;
        ref double k = ref MemoryMarshal.GetReference(ki);
        ref double qd = ref MemoryMarshal.GetArrayDataReference(_qd);
        foreach (int j in active)
        {
            if (Unsafe.Add(ref inLow, j) == 0) continue;
            double yg = Unsafe.Add(ref ys, j) * Unsafe.Add(ref g, j);
            if (yg >= gmax2) gmax2 = yg;
            double gradDiff = gmax + yg;
            if (gradDiff <= 0) continue;
            double quad = qdi + Unsafe.Add(ref qd, j) - 2.0 * Unsafe.Add(ref k, j >= m ? j - m : j);
            double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
            if (objDiff <= objDiffMin) { gminIdx = j; objDiffMin = objDiff; }
        }
        if (gmax + gmax2 < _eps || gminIdx == -1) return false;
        outJ = gminIdx;
        return true;
    }

    /// <summary>
    /// WSS3 over the active variables as one vectorized pass over all of them in index order (inactive ones masked
    /// off). Equal candidates resolve to the highest index, as libsvm's scalar loops (&gt;= and &lt;= in index order) do.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SelectWorkingSetDense(out int outI, out int outJ)
    {
        int l = _l, m = _m, width = Vector<double>.Count, vectorEnd = l - l % width;
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
        // y_i y_j Q_ij = K_ij: the quadratic term reads the unsigned kernel row, once per half of the variables.
        var ki = _q.KernelRow(i);
        double qdi = qd[i];
        var vGmax = new Vector<double>(gmax);
        var vQdi = new Vector<double>(qdi);
        var minusTwo = new Vector<double>(-2.0);
        var tau = new Vector<double>(Tau);
        var gmax2Lanes = negativeInfinity;
        var minValue = positiveInfinity;
        var minIndex = minusOne;
        int rowVectorEnd = m - m % width;
        for (int offset = 0; offset < l; offset += m)
        {
            index = LaneIndices() + new Vector<double>(offset);
            for (int r = 0; r < rowVectorEnd; r += width, index += step)
            {
                int t = offset + r;
                var yg = new Vector<double>(ys, t) * new Vector<double>(g, t);
                var low = new Vector<long>(inLow, t);
                gmax2Lanes = Vector.Max(gmax2Lanes, Vector.ConditionalSelect(low, yg, negativeInfinity));
                var gradDiff = vGmax + yg;
                var quad = vQdi + new Vector<double>(qd, t) + minusTwo * new Vector<double>(ki.Slice(r, width));
                quad = Vector.ConditionalSelect(Vector.GreaterThan(quad, Vector<double>.Zero), quad, tau);
                var objDiff = -(gradDiff * gradDiff) / quad;
                var take = low & Vector.GreaterThan(gradDiff, Vector<double>.Zero) & Vector.LessThanOrEqual(objDiff, minValue);
                minValue = Vector.ConditionalSelect(take, objDiff, minValue);
                minIndex = Vector.ConditionalSelect(take, index, minIndex);
            }
        }
        double gmax2 = double.NegativeInfinity, objDiffMin = double.PositiveInfinity;
        int gminIdx = -1;
        for (int lane = 0; lane < width; lane++)
        {
            gmax2 = Math.Max(gmax2, gmax2Lanes[lane]);
            int laneIndex = (int)minIndex[lane];
            if (laneIndex >= 0 && (minValue[lane] < objDiffMin || (minValue[lane] == objDiffMin && laneIndex > gminIdx))) { objDiffMin = minValue[lane]; gminIdx = laneIndex; }
        }
        // The rows past the vector end of each half, merged with the same tie-breaking (they need not be the highest indices).
        for (int offset = 0; offset < l; offset += m)
            for (int r = rowVectorEnd; r < m; r++)
            {
                int j = offset + r;
                if (inLow[j] == 0) continue;
                double yg = ys[j] * g[j];
                if (yg >= gmax2) gmax2 = yg;
                double gradDiff = gmax + yg;
                if (gradDiff <= 0) continue;
                double quad = qdi + qd[j] - 2.0 * ki[r];
                double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                if (objDiff < objDiffMin || (objDiff == objDiffMin && j > gminIdx)) { gminIdx = j; objDiffMin = objDiff; }
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
            Unshrink();
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
        for (int k = _activeSize; k < _l; k++) _inUp[_active[k]] = _inLow[_active[k]] = 0;
    }

    private void Unshrink()
    {
        ReconstructGradient();
        _activeSize = _l;
        for (int i = 0; i < _l; i++) UpdateStatus(i);
    }

    /// <summary>
    /// Whether a step's passes run vectorized over all variables (the inactive ones masked off or updated harmlessly,
    /// their gradient being rebuilt on unshrinking) rather than gathering the active ones.
    /// </summary>
    private bool Dense => _activeSize * 4L >= _l;

    /// <summary>
    /// Recomputes g_t = p_t + sum_j alpha_j Q_tj for the inactive variables (all of them when none is active). With
    /// beta_r = sum of alpha_j y_j over the variables of training row r, that is p_t + y_t (K beta)[row t]: K beta is
    /// needed at the rows of the inactive variables, and is built either from those rows (a dot product each) or from
    /// the rows with beta != 0 (an axpy each), whichever needs fewer kernel rows computed, cached rows first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReconstructGradient()
    {
        int l = _l, m = _m;
        if (_activeSize == l) return;
        var beta = _beta;
        var sums = _rowSums;
        var needed = _rowNeeded;
        Array.Clear(beta);
        Array.Clear(needed);
        for (int t = 0; t < l; t++) if (_alpha[t] != 0) beta[RowOf(t)] += _alpha[t] * _ys[t];
        for (int k = _activeSize; k < l; k++) needed[RowOf(_active[k])] = true;

        var neededRows = new List<int>();
        var supportRows = new List<int>();
        for (int r = 0; r < m; r++)
        {
            if (needed[r]) neededRows.Add(r);
            if (beta[r] != 0) supportRows.Add(r);
        }
        if (supportRows.Count == 0) Array.Clear(sums);
        else if (Cost(neededRows) <= Cost(supportRows))
        {
            foreach (int r in CachedFirst(neededRows)) sums[r] = TensorPrimitives.Dot(_q.KernelRow(r), beta);
        }
        else
        {
            Array.Clear(sums);
            foreach (int r in CachedFirst(supportRows)) ShortVectors.AddScaled(_q.KernelRow(r), beta[r], sums);
        }
        for (int k = _activeSize; k < l; k++)
        {
            int t = _active[k];
            _g[t] = _p[t] + _ys[t] * sums[RowOf(t)];
        }
    }

    /// <summary>Rows to read, in units of a cached row's pass; computing a kernel row costs far more than reading it.</summary>
    private long Cost(List<int> rows)
    {
        const long ComputedRowCost = 16;
        long cost = 0;
        foreach (int r in rows) cost += _q.IsCached(r) ? 1 : ComputedRowCost;
        return cost;
    }

    /// <summary>The cached rows first, so that computing the others cannot evict a row before it is read.</summary>
    private List<int> CachedFirst(List<int> rows)
    {
        var ordered = new List<int>(rows.Count);
        foreach (int r in rows) if (_q.IsCached(r)) ordered.Add(r);
        foreach (int r in rows) if (!_q.IsCached(r)) ordered.Add(r);
        return ordered;
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
