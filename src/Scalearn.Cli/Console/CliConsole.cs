using Spectre.Console;

namespace Scalearn.Cli.Console;

/// <summary>The Spectre console every command writes through, configured from <see cref="OutputTraits"/>.</summary>
public static class CliConsole
{
    public static IAnsiConsole Create(TextWriter output, OutputTraits traits)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = traits.Color ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = traits.Color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = traits.IsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        console.Profile.Width = traits.Width;
        return console;
    }

    /// <summary>Points <see cref="AnsiConsole.Console"/> at standard output with the traits detected for it.</summary>
    public static void UseStandardOutput() => AnsiConsole.Console = Create(System.Console.Out, OutputTraits.ForStandardOutput());
}
