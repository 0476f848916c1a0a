using Scalearn.Data;

namespace Scalearn.Estimators;

/// <summary>
/// An unfitted learner: a registered type name plus named hyperparameters. <see cref="Fit"/> never mutates the
/// estimator; it returns a separate immutable <see cref="IModel"/> that is safe to share across threads.
/// </summary>
public interface IEstimator
{
    /// <summary>The registry name (the class name, e.g. RandomForestClassifier).</summary>
    string TypeName { get; }

    /// <summary>Parameters in scikit-learn spelling with raw values (see <see cref="ParamConverter.ToRaw"/>), sorted by name.</summary>
    IReadOnlyDictionary<string, object?> GetParams();

    /// <summary>Sets a parameter by name (PascalCase, snake_case or nested step__name), validating the value.</summary>
    void SetParam(string name, object? rawValue);

    /// <summary>A new unfitted estimator with the same parameters.</summary>
    IEstimator Clone();

    IModel Fit(DataView data);
}

/// <summary>Estimators whose fit draws random numbers. A search sets <see cref="RandomState"/> when the user left it null.</summary>
public interface IRandomized
{
    int? RandomState { get; set; }
}
