namespace Scalearn.Estimators;

/// <summary>
/// A scikit-learn parameter of this estimator that Scalearn does not implement yet. Setting it to
/// <see cref="Default"/> (scikit-learn's default) is accepted and changes nothing, so code copied from scikit-learn keeps
/// working; any other value is refused with a <see cref="ParameterException"/> that says it is not supported yet and why.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class UnsupportedParamAttribute(string name, object? @default, string reason) : Attribute
{
    public string Name { get; } = name;
    public object? Default { get; } = @default;
    public string Reason { get; } = reason;
}
