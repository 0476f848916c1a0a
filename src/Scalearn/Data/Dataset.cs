using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Scalearn.Data;

/// <summary>
/// A table of numeric features (<see cref="X"/>), an optional numeric target (<see cref="Y"/>) and optional string
/// columns kept for categorical encoding. Immutable by convention: views and content hashes assume nobody writes to it.
/// </summary>
public sealed class Dataset
{
    private string? _contentHash;

    public Dataset(Matrix x, double[]? y = null, IReadOnlyList<string>? featureNames = null, string targetName = "target",
        string? name = null, IReadOnlyDictionary<string, string[]>? textColumns = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (y is not null && y.Length != x.Rows)
            throw new ArgumentException($"Target has {y.Length} values but X has {x.Rows} rows.", nameof(y));
        featureNames ??= Enumerable.Range(0, x.Cols).Select(i => $"x{i}").ToArray();
        if (featureNames.Count != x.Cols)
            throw new ArgumentException($"{featureNames.Count} feature names for {x.Cols} columns.", nameof(featureNames));
        textColumns ??= new Dictionary<string, string[]>();
        foreach (var (col, values) in textColumns)
            if (values.Length != x.Rows)
                throw new ArgumentException($"Text column '{col}' has {values.Length} values but X has {x.Rows} rows.", nameof(textColumns));
        X = x;
        Y = y;
        FeatureNames = featureNames;
        TargetName = targetName;
        Name = name;
        TextColumns = textColumns;
    }

    public Matrix X { get; }
    public double[]? Y { get; }
    public IReadOnlyList<string> FeatureNames { get; }
    public string TargetName { get; }
    public string? Name { get; }

    /// <summary>Non-numeric columns by name (only when the loader was asked to keep them).</summary>
    public IReadOnlyDictionary<string, string[]> TextColumns { get; }

    public int Count => X.Rows;
    public int FeatureCount => X.Cols;

    public DataView All => new(this, null);

    /// <summary>A view of the given rows; no data is copied.</summary>
    public DataView Rows(int[] rows) => new(this, rows);

    public double[] RequireTarget() =>
        Y ?? throw new InvalidOperationException($"Dataset '{Name ?? "(unnamed)"}' has no target column.");

    /// <summary>SHA-256 over shape, names and values: the identity used to ship a dataset to workers once.</summary>
    public string ContentHash => _contentHash ??= ComputeHash();

    private string ComputeHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(BitConverter.GetBytes(X.Rows));
        sha.AppendData(BitConverter.GetBytes(X.Cols));
        sha.AppendData(Encoding.UTF8.GetBytes(string.Join("\u0001", FeatureNames) + "\u0002" + TargetName));
        sha.AppendData(MemoryMarshal.AsBytes(X.Values.AsSpan()));
        if (Y is not null) sha.AppendData(MemoryMarshal.AsBytes(Y.AsSpan()));
        foreach (var (col, values) in TextColumns.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sha.AppendData(Encoding.UTF8.GetBytes("\u0003" + col + "\u0004" + string.Join("\u0001", values)));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static implicit operator DataView(Dataset data) => data.All;
}
