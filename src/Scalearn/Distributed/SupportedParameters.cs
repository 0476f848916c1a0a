using Scalearn.Estimators;

namespace Scalearn.Distributed;

/// <summary>Refuses, before any work, an estimator whose parameters a data-parallel fit would not honour.</summary>
internal static class SupportedParameters
{
    /// <summary>Every parameter not in <paramref name="handled"/> must keep its default.</summary>
    public static void Require(IEstimator estimator, params string[] handled)
    {
        var defaults = ((IEstimator)Activator.CreateInstance(estimator.GetType())!).GetParams();
        foreach (var (name, value) in estimator.GetParams())
        {
            if (handled.Any(h => ParamNames.Normalize(h) == ParamNames.Normalize(name))) continue;
            var expected = defaults.GetValueOrDefault(name);
            if (ParamConverter.Format(value) != ParamConverter.Format(expected))
                throw new ParameterException(name,
                    $"Data-parallel {estimator.TypeName} does not support {name}={ParamConverter.Format(value)} (only its default {ParamConverter.Format(expected)}); fit it on one machine instead.");
        }
    }
}
