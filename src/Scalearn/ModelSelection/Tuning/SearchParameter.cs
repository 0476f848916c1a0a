namespace Scalearn.ModelSelection.Tuning;

/// <summary>One named parameter of a <see cref="SearchSpace"/>; it exists only when all of <see cref="When"/> hold.</summary>
public sealed record SearchParameter(string Name, Distribution Distribution, IReadOnlyList<ParamCondition> When)
{
    public SearchParameter(string name, Distribution distribution) : this(name, distribution, []) { }

    public bool Conditional => When.Count > 0;
}
