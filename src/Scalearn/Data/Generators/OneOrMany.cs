namespace Scalearn.Data.Generators;

/// <summary>
/// A generator parameter that scikit-learn accepts either as one value for all or as one value per item (make_blobs'
/// n_samples and cluster_std): <c>nSamples: 500</c> or <c>nSamples: new[] { 100, 400 }</c>.
/// </summary>
public sealed class OneOrMany<T>
{
    private OneOrMany(T? single, T[]? many)
    {
        Single = single;
        Many = many;
    }

    public T? Single { get; }

    /// <summary>The per-item values, or null when one value applies to all.</summary>
    public T[]? Many { get; }

    public static implicit operator OneOrMany<T>(T value) => new(value, null);

    public static implicit operator OneOrMany<T>(T[] values) => new(default, values ?? throw new ArgumentNullException(nameof(values)));

    /// <summary>The value for item <paramref name="index"/>.</summary>
    public T At(int index) => Many is null ? Single! : Many[index];

    public override string ToString() => Many is null ? $"{Single}" : "[" + string.Join(", ", Many) + "]";
}
