using Scalearn.Estimators;

namespace Scalearn.Pipelines;

/// <summary>Composites that forward random_state to their parts; they count as randomized only when a part is.</summary>
internal interface IRandomizedComposite : IRandomized
{
    bool HasRandomizedParts { get; }
}

/// <summary>random_state forwarding shared by <see cref="Pipeline"/> and <see cref="ColumnTransformer"/>.</summary>
internal static class RandomStateForwarding
{
    public static bool IsRandomized(IEstimator? estimator) => estimator switch
    {
        IRandomizedComposite composite => composite.HasRandomizedParts,
        IRandomized => true,
        _ => false,
    };

    /// <summary>Null when any randomized part has no seed; otherwise the first part's seed.</summary>
    public static int? Get(IEnumerable<IEstimator?> parts)
    {
        int? first = null;
        foreach (var part in parts.Where(IsRandomized))
        {
            int? seed = ((IRandomized)part!).RandomState;
            if (seed is null) return null;
            first ??= seed;
        }
        return first;
    }

    /// <summary>Seeds only the randomized parts that have no seed, keeping seeds chosen for individual parts.</summary>
    public static void Set(IEnumerable<IEstimator?> parts, int? seed)
    {
        foreach (var part in parts.Where(IsRandomized))
        {
            var randomized = (IRandomized)part!;
            if (randomized.RandomState is null) randomized.RandomState = seed;
        }
    }
}
