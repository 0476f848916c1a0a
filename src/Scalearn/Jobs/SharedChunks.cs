using Scalearn.Execution.Blobs;

namespace Scalearn.Jobs;

/// <summary>
/// Streamed inputs shared with a job and let go once the tasks reading them are answered. Inputs are content-addressed,
/// so two identical chunks (repeated rows in a file, an unchanged model snapshot) are one input: it is let go only when
/// the last task reading it is answered.
/// </summary>
public sealed class SharedChunks(Action<IBlob> share, Action<string> unshare)
{
    private readonly Dictionary<string, int> _users = new(StringComparer.Ordinal);

    /// <summary>Shares <paramref name="blob"/> (once, however many tasks read it) and returns its id.</summary>
    public string Share(IBlob blob)
    {
        lock (_users)
        {
            int users = _users.GetValueOrDefault(blob.Id) + 1;
            _users[blob.Id] = users;
            if (users == 1) share(blob);
        }
        return blob.Id;
    }

    /// <summary>One task reading <paramref name="id"/> is answered; the input goes when none is left.</summary>
    public void Release(string id)
    {
        lock (_users)
        {
            if (!_users.TryGetValue(id, out int users)) return;
            if (users > 1) _users[id] = users - 1;
            else
            {
                _users.Remove(id);
                unshare(id);
            }
        }
    }
}
