using Scalearn.Distributed.Rounds;
using Scalearn.Execution;
using Scalearn.Execution.Wire;
using Scalearn.Linear;

namespace Scalearn.Distributed.LinearSteps;

/// <summary>
/// One evaluation of a logistic-regression objective at <see cref="W"/>: the multinomial problem over all
/// <see cref="Classes"/> (<see cref="Positive"/> = -1) or the one-vs-rest problem of class <see cref="Positive"/>, each row
/// weighted by its class's <see cref="ClassWeights"/> entry. Every partition knows all classes, also those it has no row of.
/// </summary>
internal sealed record LogisticRequest(double[] Classes, int Positive, double[] ClassWeights, bool FitIntercept, double[] W);

/// <summary>A partition's unpenalized loss and its gradient (the driver adds the penalty once).</summary>
internal sealed record LossGradient(double Loss, double[] Gradient);

/// <summary>
/// The partition step of data-parallel logistic regression: the same objective code as a fit on one machine
/// (<see cref="LogisticObjective"/> without its penalty) over the partition's rows, built once per problem and kept.
/// </summary>
[RegisteredTaskKind]
internal sealed class LogisticStepKind : PartitionStepKind<LogisticRequest, LossGradient>
{
    public static LogisticStepKind Instance { get; } = new();

    public override string Name => "scalearn.logistic-step";

    public override LossGradient Step(PartitionContext partition, LogisticRequest request)
    {
        var problem = partition.FitState("logistic:" + request.Positive, () =>
        {
            var built = Build(partition, request);
            return (built, 12L * partition.Rows);
        });
        if (request.W.Length != problem.ParameterCount)
            throw new InvalidDataException($"{request.W.Length} parameters for a problem with {problem.ParameterCount}.");
        lock (problem)
        {
            var gradient = new double[problem.ParameterCount];
            double loss = problem.Evaluate(request.W, gradient);
            return new LossGradient(loss, gradient);
        }
    }

    private static LogisticObjective Build(PartitionContext partition, LogisticRequest request)
    {
        var data = partition.Data;
        var y = data.Y ?? throw partition.Error($"has no target column '{data.TargetName}'.");
        int n = data.Count, p = data.FeatureCount, k = request.Classes.Length;
        var classIndex = new int[n];
        var sampleWeight = new double[n];
        for (int i = 0; i < n; i++)
        {
            int c = Array.BinarySearch(request.Classes, y[i]);
            if (c < 0) throw partition.Error($"label {Estimators.ParamConverter.Format(y[i])} at {partition.Row(i)} is not one of the classes the fit saw.");
            classIndex[i] = c;
            sampleWeight[i] = request.ClassWeights[c];
        }
        var x = data.X.Values;
        return request.Positive < 0
            ? LogisticObjective.Multinomial(x, n, p, k, classIndex, sampleWeight, 0, request.FitIntercept)
            : LogisticObjective.Binary(x, n, p, classIndex, request.Positive, sampleWeight, 0, request.FitIntercept);
    }

    public override void WriteRequest(LogisticRequest request, WireWriter writer)
    {
        writer.Doubles(request.Classes);
        writer.Int32(request.Positive);
        writer.Doubles(request.ClassWeights);
        writer.Bool(request.FitIntercept);
        writer.Doubles(request.W);
    }

    public override LogisticRequest ReadRequest(WireReader reader)
    {
        var classes = reader.Doubles(Summaries.SummaryKind.MaxClasses);
        int positive = reader.Int32(-1, classes.Length - 1, "Positive class");
        var weights = reader.Doubles(Summaries.SummaryKind.MaxClasses);
        bool intercept = reader.Bool();
        var w = reader.Doubles(WireData.MaxValues);
        if (classes.Length < 2 || weights.Length != classes.Length || classes.Zip(classes.Skip(1)).Any(c => !(c.First < c.Second)))
            throw new InvalidDataException("A logistic request needs at least two sorted, distinct classes and one weight per class.");
        return new LogisticRequest(classes, positive, weights, intercept, w);
    }

    protected override void WriteValue(LossGradient value, WireWriter writer)
    {
        writer.Double(value.Loss);
        writer.Doubles(value.Gradient);
    }

    protected override LossGradient ReadValue(WireReader reader) => new(reader.Double(), reader.Doubles(WireData.MaxValues));

    protected override string? Mismatch(LogisticRequest request, LossGradient value) =>
        value.Gradient.Length != request.W.Length ? $"{value.Gradient.Length} gradient values for {request.W.Length} parameters" : null;
}
