using System.Threading.Channels;
using Scalearn.Execution;

namespace Scalearn.Cluster.Driver;

/// <summary>
/// Collects the results of one batch as they stream in. A task may run more than once (a worker died after sending some
/// results, or the broker redelivered a message), so only the first result per (candidate, split) counts.
/// </summary>
internal sealed class BatchRun
{
    private readonly HashSet<(int, int)> _expected;
    private readonly HashSet<(int, int)> _seen = new();
    private readonly Channel<FitResult> _results = Channel.CreateUnbounded<FitResult>(new UnboundedChannelOptions { SingleReader = true });
    private int _duplicates;

    public BatchRun(Guid id, IReadOnlyList<FitTask> tasks)
    {
        Id = id;
        _expected = tasks.Select(t => (t.Candidate, t.Split)).ToHashSet();
    }

    public Guid Id { get; }
    public int Total => _expected.Count;
    public int Duplicates => Volatile.Read(ref _duplicates);
    public ChannelReader<FitResult> Results => _results.Reader;

    public void Accept(FitResult result)
    {
        var key = (result.Candidate, result.Split);
        lock (_seen)
        {
            if (!_expected.Contains(key) || !_seen.Add(key))
            {
                _duplicates++;
                return;
            }
        }
        _results.Writer.TryWrite(result);
    }
}
