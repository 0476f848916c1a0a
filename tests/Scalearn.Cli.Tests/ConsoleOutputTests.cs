using Scalearn.Cli.Console;
using Spectre.Console;

namespace Scalearn.Cli.Tests;

public class ConsoleOutputTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void A_pipe_gets_no_color_and_unwrapped_tables()
    {
        var traits = OutputTraits.Detect(redirected: true, Env(), () => 120);
        Assert.False(traits.IsTerminal);
        Assert.False(traits.Color);
        Assert.Equal(OutputTraits.PipeWidth, traits.Width);
        Assert.Equal(64, OutputTraits.Detect(true, Env(("COLUMNS", "64")), () => null).Width);
    }

    [Fact]
    public void A_terminal_gets_color_and_its_width_unless_no_color_or_dumb()
    {
        var terminal = OutputTraits.Detect(redirected: false, Env(("TERM", "xterm-256color")), () => 132);
        Assert.True(terminal.Color);
        Assert.Equal(132, terminal.Width);
        Assert.False(OutputTraits.Detect(false, Env(("NO_COLOR", "1")), () => 132).Color);
        Assert.False(OutputTraits.Detect(false, Env(("TERM", "dumb")), () => 132).Color);
        Assert.True(OutputTraits.Detect(false, Env(("NO_COLOR", "")), () => 132).Color);
        Assert.Equal(90, OutputTraits.Detect(false, Env(("COLUMNS", "90")), () => null).Width);
    }

    [Fact]
    public void Without_color_markup_writes_no_escape_codes_and_long_rows_stay_on_one_line()
    {
        var output = new StringWriter();
        var console = CliConsole.Create(output, new OutputTraits(IsTerminal: false, Color: false, Width: OutputTraits.PipeWidth));
        console.MarkupLine("[bold red]failed[/] [link=https://example.org]here[/]");
        var wide = new string('x', 300);
        console.Write(new Table().AddColumn("name").AddColumn("value").AddRow("a", wide));
        string text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("failed here", text);
        Assert.Contains(wide, text);
    }

    [Fact]
    public void A_narrow_terminal_wraps_tables_to_its_width()
    {
        var output = new StringWriter();
        var console = CliConsole.Create(output, new OutputTraits(IsTerminal: false, Color: false, Width: 40));
        console.Write(new Table().AddColumn("name").AddColumn("value").AddRow("a", new string('x', 100)));
        Assert.All(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.True(line.TrimEnd('\r').Length <= 40, line));
    }

    [Theory]
    [InlineData("plain text, é and 中文", "plain text, é and 中文")]
    [InlineData("red \u001b[31mRED\u001b[0m", "red \\x1b[31mRED\\x1b[0m")]
    [InlineData("nul\0byte", "nul\\0byte")]
    [InlineData("over\rwrite", "over\\rwrite")]
    [InlineData("bell\u0007 del\u007f c1\u009b", "bell\\x07 del\\x7f c1\\u009b")]
    [InlineData("abc\u202edcba", "abc\\u202edcba")]
    [InlineData("tab\there", "tab\\there")]
    public void Control_characters_are_shown_escaped(string raw, string shown)
    {
        Assert.Equal(shown, TerminalText.Escape(raw));
    }

    [Fact]
    public void Error_lines_are_one_line_with_controls_escaped_and_passwords_masked()
    {
        var e = new InvalidOperationException("bad cell '\u001b]0;owned\u0007' in row 3\nsee amqp://user:secret@host:5672/");
        string line = ErrorText.Of(e);
        Assert.DoesNotContain('\u001b', line);
        Assert.DoesNotContain('\n', line);
        Assert.Contains("\\x1b]0;owned\\x07", line);
        Assert.DoesNotContain("secret", line);
    }
}
