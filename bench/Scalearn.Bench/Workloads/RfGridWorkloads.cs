using Scalearn.Execution;

namespace Scalearn.Bench.Workloads;

public sealed class RfGridSmallWorkload : IWorkload
{
    public string Name => "rf_grid_small";
    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) =>
        RfGrid.Measure(RfGrid.Small, new LocalExecutor(), options.Repeats, $"local({Environment.ProcessorCount} cores)");
}

public sealed class RfGridFullWorkload : IWorkload
{
    public string Name => "rf_grid_full";
    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) =>
        RfGrid.Measure(RfGrid.Full, new LocalExecutor(), options.Repeats, $"local({Environment.ProcessorCount} cores)");
}
