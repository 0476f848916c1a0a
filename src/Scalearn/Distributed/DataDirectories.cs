namespace Scalearn.Distributed;

/// <summary>
/// The directories whose files a worker reads when a driver names a file partition: SCALEARN_DATA_DIRS, a list separated
/// by the platform's path separator. Unset means none, so a worker never opens a path a message names unless its
/// operator allowed that directory. Paths are compared with every symbolic link resolved.
/// </summary>
public static class DataDirectories
{
    public const string Variable = "SCALEARN_DATA_DIRS";
    private const int MaxLinkDepth = 40;

    public static IReadOnlyList<string> Allowed =>
        (Environment.GetEnvironmentVariable(Variable) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => Path.TrimEndingDirectorySeparator(RealPath(Path.GetFullPath(d), 0)) + Path.DirectorySeparatorChar)
            .ToArray();

    /// <summary>Throws <see cref="InvalidDataException"/> unless <paramref name="path"/> lies under an allowed directory.</summary>
    public static void Require(string path)
    {
        var allowed = Allowed;
        if (allowed.Count == 0)
            throw new InvalidDataException($"This worker reads no data files: set {Variable} to the shared directories it may read (it was asked for {path}).");
        string full = RealPath(Path.GetFullPath(path), 0);
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!allowed.Any(root => full.StartsWith(root, comparison)))
            throw new InvalidDataException($"{path} is not under a directory this worker may read ({Variable}: {string.Join(Path.PathSeparator, allowed)}).");
    }

    /// <summary>The path with each component's symbolic link followed (components that do not exist are kept as they are).</summary>
    private static string RealPath(string full, int depth)
    {
        if (depth > MaxLinkDepth) throw new InvalidDataException($"Too many levels of symbolic links in {full}.");
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            current = info.LinkTarget is null ? next : RealPath(Path.GetFullPath(info.LinkTarget, current), depth + 1);
        }
        return current;
    }
}
