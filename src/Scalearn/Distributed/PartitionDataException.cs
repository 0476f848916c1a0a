namespace Scalearn.Distributed;

/// <summary>
/// A partition's data cannot be trained on (a non-finite value, a missing target, a column count that differs from the
/// other partitions, a file that does not parse). The message names the partition and, where it applies, the row
/// (counted in the whole dataset) and the column. Such a failure is deterministic, so the training stops at once
/// instead of retrying the partition elsewhere.
/// </summary>
public sealed class PartitionDataException(string message) : ArgumentException(message);
