using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Cluster.Wire;

/// <summary>
/// One task's outcome as a worker reports it: its encoded result, or the error that failed it. A result larger than
/// <see cref="WireLimits.ResultPartBytes"/> travels as <paramref name="Parts"/> items, each holding the slice
/// <paramref name="Part"/> of it, so that no message comes near the broker's message size limit.
/// </summary>
internal sealed record ResultItem(TaskKey Key, byte[]? Result, string? Error, double Seconds, int Part = 0, int Parts = 1)
{
    /// <summary>This outcome as the items to send: itself, or its result cut into parts of at most <paramref name="partBytes"/>.</summary>
    public IEnumerable<ResultItem> Split(int partBytes)
    {
        if (Result is null || Result.Length <= partBytes)
        {
            yield return this;
            yield break;
        }
        int parts = (int)((Result.LongLength + partBytes - 1) / partBytes);
        for (int p = 0; p < parts; p++)
        {
            int start = p * partBytes;
            yield return this with { Result = Result.AsSpan(start, Math.Min(partBytes, Result.Length - start)).ToArray(), Part = p, Parts = parts };
        }
    }
}

/// <summary>The body of a result message: outcomes of tasks of one job, from one worker.</summary>
internal sealed record ResultEnvelope(Guid Job, string Worker, IReadOnlyList<ResultItem> Results)
{
    public byte[] Encode()
    {
        var w = new WireWriter(64 + Results.Sum(r => (r.Result?.Length ?? 0) + 40));
        w.Guid(Job);
        w.String(Worker);
        w.Int32(Results.Count);
        foreach (var item in Results)
        {
            w.Int64(item.Key.Value);
            w.Bool(item.Result is not null);
            if (item.Result is not null)
            {
                w.Int32(item.Part);
                w.Int32(item.Parts);
                w.Bytes(item.Result);
            }
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
            int part = 0, parts = 1;
            byte[]? result = null;
            if (r.Bool())
            {
                part = r.Int32(0, WireLimits.MaxResultParts - 1, "Result part");
                parts = r.Int32(part + 1, WireLimits.MaxResultParts, "Result parts");
                result = r.Bytes(WireLimits.MaxResultPartBytes);
            }
            string? error = r.NullableString(WireLimits.MaxErrorBytes);
            double seconds = r.Double();
            if (result is null == error is null) throw new InvalidDataException($"Result for task {key} must carry either a result or an error.");
            if (!double.IsFinite(seconds) || seconds < 0) throw new InvalidDataException($"Result for task {key} has an invalid duration.");
            items[i] = new ResultItem(key, result, error, seconds, part, parts);
        }
        r.End();
        return new ResultEnvelope(job, worker, items);
    }
}
