using System.Globalization;
using System.Reflection;

namespace Scalearn.Estimators;

/// <summary>Converts raw parameter values (from JSON grids, the CLI or messages) to property types and back.</summary>
public static class ParamConverter
{
    /// <summary>Canonical raw form: integers as long, enums as snake_case strings, custom types through <see cref="IParamValue"/>.</summary>
    public static object? ToRaw(object? value) => value switch
    {
        null => null,
        int i => (long)i,
        long l => l,
        float f => (double)f,
        double d => d,
        bool b => b,
        string s => s,
        Enum e => ParamNames.ToSnakeCase(e.ToString()),
        IParamValue p => p.ToRaw(),
        IEstimator est => EstimatorSpec.Of(est),
        EstimatorSpec spec => spec,
        IReadOnlyDictionary<string, object?> map => map,
        System.Collections.IEnumerable list => list.Cast<object?>().Select(ToRaw).ToArray(),
        _ => throw new ArgumentException($"Values of type {value.GetType().Name} cannot be parameter values."),
    };

    public static object? FromRaw(object? raw, Type target, string parameter)
    {
        var underlying = Nullable.GetUnderlyingType(target);
        bool nullable = underlying is not null || !target.IsValueType;
        var type = underlying ?? target;
        if (raw is null)
        {
            if (typeof(IParamValue).IsAssignableFrom(type)) return ParseCustom(null, type, parameter);
            if (nullable) return null;
            throw new ParameterException(parameter, $"Parameter '{parameter}' cannot be null; expected {Describe(type)}.");
        }
        if (raw is System.Text.Json.JsonElement json) raw = RawJson.ToRaw(json);
        if (raw is null) return FromRaw(null, target, parameter);

        try
        {
            if (typeof(IParamValue).IsAssignableFrom(type)) return ParseCustom(raw, type, parameter);
            if (type == typeof(int)) return checked((int)ToInteger(raw, parameter));
            if (type == typeof(long)) return ToInteger(raw, parameter);
            if (type == typeof(double)) return ToDouble(raw, parameter);
            if (type == typeof(bool)) return ToBool(raw, parameter);
            if (type == typeof(string)) return raw as string ?? throw Wrong(parameter, raw, "a string");
            if (type.IsEnum) return ToEnum(raw, type, parameter);
            if (typeof(IEstimator).IsAssignableFrom(type))
                return raw switch
                {
                    IEstimator e => e,
                    EstimatorSpec spec => EstimatorRegistry.Create(spec),
                    string name => EstimatorRegistry.Create(name),
                    _ => throw Wrong(parameter, raw, "an estimator"),
                };
            if (type.IsInstanceOfType(raw)) return raw;
        }
        catch (OverflowException)
        {
            throw new ParameterException(parameter, $"Parameter '{parameter}' is out of range: {Format(raw)}.");
        }
        throw Wrong(parameter, raw, Describe(type));
    }

    public static string Format(object? raw) => raw switch
    {
        null => "null",
        string s => $"'{s}'",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => raw.ToString() ?? "",
    };

    /// <summary>A raw value as Python prints it (None, True, 'text', 0.1): how scikit-learn users read best_params_.</summary>
    public static string FormatPython(object? raw) => raw switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
        double d when double.IsNaN(d) => "nan",
        double d when double.IsInfinity(d) => d > 0 ? "inf" : "-inf",
        double d => d == Math.Floor(d) && Math.Abs(d) < 1e16 ? d.ToString("F1", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(", ", map.Select(kv => $"'{kv.Key}': {FormatPython(kv.Value)}")) + "}",
        System.Collections.IEnumerable list and not string => "[" + string.Join(", ", list.Cast<object?>().Select(FormatPython)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => raw.ToString() ?? "",
    };

    public static ParameterException Wrong(string parameter, object? raw, string expected) =>
        new(parameter, $"Parameter '{parameter}' must be {expected}; got {Format(raw)}.");

    private static object ParseCustom(object? raw, Type type, string parameter)
    {
        var method = typeof(ParamConverter).GetMethod(nameof(ParseCustomGeneric), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type);
        try { return method.Invoke(null, [raw, parameter])!; }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static object ParseCustomGeneric<T>(object? raw, string parameter) where T : IParamValue<T> => T.FromRaw(raw, parameter)!;

    public static long ToInteger(object raw, string parameter) => raw switch
    {
        int i => i,
        long l => l,
        double d when d == Math.Floor(d) && !double.IsInfinity(d) => checked((long)d),
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw Wrong(parameter, raw, "an integer"),
    };

    public static double ToDouble(object raw, string parameter) => raw switch
    {
        int i => i,
        long l => l,
        double d => d,
        float f => f,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw Wrong(parameter, raw, "a number"),
    };

    private static bool ToBool(object raw, string parameter) => raw switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var v) => v,
        _ => throw Wrong(parameter, raw, "true or false"),
    };

    private static object ToEnum(object raw, Type type, string parameter)
    {
        if (raw is string s)
        {
            string key = ParamNames.Normalize(s);
            foreach (var name in Enum.GetNames(type))
                if (ParamNames.Normalize(name) == key) return Enum.Parse(type, name);
        }
        throw Wrong(parameter, raw, Describe(type));
    }

    private static string Describe(Type type)
    {
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => $"'{ParamNames.ToSnakeCase(n)}'"));
        if (type == typeof(int) || type == typeof(long)) return "an integer";
        if (type == typeof(double)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a string";
        return type.Name;
    }
}
