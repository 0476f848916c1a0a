using System.Globalization;
using System.Text;
using Scalearn.Estimators;

namespace Scalearn.Boosting.Native;

/// <summary>
/// LightGBM's "key=value key=value" parameter string, built from canonical LightGBM names. Each entry remembers the
/// Scalearn hyperparameter it came from, so that a value LightGBM rejects becomes a <see cref="ParameterException"/>
/// naming the user's parameter rather than LightGBM's.
/// </summary>
internal sealed class LightGbmParameters
{
    private readonly List<(string Key, string Value, string? Owner)> _entries = [];

    /// <param name="owner">The estimator parameter this value comes from, or null for values Scalearn fixes.</param>
    public LightGbmParameters Set(string key, object value, string? owner = null)
    {
        string text = value switch
        {
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || c == '=' || c == '"'))
            throw new ArgumentException($"LightGBM parameter {key} cannot hold the value '{text}'.", nameof(value));
        _entries.RemoveAll(e => e.Key == key);
        _entries.Add((key, text, owner));
        return this;
    }

    public string? Get(string key) => _entries.FirstOrDefault(e => e.Key == key).Value;

    /// <summary>The parameter string with <c>num_threads</c> set to <paramref name="threads"/>.</summary>
    public string Format(int threads) => WithThreads(FormatWithoutThreads(), threads);

    /// <summary>The parameter string without <c>num_threads</c>, for a process that sets its own (<see cref="WithThreads"/>).</summary>
    public string FormatWithoutThreads()
    {
        var sb = new StringBuilder();
        foreach (var (key, value, _) in _entries)
            if (key != "num_threads") sb.Append(key).Append('=').Append(value).Append(' ');
        return sb.ToString();
    }

    public static string WithThreads(string withoutThreads, int threads) =>
        withoutThreads + "num_threads=" + threads.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// When LightGBM's message names one of the parameters that came from the estimator, a <see cref="ParameterException"/>
    /// naming that estimator parameter; otherwise null.
    /// </summary>
    public ParameterException? Explain(LightGbmException error)
    {
        foreach (var (key, value, owner) in _entries.OrderByDescending(e => e.Key.Length))
        {
            if (owner is null || !MentionsWord(error.NativeMessage, key)) continue;
            return new ParameterException(owner,
                $"LightGBM rejected parameter '{owner}' (LightGBM's {key}={value}): {error.NativeMessage}");
        }
        return null;
    }

    private static bool MentionsWord(string text, string word)
    {
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            bool start = at == 0 || !IsNameChar(text[at - 1]);
            int end = at + word.Length;
            if (start && (end == text.Length || !IsNameChar(text[end]))) return true;
        }
        return false;
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
