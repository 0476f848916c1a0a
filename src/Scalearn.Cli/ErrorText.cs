using System.Text.Json;
using Scalearn.Cli.Console;
using Scalearn.Cluster;
using Scalearn.Estimators;

namespace Scalearn.Cli;

/// <summary>
/// One-line messages for exceptions: credentials in broker URIs are never printed, and control characters that came
/// from a file (escape sequences, NUL, binary) are shown escaped rather than sent to the terminal.
/// </summary>
public static class ErrorText
{
    public static bool IsUsage(Exception e) => e is ArgumentException or FormatException or JsonException
        or FileNotFoundException or DirectoryNotFoundException or UsageException;

    public static string Of(Exception e)
    {
        var message = e switch
        {
            JsonException j => $"invalid JSON: {j.Message}",
            ParameterException p => p.Message,
            ArgumentException a => a.Message.Split(" (Parameter '")[0],
            AggregateException { InnerExceptions.Count: 1 } agg => Of(agg.InnerExceptions[0]),
            _ => e.Message,
        };
        // Line breaks of a multi-line message become spaces; any other control character is escaped.
        return TerminalText.Escape(ClusterAddress.Mask(message.Replace("\r\n", " ").Replace('\n', ' ').Trim()));
    }
}

/// <summary>A bad command-line value detected by a command itself.</summary>
public sealed class UsageException(string message) : Exception(message);
