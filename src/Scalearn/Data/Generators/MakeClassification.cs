using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Data.Generators;

/// <summary>scikit-learn's dataset generators (make_classification, make_regression, make_blobs) with its parameters.</summary>
public static partial class DataGenerators
{
    /// <summary>
    /// scikit-learn's make_classification: each class is <paramref name="nClustersPerClass"/> Gaussian clusters around
    /// distinct vertices of a hypercube of side 2 * <paramref name="classSep"/> in the first <paramref name="nInformative"/>
    /// dimensions, each cluster with a random covariance; then <paramref name="nRedundant"/> random linear combinations of
    /// the informative features, <paramref name="nRepeated"/> copies, and pure-noise features; a fraction
    /// <paramref name="flipY"/> of labels is reassigned at random. <paramref name="weights"/> sets the class proportions
    /// (n_classes or n_classes - 1 values). <paramref name="shift"/> and <paramref name="scale"/> apply to every
    /// feature; null draws them per feature (uniform in [-class_sep, class_sep] and [1, 101]), as scikit-learn's None.
    /// Rows and columns are shuffled unless <paramref name="shuffle"/> is false (then the informative features come first).
    /// </summary>
    public static Dataset MakeClassification(int nSamples = 100, int nFeatures = 20, int nInformative = 2, int nRedundant = 2,
        int nRepeated = 0, int nClasses = 2, int nClustersPerClass = 2, IReadOnlyList<double>? weights = null, double flipY = 0.01,
        double classSep = 1.0, bool hypercube = true, double? shift = 0.0, double? scale = 1.0, bool shuffle = true, int? randomState = null)
    {
        Check.AtLeast(nSamples, 1, "n_samples");
        Check.AtLeast(nFeatures, 1, "n_features");
        Check.AtLeast(nInformative, 1, "n_informative");
        Check.AtLeast(nRedundant, 0, "n_redundant");
        Check.AtLeast(nRepeated, 0, "n_repeated");
        Check.AtLeast(nClasses, 1, "n_classes");
        Check.AtLeast(nClustersPerClass, 1, "n_clusters_per_class");
        Check.InRange(flipY, 0, 1, "flip_y");
        if (!double.IsFinite(classSep)) throw new ParameterException("class_sep", $"Parameter 'class_sep' must be a finite number; got {classSep}.");
        if (nInformative + nRedundant + nRepeated > nFeatures)
            throw new ParameterException("n_features", "Number of informative, redundant and repeated features must sum to less than the number of total features");
        int nClusters = nClasses * nClustersPerClass;
        if (nInformative < 31 && (1L << nInformative) < nClusters)
            throw new ParameterException("n_informative",
                $"n_classes({nClasses}) * n_clusters_per_class({nClustersPerClass}) must be smaller or equal 2**n_informative({nInformative})={1L << nInformative}");
        var classWeights = ClassWeights(weights, nClasses);

        var rng = Rng.FromOptionalSeed(randomState);
        int blockSeed = (int)(rng.NextULong() >> 33);
        int nUseful = nInformative + nRedundant + nRepeated;

        // Rows are generated cluster by cluster (scikit-learn's n_samples_per_cluster), then shuffled.
        var perCluster = new int[nClusters];
        for (int k = 0; k < nClusters; k++) perCluster[k] = (int)(nSamples * classWeights[k % nClasses] / nClustersPerClass);
        for (int i = 0, left = nSamples - perCluster.Sum(); i < left; i++) perCluster[i % nClusters]++;
        var clusterOfRow = new int[nSamples];
        for (int k = 0, row = 0; k < nClusters; k++)
            for (int c = 0; c < perCluster[k]; c++) clusterOfRow[row++] = k;

        var centroids = HypercubeVertices(nClusters, nInformative, rng);
        foreach (ref double c in centroids.AsSpan()) c = c * 2 * classSep - classSep;
        if (!hypercube)
        {
            var rowFactor = Uniform(rng, nClusters);
            var colFactor = Uniform(rng, nInformative);
            for (int k = 0; k < nClusters; k++)
                for (int j = 0; j < nInformative; j++) centroids[k * nInformative + j] *= rowFactor[k] * colFactor[j];
        }
        // Per-cluster covariance factors A (x = z A + centroid), the redundant mixing B, the repeated columns.
        var a = new double[nClusters][];
        for (int k = 0; k < nClusters; k++) a[k] = Uniform(rng, nInformative * nInformative, -1, 1);
        var b = Uniform(rng, nInformative * nRedundant, -1, 1);
        var repeated = Uniform(rng, nRepeated).Select(u => (int)((nInformative + nRedundant - 1) * u + 0.5)).ToArray();
        var shifts = shift is double s ? Enumerable.Repeat(s, nFeatures).ToArray() : Uniform(rng, nFeatures, -classSep, classSep);
        var scales = scale is double f ? Enumerable.Repeat(f, nFeatures).ToArray() : Uniform(rng, nFeatures, 1, 101);
        var rowOrder = RowBlocks.Permutation(nSamples, shuffle, rng);
        var columnOrder = RowBlocks.Permutation(nFeatures, shuffle, rng);

        var x = new Matrix(nSamples, nFeatures);
        var y = new double[nSamples];
        RowBlocks.Run(nSamples, blockSeed, (blockRng, first, count) =>
        {
            var z = new double[nInformative];
            var row = new double[nFeatures];
            for (int i = first; i < first + count; i++)
            {
                int k = clusterOfRow[i];
                NormalFill.Fill(blockRng, z);
                var ak = a[k];
                for (int j = 0; j < nInformative; j++)
                {
                    double v = centroids[k * nInformative + j];
                    for (int m = 0; m < nInformative; m++) v += z[m] * ak[m * nInformative + j];
                    row[j] = v;
                }
                for (int r = 0; r < nRedundant; r++)
                {
                    double v = 0;
                    for (int m = 0; m < nInformative; m++) v += row[m] * b[m * nRedundant + r];
                    row[nInformative + r] = v;
                }
                for (int r = 0; r < nRepeated; r++) row[nInformative + nRedundant + r] = row[repeated[r]];
                NormalFill.Fill(blockRng, row.AsSpan(nUseful));
                var target = x.Row(rowOrder[i]);
                for (int j = 0; j < nFeatures; j++) target[columnOrder[j]] = (row[j] + shifts[j]) * scales[j];
                double label = k % nClasses;
                if (flipY > 0 && blockRng.NextDouble() < flipY) label = blockRng.NextInt(nClasses);
                y[rowOrder[i]] = label;
            }
        });
        return new Dataset(x, y, RowBlocks.FeatureNames(nFeatures), name: "make_classification");
    }

    private static double[] ClassWeights(IReadOnlyList<double>? weights, int nClasses)
    {
        if (weights is null) return Enumerable.Repeat(1.0 / nClasses, nClasses).ToArray();
        if (weights.Count != nClasses && weights.Count != nClasses - 1)
            throw new ParameterException("weights", $"Weights specified but incompatible with number of classes: {weights.Count} weights for n_classes={nClasses} (give n_classes or n_classes - 1 values).");
        if (weights.Any(w => !(w >= 0) || !double.IsFinite(w)))
            throw new ParameterException("weights", "Parameter 'weights' must hold finite numbers >= 0.");
        var result = weights.ToList();
        if (result.Count == nClasses - 1) result.Add(1 - result.Sum());
        if (result[^1] < 0) throw new ParameterException("weights", $"The n_classes - 1 weights sum to {weights.Sum()}, more than 1.");
        return result.ToArray();
    }

    /// <summary>
    /// <paramref name="count"/> distinct vertices of the unit hypercube in <paramref name="dimensions"/> dimensions
    /// (row-major, 0/1 coordinates); beyond 30 dimensions the extra leading coordinates are random bits, as in scikit-learn.
    /// </summary>
    private static double[] HypercubeVertices(int count, int dimensions, Rng rng)
    {
        var vertices = new double[count * dimensions];
        int extra = Math.Max(0, dimensions - 30), distinctBits = dimensions - extra;
        var seen = new HashSet<long>();
        for (int k = 0; k < count; k++)
        {
            for (int j = 0; j < extra; j++) vertices[k * dimensions + j] = rng.NextInt(2);
            long code;
            do code = (long)(rng.NextULong() >> (64 - distinctBits)); while (!seen.Add(code));
            for (int j = 0; j < distinctBits; j++) vertices[k * dimensions + extra + j] = (code >> (distinctBits - 1 - j)) & 1;
        }
        return vertices;
    }

    private static double[] Uniform(Rng rng, int count, double low = 0, double high = 1)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = low + (high - low) * rng.NextDouble();
        return values;
    }
}
