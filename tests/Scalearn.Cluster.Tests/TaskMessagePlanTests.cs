using Scalearn.Cluster.Driver;

namespace Scalearn.Cluster.Tests;

public sealed class TaskMessagePlanTests
{
    private static List<int> Tasks(int count) => Enumerable.Range(0, count).ToList();

    [Theory]
    [InlineData(1, 1, 64)]
    [InlineData(2, 4, 64)]
    [InlineData(480, 2, 64)]
    [InlineData(1000, 8, 64)]
    [InlineData(97, 3, 5)]
    public void EveryTaskGoesOutOnceInMessagesThatShrinkTowardsTheEnd(int count, int slots, int max)
    {
        var messages = TaskMessagePlan.Split(Tasks(count), slots, max);

        Assert.Equal(Enumerable.Range(0, count), messages.SelectMany(m => m).Order());
        Assert.All(messages, m => Assert.InRange(m.Length, 1, max));
        for (int i = 1; i < messages.Count; i++) Assert.True(messages[i].Length <= messages[i - 1].Length, $"message {i} grew");
        Assert.Single(messages[^1]);
    }

    [Fact]
    public void EarlyMessagesAreFullAndTheTailIsShort()
    {
        var messages = TaskMessagePlan.Split(Tasks(480), slots: 2, maxPerMessage: 64);

        Assert.Equal(64, messages[0].Length);
        // The last messages together hold less than one full message: the workers finish within a task or two.
        Assert.True(messages.TakeLast(4).Sum(m => m.Length) <= 8, string.Join(",", messages.Select(m => m.Length)));
        Assert.InRange(messages.Count, 10, 40);
    }

    [Fact]
    public void EachMessageSamplesTheWholeBatch()
    {
        // Candidates in grid order where cost grows along the batch: a contiguous slice would be all cheap or all dear.
        var messages = TaskMessagePlan.Split(Tasks(480), slots: 2, maxPerMessage: 64);
        foreach (var message in messages.Where(m => m.Length >= 16))
        {
            double mean = message.Average(t => t);
            Assert.InRange(mean, 0.35 * 480, 0.65 * 480);
            Assert.True(message.Min(t => t) < 60 && message.Max(t => t) > 420, "spread over the batch");
        }
    }
}
