using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Scalearn.Svm;

namespace Scalearn.Tests.Svm;

public class SvrTests
{
    private static Dataset Sine()
    {
        var x = new Matrix(80, 1);
        var y = new double[80];
        for (int i = 0; i < 80; i++)
        {
            x[i, 0] = i / 10.0;
            y[i] = Math.Sin(i / 10.0);
        }
        return new Dataset(x, y);
    }

    [Fact]
    public void RbfSvrFollowsASineWithinEpsilon()
    {
        var data = Sine();
        var model = (SvrModel)new SVR { C = 10, Epsilon = 0.05 }.Fit(data);
        var predicted = model.Predict(data);
        for (int i = 0; i < predicted.Length; i++) Assert.True(Math.Abs(predicted[i] - data.Y![i]) < 0.1, $"row {i}: {predicted[i]} vs {data.Y[i]}");
        Assert.True(model.Score(data) > 0.97);
    }

    [Fact]
    public void WiderEpsilonTubeNeedsFewerSupportVectors()
    {
        var data = Sine();
        var narrow = (SvrModel)new SVR { Epsilon = 0.01 }.Fit(data);
        var wide = (SvrModel)new SVR { Epsilon = 0.3 }.Fit(data);
        Assert.True(wide.Support.Length < narrow.Support.Length, $"{wide.Support.Length} vs {narrow.Support.Length}");
        Assert.All(wide.DualCoef, c => Assert.InRange(Math.Abs(c), 0, 1.0 + 1e-12));
    }

    [Fact]
    public void ParametersAndErrors()
    {
        var p = new SVR().GetParams();
        Assert.Equal(0.1, p["epsilon"]);
        Assert.Equal(1.0, p["C"]);
        Assert.Equal("rbf", p["kernel"]);
        var e = Assert.Throws<ParameterException>(() => new SVR().SetParam("epsilon", -0.5));
        Assert.Equal("epsilon", e.Parameter);
        Assert.IsType<SVR>(EstimatorRegistry.Create("SVR"));

        var model = (SvrModel)new SVR().Fit(Sine());
        Assert.Throws<ArgumentException>(() => model.Predict(new Dataset(new Matrix(1, 2))));
        var bad = new Dataset(Matrix.FromRows([[1.0], [2.0]]), [1.0, double.NaN]);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new SVR().Fit(bad)).Message);
    }

    [Fact]
    public void PayloadRoundTripPreservesPredictions()
    {
        var data = Sine();
        var model = (SvrModel)new SVR { Kernel = SvmKernel.Poly, Degree = 2 }.Fit(data);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.WritePayload(writer);
        stream.Position = 0;
        var restored = SvrModel.ReadPayload(new BinaryReader(stream), 1);
        Assert.Equal(model.Predict(data), restored.Predict(data));
        Assert.Equal(model.Intercept, restored.Intercept);

        var loaded = ModelFile.Load(new MemoryStream(ModelFile.Serialize(model)));
        Assert.Equal(model.Predict(data), ((SvrModel)loaded.Model).Predict(data));
    }

    private static Dataset Wavy(int rows, int cols)
    {
        var x = new Matrix(rows, cols);
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < cols; f++) x[i, f] = Math.Sin(0.37 * i * (f + 1) + f);
            y[i] = x[i, 0] + 0.5 * x[i, 1] * x[i, 2] - Math.Cos(i);
        }
        return new Dataset(x, y);
    }

    [Fact]
    public void TinyCacheMatchesTheWholeGramMatrix()
    {
        // 150 x 7: the default cache holds the Gram matrix; 0.01 MB holds 8 kernel rows, so rows are computed on
        // demand, evicted, and the gradient is rebuilt on unshrinking from rows that are mostly not cached.
        var data = Wavy(150, 7);
        var whole = (SvrModel)new SVR { C = 3, Epsilon = 0.05 }.Fit(data);
        var tiny = (SvrModel)new SVR { C = 3, Epsilon = 0.05, CacheSize = 0.01 }.Fit(data);
        Assert.Equal(whole.Support, tiny.Support);
        for (int s = 0; s < whole.DualCoef.Length; s++) Assert.Equal(whole.DualCoef[s], tiny.DualCoef[s], 1e-6);
        Assert.Equal(whole.Intercept, tiny.Intercept, 1e-6);
        var noShrinking = (SvrModel)new SVR { C = 3, Epsilon = 0.05, CacheSize = 0.01, Shrinking = false }.Fit(data);
        Assert.Equal(whole.Support, noShrinking.Support);
        for (int s = 0; s < whole.DualCoef.Length; s++) Assert.Equal(whole.DualCoef[s], noShrinking.DualCoef[s], 1e-3);
    }
}
