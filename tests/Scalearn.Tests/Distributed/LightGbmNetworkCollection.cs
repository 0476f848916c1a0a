namespace Scalearn.Tests.Distributed;

/// <summary>
/// Tests whose LightGBM ranks are threads of this process run alone: every rank must be connected within the join
/// timeout, which a 2-core machine busy with other test classes (and their thread-pool and OpenMP threads) can miss.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LightGbmNetworkCollection
{
    public const string Name = "LightGBM network";
}
