namespace Scalearn.Cluster.Driver;

/// <summary>
/// How a job's queued tasks are packed into messages. Sizes follow guided self-scheduling: each message takes the remaining
/// tasks divided by twice the cluster's slots (at most <c>maxPerMessage</c>), so early messages are large (few
/// messages, little per-message overhead) and the last ones hold a task or two, which keeps the batch's tail short
/// when workers pull messages one at a time. Each message samples the whole queue (a golden-ratio stride through
/// the tasks): neighbouring candidates often cost alike (the grid's last keys vary fastest), so a contiguous slice
/// would make some messages far more expensive than others.
/// </summary>
internal static class TaskMessagePlan
{
    private const double GoldenFraction = 0.6180339887498949;

    public static List<T[]> Split<T>(IReadOnlyList<T> tasks, int slots, int maxPerMessage)
    {
        int n = tasks.Count, divisor = 2 * Math.Max(1, slots);
        maxPerMessage = Math.Max(1, maxPerMessage);
        var spread = new T[n];
        long stride = CoprimeStride(n);
        for (int i = 0; i < n; i++) spread[i] = tasks[(int)(i * stride % n)];
        var messages = new List<T[]>();
        for (int start = 0; start < n;)
        {
            int remaining = n - start;
            int size = Math.Clamp((remaining + divisor - 1) / divisor, 1, maxPerMessage);
            messages.Add(spread[start..(start + size)]);
            start += size;
        }
        return messages;
    }

    /// <summary>A step near the golden fraction of n that visits every index of 0..n-1 once (coprime with n).</summary>
    private static long CoprimeStride(int n)
    {
        if (n <= 2) return 1;
        for (int step = (int)Math.Round(n * GoldenFraction); ; step++)
            if (Gcd(step % n, n) == 1) return step % n;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
