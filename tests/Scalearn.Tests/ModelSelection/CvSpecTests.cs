using Scalearn.ModelSelection;

namespace Scalearn.Tests.ModelSelection;

public class CvSpecTests
{
    [Fact]
    public void BareNumberIsScikitLearnsCvWithoutShuffling()
    {
        var classifier = CvSpec.Parse("5", isClassifier: true, seed: 3);
        var strat = Assert.IsType<StratifiedKFold>(classifier.Splitter);
        Assert.Equal(5, strat.NSplits);
        Assert.False(strat.Shuffle);
        var regressor = Assert.IsType<KFold>(CvSpec.Parse(" 4 ", isClassifier: false, seed: 3).Splitter);
        Assert.False(regressor.Shuffle);
    }

    [Fact]
    public void ShuffleUsesTheSeed()
    {
        var k = Assert.IsType<KFold>(CvSpec.Parse("kfold:3,shuffle", false, 42).Splitter);
        Assert.True(k.Shuffle);
        Assert.Equal(42, k.RandomState);
        var s = Assert.IsType<StratifiedKFold>(CvSpec.Parse("stratified:3,shuffle", true, 7).Splitter);
        Assert.Equal(7, s.RandomState);
        Assert.Null(Assert.IsType<KFold>(CvSpec.Parse("kfold:3", false, 7).Splitter).RandomState);
    }

    [Fact]
    public void GroupAndTimeForms()
    {
        var group = CvSpec.Parse("group:4", true, 0);
        Assert.True(group.NeedsGroups);
        Assert.Equal(4, Assert.IsType<GroupKFold>(group.Splitter).NSplits);
        var ts = Assert.IsType<TimeSeriesSplit>(CvSpec.Parse("timeseries:3,gap=2,test_size=10,max_train_size=100", false, 0).Splitter);
        Assert.Equal((3, 2, 10, 100), (ts.NSplits, ts.Gap, ts.TestSize!.Value, ts.MaxTrainSize!.Value));
        var time = CvSpec.Parse("time:date,horizon=7d,step=1d,window=90d,gap=1d,splits=4", false, 0, ["date", "sales"]);
        Assert.Equal("date", time.TimeColumn);
        var split = Assert.IsType<TimeColumnSplit>(time.Splitter);
        Assert.Equal((new TimeLength(7, "d"), new TimeLength(1, "d"), new TimeLength(90, "d"), 4), (split.Horizon, split.Step, split.Window!.Value, split.NSplits));
        Assert.Null(Assert.IsType<TimeColumnSplit>(CvSpec.Parse("time:t,horizon=10", false, 0).Splitter).Window);
        Assert.Contains("rolling-origin", time.Description);
    }

    [Theory]
    [InlineData("1", "at least 2")]
    [InlineData("five", "expected a number of folds")]
    [InlineData("loo:3", "unknown kind 'loo'")]
    [InlineData("stratified:3", "need a classifier")]
    [InlineData("kfold:3,shufle", "unexpected 'shufle'")]
    [InlineData("kfold:x", "K must be a whole number")]
    [InlineData("group:3,shuffle", "unexpected 'shuffle'")]
    [InlineData("timeseries:3,gap=-1", "gap must be a whole number")]
    [InlineData("timeseries:3,window=4", "allowed here: gap=..., test_size=..., max_train_size=...")]
    [InlineData("time:horizon=7d", "starts with the time column")]
    [InlineData("time:day,step=1d", "needs horizon=H")]
    [InlineData("time:when,horizon=7d", "there is no column 'when'")]
    [InlineData("time:date,horizon=7 days", "unknown unit 'days'")]
    [InlineData("time:date,horizon=7d,horizon=3d", "given twice")]
    public void ErrorsNameTheSpecAndTheAllowedForms(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => CvSpec.Parse(text, isClassifier: false, seed: 0, columns: ["date", "day"]));
        Assert.Contains($"Invalid --cv '{text}'", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains("Allowed forms: K, kfold:K[,shuffle]", e.Message);
    }

    [Fact]
    public void HelpMentionsEveryForm()
    {
        foreach (var form in new[] { "kfold:K", "stratified:K", "group:K", "--groups", "timeseries:K", "time:COLUMN", "horizon=H", "shuffle" })
            Assert.Contains(form, CvSpec.Help);
    }
}
