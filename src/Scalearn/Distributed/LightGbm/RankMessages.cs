using Scalearn.Data;

namespace Scalearn.Distributed.LightGbm;

/// <summary>
/// Round 1 of a LightGBM data-parallel fit: reserve a port for the rank of each partition and return the rows whose
/// <see cref="RowRandom"/> draw under <see cref="SampleKey"/> is below <see cref="SampleFraction"/> (the bins' sample).
/// </summary>
internal sealed record EndpointRequest(Guid Training, double SampleFraction, ulong SampleKey);

/// <summary>
/// Where a rank listens, which process holds it, its share of the bins' sample, and the sum of its labels as LightGBM
/// adds them (float32 labels into a double), from which the driver computes the whole data's starting score.
/// </summary>
internal sealed record RankEndpoint(string Host, int Port, Guid Process, string ProcessName, Matrix Sample, double LabelSum);

/// <summary>Round 2: every rank checks that it can open a TCP connection to every other rank's reserved port.</summary>
internal sealed record ProbeRequest(Guid Training, string[] Hosts, int[] Ports, int TimeoutMilliseconds);

internal sealed record ProbeResult(double Milliseconds);

/// <summary>
/// Round 3: every rank joins LightGBM's network at its reserved port, bins its rows with the shared
/// <see cref="BinReference"/> and runs the boosting rounds; <see cref="Classes"/> maps class labels to LightGBM's
/// class indices (null for regression); <see cref="StartScores"/> are the whole data's starting scores, one per tree of an
/// iteration (<see cref="StartingScores"/>), or null to leave the start to LightGBM.
/// </summary>
internal sealed record TrainRequest(Guid Training, string[] Hosts, int[] Ports, byte[] BinReference, string Parameters, int NJobs,
    int Rounds, bool StopAtEmptyRound, double[]? Classes, double[]? StartScores, int JoinTimeoutMilliseconds)
{
    /// <summary>LightGBM's machine list, "ip:port" in rank order.</summary>
    public string Machines => string.Join(',', Hosts.Zip(Ports, (h, p) => $"{h}:{p}"));
}

internal sealed record TrainResult(string ModelText);
