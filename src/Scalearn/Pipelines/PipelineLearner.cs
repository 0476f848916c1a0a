using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Pipelines;

/// <summary>
/// Incremental fit of a <see cref="Pipeline"/> whose steps all learn incrementally: each chunk goes through every step in
/// turn, a step's partial_fit and then its transform with what it has learned so far (so the next step sees the chunk
/// as the updated transformer maps it), and the final step's partial_fit gets the classes.
/// </summary>
internal sealed class PipelineLearner : IIncrementalLearner
{
    private readonly string[] _names;
    private readonly IIncrementalLearner[] _steps;

    public PipelineLearner(IReadOnlyList<PipelineStep> steps)
    {
        _names = steps.Select(s => s.Name).ToArray();
        _steps = steps.Select(s => s.Estimator is IIncrementalEstimator incremental
            ? incremental.StartIncremental()
            : throw new ArgumentException($"Pipeline step '{s.Name}' ({s.Estimator.TypeName}) has no partial_fit, so the pipeline cannot learn " +
                "incrementally; every step must be incremental (SGDRegressor, SGDClassifier, GaussianNB, MiniBatchKMeans, StandardScaler, MinMaxScaler).")).ToArray();
    }

    public long RowsSeen => _steps[^1].RowsSeen;

    public void PartialFit(DataView chunk, IReadOnlyList<double>? classes = null)
    {
        DataView current = chunk;
        for (int i = 0; i < _steps.Length - 1; i++)
        {
            _steps[i].PartialFit(current);
            current = Transformer(i, _steps[i].Snapshot()).Transform(current);
        }
        _steps[^1].PartialFit(current, classes);
    }

    public IModel Snapshot()
    {
        var models = new IModel[_steps.Length];
        for (int i = 0; i < _steps.Length; i++) models[i] = _steps[i].Snapshot();
        for (int i = 0; i < _steps.Length - 1; i++) Transformer(i, models[i]);
        return PipelineModel.Create(_names, models);
    }

    private ITransformerModel Transformer(int step, IModel model) => model as ITransformerModel
        ?? throw new ArgumentException($"Pipeline step '{_names[step]}' ({model.GetType().Name}) is not a transformer; every step but the last must transform the data.");
}
