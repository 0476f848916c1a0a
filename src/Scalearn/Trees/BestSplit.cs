namespace Scalearn.Trees;

/// <summary>The best split found so far at a node: rows whose code is &lt;= <see cref="LeftCode"/> go left.</summary>
internal struct BestSplit
{
    public double Proxy;
    public int Feature;
    public int LeftCode;
    public double Threshold;

    public static BestSplit None => new() { Proxy = double.NegativeInfinity, Feature = -1 };
}
