using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Cluster.Wire;

/// <summary>One task's outcome as a worker reports it: its encoded result, or the error that failed it.</summary>
internal sealed record ResultItem(TaskKey Key, byte[]? Result, string? Error, double Seconds);

/// <summary>The body of a result message: outcomes of tasks of one job, from one worker.</summary>
internal sealed record ResultEnvelope(Guid Job, string Worker, IReadOnlyList<ResultItem> Results)
{
    public byte[] Encode()
    {
        var w = new WireWriter(64 + Results.Sum(r => (r.Result?.Length ?? 0) + 32));
        w.Guid(Job);
        w.String(Worker);
        w.Int32(Results.Count);
        foreach (var item in Results)
        {
            w.Int64(item.Key.Value);
            w.Bool(item.Result is not null);
            if (item.Result is not null) w.Bytes(item.Result);
            w.String(item.Error);
            w.Double(item.Seconds);
        }
        return w.ToArray();
    }

    public static ResultEnvelope Decode(byte[] body)
    {
        var r = new WireReader(body);
        var job = r.Guid();
        string worker = r.String(WireLimits.MaxNameBytes);
        int count = r.Int32(1, WireLimits.MaxResultsPerMessage, "Result count");
        var items = new ResultItem[count];
        for (int i = 0; i < count; i++)
        {
            var key = new TaskKey(r.Int64());
            var result = r.Bool() ? r.Bytes(WireLimits.MaxResultBytes) : null;
            string? error = r.NullableString(WireLimits.MaxErrorBytes);
            double seconds = r.Double();
            if (result is null == error is null) throw new InvalidDataException($"Result for task {key} must carry either a result or an error.");
            if (!double.IsFinite(seconds) || seconds < 0) throw new InvalidDataException($"Result for task {key} has an invalid duration.");
            items[i] = new ResultItem(key, result, error, seconds);
        }
        r.End();
        return new ResultEnvelope(job, worker, items);
    }
}
