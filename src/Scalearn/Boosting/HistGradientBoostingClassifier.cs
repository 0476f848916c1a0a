using Scalearn.Boosting.Native;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;

namespace Scalearn.Boosting;

/// <summary>scikit-learn 1.2.1's HistGradientBoostingClassifier on LightGBM (see <see cref="HistGradientBoostingBase"/> for the differences).</summary>
[RegisteredEstimator]
public sealed class HistGradientBoostingClassifier : HistGradientBoostingBase, IClassifierEstimator
{
    /// <summary>Fits and returns the BoostingClassifierModel (no cast needed).</summary>
    public new BoostingClassifierModel Fit(DataView data) => (BoostingClassifierModel)base.Fit(data);

    public string Loss { get; set => field = Check.OneOf(value, "loss", "log_loss"); } = "log_loss";
    public ClassWeight ClassWeight { get; set; }

    private protected override bool IsClassifier => true;

    protected override IModel FitCore(DataView data)
    {
        var targets = BoostingTargets.Classification(data, ClassWeight, TypeName);
        int classes = targets.Classes!.Length;
        var parameters = new LightGbmParameters().Set("objective", BoostingLosses.Objective(BoostingLoss.LogLoss, classes), "loss");
        if (classes > 2) parameters.Set("num_class", classes);
        return new BoostingClassifierModel(targets.Classes, data.FeatureCount, Train(data, targets, BoostingLoss.LogLoss, 0, parameters));
    }

    private protected override IModel LiveModel(BoosterCore core, int features, BoostingTargets targets) =>
        new BoostingClassifierModel(targets.Classes!, features, new BoostedTrees(core, 0, [], [], ImportanceType.Split));
}
