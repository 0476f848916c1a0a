using Scalearn.Boosting.Native;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Boosting;

/// <summary>A fitted LightGBM regressor (from <see cref="LGBMRegressor"/> or <see cref="HistGradientBoostingRegressor"/>).</summary>
[ModelFormat("lightgbm-regressor", 1)]
public sealed class BoostingRegressorModel : RegressorModel, IPersistableModel<BoostingRegressorModel>
{
    private readonly BoostedTrees _trees;

    internal BoostingRegressorModel(int featureCount, BoostedTrees trees) : base(featureCount) => _trees = trees;

    /// <summary>Boosting iterations run (scikit-learn's and lightgbm's n_iter_).</summary>
    public int NIter => _trees.NIter;

    /// <inheritdoc cref="BoostingClassifierModel.FeatureImportances"/>
    public double[] FeatureImportances => _trees.FeatureImportances;

    public double[] SplitImportances => (double[])_trees.Core.SplitImportances.Clone();
    public double[] GainImportances => (double[])_trees.Core.GainImportances.Clone();
    public double[] TrainScore => (double[])_trees.TrainScore.Clone();
    public double[] ValidationScore => (double[])_trees.ValidationScore.Clone();
    public string ModelText => _trees.Core.ModelText ?? "";

    protected override double[] PredictCore(DataView x) => _trees.Core.Predict(x, LightGbmApi.PredictNormal, 1);

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        _trees.Write(writer);
    }

    public static BoostingRegressorModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported lightgbm-regressor version {version}.");
        int features = reader.ReadInt32();
        if (features < 0) throw new InvalidDataException($"corrupt lightgbm-regressor: {features} features");
        return new BoostingRegressorModel(features, BoostedTrees.Read(reader, features, 1));
    }
}
