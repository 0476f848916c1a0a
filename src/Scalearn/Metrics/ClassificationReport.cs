using System.Text;

namespace Scalearn.Metrics;

/// <summary>
/// scikit-learn's classification_report: precision, recall, F1 and support per class, then accuracy (or the micro
/// average when <c>labels</c> leaves some classes out), the macro and the weighted average. <see cref="ToText"/>
/// prints it character for character as scikit-learn does.
/// </summary>
public sealed class ClassificationReport
{
    public sealed record Row(string Name, double Precision, double Recall, double F1, int Support);

    private ClassificationReport(IReadOnlyList<Row> classes, IReadOnlyList<Row> averages)
    {
        Classes = classes;
        Averages = averages;
    }

    /// <summary>One row per label, named by <c>target_names</c> or the label.</summary>
    public IReadOnlyList<Row> Classes { get; }

    /// <summary>"accuracy" (or "micro avg"), "macro avg", "weighted avg". The accuracy row holds accuracy in every column.</summary>
    public IReadOnlyList<Row> Averages { get; }

    /// <summary>Accuracy, when the report covers every class present (else null: the micro average is shown instead).</summary>
    public double? Accuracy => Averages[0].Name == "accuracy" ? Averages[0].F1 : null;

    public static ClassificationReport Compute(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred,
        IReadOnlyList<double>? labels = null, IReadOnlyList<string>? targetNames = null, double zeroDivision = 0)
    {
        var present = TargetTypes.UniqueLabels(yTrue, yPred);
        bool microIsAccuracy = labels is null || labels.ToHashSet().SetEquals(present);
        var perClass = PrecisionRecallFScore.PerClass(yTrue, yPred, labels: labels, zeroDivision: zeroDivision);
        var order = perClass.Labels;
        if (targetNames is not null && targetNames.Count != order.Count)
            throw new Estimators.ParameterException("target_names", labels is null
                ? $"Number of classes, {order.Count}, does not match size of target_names, {targetNames.Count}. Try specifying the labels parameter"
                : $"labels size, {order.Count}, does not match size of target_names, {targetNames.Count}");
        var classes = order.Select((label, k) => new Row(targetNames?[k] ?? LabelText.Of(label),
            perClass.Precision[k], perClass.Recall[k], perClass.FScore[k], perClass.Support[k])).ToArray();
        int support = perClass.Support.Sum();
        var averages = new List<Row>();
        foreach (var average in new[] { "micro", "macro", "weighted" })
        {
            var (p, r, f) = PrecisionRecallFScore.Averaged(yTrue, yPred, average, labels: order, zeroDivision: zeroDivision);
            string name = average == "micro" && microIsAccuracy ? "accuracy" : average + " avg";
            averages.Add(new Row(name, p, r, f, support));
        }
        return new ClassificationReport(classes, averages);
    }

    /// <summary>The report as scikit-learn prints it, with <paramref name="digits"/> decimals.</summary>
    public string ToText(int digits = 2)
    {
        if (digits < 0) throw new Estimators.ParameterException("digits", $"Parameter 'digits' must be >= 0; got {digits}.");
        int width = Math.Max(Math.Max(Classes.Max(c => c.Name.Length), "weighted avg".Length), digits);
        var text = new StringBuilder();
        text.Append(new string(' ', width)).Append(' ');
        foreach (var header in new[] { "precision", "recall", "f1-score", "support" }) text.Append(' ').Append(header.PadLeft(9));
        text.Append("\n\n");
        foreach (var row in Classes) AppendRow(text, row, width, digits, accuracy: false);
        text.Append('\n');
        foreach (var row in Averages) AppendRow(text, row, width, digits, accuracy: row.Name == "accuracy");
        return text.ToString();
    }

    public override string ToString() => ToText();

    private static void AppendRow(StringBuilder text, Row row, int width, int digits, bool accuracy)
    {
        text.Append(row.Name.PadLeft(width)).Append(' ');
        if (accuracy) text.Append(' ', 20);
        else text.Append(' ').Append(FixedText.Format(row.Precision, digits).PadLeft(9)).Append(' ').Append(FixedText.Format(row.Recall, digits).PadLeft(9));
        text.Append(' ').Append(FixedText.Format(row.F1, digits).PadLeft(9));
        text.Append(' ').Append(row.Support.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(9)).Append('\n');
    }
}
