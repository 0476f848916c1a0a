using System.Globalization;

namespace Scalearn.Metrics;

/// <summary>How a class label is printed: whole numbers as integers ("3", as the CSV wrote them), others round-trip.</summary>
public static class LabelText
{
    public static string Of(double label) =>
        label == Math.Floor(label) && Math.Abs(label) < 1e15 ? ((long)label).ToString(CultureInfo.InvariantCulture)
            : label.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A Python-style list of labels, e.g. "[0, 1, 2]".</summary>
    public static string List(IEnumerable<double> labels) => "[" + string.Join(", ", labels.Select(Of)) + "]";
}
