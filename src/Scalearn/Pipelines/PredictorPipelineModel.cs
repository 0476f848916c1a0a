using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Pipelines;

/// <summary>A fitted pipeline ending in a predictor (a regressor): predict and score forward to the final model.</summary>
[ModelFormat("pipeline-predictor", 1)]
public class PredictorPipelineModel : PipelineModel, IPredictor, IPersistableModel<PredictorPipelineModel>
{
    internal PredictorPipelineModel(IReadOnlyList<string> stepNames, IReadOnlyList<IModel> stepModels) : base(stepNames, stepModels)
    {
        if (FinalModel is not IPredictor)
            throw new ArgumentException($"The final pipeline step model {FinalModel.GetType().Name} does not predict.");
    }

    public double[] Predict(DataView x) => ((IPredictor)FinalModel).Predict(TransformThroughIntermediateSteps(x));

    /// <summary>The final model's score (accuracy or R^2) on the transformed data.</summary>
    public double Score(DataView data) => ((IPredictor)FinalModel).Score(TransformThroughIntermediateSteps(data));

    public static PredictorPipelineModel ReadPayload(BinaryReader reader, int version) =>
        ReadPipeline<PredictorPipelineModel>(reader, version, "pipeline-predictor");
}
