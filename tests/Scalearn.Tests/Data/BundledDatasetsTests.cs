using Scalearn.Data;

namespace Scalearn.Tests.Data;

public class BundledDatasetsTests
{
    [Fact]
    public void Names_include_the_bundled_datasets()
    {
        foreach (var name in new[] { "digits", "iris", "breast_cancer", "wine", "diabetes" })
            Assert.Contains(name, BundledDatasets.Names);
    }

    [Theory]
    [InlineData("iris")]
    [InlineData("IRIS")]
    [InlineData("iris.csv")]
    public void Loads_by_name_case_insensitively(string name)
    {
        var data = BundledDatasets.Load(name);
        Assert.Equal(150, data.Count);
        Assert.Equal(4, data.FeatureCount);
    }

    [Fact]
    public void The_datasets_are_built_into_the_assembly()
    {
        Assert.Equal(["breast_cancer", "diabetes", "digits", "iris", "wine"], BundledDatasets.BuiltInNames);
        var builtIn = BundledDatasets.LoadBuiltIn("Digits.csv", new Scalearn.Data.Tables.TableOptions())!;
        var file = CsvLoader.Load(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv"));
        Assert.Equal("digits", builtIn.Name);
        Assert.Equal(file.ContentHash, builtIn.ContentHash);
        Assert.Null(BundledDatasets.LoadBuiltIn("no_such_dataset", new Scalearn.Data.Tables.TableOptions()));
    }

    [Fact]
    public void A_built_in_dataset_gets_a_file_with_its_exact_bytes_for_the_streaming_commands()
    {
        string path = BundledDatasets.BuiltInFile("wine");
        Assert.Equal(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "wine.csv")), File.ReadAllBytes(path));
        Assert.Equal(path, BundledDatasets.BuiltInFile("wine"));
        var written = File.GetLastWriteTimeUtc(path);
        Assert.Equal(written, File.GetLastWriteTimeUtc(BundledDatasets.BuiltInFile("wine")));   // not rewritten
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(path)!), f => f.EndsWith(".partial", StringComparison.Ordinal));
        Assert.Equal(Path.GetFullPath(path), Path.GetFullPath(BundledDatasets.FilePath(path)));
        Assert.Throws<FileNotFoundException>(() => BundledDatasets.FilePath("no_such_dataset"));
    }

    [Fact]
    public void Existing_path_is_loaded_directly()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scalearn-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "u,y\n1,2\n3,4\n");
            var data = BundledDatasets.Load(path, target: "y");
            Assert.Equal([2.0, 4.0], data.Y!);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Unknown_name_lists_known_datasets_and_folders()
    {
        var e = Assert.Throws<FileNotFoundException>(() => BundledDatasets.Load("no_such_dataset"));
        Assert.Contains("no_such_dataset", e.Message);
        Assert.Contains("iris", e.Message);
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "data"), e.Message);
    }

    [Theory]
    [InlineData("iris", 150, 4, TargetKind.Classification, 3)]
    [InlineData("digits", 1797, 64, TargetKind.Classification, 10)]
    [InlineData("breast_cancer", 569, 30, TargetKind.Classification, 2)]
    [InlineData("wine", 178, 13, TargetKind.Classification, 3)]
    [InlineData("diabetes", 442, 10, TargetKind.Regression, null)]
    public void Describe_reports_shape_and_target_kind(string name, int rows, int features, TargetKind kind, int? classes)
    {
        var d = BundledDatasets.Describe(BundledDatasets.Load(name));
        Assert.Equal((name, rows, features, kind, classes), (d.Name, d.Rows, d.Features, d.TargetKind, d.Classes));
    }

    [Fact]
    public void Describe_without_target() =>
        Assert.Equal("no target", BundledDatasets.Describe(BundledDatasets.Load("iris", target: null)).TargetSummary);
}
