namespace Scalearn.Dashboard.Live;

/// <summary>
/// "Something changed": a listener takes <see cref="Next"/> before reading the state, then awaits it, so a change made
/// while it was reading is never missed. Listeners never queue messages: a slow one just reads the newest state.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
