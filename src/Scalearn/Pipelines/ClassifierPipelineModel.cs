using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Pipelines;

/// <summary>A fitted pipeline ending in a classifier: classes and predict_proba forward to the final model.</summary>
[ModelFormat("pipeline-classifier", 1)]
public class ClassifierPipelineModel : PredictorPipelineModel, IClassifierModel, IPersistableModel<ClassifierPipelineModel>
{
    internal ClassifierPipelineModel(IReadOnlyList<string> stepNames, IReadOnlyList<IModel> stepModels) : base(stepNames, stepModels)
    {
        if (FinalModel is not IClassifierModel)
            throw new ArgumentException($"The final pipeline step model {FinalModel.GetType().Name} is not a classifier.");
    }

    public double[] Classes => ((IClassifierModel)FinalModel).Classes;

    public Matrix PredictProba(DataView x) => ((IClassifierModel)FinalModel).PredictProba(TransformThroughIntermediateSteps(x));

    public string? ProbabilityUnavailable => ((IClassifierModel)FinalModel).ProbabilityUnavailable;

    public static new ClassifierPipelineModel ReadPayload(BinaryReader reader, int version) =>
        ReadPipeline<ClassifierPipelineModel>(reader, version, "pipeline-classifier");
}
