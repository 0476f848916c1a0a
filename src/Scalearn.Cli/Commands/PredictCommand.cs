using System.CommandLine;
using System.Globalization;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Spectre.Console;

namespace Scalearn.Cli.Commands;

/// <summary>scalearn predict: apply a saved model to a CSV and write one prediction per row.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var modelPath = new Option<string>("--model", "-m") { Description = "Model file written by 'scalearn tune'", Required = true };
        var data = CommonOptions.Data();
        var target = new Option<string?>("--target") { Description = "Target column in the data, if any: it is left out of the features and the score is printed" };
        var output = new Option<string>("--out", "-o") { Description = "CSV file for the predictions", DefaultValueFactory = _ => "predictions.csv" };
        var command = new Command("predict", "Predict with a saved model") { modelPath, data, target, output };
        command.SetAction(parse =>
        {
            var loaded = ModelFile.Load(parse.GetRequiredValue(modelPath));
            if (loaded.Model is not IPredictor predictor)
                throw new UsageException($"the model in '{parse.GetRequiredValue(modelPath)}' ({loaded.Format}) does not predict.");
            var dataset = BundledDatasets.Load(parse.GetRequiredValue(data), parse.GetValue(target));
            var predictions = predictor.Predict(dataset);
            var path = parse.GetValue(output) ?? "predictions.csv";
            using (var writer = new StreamWriter(path))
            {
                writer.WriteLine("prediction");
                foreach (var p in predictions) writer.WriteLine(p.ToString("R", CultureInfo.InvariantCulture));
            }
            AnsiConsole.MarkupLineInterpolated($"{predictions.Length} predictions written to {path}");
            if (dataset.Y is not null)
                AnsiConsole.MarkupLineInterpolated($"score: {predictor.Score(dataset).ToString("F4", CultureInfo.InvariantCulture)}");
            return 0;
        });
        return command;
    }
}
