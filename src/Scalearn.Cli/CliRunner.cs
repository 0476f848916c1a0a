using System.CommandLine;

namespace Scalearn.Cli;

/// <summary>Parses, runs, and turns every failure into one line on stderr with a non-zero exit code (never a stack trace).</summary>
public static class CliRunner
{
    public const int UsageError = 2;
    public const int RuntimeError = 1;

    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stderr ??= System.Console.Error;
        // "@file.json" is our grid-file syntax, not a System.CommandLine response file.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine($"scalearn: error: {parse.Errors[0].Message} (see 'scalearn {CommandPath(parse)} --help')");
            return UsageError;
        }
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        if (stdout is not null) config.Output = stdout;
        config.Error = stderr;
        try
        {
            return await parse.InvokeAsync(config);
        }
        catch (Exception e) when (ErrorText.IsUsage(e))
        {
            stderr.WriteLine($"scalearn: error: {ErrorText.Of(e)}");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("scalearn: cancelled");
            return 130;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"scalearn: error: {ErrorText.Of(e)}");
            return RuntimeError;
        }
    }

    private static string CommandPath(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? "" : parse.CommandResult.Command.Name;
}
