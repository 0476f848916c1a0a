using Scalearn.Dummy;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;

namespace Scalearn.Tests.ModelSelection;

public class SearchBaseTests
{
    /// <summary>Evaluates in two rounds, the second built from the first's scores (as successive halving will).</summary>
    private sealed class TwoRoundSearch(Scalearn.Estimators.IEstimator estimator) : SearchBase(estimator)
    {
        public List<IReadOnlyList<CandidateScores>> Rounds { get; } = [];

        protected override async Task GenerateAsync(CandidateEvaluator evaluate, CancellationToken ct)
        {
            var first = await evaluate([Params(1e-9), Params(0.5)], ct);
            Rounds.Add(first);
            var best = first.MaxBy(c => c.MeanTestScore)!;
            Rounds.Add(await evaluate([Params((double)best.Params["var_smoothing"]! * 10)], ct));
        }

        private static IReadOnlyDictionary<string, object?> Params(double v) => new Dictionary<string, object?> { ["var_smoothing"] = v };
    }

    [Fact]
    public void RepeatedEvaluationsKeepIncreasingIndices()
    {
        var search = new TwoRoundSearch(new GaussianNB()) { Executor = new LocalExecutor(2) };
        var result = search.Fit(TestData.Load("iris"));
        Assert.Equal([0, 1], search.Rounds[0].Select(c => c.Index));
        Assert.Equal([2], search.Rounds[1].Select(c => c.Index));
        Assert.Equal(3, result.CvResults.Count);
        Assert.Equal(1e-8, (double)result.CvResults.Params[2]["var_smoothing"]!, 1e-20);
        Assert.NotNull(search.Folds);
        Assert.Equal(5, search.Folds!.Count);
    }

    [Fact]
    public void ProgrammaticGridValuesAreStoredInRawForm()
    {
        var grid = new ParamGrid(new Dictionary<string, IReadOnlyList<object?>>
        {
            ["strategy"] = [DummyClassifierStrategy.Prior, "most_frequent"],
            ["random_state"] = [3],
        });
        var cv = new GridSearch(new DummyClassifier(), grid) { Executor = new LocalExecutor(1) }.Fit(TestData.Load("iris")).CvResults;
        Assert.Equal(new object?[] { "prior", "most_frequent" }, cv.Column("param_strategy"));
        Assert.Equal(new object?[] { 3L, 3L }, cv.Column("param_random_state"));
        using var stream = new MemoryStream();
        cv.WriteJson(stream);
        Assert.Contains("\"most_frequent\"", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
