using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// Logistic regression (scikit-learn's LogisticRegression with solver='lbfgs'): minimizes
/// sum_i w_i loss_i + 0.5/C ||coef||^2 with L-BFGS, one binary problem per class (ovr) or a single softmax problem
/// (multinomial). Stops when the largest gradient component is at most tol, as scipy's L-BFGS-B does for scikit-learn.
/// </summary>
[RegisteredEstimator]
public sealed class LogisticRegression : Estimator<LinearClassifierModel>, IClassifierEstimator
{
    /// <summary>l2, or none / null for no penalty.</summary>
    public LogisticPenalty? Penalty { get; set; } = LogisticPenalty.L2;
    public double C { get; set => field = Check.Positive(value, "C"); } = 1.0;
    public bool FitIntercept { get; set; } = true;
    public int MaxIter { get; set => field = Check.AtLeast(value, 0, "max_iter"); } = 100;
    public double Tol { get; set => field = Check.NonNegative(value, "tol"); } = 1e-4;
    public MultiClass MultiClass { get; set; } = MultiClass.Auto;
    public ClassWeight ClassWeight { get; set; }
    public LogisticSolver Solver { get; set; } = LogisticSolver.Lbfgs;

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        LinearInputs.RequireFiniteFeaturesAndTarget(data, TypeName);
    }

    protected override IModel FitCore(DataView data)
    {
        var classes = LinearInputs.Classes(data, TypeName);
        var classIndex = LinearInputs.ClassIndices(data, classes, TypeName);
        int n = data.Count, p = data.FeatureCount, k = classes.Length;
        var x = data.ToMatrix().Values;
        double l2 = Penalty == LogisticPenalty.L2 ? 1.0 / C : 0.0;
        bool multinomial = MultiClass == MultiClass.Multinomial || (MultiClass == MultiClass.Auto && k > 2);
        var options = new LbfgsOptions { MaxIterations = MaxIter, GradientTolerance = Tol, MaxLineSearchSteps = 50 };
        int rows = k == 2 ? 1 : k;
        var coef = new Matrix(rows, p);
        var intercept = new double[rows];

        if (multinomial)
        {
            var classWeights = ClassWeight.Resolve(classes, classIndex);
            var sampleWeight = classIndex.Select(c => classWeights[c]).ToArray();
            var objective = LogisticObjective.Multinomial(x, n, p, k, classIndex, sampleWeight, l2, FitIntercept);
            var w = Lbfgs.Minimize(objective.Evaluate, new double[objective.ParameterCount], options).X;
            // Binary multinomial keeps the row of the positive class; by symmetry the other row is its negation.
            int first = k == 2 ? 1 : 0;
            for (int r = 0; r < rows; r++)
            {
                w.AsSpan((first + r) * p, p).CopyTo(coef.Row(r));
                intercept[r] = FitIntercept ? w[k * p + first + r] : 0;
            }
            return new LinearClassifierModel(classes, coef, intercept, ProbabilityKind.Softmax, "log_loss");
        }

        for (int r = 0; r < rows; r++)
        {
            int positive = k == 2 ? 1 : r;
            var sampleWeight = OneVsRestWeights(classes, classIndex, positive);
            var objective = LogisticObjective.Binary(x, n, p, classIndex, positive, sampleWeight, l2, FitIntercept);
            var w = Lbfgs.Minimize(objective.Evaluate, new double[objective.ParameterCount], options).X;
            w.AsSpan(0, p).CopyTo(coef.Row(r));
            intercept[r] = FitIntercept ? w[p] : 0;
        }
        return new LinearClassifierModel(classes, coef, intercept, ProbabilityKind.OneVsRestLogistic, "log_loss");
    }

    /// <summary>Like scikit-learn: a label map weighs the original classes, "balanced" is computed on the binarized labels.</summary>
    private double[] OneVsRestWeights(double[] classes, int[] classIndex, int positive)
    {
        if (ClassWeight.IsBalanced)
        {
            var binary = classIndex.Select(c => c == positive ? 1 : 0).ToArray();
            var weights = ClassWeight.Resolve([-1.0, 1.0], binary);
            return binary.Select(b => weights[b]).ToArray();
        }
        var classWeights = ClassWeight.Resolve(classes, classIndex);
        return classIndex.Select(c => classWeights[c]).ToArray();
    }
}
