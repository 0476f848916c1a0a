using System.Runtime.CompilerServices;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;
using Scalearn.Neighbors;

namespace Scalearn.Jobs;

/// <summary>
/// A query chunk of a sharded search: the <paramref name="Count"/> rows of input <paramref name="Queries"/>; with
/// <paramref name="Self"/> they are the indexed points from global row <paramref name="FirstQuery"/> on, each excluding itself.
/// </summary>
public sealed record ShardedChunk(long Chunk, string Queries, int Count, int FirstQuery, bool Self);

/// <summary>
/// A job of query chunks over a sharded index: each chunk becomes one task per shard (placed where that shard lives),
/// and its outcome, once every shard has answered, is the shards' top lists merged per query by (reduced distance,
/// index): exactly the unsharded answer. Until the first chunk is answered the next ones are held back, so each
/// shard first lands on one worker and its later tasks follow it there instead of every worker loading every shard.
/// </summary>
internal sealed class ShardedQueryJob : IJob<ShardedChunk, KnnResult>
{
    private readonly IJob<ShardQueryTask, ShardQueryResult> _inner;
    private readonly IReadOnlyList<KnnShard> _shards;
    private readonly string _metric;
    private readonly double _p;
    private readonly int _k;
    private readonly Distance _distance;
    private readonly object _gate = new();
    private readonly Dictionary<long, Gather> _open = [];
    private readonly List<ShardedChunk> _held = [];
    private bool _placed, _completing, _innerCompleted;

    public ShardedQueryJob(ITaskExecutor executor, KnnShards shards, string metric, int k, JobOptions options, double p = 2)
    {
        var estimator = new NearestNeighbors { P = p };
        estimator.SetParam("metric", metric);
        _distance = Distance.Resolve(estimator.Metric, estimator.P);
        _shards = shards.Shards;
        _metric = metric;
        _p = p;
        _k = k;
        _inner = executor.Start(ShardQueryKind.Instance, _shards.Select(s => (IBlob)s.Blob), options);
    }

    public JobProgress Progress => _inner.Progress;

    public void Share(IBlob blob) => _inner.Share(blob);

    public void Unshare(string id) => _inner.Unshare(id);

    public void Submit(ShardedChunk chunk)
    {
        lock (_gate)
        {
            if (!_open.TryAdd(chunk.Chunk, new Gather(chunk, _shards.Count)))
                throw new ArgumentException($"Chunk {chunk.Chunk} was already submitted.", nameof(chunk));
            if (!_placed && _open.Count > 1)
            {
                _held.Add(chunk);
                return;
            }
        }
        _inner.Submit(Tasks(chunk));
    }

    private List<ShardQueryTask> Tasks(ShardedChunk chunk) =>
        _shards.Select(s => new ShardQueryTask(chunk.Chunk, s.Index, s.Blob.Id, s.FirstRow, s.Rows, _metric, Math.Min(Need(chunk), s.Rows), chunk.Queries, chunk.Count, _p)).ToList();

    private int Need(ShardedChunk chunk) => chunk.Self ? _k + 1 : _k;

    public void Cancel(TaskKey key)
    {
        lock (_gate)
        {
            if (!_open.Remove(key.Value)) return;
            _held.RemoveAll(c => c.Chunk == key.Value);
        }
        foreach (var s in _shards) _inner.Cancel(ShardQueryKind.KeyOf(key.Value, s.Index));
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completing = true;
            if (_held.Count > 0 || _innerCompleted) return;   // completed once the held chunks went out
            _innerCompleted = true;
        }
        _inner.Complete();
    }

    public async IAsyncEnumerable<TaskOutcome<ShardedChunk, KnnResult>> Results([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var outcome in _inner.Results(cancellationToken).ConfigureAwait(false))
        {
            Gather? gather;
            List<ShardedChunk> release = [];
            bool complete = false;
            lock (_gate)
            {
                if (!_open.TryGetValue(outcome.Task.Chunk, out gather) || !gather.Add(outcome)) continue;
                _open.Remove(outcome.Task.Chunk);
                if (!_placed)
                {
                    _placed = true;
                    release.AddRange(_held);
                    _held.Clear();
                    complete = _completing && !_innerCompleted;
                    _innerCompleted |= complete;
                }
            }
            foreach (var chunk in release) _inner.Submit(Tasks(chunk));
            if (complete) _inner.Complete();
            var key = new TaskKey(gather.Chunk.Chunk);
            yield return gather.Error is { } error
                ? new(gather.Chunk, key, new KnnResult(gather.Chunk.Chunk, _k, [], []), error, gather.Worker, gather.Seconds)
                : new(gather.Chunk, key, Merge(gather.Chunk, Array.ConvertAll(gather.Parts, p => p!), _k, _distance), null, gather.Worker, gather.Seconds);
        }
    }

    /// <summary>
    /// Each query's k nearest (k + 1 less itself for <see cref="ShardedChunk.Self"/>) from the shards' lists, each sorted
    /// by (reduced distance, global index): the same order the unsharded search keeps, so the result is identical.
    /// </summary>
    internal static KnnResult Merge(ShardedChunk chunk, IReadOnlyList<ShardQueryResult> parts, int k, Distance distance)
    {
        int need = chunk.Self ? k + 1 : k, count = chunk.Count;
        var widths = parts.Select(p => count == 0 ? 0 : p.Indices.Length / count).ToArray();
        if (widths.Sum() < need && count > 0) throw new InvalidOperationException($"The shards returned {widths.Sum()} neighbours per query; {need} are needed.");
        var indices = new int[count * k];
        var distances = new double[count * k];
        var mergedIndices = new int[need];
        var mergedDistances = new double[need];
        var at = new int[parts.Count];
        for (int q = 0; q < count; q++)
        {
            Array.Clear(at);
            for (int r = 0; r < need; r++)
            {
                int best = -1;
                double bestKey = 0;
                int bestIndex = 0;
                for (int s = 0; s < parts.Count; s++)
                {
                    if (at[s] == widths[s]) continue;
                    double key = parts[s].Keys[q * widths[s] + at[s]];
                    int index = parts[s].Indices[q * widths[s] + at[s]];
                    if (best < 0 || key < bestKey || (key == bestKey && index < bestIndex)) (best, bestKey, bestIndex) = (s, key, index);
                }
                at[best]++;
                mergedIndices[r] = bestIndex;
                mergedDistances[r] = distance.ToDistance(bestKey);
            }
            if (chunk.Self) KnnKind.DropSelf(mergedIndices, mergedDistances, chunk.FirstQuery + q, indices.AsSpan(q * k, k), distances.AsSpan(q * k, k));
            else
            {
                mergedIndices.CopyTo(indices.AsSpan(q * k, k));
                mergedDistances.CopyTo(distances.AsSpan(q * k, k));
            }
        }
        return new KnnResult(chunk.Chunk, k, indices, distances);
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    /// <summary>The shards' answers to one chunk as they arrive.</summary>
    private sealed class Gather(ShardedChunk chunk, int shards)
    {
        public ShardedChunk Chunk { get; } = chunk;
        public ShardQueryResult?[] Parts { get; } = new ShardQueryResult?[shards];
        public string? Error { get; private set; }
        public string Worker { get; private set; } = "";
        public double Seconds { get; private set; }
        private int _answered;

        /// <summary>Records a shard's outcome; true once every shard has answered.</summary>
        public bool Add(TaskOutcome<ShardQueryTask, ShardQueryResult> outcome)
        {
            int s = outcome.Task.Shard;
            if (Parts[s] is not null) return false;
            Parts[s] = outcome.Result;
            if (outcome.Failed) Error ??= $"shard {s} (rows {outcome.Task.FirstRow} to {outcome.Task.FirstRow + outcome.Task.ShardRows - 1}): {outcome.Error}";
            Worker = outcome.Worker;
            Seconds += outcome.Seconds;
            return ++_answered == Parts.Length;
        }
    }
}
