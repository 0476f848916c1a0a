namespace Scalearn.Estimators;

/// <summary>
/// Base of the library's fitted models: holds the <see cref="ModelSchema"/> of the data the model was fitted on, which
/// <see cref="Estimator.Fit"/> (or a model file) records once, before anyone else sees the model. Every prediction then
/// matches its input's columns to it by name.
/// </summary>
public abstract class Model
{
    private ModelSchema? _schema;

    /// <summary>The columns and labels the model was fitted on; null until recorded (or when fitted outside an estimator).</summary>
    public ModelSchema? Schema => _schema;

    /// <summary>Records the schema once; recording another one later is an error (a model never changes).</summary>
    internal bool Record(ModelSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var previous = Interlocked.CompareExchange(ref _schema, schema, null);
        if (previous is null || previous.Equals(schema)) return true;
        throw new InvalidOperationException($"{GetType().Name} already records the columns it was fitted on ({previous}); it cannot take {schema}.");
    }
}
