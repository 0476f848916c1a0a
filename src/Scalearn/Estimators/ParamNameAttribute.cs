namespace Scalearn.Estimators;

/// <summary>
/// The parameter's scikit-learn name where it is not the property's snake_case (SVC's <c>C</c>, not <c>c</c>): what
/// get_params, cv_results' param columns and error messages say. Setting the parameter accepts either spelling.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class ParamNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
