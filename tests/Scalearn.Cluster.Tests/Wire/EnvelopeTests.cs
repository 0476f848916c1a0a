using Scalearn.Cluster.Driver;
using Scalearn.Cluster.Messages;
using Scalearn.Cluster.Wire;
using Scalearn.Cluster.Worker;
using Scalearn.Execution;

namespace Scalearn.Cluster.Tests.Wire;

public sealed class EnvelopeTests
{
    [Fact]
    public void EnvelopesRoundTrip()
    {
        var tasks = new TaskEnvelope(Guid.NewGuid(), Guid.NewGuid(), "test.probe", "c.driver.x", 42, [(new TaskKey(7), [1, 2, 3]), (new TaskKey(-1), [])]);
        var back = TaskEnvelope.Decode(tasks.Encode());
        Assert.Equal((tasks.Job, tasks.Driver, tasks.Kind, tasks.ReplyTo, tasks.SentAt), (back.Job, back.Driver, back.Kind, back.ReplyTo, back.SentAt));
        Assert.Equal(tasks.Tasks.Select(t => (t.Key, t.Body.Length)), back.Tasks.Select(t => (t.Key, t.Body.Length)));

        var results = new ResultEnvelope(Guid.NewGuid(), "w", [new ResultItem(new TaskKey(1), [9], null, 0.5), new ResultItem(new TaskKey(2), null, "boom", 1)]);
        var r = ResultEnvelope.Decode(results.Encode());
        Assert.Equal("boom", r.Results[1].Error);
        Assert.Equal([9], r.Results[0].Result!);

        var beat = new Heartbeat("w1", Guid.NewGuid(), "c.worker.q", 4, 1, 2, WireLimits.Now, [new string('a', 64)]);
        Assert.Equal(beat.Resident, Heartbeat.Decode(beat.Encode()).Resident);

        var lease = Control.Lease(Guid.NewGuid(), [Guid.NewGuid()], TimeSpan.FromSeconds(10));
        var l = Control.Decode(lease.Encode());
        Assert.Equal((lease.Type, lease.Driver, lease.ValidMs), (l.Type, l.Driver, l.ValidMs));
        Assert.Equal(lease.Jobs, l.Jobs);
    }

    [Fact]
    public void ALargeResultTravelsInPartsAndIsReassembledInAnyOrder()
    {
        var whole = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();
        var item = new ResultItem(new TaskKey(3), whole, null, 1.5);
        var parts = item.Split(4096).ToList();
        Assert.Equal([4096, 4096, 1808], parts.Select(p => p.Result!.Length));
        Assert.All(parts, p => Assert.Equal(3, p.Parts));
        Assert.Single(new ResultItem(new TaskKey(4), [1, 2], null, 0).Split(4096));
        Assert.Single(new ResultItem(new TaskKey(5), null, "boom", 0).Split(1));

        // Out of order, one part twice, and each part through its own message.
        var received = new[] { parts[2], parts[0], parts[0], parts[1] }
            .Select(p => ResultEnvelope.Decode(new ResultEnvelope(Guid.Empty, "w", [p]).Encode()).Results[0]).ToList();
        var assembler = new ResultParts();
        Assert.Null(assembler.Add("w", received[0]));
        Assert.Null(assembler.Add("w", received[1]));
        Assert.Null(assembler.Add("w", received[2]));
        Assert.Null(assembler.Add("other", received[3]));   // another worker's run of the same task is kept apart
        Assert.Equal(whole, assembler.Add("w", received[3]));

        var fresh = new ResultParts();
        Assert.Null(fresh.Add("w", parts[0]));
        Assert.Throws<InvalidDataException>(() => fresh.Add("w", parts[1] with { Parts = 4 }));
        fresh.Forget(parts[0].Key);
        Assert.Null(fresh.Add("w", parts[1]));   // forgotten: part 0 must come again
    }

    [Fact]
    public void ResultPartsOutsideTheirCountAreRejected()
    {
        var part = new ResultItem(new TaskKey(1), [1, 2, 3], null, 0, Part: 2, Parts: 2);
        Assert.Throws<InvalidDataException>(() => ResultEnvelope.Decode(new ResultEnvelope(Guid.Empty, "w", [part]).Encode()));
        var tooMany = part with { Part = 0, Parts = WireLimits.MaxResultParts + 1 };
        Assert.Throws<InvalidDataException>(() => ResultEnvelope.Decode(new ResultEnvelope(Guid.Empty, "w", [tooMany]).Encode()));
    }

    [Fact]
    public void HostileBodiesAreRejectedWithoutLargeAllocations()
    {
        Assert.Throws<InvalidDataException>(() => TaskEnvelope.Decode([1, 2, 3]));
        Assert.Throws<InvalidDataException>(() => ResultEnvelope.Decode(new byte[40]));
        var noResult = new ResultEnvelope(Guid.NewGuid(), "w", [new ResultItem(new TaskKey(1), [1], null, 0)]).Encode();
        noResult[^26] = 0;   // the has-result flag (before the part numbers, a 1-byte result, a null error and the duration): neither result nor error
        Assert.Throws<InvalidDataException>(() => ResultEnvelope.Decode(noResult));
        var badReply = new TaskEnvelope(Guid.NewGuid(), Guid.NewGuid(), "k", "amqp://evil/", 0, [(new TaskKey(1), [])]).Encode();
        Assert.Throws<InvalidDataException>(() => TaskEnvelope.Decode(badReply));
        var huge = new Heartbeat("w", Guid.NewGuid(), "q", 1, 0, 0, 0, []).Encode();
        Assert.Throws<InvalidDataException>(() => Heartbeat.Decode([.. huge, 1]));
        Assert.Throws<InvalidDataException>(() => Control.Decode([99, .. new byte[60]]));
    }

    [Fact]
    public void SignaturesBindTheBodyAndTheMessageType()
    {
        var auth = new MessageAuth("0123456789abcdef-key");
        var body = new byte[] { 1, 2, 3 };
        var message = auth.Seal(body, (b, mac) => new ResultMessage { Body = b, Mac = mac });
        Assert.True(auth.Verify(message));
        Assert.False(auth.Verify(message with { Body = [1, 2, 4] }));
        Assert.False(auth.Verify(new HeartbeatMessage { Body = body, Mac = message.Mac }));
        Assert.False(auth.Verify(message with { Mac = null }));
        Assert.False(new MessageAuth("another-key-of-16-chars").Verify(message));
        Assert.True(new MessageAuth(null).Verify(message with { Mac = null }));
        Assert.Throws<ArgumentException>(() => new MessageAuth("short"));
    }

    [Fact]
    public void LeasesEndJobsOfSilentDriversButNotOfDriversThatComeBack()
    {
        var leases = new DriverLeases(TimeSpan.FromMilliseconds(100));
        Guid driver = Guid.NewGuid(), job = Guid.NewGuid();
        var state = leases.Enter(job, driver)!;
        using var task = state.TaskToken(new TaskKey(1));
        Assert.Equal(0, leases.Sweep());
        Thread.Sleep(150);
        Assert.Equal(1, leases.Sweep());
        Assert.True(task.IsCancellationRequested);
        Assert.Null(leases.Enter(job, driver));   // still silent
        leases.OnControl(Control.Lease(driver, [job], TimeSpan.FromSeconds(10)));
        Assert.NotNull(leases.Enter(job, driver));   // back: what it sends again runs

        leases.OnControl(Control.CancelJob(driver, job));
        Assert.Null(leases.Enter(job, driver));
    }

    [Fact]
    public void ADriverSilentWhileItsInputIsAwaitedIsDroppedBeforeItsLeaseEnds()
    {
        var leases = new DriverLeases(TimeSpan.FromSeconds(10), silentWhileFetching: TimeSpan.FromMilliseconds(100));
        Guid driver = Guid.NewGuid(), job = Guid.NewGuid(), other = Guid.NewGuid();
        var state = leases.Enter(job, driver)!;
        leases.Enter(Guid.NewGuid(), other);
        Thread.Sleep(150);
        Assert.Equal(0, leases.Sweep());   // silent, but nothing waits on it: the lease holds
        using (leases.Fetching(driver))
        {
            Assert.Equal(1, leases.Sweep());
            Assert.True(state.Token.IsCancellationRequested);
            Assert.Contains("silent", state.EndReason);
        }
        Assert.Null(leases.Enter(Guid.NewGuid(), driver));   // its other queued messages are dropped too
        leases.OnControl(Control.Lease(driver, [job], TimeSpan.FromSeconds(10)));
        Assert.NotNull(leases.Enter(job, driver));   // it was only cut off: what it sends again runs

        leases.OnControl(Control.Lease(driver, [job], TimeSpan.FromSeconds(10)));
        using (leases.Fetching(driver)) Assert.Equal(0, leases.Sweep());   // renewing, so waiting on it is fine
    }

    [Fact]
    public void CancelledTasksAndForeignDriversAreRefused()
    {
        var leases = new DriverLeases(TimeSpan.FromSeconds(10));
        Guid driver = Guid.NewGuid(), job = Guid.NewGuid();
        var state = leases.Enter(job, driver)!;
        leases.OnControl(Control.CancelTasks(driver, job, [new TaskKey(3)]));
        Assert.True(state.IsCancelled(new TaskKey(3)));
        Assert.False(state.IsCancelled(new TaskKey(4)));
        Assert.Null(leases.Enter(job, Guid.NewGuid()));   // another driver cannot claim the job
        leases.OnControl(Control.CancelJob(Guid.NewGuid(), job));   // nor cancel it
        Assert.NotNull(leases.Enter(job, driver));
    }
}
