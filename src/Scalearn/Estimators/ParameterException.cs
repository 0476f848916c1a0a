namespace Scalearn.Estimators;

/// <summary>A hyperparameter was unknown, of the wrong type or out of range. The message names the parameter and what it allows.</summary>
public sealed class ParameterException : ArgumentException
{
    public ParameterException(string parameter, string message) : base(message, parameter) { Parameter = parameter; }

    /// <summary>The parameter in scikit-learn spelling (e.g. <c>max_depth</c>).</summary>
    public string Parameter { get; }

    public override string Message => base.Message.Split(" (Parameter '")[0];
}
