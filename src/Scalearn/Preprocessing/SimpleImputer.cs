using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Preprocessing;

/// <summary>
/// Replaces missing values of each numeric feature by its mean, median, most frequent value or a constant
/// (scikit-learn's SimpleImputer). Text columns pass through unchanged.
/// </summary>
[RegisteredEstimator]
[UnsupportedParam("verbose", "deprecated", "deprecated in scikit-learn 1.1 and without effect")]
public sealed class SimpleImputer : Estimator<SimpleImputerModel>
{
    /// <summary>The placeholder for missing values; NaN by default. Any other value is compared exactly.</summary>
    public double MissingValues { get; set; } = double.NaN;

    public ImputerStrategy Strategy { get; set; } = ImputerStrategy.Mean;

    /// <summary>The replacement for strategy "constant"; null means 0.</summary>
    public double? FillValue
    {
        get;
        set => field = value is null || double.IsFinite(value.Value) ? value
            : throw new ParameterException("fill_value", $"Parameter 'fill_value' must be a finite number or null; got {ParamConverter.Format(value)}.");
    }

    /// <summary>Present for scikit-learn parity; the input is never modified in place.</summary>
    public bool Copy { get; set; } = true;

    /// <summary>Append a 0/1 indicator column for every feature that had missing values during fit.</summary>
    public bool AddIndicator { get; set; }

    /// <summary>Keep features that were entirely missing during fit (imputed with 0) instead of dropping them.</summary>
    public bool KeepEmptyFeatures { get; set; }

    protected override IModel FitCore(DataView data)
    {
        var missing = new MissingValueTest(MissingValues);
        missing.Check(data);
        int p = data.FeatureCount;
        var statistics = new double[p];
        var keep = new bool[p];
        var hadMissing = new bool[p];
        var observed = new List<double>(data.Count);
        for (int j = 0; j < p; j++)
        {
            observed.Clear();
            for (int i = 0; i < data.Count; i++)
            {
                double v = data.Row(i)[j];
                if (missing.IsMissing(v)) hadMissing[j] = true;
                else observed.Add(v);
            }
            bool empty = observed.Count == 0;
            keep[j] = !empty || KeepEmptyFeatures || Strategy == ImputerStrategy.Constant;
            statistics[j] = Strategy switch
            {
                ImputerStrategy.Constant => FillValue ?? 0,
                _ when empty => 0,
                ImputerStrategy.Mean => observed.Average(),
                ImputerStrategy.Median => Median(observed),
                _ => MostFrequent(observed),
            };
        }
        return new SimpleImputerModel(MissingValues, statistics, keep, AddIndicator ? hadMissing : new bool[p], data.Source.FeatureNames.ToArray());
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /// <summary>The most frequent value; ties go to the smallest, as in scikit-learn.</summary>
    private static double MostFrequent(List<double> values)
    {
        values.Sort();
        double best = values[0];
        int bestCount = 0;
        for (int start = 0; start < values.Count;)
        {
            int end = start;
            while (end < values.Count && values[end] == values[start]) end++;
            if (end - start > bestCount) { best = values[start]; bestCount = end - start; }
            start = end;
        }
        return best;
    }
}
