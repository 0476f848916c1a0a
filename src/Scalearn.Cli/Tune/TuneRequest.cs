namespace Scalearn.Cli.Tune;

/// <summary>Everything `scalearn tune` was asked, checked for form (values are checked when the search is built).</summary>
public sealed record TuneRequest
{
    public required string Data { get; init; }
    public string? Target { get; init; } = "target";
    public required string Estimator { get; init; }
    /// <summary>--categorical, --missing-values, --drop, --features.</summary>
    public DataChoices Columns { get; init; } = new();
    /// <summary>grid, random, tpe, halving, asha or hyperband; null = grid, or random with --random, or tpe with only --space.</summary>
    public string? Search { get; init; }
    public string? Grid { get; init; }
    public string? Space { get; init; }
    public int? Random { get; init; }
    public int? NTrials { get; init; }
    public TimeSpan? Timeout { get; init; }
    public int? EarlyStop { get; init; }
    public int? Parallel { get; init; }
    public int Seed { get; init; }
    public string Cv { get; init; } = "5";
    public string? Groups { get; init; }
    public string? Scoring { get; init; }
    public int Jobs { get; init; } = -1;
    public string? Cluster { get; init; }
    public string? ClusterKey { get; init; }
    public string Out { get; init; } = "tune-results";
    public bool Force { get; init; }
    public int Top { get; init; } = 10;
    public double? ErrorScore { get; init; } = double.NaN;
    public bool TrainScore { get; init; }
    public string? Journal { get; init; }
    public bool Report { get; init; }
    public int? Factor { get; init; }
    public string? Resource { get; init; }
    public string? MinResources { get; init; }
    public string? MaxResources { get; init; }
    public bool AggressiveElimination { get; init; }

    /// <summary>The search kind after the defaults.</summary>
    public string Kind => (Search ?? (Random is not null ? "random" : Space is not null && Grid is null ? "tpe" : "grid")).Trim().ToLowerInvariant();
}
