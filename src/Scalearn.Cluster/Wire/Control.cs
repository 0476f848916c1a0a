using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Cluster.Wire;

internal enum ControlType : byte
{
    /// <summary>The driver is alive and holds <see cref="Control.Jobs"/> for <see cref="Control.ValidMs"/>; its other jobs are over.</summary>
    Lease = 1,
    /// <summary>Drop every task of <see cref="Control.Job"/>.</summary>
    CancelJob = 2,
    /// <summary>Drop tasks <see cref="Control.Keys"/> of <see cref="Control.Job"/>.</summary>
    CancelTasks = 3,
    /// <summary>A driver just connected: send a heartbeat now.</summary>
    Hello = 4,
}

/// <summary>The body of a control message from a driver to every worker.</summary>
internal sealed record Control(ControlType Type, Guid Driver, long SentAt, IReadOnlyList<Guid> Jobs, long ValidMs, Guid Job, IReadOnlyList<TaskKey> Keys)
{
    public static Control Lease(Guid driver, IReadOnlyList<Guid> jobs, TimeSpan valid) => new(ControlType.Lease, driver, WireLimits.Now, jobs, (long)valid.TotalMilliseconds, Guid.Empty, []);
    public static Control CancelJob(Guid driver, Guid job) => new(ControlType.CancelJob, driver, WireLimits.Now, [], 0, job, []);
    public static Control CancelTasks(Guid driver, Guid job, IReadOnlyList<TaskKey> keys) => new(ControlType.CancelTasks, driver, WireLimits.Now, [], 0, job, keys);
    public static Control Hello(Guid driver) => new(ControlType.Hello, driver, WireLimits.Now, [], 0, Guid.Empty, []);

    public byte[] Encode()
    {
        var w = new WireWriter();
        w.Byte((byte)Type);
        w.Guid(Driver);
        w.Int64(SentAt);
        w.Int32(Jobs.Count);
        foreach (var job in Jobs) w.Guid(job);
        w.Int64(ValidMs);
        w.Guid(Job);
        w.Int32(Keys.Count);
        foreach (var key in Keys) w.Int64(key.Value);
        return w.ToArray();
    }

    public static Control Decode(byte[] body)
    {
        var r = new WireReader(body);
        var type = (ControlType)r.Byte();
        if (!Enum.IsDefined(type)) throw new InvalidDataException($"Unknown control message type {(byte)type}.");
        var driver = r.Guid();
        long sentAt = r.Int64();
        int jobCount = r.Int32(0, WireLimits.MaxJobsPerLease, "Job count");
        var jobs = new Guid[jobCount];
        for (int i = 0; i < jobCount; i++) jobs[i] = r.Guid();
        long valid = r.Int64();
        if (valid is < 0 or > 3_600_000) throw new InvalidDataException($"Lease of {valid} ms is out of range.");
        var job = r.Guid();
        int keyCount = r.Int32(0, WireLimits.MaxTasksPerMessage, "Key count");
        var keys = new TaskKey[keyCount];
        for (int i = 0; i < keyCount; i++) keys[i] = new TaskKey(r.Int64());
        r.End();
        return new Control(type, driver, sentAt, jobs, valid, job, keys);
    }
}
