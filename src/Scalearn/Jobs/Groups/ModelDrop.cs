using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Scalearn.Jobs;

/// <summary>
/// A folder where the tasks of one job leave the model files they fit instead of sending their bytes back, when the
/// task's process sees that folder: the same machine, or a mount the workers share with the driver (as Spark's
/// per-group UDFs write models to shared storage). The driver puts a marker file named after a random token in it; a
/// task writes only where it finds that marker, so a worker that sees another folder under the same path (or none)
/// sends the bytes as before, and a task never writes where its driver could not. A task's files are named
/// <c>.TOKEN-GUID.partial.scalearn</c>; the driver takes each one over under its final name, and disposing removes
/// the marker and every file of the token nobody took over (those of a task run twice, or of a run that failed). The
/// marker names its driver's host, process id and start time: opening a drop sweeps away the marker and files a driver of
/// this host left when it was killed.
/// </summary>
public sealed partial class ModelDrop : IDisposable
{
    private const string Extension = ".partial.scalearn";

    private ModelDrop(string folder, string token)
    {
        Folder = folder;
        Token = token;
    }

    public string Folder { get; }

    /// <summary>32 lowercase hex digits, the marker's and the files' name.</summary>
    public string Token { get; }

    /// <summary>
    /// Creates <paramref name="folder"/> if needed, removes what killed drivers of this host left there, and puts this
    /// job's marker in it.
    /// </summary>
    public static ModelDrop Open(string folder)
    {
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        SweepAbandoned(folder);
        var drop = new ModelDrop(folder, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        File.WriteAllText(MarkerPath(folder, drop.Token), Owner());
        return drop;
    }

    /// <summary>Removes the markers (and their files) whose driver ran on this host and is no longer running.</summary>
    private static void SweepAbandoned(string folder)
    {
        foreach (var marker in Directory.EnumerateFiles(folder, MarkerPrefix + "*"))
        {
            string token = Path.GetFileName(marker)[MarkerPrefix.Length..];
            if (!TokenPattern().IsMatch(token)) continue;
            string owner;
            try
            {
                owner = File.ReadAllText(marker);
            }
            catch (IOException)
            {
                continue;
            }
            var lines = owner.Split('\n');
            if (lines.Length != 3 || lines[0] != Environment.MachineName || !int.TryParse(lines[1], out int pid) || !long.TryParse(lines[2], out long started)) continue;
            // Start times are compared loosely: the runtime derives them from the boot time, which it may compute to the second.
            if (StartTicks(pid) is { } now && Math.Abs(now - started) < TimeSpan.TicksPerSecond * 2) continue;
            new ModelDrop(folder, token).Dispose();
        }
    }

    /// <summary>The marker's content: this host, this process's id and its start time.</summary>
    private static string Owner() =>
        $"{Environment.MachineName}\n{Environment.ProcessId}\n{StartTicks(Environment.ProcessId)?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>When the process started (UTC ticks), or null when it is not running.</summary>
    private static long? StartTicks(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// A task's side: writes <paramref name="model"/> as a new file of the job in <paramref name="folder"/> and returns its
    /// name, or null when this process does not see the job's marker there or cannot write (the bytes then go back).
    /// </summary>
    public static string? TryWrite(string folder, string token, byte[] model)
    {
        if (!TokenPattern().IsMatch(token) || !Path.IsPathFullyQualified(folder) || !File.Exists(MarkerPath(folder, token))) return null;
        string name = $".{token}-{Guid.NewGuid():N}{Extension}";
        try
        {
            WriteNew(Path.Combine(folder, name), model);
            return name;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(Path.Combine(folder, name));
            return null;
        }
    }

    /// <summary>
    /// The driver's side, for the bytes of a task that could not write here: writes <paramref name="model"/> as a new file
    /// of the job and returns its full path. It is named as a task's file is, so disposing the drop, or the next drop
    /// opened here after this driver was killed, removes it unless it was taken over.
    /// </summary>
    public string Write(byte[] model)
    {
        string path = Path.Combine(Folder, $".{Token}-{Guid.NewGuid():N}{Extension}");
        WriteNew(path, model);
        return path;
    }

    /// <summary>CreateNew: never through a file or link already there.</summary>
    private static void WriteNew(string path, byte[] model)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        file.Write(model);
    }

    /// <summary>The full path of a file a task says it wrote; throws <see cref="InvalidDataException"/> for a name that is not one of this job's files or a file that is not there.</summary>
    public string PathOf(string name)
    {
        if (!name.StartsWith('.' + Token + '-', StringComparison.Ordinal) || !FilePattern().IsMatch(name))
            throw new InvalidDataException($"'{name}' is not a model file of this job.");
        string path = Path.Combine(Folder, name);
        if (!File.Exists(path)) throw new InvalidDataException($"the model file {path} a task wrote is not there (does the worker see another folder at {Folder}?).");
        return path;
    }

    /// <summary>Removes the marker, then every file of this job still under its written name.</summary>
    public void Dispose()
    {
        File.Delete(MarkerPath(Folder, Token));
        if (!Directory.Exists(Folder)) return;
        foreach (var file in Directory.EnumerateFiles(Folder, $".{Token}-*{Extension}"))
            File.Delete(file);
    }

    private const string MarkerPrefix = ".scalearn-drop-";

    private static string MarkerPath(string folder, string token) => Path.Combine(folder, MarkerPrefix + token);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^\.[0-9a-f]{32}-[0-9a-f]{32}\.partial\.scalearn$")]
    private static partial Regex FilePattern();
}
