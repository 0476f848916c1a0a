using Scalearn.Data;
using Scalearn.Distributed.Rounds;
using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Distributed.LightGbm;

/// <summary>
/// Round 1 of LightGBM data-parallel training, on the worker holding each partition: reserves a port for the
/// partition's rank (<see cref="PortReservations"/>) and returns it with this process's identity and the partition's
/// rows of the bins' sample (chosen per row in the whole dataset, so the sample does not depend on the split) and the
/// sum of its labels.
/// </summary>
[RegisteredTaskKind]
internal sealed class EndpointKind : PartitionStepKind<EndpointRequest, RankEndpoint>
{
    public static EndpointKind Instance { get; } = new();

    public override string Name => "scalearn.lightgbm-endpoint";

    public override RankEndpoint Step(PartitionContext partition, EndpointRequest request)
    {
        var data = partition.Data;
        int cols = data.FeatureCount;
        var sample = new List<double>();
        int taken = 0;
        for (int i = 0; i < data.Count; i++)
        {
            if (request.SampleFraction < 1 && RowRandom.Uniform(request.SampleKey, partition.FirstRow + i) >= request.SampleFraction) continue;
            sample.AddRange(data.X.Row(i));
            taken++;
        }
        double labelSum = 0;
        if (data.Y is { } y)
            foreach (double label in y) labelSum += (float)label;
        int port = PortReservations.Open(request.Training, partition.Index);
        return new RankEndpoint(RankHost.Address(), port, RankHost.Process, RankHost.ProcessName, new Matrix([.. sample], taken, cols), labelSum);
    }

    public override void WriteRequest(EndpointRequest request, WireWriter writer)
    {
        writer.Guid(request.Training);
        writer.Double(request.SampleFraction);
        writer.Int64(unchecked((long)request.SampleKey));
    }

    public override EndpointRequest ReadRequest(WireReader reader)
    {
        var training = reader.Guid();
        double fraction = reader.Double();
        if (!(fraction > 0 && fraction <= 1)) throw new InvalidDataException($"Sample fraction {fraction} is not in (0, 1].");
        return new EndpointRequest(training, fraction, unchecked((ulong)reader.Int64()));
    }

    protected override void WriteValue(RankEndpoint value, WireWriter writer)
    {
        writer.String(value.Host);
        writer.Int32(value.Port);
        writer.Guid(value.Process);
        writer.String(value.ProcessName);
        writer.Matrix(value.Sample);
        writer.Double(value.LabelSum);
    }

    protected override RankEndpoint ReadValue(WireReader reader) =>
        new(reader.String(256), reader.Int32(1, 65535, "Port"), reader.Guid(), reader.String(1024), reader.Matrix(), reader.Double());
}
