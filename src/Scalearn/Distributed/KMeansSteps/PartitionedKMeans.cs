using Scalearn.Clustering;
using Scalearn.Distributed.Summaries;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Distributed.KMeansSteps;

/// <summary>KMeans on a partitioned dataset: the summary round (shape, finite check, feature variances for tol), then the shared driver.</summary>
internal static class PartitionedKMeans
{
    public static KMeansModel Fit(KMeans estimator, FitSession session)
    {
        SupportedParameters.Require(estimator, "n_clusters", "init", "n_init", "max_iter", "tol", "random_state", "algorithm");
        var options = session.Options;
        if (estimator.Init == KMeansInitializer.PlusPlus && options.InitialCenters is null)
            throw new ParameterException("init",
                "init='k-means++' needs a pass over the data for every center, so data-parallel KMeans does not offer it: use init='k-means||' " +
                "(its scalable version, Bahmani et al., which a fit on one machine also offers and which picks the same centers), 'random', or initial centers.");
        var summary = session.Summarize(new SummaryRequest(NeedTarget: false, ClassLabels: false, Moments: estimator.Tol > 0));
        int k = estimator.NClusters;
        if (summary.Rows < k) throw new ArgumentException($"n_samples={summary.Rows} should be >= n_clusters={k}.");
        if (options.InitialCenters is { } given)
        {
            if (given.Rows != k || given.Cols != summary.Features)
                throw new ArgumentException($"The initial centers have shape ({given.Rows}, {given.Cols}); expected (n_clusters, n_features) = ({k}, {summary.Features}).");
            if (given.Values.Any(v => !double.IsFinite(v))) throw new ArgumentException("The initial centers must be finite.");
        }
        double tol = estimator.Tol == 0 || summary.Features == 0 ? 0 : summary.Variance!.Sum() / summary.Features * estimator.Tol;
        int seed = estimator.RandomState ?? Rng.FromOptionalSeed(null).NextInt(int.MaxValue);
        var plan = new KMeansPlan(k, estimator.Init, estimator.NInit, estimator.MaxIter, tol, seed, options.InitialCenters,
            options.KMeansInitSteps, options.KMeansOversamplingFactor, options.KeepLabels);
        var runner = session.Runner(KMeansStepKind.Instance);
        return new KMeansTrainer(runner, plan, null, session.Report, dedicatedThreads: true).Fit();
    }
}
