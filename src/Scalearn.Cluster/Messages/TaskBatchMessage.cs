namespace Scalearn.Cluster.Messages;

/// <summary>
/// Several fit tasks of one batch. Tasks are FitTask JSON strings (see Wire.TaskJson) and refer to the dataset and folds
/// only by content hash; workers fetch those blobs from <see cref="ReplyTo"/> once and cache them.
/// </summary>
public sealed record TaskBatchMessage
{
    public Guid BatchId { get; init; }
    public int Sequence { get; init; }
    public string DatasetHash { get; init; } = "";
    public string FoldsHash { get; init; } = "";
    /// <summary>The driver's queue ("queue:name"): results and blob requests go there.</summary>
    public string ReplyTo { get; init; } = "";
    public string[] Tasks { get; init; } = [];
}
