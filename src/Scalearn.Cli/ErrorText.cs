using System.Text.Json;
using Scalearn.Cluster;
using Scalearn.Estimators;

namespace Scalearn.Cli;

/// <summary>One-line messages for exceptions; credentials in broker URIs are never printed.</summary>
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
        return ClusterAddress.Mask(message.ReplaceLineEndings(" ").Trim());
    }
}

/// <summary>A bad command-line value detected by a command itself.</summary>
public sealed class UsageException(string message) : Exception(message);
