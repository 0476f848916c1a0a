using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Scalearn.ModelSelection;

public sealed record Split(int[] Train, int[] Test);

/// <summary>The train/test splits of one search; shipped to workers once, by content hash.</summary>
public sealed class Folds
{
    private string? _hash;

    public Folds(IReadOnlyList<Split> splits) => Splits = splits;

    public IReadOnlyList<Split> Splits { get; }
    public int Count => Splits.Count;
    public Split this[int index] => Splits[index];

    public string ContentHash => _hash ??= ComputeHash();

    private string ComputeHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var split in Splits)
        {
            sha.AppendData(BitConverter.GetBytes(split.Train.Length));
            sha.AppendData(MemoryMarshal.AsBytes(split.Train.AsSpan()));
            sha.AppendData(BitConverter.GetBytes(split.Test.Length));
            sha.AppendData(MemoryMarshal.AsBytes(split.Test.AsSpan()));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
