using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.ModelSelection;
using Scalearn.Numerics;

namespace Scalearn.Tests.ModelSelection;

public class TimeColumnSplitTests
{
    private static Dataset Rows(int n) => new(new Matrix(n, 1));

    private static SplitColumns Times(string name, params double[] t) => new() { Time = TimeValues.Numeric(name, t) };

    [Fact]
    public void ExpandingWindowsEndAtTheLatestTime()
    {
        // times 1..10, shuffled row order
        double[] t = [5, 1, 9, 3, 7, 10, 2, 8, 4, 6];
        var folds = new TimeColumnSplit("day", new TimeLength(2, null), nSplits: 3).Split(Rows(10), Times("day", t));
        string Days(int[] rows) => string.Join(",", rows.Select(r => t[r]).Order());
        Assert.Equal(["1,2,3,4", "1,2,3,4,5,6", "1,2,3,4,5,6,7,8"], folds.Splits.Select(s => Days(s.Train)));
        Assert.Equal(["5,6", "7,8", "9,10"], folds.Splits.Select(s => Days(s.Test)));
        Assert.All(folds.Splits, s => Assert.Equal(s.Train.Order(), s.Train));
    }

    [Fact]
    public void SlidingWindowStepAndGap()
    {
        var t = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();
        var split = new TimeColumnSplit("t", new TimeLength(3, null), step: new TimeLength(5, null), window: new TimeLength(4, null),
            gap: new TimeLength(1, null), nSplits: 2);
        var folds = split.Split(Rows(20), Times("t", t));
        // last window: test (17, 20], train (12, 16]; previous: test (12, 15], train (7, 11]
        Assert.Equal([[7, 8, 9, 10], [12, 13, 14, 15]], folds.Splits.Select(s => s.Train).ToArray());
        Assert.Equal([[12, 13, 14], [17, 18, 19]], folds.Splits.Select(s => s.Test).ToArray());
    }

    [Fact]
    public void DatesUseUnitsAndSkipHoles()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // daily rows for 60 days, with no rows in days 40-49
        var days = Enumerable.Range(0, 60).Where(d => d < 40 || d >= 50).ToArray();
        var time = TimeValues.DateTimes("date", days.Select(d => start.AddDays(d)).ToArray());
        var folds = new TimeColumnSplit("date", TimeLength.Parse("7d", "horizon"), nSplits: 3).Split(Rows(days.Length), new SplitColumns { Time = time });
        Assert.Equal(3, folds.Count);
        Assert.All(folds.Splits, s => Assert.NotEmpty(s.Test));
        Assert.Equal(7, folds[2].Test.Length);
        Assert.Contains("has no unit", Assert.Throws<ParameterException>(() =>
            new TimeColumnSplit("date", new TimeLength(7, null)).Split(Rows(days.Length), new SplitColumns { Time = time })).Message);
        var parsed = TimeValues.Parse("date", ["2024-01-01", "2024-01-02T12:00:00", "2024-01-03 06:30+02:00"]);
        Assert.True(parsed.IsDateTime);
        Assert.Equal(86400 * 1.5, parsed.Values[1] - parsed.Values[0]);
        Assert.Contains("data row 2", Assert.Throws<FormatException>(() => TimeValues.Parse("date", ["2024-01-01", "soon"])).Message);
    }

    /// <summary>Property: over many random data sets and settings, no split trains on a row at or after its test window.</summary>
    [Fact]
    public void NeverTrainsOnRowsAfterItsTestWindow()
    {
        var rng = new Rng(11);
        int checkedSplits = 0;
        for (int c = 0; c < 500; c++)
        {
            int n = 5 + rng.NextInt(200);
            bool integerTimes = rng.NextInt(2) == 0;
            var t = Enumerable.Range(0, n).Select(_ => integerTimes ? rng.NextInt(50) : rng.NextDouble() * 100).ToArray();
            double span = t.Max() - t.Min() + 1;
            var horizon = new TimeLength(span * (0.01 + 0.2 * rng.NextDouble()), null);
            TimeLength? step = rng.NextInt(2) == 0 ? null : new TimeLength(span * (0.01 + 0.2 * rng.NextDouble()), null);
            TimeLength? window = rng.NextInt(2) == 0 ? null : new TimeLength(span * (0.05 + 0.5 * rng.NextDouble()), null);
            TimeLength? gap = rng.NextInt(2) == 0 ? null : new TimeLength(span * 0.1 * rng.NextDouble(), null);
            var splitter = new TimeColumnSplit("t", horizon, step, window, gap, nSplits: 1 + rng.NextInt(6));
            Folds folds;
            try { folds = splitter.Split(Rows(n), Times("t", t)); }
            catch (ArgumentException e) when (e.Message.Contains("window(s)")) { continue; }
            Assert.Equal(splitter.NSplits, folds.Count);
            double previousEnd = double.NegativeInfinity;
            foreach (var s in folds.Splits)
            {
                Assert.NotEmpty(s.Train);
                Assert.NotEmpty(s.Test);
                double testStart = s.Test.Min(i => t[i]), testEnd = s.Test.Max(i => t[i]), trainEnd = s.Train.Max(i => t[i]);
                Assert.True(trainEnd < testStart, $"case {c}: trains up to {trainEnd} but tests from {testStart}");
                Assert.True(trainEnd + (gap?.Amount ?? 0) <= testStart + horizon.Amount);
                if (window is { } w) Assert.True(trainEnd - s.Train.Min(i => t[i]) < w.Amount);
                Assert.True(testEnd >= previousEnd, "windows are in time order");
                previousEnd = testEnd;
                Assert.Empty(s.Train.Intersect(s.Test));
                checkedSplits++;
            }
        }
        Assert.True(checkedSplits > 500, $"only {checkedSplits} splits checked");
    }

    [Fact]
    public void BadSettingsAndMissingColumnsAreExplained()
    {
        Assert.Contains("only 1 window(s)", Assert.Throws<ArgumentException>(() =>
            new TimeColumnSplit("t", new TimeLength(3, null), nSplits: 2).Split(Rows(5), Times("t", 1, 2, 3, 4, 5))).Message);
        Assert.Contains("needs the values of time column 't'", Assert.Throws<ArgumentException>(() => new TimeColumnSplit("t", new TimeLength(1, null)).Split(Rows(3))).Message);
        Assert.Contains("was given the values of 'u'", Assert.Throws<ArgumentException>(() =>
            new TimeColumnSplit("t", new TimeLength(1, null)).Split(Rows(3), Times("u", 1, 2, 3))).Message);
        Assert.Contains("all have units", Assert.Throws<ParameterException>(() =>
            new TimeColumnSplit("t", TimeLength.Parse("7d", "horizon"), step: new TimeLength(2, null))).Message);
        Assert.Contains("unknown unit 'mo'", Assert.Throws<ParameterException>(() => TimeLength.Parse("3mo", "horizon")).Message);
        Assert.Contains("positive length", Assert.Throws<ParameterException>(() => TimeLength.Parse("-2d", "horizon")).Message);
        Assert.Equal(new TimeLength(1.5, "h"), TimeLength.Parse("1.5h", "step"));
        Assert.Equal(new TimeLength(30, "min"), TimeLength.Parse(" 30 min ", "step"));
        Assert.Equal(new TimeLength(2e3, null), TimeLength.Parse("2e3", "step"));
    }
}
