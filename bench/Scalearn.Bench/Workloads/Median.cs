namespace Scalearn.Bench.Workloads;

/// <summary>The median the workloads report: the upper middle value when the count is even.</summary>
internal static class Median
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
