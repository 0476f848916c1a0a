using Scalearn.Execution;
using Spectre.Console;

namespace Scalearn.Cli.Console;

/// <summary>
/// A live progress bar (fits done/total, in flight, workers, ETA) while <paramref name="work"/> runs. When the output is
/// not a terminal it prints a plain line at every 10% instead.
/// </summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, LatestProgress progress, Func<Task<T>> work, bool interactive)
    {
        var running = work();
        if (!interactive) return await PlainAsync(console, progress, running);
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("fits", maxValue: 1);
                while (!running.IsCompleted)
                {
                    Update(task, progress);
                    await Task.WhenAny(running, Task.Delay(100));
                }
                Update(task, progress);
                task.StopTask();
            });
        return await running;
    }

    private static void Update(ProgressTask task, LatestProgress progress)
    {
        if (progress.Latest is not { } p) return;
        task.MaxValue = Math.Max(1, p.Total);
        task.Value = p.Done;
        task.Description = Describe(p, progress.Best);
    }

    public static string Describe(JobProgress p, double? best = null) =>
        $"fits {p.Done}/{p.Total}" + (p.InFlight > 0 ? $", {p.InFlight} in flight" : "") + (p.Workers > 0 ? $", {p.Workers} workers" : "") +
        (p.Rows > 0 ? $", {p.RowsPerSecond:N0} rows/s" : "") + (best is { } b ? $", best {b.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}" : "");

    private static async Task<T> PlainAsync<T>(IAnsiConsole console, LatestProgress progress, Task<T> running)
    {
        int lastDecile = -1;
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(250));
            if (progress.Latest is { Total: > 0 } p)
            {
                int decile = p.Done * 10 / p.Total;
                if (decile != lastDecile)
                {
                    lastDecile = decile;
                    console.MarkupLineInterpolated($"[grey]{Describe(p, progress.Best)} ({p.Elapsed.TotalSeconds:F1} s)[/]");
                }
            }
        }
        return await running;
    }
}
