using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.ModelSelection;

/// <summary>Produces the train/test splits of a dataset (scikit-learn's cv splitters).</summary>
public interface ICrossValidator
{
    int NSplits { get; }
    Folds Split(Dataset data);

    /// <summary>
    /// Splits with per-row values that are not features (scikit-learn's <c>groups</c>, a time column). Splitters
    /// that need none of them ignore them; <see cref="GroupKFold"/> and <see cref="TimeColumnSplit"/> need them.
    /// </summary>
    Folds Split(Dataset data, SplitColumns columns) => Split(data);
}
