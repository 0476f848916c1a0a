namespace Scalearn.Linear;

/// <summary>
/// Rows for the SGD epoch loop: row-major features (position i is row SourceRows[i], or row i when SourceRows is
/// null), one target per position (+1/-1 for a binary problem) and the training positions, which each epoch
/// shuffles in place. Rows left out of <see cref="Order"/> (a validation split) are never trained on.
/// </summary>
internal readonly record struct SgdBatch(
    double[] X,
    int Features,
    int[]? SourceRows,
    double[] Targets,
    int[] Order,
    double WeightPositive,
    double WeightNegative)
{
    /// <summary>
    /// The features were not checked for NaN or infinity: the epoch checks every prediction instead and throws
    /// <see cref="NonFiniteRowException"/>, before the model changes, when one is not finite.
    /// </summary>
    public bool RowsUnchecked { get; init; }

    public ReadOnlySpan<double> Row(int position)
    {
        int row = SourceRows is null ? position : SourceRows[position];
        return new ReadOnlySpan<double>(X, row * Features, Features);
    }
}
