using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Pipelines;

/// <summary>
/// A fitted <see cref="Pipeline"/>: the fitted transformers and the fitted final model. <see cref="Create"/> picks the
/// subclass whose interfaces match the final model (classifier, predictor or transformer), so callers can test
/// <c>model is IClassifierModel</c> exactly as for a bare model.
/// </summary>
public abstract class PipelineModel : IPersistableModel
{
    private protected PipelineModel(IReadOnlyList<string> stepNames, IReadOnlyList<IModel> stepModels)
    {
        if (stepNames.Count == 0 || stepNames.Count != stepModels.Count)
            throw new ArgumentException("A pipeline model needs one fitted model per step name and at least one step.");
        for (int i = 0; i < stepModels.Count - 1; i++)
            if (stepModels[i] is not ITransformerModel)
                throw new ArgumentException($"Pipeline step '{stepNames[i]}' ({stepModels[i].GetType().Name}) is not a transformer.");
        StepNames = stepNames.ToArray();
        StepModels = stepModels.ToArray();
    }

    public IReadOnlyList<string> StepNames { get; }
    public IReadOnlyList<IModel> StepModels { get; }
    public IModel FinalModel => StepModels[^1];
    public int FeatureCount => StepModels[0].FeatureCount;

    /// <summary>The fitted model of the named step.</summary>
    public IModel this[string name]
    {
        get
        {
            for (int i = 0; i < StepNames.Count; i++) if (StepNames[i] == name) return StepModels[i];
            throw new KeyNotFoundException($"Pipeline has no step '{name}'; valid step names: {string.Join(", ", StepNames)}.");
        }
    }

    public static PipelineModel Create(IReadOnlyList<string> stepNames, IReadOnlyList<IModel> stepModels) => stepModels.Count == 0
        ? throw new ArgumentException("A pipeline model needs at least one step.", nameof(stepModels))
        : stepModels[^1] switch
        {
            IClassifierModel and IDecisionFunction => new DecisionClassifierPipelineModel(stepNames, stepModels),
            IClassifierModel => new ClassifierPipelineModel(stepNames, stepModels),
            IPredictor => new PredictorPipelineModel(stepNames, stepModels),
            ITransformerModel => new TransformerPipelineModel(stepNames, stepModels),
            var final => throw new ArgumentException($"The final pipeline step model {final.GetType().Name} neither predicts nor transforms."),
        };

    /// <summary>Matches the input's columns to the pipeline's (<see cref="ModelSchema"/>) and runs every step but the last.</summary>
    protected DataView TransformThroughIntermediateSteps(DataView x)
    {
        DataView current = this.Align(x);
        for (int i = 0; i < StepModels.Count - 1; i++) current = ((ITransformerModel)StepModels[i]).Transform(current);
        return current;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(StepNames.Count);
        for (int i = 0; i < StepNames.Count; i++)
        {
            writer.Write(StepNames[i]);
            ModelPayload.Write(writer, StepModels[i] as IPersistableModel ?? throw new NotSupportedException(
                $"Pipeline step '{StepNames[i]}': model type {StepModels[i].GetType().Name} cannot be saved (it is not an IPersistableModel)."));
        }
    }

    private protected static TModel ReadPipeline<TModel>(BinaryReader reader, int version, string format) where TModel : PipelineModel
    {
        if (version != 1) throw new InvalidDataException($"Unsupported {format} format version {version}.");
        int count = reader.ReadInt32();
        if (count <= 0) throw new InvalidDataException($"A {format} payload needs at least one step; got {count}.");
        var names = new string[count];
        var models = new IModel[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = reader.ReadString();
            models[i] = ModelPayload.Read(reader);
        }
        return Create(names, models) as TModel
            ?? throw new InvalidDataException($"The final step of a {format} payload is a {models[^1].GetType().Name}, which does not fit that format.");
    }
}
