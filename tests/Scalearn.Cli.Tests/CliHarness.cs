using System.CommandLine;
using Scalearn.Cli.Commands;

namespace Scalearn.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what it prints.</summary>
public static class CliHarness
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var root = CommandTree.Create();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var originalOut = System.Console.Out;
        System.Console.SetOut(stdout);
        Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(stdout),
            Interactive = Spectre.Console.InteractionSupport.No,
            Ansi = Spectre.Console.AnsiSupport.No,
        });
        try
        {
            int exit = await CliRunner.RunAsync(root, args, stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            System.Console.SetOut(originalOut);
        }
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "scalearn-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
