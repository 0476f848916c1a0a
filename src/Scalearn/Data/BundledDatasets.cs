namespace Scalearn.Data;

/// <summary>
/// The example datasets shipped as data/*.csv (digits, iris, breast_cancer, wine, diabetes) and any CSV or Parquet
/// path (by extension: .parquet is Parquet, anything else CSV).
/// Names are looked up in $SCALEARN_DATA, then AppContext.BaseDirectory/data, then data/ in the current directory and
/// its ancestors (so it works from the repository and from any build output that copies the files).
/// </summary>
public static class BundledDatasets
{
    public const string DataDirectoryVariable = "SCALEARN_DATA";

    /// <summary>Names of the datasets found in the search folders, sorted.</summary>
    public static IReadOnlyList<string> Names =>
        SearchFolders().Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.csv").Concat(Directory.EnumerateFiles(d, "*.parquet")))
            .Select(f => Path.GetFileNameWithoutExtension(f).ToLowerInvariant())
            .Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Loads an existing CSV or Parquet file, or a bundled dataset by name (case-insensitive, ".csv" optional,
    /// ".parquet" to pick a Parquet copy).
    /// </summary>
    public static Dataset Load(string nameOrPath, string? target = "target")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        var options = new CsvOptions { Target = target };
        var path = File.Exists(nameOrPath) ? nameOrPath : Resolve(nameOrPath);
        return IsParquet(path) ? Tables.TableReader.Load(path, options.ToTableOptions()) : CsvLoader.Load(path, options);
    }

    private static bool IsParquet(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Full path of a bundled dataset (CSV unless the name ends in .parquet); throws a <see cref="FileNotFoundException"/> naming the known datasets and searched folders.</summary>
    public static string Resolve(string name)
    {
        var fileName = name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || IsParquet(name) ? name : name + ".csv";
        var folders = SearchFolders().ToArray();
        if (fileName.IndexOfAny(['/', '\\']) < 0)
        {
            foreach (var folder in folders.Where(Directory.Exists))
            {
                var match = Directory.EnumerateFiles(folder, "*" + Path.GetExtension(fileName))
                    .FirstOrDefault(f => string.Equals(Path.GetFileName(f), fileName, StringComparison.OrdinalIgnoreCase));
                if (match is not null) return match;
            }
        }
        var known = Names;
        throw new FileNotFoundException(
            $"Unknown dataset '{name}': it is not an existing file and not a bundled dataset. " +
            $"Known datasets: {(known.Count == 0 ? "(none found)" : string.Join(", ", known))}. " +
            $"Folders searched: {string.Join(", ", folders)}. Set {DataDirectoryVariable} to add a folder.", name);
    }

    /// <summary>Rows, features and target kind, for a dataset listing.</summary>
    public static DatasetDescription Describe(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
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
