using System.Text.Json;
using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Tests.Linear;

/// <summary>
/// The badly conditioned designs of Fixtures/Linear/conditioning.json (generate_conditioning.py), rebuilt bit for bit
/// from diabetes.csv, and the unit-free comparisons the tests use.
/// </summary>
internal sealed class ConditioningFixture
{
    private static readonly Lazy<JsonElement> Root = new(() => LinearTestHelpers.Fixture("conditioning"));

    private ConditioningFixture(string name, JsonElement entry)
    {
        Name = name;
        Entry = entry;
        Data = Build(entry.GetProperty("recipe"));
        Rows = entry.GetProperty("rows").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var x = Data.X;
        var y = Data.RequireTarget();
        double yMean = y.Average();
        TargetNorm = Math.Sqrt(y.Sum(v => (v - yMean) * (v - yMean)));
        ColumnNorms = Enumerable.Range(0, x.Cols).Select(j =>
        {
            double mean = Enumerable.Range(0, x.Rows).Average(i => x[i, j]);
            return Math.Sqrt(Enumerable.Range(0, x.Rows).Sum(i => (x[i, j] - mean) * (x[i, j] - mean)));
        }).ToArray();
    }

    public string Name { get; }
    public JsonElement Entry { get; }
    public Dataset Data { get; }
    public int[] Rows { get; }
    public double TargetNorm { get; }
    public double[] ColumnNorms { get; }

    public static double Alpha => Root.Value.GetProperty("alpha").GetDouble();

    public static IEnumerable<string> Names => Root.Value.GetProperty("designs").EnumerateObject().Select(p => p.Name);

    public static ConditioningFixture Load(string name) => new(name, Root.Value.GetProperty("designs").GetProperty(name));

    public JsonElement Exact(string model) => Entry.GetProperty("exact").GetProperty(model);

    public bool TryExact(string model, out JsonElement result) => Entry.GetProperty("exact").TryGetProperty(model, out result);

    public JsonElement Sklearn(string model) => Entry.GetProperty("sklearn").GetProperty(model);

    /// <summary>
    /// Coefficient j agrees when |a - e| &lt;= relative (|e| + 1e-4 ||y - mean|| / ||x_j - mean||): relative to itself,
    /// or, for a coefficient whose column contributes less than 1e-4 of the target's spread, to that contribution.
    /// Both terms scale with the column's units, so the test means the same whatever units a column is in.
    /// </summary>
    public void AssertCoefficients(JsonElement expected, double[] actual, double relative, string what)
    {
        var coef = LinearTestHelpers.Doubles(expected.GetProperty("coef"));
        Assert.Equal(coef.Length, actual.Length);
        for (int j = 0; j < coef.Length; j++)
        {
            double floor = ColumnNorms[j] > 0 ? 1e-4 * TargetNorm / ColumnNorms[j] : 0;
            double bound = relative * (Math.Abs(coef[j]) + floor);
            Assert.True(Math.Abs(actual[j] - coef[j]) <= bound,
                $"{Name} {what} coef[{j}]: expected {coef[j]:R}, got {actual[j]:R} (|diff| {Math.Abs(actual[j] - coef[j]):E2} > {bound:E2})");
        }
    }

    /// <summary>Predictions at the fixture's rows agree to <paramref name="relative"/> of max(|prediction|, rms of y - mean).</summary>
    public void AssertPredictions(double[] expected, IPredictor model, double relative, string what)
    {
        var predicted = model.Predict(Data.Rows(Rows));
        double spread = TargetNorm / Math.Sqrt(Data.Count);
        for (int i = 0; i < Rows.Length; i++)
        {
            double bound = relative * Math.Max(Math.Abs(expected[i]), spread);
            Assert.True(Math.Abs(predicted[i] - expected[i]) <= bound,
                $"{Name} {what} prediction at row {Rows[i]}: expected {expected[i]:R}, got {predicted[i]:R}");
        }
    }

    /// <summary>Predictions implied by an expected coef and intercept (for the exact references).</summary>
    public double[] PredictionsOf(JsonElement expected)
    {
        var coef = LinearTestHelpers.Doubles(expected.GetProperty("coef"));
        double intercept = expected.GetProperty("intercept").GetDouble();
        return Rows.Select(r => intercept + Enumerable.Range(0, coef.Length).Sum(j => Data.X[r, j] * coef[j])).ToArray();
    }

    private static Dataset Build(JsonElement recipe)
    {
        var full = TestData.Load("diabetes");
        var range = recipe.GetProperty("rows").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int start = range[0], stop = range[1], p = full.FeatureCount;
        double[] Column(string name, double fallback) =>
            recipe.TryGetProperty(name, out var values) ? LinearTestHelpers.Doubles(values) : Enumerable.Repeat(fallback, p).ToArray();
        var shift = Column("shift", 0.0);
        var scale = Column("scale", 1.0);
        var columns = new List<double[]>();
        for (int j = 0; j < p; j++) columns.Add(Enumerable.Range(start, stop - start).Select(i => (full.X[i, j] - shift[j]) * scale[j]).ToArray());
        if (recipe.TryGetProperty("append", out var extras))
            foreach (var extra in extras.EnumerateArray())
                columns.Add(extra.TryGetProperty("constant", out var c)
                    ? Enumerable.Repeat(c.GetDouble(), stop - start).ToArray()
                    : columns[extra.GetProperty("copy").GetInt32()].Select(v => v * extra.GetProperty("factor").GetDouble()).ToArray());
        var x = new Matrix(stop - start, columns.Count);
        for (int i = 0; i < x.Rows; i++)
            for (int j = 0; j < x.Cols; j++) x[i, j] = columns[j][i];
        return new Dataset(x, full.RequireTarget()[start..stop]);
    }
}
