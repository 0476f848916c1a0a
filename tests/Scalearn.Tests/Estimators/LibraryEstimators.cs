using Scalearn.Estimators;

namespace Scalearn.Tests;

/// <summary>The estimators the library registers (not those of test plugins), as theory data.</summary>
public static class LibraryEstimators
{
    /// <summary>Every registered library estimator's name but the composites <paramref name="except"/> names.</summary>
    public static TheoryData<string> Names(params string[] except)
    {
        var names = new TheoryData<string>();
        foreach (var name in EstimatorRegistry.Names.Where(n => EstimatorRegistry.TryGetType(n, out var t) && t.Assembly == typeof(EstimatorRegistry).Assembly))
            if (!except.Contains(name)) names.Add(name);
        return names;
    }
}
