using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.ModelSelection.Tuning;

namespace Scalearn.ModelSelection.Asha;

/// <summary>
/// Searches whose resource is epochs of partial_fit (the estimator must be incremental: SGD, GaussianNB,
/// MiniBatchKMeans, ...): rungs of <see cref="MinEpochs"/> x eta^k epochs up to <see cref="MaxEpochs"/>, each
/// configuration continuing from its previous rung. cv_results have one row per (configuration, rung) with
/// <c>iter</c> = rung and <c>n_resources</c> = epochs; the best is the best of the highest rung reached, refitted for
/// <see cref="MaxEpochs"/> epochs on all the data.
/// </summary>
public abstract class EpochSearchBase : SearchBase
{
    protected EpochSearchBase(IEstimator estimator, SearchSpace space) : base(estimator)
    {
        if (estimator is not IIncrementalEstimator || estimator is Pipelines.Pipeline { LearnsIncrementally: false })
            throw new ArgumentException($"{estimator.TypeName} has no partial_fit, so epochs cannot be the resource; use an incremental estimator (SGDClassifier, SGDRegressor, GaussianNB, MiniBatchKMeans, ...).");
        Space = space ?? throw new ArgumentNullException(nameof(space));
    }

    /// <summary>Where configurations are sampled (random sampling unless <see cref="Sampler"/> says otherwise).</summary>
    public SearchSpace Space { get; }

    public int Eta { get; set => field = value > 1 ? value : throw new ParameterException("eta", $"Parameter 'eta' must be an integer > 1; got {value}."); } = 3;

    public int MinEpochs { get; set => field = value >= 1 ? value : throw new ParameterException("min_resources", $"The smallest rung needs at least 1 epoch; got {value}."); } = 1;

    public int MaxEpochs { get; set => field = value >= 1 ? value : throw new ParameterException("max_resources", $"The largest rung needs at least 1 epoch; got {value}."); } = 27;

    /// <summary>Samples new configurations (given the seed); default: random samples of <see cref="Space"/> with the search's seed.</summary>
    public Func<int, ITuner>? Sampler { get; set; }

    /// <summary>Epochs of partial_fit trained over all fits of the last search (continued learners count only new epochs).</summary>
    public long EpochsRun { get; private set; }

    protected int[] Rungs()
    {
        if (MinEpochs > MaxEpochs) throw new ParameterException("min_resources", $"min_resources ({MinEpochs} epochs) is greater than max_resources ({MaxEpochs}).");
        return EpochRungs.Of(MinEpochs, MaxEpochs, Eta);
    }

    protected ITuner NewSampler() => Sampler?.Invoke(Seed) ?? new RandomTuner(Space, Seed);

    protected string Identity(string extra) => $"{GetType().Name}:{extra}:eta={Eta}:epochs={MinEpochs}..{MaxEpochs}:{Space}";

    protected override int BestIndex(CvResults results)
    {
        EpochsRun = results.Candidates.Sum(c => (long)c.EpochsRun);
        return LastRung.Best(results);
    }

    protected override IModel RefitModel(IEstimator best, Dataset data)
    {
        var learner = ((IIncrementalEstimator)best).StartIncremental();
        var classes = EstimatorTraits.IsClassifier(best) && data.Y is { } y ? y.Distinct().Order().ToArray() : null;
        for (int epoch = 0; epoch < MaxEpochs; epoch++)
        {
            Execution.FitInterruption.Check();
            learner.PartialFit(data.All, classes);
        }
        return learner.Snapshot();
    }
}
