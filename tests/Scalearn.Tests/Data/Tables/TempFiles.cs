using System.Globalization;
using System.Text;

namespace Scalearn.Tests.Data.Tables;

/// <summary>Temporary files for one test class, deleted with it.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scalearn-tables-" + Guid.NewGuid().ToString("N"));

    public TempFiles() => Directory.CreateDirectory(_folder);

    public string Path(string name) => System.IO.Path.Combine(_folder, name);

    public string Write(string name, string text)
    {
        var path = Path(name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>
    /// id (long-like), a, b (round-trip doubles), word (text with commas, quotes and line breaks every few rows), target.
    /// </summary>
    public static string SampleCsv(int rows, int seed = 1, bool quotedNewlines = true)
    {
        var rng = new Scalearn.Numerics.Rng(seed);
        var text = new StringBuilder("id,a,b,word,target\n");
        for (int r = 0; r < rows; r++)
        {
            string word = (r % 7) switch
            {
                0 when quotedNewlines => $"\"multi\nline {r}\"",
                1 => $"\"comma, {r}\"",
                2 => $"\"say \"\"{r}\"\"\"",
                _ => "w" + (r % 5),
            };
            double a = Math.Round(rng.NextGaussian(), 6), b = rng.NextDouble() * 1e5;
            text.Append(CultureInfo.InvariantCulture, $"{r},{a:R},{b:R},{word},{r % 3}\n");
        }
        return text.ToString();
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
