using Scalearn.Jobs;
using Scalearn.Tests.Data.Tables;

namespace Scalearn.Tests.Jobs;

public sealed class ModelDropTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public void A_task_that_sees_the_marker_writes_the_bytes_under_a_name_the_driver_takes()
    {
        using var drop = ModelDrop.Open(_files.Path("models"));
        byte[] model = [1, 2, 3, 250];

        string? name = ModelDrop.TryWrite(drop.Folder, drop.Token, model);

        Assert.NotNull(name);
        Assert.DoesNotContain(Path.DirectorySeparatorChar, name);
        Assert.Equal(model, File.ReadAllBytes(drop.PathOf(name)));
        Assert.NotEqual(name, ModelDrop.TryWrite(drop.Folder, drop.Token, model));
    }

    [Fact]
    public void Without_the_marker_or_with_a_bad_token_or_a_relative_folder_nothing_is_written()
    {
        using var drop = ModelDrop.Open(_files.Path("models"));
        using var other = ModelDrop.Open(_files.Path("other"));

        Assert.Null(ModelDrop.TryWrite(drop.Folder, other.Token, [1]));          // another job's marker is elsewhere
        Assert.Null(ModelDrop.TryWrite(drop.Folder, "../" + drop.Token, [1]));
        Assert.Null(ModelDrop.TryWrite(Path.GetRelativePath(Environment.CurrentDirectory, drop.Folder), drop.Token, [1]));
        Assert.Null(ModelDrop.TryWrite(_files.Path("absent"), drop.Token, [1]));
        Assert.Single(Directory.GetFiles(drop.Folder));   // the marker alone
        Assert.False(Directory.Exists(_files.Path("absent")));
    }

    /// <summary>A driver killed mid-job leaves its marker and files; the next drop opened there removes them, and only them.</summary>
    [Fact]
    public void Opening_a_drop_sweeps_what_a_killed_driver_of_this_host_left_and_nothing_else()
    {
        string folder = _files.Path("models");
        Directory.CreateDirectory(folder);
        using var ended = System.Diagnostics.Process.Start("/bin/true")!;
        ended.WaitForExit();
        long thisStart = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime().Ticks;
        string host = Environment.MachineName;
        var owners = new Dictionary<string, string>
        {
            ["dead"] = $"{host}\n{ended.Id}\n{DateTime.UtcNow.Ticks}",
            ["reused"] = $"{host}\n{Environment.ProcessId}\n{thisStart - TimeSpan.TicksPerHour}",   // the id now belongs to another process
            ["live"] = $"{host}\n{Environment.ProcessId}\n{thisStart}",
            ["elsewhere"] = $"another-host-{Guid.NewGuid():N}\n{ended.Id}\n{DateTime.UtcNow.Ticks}",
            ["unsigned"] = "",   // written before markers named their driver
        };
        var tokens = owners.Keys.ToDictionary(k => k, _ => Guid.NewGuid().ToString("N"));
        foreach (var (who, token) in tokens)
        {
            File.WriteAllText(Path.Combine(folder, ".scalearn-drop-" + token), owners[who]);
            File.WriteAllBytes(Path.Combine(folder, $".{token}-{Guid.NewGuid():N}.partial.scalearn"), [1]);
        }
        File.WriteAllBytes(Path.Combine(folder, "3.scalearn"), [2]);

        using var drop = ModelDrop.Open(folder);

        string[] left = [.. Directory.GetFiles(folder).Select(Path.GetFileName)!];
        foreach (var (who, token) in tokens)
        {
            bool kept = who is "live" or "elsewhere" or "unsigned";
            Assert.Equal(kept ? 2 : 0, left.Count(f => f!.Contains(token)));
        }
        Assert.Contains("3.scalearn", left);
        Assert.Contains(".scalearn-drop-" + drop.Token, left);
        var marker = File.ReadAllText(Path.Combine(folder, ".scalearn-drop-" + drop.Token)).Split('\n');
        Assert.Equal([host, Environment.ProcessId.ToString()], marker[..2]);
        Assert.InRange(long.Parse(marker[2]), thisStart - TimeSpan.TicksPerSecond, thisStart + TimeSpan.TicksPerSecond);
    }

    /// <summary>
    /// The bytes of tasks that could not write into the folder (a worker on another machine) are written by the driver;
    /// a driver killed mid-job leaves those too, and the next drop opened there removes them with the rest.
    /// </summary>
    [Fact]
    public void The_files_the_driver_wrote_are_the_jobs_and_are_swept_when_it_was_killed()
    {
        string folder = _files.Path("models");
        var killed = ModelDrop.Open(folder);
        string written = killed.Write([1, 2, 3]);
        Assert.Equal(folder, Path.GetDirectoryName(written));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(written));
        using var ended = System.Diagnostics.Process.Start("/bin/true")!;
        ended.WaitForExit();
        File.WriteAllText(Path.Combine(folder, ".scalearn-drop-" + killed.Token), $"{Environment.MachineName}\n{ended.Id}\n{DateTime.UtcNow.Ticks}");

        using var next = ModelDrop.Open(folder);

        Assert.Equal([".scalearn-drop-" + next.Token], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void The_driver_refuses_a_name_that_is_not_a_file_of_its_job()
    {
        using var drop = ModelDrop.Open(_files.Path("models"));
        using var other = ModelDrop.Open(_files.Path("models"));
        string theirs = ModelDrop.TryWrite(other.Folder, other.Token, [1])!;
        File.WriteAllBytes(_files.Path("outside.scalearn"), [1]);

        Assert.Throws<InvalidDataException>(() => drop.PathOf(theirs));
        Assert.Throws<InvalidDataException>(() => drop.PathOf("../outside.scalearn"));
        Assert.Throws<InvalidDataException>(() => drop.PathOf($".{drop.Token}-../../outside.scalearn"));
        var missing = Assert.Throws<InvalidDataException>(() => drop.PathOf($".{drop.Token}-{Guid.NewGuid():N}.partial.scalearn"));
        Assert.Contains("is not there", missing.Message);
    }

    [Fact]
    public void Disposing_removes_the_marker_and_the_files_nobody_took_over_and_nothing_else()
    {
        var drop = ModelDrop.Open(_files.Path("models"));
        string taken = drop.PathOf(ModelDrop.TryWrite(drop.Folder, drop.Token, [1])!);
        string left = drop.PathOf(ModelDrop.TryWrite(drop.Folder, drop.Token, [2])!);
        File.Move(taken, Path.Combine(drop.Folder, "a.scalearn"));
        File.WriteAllBytes(Path.Combine(drop.Folder, "b.scalearn"), [3]);

        drop.Dispose();

        Assert.False(File.Exists(left));
        Assert.Equal(["a.scalearn", "b.scalearn"], Directory.GetFiles(drop.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Null(ModelDrop.TryWrite(drop.Folder, drop.Token, [4]));   // a task still running after the job ended
    }

    public void Dispose() => _files.Dispose();
}
