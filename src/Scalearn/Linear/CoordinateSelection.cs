namespace Scalearn.Linear;

/// <summary>Order in which coordinate descent visits features: in turn, or a random feature each step.</summary>
public enum CoordinateSelection
{
    Cyclic,
    Random,
}
