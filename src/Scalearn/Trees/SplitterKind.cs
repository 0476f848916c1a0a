namespace Scalearn.Trees;

/// <summary>How a node chooses its threshold: the best over all values, or one drawn at random per feature.</summary>
public enum SplitterKind
{
    Best,
    Random,
}
