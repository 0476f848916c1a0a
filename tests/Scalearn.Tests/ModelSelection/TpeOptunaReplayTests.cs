using System.Text.Json;
using Scalearn.ModelSelection.Tuning;
using Scalearn.ModelSelection.Tuning.Tpe;

namespace Scalearn.Tests.ModelSelection;

/// <summary>
/// Replays Optuna 3.1 TPE studies (Fixtures/ModelSelection/generate.py: ask/tell event logs over a numeric space with
/// log, integer and fixed parameters and a mixed one adding categorical and conditional parameters; sequential and 4 in
/// flight with the constant liar; independent and multivariate) with numpy's Mersenne Twister as the random source:
/// every proposal must be Optuna's. A mixed study is compared up to its first trial where Optuna chose between
/// candidates tied in exact arithmetic (rounding in numpy's summation order decides those).
/// </summary>
public class TpeOptunaReplayTests
{
    private static readonly JsonElement Runs = Fixture.Load("ModelSelection", "optuna_tpe.json");

    public static TheoryData<int> RunIndices() => [0, 1, 2, 3, 4, 5, 6, 7];

    [Theory]
    [MemberData(nameof(RunIndices))]
    public void ProposesWhatOptunaProposes(int index)
    {
        var run = Runs.GetProperty("runs")[index];
        var space = SearchSpace.Parse(Runs.GetProperty("spaces").GetProperty(run.GetProperty("space").GetString()!).GetRawText());
        int compared = 0;
        uint seed = run.GetProperty("seed").GetUInt32();
        var options = new TpeOptions
        {
            Multivariate = run.GetProperty("multivariate").GetBoolean(),
            ConstantLiar = run.GetProperty("constant_liar").GetBoolean(),
        };
        var startup = new Mt19937(seed);
        var tpe = new Mt19937(seed);
        var tuner = new TpeTuner(space, options, startup.NextDouble, tpe.NextDouble);
        foreach (var e in run.GetProperty("events").EnumerateArray())
        {
            if (e.TryGetProperty("tell", out var told))
            {
                tuner.Tell(told.GetInt32(), e.GetProperty("score").GetDouble());
                continue;
            }
            if (e.GetProperty("tie").ValueKind != JsonValueKind.False) break;
            int trial = e.GetProperty("ask").GetInt32();
            compared++;
            var proposed = tuner.Propose(trial)!;
            var expected = e.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
            Assert.Equal(expected.Keys.Order(), proposed.Keys.Order());
            foreach (var (name, value) in expected)
            {
                var actual = proposed[name];
                string where = $"run {index}, trial {trial}, {name}";
                switch (value.ValueKind)
                {
                    case JsonValueKind.String: Assert.Equal(value.GetString(), actual); break;
                    case JsonValueKind.True or JsonValueKind.False: Assert.Equal(value.GetBoolean(), actual); break;
                    default:
                        if (actual is long l) Assert.True(value.GetInt64() == l, $"{where}: expected {value}, got {l}");
                        else
                        {
                            double d = Assert.IsType<double>(actual), x = value.GetDouble();
                            Assert.True(Math.Abs(d - x) <= 1e-9 * Math.Abs(x), $"{where}: expected {x:R}, got {d:R}");
                        }
                        break;
                }
            }
        }
        Assert.True(compared >= 29, $"only {compared} proposals compared");
    }
}
