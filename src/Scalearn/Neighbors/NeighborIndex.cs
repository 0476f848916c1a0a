using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Neighbors;

/// <summary>
/// The fitted state shared by the neighbour models: a private copy of the training points, the resolved metric and
/// algorithm, and the search structure (rebuilt, not stored, when a model is read back).
/// </summary>
internal sealed class NeighborIndex
{
    private readonly NeighborSearcher _searcher;

    private NeighborIndex(Matrix points, NeighborMetric metric, double p, NeighborAlgorithm algorithm, int leafSize, int? nJobs)
    {
        Points = points;
        Metric = metric;
        P = p;
        Algorithm = algorithm;
        LeafSize = leafSize;
        NJobs = nJobs;
        var distance = Distance.Resolve(metric, p);
        _searcher = algorithm switch
        {
            NeighborAlgorithm.KdTree => new SpaceTree(points, distance, balls: false, leafSize),
            NeighborAlgorithm.BallTree => new SpaceTree(points, distance, balls: true, leafSize),
            _ => new BruteForceSearcher(points, distance),
        };
    }

    public Matrix Points { get; }
    public NeighborMetric Metric { get; }
    public double P { get; }

    /// <summary>The algorithm in use: never <see cref="NeighborAlgorithm.Auto"/>.</summary>
    public NeighborAlgorithm Algorithm { get; }

    public int LeafSize { get; }
    public int? NJobs { get; }
    public int FeatureCount => Points.Cols;
    public int SampleCount => Points.Rows;

    public static NeighborIndex Build(DataView data, NeighborMetric metric, double p, NeighborAlgorithm algorithm, int leafSize,
        int nNeighbors, int? nJobs) =>
        new(data.ToMatrix(), metric, p, Resolve(algorithm, metric, data.FeatureCount, data.Count, nNeighbors), leafSize, nJobs);

    /// <summary>scikit-learn 1.2.1's choice for algorithm='auto': brute force for many features, large k or cosine; else a k-d tree.</summary>
    public static NeighborAlgorithm Resolve(NeighborAlgorithm requested, NeighborMetric metric, int features, int samples, int nNeighbors)
    {
        if (requested != NeighborAlgorithm.Auto) return requested;
        if (features > 15 || nNeighbors >= samples / 2 || metric == NeighborMetric.Cosine) return NeighborAlgorithm.Brute;
        return NeighborAlgorithm.KdTree;
    }

    public static int Parallelism(int? nJobs) => nJobs switch
    {
        null => Environment.ProcessorCount,
        < 0 => Math.Max(1, Environment.ProcessorCount + 1 + nJobs.Value),
        _ => nJobs.Value,
    };

    public KNeighborsResult KNeighbors(DataView queries, int k, string model)
    {
        if (k < 1) throw new ParameterException("n_neighbors", $"Parameter 'n_neighbors' must be an integer >= 1; got {k}.");
        if (k > SampleCount)
            throw new ArgumentException($"Expected n_neighbors <= n_samples_fit, but n_neighbors = {k}, n_samples_fit = {SampleCount}.");
        ModelChecks.FeatureCount(queries, FeatureCount, model);
        ModelChecks.AllFinite(queries, model);
        var distances = new double[queries.Count * k];
        var indices = new int[queries.Count * k];
        _searcher.Search(queries, k, distances, indices, Parallelism(NJobs));
        return new KNeighborsResult(new Matrix(distances, queries.Count, k), indices);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write((int)Metric);
        writer.Write(P);
        writer.Write((int)Algorithm);
        writer.Write(LeafSize);
        writer.Write(NJobs ?? 0);
        writer.Write(Points.Rows);
        writer.Write(Points.Cols);
        foreach (double v in Points.Values) writer.Write(v);
    }

    public static NeighborIndex Read(BinaryReader reader)
    {
        var metric = (NeighborMetric)reader.ReadInt32();
        double p = reader.ReadDouble();
        var algorithm = (NeighborAlgorithm)reader.ReadInt32();
        int leafSize = reader.ReadInt32();
        int nJobs = reader.ReadInt32();
        int rows = reader.ReadInt32(), cols = reader.ReadInt32();
        if (!Enum.IsDefined(metric) || !Enum.IsDefined(algorithm) || rows < 0 || cols < 0)
            throw new InvalidDataException("Corrupt neighbour index payload.");
        var values = new double[checked(rows * cols)];
        for (int i = 0; i < values.Length; i++) values[i] = reader.ReadDouble();
        return new NeighborIndex(new Matrix(values, rows, cols), metric, p, algorithm, leafSize, nJobs == 0 ? null : nJobs);
    }
}
