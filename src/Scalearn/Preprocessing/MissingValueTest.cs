using Scalearn.Data;

namespace Scalearn.Preprocessing;

/// <summary>Recognizes SimpleImputer's missing_values placeholder (NaN, or an exact number).</summary>
internal readonly struct MissingValueTest(double placeholder)
{
    public bool IsMissing(double value) => double.IsNaN(placeholder) ? double.IsNaN(value) : value == placeholder;

    /// <summary>Rejects infinities, and NaN when NaN is not the placeholder (scikit-learn raises for both).</summary>
    public void Check(DataView x)
    {
        for (int i = 0; i < x.Count; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < row.Length; j++)
                if (double.IsInfinity(row[j]) || (double.IsNaN(row[j]) && !double.IsNaN(placeholder)))
                    throw new ArgumentException($"SimpleImputer: input contains {(double.IsNaN(row[j]) ? "NaN" : "infinity")} at row {i}, " +
                        $"column {j} ('{x.Source.FeatureNames[j]}'), and missing_values is {placeholder.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }
}
