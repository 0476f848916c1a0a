using Scalearn.Estimators;

namespace Scalearn.Ensemble;

internal static class JobCount
{
    public static int? Check(int? value) =>
        value is 0 ? throw new ParameterException("n_jobs", "Parameter 'n_jobs' must be null, a positive integer or a negative integer (-1 = all cores); got 0.") : value;

    /// <summary>scikit-learn's joblib convention: null means 1, -1 all cores, -2 all but one, and so on.</summary>
    public static int Resolve(int? value)
    {
        int cores = Environment.ProcessorCount;
        return value switch
        {
            null => 1,
            > 0 => value.Value,
            _ => Math.Max(1, cores + 1 + value.Value),
        };
    }
}
