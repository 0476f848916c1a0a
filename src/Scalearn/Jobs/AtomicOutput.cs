namespace Scalearn.Jobs;

/// <summary>
/// An output file written under a temporary name beside its destination and renamed into place only once complete, so
/// a failed or cancelled job never leaves a partial file (nor destroys an earlier one).
/// </summary>
public sealed class AtomicOutput : IDisposable
{
    private bool _committed;

    public AtomicOutput(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(folder);
        // Same folder (rename stays atomic) and same extension (the writer picks CSV or Parquet by it).
        TempPath = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileNameWithoutExtension(Path)}.{Guid.NewGuid():N}.partial{System.IO.Path.GetExtension(Path)}");
    }

    public string Path { get; }

    /// <summary>Where to write meanwhile.</summary>
    public string TempPath { get; }

    public void Commit()
    {
        File.Move(TempPath, Path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        try { File.Delete(TempPath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
