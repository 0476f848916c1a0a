using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.ModelSelection;

/// <summary>
/// Rolling-origin evaluation on a time column (rows in any order, times may repeat). The last test window ends at
/// the latest time, t_max, and covers (t_max - horizon, t_max]; each earlier window ends <c>step</c> earlier
/// (default: horizon, so test windows do not overlap). A window whose test starts at s trains on the rows with time
/// &lt;= s - gap: all of them (expanding window) or only those after s - gap - window (sliding window). So no split
/// ever trains on a row at or after its test window. The n_splits most recent windows with rows in both sets are
/// used, oldest first; windows with no test rows (holes in the data) are skipped.
/// </summary>
public sealed class TimeColumnSplit : ICrossValidator
{
    public TimeColumnSplit(string column, TimeLength horizon, TimeLength? step = null, TimeLength? window = null,
        TimeLength? gap = null, int nSplits = 5)
    {
        Column = string.IsNullOrWhiteSpace(column) ? throw new ParameterException("column", "Parameter 'column' must name the time column.") : column;
        Horizon = Positive(horizon, "horizon");
        Step = step is { } s ? Positive(s, "step") : horizon;
        Window = window is { } w ? Positive(w, "window") : null;
        Gap = gap is { } g ? g.Amount >= 0 ? g : throw new ParameterException("gap", $"Parameter 'gap' must be >= 0; got {g}.") : null;
        if (new[] { (TimeLength?)Horizon, Step, Window, Gap }.Where(l => l is not null).Select(l => l!.Value.Unit is null).Distinct().Count() > 1)
            throw new ParameterException("horizon", "Parameters horizon, step, window and gap must all have units (date/time column) or all be plain numbers (numeric column).");
        NSplits = nSplits >= 1 ? nSplits : throw new ParameterException("n_splits", $"Parameter 'n_splits' must be an integer >= 1; got {nSplits}.");
    }

    public string Column { get; }
    public TimeLength Horizon { get; }
    public TimeLength Step { get; }
    /// <summary>Length of a sliding training window; null = expanding (all earlier rows).</summary>
    public TimeLength? Window { get; }
    public TimeLength? Gap { get; }
    public int NSplits { get; }

    private static TimeLength Positive(TimeLength length, string parameter) =>
        length.Amount > 0 && double.IsFinite(length.Amount) ? length
            : throw new ParameterException(parameter, $"Parameter '{parameter}' must be a positive length of time; got {length}.");

    public Folds Split(Dataset data) =>
        throw new ArgumentException($"TimeColumnSplit needs the values of time column '{Column}': pass SplitColumns with Time (see SplitColumns.Extract).");

    public Folds Split(Dataset data, SplitColumns columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        var time = columns?.Time ?? throw new ArgumentException($"TimeColumnSplit needs the values of time column '{Column}': SplitColumns.Time is not set.");
        if (time.Name != Column) throw new ArgumentException($"TimeColumnSplit splits on column '{Column}' but was given the values of '{time.Name}'.");
        int n = data.Count;
        if (time.Length != n) throw new ArgumentException($"Time column '{Column}' has {time.Length} values for {n} rows.");
        double horizon = Horizon.In(time, "horizon"), step = Step.In(time, "step");
        double gap = Gap?.In(time, "gap") ?? 0, window = Window?.In(time, "window") ?? double.PositiveInfinity;
        var order = Enumerable.Range(0, n).ToArray();
        var sorted = time.Values.ToArray();
        Array.Sort(sorted, order);
        double first = sorted[0], last = sorted[^1];

        var splits = new List<Split>();
        for (long k = 0; splits.Count < NSplits;)
        {
            double testEnd = last - k * step, testStart = testEnd - horizon, trainEnd = testStart - gap;
            if (trainEnd < first) break;
            // Rows in (testStart, testEnd] test; rows in (trainEnd - window, trainEnd] train.
            int testFrom = UpperBound(sorted, testStart), testTo = UpperBound(sorted, testEnd);
            int trainFrom = UpperBound(sorted, trainEnd - window), trainTo = UpperBound(sorted, trainEnd);
            if (testTo > testFrom && trainTo > trainFrom)
                splits.Add(new Split(Rows(order, trainFrom, trainTo), Rows(order, testFrom, testTo)));
            if (testTo > testFrom || testFrom == 0) k++;
            else
            {
                // A hole in the data: jump to the first window whose test reaches the next earlier row.
                double previous = sorted[testFrom - 1];
                k = Math.Max(k + 1, (long)Math.Floor((last - previous - horizon) / step));
            }
        }
        if (splits.Count < NSplits)
            throw new ArgumentException($"Time column '{Column}' spans {Describe(last - first, time)}: only {splits.Count} window(s) of horizon {Horizon}, step {Step}" +
                $"{(Gap is null ? "" : $", gap {Gap}")} have rows to train and test on; n_splits={NSplits} needs more history or a shorter horizon/step.");
        splits.Reverse();
        return new Folds(splits);
    }

    /// <summary>The number of sorted values &lt;= x.</summary>
    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (sorted[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int[] Rows(int[] order, int from, int to)
    {
        var rows = order[from..to];
        Array.Sort(rows);
        return rows;
    }

    private static string Describe(double span, TimeValues time) =>
        time.IsDateTime ? $"{span / 86400:0.##} days" : span.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
