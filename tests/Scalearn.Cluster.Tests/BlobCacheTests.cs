using Scalearn.Cluster.Worker;

namespace Scalearn.Cluster.Tests;

public sealed class BlobCacheTests
{
    [Fact]
    public async Task ConcurrentRequestsShareOneFetch()
    {
        var cache = new BlobCache(1000);
        int fetches = 0;
        var gate = new TaskCompletionSource();
        async Task<(string, long)> Fetch()
        {
            Interlocked.Increment(ref fetches);
            await gate.Task;
            return ("value", 10);
        }
        var all = Enumerable.Range(0, 8).Select(_ => cache.GetAsync("h", Fetch)).ToList();
        gate.SetResult();
        Assert.All(await Task.WhenAll(all), v => Assert.Equal("value", v));
        Assert.Equal(1, fetches);
        Assert.Equal("value", await cache.GetAsync("h", Fetch));
        Assert.Equal(1, fetches);
    }

    [Fact]
    public async Task EvictsLeastRecentlyUsedBeyondCapacity()
    {
        var cache = new BlobCache(25);
        int fetches = 0;
        Func<Task<(string, long)>> Fetch(string v) => () => { fetches++; return Task.FromResult((v, 10L)); };
        await cache.GetAsync("a", Fetch("a"));
        await cache.GetAsync("b", Fetch("b"));
        await cache.GetAsync("a", Fetch("a"));   // a is now the most recent
        await cache.GetAsync("c", Fetch("c"));   // evicts b
        Assert.Equal(3, fetches);
        Assert.Equal(20, cache.Bytes);
        await cache.GetAsync("a", Fetch("a"));
        Assert.Equal(3, fetches);
        await cache.GetAsync("b", Fetch("b"));
        Assert.Equal(4, fetches);
    }

    [Fact]
    public async Task FailedFetchIsNotCached()
    {
        var cache = new BlobCache(100);
        await Assert.ThrowsAsync<InvalidDataException>(() => cache.GetAsync<string>("h", () => throw new InvalidDataException("bad")));
        Assert.Equal("ok", await cache.GetAsync("h", () => Task.FromResult(("ok", 1L))));
    }
}
