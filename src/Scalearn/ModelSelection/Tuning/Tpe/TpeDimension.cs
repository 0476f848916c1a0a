namespace Scalearn.ModelSelection.Tuning.Tpe;

/// <summary>
/// How the Parzen estimator sees one parameter (Optuna's _calculate_parzen_bounds): the kernel domain [Low, High]
/// (in log space for log-scaled ranges; half a step wider for integers) and whether the density is discrete.
/// </summary>
internal sealed class TpeDimension
{
    public TpeDimension(Distribution distribution)
    {
        Distribution = distribution;
        switch (distribution)
        {
            case CategoricalDistribution c:
                Choices = c.Choices.Count;
                break;
            case FloatDistribution f:
                (Low, High, Log) = f.Log ? (Math.Log(f.Low), Math.Log(f.High), true) : (f.Low, f.High, false);
                break;
            case IntDistribution i:
                Log = i.Log;
                Discrete = !i.Log;
                (Low, High) = i.Log ? (Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5)) : (i.Low - 0.5, i.High + 0.5);
                break;
            default:
                throw new ArgumentException($"TPE cannot model {distribution}.");
        }
    }

    public Distribution Distribution { get; }
    public double Low { get; }
    public double High { get; }
    public bool Log { get; }
    /// <summary>A non-log integer: its density is the kernel's mass over [x - 0.5, x + 0.5].</summary>
    public bool Discrete { get; }
    /// <summary>Number of choices of a categorical parameter; 0 for numbers.</summary>
    public int Choices { get; }
    public bool Categorical => Choices > 0;

    /// <summary>From a tuner's internal value (number or choice index) to the kernel's axis.</summary>
    public double ToKernel(double value) => Log ? Math.Log(value) : value;

    /// <summary>From the kernel's axis to an internal value: exp for log scales, integers rounded into range.</summary>
    public double FromKernel(double x) => Distribution switch
    {
        FloatDistribution f => f.Log ? Math.Exp(x) : x,
        IntDistribution i => i.Round(i.Log ? Math.Exp(x) : x),
        _ => x,
    };
}
