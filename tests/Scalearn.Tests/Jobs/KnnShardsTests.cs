using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Scalearn.Data.Tables;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Neighbors;
using Scalearn.Tests.Data.Tables;

namespace Scalearn.Tests.Jobs;

/// <summary>knn --shards: the index split into resident shards, every query chunk asked of every shard, the lists merged.</summary>
public sealed class KnnShardsTests : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>Points on a small integer grid (many exact ties and duplicates, a zero vector for cosine).</summary>
    private string Grid(string name, int count, int seed)
    {
        var rng = new global::Scalearn.Numerics.Rng(seed);
        var text = new StringBuilder("u,v,w\n");
        for (int i = 0; i < count; i++) text.Append(CultureInfo.InvariantCulture, $"{rng.NextInt(4)},{rng.NextInt(4)},{rng.NextInt(3)}\n");
        return _files.Write(name, text.ToString());
    }

    private string Gaussian(string name, int count, int seed)
    {
        var rng = new global::Scalearn.Numerics.Rng(seed);
        var text = new StringBuilder("a,b,c,d\n");
        for (int i = 0; i < count; i++)
            text.Append(string.Join(",", Enumerable.Range(0, 4).Select(_ => rng.NextGaussian().ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        return _files.Write(name, text.ToString());
    }

    private async Task<byte[]> Run(string index, string? queries, KnnQueryOptions options, int slots = 2)
    {
        string output = _files.Path($"out-{Guid.NewGuid():N}.csv");
        await KnnQueryJob.RunAsync(new LocalExecutor(slots), index, queries, output, options);
        return File.ReadAllBytes(output);
    }

    public static TheoryData<string, bool> MetricsAndModes()
    {
        var data = new TheoryData<string, bool>();
        foreach (var metric in new[] { "minkowski", "euclidean", "manhattan", "cosine" })
        {
            data.Add(metric, true);
            data.Add(metric, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MetricsAndModes))]
    public async Task Sharded_output_is_byte_identical_to_the_unsharded_for_any_shard_count(string metric, bool self)
    {
        // 60 grid points: shards of 8 or 9 rows (7 shards) hold fewer than k + 1 = 10 neighbours, so the merge must fill k.
        string index = Grid("index.csv", 60, 1), queries = Grid("queries.csv", 45, 2);
        var options = new KnnQueryOptions { K = 9, BatchSize = 7, Metric = metric };
        var whole = await Run(index, self ? null : queries, options);
        foreach (int shards in new[] { 1, 2, 3, 7 })
        {
            var sharded = await Run(index, self ? null : queries, options with { Shards = shards, BatchSize = 5 + shards });
            Assert.True(whole.SequenceEqual(sharded), $"{shards} shards differ from the unsharded run");
        }
    }

    [Fact]
    public async Task Sharded_gaussian_search_matches_the_model_and_does_not_depend_on_slots()
    {
        string index = Gaussian("index.csv", 700, 3), queries = Gaussian("queries.csv", 90, 4);
        var whole = await Run(index, queries, new KnnQueryOptions { K = 6, BatchSize = 40 });
        var sharded = await Run(index, queries, new KnnQueryOptions { K = 6, BatchSize = 13, Shards = 3 }, slots: 3);
        var serial = await Run(index, queries, new KnnQueryOptions { K = 6, BatchSize = 1_000, Shards = 5 }, slots: 1);
        Assert.Equal(whole, sharded);
        Assert.Equal(whole, serial);

        var model = new NearestNeighbors { NNeighbors = 6 }.Fit(TableReader.Load(index, new TableOptions { Target = null }));
        var expected = model.KNeighbors(TableReader.Load(queries, new TableOptions { Target = null }));
        string path = _files.Write("sharded.csv", Encoding.UTF8.GetString(sharded));
        var neighbor = TableReader.ReadAll(path, TableOptions.AllColumns).Passthrough[2];
        Assert.Equal(expected.Indices.Select(i => (double)i), neighbor is LongColumn l ? l.Values.Select(v => (double)v) : ((DoubleColumn)neighbor).Values);
    }

    [Fact]
    public async Task Self_with_a_point_duplicated_more_than_k_times_drops_the_first_like_scikit_learn_also_sharded()
    {
        // Rows 0-5 coincide: for rows 4 and 5 the k + 1 = 4 nearest are rows 0-3, so the first (row 0) is dropped, not the point itself.
        string index = _files.Write("dups.csv", "x,y\n" + string.Concat(Enumerable.Repeat("1,1\n", 6)) + "5,5\n6,6\n7,7\n");
        var whole = await Run(index, null, new KnnQueryOptions { K = 3, BatchSize = 2 });
        Assert.Contains("5,0,1,0", Encoding.UTF8.GetString(whole).Replace("\r", ""));
        foreach (int shards in new[] { 2, 3, 9 })
            Assert.Equal(whole, await Run(index, null, new KnnQueryOptions { K = 3, BatchSize = 4, Shards = shards }));
    }

    [Fact]
    public async Task Identical_query_chunks_share_one_input_that_is_let_go_only_after_the_last()
    {
        string index = Grid("index.csv", 30, 5);
        string queries = _files.Write("same.csv", "u,v,w\n" + string.Concat(Enumerable.Repeat("1,2,1\n", 12)));
        var whole = await Run(index, queries, new KnnQueryOptions { K = 3, BatchSize = 1 }, slots: 3);
        Assert.Equal(whole, await Run(index, queries, new KnnQueryOptions { K = 3, BatchSize = 1, Shards = 4 }, slots: 3));
        Assert.Equal(36, Encoding.UTF8.GetString(whole).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public async Task K_larger_than_the_index_and_bad_shard_counts_are_refused_naming_them()
    {
        string index = Grid("small.csv", 5, 6), output = _files.Path("o.csv");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, index, output, new KnnQueryOptions { K = 6, Shards = 2 }));
        Assert.Contains("--k 6 is larger than the index", e.Message);
        Assert.Contains("5 points", e.Message);
        e = await Assert.ThrowsAsync<ArgumentException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, null, output, new KnnQueryOptions { K = 5, Shards = 3 }));
        Assert.Contains("at most 4", e.Message);
        e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, null, output, new KnnQueryOptions { K = 2, Shards = 6 }));
        Assert.Contains("--shards 6 is more than the 5 points", e.Message);
        e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, null, output, new KnnQueryOptions { K = 2, Shards = 0 }));
        Assert.Contains("--shards must be between 1", e.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Queries_with_other_columns_than_the_index_are_refused_when_sharded()
    {
        string index = Grid("index.csv", 20, 7), queries = _files.Write("q.csv", "u,v\n1,2\n");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => KnnQueryJob.RunAsync(new LocalExecutor(1), index, queries, _files.Path("o.csv"), new KnnQueryOptions { K = 2, Shards = 2 }));
        Assert.Contains("has columns u, v", e.Message);
    }

    [Fact]
    public void Shards_are_contiguous_content_addressed_row_blocks_deleted_on_dispose()
    {
        string index = Gaussian("index.csv", 23, 8);
        var rows = TableReader.Load(index, new TableOptions { Target = null }).X;
        string[] files;
        using (var shards = KnnShards.Write(index, new TableOptions { Target = null }, 23, 4))
        {
            Assert.Equal([(0, 5), (5, 6), (11, 6), (17, 6)], shards.Shards.Select(s => (s.FirstRow, s.Rows)));
            foreach (var shard in shards.Shards)
            {
                var bytes = (byte[])shard.Blob.Value;
                Assert.Equal(shard.Blob.Length, bytes.Length);
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), shard.Blob.Id);
                var middle = new byte[7];
                shard.Blob.Read(5, middle);
                Assert.Equal(bytes.AsSpan(5, 7).ToArray(), middle);
                var block = RowBlock.Decode(bytes);
                Assert.Equal(rows.Values.AsSpan(shard.FirstRow * 4, shard.Rows * 4).ToArray(), block.Values);
            }
            files = Directory.GetFiles(shards.Folder);
            Assert.Equal(4, files.Length);
        }
        Assert.All(files, f => Assert.False(File.Exists(f)));
        Assert.False(Directory.Exists(Path.GetDirectoryName(files[0])));
    }

    [Fact]
    public void The_merge_orders_by_reduced_distance_where_distances_round_equal()
    {
        double r1 = 2.0, r2 = Math.BitIncrement(2.0);
        Assert.Equal(Math.Sqrt(r1), Math.Sqrt(r2));   // the case: equal distances from different squared distances
        var distance = Distance.Resolve(NeighborMetric.Euclidean, 2);
        var chunk = new ShardedChunk(0, "", 1, 0, false);
        // Shard 0 holds row 3 at r2, shard 1 row 5 at r1: the unsharded search ranks row 5 first (smaller squared distance).
        var merged = ShardedQueryJob.Merge(chunk, [new ShardQueryResult(0, 0, [3], [r2]), new ShardQueryResult(0, 1, [5, 6], [r1, 9])], 2, distance);
        Assert.Equal([5, 3], merged.Indices);
    }

    [Fact]
    public async Task Later_chunks_wait_for_the_first_to_place_the_shards_and_a_failed_shard_fails_its_chunk_by_name()
    {
        string index = Grid("index.csv", 10, 9);
        using var shards = KnnShards.Write(index, new TableOptions { Target = null }, 10, 2);
        var executor = new RecordingExecutor();
        await using var job = new ShardedQueryJob(executor, shards, "euclidean", 1, new JobOptions());
        var inner = (RecordingExecutor.Job<ShardQueryTask, ShardQueryResult>)executor.Started!;
        job.Submit(new ShardedChunk(0, "q0", 1, 0, false));
        job.Submit(new ShardedChunk(1, "q1", 1, 1, false));
        job.Complete();
        Assert.Equal([(0L, 0), (0L, 1)], inner.Submitted.Select(t => (t.Chunk, t.Shard)));
        Assert.False(inner.Completed);

        var first = inner.Submitted;
        inner.Outcomes.Add(new(first[0], ShardQueryKind.KeyOf(0, 0), new ShardQueryResult(0, 0, [2], [1.0]), null, "w1", 0.1));
        inner.Outcomes.Add(new(first[1], ShardQueryKind.KeyOf(0, 1), new ShardQueryResult(0, 1, [], []), "boom", "w2", 0.1));
        await foreach (var outcome in job.Results())
        {
            Assert.True(outcome.Failed);
            Assert.Equal("shard 1 (rows 5 to 9): boom", outcome.Error);
            break;
        }
        Assert.Equal([(0L, 0), (0L, 1), (1L, 0), (1L, 1)], inner.Submitted.Select(t => (t.Chunk, t.Shard)));
        Assert.True(inner.Completed);
    }

    [Fact]
    public void Shard_tasks_and_results_travel_intact_and_malformed_or_mismatched_ones_are_refused()
    {
        var kind = ShardQueryKind.Instance;
        string id = new string('a', 64), queries = new string('b', 64);
        var task = new ShardQueryTask(7, 3, id, 100, 50, "manhattan", 4, queries, 2);
        Assert.Equal(task, kind.DecodeTask(kind.EncodeTask(task)));
        Assert.Equal(new TaskKey(7L << 16 | 3), kind.Key(task));
        Assert.Equal(id, kind.PreferredInput(task));
        var result = new ShardQueryResult(7, 3, [100, 101, 102, 103, 149, 120, 130, 140], [0, 1, 1, 2, 0.5, 0.5, 3, 4]);
        var back = kind.DecodeResult(kind.EncodeResult(result));
        Assert.Equal((result.Chunk, result.Shard), (back.Chunk, back.Shard));
        Assert.Equal(result.Indices, back.Indices);
        Assert.Equal(result.Keys, back.Keys);
        Assert.Null(kind.Mismatch(task, back));
        Assert.Contains("outside the shard", kind.Mismatch(task, result with { Indices = [100, 101, 102, 103, 150, 120, 130, 140] }));
        Assert.Contains("2 x 4 were asked", kind.Mismatch(task, result with { Indices = [100], Keys = [0] }));
        Assert.Contains("chunk 8", kind.Mismatch(task, result with { Chunk = 8 }));
        Assert.Throws<InvalidDataException>(() => kind.DecodeTask(kind.EncodeTask(task with { K = 0 })));
        Assert.Throws<InvalidDataException>(() => kind.DecodeTask(kind.EncodeTask(task with { ShardRows = 0 })));
    }

    /// <summary>An executor whose one job records what it is given and yields the outcomes a test adds.</summary>
    private sealed class RecordingExecutor : ITaskExecutor
    {
        public object? Started { get; private set; }

        public int Slots => 2;

        public IJob<TTask, TResult> Start<TTask, TResult>(TaskKind<TTask, TResult> kind, IEnumerable<global::Scalearn.Execution.Blobs.IBlob>? inputs = null, JobOptions? options = null)
            where TTask : notnull where TResult : notnull
        {
            var job = new Job<TTask, TResult>();
            Started = job;
            return job;
        }

        public sealed class Job<TTask, TResult> : IJob<TTask, TResult>
        {
            public List<TTask> Submitted { get; } = [];
            public List<TaskOutcome<TTask, TResult>> Outcomes { get; } = [];
            public bool Completed { get; private set; }
            public JobProgress Progress => throw new NotSupportedException();

            public void Share(global::Scalearn.Execution.Blobs.IBlob blob) { }
            public void Submit(TTask task) => Submitted.Add(task);
            public void Cancel(TaskKey key) { }
            public void Complete() => Completed = true;

            public async IAsyncEnumerable<TaskOutcome<TTask, TResult>> Results([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                for (int i = 0; i < Outcomes.Count; i++)
                {
                    await Task.Yield();
                    yield return Outcomes[i];
                }
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    public void Dispose() => _files.Dispose();
}
