namespace Scalearn.Data.Tables;

/// <summary>How a column's values are stored: doubles (NaN for missing), 64-bit integers, or strings (null for missing).</summary>
public enum ColumnKind { Double, Long, String }

/// <summary>What a reader does with a column.</summary>
public enum ColumnRole
{
    /// <summary>A numeric input of the model: a column of <see cref="Dataset.X"/>.</summary>
    Feature,
    /// <summary>The numeric target: <see cref="Dataset.Y"/>.</summary>
    Target,
    /// <summary>A text input kept for categorical encoding: <see cref="Dataset.TextColumns"/>.</summary>
    Text,
    /// <summary>Carried along untouched (row ids, keys to copy into predictions): <see cref="TableChunk.Passthrough"/>.</summary>
    Passthrough,
    /// <summary>The column that splits rows into groups (per-group models): <see cref="TableChunk.Group"/>.</summary>
    Group,
    /// <summary>Not read.</summary>
    Excluded,
}
