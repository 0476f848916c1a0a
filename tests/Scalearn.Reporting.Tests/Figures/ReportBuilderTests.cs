using Scalearn.Reporting.Figures;
using Scalearn.Reporting.Model;
using Scalearn.Reporting.Readers;

namespace Scalearn.Reporting.Tests.Figures;

public sealed class ReportBuilderTests
{
    private static ReportDocument Build(string fixture) => ReportBuilder.Build(ReportInputs.Load(Fixture.Path(fixture)));

    [Fact]
    public void A_grid_search_gets_every_search_section_and_importances_that_say_how_they_were_made()
    {
        var doc = Build("digits");
        Assert.Equal(["history", "importance", "contour", "slices", "parallel", "folds", "fit-time", "top"], doc.Sections.Select(s => s.Id));
        var importance = Assert.IsType<BarFigure>(doc.Figures.Single(f => f.Id == "importance"));
        Assert.Equal(4, importance.Categories.Count);
        Assert.Equal(1.0, importance.Values.Sum(), 9);
        Assert.Equal(importance.Values.OrderDescending(), importance.Values);
        Assert.Contains(importance.Notes, n => n.Contains("Ordinal-encoded categorical parameters") && n.Contains("max_depth"));
        var contour = Assert.IsType<ContourFigure>(doc.Figures.Single(f => f.Id == "contour"));
        Assert.Equal($"{importance.Categories[0]} and {importance.Categories[1]}", contour.Title);
        var time = Assert.IsType<ScatterFigure>(doc.Figures.Single(f => f.Id == "history-time"));
        Assert.Contains(time.Notes, n => n.Contains("not wall-clock time"));
        Assert.Contains(doc.Summary, s => s.Label == "Best mean test score" && s.Value == "0.975");
    }

    [Fact]
    public void The_best_so_far_line_never_falls_and_ends_at_the_best_score()
    {
        var history = (ScatterFigure)Build("digits").Figures.First();
        var best = history.Series.Single(s => s.Name == "best so far").Points.Select(p => p[1]).ToArray();
        for (int i = 1; i < best.Length; i++) Assert.True(best[i] >= best[i - 1]);
        Assert.Equal(history.Series[0].Points.Max(p => p[1]), best[^1]);
    }

    [Fact]
    public void Halving_gets_rung_counts_and_groups_get_distribution_worst_groups_and_a_failures_first_table()
    {
        var rungs = Assert.IsType<BarFigure>(Build("halving").Figures.Single(f => f.Id == "rung-candidates"));
        Assert.Equal([24.0, 8, 3], rungs.Values);
        Assert.StartsWith("iter 0 (", rungs.Categories[0]);

        var groups = Build("groups");
        Assert.Equal(["groups"], groups.Sections.Select(s => s.Id));
        var histogram = Assert.IsType<BarFigure>(groups.Figures.Single(f => f.Id == "group-scores"));
        Assert.Equal(58, histogram.Values.Sum());
        Assert.Contains(histogram.Notes, n => n.Contains("2 groups without a score"));
        var worst = Assert.IsType<BarFigure>(groups.Figures.Single(f => f.Id == "worst-groups"));
        Assert.Equal(worst.Values.Order(), worst.Values);
        var table = groups.Sections.Single().Table!;
        Assert.Equal("failed", table.Rows[0][4]);
    }

    [Fact]
    public void Large_searches_are_decimated_where_drawing_all_would_be_slow_and_say_so()
    {
        var doc = ReportBuilder.Build(SyntheticSearch.Create(3000), new ReportOptions { MaxParallelLines = 500, FoldCandidates = 10, TopRows = 25 });
        var parallel = Assert.IsType<ParallelFigure>(doc.Figures.Single(f => f.Id == "parallel"));
        Assert.Equal(500, parallel.Lines.Count);
        Assert.Contains(parallel.Notes, n => n.StartsWith("Showing 500 of "));
        var scores = parallel.Lines.Select(l => l[^2]).ToArray();
        Assert.Equal(doc.Figures.OfType<ScatterFigure>().First().Series[0].Points.Max(p => p[1]), scores.Max());
        Assert.Equal(10, Assert.IsType<FoldFigure>(doc.Figures.Single(f => f.Id == "folds")).Candidates.Count);
        Assert.Equal(25, doc.Sections.Single(s => s.Id == "top").Table!.Rows.Count);
        var importance = Assert.IsType<BarFigure>(doc.Figures.Single(f => f.Id == "importance"));
        Assert.Equal("C", importance.Categories[0]);
        Assert.Equal(["gamma", "kernel"], importance.Categories.Skip(1).Take(2).Order());
        Assert.True(importance.Values[3] + importance.Values[4] < 0.05, "degree and tol do not change the score");
        Assert.Contains(importance.Notes, n => n.Contains("log10") && n.Contains("C"));
    }

    [Fact]
    public void Trials_that_all_failed_leave_only_the_table_and_a_note()
    {
        var record = new SearchRecord
        {
            Source = "x",
            Trials = [new Trial { Number = 0, State = TrialState.Fail, Params = new Dictionary<string, object?> { ["a"] = 1L }, Error = "boom" }],
        };
        var doc = ReportBuilder.Build(record);
        Assert.Equal(["top"], doc.Sections.Select(s => s.Id));
        Assert.Contains(doc.Notes, n => n.Contains("every trial failed"));
    }
}
