using System.Globalization;
using System.Text;

namespace Scalearn.Cli.Console;

/// <summary>
/// Makes text from files and models safe to print: control characters (escape sequences, NUL, carriage returns,
/// binary bytes decoded as C0/C1 codes), Unicode line separators and bidirectional overrides are shown escaped
/// (\x1b, \0, \r, \u202e) instead of reaching the terminal, where they could move the cursor, recolor or hide text.
/// </summary>
public static class TerminalText
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int first = 0;
        while (first < text.Length && !NeedsEscape(text[first])) first++;
        if (first == text.Length) return text;
        var result = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!NeedsEscape(c)) { result.Append(c); continue; }
            result.Append(c switch
            {
                '\0' => "\\0",
                '\t' => "\\t",
                '\r' => "\\r",
                '\n' => "\\n",
                < '\u0080' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }
        return result.ToString();
    }

    /// <summary>C0 controls, DEL, C1 controls, line/paragraph separators, bidi embeddings/overrides/isolates, lone surrogates.</summary>
    private static bool NeedsEscape(char c) =>
        c < ' ' || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069'
        || c is '\u200e' or '\u200f' or '\u061c';
}
