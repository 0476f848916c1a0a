using Scalearn.Estimators;

namespace Scalearn.NaiveBayes;

/// <summary>The priors parameter: one probability per class (in sorted class order), or null to use class frequencies.</summary>
public sealed class ClassPriors : IParamValue<ClassPriors>
{
    public ClassPriors(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ParameterException("priors", "Parameter 'priors' must be a non-empty list of probabilities or null.");
        if (values.Any(v => v < 0 || !double.IsFinite(v))) throw new ParameterException("priors", "Priors must be non-negative.");
        Values = values.ToArray();
    }

    public IReadOnlyList<double> Values { get; }

    /// <summary><c>Priors = [0.3, 0.7]</c>.</summary>
    public static implicit operator ClassPriors(double[] values) => new(values);

    public object? ToRaw() => Values.Cast<object?>().ToArray();

    public static ClassPriors FromRaw(object? raw, string parameter)
    {
        if (raw is null) return null!;
        if (raw is System.Collections.IEnumerable list and not string)
            return new ClassPriors(list.Cast<object?>().Select(v => v is null
                ? throw new ParameterException(parameter, $"Parameter '{parameter}' must be a list of numbers; got null in the list.")
                : ParamConverter.ToDouble(v, parameter)).ToArray());
        throw ParamConverter.Wrong(parameter, raw, "a list of class probabilities or null");
    }
}
