using System.Runtime.CompilerServices;
using Scalearn.Data;

namespace Scalearn.Trees;

/// <summary>
/// Column-major rank codes of a dataset's features: for each feature its sorted distinct values and, per row, the
/// index of the row's value among them (a byte when there are at most 256 distinct values, otherwise an int). Codes
/// keep the order of the values exactly, so trees split on codes and translate to midpoint thresholds afterwards.
/// Built once per dataset and shared by every fold and tree fitted on it.
/// </summary>
internal sealed class FeatureEncoding
{
    private static readonly ConditionalWeakTable<Dataset, FeatureEncoding> Cache = new();

    private FeatureEncoding(int rows, double[][] values, byte[]?[] byteCodes, int[]?[] intCodes)
    {
        Rows = rows;
        Values = values;
        ByteCodes = byteCodes;
        IntCodes = intCodes;
    }

    public int Rows { get; }

    /// <summary>Per feature, its distinct values in increasing order.</summary>
    public double[][] Values { get; }

    /// <summary>Per feature, the codes by source row when the feature has at most 256 distinct values.</summary>
    public byte[]?[] ByteCodes { get; }

    /// <summary>Per feature, the codes by source row when the feature has more than 256 distinct values.</summary>
    public int[]?[] IntCodes { get; }

    public int FeatureCount => Values.Length;

    public static FeatureEncoding For(Dataset data) => Cache.GetValue(data, Build);

    private static FeatureEncoding Build(Dataset data)
    {
        int n = data.Count, f = data.FeatureCount;
        var x = data.X.Values;
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i]))
                throw new ArgumentException(
                    $"Trees cannot be fitted on input containing {(double.IsNaN(x[i]) ? "NaN" : "infinity")}: row {i / Math.Max(f, 1)}, column {i % Math.Max(f, 1)} ('{data.FeatureNames[i % f]}').");
        var values = new double[f][];
        var bytes = new byte[]?[f];
        var ints = new int[]?[f];
        var column = new double[n];
        var order = new int[n];
        var codes = new int[n];
        for (int j = 0; j < f; j++)
        {
            for (int i = 0; i < n; i++) { column[i] = x[i * f + j]; order[i] = i; }
            Array.Sort(column, order);
            var distinct = new List<double>();
            for (int i = 0; i < n; i++)
            {
                if (i == 0 || column[i] != column[i - 1]) distinct.Add(column[i] == 0 ? 0.0 : column[i]);
                codes[order[i]] = distinct.Count - 1;
            }
            values[j] = distinct.ToArray();
            if (distinct.Count <= 256)
            {
                var b = new byte[n];
                for (int i = 0; i < n; i++) b[i] = (byte)codes[i];
                bytes[j] = b;
            }
            else ints[j] = (int[])codes.Clone();
        }
        return new FeatureEncoding(n, values, bytes, ints);
    }
}
