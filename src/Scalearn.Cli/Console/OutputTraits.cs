namespace Scalearn.Cli.Console;

/// <summary>
/// What the process's output can show, decided once: colors and cursor movement only on a terminal and never with
/// NO_COLOR (https://no-color.org) or TERM=dumb; tables as wide as the terminal, or COLUMNS, or unwrapped in a pipe.
/// </summary>
public sealed record OutputTraits(bool IsTerminal, bool Color, int Width)
{
    /// <summary>The width used when the output is a file or a pipe and COLUMNS is unset: wide enough that tables never wrap.</summary>
    public const int PipeWidth = 1000;

    public static OutputTraits Detect(bool redirected, Func<string, string?> environment, Func<int?> terminalWidth)
    {
        bool isTerminal = !redirected;
        bool noColor = !string.IsNullOrEmpty(environment("NO_COLOR")) || environment("TERM") == "dumb";
        int? columns = int.TryParse(environment("COLUMNS"), out int c) && c > 0 ? c : null;
        int width = isTerminal ? terminalWidth() is int w and > 0 ? w : columns ?? 80 : columns ?? PipeWidth;
        return new OutputTraits(isTerminal, isTerminal && !noColor, width);
    }

    public static OutputTraits ForStandardOutput() =>
        Detect(System.Console.IsOutputRedirected, Environment.GetEnvironmentVariable, TerminalWidth);

    public static OutputTraits ForStandardError() =>
        Detect(System.Console.IsErrorRedirected, Environment.GetEnvironmentVariable, TerminalWidth);

    private static int? TerminalWidth()
    {
        try { return System.Console.WindowWidth; }
        catch (IOException) { return null; }
    }
}
