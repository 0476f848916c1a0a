using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Boosting;

/// <summary>The constant model a boosting fit starts from, scored by early stopping before the first iteration.</summary>
internal static class BaselineModel
{
    /// <param name="probabilities">Per-class probabilities, or the positive class's alone for two classes.</param>
    public static IModel Classifier(double[] classes, int features, double[] probabilities) =>
        new ConstantClassifier(classes, features, probabilities.Length == 1 ? [1 - probabilities[0], probabilities[0]] : probabilities);

    public static IModel Regressor(int features, double value) => new ConstantRegressor(features, value);

    private sealed class ConstantClassifier(double[] classes, int features, double[] probabilities) : ClassifierModel(classes, features)
    {
        protected override Matrix PredictProbaCore(DataView x)
        {
            var result = new Matrix(x.Count, probabilities.Length);
            for (int i = 0; i < x.Count; i++) probabilities.CopyTo(result.Row(i));
            return result;
        }
    }

    private sealed class ConstantRegressor(int features, double value) : RegressorModel(features)
    {
        protected override double[] PredictCore(DataView x) => Enumerable.Repeat(value, x.Count).ToArray();
    }
}
