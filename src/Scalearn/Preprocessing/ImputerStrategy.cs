namespace Scalearn.Preprocessing;

/// <summary>SimpleImputer's strategy: "mean", "median", "most_frequent" or "constant".</summary>
public enum ImputerStrategy
{
    Mean,
    Median,
    MostFrequent,
    Constant,
}
