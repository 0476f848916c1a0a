using Scalearn.Execution;
using Scalearn.Execution.Slots;

namespace Scalearn.Tests.Execution;

public class SlotPoolTests
{
    /// <summary>
    /// Items submitted back to back while one slot thread is idle must run side by side on two slots: pulsing the idle
    /// thread twice once left the second item queued beside a free slot (LightGBM's ranks, which must all run at once,
    /// then waited for each other until their join timeout).
    /// </summary>
    [Fact]
    public async Task Items_submitted_together_run_at_once_when_one_thread_is_idle()
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var pool = new SlotPool(2, TaskLimits.Default, "test");
            var owner = new object();
            Assert.Equal(1, await pool.RunAsync(owner, _ => 1, CancellationToken.None));
            while (pool.Running > 0) await Task.Delay(1);
            using var both = new CountdownEvent(2);
            bool Meet(CancellationToken _)
            {
                both.Signal();
                return both.Wait(TimeSpan.FromSeconds(10));
            }
            var first = pool.RunAsync(owner, Meet, CancellationToken.None);
            var second = pool.RunAsync(owner, Meet, CancellationToken.None);
            Assert.True(await first, $"attempt {attempt}: the two items did not run at the same time");
            Assert.True(await second);
        }
    }
}
