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
