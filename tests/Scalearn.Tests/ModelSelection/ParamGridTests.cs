using Scalearn.ModelSelection;

namespace Scalearn.Tests.ModelSelection;

public class ParamGridTests
{
    [Fact]
    public void OrderMatchesScikitLearnParameterGrid()
    {
        var grid = ParamGrid.Parse("""[{"b":[1,2],"a":["x","y"],"c":[true]},{"z":[0]}]""");
        var candidates = grid.Candidates();
        // scikit-learn: [{'a':'x','b':1,'c':True}, {'a':'x','b':2,...}, {'a':'y','b':1,...}, {'a':'y','b':2,...}, {'z':0}]
        Assert.Equal(5, candidates.Count);
        Assert.Equal(["x", "x", "y", "y"], candidates.Take(4).Select(c => c["a"]).ToArray());
        Assert.Equal(new object?[] { 1L, 2L, 1L, 2L }, candidates.Take(4).Select(c => c["b"]).ToArray());
        Assert.Equal(true, candidates[0]["c"]);
        Assert.Equal(0L, candidates[4]["z"]);
        Assert.Equal(5, grid.Count);
        for (int i = 0; i < 5; i++) Assert.Equal(candidates[i], grid[i]);
    }

    [Fact]
    public void NullAndDoubleValuesSurvive()
    {
        var c = ParamGrid.Parse("""{"max_depth":[3,null],"alpha":[0.5]}""").Candidates();
        Assert.Equal(2, c.Count);
        Assert.Null(c[1]["max_depth"]);
        Assert.Equal(0.5, c[0]["alpha"]);
    }

    [Fact]
    public void ParseErrorsNameTheKey()
    {
        var e = Assert.Throws<FormatException>(() => ParamGrid.Parse("""{"max_depth": 3}"""));
        Assert.Contains("max_depth", e.Message);
        Assert.Contains("list", e.Message);
        Assert.Contains("max_depth", Assert.ThrowsAny<ArgumentException>(() => ParamGrid.Parse("""{"max_depth": []}""")).Message);
        Assert.Throws<FormatException>(() => ParamGrid.Parse("{not json"));
        Assert.Throws<FormatException>(() => ParamGrid.Parse("3"));
    }
}
