using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>Linear regression by stochastic gradient descent (scikit-learn's SGDRegressor); partial_fit via <see cref="StartIncremental"/>.</summary>
[RegisteredEstimator]
public sealed class SGDRegressor : SgdEstimator, IRegressorEstimator
{
    /// <summary>Fits and returns the LinearRegressorModel (no cast needed).</summary>
    public new LinearRegressorModel Fit(DataView data) => (LinearRegressorModel)base.Fit(data);

    private static readonly SgdLoss[] RegressionLosses = [SgdLoss.SquaredError, SgdLoss.Huber, SgdLoss.EpsilonInsensitive, SgdLoss.SquaredEpsilonInsensitive];

    public SGDRegressor()
    {
        Eta0 = 0.01;
        PowerT = 0.25;
    }

    public override SgdLoss Loss
    {
        get;
        set => field = RegressionLosses.Contains(value) ? value
            : throw new ParameterException("loss", $"Parameter 'loss' of SGDRegressor must be one of {string.Join(", ", RegressionLosses.Select(l => $"'{LossName(l)}'"))}; got '{LossName(value)}'.");
    } = SgdLoss.SquaredError;

    public override SgdLearningRate LearningRate { get; set; } = SgdLearningRate.Invscaling;

    protected override IModel FitCore(DataView data)
    {
        int n = data.Count, p = data.FeatureCount, seed = Seed();
        var targets = data.Targets();
        var (train, validation) = SplitForEarlyStopping(n, null, seed);
        var batch = new SgdBatch(data.Source.X.Values, p, data.Indices, targets, train, 1.0, 1.0);
        var state = InitialState(0, 1, p);
        Func<SgdState, double>? score = EarlyStopping ? s => ValidationR2(s, batch, validation) : null;
        int epochs = SgdTrainer.Run(Settings(), state, batch, MaxIter, 1.0, new Rng(Rng.Derive(seed, 0)), score);
        var (coef, intercept) = state.Final(Average.From, 1.0 + (double)epochs * n);
        return Remember(new LinearRegressorModel(coef, intercept), new Matrix(coef, 1, p), [intercept]);
    }

    public override IIncrementalLearner StartIncremental()
    {
        CheckSettings();
        return new SgdRegressorLearner(Settings(), Seed(), TypeName);
    }

    private static double ValidationR2(SgdState state, SgdBatch batch, int[] positions)
    {
        double mean = positions.Average(i => batch.Targets[i]);
        double residual = 0, total = 0;
        foreach (int i in positions)
        {
            double y = batch.Targets[i];
            double e = y - state.Predict(batch.Row(i));
            residual += e * e;
            total += (y - mean) * (y - mean);
        }
        return total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total;
    }
}
