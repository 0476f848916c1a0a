using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Pipelines;

/// <summary>A fitted pipeline ending in a classifier with a decision function (SVC, linear models).</summary>
[ModelFormat("pipeline-decision-classifier", 1)]
public sealed class DecisionClassifierPipelineModel : ClassifierPipelineModel, IDecisionFunction, IPersistableModel<DecisionClassifierPipelineModel>
{
    internal DecisionClassifierPipelineModel(IReadOnlyList<string> stepNames, IReadOnlyList<IModel> stepModels) : base(stepNames, stepModels)
    {
        if (FinalModel is not IDecisionFunction)
            throw new ArgumentException($"The final pipeline step model {FinalModel.GetType().Name} has no decision function.");
    }

    public Matrix DecisionFunction(DataView x) => ((IDecisionFunction)FinalModel).DecisionFunction(TransformThroughIntermediateSteps(x));

    public static new DecisionClassifierPipelineModel ReadPayload(BinaryReader reader, int version) =>
        ReadPipeline<DecisionClassifierPipelineModel>(reader, version, "pipeline-decision-classifier");
}
