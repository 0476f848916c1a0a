namespace Scalearn.Data;

/// <summary>
/// The example datasets (digits, iris, breast_cancer, wine, diabetes), built into the Scalearn assembly so that
/// <c>Load("digits")</c> works in any project, and any CSV or Parquet path (by extension: .parquet is Parquet, anything
/// else CSV). A name is first looked up as a file in $SCALEARN_DATA, then AppContext.BaseDirectory/data, then data/ in
/// the current directory and its ancestors, and finally among the built-in datasets.
/// </summary>
public static class BundledDatasets
{
    public const string DataDirectoryVariable = "SCALEARN_DATA";

    /// <summary>Prefix of the manifest resource names of the built-in datasets (data/*.csv in the repository).</summary>
    private const string ResourcePrefix = "Scalearn.Data.Bundled.";

    /// <summary>Names of the built-in datasets and of the CSV files in the search folders, sorted.</summary>
    public static IReadOnlyList<string> Names =>
        SearchFolders().Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.csv").Concat(Directory.EnumerateFiles(d, "*.parquet")))
            .Select(f => Path.GetFileNameWithoutExtension(f).ToLowerInvariant())
            .Concat(BuiltInNames)
            .Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The datasets built into the assembly.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = typeof(BundledDatasets).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".csv", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".csv".Length]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Loads an existing CSV or Parquet file, or a bundled dataset by name (case-insensitive, ".csv" optional,
    /// ".parquet" to pick a Parquet copy).
    /// </summary>
    public static Dataset Load(string nameOrPath, string? target = "target") => Load(nameOrPath, new CsvOptions { Target = target });

    /// <summary>As <see cref="Load(string, string?)"/>, with the common loading options (text columns kept, missing values allowed).</summary>
    public static Dataset Load(string nameOrPath, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Load(nameOrPath, options.ToTableOptions());
    }

    /// <summary>
    /// As <see cref="Load(string, string?)"/>, with every column option of the table readers: which columns are
    /// features (<see cref="Tables.TableOptions.Features"/>, <see cref="Tables.TableOptions.Exclude"/>), which are read
    /// as text, the target's class labels, missing values.
    /// </summary>
    public static Dataset Load(string nameOrPath, Tables.TableOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        ArgumentNullException.ThrowIfNull(options);
        if ((File.Exists(nameOrPath) ? nameOrPath : FindFile(nameOrPath)) is { } path) return Tables.TableReader.Load(path, options);
        return LoadBuiltIn(nameOrPath, options) ?? throw NotFound(nameOrPath);
    }

    private static bool IsParquet(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>The built-in dataset of that name (case-insensitive, ".csv" optional), or null.</summary>
    internal static Dataset? LoadBuiltIn(string name, Tables.TableOptions options)
    {
        if (BuiltInName(name) is not { } builtIn) return null;
        using var stream = typeof(BundledDatasets).Assembly.GetManifestResourceStream(ResourcePrefix + builtIn + ".csv")!;
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return Csv.CsvTableReader.ReadAll(Csv.CsvInput.Text(reader.ReadToEnd(), builtIn + ".csv"), options).Data;
    }

    /// <summary>
    /// Full path of a dataset's file in the search folders (CSV unless the name ends in .parquet); throws a <see cref="FileNotFoundException"/> naming the
    /// known datasets and searched folders (a built-in dataset has no path unless a folder holds a copy).
    /// </summary>
    public static string Resolve(string name) => FindFile(name) ?? throw NotFound(name);

    /// <summary>
    /// A file to stream: <paramref name="nameOrPath"/> itself when it exists, else the dataset's file in the search
    /// folders, else a built-in dataset's CSV written once (byte for byte) to a folder of this machine's temporary
    /// directory named after its content; throws a <see cref="FileNotFoundException"/> as <see cref="Resolve"/> does.
    /// </summary>
    public static string FilePath(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (File.Exists(nameOrPath)) return nameOrPath;
        if (FindFile(nameOrPath) is { } path) return path;
        return BuiltInName(nameOrPath) is { } builtIn ? BuiltInFile(builtIn) : throw NotFound(nameOrPath);
    }

    /// <summary>The path of a built-in dataset's CSV bytes, written on first use to a folder named after their hash.</summary>
    internal static string BuiltInFile(string builtIn)
    {
        byte[] bytes;
        using (var stream = typeof(BundledDatasets).Assembly.GetManifestResourceStream(ResourcePrefix + builtIn + ".csv")!)
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }
        string folder = Path.Combine(Path.GetTempPath(), "scalearn-datasets", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16]);
        string file = Path.Combine(folder, builtIn + ".csv");
        if (File.Exists(file) && new FileInfo(file).Length == bytes.Length) return file;
        Directory.CreateDirectory(folder);
        string partial = Path.Combine(folder, $"{builtIn}.{Guid.NewGuid():N}.partial");
        File.WriteAllBytes(partial, bytes);
        File.Move(partial, file, overwrite: true);   // another process writing the same bytes at the same time is harmless
        return file;
    }

    private static string? FindFile(string name)
    {
        var fileName = FileName(name);
        if (fileName.IndexOfAny(['/', '\\']) >= 0) return null;
        foreach (var folder in SearchFolders().Where(Directory.Exists))
        {
            var match = Directory.EnumerateFiles(folder, "*" + Path.GetExtension(fileName))
                .FirstOrDefault(f => string.Equals(Path.GetFileName(f), fileName, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
        }
        return null;
    }

    private static string? BuiltInName(string name)
    {
        var fileName = FileName(name);
        return BuiltInNames.FirstOrDefault(n => string.Equals(n + ".csv", fileName, StringComparison.OrdinalIgnoreCase));
    }

    private static string FileName(string name) => name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || IsParquet(name) ? name : name + ".csv";

    private static FileNotFoundException NotFound(string name)
    {
        var known = Names;
        return new FileNotFoundException(
            $"Unknown dataset '{name}': it is not an existing file, a CSV in the data folders or a built-in dataset. " +
            $"Known datasets: {(known.Count == 0 ? "(none found)" : string.Join(", ", known))}. " +
            $"Folders searched: {string.Join(", ", SearchFolders())}. Set {DataDirectoryVariable} to add a folder.", name);
    }

    /// <summary>Rows, features and target kind, for a dataset listing.</summary>
    public static DatasetDescription Describe(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.ClassNames is { } names)
            return new DatasetDescription(data.Name ?? "(unnamed)", data.Count, data.FeatureCount, TargetKind.Classification, names.Count);
        return new DatasetDescription(data.Name ?? "(unnamed)", data.Count, data.FeatureCount, TargetKindOf(data.Y), ClassCount(data.Y));
    }

    private static TargetKind TargetKindOf(double[]? y) => y is null ? TargetKind.None : ClassCount(y) is null ? TargetKind.Regression : TargetKind.Classification;

    /// <summary>
    /// A target is treated as class labels when all values are integers and there are few distinct ones relative to
    /// the rows (diabetes has integer targets but ~200 distinct values in 442 rows: regression).
    /// </summary>
    private static int? ClassCount(double[]? y)
    {
        if (y is null || y.Length == 0) return null;
        var distinct = new HashSet<double>();
        foreach (var v in y)
        {
            if (v != Math.Floor(v) || !double.IsFinite(v)) return null;
            distinct.Add(v);
        }
        int limit = Math.Max(2, Math.Min(100, y.Length / 5));
        return distinct.Count <= limit ? distinct.Count : null;
    }

    private static IEnumerable<string> SearchFolders()
    {
        var env = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(env)) yield return Path.GetFullPath(env);
        yield return Path.Combine(AppContext.BaseDirectory, "data");
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            yield return Path.Combine(dir.FullName, "data");
    }
}
