using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;

namespace Scalearn.Tests.Linear;

/// <summary>The scikit-learn parameters of the linear models: their meaning, their errors and warm starts.</summary>
public class LinearParameterTests
{
    private static Dataset Cancer => LinearTestHelpers.StandardizeAll(TestData.Load("breast_cancer"));
    private static Dataset Iris => LinearTestHelpers.StandardizeAll(TestData.Load("iris"));

    [Theory]
    [InlineData("lbfgs", "l1", null, "penalty", "Solver lbfgs supports only 'l2' or 'none' penalties, got l1 penalty.")]
    [InlineData("newton-cg", "elasticnet", 0.5, "penalty", "Solver newton-cg supports only 'l2' or 'none' penalties, got elasticnet penalty.")]
    [InlineData("liblinear", "elasticnet", 0.5, "penalty", "Only 'saga' solver supports elasticnet penalty, got solver=liblinear.")]
    [InlineData("liblinear", "none", null, "penalty", "penalty='none' is not supported for the liblinear solver.")]
    [InlineData("saga", "elasticnet", null, "l1_ratio", "Parameter 'l1_ratio' must be a number in [0, 1] when penalty='elasticnet'; got null.")]
    public void LogisticSolverAndPenaltyCombinationsAreCheckedAsInScikitLearn(string solver, string penalty, double? l1Ratio, string parameter, string message)
    {
        var estimator = new LogisticRegression { L1Ratio = l1Ratio };
        estimator.SetParam("solver", solver);
        estimator.SetParam("penalty", penalty);
        var error = Assert.Throws<ParameterException>(() => estimator.Fit(Cancer));
        Assert.Equal(parameter, error.Parameter);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("lbfgs", "Solver lbfgs supports only dual=False, got dual=True.")]
    [InlineData("saga", "Solver saga supports only dual=False, got dual=True.")]
    public void DualIsLiblinearOnly(string solver, string message)
    {
        var estimator = new LogisticRegression { Dual = true };
        estimator.SetParam("solver", solver);
        Assert.Equal(message, Assert.Throws<ParameterException>(() => estimator.Fit(Cancer)).Message);
    }

    [Theory]
    [InlineData("liblinear")]
    [InlineData("newton-cholesky")]
    public void MultinomialIsRefusedBySolversWithoutIt(string solver)
    {
        var estimator = new LogisticRegression { MultiClass = MultiClass.Multinomial };
        estimator.SetParam("solver", solver);
        var error = Assert.Throws<ParameterException>(() => estimator.Fit(Iris));
        Assert.Equal($"Solver {solver} does not support a multinomial backend.", error.Message);
    }

    [Fact]
    public void LiblinearDualReachesThePrimalOptimum()
    {
        var primal = (LinearClassifierModel)new LogisticRegression { Solver = LogisticSolver.Liblinear, Tol = 1e-12 }.Fit(Cancer);
        var dual = (LinearClassifierModel)new LogisticRegression { Solver = LogisticSolver.Liblinear, Tol = 1e-12, Dual = true }.Fit(Cancer);
        Assert.Equal(primal.Coef.Values, dual.Coef.Values);
    }

    [Fact]
    public void InterceptScalingChangesOnlyLiblinear()
    {
        LinearClassifierModel Fit(LogisticSolver solver, double scaling) =>
            (LinearClassifierModel)new LogisticRegression { Solver = solver, InterceptScaling = scaling, Tol = 1e-10 }.Fit(Cancer);
        Assert.Equal(Fit(LogisticSolver.NewtonCholesky, 1).Coef.Values, Fit(LogisticSolver.NewtonCholesky, 100).Coef.Values);
        var small = Fit(LogisticSolver.Liblinear, 1);
        var large = Fit(LogisticSolver.Liblinear, 100);
        Assert.NotEqual(small.Intercept[0], large.Intercept[0]);
        // A large intercept_scaling makes the penalty on the intercept negligible: liblinear approaches the other solvers.
        var free = Fit(LogisticSolver.NewtonCholesky, 1);
        Assert.True(Math.Abs(large.Intercept[0] - free.Intercept[0]) < Math.Abs(small.Intercept[0] - free.Intercept[0]));
        Assert.Equal("intercept_scaling", Assert.Throws<ParameterException>(() => new LogisticRegression().SetParam("intercept_scaling", 0.0)).Parameter);
    }

    [Fact]
    public void OneVsRestResultsDoNotDependOnNJobs()
    {
        LinearClassifierModel Fit(int? jobs) => (LinearClassifierModel)new LogisticRegression { MultiClass = MultiClass.Ovr, NJobs = jobs, Solver = LogisticSolver.Saga, RandomState = 3 }.Fit(Iris);
        Assert.Equal(Fit(1).Coef.Values, Fit(-1).Coef.Values);
        Assert.Equal(Fit(1).Coef.Values, Fit(null).Coef.Values);
        Assert.Equal("n_jobs", Assert.Throws<ParameterException>(() => new LogisticRegression().SetParam("n_jobs", 0)).Parameter);
    }

    [Fact]
    public void LogisticWarmStartContinuesFromThePreviousSolutionAndCloneStartsCold()
    {
        var data = Cancer;
        var optimum = (LinearClassifierModel)new LogisticRegression { Solver = LogisticSolver.NewtonCholesky, Tol = 1e-12 }.Fit(data);
        var warm = new LogisticRegression { Solver = LogisticSolver.Lbfgs, MaxIter = 3, WarmStart = true };
        var first = (LinearClassifierModel)warm.Fit(data);
        var second = (LinearClassifierModel)warm.Fit(data);
        var third = (LinearClassifierModel)warm.Fit(data);
        double Distance(LinearClassifierModel m) => m.Coef.Values.Zip(optimum.Coef.Values, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(Distance(third) < Distance(second) && Distance(second) < Distance(first));

        var clone = (LogisticRegression)warm.Clone();
        Assert.Equal(warm.GetParams(), clone.GetParams());
        Assert.Equal(first.Coef.Values, ((LinearClassifierModel)clone.Fit(data)).Coef.Values);
        var cold = new LogisticRegression { Solver = LogisticSolver.Lbfgs, MaxIter = 3 };
        cold.Fit(data);
        Assert.Equal(first.Coef.Values, ((LinearClassifierModel)cold.Fit(data)).Coef.Values);
    }

    [Fact]
    public void WarmStartWithADifferentShapeIsAClearError()
    {
        var estimator = new LogisticRegression { WarmStart = true, MaxIter = 5 };
        estimator.Fit(Iris);
        var error = Assert.Throws<ArgumentException>(() => estimator.Fit(Cancer));
        Assert.Contains("warm_start", error.Message);
    }

    [Fact]
    public void SgdWarmStartContinuesAndAverageTakesBoolOrInt()
    {
        var data = Cancer;
        var sgd = new SGDClassifier { RandomState = 0, MaxIter = 1, Tol = null, WarmStart = true, Shuffle = false };
        var first = (LinearClassifierModel)sgd.Fit(data);
        var second = (LinearClassifierModel)sgd.Fit(data);
        Assert.NotEqual(first.Coef.Values, second.Coef.Values);
        var coldClone = (LinearClassifierModel)((SGDClassifier)sgd.Clone()).Fit(data);
        Assert.Equal(first.Coef.Values, coldClone.Coef.Values);

        var average = new SGDRegressor();
        average.SetParam("average", true);
        Assert.Equal(true, average.GetParams()["average"]);
        Assert.Equal(1, average.Average.From);
        average.SetParam("average", 10);
        Assert.Equal(10L, average.GetParams()["average"]);
        average.SetParam("average", false);
        Assert.Equal(false, average.GetParams()["average"]);
        Assert.Equal("average", Assert.Throws<ParameterException>(() => average.SetParam("average", -1)).Parameter);
        Assert.Equal("average", Assert.Throws<ParameterException>(() => average.SetParam("average", "often")).Parameter);
    }

    [Fact]
    public void SgdAverageTrueEqualsAverageOne()
    {
        var data = TestData.Load("diabetes");
        SGDRegressor Make(object average)
        {
            var e = new SGDRegressor { RandomState = 1, MaxIter = 3, Tol = null };
            e.SetParam("average", average);
            return e;
        }
        Assert.Equal(((LinearRegressorModel)Make(true).Fit(data)).Coef, ((LinearRegressorModel)Make(1).Fit(data)).Coef);
    }

    [Fact]
    public void VerboseReportsProgressOnStandardError()
    {
        var writer = new StringWriter();
        var previous = Console.Error;
        Console.SetError(writer);
        try
        {
            new SGDClassifier { RandomState = 0, MaxIter = 2, Tol = null, Verbose = 1 }.Fit(Cancer);
            new LogisticRegression { Solver = LogisticSolver.NewtonCg, Verbose = 1 }.Fit(Cancer);
        }
        finally { Console.SetError(previous); }
        string output = writer.ToString();
        Assert.Contains("-- Epoch 2", output);
        Assert.Contains("Avg. loss:", output);
        Assert.Contains("newton-cg: iteration 1", output);
    }

    [Fact]
    public void RidgeRefusesScikitLearnsInvalidSolverCombinations()
    {
        var lbfgs = new Ridge { Solver = RidgeSolver.Lbfgs };
        Assert.Equal("solver", Assert.Throws<ParameterException>(() => lbfgs.Fit(TestData.Load("diabetes"))).Parameter);
        var positiveSvd = new Ridge { Solver = RidgeSolver.Svd, Positive = true };
        Assert.Contains("does not support positive fitting", Assert.Throws<ParameterException>(() => positiveSvd.Fit(TestData.Load("diabetes"))).Message);
        var positive = (LinearRegressorModel)new Ridge { Solver = RidgeSolver.Lbfgs, Positive = true }.Fit(TestData.Load("diabetes"));
        Assert.All(positive.Coef, c => Assert.True(c >= 0));
    }

    [Theory]
    [InlineData("lasso")]
    [InlineData("elastic_net")]
    public void CoordinateDescentPositiveAndWarmStart(string name)
    {
        var data = TestData.Load("diabetes");
        var estimator = (CoordinateDescentRegressor)EstimatorRegistry.Create(name);
        estimator.Alpha = 0.01;
        estimator.Positive = true;
        estimator.Tol = 1e-10;
        estimator.MaxIter = 100000;
        var model = (LinearRegressorModel)estimator.Fit(data);
        Assert.All(model.Coef, c => Assert.True(c >= 0));
        Assert.Contains(model.Coef, c => c == 0);

        estimator.WarmStart = true;
        estimator.MaxIter = 1;
        var again = (LinearRegressorModel)estimator.Fit(data);
        LinearTestHelpers.AssertAllClose(model.Coef, again.Coef, 1e-6, "warm-started coef");
    }

    [Fact]
    public void LinearRegressionAcceptsScikitLearnsOtherParameters()
    {
        var estimator = new LinearRegression();
        estimator.SetParam("copy_X", false);
        estimator.SetParam("n_jobs", -1);
        var model = (LinearRegressorModel)estimator.Fit(TestData.Load("diabetes"));
        Assert.Equal(((LinearRegressorModel)new LinearRegression().Fit(TestData.Load("diabetes"))).Coef, model.Coef);
    }
}
