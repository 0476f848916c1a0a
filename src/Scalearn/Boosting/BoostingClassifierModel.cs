using Scalearn.Boosting.Native;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Boosting;

/// <summary>
/// A fitted LightGBM classifier (from <see cref="LGBMClassifier"/> or <see cref="HistGradientBoostingClassifier"/>):
/// one tree per iteration for two classes (sigmoid), one per class and iteration otherwise (softmax, or one sigmoid per
/// class for multiclassova).
/// </summary>
[ModelFormat("lightgbm-classifier", 1)]
public sealed class BoostingClassifierModel : ClassifierModel, IDecisionFunction, IPersistableModel<BoostingClassifierModel>
{
    private readonly BoostedTrees _trees;

    internal BoostingClassifierModel(double[] classes, int featureCount, BoostedTrees trees) : base(classes, featureCount) => _trees = trees;

    /// <summary>Boosting iterations run (scikit-learn's and lightgbm's n_iter_).</summary>
    public int NIter => _trees.NIter;

    /// <summary>Per feature: split counts or total gains, as the estimator's importance_type says (split for HistGradientBoosting).</summary>
    public double[] FeatureImportances => _trees.FeatureImportances;

    public double[] SplitImportances => (double[])_trees.Core.SplitImportances.Clone();
    public double[] GainImportances => (double[])_trees.Core.GainImportances.Clone();

    /// <summary>Early-stopping scores on the training data (scikit-learn's train_score_; empty without early stopping).</summary>
    public double[] TrainScore => (double[])_trees.TrainScore.Clone();

    /// <summary>Early-stopping scores on the validation data (empty without early stopping or validation data).</summary>
    public double[] ValidationScore => (double[])_trees.ValidationScore.Clone();

    /// <summary>LightGBM's own model text (readable by any LightGBM 4 binding).</summary>
    public string ModelText => _trees.Core.ModelText ?? "";

    private int Outputs => Classes.Length == 2 ? 1 : Classes.Length;

    protected override Matrix PredictProbaCore(DataView x)
    {
        var raw = _trees.Core.Predict(x, LightGbmApi.PredictNormal, Outputs);
        if (Outputs > 1) return new Matrix(raw, x.Count, Classes.Length);
        var result = new Matrix(x.Count, 2);
        for (int i = 0; i < raw.Length; i++)
        {
            result[i, 0] = 1 - raw[i];
            result[i, 1] = raw[i];
        }
        return result;
    }

    public Matrix DecisionFunction(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(BoostingClassifierModel));
        return new Matrix(_trees.Core.Predict(x, LightGbmApi.PredictRawScore, Outputs), x.Count, Outputs);
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        writer.Write(Classes.Length);
        foreach (var c in Classes) writer.Write(c);
        _trees.Write(writer);
    }

    public static BoostingClassifierModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported lightgbm-classifier version {version}.");
        int features = reader.ReadInt32();
        int count = reader.ReadInt32();
        if (count < 2 || features < 0) throw new InvalidDataException($"corrupt lightgbm-classifier: {count} classes, {features} features");
        var classes = new double[count];
        for (int i = 0; i < count; i++) classes[i] = reader.ReadDouble();
        return new BoostingClassifierModel(classes, features, BoostedTrees.Read(reader, features, count == 2 ? 1 : count));
    }
}
