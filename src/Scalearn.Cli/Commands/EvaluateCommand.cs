using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scalearn.Cli.Console;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Metrics;
using Scalearn.Persistence;

namespace Scalearn.Cli.Commands;

/// <summary>
/// scalearn evaluate: scores a saved model on labelled data: scikit-learn's classification report and confusion matrix
/// for a classifier, the regression metrics for a regressor. Plain text (or JSON with --json) on standard output.
/// </summary>
public static class EvaluateCommand
{
    private static readonly (string Name, Func<double[], double[], double> Metric)[] RegressionMetricsShown =
    [
        ("r2", RegressionMetrics.R2),
        ("explained_variance", RegressionMetrics.ExplainedVarianceScore),
        ("mean_absolute_error", RegressionMetrics.MeanAbsoluteError),
        ("mean_squared_error", RegressionMetrics.MeanSquaredError),
        ("root_mean_squared_error", RegressionMetrics.RootMeanSquaredError),
        ("mean_absolute_percentage_error", RegressionMetrics.MeanAbsolutePercentageError),
    ];

    public static Command Create()
    {
        var modelPath = new Option<string>("--model", "-m") { Description = "Model file written by 'scalearn tune'", Required = true };
        var data = CommonOptions.Data();
        var target = CommonOptions.Target();
        var digits = new Option<int>("--digits") { Description = "Decimals in the report", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print the metrics as one JSON object instead of text" };
        var command = new Command("evaluate", "Score a saved model on labelled data: classification report or regression metrics")
        {
            modelPath, data, target, digits, json,
        };
        command.SetAction(parse =>
        {
            int places = parse.GetValue(digits);
            if (places is < 0 or > 15) throw new UsageException($"--digits must be between 0 and 15; got {places}.");
            var output = parse.InvocationConfiguration.Output;
            Run(parse.GetRequiredValue(modelPath), parse.GetRequiredValue(data), parse.GetValue(target) ?? "target", places, parse.GetValue(json), output);
            return 0;
        });
        return command;
    }

    public static void Run(string modelPath, string dataName, string target, int digits, bool json, TextWriter output)
    {
        var loaded = ModelFile.Load(modelPath);
        if (loaded.Model is not IPredictor predictor)
            throw new UsageException($"the model in '{modelPath}' ({loaded.Format}) does not predict, so there is nothing to evaluate.");
        if (loaded.UnscoredEstimator is { } unscored)
            throw new UsageException($"the model in '{modelPath}' ({unscored}) is not a classifier or a regressor: its predictions (cluster labels) " +
                "are not scored against a target, so there is nothing to evaluate.");
        // Read as predict reads it: the model's text columns as text, missing cells as NaN (the model decides), and text
        // labels coded by the model's own classes, so a file holding some of them is scored by name, not by its own codes.
        var schema = ModelSchema.For(loaded.Model);
        var dataset = BundledDatasets.Load(dataName, new TableOptions
        {
            Target = target, TextColumns = schema?.TextColumns ?? [], AllowMissing = true, OptionNames = TableOptionNames.Fixed,
            ClassNames = predictor is IClassifierModel ? schema?.ClassNames : null,
        });
        CheckFeatures(loaded, dataset, modelPath);
        var yTrue = dataset.RequireTarget();
        var yPred = predictor.Predict(dataset);
        Func<double, string>? label = predictor is IClassifierModel && schema?.ClassNames is not null ? schema.Label : null;
        string about = $"{Path.GetFileName(modelPath)} ({loaded.Format}) on {dataset.Name ?? dataName}: {dataset.Count} rows, target '{target}'";
        if (predictor is IClassifierModel)
        {
            if (TargetTypes.TypeOfTarget(yTrue) == TargetType.Continuous)
                throw new UsageException($"the model is a classifier, but the target '{target}' of {dataset.Name ?? dataName} is continuous (not class labels); pass the column that holds the classes with --target.");
            var labels = TargetTypes.UniqueLabels(yTrue, yPred);
            var report = ClassificationReport.Compute(yTrue, yPred, labels, label is null ? null : labels.Select(label).ToArray());
            var matrix = ConfusionMatrix.Compute(yTrue, yPred, labels);
            if (json) WriteJson(output, ClassificationJson(about, report, matrix, label));
            else
            {
                output.WriteLine(TerminalText.Escape(about));
                output.WriteLine();
                output.Write(report.ToText(digits));
                output.WriteLine();
                output.WriteLine("confusion matrix (rows: true class, columns: predicted class)");
                output.Write(matrix.ToText(label));
            }
            return;
        }
        var values = RegressionMetricsShown.Select(m => (m.Name, Value: m.Metric(yTrue, yPred))).ToArray();
        if (json)
        {
            var result = new Dictionary<string, object?> { ["about"] = about, ["rows"] = dataset.Count };
            foreach (var (name, value) in values) result[name] = value;
            WriteJson(output, result);
            return;
        }
        output.WriteLine(TerminalText.Escape(about));
        output.WriteLine();
        int width = values.Max(v => v.Name.Length);
        var texts = values.Select(v => v.Value.ToString("F" + Math.Max(digits, 4), CultureInfo.InvariantCulture)).ToArray();
        int valueWidth = texts.Max(t => t.Length);
        for (int i = 0; i < values.Length; i++) output.WriteLine($"{values[i].Name.PadRight(width)}  {texts[i].PadLeft(valueWidth)}");
    }

    private static void CheckFeatures(LoadedModel loaded, Dataset dataset, string modelPath)
    {
        if (loaded.FeatureNames is not { } names || names.SequenceEqual(dataset.FeatureNames)) return;
        int first = Enumerable.Range(0, Math.Min(names.Count, dataset.FeatureCount)).FirstOrDefault(j => names[j] != dataset.FeatureNames[j], Math.Min(names.Count, dataset.FeatureCount));
        string where = first < Math.Min(names.Count, dataset.FeatureCount)
            ? $"column {first + 1} is '{dataset.FeatureNames[first]}' where the model expects '{names[first]}'"
            : $"the data has {dataset.FeatureCount} feature columns, the model {names.Count}";
        throw new UsageException($"the data does not have the features '{modelPath}' was fitted on: {where}. Check --data and --target.");
    }

    private static Dictionary<string, object?> ClassificationJson(string about, ClassificationReport report, ConfusionMatrix matrix, Func<double, string>? label)
    {
        var result = new Dictionary<string, object?> { ["about"] = about };
        foreach (var row in report.Classes.Concat(report.Averages))
            result[row.Name] = row.Name == "accuracy" ? row.F1
                : new Dictionary<string, object?> { ["precision"] = row.Precision, ["recall"] = row.Recall, ["f1-score"] = row.F1, ["support"] = row.Support };
        result["labels"] = label is null ? matrix.Labels : matrix.Labels.Select(label).ToArray();
        result["confusion_matrix"] = Enumerable.Range(0, matrix.Labels.Count)
            .Select(i => Enumerable.Range(0, matrix.Labels.Count).Select(j => (long)matrix[i, j]).ToArray()).ToArray();
        return result;
    }

    private static void WriteJson(TextWriter output, Dictionary<string, object?> value) =>
        output.WriteLine(JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
}
