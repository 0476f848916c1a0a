using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Linear;

/// <summary>Input checks and label handling shared by the linear estimators.</summary>
internal static class LinearInputs
{
    public static void RequireFiniteFeaturesAndTarget(DataView data, string estimator)
    {
        ModelChecks.AllFinite(data, estimator);
        ModelChecks.FiniteTarget(data, estimator);
    }

    /// <summary>Sorted distinct labels; a classifier needs at least two.</summary>
    public static double[] Classes(DataView data, string estimator)
    {
        var classes = new SortedSet<double>();
        for (int i = 0; i < data.Count; i++) classes.Add(data.Target(i));
        if (classes.Count < 2)
            throw new ArgumentException($"{estimator} needs samples of at least 2 classes in the data, but the data contains only one class: {Label(data, classes.FirstOrDefault())}.");
        return classes.ToArray();
    }

    /// <summary>A class as the user wrote it: its text label (quoted) when the target held text, else the number.</summary>
    private static string Label(DataView data, double code) =>
        data.Source.ClassNames is { } names && code >= 0 && code < names.Count && code == Math.Floor(code) ? $"'{names[(int)code]}'" : ParamConverter.Format(code);

    /// <summary>Index of each row's label in <paramref name="classes"/>; unknown labels are an error naming the row.</summary>
    public static int[] ClassIndices(DataView data, double[] classes, string estimator)
    {
        var result = new int[data.Count];
        for (int i = 0; i < result.Length; i++)
        {
            int k = Array.BinarySearch(classes, data.Target(i));
            if (k < 0)
                throw new ArgumentException($"{estimator}: label {ParamConverter.Format(data.Target(i))} at row {i} is not one of the known classes [{string.Join(", ", classes.Select(c => ParamConverter.Format(c)))}].");
            result[i] = k;
        }
        return result;
    }
}
