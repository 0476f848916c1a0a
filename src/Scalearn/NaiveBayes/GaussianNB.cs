using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.NaiveBayes;

/// <summary>Gaussian naive Bayes (scikit-learn's GaussianNB), fitted in one go or incrementally.</summary>
[RegisteredEstimator]
public sealed class GaussianNB : Estimator<GaussianNBModel>, IClassifierEstimator, IIncrementalEstimator
{
    public ClassPriors? Priors { get; set; }

    /// <summary>Portion of the largest feature variance added to every variance for stability.</summary>
    public double VarSmoothing { get; set => field = Check.NonNegative(value, "var_smoothing"); } = 1e-9;

    public IIncrementalLearner StartIncremental() => new GaussianNBLearner(Priors?.Values.ToArray(), VarSmoothing);

    protected override IModel FitCore(DataView data)
    {
        var learner = StartIncremental();
        learner.PartialFit(data);
        return learner.Snapshot();
    }
}
