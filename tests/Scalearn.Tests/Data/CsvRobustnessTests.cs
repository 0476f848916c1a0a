using System.Globalization;
using Scalearn.Data;
using Scalearn.Numerics;

namespace Scalearn.Tests.Data;

public class CsvRobustnessTests
{
    [Theory]
    [InlineData("digits")]
    [InlineData("breast_cancer")]
    [InlineData("diabetes")]
    [InlineData("wine")]
    public void Bundled_files_match_a_naive_double_parse_exactly(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", name + ".csv");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var data = CsvLoader.Load(path);
        Assert.Equal(lines.Length - 1, data.Count);
        for (int r = 0; r < data.Count; r++)
        {
            var cells = lines[r + 1].Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(cells[..^1], data.X.Row(r).ToArray());
            Assert.Equal(cells[^1], data.Y![r]);
        }
    }

    [Fact]
    public void Errors_from_a_file_name_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scalearn-bad-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "a,target\n1,0\nx,1\n");
            var e = Assert.Throws<CsvFormatException>(() => CsvLoader.Load(path));
            Assert.StartsWith($"{path}, line 3, column 'a' (#1):", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Random_mutations_either_load_or_raise_a_csv_format_exception()
    {
        const string original = "a,\"b\",c,target\n1.5,\"2\",3,0\n-4,5e1,\"6\"\"\",1\n7,8,9,0\n";
        char[] alphabet = [',', '"', '\n', '\r', '1', '.', 'x', ' ', 'e', '-'];
        var rng = new Rng(11);
        var options = new[]
        {
            CsvOptions.Default,
            new CsvOptions { KeepTextColumns = true, AllowMissing = true },
            new CsvOptions { Target = null, KeepTextColumns = true },
        };
        for (int trial = 0; trial < 3000; trial++)
        {
            var chars = original.ToCharArray().ToList();
            int edits = 1 + rng.NextInt(3);
            for (int k = 0; k < edits; k++)
            {
                int at = rng.NextInt(chars.Count);
                switch (rng.NextInt(3))
                {
                    case 0: chars[at] = alphabet[rng.NextInt(alphabet.Length)]; break;
                    case 1: chars.Insert(at, alphabet[rng.NextInt(alphabet.Length)]); break;
                    default: if (chars.Count > 1) chars.RemoveAt(at); break;
                }
            }
            var text = new string(chars.ToArray());
            foreach (var option in options)
            {
                try
                {
                    var data = CsvLoader.Load(new StringReader(text), "fuzz.csv", option);
                    Assert.True(data.Count > 0);
                    Assert.Equal(data.Count * data.FeatureCount, data.X.Values.Length);
                    foreach (var column in data.TextColumns.Values) Assert.Equal(data.Count, column.Length);
                }
                catch (CsvFormatException e)
                {
                    Assert.StartsWith("fuzz.csv", e.Message);
                }
            }
        }
    }
}
