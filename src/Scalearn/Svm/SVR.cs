using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Svm;

/// <summary>Epsilon-support vector regression (scikit-learn's SVR on libsvm's epsilon-SVR SMO).</summary>
[RegisteredEstimator]
public sealed class SVR : Estimator<SvrModel>, IRegressorEstimator
{
    public SvmKernel Kernel { get; set; } = SvmKernel.Rbf;
    public int Degree { get; set => field = Check.AtLeast(value, 0, "degree"); } = 3;
    public SvmGamma Gamma { get; set => field = value ?? throw new ParameterException("gamma", "Parameter 'gamma' must be 'scale', 'auto' or a number >= 0; got null."); } = SvmGamma.Scale;
    public double Coef0 { get; set => field = double.IsFinite(value) ? value : throw new ParameterException("coef0", $"Parameter 'coef0' must be a finite number; got {ParamConverter.Format(value)}."); }
    public double Tol { get; set => field = Check.Positive(value, "tol"); } = 1e-3;
    [ParamName("C")]
    public double C { get; set => field = Check.Positive(value, "C"); } = 1.0;
    public double Epsilon { get; set => field = Check.NonNegative(value, "epsilon"); } = 0.1;
    public bool Shrinking { get; set; } = true;
    public double CacheSize { get; set => field = Check.Positive(value, "cache_size"); } = 200;
    public int MaxIter { get; set => field = Check.AtLeast(value, -1, "max_iter"); } = -1;

    /// <summary>libsvm's summary of each solver run (iterations, objective, rho, support vectors) on stderr.</summary>
    public bool Verbose { get; set; }


    protected override IModel FitCore(DataView data)
    {
        var x = SvmInput.TrainingMatrix(data, nameof(SVR));
        var y = SvmInput.Targets(data, nameof(SVR));
        int l = x.Rows;
        var kernelFunction = new KernelFunction(Kernel, Degree, Gamma.Resolve(x.Values, x.Cols), Coef0);
        long cacheBytes = SvmInput.CacheBytes(CacheSize);
        using var kernel = new KernelMatrix(x.Values, l, x.Cols, kernelFunction, cacheBytes);

        var alpha2 = new double[2 * l];
        var linear = new double[2 * l];
        var signs = new sbyte[2 * l];
        for (int i = 0; i < l; i++)
        {
            linear[i] = Epsilon - y[i];
            signs[i] = 1;
            linear[i + l] = Epsilon + y[i];
            signs[i + l] = -1;
        }
        using var q = new RegressionQ(kernel, cacheBytes);
        var result = SmoSolver.Solve(q, linear, signs, alpha2, C, C, Tol, Shrinking, MaxIter, Verbose);

        var support = new List<int>();
        var coef = new List<double>();
        for (int i = 0; i < l; i++)
        {
            double a = alpha2[i] - alpha2[i + l];
            if (a == 0) continue;
            support.Add(i);
            coef.Add(a);
        }
        var vectors = new Matrix(support.Count, x.Cols);
        for (int s = 0; s < support.Count; s++) x.Row(support[s]).CopyTo(vectors.Row(s));
        return new SvrModel(x.Cols, new SupportVectors(vectors, kernelFunction), support.ToArray(), coef.ToArray(), -result.Rho);
    }
}
