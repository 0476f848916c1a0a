using Scalearn.Data;

namespace Scalearn.Trees;

internal static class TreeSamples
{
    /// <summary>Puts every row of the view into the grower with the given weight (duplicated rows add up).</summary>
    public static int Fill(TreeGrower grower, DataView data, Func<int, double> rowWeight, out double totalWeight)
    {
        var weight = grower.Weight;
        var samples = grower.Samples;
        int count = 0;
        totalWeight = 0;
        for (int i = 0; i < data.Count; i++)
        {
            int r = data.SourceRow(i);
            double w = rowWeight(r);
            if (w <= 0) continue;
            if (weight[r] == 0) samples[count++] = r;
            weight[r] += w;
            totalWeight += w;
        }
        return count;
    }

    /// <summary>Zeroes the weights of the grower's rows so it can grow the next tree.</summary>
    public static void Clear(TreeGrower grower, int count)
    {
        for (int i = 0; i < count; i++) grower.Weight[grower.Samples[i]] = 0;
    }
}
