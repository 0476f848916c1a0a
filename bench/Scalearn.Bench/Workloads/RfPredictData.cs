using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Ensemble;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// rf_predict's inputs: RandomForestClassifier(n_estimators=100, random_state=0) fitted on the 10,000 training rows that
/// rf_predict_sklearn.py generates, saved as a model file, and the 1,000,000 rows to predict as CSV (the peer's), Parquet
/// (converted once) and a 10,000,000-row CSV (the 1M rows ten times, written once), all in the generated data folder.
/// </summary>
internal sealed class RfPredictData
{
    public const string Peer = "rf_predict_sklearn.py";

    private RfPredictData(Dataset train, RandomForestClassifierModel model, string modelPath, string csv)
    {
        Train = train;
        Model = model;
        ModelPath = modelPath;
        Csv = csv;
    }

    public Dataset Train { get; }

    /// <summary>The forest with n_jobs as scikit-learn's default (one thread), as saved in the model file.</summary>
    public RandomForestClassifierModel Model { get; }
    public string ModelPath { get; }
    public string Csv { get; }
    public string Folder => Path.GetDirectoryName(Csv)!;

    public static RfPredictData Prepare()
    {
        var train = GeneratedData.Load("rf_predict_train_10000x20", Peer);
        string csv = GeneratedData.PathOf("rf_predict_1000000x20", Peer);
        var estimator = new RandomForestClassifier { NEstimators = 100, RandomState = 0 };
        var model = estimator.Fit(train);
        string modelPath = Path.Combine(Path.GetDirectoryName(csv)!, "rf_predict_rf100.scalearn");
        ModelFile.Save(modelPath, model, EstimatorSpec.Of(estimator), train.FeatureNames);
        return new RfPredictData(train, model, modelPath, csv);
    }

    /// <summary>The same forest (the same seed grows the same trees whatever the thread count) predicting on <paramref name="jobs"/> threads.</summary>
    public RandomForestClassifierModel Fit(int? jobs) => new RandomForestClassifier { NEstimators = 100, RandomState = 0, NJobs = jobs }.Fit(Train);

    public Dataset LoadRows() => CsvLoader.Load(Csv, new CsvOptions { Target = null, Name = "rf_predict_1000000x20" });

    public string Parquet()
    {
        string path = Path.Combine(Folder, "rf_predict_1000000x20.parquet");
        if (File.Exists(path)) return path;
        string partial = path + ".partial.parquet";
        using (var reader = TableReader.Open(Csv, new TableOptions { Target = null }))
        using (var writer = TableWriter.Create(partial))
            foreach (var chunk in reader.Chunks(100_000)) writer.Write(chunk);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    public string Csv10M()
    {
        string path = Path.Combine(Folder, "rf_predict_10000000x20.csv");
        if (File.Exists(path)) return path;
        string partial = path + ".partial";
        var lines = File.ReadAllLines(Csv);
        using (var writer = new StreamWriter(partial))
        {
            writer.WriteLine(lines[0]);
            for (int copy = 0; copy < 10; copy++)
                for (int i = 1; i < lines.Length; i++) writer.WriteLine(lines[i]);
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>Rows of a CLI output file whose prediction differs from <paramref name="expected"/> (a row count mismatch is an error).</summary>
    public static int Mismatches(string outPath, double[] expected, int copies = 1)
    {
        var predictions = TableReader.ReadAll(outPath, new TableOptions { Target = "prediction" }).Data.Y!;
        if (predictions.Length != expected.Length * copies)
            throw new InvalidOperationException($"{outPath} holds {predictions.Length} predictions for {expected.Length * copies} rows.");
        int wrong = 0;
        for (int i = 0; i < predictions.Length; i++) if (predictions[i] != expected[i % expected.Length]) wrong++;
        return wrong;
    }
}
