namespace Scalearn.Reporting.Analysis;

/// <summary>How a parameter's values are placed on an axis and encoded for the importance forest.</summary>
public enum ParamScale
{
    Linear,
    /// <summary>Positive numbers spread over two decades or more: drawn on a log axis, encoded as log10.</summary>
    Log,
    /// <summary>Anything not purely numeric (strings, None, booleans, mixed): encoded as the category's ordinal.</summary>
    Categorical,
}
