using Scalearn.Dummy;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;

namespace Scalearn.Tests.ModelSelection;

public class SearchBaseTests
{
    /// <summary>
    /// Proposes two candidates, then nothing until both are told, then a third built from the better one (the protocol
    /// successive halving and TPE rely on).
    /// </summary>
    private sealed class TwoRoundTuner : Scalearn.ModelSelection.Tuning.ITuner
    {
        private readonly Dictionary<int, double> _told = new();
        public List<(int Trial, string Event)> Events { get; } = [];

        public bool Exhausted => _told.Count == 3;

        public IReadOnlyDictionary<string, object?>? Propose(int trial)
        {
            IReadOnlyDictionary<string, object?>? proposal = trial switch
            {
                0 => Params(1e-9),
                1 => Params(0.5),
                2 when _told.Count == 2 => Params((_told[0] >= _told[1] ? 1e-9 : 0.5) * 10),
                _ => null,
            };
            if (proposal is not null) Events.Add((trial, "propose"));
            return proposal;
        }

        public void Tell(int trial, double score)
        {
            Events.Add((trial, "tell"));
            _told[trial] = score;
        }

        private static IReadOnlyDictionary<string, object?> Params(double v) => new Dictionary<string, object?> { ["var_smoothing"] = v };
    }

    private sealed class TunedSearch(Scalearn.Estimators.IEstimator estimator, TwoRoundTuner tuner) : SearchBase(estimator)
    {
        protected override SearchPlan Plan(Scalearn.Data.Dataset data, Folds folds) => new(tuner);
    }

    [Fact]
    public void TunerWaitsForResultsAndIndicesFollowProposals()
    {
        var tuner = new TwoRoundTuner();
        var search = new TunedSearch(new GaussianNB(), tuner) { Executor = new LocalExecutor(2) };
        var result = search.Fit(TestData.Load("iris"));
        Assert.Equal(3, result.CvResults.Count);
        Assert.Equal([0, 1, 2], result.CvResults.Candidates.Select(c => c.Index));
        Assert.Equal(1e-8, (double)result.CvResults.Params[2]["var_smoothing"]!, 1e-20);
        // The third proposal comes only after both earlier trials were told.
        int third = tuner.Events.IndexOf((2, "propose"));
        Assert.True(tuner.Events.IndexOf((0, "tell")) < third && tuner.Events.IndexOf((1, "tell")) < third, string.Join(" ", tuner.Events));
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
