using System.Text;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Tests.Persistence;

public class ModelFileTests
{
    public ModelFileTests() => TestModels.EnsureRegistered();

    private static readonly EstimatorSpec Spec = new("test-estimator",
        new Dictionary<string, object?> { ["max_depth"] = 3L, ["alpha"] = 0.5, ["criterion"] = "gini", ["extra"] = null });

    private static byte[] SampleBytes() =>
        ModelFile.Serialize(TestModels.Centroid(1.5, -2, 3e10), Spec, ["a", "b", "c"]);

    private static LoadedModel LoadBytes(byte[] bytes) => ModelFile.Load(new MemoryStream(bytes), "sample.model");

    private static ModelFileException Fails(byte[] bytes) => Assert.Throws<ModelFileException>(() => LoadBytes(bytes));

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"scalearn-models-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Round_trip_through_a_file()
    {
        var dir = TempDir();
        try
        {
            var path = Path.Combine(dir, "model.slm");
            var before = DateTimeOffset.UtcNow.AddSeconds(-1);
            ModelFile.Save(path, TestModels.Centroid(1.5, -2, 3e10), Spec, ["a", "b", "c"]);
            var loaded = ModelFile.Load(path);
            var model = Assert.IsType<CentroidTestModel>(loaded.Model);
            Assert.Equal([1.5, -2, 3e10], model.Centroid);
            Assert.Equal("label ü", model.Label);
            Assert.Equal(Spec, loaded.Spec);
            Assert.Equal(["a", "b", "c"], loaded.FeatureNames!);
            Assert.Equal("test-centroid", loaded.Format);
            Assert.Equal(2, loaded.FormatVersion);
            Assert.InRange(loaded.Created, before, DateTimeOffset.UtcNow.AddSeconds(1));
            Assert.Equal(["model.slm"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Save_replaces_an_existing_file_atomically_and_leaves_no_temp_files()
    {
        var dir = TempDir();
        try
        {
            var path = Path.Combine(dir, "model.slm");
            File.WriteAllText(path, "old contents");
            ModelFile.Save(path, TestModels.Centroid(7));
            Assert.Equal([7.0], Assert.IsType<CentroidTestModel>(ModelFile.Load(path).Model).Centroid);
            Assert.Single(Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Round_trip_through_a_stream_without_spec_or_names()
    {
        var stream = new MemoryStream();
        ModelFile.Save(stream, TestModels.Centroid(4, 5));
        stream.Position = 0;
        var loaded = ModelFile.Load(stream);
        Assert.Null(loaded.Spec);
        Assert.Null(loaded.FeatureNames);
        Assert.Equal([4.0, 5.0], Assert.IsType<CentroidTestModel>(loaded.Model).Centroid);
    }

    [Fact]
    public void Nested_models_round_trip()
    {
        var pair = new PairTestModel(TestModels.Centroid(1, 2), new PairTestModel(TestModels.Centroid(3, 4), TestModels.Centroid(5, 6)));
        var loaded = Assert.IsType<PairTestModel>(LoadBytes(ModelFile.Serialize(pair)).Model);
        Assert.Equal([1.0, 2.0], Assert.IsType<CentroidTestModel>(loaded.First).Centroid);
        var inner = Assert.IsType<PairTestModel>(loaded.Second);
        Assert.Equal([5.0, 6.0], Assert.IsType<CentroidTestModel>(inner.Second).Centroid);
    }

    [Fact]
    public void Every_truncation_is_reported_as_truncated_or_foreign()
    {
        var bytes = SampleBytes();
        for (int length = 0; length < bytes.Length; length++)
        {
            var e = Fails(bytes[..length]);
            Assert.Contains("sample.model", e.Message);
            Assert.True(e.Problem.Contains("truncated") || e.Problem.Contains("empty"), $"length {length}: {e.Message}");
        }
    }

    [Fact]
    public void Every_flipped_byte_is_detected()
    {
        var bytes = SampleBytes();
        foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                var corrupt = (byte[])bytes.Clone();
                corrupt[i] ^= mask;
                var e = Fails(corrupt);
                Assert.Contains("sample.model", e.Message);
            }
        }
    }

    [Fact]
    public void Checksum_mismatch_says_corrupt()
    {
        var bytes = SampleBytes();
        bytes[^40] ^= 0x10;
        Assert.Contains("corrupt (checksum mismatch)", Fails(bytes).Message);
    }

    [Fact]
    public void Trailing_bytes_are_corrupt() =>
        Assert.Contains("unexpected bytes", Fails([.. SampleBytes(), 0]).Message);

    [Fact]
    public void Foreign_files_are_rejected()
    {
        var csv = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"));
        Assert.Contains("not a Scalearn model file", Fails(csv).Message);
        var random = new byte[4096];
        var rng = new Scalearn.Numerics.Rng(1);
        for (int i = 0; i < random.Length; i++) random[i] = (byte)rng.NextInt(256);
        Assert.Contains("not a Scalearn model file", Fails(random).Message);
        Assert.Contains("empty", Fails([]).Message);
        Assert.Contains("not a Scalearn model file", Fails("SCALEARN\0MODEX"u8.ToArray()).Message);
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ModelFile.Load("/nonexistent/model.slm"));
        Assert.Contains("/nonexistent/model.slm", e.Message);
    }

    [Fact]
    public void Newer_container_version_is_rejected_clearly()
    {
        var header = Header("test-centroid", 2);
        var e = Fails(ModelFile.BuildContainer(header, PayloadOf(TestModels.Centroid(1)), 2));
        Assert.Contains("container version 2", e.Message);
        Assert.Contains("newer", e.Message);
    }

    [Fact]
    public void Newer_format_version_is_rejected_clearly()
    {
        var e = Fails(ModelFile.BuildContainer(Header("test-centroid", 3), PayloadOf(TestModels.Centroid(1))));
        Assert.Contains("'test-centroid' version 3 is newer", e.Message);
    }

    [Fact]
    public void Older_format_version_is_read_with_its_own_layout()
    {
        var v1Payload = new MemoryStream();
        using (var w = new BinaryWriter(v1Payload)) { w.Write(1); w.Write(9.0); }
        var model = Assert.IsType<CentroidTestModel>(LoadBytes(ModelFile.BuildContainer(Header("test-centroid", 1), v1Payload.ToArray())).Model);
        Assert.Equal([9.0], model.Centroid);
        Assert.Equal("", model.Label);
    }

    [Theory]
    [InlineData("evil-format")]
    [InlineData("System.Diagnostics.Process")]
    [InlineData("Scalearn.Tests.Persistence.UnregisteredTestModel")]
    [InlineData("test-unregistered")]
    public void Unknown_format_names_are_never_instantiated(string format)
    {
        var e = Fails(ModelFile.BuildContainer(Header(format, 1), []));
        Assert.Contains($"unknown model format '{format}'", e.Message);
        Assert.Contains("test-centroid", e.Message);
    }

    [Fact]
    public void Payload_reader_errors_are_wrapped()
    {
        var bad = new MemoryStream();
        using (var w = new BinaryWriter(bad)) { w.Write(2); w.Write(double.NaN); w.Write(1.0); w.Write("x"); }
        var e = Fails(ModelFile.BuildContainer(Header("test-centroid", 2), bad.ToArray()));
        Assert.Contains("payload is invalid", e.Message);
        Assert.Contains("not finite", e.Message);

        var shortPayload = Fails(ModelFile.BuildContainer(Header("test-centroid", 2), [5, 0, 0, 0, 1, 2]));
        Assert.Contains("payload is invalid", shortPayload.Message);
        Assert.IsType<InvalidDataException>(shortPayload.InnerException);
    }

    [Fact]
    public void Unread_payload_bytes_are_reported()
    {
        var payload = PayloadOf(TestModels.Centroid(1)).Concat(new byte[] { 1, 2, 3 }).ToArray();
        Assert.Contains("3 unread bytes", Fails(ModelFile.BuildContainer(Header("test-centroid", 2), payload)).Message);
    }

    [Fact]
    public void Unknown_nested_format_is_reported_with_its_name()
    {
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8))
        {
            ModelPayload.Write(w, TestModels.Centroid(1));
            w.Write("mystery");
            w.Write(1);
            w.Write(0);
        }
        var e = Fails(ModelFile.BuildContainer(Header("test-pair", 1), payload.ToArray()));
        Assert.Contains("unknown model format 'mystery'", e.Message);
    }

    [Fact]
    public void Nested_length_beyond_the_payload_is_reported()
    {
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8))
        {
            w.Write("test-centroid");
            w.Write(2);
            w.Write(1000);
            w.Write(new byte[10]);
        }
        var e = Fails(ModelFile.BuildContainer(Header("test-pair", 1), payload.ToArray()));
        Assert.Contains("claims 1000 bytes", e.Message);
    }

    [Fact]
    public void Header_feature_names_must_match_the_model()
    {
        var header = Header("test-centroid", 2) with { FeatureNames = ["only-one"] };
        Assert.Contains("feature names", Fails(ModelFile.BuildContainer(header, PayloadOf(TestModels.Centroid(1, 2)))).Message);
    }

    [Fact]
    public void Invalid_header_json_is_reported()
    {
        var e = Fails(ModelFile.BuildContainer("{\"format\": 5}"u8.ToArray(), [], ModelFile.ContainerVersion));
        Assert.Contains("header", e.Message);
        e = Fails(ModelFile.BuildContainer("not json"u8.ToArray(), [], ModelFile.ContainerVersion));
        Assert.Contains("header is not valid", e.Message);
    }

    [Fact]
    public void Saving_requires_an_allow_listed_model_and_matching_feature_names()
    {
        Assert.Throws<ArgumentException>(() => ModelFile.Serialize(new UnregisteredTestModel()));
        var e = Assert.Throws<ArgumentException>(() => ModelFile.Serialize(TestModels.Centroid(1, 2), featureNames: ["a"]));
        Assert.Contains("1 feature names", e.Message);
    }

    [Fact]
    public void Library_formats_scan_is_consistent() =>
        Assert.Contains("test-centroid", ModelFormats.Names);

    private static ModelFileHeader Header(string format, int version) =>
        new(format, version, DateTimeOffset.UtcNow, "test", null, null);

    private static byte[] PayloadOf(IPersistableModel model) => ModelFormats.WritePayload(model);
}
