namespace Scalearn.Bench;

/// <summary>
/// A named benchmark workload (as defined in reference.md). <see cref="Run"/> returns the fields printed on its JSON
/// line; it must include "seconds" (wall clock of the measured part only, data generation excluded).
/// Workloads are discovered by reflection: add a class, nothing else.
/// </summary>
public interface IWorkload
{
    string Name { get; }
    IReadOnlyDictionary<string, object?> Run(BenchOptions options);
}

/// <summary>Options shared by all workloads: --cluster amqp://... selects the cluster executor where a workload supports it.</summary>
public sealed record BenchOptions(string? Cluster, int Repeats);
