namespace Scalearn.Cluster.Worker;

/// <summary>Ids of batches their driver cancelled; bounded, since ids only matter while the batch's messages are queued.</summary>
internal sealed class CancelledBatches
{
    private const int Capacity = 10_000;
    private readonly HashSet<Guid> _ids = new();
    private readonly Queue<Guid> _order = new();

    public void Add(Guid id)
    {
        lock (_ids)
        {
            if (!_ids.Add(id)) return;
            _order.Enqueue(id);
            if (_order.Count > Capacity) _ids.Remove(_order.Dequeue());
        }
    }

    public bool Contains(Guid id)
    {
        lock (_ids) return _ids.Contains(id);
    }
}
