using Scalearn.Data;

namespace Scalearn.Estimators;

/// <summary>
/// What every fitted model knows about its input (scikit-learn's <c>feature_names_in_</c>, and the class labels of a
/// text target): <c>model.FeatureNames</c>, <c>model.ClassNames</c>, and <c>model.Align(data)</c>, the check every
/// prediction path runs before using a table's columns.
/// </summary>
public static class ModelSchemaExtensions
{
    extension(IModel model)
    {
        /// <summary>The columns and labels the model was fitted on; null for a model fitted outside an estimator.</summary>
        public ModelSchema? Schema => ModelSchema.For(model);

        /// <summary>The numeric feature names in the order the model uses them; null when fitted on unnamed data.</summary>
        public IReadOnlyList<string>? FeatureNames => ModelSchema.For(model)?.FeatureNames;

        /// <summary>The text labels that a classifier's class codes stand for (sorted); null for numeric labels.</summary>
        public IReadOnlyList<string>? ClassNames => ModelSchema.For(model)?.ClassNames;

        /// <summary>
        /// <paramref name="data"/> with its columns as the model was fitted on them: reordered by name, a text target
        /// recoded to the model's classes. Throws <see cref="ColumnMismatchException"/> naming missing, unexpected
        /// (the target among them) or retyped columns; <paramref name="ignore"/> lists extra columns to leave out.
        /// A model without a schema only has its feature count checked.
        /// </summary>
        public Dataset Align(Dataset data, IEnumerable<string>? ignore = null)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (ModelSchema.For(model) is { } schema) return schema.Align(data, ignore);
            ModelChecks.FeatureCount(data, model.FeatureCount, model.GetType().Name);
            return data;
        }

        /// <summary>As <see cref="Align(IModel, Dataset, IEnumerable{string})"/> for a view: the view itself when it already matches.</summary>
        public DataView Align(DataView data) => ModelSchema.For(model) is { } schema ? schema.Align(data) : data;

        /// <summary>How a prediction of this model reads: the class name for text labels, else the number as Python prints it.</summary>
        public string Label(double prediction) =>
            ModelSchema.For(model) is { } schema ? schema.Label(prediction) : ParamConverter.FormatPython(prediction);
    }

    extension(IPredictor model)
    {
        /// <summary>Predictions as the target read: class names for a text target, else numbers as Python prints them.</summary>
        public string[] PredictLabels(DataView x)
        {
            var schema = ModelSchema.For(model);
            var predicted = model.Predict(x);
            var labels = new string[predicted.Length];
            for (int i = 0; i < labels.Length; i++) labels[i] = schema is null ? ParamConverter.FormatPython(predicted[i]) : schema.Label(predicted[i]);
            return labels;
        }
    }

    extension(IClassifierModel model)
    {
        /// <summary>The classes as the target read them, in <see cref="IClassifierModel.Classes"/>' order (PredictProba's columns).</summary>
        public string[] ClassLabels => model.Classes.Select(c => model.Label(c)).ToArray();
    }
}
