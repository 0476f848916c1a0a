using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// scikit-learn's _plain_sgd for dense rows: per row one prediction, a gradient step scaled by the learning rate and
/// the class weight (<see cref="SgdStepRule"/>), lazy L2 shrinkage through the weight scale, the cumulative L1
/// penalty (<see cref="CumulativeL1"/>) and optional averaging. Epochs stop early when the training loss (or the
/// validation score) stops improving by tol.
/// </summary>
internal static class SgdTrainer
{
    private const double MaxDLoss = 1e12;
    private const double WScaleThreshold = 1e-9;

    [ThreadStatic] private static bool t_directUpdatesOnly;

    /// <summary>
    /// Fits on this thread use the direct row loop even where <see cref="DeferredEpoch"/> applies (tests compare
    /// the two; per thread so that tests running in parallel are not affected).
    /// </summary>
    internal static bool DirectUpdatesOnly { get => t_directUpdatesOnly; set => t_directUpdatesOnly = value; }

    /// <summary>
    /// Without L1 clipping or averaging nothing reads the weights between two rows but the next prediction, so each
    /// row's update can wait for the next row's pass over the weights (<see cref="DeferredEpoch"/>). Only such a
    /// single epoch accepts <see cref="SgdBatch.RowsUnchecked"/>; it leaves the state untouched when it throws.
    /// </summary>
    public static bool UsesDeferredEpoch(SgdSettings settings, int features) =>
        !DirectUpdatesOnly && settings.Penalty is not (SgdPenalty.L1 or SgdPenalty.Elasticnet) && settings.Average == 0
        && TailPackedVector.IsSupported(features);

    /// <summary>
    /// One epoch over a chunk whose features were not checked beforehand, which spares a pass over the chunk's memory
    /// (when streaming, reading the data costs about as much as learning from it). Every prediction must be finite;
    /// when one is not, the epoch stops before it changes <paramref name="state"/>, <paramref name="rng"/> and the row
    /// order are put back and <paramref name="checkFeatures"/> runs: it rejects NaN or infinity naming row and column.
    /// Finite data whose predictions overflowed is then trained the usual way. Needs <see cref="UsesDeferredEpoch"/>.
    /// </summary>
    public static void RunOneEpochCheckingRows(SgdSettings settings, SgdState state, SgdBatch batch, double t, ref Rng rng, Action checkFeatures)
    {
        var rngBefore = rng.Clone();
        var orderBefore = (int[])batch.Order.Clone();
        try
        {
            Run(settings, state, batch with { RowsUnchecked = true }, 1, t, rng, null);
        }
        catch (NonFiniteRowException)
        {
            rng = rngBefore;
            orderBefore.CopyTo(batch.Order, 0);
            checkFeatures();
            Run(settings, state, batch with { RowsUnchecked = false }, 1, t, rng, null);
        }
    }

    /// <summary>Runs up to <paramref name="maxIter"/> epochs starting at step <paramref name="t"/>; returns the number of epochs run.</summary>
    public static int Run(SgdSettings settings, SgdState state, SgdBatch batch, int maxIter, double t, Rng rng, Func<SgdState, double>? validationScore) =>
        settings.Loss switch
        {
            SgdLoss.Hinge => Run(new HingeLoss(1.0), settings, state, batch, maxIter, t, rng, validationScore),
            SgdLoss.Perceptron => Run(new HingeLoss(0.0), settings, state, batch, maxIter, t, rng, validationScore),
            SgdLoss.SquaredHinge => Run(new SquaredHingeLoss(), settings, state, batch, maxIter, t, rng, validationScore),
            SgdLoss.LogLoss => Run(new LogLoss(), settings, state, batch, maxIter, t, rng, validationScore),
            SgdLoss.ModifiedHuber => Run(new ModifiedHuberLoss(), settings, state, batch, maxIter, t, rng, validationScore),
            SgdLoss.SquaredError => Run(new SquaredLoss(), settings, state, batch, maxIter, t, rng, validationScore),
            SgdLoss.Huber => Run(new HuberLoss(settings.Epsilon), settings, state, batch, maxIter, t, rng, validationScore),
            SgdLoss.EpsilonInsensitive => Run(new EpsilonInsensitiveLoss(settings.Epsilon), settings, state, batch, maxIter, t, rng, validationScore),
            _ => Run(new SquaredEpsilonInsensitiveLoss(settings.Epsilon), settings, state, batch, maxIter, t, rng, validationScore),
        };

    /// <summary>
    /// Generic over the loss struct so that the JIT inlines the loss into the row loops. Optimized at first call: a
    /// stream of short partial_fit calls would otherwise run its first chunks in unoptimized code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Run<TLoss>(TLoss loss, SgdSettings s, SgdState state, SgdBatch batch, int maxIter, double t, Rng rng,
        Func<SgdState, double>? validationScore) where TLoss : struct, ISgdLossFunction
    {
        double optimalInit = 0;
        if (s.LearningRate == SgdLearningRate.Optimal)
        {
            double typw = Math.Sqrt(1.0 / Math.Sqrt(s.Alpha));
            double initialEta0 = typw / Math.Max(1.0, loss.DLoss(-typw, 1.0));
            optimalInit = 1.0 / (initialEta0 * s.Alpha);
        }
        var rule = new SgdStepRule(s, optimalInit, batch.WeightPositive, batch.WeightNegative);
        var l1 = s.Penalty switch
        {
            SgdPenalty.L1 => new CumulativeL1(batch.Features, 1.0, s.Alpha),
            SgdPenalty.Elasticnet => new CumulativeL1(batch.Features, s.L1Ratio, s.Alpha),
            _ => null,
        };
        bool deferred = UsesDeferredEpoch(s, batch.Features);
        if (batch.RowsUnchecked && (!deferred || maxIter != 1))
            throw new InvalidOperationException("Unchecked rows are only checked by a single deferred epoch.");
        var packed = deferred ? new TailPackedVector(batch.Features) : null;
        double eta = s.Eta0;
        bool trackLoss = (validationScore is null && s.Tol is not null && maxIter > 1) || s.Verbose > 0;
        double tol = s.Tol ?? double.NegativeInfinity;
        double bestLoss = double.PositiveInfinity, bestScore = double.NegativeInfinity;
        int noImprovement = 0;
        var w = state.W;
        double wscale = state.WScale, intercept = state.Intercept;

        var started = System.Diagnostics.Stopwatch.StartNew();
        for (int epoch = 0; epoch < maxIter; epoch++)
        {
            Execution.FitInterruption.Check();
            if (s.Shuffle) rng.Shuffle(batch.Order.AsSpan());
            double sumLoss;
            if (packed is not null)
            {
                packed.CopyFrom(w);
                sumLoss = DeferredEpoch(loss, batch, rule, eta, s.FitIntercept, packed, ref wscale, ref intercept, ref t, trackLoss);
                packed.CopyTo(w);
            }
            else sumLoss = Epoch(loss, batch, rule, eta, s.FitIntercept, state, s.Average, l1, ref wscale, ref intercept, ref t, trackLoss);
            state.WScale = wscale;
            state.Intercept = intercept;
            if (s.Verbose > 0) ReportEpoch(epoch, state, sumLoss / Math.Max(batch.Order.Length, 1), t, started.Elapsed);
            if (!double.IsFinite(intercept) || !FiniteCheck.AllFinite(w) || !double.IsFinite(wscale))
                throw new ArithmeticException($"Floating-point under-/overflow occurred at epoch #{epoch + 1}. Scaling input data with StandardScaler or MinMaxScaler might help.");

            if (validationScore is not null)
            {
                double score = validationScore(state);
                noImprovement = score < bestScore + tol ? noImprovement + 1 : 0;
                bestScore = Math.Max(bestScore, score);
            }
            else if (trackLoss)
            {
                noImprovement = sumLoss > bestLoss - tol * batch.Order.Length ? noImprovement + 1 : 0;
                bestLoss = Math.Min(bestLoss, sumLoss);
            }
            if (noImprovement >= s.NIterNoChange)
            {
                if (s.LearningRate == SgdLearningRate.Adaptive && eta > 1e-6)
                {
                    eta /= 5;
                    noImprovement = 0;
                }
                else
                {
                    state.Normalize();
                    return epoch + 1;
                }
            }
        }
        state.Normalize();
        return maxIter;
    }

    /// <summary>scikit-learn's verbose epoch report (_plain_sgd), on stderr.</summary>
    private static void ReportEpoch(int epoch, SgdState state, double averageLoss, double t, TimeSpan elapsed)
    {
        var w = state.W;
        double norm = Math.Sqrt(TensorPrimitives.Dot<double>(w, w)) * Math.Abs(state.WScale);
        int nonZero = 0;
        foreach (double v in w) if (v != 0) nonZero++;
        var c = System.Globalization.CultureInfo.InvariantCulture;
        Console.Error.WriteLine(string.Create(c, $"-- Epoch {epoch + 1}"));
        Console.Error.WriteLine(string.Create(c, $"Norm: {norm:F2}, NNZs: {nonZero}, Bias: {state.Intercept:F6}, T: {t - 1:F0}, Avg. loss: {averageLoss:F6}"));
        Console.Error.WriteLine(string.Create(c, $"Total training time: {elapsed.TotalSeconds:F2} seconds."));
    }

    /// <summary>One pass over the batch in its current order, one step per row; returns the summed loss when tracked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Epoch<TLoss>(TLoss loss, in SgdBatch batch, in SgdStepRule rule, double fixedEta, bool fitIntercept,
        SgdState state, int average, CumulativeL1? l1, ref double wscaleRef, ref double interceptRef, ref double tRef, bool trackLoss)
        where TLoss : struct, ISgdLossFunction
    {
        double wscale = wscaleRef, intercept = interceptRef, t = tRef, sumLoss = 0;
        var w = state.W;
        var order = batch.Order;
        for (int k = 0; k < order.Length; k++)
        {
            int position = order[k];
            var xi = batch.Row(position);
            double y = batch.Targets[position];
            double eta = rule.Eta(t, fixedEta);
            // Everything that does not depend on the prediction is computed before it, off the row-to-row
            // dependency chain (dot -> loss derivative -> update of w -> next dot).
            double nextScale = rule.ShrunkScale(wscale, eta);
            double stepPerDLoss = rule.StepPerDLoss(y, eta);
            double inverseNextScale = 1.0 / nextScale;
            double p = ShortVectors.DotPipelined(xi, w) * wscale + intercept;
            if (trackLoss) sumLoss += loss.Loss(p, y);
            double update = Math.Clamp(loss.DLoss(p, y), -MaxDLoss, MaxDLoss) * stepPerDLoss;
            wscale = nextScale;
            if (wscale < WScaleThreshold)
            {
                TensorPrimitives.Multiply<double>(w, wscale, w);
                wscale = 1.0;
                inverseNextScale = 1.0;
            }
            if (update != 0)
            {
                // The step goes into the scaled vector: w_true = w * wscale.
                ShortVectors.AddScaled(xi, update * inverseNextScale, w);
                if (fitIntercept) intercept += update;
            }
            l1?.Apply(w, wscale, eta);
            if (average > 0 && average <= t)
            {
                double n = t - average + 1;
                var averageW = state.AverageW!;
                TensorPrimitives.Multiply<double>(averageW, 1 - 1 / n, averageW);
                TensorPrimitives.MultiplyAdd<double>(w, wscale / n, averageW, averageW);
                state.AverageIntercept += (intercept - state.AverageIntercept) / n;
            }
            t += 1;
        }
        wscaleRef = wscale;
        interceptRef = intercept;
        tRef = t;
        return sumLoss;
    }

    /// <summary>
    /// <see cref="Epoch"/> without L1 clipping or averaging, with each row's update left pending and applied during
    /// the next row's pass: x_k . w_(k-1) = x_k . w_(k-2) + step_(k-1) * x_k . x_(k-1). Neither dot product waits for
    /// the previous step, which leaves only a few scalar operations on the row-to-row dependency chain. The learning
    /// rates are computed ahead for blocks of rows, so the row loop makes no calls and keeps its state in registers, and
    /// rows are prefetched a few ahead: shuffled order defeats the hardware prefetchers when the data is not in cache.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double DeferredEpoch<TLoss>(TLoss loss, in SgdBatch batch, in SgdStepRule rule, double fixedEta, bool fitIntercept,
        TailPackedVector w, ref double wscaleRef, ref double interceptRef, ref double tRef, bool trackLoss)
        where TLoss : struct, ISgdLossFunction
    {
        const int BlockRows = 256;
        const int PrefetchRowsAhead = 8;
        Span<double> etas = stackalloc double[BlockRows];
        double wscale = wscaleRef, intercept = interceptRef, t = tRef, sumLoss = 0;
        var order = batch.Order;
        var targets = batch.Targets;
        var pendingRow = ReadOnlySpan<double>.Empty;
        double pendingStep = 0;
        // A row with NaN or infinity makes its own prediction non-finite before the row reaches the weights.
        bool checkRows = batch.RowsUnchecked;
        for (int blockStart = 0; blockStart < order.Length; blockStart += BlockRows)
        {
            var blockOrder = order.AsSpan(blockStart, Math.Min(BlockRows, order.Length - blockStart));
            rule.FillEtas(t, fixedEta, etas[..blockOrder.Length]);
            for (int k = 0; k < blockOrder.Length; k++)
            {
                int position = blockOrder[k];
                int ahead = blockStart + k + PrefetchRowsAhead;
                if (ahead < order.Length) PrefetchRow(batch, order[ahead]);
                var xi = batch.Row(position);
                double y = targets[position];
                double eta = etas[k];
                double nextScale = rule.ShrunkScale(wscale, eta);
                double stepPerDLoss = rule.StepPerDLoss(y, eta);
                double inverseNextScale = 1.0 / nextScale;
                double dot = pendingStep != 0 ? w.DotApplyingPending(xi, pendingRow, pendingStep) : w.Dot(xi);
                pendingStep = 0;
                double p = dot * wscale + intercept;
                if (checkRows && !double.IsFinite(p)) throw new NonFiniteRowException();
                if (trackLoss) sumLoss += loss.Loss(p, y);
                double update = Math.Clamp(loss.DLoss(p, y), -MaxDLoss, MaxDLoss) * stepPerDLoss;
                wscale = nextScale;
                if (wscale < WScaleThreshold)
                {
                    w.Scale(wscale);
                    wscale = 1.0;
                    inverseNextScale = 1.0;
                }
                if (update != 0)
                {
                    pendingRow = xi;
                    pendingStep = update * inverseNextScale;
                    if (fitIntercept) intercept += update;
                }
            }
            t += blockOrder.Length;
        }
        if (pendingStep != 0) w.AddScaled(pendingRow, pendingStep);
        wscaleRef = wscale;
        interceptRef = intercept;
        tRef = t;
        return sumLoss;
    }

    /// <summary>Asks for a row's cache lines ahead of use: rows are visited in shuffled order, which hardware prefetchers cannot follow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchRow(in SgdBatch batch, int position)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        var row = batch.Row(position);
        // A pointer without pinning is fine here: prefetching a stale address after a GC move does no harm.
        byte* start = (byte*)Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(row));
        byte* end = start + row.Length * sizeof(double);
        for (byte* line = start; line < end; line += 64) System.Runtime.Intrinsics.X86.Sse.Prefetch0(line);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(end - 1);
    }
}
