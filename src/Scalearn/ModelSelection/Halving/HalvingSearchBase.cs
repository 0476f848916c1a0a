using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.ModelSelection.Halving;

/// <summary>
/// Successive halving with scikit-learn 1.2's semantics (HalvingGridSearchCV / HalvingRandomSearchCV): every candidate
/// on few resources, then the best 1/factor on factor times more, until the last rung. The resource is the number of
/// samples (each rung's folds are subsamples of the search's folds, the same for every candidate of the rung and nested
/// across rungs) or any integer parameter such as n_estimators. cv_results gain <c>iter</c> and <c>n_resources</c>; the
/// best candidate is the best of the last rung.
/// </summary>
public abstract class HalvingSearchBase : SearchBase
{
    protected HalvingSearchBase(IEstimator estimator, HalvingAmount? minResources = null) : base(estimator)
    {
        ReturnTrainScore = true;
        MinResources = minResources ?? "exhaust";
    }

    public int Factor { get; set => field = value > 1 ? value : throw new ParameterException("factor", $"Parameter 'factor' must be an integer > 1; got {value}."); } = 3;

    /// <summary>"n_samples" or the name of an integer parameter of the estimator.</summary>
    public string Resource { get; set; } = "n_samples";

    /// <summary>"auto" (the number of samples, only with resource n_samples) or a positive count.</summary>
    public HalvingAmount MaxResources { get; set; } = "auto";

    /// <summary>"exhaust", "smallest" or a positive count (scikit-learn's defaults: exhaust for a grid, smallest for sampled candidates).</summary>
    public HalvingAmount MinResources { get; set; }

    public bool AggressiveElimination { get; set; }

    /// <summary>Candidates and resources of each rung of the last fit (scikit-learn's n_candidates_ and n_resources_).</summary>
    public IReadOnlyList<int> CandidatesPerIteration { get; private set; } = [];
    public IReadOnlyList<long> ResourcesPerIteration { get; private set; } = [];

    /// <summary>The first rung's candidates, given the resources bounds (HalvingRandomSearch's 'exhaust' needs them).</summary>
    protected abstract IReadOnlyList<IReadOnlyDictionary<string, object?>> Candidates(long minResources, long maxResources);

    /// <summary>What the candidates are, for the journal.</summary>
    protected abstract string CandidatesIdentity { get; }

    protected override SearchPlan Plan(Dataset data, Folds folds)
    {
        if (Scoring.Count != 1) throw new ArgumentException("Successive halving ranks by one scorer: give a single scoring name.");
        MaxResources.Check("max_resources", "auto");
        MinResources.Check("min_resources", "exhaust", "smallest");
        bool samples = Resource == "n_samples";
        if (!samples && !Estimator.GetParams().ContainsKey(Resource))
            throw new ParameterException("resource", $"Cannot use resource={Resource}, which is not a parameter of {Estimator.TypeName}; use 'n_samples' or one of: {string.Join(", ", Estimator.GetParams().Keys)}.");
        long max = MaxResources.Is("auto")
            ? samples ? data.Count : throw new ParameterException("max_resources", "max_resources='auto' needs resource='n_samples'; give a count for an integer parameter resource.")
            : MaxResources.Count;
        long min = MinResources.Keyword is null ? MinResources.Count
            : samples ? folds.Count * 2L * (EstimatorTraits.IsClassifier(Estimator) ? data.RequireTarget().Distinct().Count() : 1) : 1;
        if (min > max) throw new ParameterException("min_resources", $"min_resources_={min} is greater than max_resources_={max}.");
        var candidates = Candidates(min, max);
        if (candidates.Count == 0) throw new ArgumentException("The parameter grid yields no candidate.");
        if (!samples && candidates.Any(c => c.Keys.Any(k => ParamNames.Normalize(k) == ParamNames.Normalize(Resource))))
            throw new ParameterException("resource", $"Cannot use parameter {Resource} as the resource since it is part of the searched parameters.");
        var schedule = HalvingSchedule.Compute(candidates.Count, Factor, min, max, MinResources.Is("exhaust"), AggressiveElimination);
        // scikit-learn fails when a rung asks for more samples than the data has (subsampling without replacement);
        // capping them instead would report n_resources that no fit used.
        if (samples && schedule.Resources.Max() > data.Count)
            throw new ParameterException("max_resources",
                $"With resource='n_samples' every rung must fit in the {data.Count} samples, but the rungs would use {string.Join(", ", schedule.Resources)} " +
                $"(min_resources_={schedule.MinResources}, max_resources_={schedule.MaxResources}); give max_resources at most {data.Count}, or 'auto'.");
        var subsample = samples ? new SubsampledFolds(folds, Seed) : null;
        var source = new SuccessiveHalvingSource(candidates, schedule, Factor, (iteration, parameters) =>
        {
            long resources = schedule.Resources[iteration];
            if (samples) return new CandidateRequest(parameters, subsample!.For(resources, data.Count), iteration, resources);
            var withResource = new SortedDictionary<string, object?>(parameters.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal) { [Resource] = resources };
            return new CandidateRequest(withResource, null, iteration, resources);
        });
        ResourcesPerIteration = schedule.Resources;
        CandidatesPerIteration = source.CandidatesPerIteration;
        long total = 0;
        for (int i = 0, n = candidates.Count; i < schedule.Iterations; i++, n = (n + Factor - 1) / Factor) total += n;
        return new SearchPlan(source, total)
        {
            Validate = candidates,
            Identity = $"{GetType().Name}:{CandidatesIdentity}:factor={Factor}:resource={Resource}:min={MinResources}:max={MaxResources}:aggressive={AggressiveElimination}",
        };
    }

    protected override int BestIndex(CvResults results) => LastRung.Best(results);
}
