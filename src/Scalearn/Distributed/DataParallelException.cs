namespace Scalearn.Distributed;

/// <summary>A data-parallel fit could not complete: a partition's task failed on every attempt (the message says why and where).</summary>
public sealed class DataParallelException(string message) : Exception(message);
