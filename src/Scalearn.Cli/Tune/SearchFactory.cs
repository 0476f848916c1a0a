using Scalearn.Estimators;
using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Asha;
using Scalearn.ModelSelection.Halving;
using Scalearn.ModelSelection.Tuning;

namespace Scalearn.Cli.Tune;

/// <summary>Builds the search a <see cref="TuneRequest"/> names, refusing flags that do not apply to it.</summary>
public static class SearchFactory
{
    public static readonly string[] Kinds = ["grid", "random", "tpe", "halving", "asha", "hyperband"];

    public static SearchBase Create(TuneRequest r, IEstimator estimator)
    {
        string kind = r.Kind;
        if (!Kinds.Contains(kind)) throw new UsageException($"--search must be one of {string.Join(", ", Kinds)}; got '{r.Search}'.");
        Refuse(r.Random is not null && kind != "random", "--random", "random (with --grid)");
        Refuse(r.NTrials is not null && kind is not ("random" or "tpe" or "asha"), "--n-trials", "tpe, asha and random with --space");
        Refuse((r.Timeout is not null || r.EarlyStop is not null) && kind is not ("random" or "tpe"), r.Timeout is not null ? "--timeout" : "--early-stop", "tpe and random with --space");
        Refuse(r.Parallel is not null && kind is not ("random" or "tpe" or "asha"), "--parallel", "tpe, asha and random with --space");
        Refuse((r.Factor is not null || r.MinResources is not null || r.MaxResources is not null) && kind is not ("halving" or "asha" or "hyperband"),
            r.Factor is not null ? "--factor" : r.MinResources is not null ? "--min-resources" : "--max-resources", "halving, asha and hyperband");
        Refuse((r.Resource is not null || r.AggressiveElimination) && kind != "halving", r.Resource is not null ? "--resource" : "--aggressive-elimination", "halving");
        if (r.Grid is not null && r.Space is not null) throw new UsageException("Give either --grid or --space, not both.");
        try
        {
            return kind switch
            {
                "grid" => new GridSearch(estimator, ParamGrid.Parse(Required(r.Grid, "--grid", "grid"))),
                "random" when r.Space is not null => Adaptive(new RandomSpaceSearch(estimator, SearchSpace.Parse(r.Space)), r),
                "random" => new RandomizedSearch(estimator, ParamDistributions.Parse(Required(r.Grid, "--grid (or --space)", "random")),
                    r.Random ?? throw new UsageException("--search random with --grid needs --random N (how many candidates to sample), or give --space and --n-trials.")),
                "tpe" => Adaptive(new TpeSearch(estimator, SearchSpace.Parse(Required(r.Space ?? r.Grid, "--space", "tpe"))), r),
                "halving" => Halving(r.Grid is not null
                    ? new HalvingGridSearch(estimator, ParamGrid.Parse(r.Grid))
                    : new HalvingRandomSearch(estimator, ParamDistributions.Parse(Required(r.Space, "--grid or --space", "halving"))), r),
                "asha" => Epochs(new AshaSearch(estimator, SearchSpace.Parse(Required(r.Space ?? r.Grid, "--space", "asha"))) { NTrials = r.NTrials ?? 60, Parallelism = r.Parallel }, r),
                _ => Epochs(new HyperbandSearch(estimator, SearchSpace.Parse(Required(r.Space ?? r.Grid, "--space", "hyperband"))), r),
            };
        }
        catch (ParameterException e) when (e.Parameter is "n_trials" or "parallelism" or "factor" or "eta" or "min_resources" or "max_resources" or "resource")
        {
            throw new UsageException($"--{e.Parameter.Replace('_', '-').Replace("eta", "factor").Replace("parallelism", "parallel")}: {e.Message}");
        }
    }

    private static AdaptiveSearchBase Adaptive(AdaptiveSearchBase search, TuneRequest r)
    {
        search.NTrials = r.NTrials ?? 100;
        search.Timeout = r.Timeout;
        search.EarlyStop = r.EarlyStop;
        search.Parallelism = r.Parallel;
        return search;
    }

    private static HalvingSearchBase Halving(HalvingSearchBase search, TuneRequest r)
    {
        if (r.Factor is { } f) search.Factor = f;
        if (r.Resource is { } resource) search.Resource = resource;
        if (r.MinResources is { } min) search.MinResources = min;
        if (r.MaxResources is { } max) search.MaxResources = max;
        search.AggressiveElimination = r.AggressiveElimination;
        return search;
    }

    private static EpochSearchBase Epochs(EpochSearchBase search, TuneRequest r)
    {
        if (r.Factor is { } f) search.Eta = f;
        if (r.MinResources is { } min) search.MinEpochs = Count(min, "--min-resources");
        if (r.MaxResources is { } max) search.MaxEpochs = Count(max, "--max-resources");
        return search;
    }

    private static int Count(string text, string option) =>
        int.TryParse(text, out int n) && n >= 1 ? n : throw new UsageException($"{option} must be a positive number of epochs for asha and hyperband; got '{text}'.");

    private static string Required(string? value, string option, string kind) =>
        value ?? throw new UsageException($"--search {kind} needs {option}.");

    private static void Refuse(bool given, string option, string appliesTo)
    {
        if (given) throw new UsageException($"{option} applies only to {appliesTo} searches.");
    }
}
