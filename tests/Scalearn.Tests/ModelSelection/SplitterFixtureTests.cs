using System.Text.Json;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;

namespace Scalearn.Tests.ModelSelection;

/// <summary>
/// TimeSeriesSplit and GroupKFold (Fixtures/ModelSelection/generate.py), KFold and StratifiedKFold without shuffling
/// (generate_kfold.py) against scikit-learn 1.2.1.
/// </summary>
public class SplitterFixtureTests
{
    private static readonly JsonElement Splitters = Fixture.Load("ModelSelection", "splitters.json");
    private static readonly JsonElement KFolds = Fixture.Load("ModelSelection", "kfold.json");

    private static Dataset Rows(int n) => new(new Matrix(n, 1));

    private static void AssertFolds(JsonElement expected, Folds actual, string what)
    {
        var folds = expected.EnumerateArray().ToArray();
        Assert.True(folds.Length == actual.Count, $"{what}: {actual.Count} splits, expected {folds.Length}");
        for (int k = 0; k < folds.Length; k++)
        {
            Assert.Equal(folds[k].GetProperty("train").Ints(), actual[k].Train);
            Assert.Equal(folds[k].GetProperty("test").Ints(), actual[k].Test);
        }
    }

    private static int? NullableInt(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt32();

    [Fact]
    public void TimeSeriesSplitMatchesScikitLearn()
    {
        int compared = 0, refused = 0;
        foreach (var c in Splitters.GetProperty("time_series_split").EnumerateArray())
        {
            int n = c.GetProperty("n").GetInt32();
            var splitter = new TimeSeriesSplit(c.GetProperty("n_splits").GetInt32(), NullableInt(c.GetProperty("max_train_size")),
                NullableInt(c.GetProperty("test_size")), c.GetProperty("gap").GetInt32());
            string what = c.GetRawText()[..Math.Min(120, c.GetRawText().Length)];
            if (c.TryGetProperty("error", out var error))
            {
                var e = Assert.Throws<ArgumentException>(() => splitter.Split(Rows(n)));
                Assert.Equal(error.GetString(), e.Message);
                refused++;
            }
            else
            {
                AssertFolds(c.GetProperty("folds"), splitter.Split(Rows(n)), what);
                compared++;
            }
        }
        Assert.True(compared > 100 && refused > 10, $"{compared} compared, {refused} refused");
    }

    [Fact]
    public void GroupKFoldMatchesScikitLearnIncludingTies()
    {
        int compared = 0;
        foreach (var c in Splitters.GetProperty("group_kfold").EnumerateArray())
        {
            var raw = c.GetProperty("groups").EnumerateArray().ToArray();
            var labels = raw[0].ValueKind == JsonValueKind.String
                ? GroupLabels.Of(raw.Select(g => g.GetString()!).ToArray())
                : GroupLabels.Of(raw.Select(g => g.GetDouble()).ToArray());
            var splitter = new GroupKFold(c.GetProperty("n_splits").GetInt32());
            var columns = new SplitColumns { Groups = labels };
            if (c.TryGetProperty("error", out var error))
                Assert.Equal(error.GetString(), Assert.Throws<ArgumentException>(() => splitter.Split(Rows(raw.Length), columns)).Message);
            else
            {
                AssertFolds(c.GetProperty("folds"), splitter.Split(Rows(raw.Length), columns), $"groups case {compared}");
                compared++;
            }
        }
        Assert.True(compared >= 30);
    }

    private static void AssertTests(JsonElement expected, Folds actual, int n, string what)
    {
        var tests = expected.EnumerateArray().Select(t => t.Ints()).ToArray();
        Assert.True(tests.Length == actual.Count, $"{what}: {actual.Count} splits, expected {tests.Length}");
        for (int k = 0; k < tests.Length; k++)
        {
            Assert.Equal(tests[k], actual[k].Test);
            Assert.Equal(Enumerable.Range(0, n).Except(tests[k]), actual[k].Train);
        }
    }

    [Fact]
    public void UnshuffledKFoldMatchesScikitLearn()
    {
        int compared = 0;
        foreach (var c in KFolds.GetProperty("kfold").EnumerateArray())
        {
            int n = c.GetProperty("n").GetInt32(), k = c.GetProperty("n_splits").GetInt32();
            if (c.TryGetProperty("error", out _)) Assert.ThrowsAny<ArgumentException>(() => new KFold(k).Split(Rows(n)));
            else
            {
                AssertTests(c.GetProperty("test"), new KFold(k).Split(Rows(n)), n, $"KFold({k}) of {n}");
                compared++;
            }
        }
        Assert.True(compared >= 30, $"{compared} compared");
    }

    [Fact]
    public void UnshuffledStratifiedKFoldMatchesScikitLearn()
    {
        int compared = 0;
        foreach (var c in KFolds.GetProperty("stratified").EnumerateArray())
        {
            var raw = c.GetProperty("y").EnumerateArray().Select(e => e.ToString()).ToArray();
            var codes = raw.Distinct().Order(StringComparer.Ordinal).Select((label, i) => (label, i)).ToDictionary(p => p.label, p => (double)p.i);
            var data = new Dataset(new Matrix(raw.Length, 1), raw.Select(l => codes[l]).ToArray());
            var splitter = new StratifiedKFold(c.GetProperty("n_splits").GetInt32());
            if (c.TryGetProperty("error", out _)) Assert.ThrowsAny<ArgumentException>(() => splitter.Split(data));
            else
            {
                AssertTests(c.GetProperty("test"), splitter.Split(data), raw.Length, $"stratified case {compared}");
                compared++;
            }
        }
        Assert.True(compared >= 50, $"{compared} compared");
    }

    [Fact]
    public void GroupKFoldNeedsGroupsOfTheRightLength()
    {
        var splitter = new GroupKFold(2);
        Assert.Contains("--groups", Assert.Throws<ArgumentException>(() => splitter.Split(Rows(4))).Message);
        Assert.Contains("--groups", Assert.Throws<ArgumentException>(() => ((ICrossValidator)splitter).Split(Rows(4), SplitColumns.None)).Message);
        var three = new SplitColumns { Groups = GroupLabels.Of(["a", "b", "a"]) };
        Assert.Contains("3 group labels for 4 rows", Assert.Throws<ArgumentException>(() => splitter.Split(Rows(4), three)).Message);
        Assert.Equal("n_splits", Assert.Throws<ParameterException>(() => new GroupKFold(1)).Parameter);
        Assert.Throws<ArgumentException>(() => GroupLabels.Of([1.0, double.NaN]));
    }

    [Fact]
    public void OtherSplittersIgnoreSplitColumns()
    {
        ICrossValidator kfold = new KFold(3);
        var data = Rows(9);
        Assert.Equal(kfold.Split(data).ContentHash, kfold.Split(data, new SplitColumns { Groups = GroupLabels.Of(Enumerable.Repeat(1.0, 9).ToArray()) }).ContentHash);
    }

    [Theory]
    [InlineData(1, null, null, 0, "n_splits")]
    [InlineData(3, 0, null, 0, "max_train_size")]
    [InlineData(3, null, 0, 0, "test_size")]
    [InlineData(3, null, null, -1, "gap")]
    public void TimeSeriesSplitRejectsBadParameters(int n, int? max, int? test, int gap, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<ParameterException>(() => new TimeSeriesSplit(n, max, test, gap)).Parameter);

    [Fact]
    public void ExtractTakesSplitColumnsOutOfTheFeatures()
    {
        var csv = "year,region,x,target\n2001,north,1.5,0\n2002,south,2.5,1\n2003,north,3.5,0\n2004,east,4.5,1\n";
        var data = CsvLoader.Load(new StringReader(csv), "toy.csv", new CsvOptions { KeepTextColumns = true });
        var (features, columns) = SplitColumns.Extract(data, groupColumn: "region", timeColumn: "year");
        Assert.Equal(["x"], features.FeatureNames);
        Assert.Empty(features.TextColumns);
        Assert.Equal(data.Y, features.Y);
        Assert.Equal([1, 2, 1, 0], columns.Groups!.Codes);
        Assert.Equal([2001.0, 2002, 2003, 2004], columns.Time!.Values);
        Assert.False(columns.Time.IsDateTime);
        Assert.Contains("'season' is not in dataset", Assert.Throws<ArgumentException>(() => SplitColumns.Extract(data, groupColumn: "season")).Message);
        Assert.Throws<ArgumentException>(() => SplitColumns.Extract(data, "year", "year"));
    }
}
