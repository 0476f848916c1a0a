using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Pipelines;

/// <summary>A fitted pipeline of transformers only: transform runs every step.</summary>
[ModelFormat("pipeline-transformer", 1)]
public sealed class TransformerPipelineModel : PipelineModel, ITransformerModel, IPersistableModel<TransformerPipelineModel>
{
    internal TransformerPipelineModel(IReadOnlyList<string> stepNames, IReadOnlyList<IModel> stepModels) : base(stepNames, stepModels)
    {
        if (FinalModel is not ITransformerModel)
            throw new ArgumentException($"The final pipeline step model {FinalModel.GetType().Name} does not transform.");
    }

    public Dataset Transform(DataView x) => ((ITransformerModel)FinalModel).Transform(TransformThroughIntermediateSteps(x));

    public static TransformerPipelineModel ReadPayload(BinaryReader reader, int version) =>
        ReadPipeline<TransformerPipelineModel>(reader, version, "pipeline-transformer");
}
