using System.Globalization;
using System.Text;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Tests.Data.Tables;

namespace Scalearn.Tests.Jobs;

/// <summary>k-NN with the index and the queries read where the tasks run writes what the streamed job writes.</summary>
public sealed class KnnDataOnWorkersTests : IDisposable
{
    private readonly TempFiles _files = new();

    private string Points(string name, int rows, int seed)
    {
        var rng = new global::Scalearn.Numerics.Rng(seed);
        var text = new StringBuilder("a,b,c\n");
        for (int r = 0; r < rows; r++)
            text.Append(CultureInfo.InvariantCulture, $"{Math.Round(rng.NextGaussian(), 3):R},{Math.Round(rng.NextGaussian(), 3):R},{Math.Round(rng.NextGaussian(), 3):R}\n");
        return _files.Write(name, text.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reading_the_files_on_the_workers_writes_the_same_bytes(bool self)
    {
        string index = Points("index.csv", 900, 1), queries = Points("queries.csv", 1_234, 2);
        string streamed = _files.Path("streamed.csv"), onWorkers = _files.Path("workers.csv");
        var options = new KnnQueryOptions { K = 4, BatchSize = 100 };
        long a = await KnnQueryJob.RunAsync(new LocalExecutor(2), index, self ? null : queries, streamed, options);
        long b = await KnnQueryJob.RunAsync(new LocalExecutor(2), index, self ? null : queries, onWorkers, options with { DataOnWorkers = true });
        Assert.Equal(a, b);
        Assert.Equal((self ? 900 : 1_234) * 4, b);
        Assert.Equal(File.ReadAllBytes(streamed), File.ReadAllBytes(onWorkers));
    }

    public void Dispose() => _files.Dispose();
}
