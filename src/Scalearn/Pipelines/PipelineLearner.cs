using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Pipelines;

/// <summary>
/// A pipeline learning chunk by chunk (<see cref="Pipeline.StartIncremental"/>): each chunk is learned by the first step,
/// transformed by that step's model as it stands after the chunk, learned by the next step, and so on to the final
/// step. So a scaler's statistics keep improving while the model after it learns (dask-ml's Incremental over a
/// pipeline does the same); once the stream ends, <see cref="Snapshot"/> is the pipeline of every step's last state.
/// </summary>
public sealed class PipelineLearner : IIncrementalLearner
{
    private readonly string[] _names;
    private readonly IIncrementalLearner[] _learners;
    private readonly IModel?[] _transformers;

    internal PipelineLearner(IReadOnlyList<PipelineStep> steps)
    {
        _names = steps.Select(s => s.Name).ToArray();
        _learners = steps.Select(s => s.Estimator is IIncrementalEstimator incremental ? incremental.StartIncremental()
            : throw new ArgumentException($"Pipeline step '{s.Name}' ({s.Estimator.TypeName}) has no partial_fit, so the pipeline cannot learn " +
                "chunk by chunk; every step must be incremental (StandardScaler, MinMaxScaler, SGDClassifier, SGDRegressor, GaussianNB, MiniBatchKMeans, ...).")).ToArray();
        _transformers = new IModel?[_learners.Length - 1];
    }

    public long RowsSeen => _learners[^1].RowsSeen;

    public void PartialFit(DataView chunk, IReadOnlyList<double>? classes = null)
    {
        DataView current = chunk;
        for (int i = 0; i < _learners.Length - 1; i++)
        {
            _learners[i].PartialFit(current);
            var model = _learners[i].Snapshot();
            if (model is not ITransformerModel transformer)
                throw new ArgumentException($"Pipeline step '{_names[i]}' ({model.GetType().Name}) is not a transformer; every step but the last must transform the data.");
            _transformers[i] = model;
            current = transformer.Transform(current);
        }
        _learners[^1].PartialFit(current, classes);
    }

    public IModel Snapshot()
    {
        if (_learners[^1].RowsSeen == 0) throw new InvalidOperationException("The pipeline has not seen any data yet.");
        var models = new IModel[_learners.Length];
        for (int i = 0; i < _transformers.Length; i++) models[i] = _transformers[i]!;
        models[^1] = _learners[^1].Snapshot();
        return PipelineModel.Create(_names, models);
    }
}
