using Scalearn.Boosting;
using Scalearn.Boosting.Native;
using Scalearn.Distributed.Rounds;
using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Distributed.LightGbm;

/// <summary>
/// Round 3 of LightGBM data-parallel training: the rank of each partition trains with tree_learner=data on its own
/// rows, binned with the shared bins and starting from the whole data's scores, and returns the model text (the same
/// on every rank). LightGBM keeps its network state per OS thread, so joining the network, building the dataset and
/// booster, and every round run on one dedicated thread (<see cref="RankThread"/>).
/// </summary>
[RegisteredTaskKind]
internal sealed class TrainKind : PartitionStepKind<TrainRequest, TrainResult>
{
    private const int MaxReferenceBytes = 1 << 28;
    private const int MaxModelBytes = 1 << 30;

    public static TrainKind Instance { get; } = new();

    public override string Name => "scalearn.lightgbm-train";

    public override TrainResult Step(PartitionContext partition, TrainRequest request)
    {
        int rank = partition.Index;
        var data = partition.Data;
        var labels = Labels(partition, request.Classes);
        double[] values = data.X.Values;
        int threads = ThreadCount.Resolve(request.NJobs < 1 ? null : request.NJobs);
        if (!PortReservations.Holds(request.Training, rank, request.Ports[rank]))
            throw new DataParallelException($"rank {rank} ({partition.Description}) ran on {RankHost.ProcessName}, which does not hold its port {request.Ports[rank]}: "
                + "the partition moved to another worker between rounds (a worker left?); train again.");
        string text = RankThread.Run($"LightGBM rank {rank}", request.JoinTimeoutMilliseconds, partition.Cancellation, joined =>
        {
            // Adopt the thread count in force: a rank waiting for another count while a peer rank of this process
            // holds the gate inside the network join would deadlock both (the count does not change the model).
            using var lease = NativeThreads.Enter(threads, adopt: true);
            string parameters = LightGbmParameters.WithThreads(request.Parameters, lease.Threads);
            // Binned before joining (no peer waits on it, and it sets this thread's LightGBM log level to the fit's).
            using var dataset = NativeBinReference.Bin(request.BinReference, values, data.Count, data.FeatureCount, labels, parameters);
            if (request.StartScores is { } scores) NativeDataset.SetInitScores(dataset, StartingScores.Column(scores, data.Count));
            PortReservations.Release(request.Training, rank, request.Ports[rank]);
            // LightGBM's lower ranks connect to the higher ones and wait 10 s before retrying a refused connection:
            // higher ranks join first so that their listeners are up when the lower ranks connect.
            Thread.Sleep(Math.Min(2000, 150 * (request.Hosts.Length - 1 - rank)));
            using var network = NativeNetwork.Join(request.Machines, request.Ports[rank], request.Hosts.Length, linkTimeOutMinutes: 2);
            joined();
            using var trainer = new NativeTrainer(dataset, parameters);
            for (int round = 0; round < request.Rounds; round++)
            {
                FitInterruption.Check();
                if (trainer.UpdateOneIteration() && request.StopAtEmptyRound) break;
            }
            string model = trainer.SaveModel();
            return request.StartScores is { } start ? NativeModelText.Rewritten(StartingScores.AddToFirstTrees(model, trainer.DumpModel(), start)) : model;
        }, () => $"workers cannot reach each other: rank {rank} on {RankHost.ProcessName} could not connect LightGBM's network ({request.Machines}) "
            + $"within {request.JoinTimeoutMilliseconds / 1000.0:0.#} s; every rank must start at once on its own worker, and each must reach the others' host:port directly.");
        return new TrainResult(text);
    }

    private static float[] Labels(PartitionContext partition, double[]? classes)
    {
        var y = partition.Data.Y ?? throw partition.Error($"has no target column '{partition.Data.TargetName}'.");
        var labels = new float[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            if (!double.IsFinite(y[i])) throw partition.Error($"the target is {(double.IsNaN(y[i]) ? "NaN" : "infinite")} at {partition.Row(i)}.");
            if (classes is null)
            {
                labels[i] = (float)y[i];
                continue;
            }
            int c = Array.BinarySearch(classes, y[i]);
            if (c < 0) throw partition.Error($"label {Estimators.ParamConverter.Format(y[i])} at {partition.Row(i)} is not one of the classes the fit saw.");
            labels[i] = c;
        }
        return labels;
    }

    public override void WriteRequest(TrainRequest request, WireWriter writer)
    {
        writer.Guid(request.Training);
        writer.Strings(request.Hosts);
        writer.Int32s(request.Ports);
        writer.Bytes(request.BinReference);
        writer.String(request.Parameters);
        writer.Int32(request.NJobs);
        writer.Int32(request.Rounds);
        writer.Bool(request.StopAtEmptyRound);
        writer.Doubles(request.Classes);
        writer.Doubles(request.StartScores);
        writer.Int32(request.JoinTimeoutMilliseconds);
    }

    public override TrainRequest ReadRequest(WireReader reader)
    {
        var training = reader.Guid();
        var hosts = reader.Strings(PartitionedDataset.MaxPartitions, 256);
        var ports = reader.Int32s(PartitionedDataset.MaxPartitions);
        Machines.Check(hosts, ports);
        var reference = reader.Bytes(MaxReferenceBytes);
        string parameters = reader.String(1 << 20);
        int nJobs = reader.Int32();
        int rounds = reader.Int32(1, int.MaxValue, "Rounds");
        bool stop = reader.Bool();
        var classes = reader.NullableDoubles(Summaries.SummaryKind.MaxClasses);
        if (classes is not null && (classes.Length < 2 || classes.Zip(classes.Skip(1)).Any(c => !(c.First < c.Second))))
            throw new InvalidDataException("A classifier's training needs at least two sorted, distinct classes.");
        var start = reader.NullableDoubles(Summaries.SummaryKind.MaxClasses);
        if (start is not null && (start.Length != (classes is { Length: > 2 } ? classes.Length : 1) || !start.All(double.IsFinite)))
            throw new InvalidDataException("Starting scores must be finite, one per tree of an iteration.");
        int timeout = reader.Int32(1, 3_600_000, "Join timeout");
        return new TrainRequest(training, hosts, ports, reference, parameters, nJobs, rounds, stop, classes, start, timeout);
    }

    protected override void WriteValue(TrainResult value, WireWriter writer) => writer.String(value.ModelText);

    protected override TrainResult ReadValue(WireReader reader) => new(reader.String(MaxModelBytes));
}
