namespace Scalearn.Linear;

/// <summary>
/// An epoch over unchecked rows (<see cref="SgdBatch.RowsUnchecked"/>) met a prediction that is not finite: some row
/// holds NaN or infinity, or the weights overflowed. Thrown before the model was changed.
/// </summary>
internal sealed class NonFiniteRowException() : Exception("A prediction was not finite.");
