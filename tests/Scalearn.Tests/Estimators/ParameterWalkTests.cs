using System.Reflection;
using System.Text.Json;
using Scalearn.Estimators;

namespace Scalearn.Tests.ParameterWalk;

/// <summary>
/// Every parameter of scikit-learn 1.2.1's signature of every registered estimator (Fixtures/Signatures, from
/// generate.py) is either implemented (scikit-learn's default is accepted and get_params lists the parameter) or
/// declared with [UnsupportedParam]: its default is accepted as a no-op and any other value is refused saying it is not
/// supported yet.
/// </summary>
public class ParameterWalkTests
{
    private static readonly JsonElement Signatures = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Signatures", "sklearn_signatures.json"))).RootElement;

    /// <summary>
    /// Parameters that cannot pass the walk without changes outside the linear models' code (left to their owners).
    /// Each must still be a gap: when one is closed, the test says to remove it from this list.
    /// </summary>
    private static readonly Dictionary<string, string> KnownGaps = new()
    {
        ["Pipeline.memory"] = "Pipeline overrides SetParam and does not consult [UnsupportedParam]",
        ["Pipeline.verbose"] = "Pipeline overrides SetParam and does not consult [UnsupportedParam]",
        ["ColumnTransformer.verbose"] = "ColumnTransformer overrides SetParam and does not consult [UnsupportedParam]",
        ["ColumnTransformer.n_jobs"] = "ColumnTransformer overrides SetParam and does not consult [UnsupportedParam]",
        ["ColumnTransformer.transformer_weights"] = "ColumnTransformer overrides SetParam and does not consult [UnsupportedParam]",
        ["ColumnTransformer.sparse_threshold"] = "ColumnTransformer overrides SetParam and does not consult [UnsupportedParam]",
        ["KMeans.n_init"] = "scikit-learn 1.2's default 'warn' (10 runs and a FutureWarning) is refused: n_init takes integers",
        ["MiniBatchKMeans.n_init"] = "scikit-learn 1.2's default 'warn' (3 runs and a FutureWarning) is refused: n_init takes integers",
        ["OneHotEncoder.sparse_output"] = "only dense output exists, so scikit-learn's default true is refused",
    };

    public static TheoryData<string, string> Parameters()
    {
        var data = new TheoryData<string, string>();
        foreach (var estimator in Signatures.GetProperty("estimators").EnumerateObject())
            foreach (var parameter in estimator.Value.GetProperty("parameters").EnumerateArray())
                data.Add(estimator.Name, parameter.GetProperty("name").GetString()!);
        return data;
    }

    [Fact]
    public void TheFixtureCoversExactlyTheRegisteredEstimators()
    {
        var covered = Signatures.GetProperty("estimators").EnumerateObject().Select(e => e.Name)
            .Concat(Signatures.GetProperty("no_sklearn_peer").EnumerateArray().Select(e => e.GetString()!))
            .Order(StringComparer.Ordinal);
        // Other tests register their own estimators in the same process; the walk covers the library's.
        var library = EstimatorRegistry.Names.Where(n => EstimatorRegistry.TryGetType(n, out var t) && t.Assembly == typeof(EstimatorRegistry).Assembly);
        Assert.Equal(library, covered);
        Assert.Equal("1.2.1", Signatures.GetProperty("sklearn_version").GetString());
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void EveryScikitLearnParameterIsAcceptedOrRefusedAsNotSupportedYet(string estimatorName, string parameter)
    {
        var signature = Signatures.GetProperty("estimators").GetProperty(estimatorName).GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == parameter);
        var estimator = EstimatorRegistry.Create(estimatorName);
        if (KnownGaps.TryGetValue($"{estimatorName}.{parameter}", out string? gap))
        {
            object? value = signature.TryGetProperty("default", out var d) ? Raw(d) : null;
            try { estimator.SetParam(parameter, value); }
            catch (ParameterException) { return; }
            Assert.Fail($"{estimatorName}.{parameter} is no longer a gap ({gap}): remove it from KnownGaps.");
        }
        var unsupported = estimator.GetType().GetCustomAttributes<UnsupportedParamAttribute>(true)
            .SingleOrDefault(a => ParamNames.Normalize(a.Name) == ParamNames.Normalize(parameter));
        bool listed = estimator.GetParams().Keys.Any(k => ParamNames.Normalize(k) == ParamNames.Normalize(parameter));

        if (!signature.TryGetProperty("default", out var defaultJson))
        {
            Assert.True(listed, $"{estimatorName} lacks the required scikit-learn parameter '{parameter}'.");
            return;
        }
        object? sklearnDefault = Raw(defaultJson);
        Assert.True(listed ^ (unsupported is not null),
            $"{estimatorName}.{parameter} must be either a parameter (get_params lists it) or an [UnsupportedParam], not {(listed ? "both" : "neither")}.");
        estimator.SetParam(parameter, sklearnDefault);
        if (listed)
        {
            // Spelled exactly as scikit-learn does (SVC's and LogisticRegression's C, not c): cv_results' param columns use it.
            Assert.Contains(parameter, estimator.GetParams().Keys);
            return;
        }
        Assert.Equal(Normalized(sklearnDefault), Normalized(ParamConverter.ToRaw(unsupported!.Default)));
        Assert.False(string.IsNullOrWhiteSpace(unsupported.Reason));
        var error = Assert.Throws<ParameterException>(() => estimator.SetParam(parameter, OtherThan(sklearnDefault)));
        Assert.Contains("not supported yet", error.Message);
        Assert.Contains(parameter, error.Message);
    }

    /// <summary>The fixture's JSON as a raw parameter value; NaN and Python classes are tagged objects there.</summary>
    private static object? Raw(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("float", out var f))
            return double.Parse(f.GetString()!.Replace("nan", "NaN").Replace("inf", "Infinity"), System.Globalization.CultureInfo.InvariantCulture);
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var type))
            return type.GetString()!.Split('.')[^1];
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("repr", out var repr)) return repr.GetString();
        return RawJson.ToRaw(e);
    }

    private static string Normalized(object? raw) => raw switch
    {
        null => "null",
        double d when double.IsNaN(d) => "nan",
        long or int or double => Convert.ToDouble(raw, System.Globalization.CultureInfo.InvariantCulture).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        object?[] list => "[" + string.Join(",", list.Select(Normalized)) + "]",
        _ => ParamConverter.Format(raw),
    };

    private static object? OtherThan(object? value) => value switch
    {
        null => 3L,
        bool b => !b,
        long l => l + 7,
        double d when double.IsNaN(d) => 0.0,
        double d => d + 0.5,
        string s => s + "_other",
        object?[] list => list.Append(1L).ToArray(),
        _ => "other",
    };
}
