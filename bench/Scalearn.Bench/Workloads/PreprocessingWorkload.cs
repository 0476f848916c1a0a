using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Fit + transform of a preprocessing ColumnTransformer (imputer + standard scaler on 20 numeric columns, one-hot
/// encoder on 2 numeric codes and 1 text column) over 200,000 synthetic rows.
/// scikit-learn side: preprocessing_sklearn.py next to this file. Reports the median of the repeats.
/// </summary>
public sealed class PreprocessingWorkload : IWorkload
{
    private const int Rows = 200_000;
    private const int NumericColumns = 20;

    public string Name => "preprocessing";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = Generate();
        var numeric = Enumerable.Range(0, NumericColumns).Select(j => $"n{j}").ToArray();
        var transformer = new ColumnTransformer(
            ("num", new Pipeline(("impute", new SimpleImputer()), ("scale", new StandardScaler())), numeric),
            ("cat", new OneHotEncoder { HandleUnknown = "ignore" }, ["code0", "code1", "city"]));

        var seconds = new List<double>();
        int outputColumns = 0;
        for (int r = 0; r < options.Repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            var model = (ITransformerModel)transformer.Fit(data);
            var output = model.Transform(data);
            seconds.Add(watch.Elapsed.TotalSeconds);
            outputColumns = output.FeatureCount;
        }
        return new Dictionary<string, object?>
        {
            ["seconds"] = Median.Of(seconds),
            ["rows"] = Rows,
            ["output_columns"] = outputColumns,
        };
    }

    private static Dataset Generate()
    {
        var rng = new Rng(0);
        int cols = NumericColumns + 2;
        var x = new Matrix(Rows, cols);
        var cities = new string[Rows];
        string[] cityNames = ["amsterdam", "berlin", "lisbon", "madrid", "oslo", "paris", "rome", "vienna"];
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < NumericColumns; j++) x[i, j] = rng.NextDouble() < 0.05 ? double.NaN : rng.NextGaussian() * (j + 1) + j;
            x[i, NumericColumns] = rng.NextInt(10);
            x[i, NumericColumns + 1] = rng.NextInt(50);
            cities[i] = cityNames[rng.NextInt(cityNames.Length)];
        }
        var names = Enumerable.Range(0, NumericColumns).Select(j => $"n{j}").Append("code0").Append("code1").ToArray();
        return new Dataset(x, null, names, textColumns: new Dictionary<string, string[]> { ["city"] = cities });
    }
}
