using System.Globalization;
using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Dummy;

/// <summary>Predicts from the training class distribution only (scikit-learn's DummyClassifier).</summary>
[RegisteredEstimator]
public sealed class DummyClassifier : Estimator<DummyClassifierModel>, IClassifierEstimator, IRandomized
{
    protected override bool NeedsFeatures => false;

    public DummyClassifierStrategy Strategy { get; set; } = DummyClassifierStrategy.Prior;

    /// <summary>The label predicted by strategy 'constant'; it must occur in the training targets.</summary>
    public double? Constant { get; set; }

    public int? RandomState { get; set; }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        if (Strategy == DummyClassifierStrategy.Constant && Constant is null)
            throw new ParameterException("constant", "Constant target value has to be specified when the constant strategy is used.");
    }

    protected override IModel FitCore(DataView data)
    {
        var y = data.Targets();
        var counts = new SortedDictionary<double, int>();
        foreach (var label in y) counts[label] = counts.GetValueOrDefault(label) + 1;
        var classes = counts.Keys.ToArray();
        var priors = counts.Values.Select(c => (double)c / y.Length).ToArray();
        int constantIndex = -1;
        if (Strategy == DummyClassifierStrategy.Constant)
        {
            constantIndex = Array.IndexOf(classes, Constant!.Value);
            if (constantIndex < 0)
                throw new ParameterException("constant",
                    $"The constant target value must be present in the training data. You provided constant={Constant.Value.ToString(CultureInfo.InvariantCulture)}. " +
                    $"Possible values are: {string.Join(", ", classes.Select(c => c.ToString(CultureInfo.InvariantCulture)))}.");
        }
        return new DummyClassifierModel(classes, data.FeatureCount, Strategy, priors, constantIndex, RandomState);
    }
}
