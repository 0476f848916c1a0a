using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.Distributed.Rounds;

/// <summary>
/// One partition as a step sees it: its rows, where they sit in the whole dataset, and the state derived from them that
/// the process keeps between rounds (a layout built once, per-row assignments of a run). State is a cache, never the
/// only copy of anything: a step whose state was evicted, or that runs on a worker that never saw the partition
/// (its holder died), rebuilds it from the request, which always carries what that takes.
/// </summary>
internal sealed class PartitionContext
{
    private readonly ResidentCache _state;
    private readonly string _fitKey;
    private readonly string _partitionKey;

    private PartitionContext(Guid fit, int index, long firstRow, string id, string description, Dataset data, ResidentCache state, CancellationToken cancellation)
    {
        Index = index;
        FirstRow = firstRow;
        Description = description;
        Data = data;
        _state = state;
        _partitionKey = "dp:" + id + ":";
        _fitKey = _partitionKey + fit.ToString("N") + ":";
        Cancellation = cancellation;
    }

    public int Index { get; }

    /// <summary>Index of the partition's first row in the whole dataset.</summary>
    public long FirstRow { get; }

    public string Description { get; }
    public Dataset Data { get; }
    public int Rows => Data.Count;
    public CancellationToken Cancellation { get; }

    /// <summary>The partition's rows: the input itself, or read from its source once per process and kept with its state.</summary>
    public static PartitionContext Open(Guid fit, int index, long firstRow, string id, string description, object input, ResidentCache state, CancellationToken cancellation)
    {
        var data = input switch
        {
            Dataset d => d,
            IPartitionSource source => state.GetOrAdd("dp-rows:" + id, () =>
            {
                var loaded = Load(source, description, cancellation);
                return (loaded, 8L * loaded.Count * (loaded.FeatureCount + 1));
            }),
            _ => throw new InvalidDataException($"{description}: its input is a {input.GetType().Name}, neither a dataset nor a partition source."),
        };
        return new PartitionContext(fit, index, firstRow, id, description, data, state, cancellation);
    }

    private static Dataset Load(IPartitionSource source, string description, CancellationToken cancellation)
    {
        try
        {
            return source.Load(cancellation);
        }
        catch (Exception e) when (e is DataFormatException or InvalidDataException)
        {
            throw new PartitionDataException($"{description}: {e.Message}");
        }
    }

    /// <summary>State derived from the rows alone (kept across fits, e.g. a layout for the distance kernel).</summary>
    public T Derived<T>(string name, Func<(T Value, long Bytes)> create) where T : class => _state.GetOrAdd(_partitionKey + name, create);

    /// <summary>State of this fit (e.g. a run's per-row assignments), created when missing.</summary>
    public T FitState<T>(string name, Func<(T Value, long Bytes)> create) where T : class => _state.GetOrAdd(_fitKey + name, create);

    /// <summary>An error naming the partition, for data a fit cannot use.</summary>
    public PartitionDataException Error(string problem) => new($"{Description}: {problem}");

    /// <summary>"row N" with N counted in the whole dataset.</summary>
    public string Row(int localRow) => $"row {FirstRow + localRow}";

    public static string FitTag(Guid fit) => ":" + fit.ToString("N") + ":";
}
