using System.Numerics.Tensors;
using Scalearn.Data;
using Scalearn.Distributed.Summaries;
using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.Numerics;

namespace Scalearn.Distributed.LinearSteps;

/// <summary>
/// LogisticRegression (solver lbfgs) on a partitioned dataset: the summary round finds every class and its count, then
/// the same L-BFGS as a fit on one machine minimizes sum_i w_i loss_i + 0.5/C ||coef||^2, each evaluation a round whose
/// partition losses and gradients are added in partition order before the penalty (intercepts unpenalized). One
/// problem per class (one-vs-rest, one after the other) or one softmax problem (multinomial), with scikit-learn's
/// class_weight on the classes or, for one-vs-rest 'balanced', on the binarized labels.
/// </summary>
internal static class PartitionedLogistic
{
    public static LinearClassifierModel Fit(LogisticRegression estimator, FitSession session)
    {
        SupportedParameters.Require(estimator, "penalty", "C", "fit_intercept", "max_iter", "tol", "multi_class", "class_weight", "solver");
        var raw = estimator.GetParams();
        if (ParamConverter.Format(raw.GetValueOrDefault("solver")) != "'lbfgs'")
            throw new ParameterException("solver", $"Data-parallel LogisticRegression runs solver='lbfgs' only; got solver={ParamConverter.Format(raw["solver"])}.");
        string penalty = ParamConverter.Format(raw.GetValueOrDefault("penalty"));
        if (penalty is not ("'l2'" or "'none'" or "null"))
            throw new ParameterException("penalty", $"Data-parallel LogisticRegression supports penalty='l2' or 'none'; got penalty={penalty}.");

        var summary = session.Summarize(new SummaryRequest(NeedTarget: true, ClassLabels: true, Moments: false));
        var classes = summary.Classes!;
        var counts = summary.ClassCounts!;
        if (classes.Length < 2)
            throw new ArgumentException($"{estimator.TypeName} needs samples of at least 2 classes in the data, but the data contains only one class: {ParamConverter.Format(classes.FirstOrDefault())}.");
        int p = summary.Features, k = classes.Length, rows = k == 2 ? 1 : k;
        double l2 = penalty == "'l2'" ? 1.0 / estimator.C : 0.0;
        bool multinomial = estimator.MultiClass == MultiClass.Multinomial || (estimator.MultiClass == MultiClass.Auto && k > 2);
        var options = LogisticSolutions.LbfgsSettings(estimator.MaxIter, estimator.Tol);
        var runner = session.Runner(LogisticStepKind.Instance);
        var coef = new Matrix(rows, p);
        var intercept = new double[rows];

        double[] Minimize(int positive, double[] classWeights, int problemRows)
        {
            int evaluation = 0;
            double Objective(ReadOnlySpan<double> w, Span<double> gradient)
            {
                var parts = runner.Run(new LogisticRequest(classes, positive, classWeights, estimator.FitIntercept, w.ToArray()));
                gradient.Clear();
                double loss = 0;
                foreach (var part in parts)
                {
                    loss += part.Loss;
                    TensorPrimitives.Add<double>(gradient, part.Gradient, gradient);
                }
                if (l2 > 0)
                {
                    var coefficients = w[..(problemRows * p)];
                    var coefGradient = gradient[..(problemRows * p)];
                    loss += 0.5 * l2 * TensorPrimitives.Dot<double>(coefficients, coefficients);
                    TensorPrimitives.MultiplyAdd<double>(coefficients, l2, coefGradient, coefGradient);
                }
                session.Report(new DataParallelProgress("lbfgs", Math.Max(positive, 0), ++evaluation, loss));
                return loss;
            }
            int parameters = problemRows * p + (estimator.FitIntercept ? problemRows : 0);
            return Lbfgs.Minimize(Objective, new double[parameters], options).X;
        }

        if (multinomial)
        {
            var w = Minimize(-1, ClassWeights(estimator.ClassWeight, classes, counts), k);
            // Binary multinomial keeps the row of the positive class; by symmetry the other row is its negation.
            int first = k == 2 ? 1 : 0;
            for (int r = 0; r < rows; r++)
            {
                w.AsSpan((first + r) * p, p).CopyTo(coef.Row(r));
                intercept[r] = estimator.FitIntercept ? w[k * p + first + r] : 0;
            }
            return new LinearClassifierModel(classes, coef, intercept, ProbabilityKind.Softmax, "log_loss");
        }
        for (int r = 0; r < rows; r++)
        {
            int positive = k == 2 ? 1 : r;
            var w = Minimize(positive, OneVsRestWeights(estimator.ClassWeight, classes, counts, positive), 1);
            w.AsSpan(0, p).CopyTo(coef.Row(r));
            intercept[r] = estimator.FitIntercept ? w[p] : 0;
        }
        return new LinearClassifierModel(classes, coef, intercept, ProbabilityKind.OneVsRestLogistic, "log_loss");
    }

    /// <summary>scikit-learn's compute_class_weight from the class counts ('balanced': n / (classes x count)).</summary>
    private static double[] ClassWeights(ClassWeight weight, double[] classes, long[] counts)
    {
        if (!weight.IsBalanced) return weight.Resolve(classes, ReadOnlySpan<int>.Empty);
        double n = counts.Sum();
        return counts.Select(c => c == 0 ? 1.0 : n / (classes.Length * c)).ToArray();
    }

    /// <summary>As a fit on one machine: a label map weighs the original classes, 'balanced' is computed on the binarized labels.</summary>
    private static double[] OneVsRestWeights(ClassWeight weight, double[] classes, long[] counts, int positive)
    {
        if (!weight.IsBalanced) return ClassWeights(weight, classes, counts);
        long positives = counts[positive], negatives = counts.Sum() - positives;
        var binary = ClassWeights(weight, [-1.0, 1.0], [negatives, positives]);
        return Enumerable.Range(0, classes.Length).Select(c => c == positive ? binary[1] : binary[0]).ToArray();
    }
}
