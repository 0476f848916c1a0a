using System.Text.Json;
using Scalearn.Cluster;
using Scalearn.Dashboard.Live;
using Scalearn.Dashboard.Searches;

namespace Scalearn.Dashboard.Workers;

/// <summary>
/// The cluster's workers as the dashboard shows them: from their heartbeats (through a read-only
/// <see cref="ClusterMonitor"/>, reconnecting while the broker is away) and, per worker, the folds of the watched
/// searches it finished (from their journals).
/// </summary>
internal sealed class WorkerBoard : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly DashboardOptions _options;
    private readonly SearchCatalog _catalog;
    private ClusterMonitor? _monitor;
    private string? _error;
    private string _fingerprint = "";

    public WorkerBoard(DashboardOptions options, SearchCatalog catalog)
    {
        _options = options;
        _catalog = catalog;
        Cluster = options.Cluster is { } uri ? ClusterAddress.Parse(uri).ToString() : null;
        Json = Serialize([]);
    }

    /// <summary>The cluster's address with its password masked; null without a cluster.</summary>
    public string? Cluster { get; }
    public ChangeSignal Changed { get; } = new();
    public long Version { get; private set; }
    public string Json { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        if (_options.Cluster is null) return;
        var nextConnect = DateTime.MinValue;
        while (!ct.IsCancellationRequested)
        {
            if (_monitor is null && DateTime.UtcNow >= nextConnect)
            {
                try
                {
                    _monitor = await ClusterMonitor.ConnectAsync(_options.Cluster, _options.ClusterKey, TimeSpan.FromSeconds(10), ct);
                    _error = null;
                    _options.Log?.Invoke($"watching the workers of cluster {Cluster}");
                }
                catch (ClusterException e)
                {
                    if (_error != e.Message) _options.Log?.Invoke(e.Message + $"; retrying every {RetryAfter.TotalSeconds:0} s");
                    _error = e.Message;
                    nextConnect = DateTime.UtcNow + RetryAfter;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
            }
            Refresh();
            try
            {
                await Task.Delay(Tick, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Rebuilds the workers' JSON when something a reader would see changed (not just heartbeat times).</summary>
    public void Refresh()
    {
        var folds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var search in _catalog.Monitors)
            foreach (var (worker, count) in search.FoldsByWorker) folds[worker] = folds.GetValueOrDefault(worker) + count;
        var now = DateTimeOffset.UtcNow;
        var workers = (_monitor?.Workers() ?? []).Select(w => new WorkerView(w.Name, w.Instance.ToString("N")[..8], w.Slots, w.Running, w.Busy, w.ResidentInputs,
            w.LastHeartbeat, Math.Max(0, (now - w.LastHeartbeat).TotalSeconds), w.Live, folds.GetValueOrDefault(w.Name))).ToArray();
        var fingerprint = string.Join(";", workers.Select(w => $"{w.Instance},{w.Slots},{w.Running},{w.Busy},{w.ResidentInputs},{w.Live},{w.FoldsDone}"))
            + "|" + _error + "|" + (_monitor is null);
        if (fingerprint == _fingerprint && Version > 0) return;
        _fingerprint = fingerprint;
        Json = Serialize(workers);
        Version++;
        Changed.Notify();
    }

    private string Serialize(WorkerView[] workers) => JsonSerializer.Serialize(new ClusterView(Cluster, _monitor is not null, _error, DateTimeOffset.UtcNow, workers),
        Reporting.Html.ReportJson.Options);

    public async ValueTask DisposeAsync()
    {
        if (_monitor is not null) await _monitor.DisposeAsync();
    }

    private sealed record ClusterView(string? Cluster, bool Connected, string? Error, DateTimeOffset AsOf, IReadOnlyList<WorkerView> Workers);

    private sealed record WorkerView(string Name, string Instance, int Slots, int Running, int Busy, int ResidentInputs, DateTimeOffset LastHeartbeat,
        double SecondsSinceHeartbeat, bool Live, int FoldsDone);
}
