using Scalearn.Estimators;

namespace Scalearn.Bench.Workloads;

public static class TuneSummary
{
    public static string Params(IReadOnlyDictionary<string, object?> parameters) =>
        string.Join(", ", parameters.Select(kv => $"{kv.Key}={ParamConverter.Format(kv.Value)}"));
}
