using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Data.Generators;

public static partial class DataGenerators
{
    /// <summary>
    /// scikit-learn's make_blobs: isotropic Gaussian clusters. <paramref name="nSamples"/> is a total split evenly over the
    /// centers (default 100) or one count per center; <paramref name="centers"/> a number of centers drawn uniformly in
    /// <paramref name="centerBox"/> (default 3, or one per count) or their coordinates; <paramref name="clusterStd"/> one
    /// standard deviation for all (default 1) or one per center. The target is the center index.
    /// </summary>
    public static Dataset MakeBlobs(OneOrMany<int>? nSamples = null, int nFeatures = 2, BlobCenters? centers = null,
        OneOrMany<double>? clusterStd = null, (double Min, double Max)? centerBox = null, bool shuffle = true, int? randomState = null) =>
        MakeBlobsWithCenters(nSamples, nFeatures, centers, clusterStd, centerBox, shuffle, randomState).Data;

    /// <summary><see cref="MakeBlobs"/> that also returns the centers (scikit-learn's return_centers=True), one row each.</summary>
    public static (Dataset Data, Matrix Centers) MakeBlobsWithCenters(OneOrMany<int>? nSamples = null, int nFeatures = 2,
        BlobCenters? centers = null, OneOrMany<double>? clusterStd = null, (double Min, double Max)? centerBox = null, bool shuffle = true,
        int? randomState = null)
    {
        nSamples ??= 100;
        clusterStd ??= 1.0;
        var (low, high) = centerBox ?? (-10.0, 10.0);
        if (!(low <= high) || !double.IsFinite(low) || !double.IsFinite(high))
            throw new ParameterException("center_box", $"Parameter 'center_box' must be a finite (min, max) pair with min <= max; got ({low}, {high}).");
        var rng = Rng.FromOptionalSeed(randomState);
        int blockSeed = (int)(rng.NextULong() >> 33);

        int nCenters;
        if (nSamples.Many is { } counts)
        {
            if (counts.Length == 0 || counts.Any(c => c < 0))
                throw new ParameterException("n_samples", "Parameter 'n_samples' must be a count >= 1 or one count >= 0 per center.");
            nCenters = counts.Length;
            if (centers?.Count is int given && given != nCenters || centers?.Coordinates is { } m && m.Rows != nCenters)
                throw new ParameterException("centers",
                    $"Length of `n_samples` not consistent with number of centers. Got n_samples = {nSamples} and centers = {centers.Count?.ToString() ?? $"{centers.Coordinates!.Rows} rows"}");
        }
        else
        {
            Check.AtLeast(nSamples.Single, 1, "n_samples");
            nCenters = centers?.Coordinates?.Rows ?? centers?.Count ?? 3;
        }
        Check.AtLeast(nCenters, 1, "centers");
        Matrix centerMatrix;
        if (centers?.Coordinates is { } coordinates)
        {
            centerMatrix = coordinates;
            nFeatures = coordinates.Cols;
            if (coordinates.Values.Any(v => !double.IsFinite(v))) throw new ParameterException("centers", "Parameter 'centers' must hold finite coordinates.");
        }
        else
        {
            Check.AtLeast(nFeatures, 1, "n_features");
            centerMatrix = new Matrix(nCenters, nFeatures);
            for (int i = 0; i < centerMatrix.Values.Length; i++) centerMatrix.Values[i] = low + (high - low) * rng.NextDouble();
        }
        if (clusterStd.Many is { } stds && stds.Length != nCenters)
            throw new ParameterException("cluster_std",
                $"Length of `clusters_std` not consistent with number of centers. Got centers = {nCenters} and cluster_std = {clusterStd}");
        for (int k = 0; k < nCenters; k++)
            if (!(clusterStd.At(k) >= 0) || !double.IsFinite(clusterStd.At(k)))
                throw new ParameterException("cluster_std", $"Parameter 'cluster_std' must be finite and >= 0; got {clusterStd.At(k)}.");

        var perCenter = new int[nCenters];
        for (int k = 0; k < nCenters; k++)
            perCenter[k] = nSamples.Many?[k] ?? nSamples.Single / nCenters + (k < nSamples.Single % nCenters ? 1 : 0);
        int total = perCenter.Sum();
        var centerOfRow = new int[total];
        for (int k = 0, row = 0; k < nCenters; k++)
            for (int c = 0; c < perCenter[k]; c++) centerOfRow[row++] = k;
        var rowOrder = RowBlocks.Permutation(total, shuffle, rng);

        var x = new Matrix(total, nFeatures);
        var y = new double[total];
        RowBlocks.Run(total, blockSeed, (blockRng, first, count) =>
        {
            for (int i = first; i < first + count; i++)
            {
                int k = centerOfRow[i];
                var row = x.Row(rowOrder[i]);
                NormalFill.Fill(blockRng, row);
                double std = clusterStd.At(k);
                var center = centerMatrix.Row(k);
                for (int j = 0; j < row.Length; j++) row[j] = center[j] + std * row[j];
                y[rowOrder[i]] = k;
            }
        });
        return (new Dataset(x, y, RowBlocks.FeatureNames(nFeatures), name: "make_blobs"), centerMatrix);
    }
}
