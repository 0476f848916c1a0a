using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Pipelines;

/// <summary>
/// Applies a transformer to each named group of columns and concatenates the results side by side (scikit-learn's
/// ColumnTransformer). Columns are selected by name: numeric feature names and/or text column names. Columns no
/// transformer selects are dropped or passed through (<c>remainder</c>). Output names are "name__feature" when
/// <c>verbose_feature_names_out</c> is true (the remainder uses "remainder").
/// </summary>
[RegisteredEstimator]
public sealed class ColumnTransformer : Estimator<ColumnTransformerModel>, IRandomized, IRandomizedComposite
{
    protected override bool NeedsFeatures => false;

    private const string TransformersParameter = "transformers";
    private const string RemainderParameter = "remainder";
    private const string VerboseNamesParameter = "verbose_feature_names_out";
    private static readonly string[] ParameterNames = [RemainderParameter, TransformersParameter, VerboseNamesParameter];

    private ColumnTransformerEntry[] _transformers = [];

    public ColumnTransformer() { }

    public ColumnTransformer(params ColumnTransformerEntry[] transformers) => _transformers = CheckEntries(transformers);

    public ColumnTransformer(params (string Name, IEstimator Estimator, string[] Columns)[] transformers)
        : this(transformers.Select(t => new ColumnTransformerEntry(t.Name, t.Estimator, t.Columns)).ToArray()) { }

    public IReadOnlyList<ColumnTransformerEntry> Transformers => _transformers;

    /// <summary>"drop" (default) or "passthrough" for the columns no transformer selects.</summary>
    public string Remainder
    {
        get;
        set => field = Check.OneOf(value, RemainderParameter, ColumnTransformerEntry.DropKeyword, ColumnTransformerEntry.PassthroughKeyword);
    } = ColumnTransformerEntry.DropKeyword;

    /// <summary>Prefix output names with the transformer name ("num__age").</summary>
    public bool VerboseFeatureNamesOut { get; set; } = true;

    /// <summary>The estimator of the named transformer.</summary>
    public IEstimator? this[string name] => Find(name);

    public int? RandomState
    {
        get => RandomStateForwarding.Get(_transformers.Select(t => t.Estimator));
        set => RandomStateForwarding.Set(_transformers.Select(t => t.Estimator), value);
    }

    bool IRandomizedComposite.HasRandomizedParts => _transformers.Any(t => RandomStateForwarding.IsRandomized(t.Estimator));

    public override IReadOnlyDictionary<string, object?> GetParams() => new SortedDictionary<string, object?>(StringComparer.Ordinal)
    {
        [RemainderParameter] = Remainder,
        [TransformersParameter] = _transformers
            .Select(t => (object?)new object?[] { t.Name, t.TransformerToRaw(), t.Columns.Cast<object?>().ToArray() }).ToArray(),
        [VerboseNamesParameter] = VerboseFeatureNamesOut,
    };

    public override void SetParam(string name, object? rawValue)
    {
        string key = ParamNames.Normalize(name);
        if (key == ParamNames.Normalize(TransformersParameter)) { _transformers = ParseEntries(rawValue); return; }
        if (key == ParamNames.Normalize(RemainderParameter))
        {
            Remainder = (string)ParamConverter.FromRaw(rawValue, typeof(string), RemainderParameter)!;
            return;
        }
        if (key == ParamNames.Normalize(VerboseNamesParameter))
        {
            VerboseFeatureNamesOut = (bool)ParamConverter.FromRaw(rawValue, typeof(bool), VerboseNamesParameter)!;
            return;
        }
        var names = _transformers.Select(t => t.Name).ToArray();
        if (name.Contains(NestedParams.Separator))
        {
            NestedParams.SetOnChild(TypeName, name, names, Find, rawValue);
            return;
        }
        int index = Array.FindIndex(_transformers, t => t.Name == name);
        if (index >= 0)
        {
            var (estimator, passthrough) = ColumnTransformerEntry.ParseTransformer(rawValue, name);
            _transformers[index] = _transformers[index] with { Estimator = estimator, Passthrough = passthrough };
            return;
        }
        throw new ParameterException(name, $"ColumnTransformer has no parameter '{name}'; valid parameters: {string.Join(", ", ParameterNames)}, " +
            $"a transformer name ({string.Join(", ", names)}) or <transformer>__<parameter>.");
    }

    public override IEstimator Clone() => new ColumnTransformer(_transformers.Select(t => t with { Estimator = t.Estimator?.Clone() }).ToArray())
    {
        Remainder = Remainder,
        VerboseFeatureNamesOut = VerboseFeatureNamesOut,
    };

    public override string ToString() =>
        $"ColumnTransformer(transformers=[{string.Join(", ", _transformers.Select(t => $"('{t.Name}', {t.Estimator?.ToString() ?? t.TransformerToRaw()}, [{string.Join(", ", t.Columns.Select(c => $"'{c}'"))}])"))}], " +
        $"remainder='{Remainder}', verbose_feature_names_out={(VerboseFeatureNamesOut ? "true" : "false")})";

    protected override void Validate(DataView data)
    {
        if (_transformers.Length == 0 && Remainder == ColumnTransformerEntry.DropKeyword)
            throw new ParameterException(TransformersParameter,
                "ColumnTransformer needs at least one transformer (a list of [name, estimator|'drop'|'passthrough', columns]) or remainder='passthrough'.");
        base.Validate(data);
    }

    protected override IModel FitCore(DataView data)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var parts = new List<ColumnTransformerModel.Part>();
        foreach (var entry in _transformers)
        {
            var (numeric, text) = ColumnSelection.Resolve(data.Source, entry.Columns, $"ColumnTransformer transformer '{entry.Name}'");
            used.UnionWith(entry.Columns);
            // scikit-learn skips transformers that select no columns.
            if (entry.IsDrop || numeric.Length + text.Length == 0) continue;
            ITransformerModel? model = null;
            if (entry.Estimator is not null)
            {
                var fitted = entry.Estimator.Fit(ColumnSelection.Select(data, numeric, text));
                model = fitted as ITransformerModel ?? throw new ArgumentException(
                    $"ColumnTransformer transformer '{entry.Name}' ({entry.Estimator.TypeName}) is not a transformer.");
            }
            parts.Add(new ColumnTransformerModel.Part(entry.Name, numeric, text, model));
        }
        if (Remainder == ColumnTransformerEntry.PassthroughKeyword)
        {
            var numeric = Enumerable.Range(0, data.FeatureCount).Where(j => !used.Contains(data.Source.FeatureNames[j])).ToArray();
            var text = data.Source.TextColumns.Keys.Where(c => !used.Contains(c)).ToArray();
            if (numeric.Length + text.Length > 0) parts.Add(new ColumnTransformerModel.Part("remainder", numeric, text, null));
        }
        return new ColumnTransformerModel(parts, data.Source.FeatureNames.ToArray(), VerboseFeatureNamesOut);
    }

    private IEstimator? Find(string name) => _transformers.FirstOrDefault(t => t.Name == name)?.Estimator;

    private static ColumnTransformerEntry[] CheckEntries(IReadOnlyList<ColumnTransformerEntry> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            NestedParams.ParseStepName(entry.Name, TransformersParameter, seen, ParameterNames);
            if (entry.Columns is null)
                throw new ParameterException(TransformersParameter, $"Parameter 'transformers': transformer '{entry.Name}' has no column list.");
        }
        return entries.ToArray();
    }

    private static ColumnTransformerEntry[] ParseEntries(object? raw)
    {
        const string expected = "a list of [name, estimator|'drop'|'passthrough', columns] triples";
        var items = NestedParams.ParseList(raw, TransformersParameter, expected);
        var entries = new ColumnTransformerEntry[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            var triple = NestedParams.ParseList(items[i], TransformersParameter, expected);
            if (triple.Count != 3) throw NestedParams.Wrong(TransformersParameter, items[i], expected);
            string name = triple[0] as string ?? throw NestedParams.Wrong(TransformersParameter, triple[0], "a transformer name (string)");
            var (estimator, passthrough) = ColumnTransformerEntry.ParseTransformer(triple[1], $"{TransformersParameter}[{name}]");
            var columns = triple[2] is string single ? [single]
                : NestedParams.ParseList(triple[2], TransformersParameter, "a list of column names")
                    .Select(c => c as string ?? throw NestedParams.Wrong(TransformersParameter, c, "a column name (string)")).ToArray();
            entries[i] = new ColumnTransformerEntry(name, estimator, columns, passthrough);
        }
        return CheckEntries(entries);
    }
}
