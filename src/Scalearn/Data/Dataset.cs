using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Scalearn.Data;

/// <summary>
/// A table of numeric features (<see cref="X"/>), an optional numeric target (<see cref="Y"/>) and optional string
/// columns kept for categorical encoding. A target of text labels is held as codes: <see cref="Y"/> holds indices into
/// <see cref="ClassNames"/> (sorted as scikit-learn sorts string labels). Immutable by convention: views and content
/// hashes assume nobody writes to it.
/// </summary>
public sealed class Dataset
{
    private string? _contentHash;

    /// <param name="featureNames">Column names; null names them x0, x1, ... and marks the data as unnamed (<see cref="HasFeatureNames"/>).</param>
    /// <param name="classNames">Text class labels when <paramref name="y"/> holds codes 0..k-1 into them (sorted, distinct).</param>
    public Dataset(Matrix x, double[]? y = null, IReadOnlyList<string>? featureNames = null, string targetName = "target",
        string? name = null, IReadOnlyDictionary<string, string[]>? textColumns = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (y is not null && y.Length != x.Rows)
            throw new ArgumentException($"Target has {y.Length} values but X has {x.Rows} rows.", nameof(y));
        featureNames ??= new GeneratedFeatureNames(x.Cols);
        if (featureNames.Count != x.Cols)
            throw new ArgumentException($"{featureNames.Count} feature names for {x.Cols} columns.", nameof(featureNames));
        textColumns ??= new Dictionary<string, string[]>();
        foreach (var (col, values) in textColumns)
            if (values.Length != x.Rows)
                throw new ArgumentException($"Text column '{col}' has {values.Length} values but X has {x.Rows} rows.", nameof(textColumns));
        if (classNames is not null) CheckClassNames(classNames, y);
        X = x;
        Y = y;
        FeatureNames = featureNames;
        TargetName = targetName;
        Name = name;
        TextColumns = textColumns;
        ClassNames = classNames;
    }

    public Matrix X { get; }
    public double[]? Y { get; }
    public IReadOnlyList<string> FeatureNames { get; }
    public string TargetName { get; }
    public string? Name { get; }

    /// <summary>
    /// False when the feature names were made up (x0, x1, ...) because none were given, as for a bare
    /// <see cref="Matrix"/>: models then match columns by position only, as scikit-learn does for NumPy arrays.
    /// </summary>
    public bool HasFeatureNames => FeatureNames is not GeneratedFeatureNames;

    /// <summary>Non-numeric columns by name (only when the loader was asked to keep them).</summary>
    public IReadOnlyDictionary<string, string[]> TextColumns { get; }

    /// <summary>
    /// The text class labels of the target, sorted (ordinal, as NumPy sorts strings), when the target column held text:
    /// <see cref="Y"/> then holds each row's index into this list. Null for a numeric target.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; }

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
            sha.AppendData(Encoding.UTF8.GetBytes("\u0003" + col + "\u0004" + string.Join("\u0001", values.Select(v => v ?? "\u0000"))));
        if (ClassNames is not null) sha.AppendData(Encoding.UTF8.GetBytes("\u0005" + string.Join("\u0001", ClassNames)));
        if (!HasFeatureNames) sha.AppendData("\u0006"u8);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void CheckClassNames(IReadOnlyList<string> classNames, double[]? y)
    {
        if (y is null) throw new ArgumentException("Class names need a target of codes into them.", nameof(classNames));
        for (int k = 0; k < classNames.Count; k++)
        {
            if (classNames[k] is null) throw new ArgumentException($"Class name {k} is null.", nameof(classNames));
            if (k > 0 && string.CompareOrdinal(classNames[k - 1], classNames[k]) >= 0)
                throw new ArgumentException($"Class names must be distinct and sorted; '{classNames[k - 1]}' comes before '{classNames[k]}'.", nameof(classNames));
        }
        for (int i = 0; i < y.Length; i++)
            if (!(y[i] >= 0 && y[i] < classNames.Count && y[i] == Math.Floor(y[i])))
                throw new ArgumentException($"Target value {y[i]} at row {i} is not a code into the {classNames.Count} class names.", nameof(y));
    }

    public static implicit operator DataView(Dataset data) => data.All;
}
