using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.ModelSelection;

/// <summary>Produces the train/test splits of a dataset (scikit-learn's cv splitters).</summary>
public interface ICrossValidator
{
    int NSplits { get; }
    Folds Split(Dataset data);
}
