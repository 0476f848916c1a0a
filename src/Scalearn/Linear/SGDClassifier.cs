using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// Linear classifier trained by stochastic gradient descent (scikit-learn's SGDClassifier): one binary problem for two
/// classes, otherwise one-vs-all with one weight vector per class. predict_proba exists for log_loss and modified_huber.
/// </summary>
[RegisteredEstimator]
public sealed class SGDClassifier : SgdEstimator, IClassifierEstimator
{
    /// <summary>Fits and returns the LinearClassifierModel (no cast needed).</summary>
    public new LinearClassifierModel Fit(DataView data) => (LinearClassifierModel)base.Fit(data);

    public override SgdLoss Loss { get; set; } = SgdLoss.Hinge;
    public override SgdLearningRate LearningRate { get; set; } = SgdLearningRate.Optimal;
    public ClassWeight ClassWeight { get; set; }

    /// <summary>Threads for the one-vs-all problems (null: all cores); the result does not depend on it.</summary>
    public int? NJobs { get; set => field = LinearJobs.Check(value); }

    protected override IModel FitCore(DataView data)
    {
        var classes = LinearInputs.Classes(data, TypeName);
        var classIndex = LinearInputs.ClassIndices(data, classes, TypeName);
        var classWeights = ClassWeight.Resolve(classes, classIndex);
        int n = data.Count, p = data.FeatureCount, seed = Seed();
        var (train, validation) = SplitForEarlyStopping(n, classIndex, seed);
        var settings = Settings();
        int problems = classes.Length == 2 ? 1 : classes.Length;
        var states = new SgdState[problems];
        var epochs = new int[problems];
        LinearJobs.For(problems, NJobs, r =>
        {
            int positive = problems == 1 ? 1 : r;
            var targets = classIndex.Select(c => c == positive ? 1.0 : -1.0).ToArray();
            var batch = new SgdBatch(data.Source.X.Values, p, data.Indices, targets, (int[])train.Clone(),
                classWeights[positive], problems == 1 ? classWeights[0] : 1.0);
            states[r] = InitialState(r, problems, p);
            Func<SgdState, double>? score = EarlyStopping ? s => BinaryAccuracy(s, batch, validation) : null;
            epochs[r] = SgdTrainer.Run(settings, states[r], batch, MaxIter, 1.0, new Rng(Rng.Derive(seed, r)), score);
        });
        var model = BuildModel(classes, states, Loss, Average.From, 1.0 + (double)epochs.Max() * n, p);
        return Remember(model, model.Coef, model.Intercept);
    }

    public override IIncrementalLearner StartIncremental()
    {
        CheckSettings();
        if (ClassWeight.IsBalanced)
            throw new ParameterException("class_weight", "Parameter 'class_weight' cannot be 'balanced' for partial_fit (the class counts are unknown in advance); use null or a map from label to weight.");
        return new SgdClassifierLearner(Settings(), ClassWeight, Seed(), TypeName);
    }

    internal static LinearClassifierModel BuildModel(double[] classes, SgdState[] states, SgdLoss loss, int average, double t, int features)
    {
        var coef = new Matrix(states.Length, features);
        var intercept = new double[states.Length];
        for (int r = 0; r < states.Length; r++)
        {
            var (w, b) = states[r].Final(average, t);
            w.CopyTo(coef.Row(r));
            intercept[r] = b;
        }
        var probability = loss switch
        {
            SgdLoss.LogLoss => ProbabilityKind.OneVsRestLogistic,
            SgdLoss.ModifiedHuber => ProbabilityKind.ModifiedHuber,
            _ => ProbabilityKind.Unavailable,
        };
        return new LinearClassifierModel(classes, coef, intercept, probability, LossName(loss));
    }

    private static double BinaryAccuracy(SgdState state, SgdBatch batch, int[] positions)
    {
        int correct = 0;
        foreach (int i in positions)
            if ((state.Predict(batch.Row(i)) > 0 ? 1.0 : -1.0) == batch.Targets[i]) correct++;
        return (double)correct / positions.Length;
    }
}
