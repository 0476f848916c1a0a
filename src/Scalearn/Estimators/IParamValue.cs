namespace Scalearn.Estimators;

/// <summary>
/// A hyperparameter type that is not a plain number, bool, string or enum (for example max_features, which is an int,
/// a fraction, "sqrt", "log2" or null). It converts to and from the raw values a grid or a message carries:
/// null, bool, long, double, string, lists and maps of those.
/// </summary>
public interface IParamValue
{
    object? ToRaw();
}

public interface IParamValue<TSelf> : IParamValue where TSelf : IParamValue<TSelf>
{
    /// <summary>Parses a raw value; throws <see cref="ParameterException"/> naming <paramref name="parameter"/> and the allowed values.</summary>
    static abstract TSelf FromRaw(object? raw, string parameter);
}
