using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Clustering;

/// <summary>
/// Fitted k-means: cluster centers, the labels and inertia of the fitted rows. Predict gives the nearest center's
/// index, Score is minus the inertia of the given rows, Transform the euclidean distance to every center.
/// </summary>
[ModelFormat("k-means", 1)]
public sealed class KMeansModel : IPredictor, ITransformerModel, IPersistableModel<KMeansModel>
{
    private readonly int[] _labels;

    internal KMeansModel(Matrix clusterCenters, int[] labels, double inertia, int iterations)
    {
        ClusterCenters = clusterCenters;
        _labels = labels;
        Inertia = inertia;
        Iterations = iterations;
    }

    public Matrix ClusterCenters { get; }
    public int ClusterCount => ClusterCenters.Rows;
    public int FeatureCount => ClusterCenters.Cols;

    /// <summary>labels_: the cluster of each fitted row (for a partial fit, of the last chunk).</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>inertia_: sum of squared distances of the fitted rows to their closest center.</summary>
    public double Inertia { get; }

    /// <summary>n_iter_.</summary>
    public int Iterations { get; }

    public double[] Predict(DataView x)
    {
        var (labels, _) = LabelsAndInertia(x);
        return labels.Select(l => (double)l).ToArray();
    }

    public double Score(DataView data) => -LabelsAndInertia(data).Inertia;

    public Dataset Transform(DataView x)
    {
        Check(x);
        var distances = new Matrix(x.Count, ClusterCount);
        for (int i = 0; i < x.Count; i++)
        {
            var row = x.Row(i);
            for (int c = 0; c < ClusterCount; c++) distances[i, c] = Math.Sqrt(KMeansMath.SquaredDistance(row, ClusterCenters.Row(c)));
        }
        var names = Enumerable.Range(0, ClusterCount).Select(c => $"kmeans{c}").ToArray();
        return x.Derive(distances, names);
    }

    private (int[] Labels, double Inertia) LabelsAndInertia(DataView x)
    {
        Check(x);
        var labels = new int[x.Count];
        var matrix = x.Indices is null ? x.Source.X : x.ToMatrix();
        double inertia = KMeansMath.Assign(matrix, ClusterCenters, labels, parallel: true);
        return (labels, inertia);
    }

    private void Check(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(KMeansModel));
        ModelChecks.AllFinite(x, nameof(KMeansModel));
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(ClusterCenters.Rows);
        writer.Write(ClusterCenters.Cols);
        foreach (double v in ClusterCenters.Values) writer.Write(v);
        writer.Write(_labels.Length);
        foreach (int l in _labels) writer.Write(l);
        writer.Write(Inertia);
        writer.Write(Iterations);
    }

    public static KMeansModel ReadPayload(BinaryReader reader, int version)
    {
        int rows = reader.ReadInt32(), cols = reader.ReadInt32();
        if (rows < 1 || cols < 0) throw new InvalidDataException("Corrupt k-means payload.");
        var values = new double[checked(rows * cols)];
        for (int i = 0; i < values.Length; i++) values[i] = reader.ReadDouble();
        var labels = new int[reader.ReadInt32()];
        for (int i = 0; i < labels.Length; i++) labels[i] = reader.ReadInt32();
        if (labels.Any(l => (uint)l >= (uint)rows)) throw new InvalidDataException("Corrupt k-means payload.");
        return new KMeansModel(new Matrix(values, rows, cols), labels, reader.ReadDouble(), reader.ReadInt32());
    }
}
