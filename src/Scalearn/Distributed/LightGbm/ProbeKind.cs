using System.Diagnostics;
using System.Net.Sockets;
using Scalearn.Distributed.Rounds;
using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Distributed.LightGbm;

/// <summary>
/// Round 2 of LightGBM data-parallel training: each rank tries a TCP connection to every other rank's reserved port
/// before anyone joins LightGBM's network, whose own connection loop would retry for minutes and cannot be
/// interrupted. The port is bound but not listening, so a refusal is the expected answer and proves the peer reachable;
/// no answer in time (or no route) fails the fit with the unreachable address.
/// </summary>
[RegisteredTaskKind]
internal sealed class ProbeKind : PartitionStepKind<ProbeRequest, ProbeResult>
{
    public static ProbeKind Instance { get; } = new();

    public override string Name => "scalearn.lightgbm-probe";

    public override ProbeResult Step(PartitionContext partition, ProbeRequest request)
    {
        int rank = partition.Index;
        if (!PortReservations.Holds(request.Training, rank, request.Ports[rank]))
            throw new DataParallelException($"rank {rank} ({partition.Description}) ran on {RankHost.ProcessName}, which does not hold its port {request.Ports[rank]}: "
                + "the partition moved to another worker between rounds (a worker left?); train again.");
        if (!RankHost.IsLocal(request.Hosts[rank]))
            throw new DataParallelException($"workers cannot reach each other: rank {rank} on {RankHost.ProcessName} advertises {request.Hosts[rank]}, "
                + $"which is not an address of that machine (check {RankHost.Variable}); LightGBM's network needs each worker's own reachable IPv4 address.");
        var clock = Stopwatch.StartNew();
        for (int peer = 0; peer < request.Hosts.Length; peer++)
        {
            if (peer == rank) continue;
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(partition.Cancellation);
            timeout.CancelAfter(request.TimeoutMilliseconds);
            try
            {
                client.ConnectAsync(request.Hosts[peer], request.Ports[peer], timeout.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // The peer's machine answered for its reserved port.
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !partition.Cancellation.IsCancellationRequested)
            {
                string why = e is SocketException s ? s.Message : $"no answer within {request.TimeoutMilliseconds / 1000.0:0.#} s";
                throw new DataParallelException($"workers cannot reach each other: rank {rank} on {RankHost.ProcessName} cannot connect to rank {peer} at "
                    + $"{request.Hosts[peer]}:{request.Ports[peer]} ({why}). LightGBM's network needs direct TCP connections between the workers; "
                    + $"set {RankHost.Variable} on each worker to an address its peers can reach, and open the ports.");
            }
        }
        return new ProbeResult(clock.Elapsed.TotalMilliseconds);
    }

    public override void WriteRequest(ProbeRequest request, WireWriter writer)
    {
        writer.Guid(request.Training);
        writer.Strings(request.Hosts);
        writer.Int32s(request.Ports);
        writer.Int32(request.TimeoutMilliseconds);
    }

    public override ProbeRequest ReadRequest(WireReader reader)
    {
        var training = reader.Guid();
        var hosts = reader.Strings(PartitionedDataset.MaxPartitions, 256);
        var ports = reader.Int32s(PartitionedDataset.MaxPartitions);
        int timeout = reader.Int32(1, 3_600_000, "Probe timeout");
        Machines.Check(hosts, ports);
        return new ProbeRequest(training, hosts, ports, timeout);
    }

    protected override void WriteValue(ProbeResult value, WireWriter writer) => writer.Double(value.Milliseconds);

    protected override ProbeResult ReadValue(WireReader reader) => new(reader.Double());
}
