using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Distributed;
using Scalearn.Execution.Wire;

namespace Scalearn.Jobs;

/// <summary>
/// Groups packed into one shared input: the feature and target names, the text class labels the targets are codes
/// into (if the target column holds text), then per group its key, rows and target.
/// </summary>
public sealed class GroupBlock(IReadOnlyList<string> featureNames, string targetName, IReadOnlyList<GroupBlock.Group> groups,
    IReadOnlyList<string>? classNames = null)
{
    public sealed record Group(string Key, Matrix X, double[] Y);

    public IReadOnlyList<string> FeatureNames { get; } = featureNames;
    public string TargetName { get; } = targetName;
    public IReadOnlyList<Group> Groups { get; } = groups;
    public IReadOnlyList<string>? ClassNames { get; } = classNames;

    public byte[] Encode()
    {
        var writer = new WireWriter();
        writer.Strings(FeatureNames);
        writer.String(TargetName);
        writer.Bool(ClassNames is not null);
        if (ClassNames is not null) writer.Strings(ClassNames);
        writer.Int32(Groups.Count);
        foreach (var g in Groups)
        {
            writer.String(g.Key);
            writer.Int32(g.X.Rows);
            writer.Doubles(g.X.Values);
            writer.Doubles(g.Y);
        }
        return writer.ToArray();
    }

    /// <summary>
    /// The groups named by <paramref name="keys"/> (in that order), read from a partition of the data file chunk by chunk:
    /// only those groups' rows are kept, in file order.
    /// </summary>
    public static GroupBlock Read(TablePartitionSource source, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var rows = keys.ToDictionary(k => k, _ => (X: new List<double>(), Y: new List<double>()), StringComparer.Ordinal);
        using var reader = TableReader.Open(source.Partition, source.Options);
        if (reader.Schema.Group is null) throw new InvalidDataException($"{source} is read without a group column.");
        foreach (var chunk in reader.Chunks())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunkKeys = GroupTrainer.GroupKeys(chunk.Group!);
            for (int i = 0; i < chunkKeys.Length; i++)
            {
                if (!rows.TryGetValue(chunkKeys[i], out var group)) continue;
                foreach (var v in chunk.Data.X.Row(i)) group.X.Add(v);
                group.Y.Add(chunk.Data.Y![i]);
            }
        }
        var names = reader.Schema.FeatureNames;
        var groups = keys.Select(k =>
        {
            var (x, y) = rows[k];
            if (y.Count == 0) throw new InvalidDataException($"{source} has no row of group '{k}'.");
            return new Group(k, new Matrix(x.ToArray(), y.Count, names.Count), y.ToArray());
        }).ToArray();
        return new GroupBlock(names, reader.Schema.Target!.Name, groups);
    }

    /// <summary>Reads a block from untrusted bytes; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    public static GroupBlock Decode(byte[] bytes)
    {
        var reader = new WireReader(bytes);
        var names = reader.Strings(RowBlock.MaxColumns);
        string target = reader.String(4096);
        var classNames = reader.Bool() ? reader.Strings(1 << 20) : null;
        int count = reader.Int32(0, 1 << 24, "Group count");
        var groups = new Group[count];
        for (int i = 0; i < count; i++)
        {
            string key = reader.String(1 << 16);
            int rows = reader.Int32(0, int.MaxValue, "Rows");
            var x = reader.Doubles();
            var y = reader.Doubles();
            if ((long)rows * names.Length != x.LongLength || y.Length != rows)
                throw new InvalidDataException($"Group '{key}' has {x.Length} values and {y.Length} targets for {rows} rows of {names.Length} features.");
            groups[i] = new Group(key, new Matrix(x, rows, names.Length), y);
        }
        reader.End();
        return new GroupBlock(names, target, groups, classNames);
    }
}
