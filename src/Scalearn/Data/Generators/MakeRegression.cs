using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Data.Generators;

public static partial class DataGenerators
{
    /// <summary>
    /// scikit-learn's make_regression: standard normal features (or, with <paramref name="effectiveRank"/>, a matrix whose
    /// singular values decay as make_low_rank_matrix's), a target y = X coef + <paramref name="bias"/> + N(0, noise^2)
    /// where only <paramref name="nInformative"/> coefficients are non-zero (uniform in [0, 100)). Rows and columns are
    /// shuffled unless <paramref name="shuffle"/> is false (then the informative features come first).
    /// A <see cref="Dataset"/> holds one target, so n_targets must be 1.
    /// </summary>
    public static Dataset MakeRegression(int nSamples = 100, int nFeatures = 100, int nInformative = 10, int nTargets = 1,
        double bias = 0.0, int? effectiveRank = null, double tailStrength = 0.5, double noise = 0.0, bool shuffle = true, int? randomState = null) =>
        MakeRegressionWithCoef(nSamples, nFeatures, nInformative, nTargets, bias, effectiveRank, tailStrength, noise, shuffle, randomState).Data;

    /// <summary><see cref="MakeRegression"/> that also returns the coefficients (scikit-learn's coef=True), in the output column order.</summary>
    public static (Dataset Data, double[] Coef) MakeRegressionWithCoef(int nSamples = 100, int nFeatures = 100, int nInformative = 10,
        int nTargets = 1, double bias = 0.0, int? effectiveRank = null, double tailStrength = 0.5, double noise = 0.0, bool shuffle = true,
        int? randomState = null)
    {
        Check.AtLeast(nSamples, 1, "n_samples");
        Check.AtLeast(nFeatures, 1, "n_features");
        Check.AtLeast(nInformative, 0, "n_informative");
        if (nTargets != 1)
            throw new ParameterException("n_targets", $"Parameter 'n_targets' must be 1: a Dataset holds one target column; got {nTargets}.");
        Check.AtLeastOrNull(effectiveRank, 1, "effective_rank");
        Check.InRange(tailStrength, 0, 1, "tail_strength");
        Check.NonNegative(noise, "noise");
        if (!double.IsFinite(bias)) throw new ParameterException("bias", $"Parameter 'bias' must be a finite number; got {bias}.");
        nInformative = Math.Min(nFeatures, nInformative);

        var rng = Rng.FromOptionalSeed(randomState);
        int blockSeed = (int)(rng.NextULong() >> 33);
        var lowRank = effectiveRank is int rank ? LowRankMatrix.Create(nSamples, nFeatures, rank, tailStrength, rng) : null;
        var coef = new double[nFeatures];
        for (int j = 0; j < nInformative; j++) coef[j] = 100 * rng.NextDouble();
        var rowOrder = RowBlocks.Permutation(nSamples, shuffle, rng);
        var columnOrder = RowBlocks.Permutation(nFeatures, shuffle, rng);

        var x = new Matrix(nSamples, nFeatures);
        var y = new double[nSamples];
        RowBlocks.Run(nSamples, blockSeed, (blockRng, first, count) =>
        {
            var row = new double[nFeatures];
            var noiseValue = new double[1];
            for (int i = first; i < first + count; i++)
            {
                if (lowRank is null) NormalFill.Fill(blockRng, row);
                else lowRank.Row(i).CopyTo(row);
                double target = bias;
                for (int j = 0; j < nInformative; j++) target += row[j] * coef[j];
                if (noise > 0)
                {
                    NormalFill.Fill(blockRng, noiseValue);
                    target += noise * noiseValue[0];
                }
                var destination = x.Row(rowOrder[i]);
                for (int j = 0; j < nFeatures; j++) destination[columnOrder[j]] = row[j];
                y[rowOrder[i]] = target;
            }
        });
        var shuffledCoef = new double[nFeatures];
        for (int j = 0; j < nFeatures; j++) shuffledCoef[columnOrder[j]] = coef[j];
        return (new Dataset(x, y, RowBlocks.FeatureNames(nFeatures), name: "make_regression"), shuffledCoef);
    }
}
