using System.Text.Json;
using System.Text.Json.Serialization;
using Scalearn.Data.Tables;

namespace Scalearn.Jobs;

/// <summary>
/// A fit-groups output folder as prediction reads it: <c>groups.csv</c> (each group's status) and <c>fit-groups.json</c>
/// (the group-by column, and per group its model file under <c>models/</c> and, for classifiers, its classes). Only this
/// index is held; the models stay on disk until a task needs one.
/// </summary>
public sealed class GroupModels
{
    public const string TableName = "groups.csv";
    public const string ManifestName = "fit-groups.json";

    /// <summary>One group: its model file (null when its fit failed) and its classes (null for a regressor).</summary>
    public sealed record Entry(string Key, bool Ok, string? ModelPath, double[]? Classes);

    private readonly Dictionary<string, Entry> _groups;

    private GroupModels(string folder, string groupBy, bool? textKeys, Dictionary<string, Entry> groups)
    {
        Folder = folder;
        GroupBy = groupBy;
        TextKeys = textKeys;
        _groups = groups;
    }

    public string Folder { get; }

    /// <summary>The column fit-groups split the rows by; prediction routes each row by the same column.</summary>
    public string GroupBy { get; }

    /// <summary>
    /// Whether the group column held text when the groups were fitted (so "01" and "1" are two groups, as in pandas), or
    /// numbers (so "01", "1.0" and "1" are group 1); null for a manifest written before scalearn recorded it.
    /// Prediction reads the column of its own file the same way, whatever that file's cells look like.
    /// </summary>
    public bool? TextKeys { get; }

    public IReadOnlyCollection<Entry> Groups => _groups.Values;

    /// <summary>Each row's group key, the group column read as the fit read it (see <see cref="TextKeys"/>).</summary>
    public string[] Keys(TableColumn column) =>
        TextKeys == false ? GroupTrainer.NumericGroupKeys(column) : GroupTrainer.GroupKeys(column);

    public Entry? Find(string key) => _groups.GetValueOrDefault(key);

    /// <summary>Whether <paramref name="path"/> is a fit-groups output folder (a directory holding groups.csv).</summary>
    public static bool IsFolder(string path) => Directory.Exists(path) && File.Exists(Path.Combine(path, TableName));

    public static GroupModels Open(string folder)
    {
        string manifestPath = Path.Combine(folder, ManifestName);
        if (!File.Exists(manifestPath))
            throw new ArgumentException($"{folder} has {TableName} but no {ManifestName}: it was written by an older scalearn; run fit-groups again to predict with it.");
        Manifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(manifestPath), Json) ?? throw new InvalidDataException("empty");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"{manifestPath} is not a valid fit-groups manifest: {e.Message}", e);
        }
        var files = manifest.Groups.ToDictionary(g => g.Group, StringComparer.Ordinal);
        var table = TableReader.ReadAll(Path.Combine(folder, TableName), TableOptions.AllColumns with { TextColumns = ["group", "status"] });
        var keys = Column(table, "group", folder);
        var status = Column(table, "status", folder);
        var groups = new Dictionary<string, Entry>(StringComparer.Ordinal);
        for (int i = 0; i < keys.Length; i++)
        {
            string key = keys[i] ?? "";
            bool ok = status[i] == "ok";
            if (!ok && status[i] != "failed")
                throw new InvalidDataException($"{Path.Combine(folder, TableName)}, group '{key}': status '{status[i]}' is neither 'ok' nor 'failed'.");
            string? model = null;
            double[]? classes = null;
            if (ok)
            {
                if (!files.TryGetValue(key, out var file) || file.Model is null)
                    throw new InvalidDataException($"{manifestPath} names no model file for group '{key}', which {TableName} lists as fitted.");
                model = Path.GetFullPath(Path.Combine(folder, file.Model));
                if (!model.StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new InvalidDataException($"{manifestPath}: the model of group '{key}' ({file.Model}) lies outside {folder}.");
                classes = file.Classes;
            }
            groups[key] = new Entry(key, ok, model, classes);
        }
        bool? textKeys = manifest.GroupKeys switch
        {
            null => null,
            TextKeyKind => true,
            NumberKeyKind => false,
            var other => throw new InvalidDataException($"{manifestPath}: group_keys '{other}' is neither '{TextKeyKind}' nor '{NumberKeyKind}'."),
        };
        return new GroupModels(folder, manifest.GroupBy, textKeys, groups);
    }

    private static string?[] Column(TableChunk table, string name, string folder) =>
        table.Passthrough.FirstOrDefault(c => c.Name == name) is StringColumn s ? s.Values
        : throw new InvalidDataException($"{Path.Combine(folder, TableName)} has no '{name}' column.");

    /// <summary>Writes the manifest that prediction needs beside groups.csv (written whole, then renamed into place).</summary>
    /// <param name="textKeys">Whether the group column held text (see <see cref="TextKeys"/>); null records nothing (keys are matched as spelled).</param>
    public static void WriteManifest(string folder, string groupBy, string target, IEnumerable<(string Key, string? ModelFile, double[]? Classes)> groups,
        bool? textKeys = null)
    {
        var manifest = new Manifest(groupBy, target, groups.Select(g => new ManifestGroup(g.Key, g.ModelFile, g.Classes)).ToArray(),
            textKeys switch { true => TextKeyKind, false => NumberKeyKind, null => null });
        using var file = new AtomicOutput(Path.Combine(folder, ManifestName));
        File.WriteAllBytes(file.TempPath, JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
        file.Commit();
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true, RespectNullableAnnotations = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private const string TextKeyKind = "text", NumberKeyKind = "number";

    /// <summary><paramref name="GroupKeys"/>: "text" or "number" (null in manifests of older versions).</summary>
    private sealed record Manifest(string GroupBy, string Target, ManifestGroup[] Groups, string? GroupKeys = null);

    /// <summary><paramref name="Model"/>: the model file relative to the folder, null when the fit failed.</summary>
    private sealed record ManifestGroup(string Group, string? Model, double[]? Classes);
}
