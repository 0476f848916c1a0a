namespace Scalearn.Estimators;

/// <summary>Puts an estimator class on the registry's allow-list: only such classes are ever created by name.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RegisteredEstimatorAttribute : Attribute;
