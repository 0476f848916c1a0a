using System.Globalization;
using System.Text.RegularExpressions;

namespace Scalearn.Cli;

/// <summary>Durations ("90s", "10m", "1.5h", a bare number = seconds) and sizes ("512MB", "4GiB", a bare number = bytes) given on the command line.</summary>
public static partial class Units
{
    public static TimeSpan Duration(string text, string option)
    {
        var m = DurationPattern().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0)
            throw new UsageException($"{option} must be a positive duration such as 90s, 10m or 2h; got '{text}'.");
        return m.Groups[2].Value.ToLowerInvariant() switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "" or "s" => TimeSpan.FromSeconds(value),
            "m" or "min" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            _ => TimeSpan.FromDays(value),
        };
    }

    public static long Bytes(string text, string option)
    {
        var m = SizePattern().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0)
            throw new UsageException($"{option} must be a positive size such as 512MB or 4GB; got '{text}'.");
        double scale = m.Groups[2].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1 << 10,
            "M" or "MB" or "MIB" => 1 << 20,
            "G" or "GB" or "GIB" => 1 << 30,
            _ => 1L << 40,
        };
        return (long)(value * scale);
    }

    [GeneratedRegex(@"^([0-9]*\.?[0-9]+)\s*(ms|s|m|min|h|d)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^([0-9]*\.?[0-9]+)\s*(B|K|KB|KiB|M|MB|MiB|G|GB|GiB|T|TB|TiB)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();
}
