using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;
using Scalearn.Persistence;

namespace Scalearn.Dummy;

/// <summary>A fitted <see cref="DummyClassifier"/>. Random strategies draw from random_state afresh on every call, as scikit-learn does.</summary>
[ModelFormat("dummy-classifier", 1)]
public sealed class DummyClassifierModel : ClassifierModel, IPersistableModel<DummyClassifierModel>
{
    public DummyClassifierModel(double[] classes, int featureCount, DummyClassifierStrategy strategy, double[] classPrior, int constantIndex, int? randomState)
        : base(classes, featureCount)
    {
        Strategy = strategy;
        ClassPrior = classPrior;
        ConstantIndex = constantIndex;
        RandomState = randomState;
    }

    public DummyClassifierStrategy Strategy { get; }
    public double[] ClassPrior { get; }
    public int ConstantIndex { get; }
    public int? RandomState { get; }

    private int MostFrequentIndex
    {
        get
        {
            int best = 0;
            for (int k = 1; k < ClassPrior.Length; k++) if (ClassPrior[k] > ClassPrior[best]) best = k;
            return best;
        }
    }

    protected override double[] PredictCore(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(DummyClassifierModel));
        var result = new double[x.Count];
        switch (Strategy)
        {
            case DummyClassifierStrategy.Uniform:
                var rng = Rng.FromOptionalSeed(RandomState);
                for (int i = 0; i < result.Length; i++) result[i] = Classes[rng.NextInt(Classes.Length)];
                return result;
            case DummyClassifierStrategy.Stratified:
                return base.PredictCore(x);
            default:
                Array.Fill(result, Classes[Strategy == DummyClassifierStrategy.Constant ? ConstantIndex : MostFrequentIndex]);
                return result;
        }
    }

    protected override Matrix PredictProbaCore(DataView x)
    {
        int n = x.Count, k = Classes.Length;
        var proba = new Matrix(n, k);
        var rng = Strategy == DummyClassifierStrategy.Stratified ? Rng.FromOptionalSeed(RandomState) : null;
        for (int i = 0; i < n; i++)
        {
            var row = proba.Row(i);
            switch (Strategy)
            {
                case DummyClassifierStrategy.Prior: ClassPrior.CopyTo(row); break;
                case DummyClassifierStrategy.Uniform: row.Fill(1.0 / k); break;
                case DummyClassifierStrategy.MostFrequent: row[MostFrequentIndex] = 1; break;
                case DummyClassifierStrategy.Constant: row[ConstantIndex] = 1; break;
                case DummyClassifierStrategy.Stratified: row[Draw(rng!)] = 1; break;
            }
        }
        return proba;
    }

    private int Draw(Rng rng)
    {
        double u = rng.NextDouble(), cumulative = 0;
        for (int c = 0; c < ClassPrior.Length; c++)
        {
            cumulative += ClassPrior[c];
            if (u < cumulative) return c;
        }
        return ClassPrior.Length - 1;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        writer.Write((int)Strategy);
        writer.Write(Classes.Length);
        foreach (var c in Classes) writer.Write(c);
        foreach (var p in ClassPrior) writer.Write(p);
        writer.Write(ConstantIndex);
        writer.Write(RandomState.HasValue);
        writer.Write(RandomState ?? 0);
    }

    public static DummyClassifierModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported dummy-classifier payload version {version}.");
        int features = reader.ReadInt32();
        var strategy = (DummyClassifierStrategy)reader.ReadInt32();
        if (!Enum.IsDefined(strategy)) throw new InvalidDataException("Corrupt dummy-classifier payload: unknown strategy.");
        int k = reader.ReadInt32();
        var classes = new double[k];
        for (int i = 0; i < k; i++) classes[i] = reader.ReadDouble();
        var priors = new double[k];
        for (int i = 0; i < k; i++) priors[i] = reader.ReadDouble();
        int constantIndex = reader.ReadInt32();
        bool hasSeed = reader.ReadBoolean();
        int seed = reader.ReadInt32();
        return new DummyClassifierModel(classes, features, strategy, priors, constantIndex, hasSeed ? seed : null);
    }
}
