using System.Numerics.Tensors;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// scikit-learn's _plain_sgd for dense rows: per row one prediction, a gradient step scaled by the learning rate and
/// the class weight, lazy L2 shrinkage through the weight scale, the cumulative L1 penalty of Tsuruoka et al., and
/// optional averaging. Epochs stop early when the training loss (or the validation score) stops improving by tol.
/// </summary>
internal static class SgdTrainer
{
    private const double MaxDLoss = 1e12;
    private const double WScaleThreshold = 1e-9;

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
    /// Generic over the loss struct so that the JIT inlines the loss into the row loop. Optimized at first call: a
    /// stream of short partial_fit calls would otherwise run its first chunks in unoptimized code.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int Run<TLoss>(TLoss loss, SgdSettings s, SgdState state, SgdBatch batch, int maxIter, double t, Rng rng,
        Func<SgdState, double>? validationScore) where TLoss : struct, ISgdLossFunction
    {
        double alpha = s.Alpha;
        double l1Ratio = s.Penalty switch { SgdPenalty.L1 => 1.0, SgdPenalty.Elasticnet => s.L1Ratio, _ => 0.0 };
        bool shrink = s.Penalty is SgdPenalty.L2 or SgdPenalty.Elasticnet;
        bool l1 = s.Penalty is SgdPenalty.L1 or SgdPenalty.Elasticnet;
        double shrinkRate = (1.0 - l1Ratio) * alpha;
        double optimalInit = 0;
        if (s.LearningRate == SgdLearningRate.Optimal)
        {
            double typw = Math.Sqrt(1.0 / Math.Sqrt(alpha));
            double initialEta0 = typw / Math.Max(1.0, loss.DLoss(-typw, 1.0));
            optimalInit = 1.0 / (initialEta0 * alpha);
        }
        double eta = s.Eta0;
        var q = l1 ? new double[batch.Features] : null;
        double u = 0;
        bool trackLoss = validationScore is null && s.Tol is not null && maxIter > 1;
        double tol = s.Tol ?? double.NegativeInfinity;
        double bestLoss = double.PositiveInfinity, bestScore = double.NegativeInfinity;
        int noImprovement = 0;
        var w = state.W;
        var order = batch.Order;
        var targets = batch.Targets;
        var x = batch.X;
        var sourceRows = batch.SourceRows;
        int features = batch.Features;
        var schedule = s.LearningRate;
        double eta0 = s.Eta0, powerT = s.PowerT, weightPositive = batch.WeightPositive, weightNegative = batch.WeightNegative;
        bool fitIntercept = s.FitIntercept;
        int average = s.Average;
        double wscale = state.WScale, intercept = state.Intercept;

        for (int epoch = 0; epoch < maxIter; epoch++)
        {
            if (s.Shuffle) rng.Shuffle(order.AsSpan());
            double sumLoss = 0;
            for (int k = 0; k < order.Length; k++)
            {
                int position = order[k];
                int row = sourceRows is null ? position : sourceRows[position];
                var xi = new ReadOnlySpan<double>(x, row * features, features);
                double y = targets[position];
                if (schedule == SgdLearningRate.Optimal) eta = 1.0 / (alpha * (optimalInit + t - 1));
                else if (schedule == SgdLearningRate.Invscaling) eta = eta0 * InversePower(t, powerT);
                // Everything that does not depend on the prediction is computed before it, off the row-to-row
                // dependency chain (dot -> loss derivative -> update of w -> next dot).
                double nextScale = shrink ? wscale * Math.Max(0, 1.0 - shrinkRate * eta) : wscale;
                double stepPerDLoss = -eta * (y > 0 ? weightPositive : weightNegative);
                double inverseNextScale = 1.0 / nextScale;
                double p = ShortVectors.DotPipelined(xi, w) * wscale + intercept;
                if (trackLoss) sumLoss += loss.Loss(p, y);
                double dloss = loss.DLoss(p, y);
                if (dloss < -MaxDLoss) dloss = -MaxDLoss;
                else if (dloss > MaxDLoss) dloss = MaxDLoss;
                double update = dloss * stepPerDLoss;
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
                if (l1)
                {
                    u += l1Ratio * eta * alpha;
                    ApplyL1(w, wscale, q!, u);
                }
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
            state.WScale = wscale;
            state.Intercept = intercept;
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
                noImprovement = sumLoss > bestLoss - tol * order.Length ? noImprovement + 1 : 0;
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

    private static double InversePower(double t, double power) => power switch
    {
        0.25 => 1.0 / Math.Sqrt(Math.Sqrt(t)),
        0.5 => 1.0 / Math.Sqrt(t),
        _ => Math.Pow(t, -power),
    };

    /// <summary>Clips each weight towards zero by the penalty accumulated since it was last clipped.</summary>
    private static void ApplyL1(double[] w, double wscale, double[] q, double u)
    {
        for (int j = 0; j < w.Length; j++)
        {
            double z = w[j];
            if (wscale * z > 0) w[j] = Math.Max(0.0, w[j] - (u + q[j]) / wscale);
            else if (wscale * z < 0) w[j] = Math.Min(0.0, w[j] + (u - q[j]) / wscale);
            q[j] += wscale * (w[j] - z);
        }
    }
}
