using System.Text.RegularExpressions;

namespace Scalearn.Cli;

public static partial class UriMask
{
    /// <summary>Replaces the password of any amqp(s):// URI in the text with ***.</summary>
    public static string Mask(string text) => Credentials().Replace(text, "$1***@");

    [GeneratedRegex(@"(amqps?://[^:/@\s]+:)[^@\s]*@", RegexOptions.IgnoreCase)]
    private static partial Regex Credentials();
}
