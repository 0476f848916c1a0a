using System.Collections.Concurrent;
using System.Reflection;
using Scalearn.Data;

namespace Scalearn.Estimators;

/// <summary>
/// Base for estimators: every public read/write property is a hyperparameter (scikit-learn's get_params/set_params
/// contract). Property setters validate their value and throw <see cref="ParameterException"/>; cross-parameter
/// checks belong in <see cref="Validate"/>, which runs before every fit.
/// </summary>
public abstract class Estimator : IEstimator
{
    private static readonly ConcurrentDictionary<Type, ParamProperty[]> PropertyCache = new();
    private static readonly ConcurrentDictionary<Type, UnsupportedParamAttribute[]> UnsupportedCache = new();

    public string TypeName => GetType().Name;

    public virtual IReadOnlyDictionary<string, object?> GetParams()
    {
        var result = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in Properties(GetType())) result[p.SnakeName] = ParamConverter.ToRaw(p.Info.GetValue(this));
        return result;
    }

    public virtual void SetParam(string name, object? rawValue)
    {
        if (Unsupported(name) is { } unsupported)
        {
            if (SameRaw(ParamConverter.ToRaw(rawValue), ParamConverter.ToRaw(unsupported.Default))) return;
            throw new ParameterException(unsupported.Name,
                $"{TypeName} parameter '{unsupported.Name}' is not supported yet: {unsupported.Reason} (only its scikit-learn default {ParamConverter.Format(unsupported.Default)} is accepted).");
        }
        var property = FindProperty(name);
        object? value = ParamConverter.FromRaw(rawValue, property.Info.PropertyType, property.SnakeName);
        try { property.Info.SetValue(this, value); }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
        }
    }

    public void SetParams(IEnumerable<KeyValuePair<string, object?>> values)
    {
        foreach (var (name, value) in values) SetParam(name, value);
    }

    public virtual IEstimator Clone()
    {
        var clone = (Estimator)Activator.CreateInstance(GetType())!;
        clone.SetParams(GetParams());
        return clone;
    }

    public IModel Fit(DataView data)
    {
        if (this is IRegressorEstimator && data.Source.ClassNames is { } labels) throw TextTarget(data.Source, labels);
        Validate(data);
        var model = FitCore(data);
        ModelSchema.Record(model, ModelSchema.Of(data));
        return model;
    }

    protected abstract IModel FitCore(DataView data);

    /// <summary>A regressor given class labels (a target column with text in it) fails rather than regress on the labels' codes.</summary>
    private ArgumentException TextTarget(Dataset data, IReadOnlyList<string> labels)
    {
        string text = labels.FirstOrDefault(l => !double.TryParse(l, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) ?? labels[0];
        return new ArgumentException($"{TypeName} is a regressor and needs a numeric target, but the target column '{data.TargetName ?? "target"}' " +
            $"holds text ('{text}' is not a number): fix that value, or use a classifier for class labels.");
    }

    /// <summary>Checks that need the data or several parameters at once. Throw <see cref="ParameterException"/> or <see cref="ArgumentException"/>.</summary>
    protected virtual void Validate(DataView data)
    {
        if (data.Count == 0) throw new ArgumentException($"{TypeName} cannot be fitted on an empty dataset.");
        if (NeedsFeatures) ModelChecks.HasFeatures(data, TypeName);
    }

    /// <summary>
    /// Whether fitting needs at least one feature column, as scikit-learn's check_array asks; false for an estimator that
    /// never looks at X (the dummies, LabelEncoder) and for composites, whose steps decide.
    /// </summary>
    protected virtual bool NeedsFeatures => true;

    public override string ToString() =>
        $"{TypeName}({string.Join(", ", GetParams().Select(kv => $"{kv.Key}={ParamConverter.Format(kv.Value)}"))})";

    private static bool SameRaw(object? a, object? b) => a is IConvertible and not (string or bool) && b is IConvertible and not (string or bool)
        ? Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture)
        : Equals(a, b);

    private UnsupportedParamAttribute? Unsupported(string name)
    {
        string key = ParamNames.Normalize(name);
        foreach (var attribute in UnsupportedCache.GetOrAdd(GetType(), t => t.GetCustomAttributes(typeof(UnsupportedParamAttribute), true).Cast<UnsupportedParamAttribute>().ToArray()))
            if (ParamNames.Normalize(attribute.Name) == key) return attribute;
        return null;
    }

    private ParamProperty FindProperty(string name)
    {
        string key = ParamNames.Normalize(name);
        foreach (var p in Properties(GetType()))
            if (p.Key == key) return p;
        throw new ParameterException(name,
            $"{TypeName} has no parameter '{name}'; valid parameters: {string.Join(", ", Properties(GetType()).Select(p => p.SnakeName))}.");
    }

    private static ParamProperty[] Properties(Type type) => PropertyCache.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetSetMethod() is not null && p.GetIndexParameters().Length == 0)
            .Select(p => new ParamProperty(p, p.GetCustomAttribute<ParamNameAttribute>()?.Name ?? ParamNames.ToSnakeCase(p.Name), ParamNames.Normalize(p.Name)))
            .OrderBy(p => p.SnakeName, StringComparer.Ordinal)
            .ToArray());

    private sealed record ParamProperty(PropertyInfo Info, string SnakeName, string Key);
}

/// <summary>
/// An estimator whose <see cref="Fit"/> returns its own model type, so <c>new SVC().Fit(data)</c> is an
/// <see cref="Svm.SvcModel"/> without a cast; through <see cref="IEstimator"/> it is an <see cref="IModel"/> as before.
/// </summary>
public abstract class Estimator<TModel> : Estimator where TModel : IModel
{
    public new TModel Fit(DataView data) => (TModel)base.Fit(data);
}
