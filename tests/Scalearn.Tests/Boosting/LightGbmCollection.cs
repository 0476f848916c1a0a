namespace Scalearn.Tests.Boosting;

/// <summary>
/// Boosting tests run one class at a time: LightGBM's thread count is process-wide, and the gate tests need to know
/// which fits hold it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LightGbmCollection
{
    public const string Name = "LightGBM";
}
