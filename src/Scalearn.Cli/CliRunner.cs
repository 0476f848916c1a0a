using System.CommandLine;
using Scalearn.Cli.Console;

namespace Scalearn.Cli;

/// <summary>
/// Parses, runs, and turns every failure into one line on stderr with a non-zero exit code (never a stack trace).
/// Run as a process (no writers given), it first sets the console up for what standard output is: a terminal gets
/// colors and its width, a pipe or file plain text, and NO_COLOR is honored.
/// </summary>
public static class CliRunner
{
    public const int UsageError = 2;
    public const int RuntimeError = 1;

    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        bool process = stdout is null && stderr is null;
        if (process) CliConsole.UseStandardOutput();
        stderr ??= System.Console.Error;
        string prefix = process && OutputTraits.ForStandardError().Color ? "scalearn: \u001b[31merror\u001b[0m: " : "scalearn: error: ";
        // "@file.json" is our grid-file syntax, not a System.CommandLine response file.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine($"{prefix}{TerminalText.Escape(parse.Errors[0].Message)} (see 'scalearn {CommandPath(parse)} --help')");
            return UsageError;
        }
        // After Ctrl+C or SIGTERM the action gets its token cancelled; a worker may then take a while finishing its
        // in-flight tasks (System.CommandLine would otherwise end the process after 2 s with exit code 143).
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromMinutes(2) };
        if (stdout is not null) config.Output = stdout;
        config.Error = stderr;
        try
        {
            return await parse.InvokeAsync(config);
        }
        catch (Exception e) when (ErrorText.IsUsage(e))
        {
            stderr.WriteLine($"{prefix}{ErrorText.Of(e)}");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("scalearn: cancelled");
            return 130;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"{prefix}{ErrorText.Of(e)}");
            return RuntimeError;
        }
    }

    private static string CommandPath(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? "" : parse.CommandResult.Command.Name;
}
