using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;

namespace Scalearn.Boosting;

/// <summary>
/// lightgbm.LGBMClassifier (4.7): 'binary' for two classes, 'multiclass' (softmax) for more, or 'multiclassova'.
/// class_weight becomes per-row weights, as lightgbm does.
/// </summary>
[RegisteredEstimator]
public sealed class LGBMClassifier : LGBMModelBase, IClassifierEstimator
{
    /// <summary>Fits and returns the BoostingClassifierModel (no cast needed).</summary>
    public new BoostingClassifierModel Fit(DataView data) => (BoostingClassifierModel)base.Fit(data);

    public ClassWeight ClassWeight { get; set; }

    protected override string[] AllowedObjectives => ["binary", "multiclass", "multiclassova"];

    protected override IModel FitCore(DataView data)
    {
        var targets = BoostingTargets.Classification(data, ClassWeight, TypeName);
        int classes = targets.Classes!.Length;
        var parameters = Parameters(ObjectiveFor(classes));
        if (classes > 2) parameters.Set("num_class", classes);
        var trees = Train(data, targets, parameters, classes > 2 ? classes : 1);
        return new BoostingClassifierModel(targets.Classes, data.FeatureCount, trees);
    }

    internal string ObjectiveFor(int classes)
    {
        string objective = Objective ?? (classes > 2 ? "multiclass" : "binary");
        if ((objective == "binary") != (classes == 2))
            throw new ParameterException("objective",
                $"Parameter 'objective' = '{objective}' does not fit a target with {classes} classes: use 'binary' for two classes, 'multiclass' or 'multiclassova' for more.");
        return objective;
    }
}
