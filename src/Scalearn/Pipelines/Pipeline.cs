using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Pipelines;

/// <summary>
/// Named steps applied in order: every step but the last is a transformer, the last is any estimator
/// (scikit-learn's Pipeline). The only parameter is <c>steps</c>, a list of [name, estimator spec] pairs; step
/// parameters are reachable as <c>step__param</c> (e.g. <c>svc__C</c>) and a whole step as its name.
/// </summary>
[RegisteredEstimator]
public sealed class Pipeline : Estimator<PipelineModel>, IHasFinalEstimator, IRandomized, IRandomizedComposite, IIncrementalEstimator
{
    protected override bool NeedsFeatures => false;

    private const string StepsParameter = "steps";
    private PipelineStep[] _steps = [];

    public Pipeline() { }

    public Pipeline(params PipelineStep[] steps) => _steps = CheckSteps(steps);

    public Pipeline(params (string Name, IEstimator Estimator)[] steps)
        : this(steps.Select(s => new PipelineStep(s.Name, s.Estimator)).ToArray()) { }

    /// <summary>scikit-learn's make_pipeline: steps named by lowercase class name, repeated names suffixed -1, -2, ...</summary>
    public static Pipeline Make(params IEstimator[] steps)
    {
        var names = steps.Select(s => s.TypeName.ToLowerInvariant()).ToArray();
        var repeated = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var seen = new Dictionary<string, int>();
        var named = new PipelineStep[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            string name = names[i];
            if (repeated.Contains(name)) name = $"{name}-{(seen[name] = seen.GetValueOrDefault(name) + 1)}";
            named[i] = new PipelineStep(name, steps[i]);
        }
        return new Pipeline(named);
    }

    public IReadOnlyList<PipelineStep> Steps => _steps;

    /// <summary>The estimator of the named step (scikit-learn's named_steps).</summary>
    public IEstimator this[string name] => Find(name) ?? throw new KeyNotFoundException(
        $"Pipeline has no step '{name}'; valid step names: {string.Join(", ", _steps.Select(s => s.Name))}.");

    public IEstimator FinalEstimator => _steps.Length > 0 ? _steps[^1].Estimator : throw NoSteps();

    /// <summary>
    /// Null when any randomized step has a null random_state; setting it fills only those steps, so seeds the user
    /// chose for individual steps are kept.
    /// </summary>
    public int? RandomState
    {
        get => RandomStateForwarding.Get(_steps.Select(s => s.Estimator));
        set => RandomStateForwarding.Set(_steps.Select(s => s.Estimator), value);
    }

    bool IRandomizedComposite.HasRandomizedParts => _steps.Any(s => RandomStateForwarding.IsRandomized(s.Estimator));

    public override IReadOnlyDictionary<string, object?> GetParams() => new SortedDictionary<string, object?>(StringComparer.Ordinal)
    {
        [StepsParameter] = _steps.Select(s => (object?)new object?[] { s.Name, EstimatorSpec.Of(s.Estimator) }).ToArray(),
    };

    public override void SetParam(string name, object? rawValue)
    {
        if (ParamNames.Normalize(name) == StepsParameter) { _steps = ParseSteps(rawValue); return; }
        if (name.Contains(NestedParams.Separator))
        {
            NestedParams.SetOnChild(TypeName, name, _steps.Select(s => s.Name).ToArray(), Find, rawValue);
            return;
        }
        int index = Array.FindIndex(_steps, s => s.Name == name);
        if (index >= 0)
        {
            _steps[index] = new PipelineStep(name, NestedParams.ParseEstimator(rawValue, name));
            return;
        }
        throw new ParameterException(name,
            $"Pipeline has no parameter '{name}'; valid parameters: steps, a step name ({string.Join(", ", _steps.Select(s => s.Name))}) " +
            "or <step>__<parameter>.");
    }

    /// <summary>Whether every step (and every step of a nested pipeline) has partial_fit, so <see cref="StartIncremental"/> works.</summary>
    public bool LearnsIncrementally => _steps.Length > 0 && _steps.All(s => s.Estimator is Pipeline nested ? nested.LearnsIncrementally : s.Estimator is IIncrementalEstimator);

    /// <summary>partial_fit over the steps (each must be incremental): see <see cref="PipelineLearner"/>.</summary>
    public IIncrementalLearner StartIncremental() => _steps.Length == 0 ? throw NoSteps() : new PipelineLearner(_steps);

    public override IEstimator Clone() => new Pipeline(_steps.Select(s => new PipelineStep(s.Name, s.Estimator.Clone())).ToArray());

    public override string ToString() =>
        $"Pipeline(steps=[{string.Join(", ", _steps.Select(s => $"('{s.Name}', {s.Estimator})"))}])";

    protected override void Validate(DataView data)
    {
        if (_steps.Length == 0) throw NoSteps();
        base.Validate(data);
    }

    protected override IModel FitCore(DataView data)
    {
        var models = new IModel[_steps.Length];
        DataView current = data;
        for (int i = 0; i < _steps.Length - 1; i++)
        {
            var model = _steps[i].Estimator.Fit(current);
            if (model is not ITransformerModel transformer)
                throw new ArgumentException($"Pipeline step '{_steps[i].Name}' ({_steps[i].Estimator.TypeName}) is not a transformer; " +
                    "every step but the last must transform the data.");
            models[i] = model;
            current = transformer.Transform(current);
        }
        models[^1] = _steps[^1].Estimator.Fit(current);
        return PipelineModel.Create(_steps.Select(s => s.Name).ToArray(), models);
    }

    private static ParameterException NoSteps() =>
        new(StepsParameter, "Pipeline needs at least one step; set 'steps' to a list of [name, estimator] pairs.");

    private IEstimator? Find(string name) => _steps.FirstOrDefault(s => s.Name == name).Estimator;

    private static PipelineStep[] CheckSteps(IReadOnlyList<PipelineStep> steps)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            NestedParams.ParseStepName(step.Name, StepsParameter, seen, [StepsParameter]);
            if (step.Estimator is null) throw new ParameterException(StepsParameter, $"Parameter 'steps': step '{step.Name}' has no estimator.");
        }
        return steps.ToArray();
    }

    private static PipelineStep[] ParseSteps(object? raw)
    {
        const string expected = "a list of [name, estimator] pairs";
        var items = NestedParams.ParseList(raw, StepsParameter, expected);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var steps = new PipelineStep[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            var pair = NestedParams.ParseList(items[i], StepsParameter, expected);
            if (pair.Count != 2) throw NestedParams.Wrong(StepsParameter, items[i], expected);
            string name = NestedParams.ParseStepName(pair[0], StepsParameter, seen, [StepsParameter]);
            steps[i] = new PipelineStep(name, NestedParams.ParseEstimator(pair[1], $"{StepsParameter}[{name}]"));
        }
        return steps;
    }
}
