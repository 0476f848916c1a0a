namespace Scalearn.Boosting;

/// <summary>lightgbm's importance_type: how often a feature is split on, or the total gain of those splits.</summary>
public enum ImportanceType
{
    Split,
    Gain,
}
