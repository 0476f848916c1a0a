using System.Diagnostics;
using Scalearn.Ensemble;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;

namespace Scalearn.Tests.Execution;

public class LocalExecutorTests
{
    private static async Task<List<TaskOutcome<long, long>>> Drain(IJob<long, long> job)
    {
        var outcomes = new List<TaskOutcome<long, long>>();
        await foreach (var o in job.Results()) outcomes.Add(o);
        return outcomes;
    }

    [Fact]
    public async Task YieldsEveryTaskOnceAndReportsProgress()
    {
        var reports = new List<JobProgress>();
        await using var job = new LocalExecutor(2).Start(new SquareKind(), null, new JobOptions { Progress = new SyncProgress(reports.Add), ExpectedTasks = 20 });
        for (long i = 0; i < 20; i++) job.Submit(i);
        job.Complete();
        var outcomes = await Drain(job);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i * i).Order(), outcomes.Select(o => o.Result).Order());
        Assert.All(outcomes, o => Assert.False(o.Failed));
        Assert.Equal(20, job.Progress.Done);
        Assert.Equal(20, job.Progress.Total);
        Assert.Equal(20, job.Progress.Rows);
        Assert.Equal(2, reports[^1].Workers);
        Assert.Contains(reports, r => r.Total == 20 && r.Done < 20);
    }

    [Fact]
    public async Task TasksCanBeSubmittedWhileResultsStream()
    {
        await using var job = new LocalExecutor(2).Start(new SquareKind());
        job.Submit(2);
        var seen = new List<long>();
        await foreach (var o in job.Results())
        {
            seen.Add(o.Result);
            if (o.Result < 1000) job.Submit(o.Result); // 2 -> 4 -> 16 -> 256 -> 65536
            else job.Complete();
        }
        Assert.Equal([4L, 16, 256, 65536], seen);
    }

    [Fact]
    public async Task JobsShareTheExecutorsSlotsAndTakeTurns()
    {
        int running = 0, peak = 0;
        var order = new List<string>();
        var executor = new LocalExecutor(2);
        SquareKind Tracked(string job) => new((task, _) =>
        {
            int now = Interlocked.Increment(ref running);
            int seen;
            while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
            lock (order) order.Add(job);
            Thread.Sleep(30);
            Interlocked.Decrement(ref running);
        });
        await using var a = executor.Start(Tracked("a"));
        await using var b = executor.Start(Tracked("b"));
        for (long i = 0; i < 10; i++) a.Submit(i);
        for (long i = 0; i < 3; i++) b.Submit(i);
        a.Complete();
        b.Complete();
        await Task.WhenAll(Drain(a), Drain(b));
        Assert.Equal(2, peak);
        // Round robin: job b's three tasks do not wait behind all of a's ten.
        Assert.True(order.LastIndexOf("b") < 9, string.Join("", order));
    }

    [Fact]
    public async Task CancellingAJobStopsARunningFitWithinSeconds()
    {
        var executor = new LocalExecutor(1);
        var data = TestData.Load("digits");
        var started = new TaskCompletionSource();
        var forest = new RandomForestClassifier { NEstimators = 100_000, RandomState = 0 };
        var job = executor.Start(new SquareKind((_, _) =>
        {
            started.TrySetResult();
            forest.Fit(data);
        }));
        job.Submit(1);
        await started.Task;
        await Task.Delay(300);
        var clock = Stopwatch.StartNew();
        await job.DisposeAsync();
        // The slot is free again: the next job's task runs at once.
        await using var next = executor.Start(new SquareKind());
        next.Submit(3);
        next.Complete();
        var outcome = Assert.Single(await Drain(next));
        Assert.Equal(9, outcome.Result);
        // Seconds rather than the minutes the forest would take; a second is the usual figure, three leave room for a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"slot freed after {clock.Elapsed}");
    }

    [Fact]
    public async Task CancelledTaskYieldsNoOutcome()
    {
        var gate = new ManualResetEventSlim();
        await using var job = new LocalExecutor(1).Start(new SquareKind((task, context) =>
        {
            if (task == 0) gate.Wait(context.Cancellation);
        }));
        job.Submit(0);
        job.Submit(1);
        job.Cancel(new TaskKey(0));
        job.Complete();
        var outcome = Assert.Single(await Drain(job));
        Assert.Equal(1, outcome.Result);
        Assert.Equal(1, job.Progress.Total);
    }

    [Fact]
    public async Task ATaskPastItsTimeLimitFailsAloneAndTheSlotTakesTheNext()
    {
        var executor = new LocalExecutor(1, new TaskLimits { Timeout = TimeSpan.FromMilliseconds(300) });
        await using var job = executor.Start(new SquareKind((task, _) =>
        {
            if (task != 0) return;
            while (true) { FitInterruption.Check(); Thread.Sleep(5); }
        }));
        job.Submit(0);
        job.Submit(2);
        job.Complete();
        var outcomes = (await Drain(job)).ToDictionary(o => o.Task);
        Assert.Contains("time limit of 0.3 s", outcomes[0].Error);
        Assert.Equal(-1, outcomes[0].Result);
        Assert.Equal(4, outcomes[2].Result);
    }

    [Fact]
    public async Task ATaskThatIgnoresItsTokenIsAbandonedAfterTheGrace()
    {
        var release = new ManualResetEventSlim();
        var executor = new LocalExecutor(1, new TaskLimits { Timeout = TimeSpan.FromMilliseconds(200), StopGrace = TimeSpan.FromMilliseconds(300) });
        await using var job = executor.Start(new SquareKind((task, _) => { if (task == 0) release.Wait(); }));
        job.Submit(0);
        job.Submit(5);
        job.Complete();
        var outcomes = (await Drain(job)).ToDictionary(o => o.Task);
        release.Set();
        Assert.Contains("did not stop within the grace period", outcomes[0].Error);
        Assert.Equal(25, outcomes[5].Result);
    }

    [Fact]
    public async Task ATaskPastTheMemoryBudgetFailsAloneNamingTheLimit()
    {
        GC.Collect();
        long budget = Environment.WorkingSet + (300L << 20);
        var executor = new LocalExecutor(1, new TaskLimits { MemoryBudgetBytes = budget });
        await using var job = executor.Start(new SquareKind((task, _) =>
        {
            if (task != 0) return;
            var hold = new List<byte[]>();
            for (int i = 0; i < 200; i++)
            {
                var block = new byte[20 << 20];
                Array.Fill(block, (byte)1);
                hold.Add(block);
                FitInterruption.Check();
                Thread.Sleep(20);
            }
        }));
        job.Submit(0);
        job.Submit(7);
        job.Complete();
        var outcomes = (await Drain(job)).ToDictionary(o => o.Task);
        Assert.Contains("memory budget", outcomes[0].Error);
        Assert.Equal(49, outcomes[7].Result);
    }

    [Fact]
    public async Task BadSubmissionsAreRefused()
    {
        await using var job = new LocalExecutor(1).Start(new SquareKind());
        job.Submit(1);
        Assert.Throws<ArgumentException>(() => job.Submit(1));
        job.Complete();
        Assert.Throws<InvalidOperationException>(() => job.Submit(2));
        await using var reading = new LocalExecutor(1).Start(new InputKind());
        Assert.Throws<ArgumentException>(() => reading.Submit(new string('a', 64)));
    }

    [Fact]
    public async Task TasksSeeSharedInputsDirectly()
    {
        var blob = new BytesBlob([1, 2, 3]);
        await using var job = new LocalExecutor(1).Start(new InputKind(), [blob]);
        job.Submit(blob.Id);
        job.Complete();
        await foreach (var o in job.Results()) Assert.Equal(3, o.Result);
    }

    [Fact]
    public void JobsMustBeValid()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocalExecutor(-2));
        Assert.Equal(Environment.ProcessorCount, new LocalExecutor(0).Jobs);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocalExecutor(1, new TaskLimits { Timeout = TimeSpan.Zero }));
    }

    /// <summary>Reads the byte length of a shared input.</summary>
    private sealed class InputKind : TaskKind<string, long>
    {
        public override string Name => "test.input-length";
        public override TaskKey Key(string task) => new(task.GetHashCode());
        public override IReadOnlyList<string> Inputs(string task) => [task];
        public override long Run(string task, TaskContext context) => context.Input<byte[]>(task).Length;
        public override long Failure(string task, string error) => -1;
        public override void WriteTask(string task, Scalearn.Execution.Wire.WireWriter writer) => writer.String(task);
        public override string ReadTask(Scalearn.Execution.Wire.WireReader reader) => reader.String();
        public override void WriteResult(long result, Scalearn.Execution.Wire.WireWriter writer) => writer.Int64(result);
        public override long ReadResult(Scalearn.Execution.Wire.WireReader reader) => reader.Int64();
    }

    private sealed class SyncProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
