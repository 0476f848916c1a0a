using Scalearn.Ensemble;
using Scalearn.Linear;
using Scalearn.Metrics;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;
using Scalearn.Svm;

namespace Scalearn.Tests.Metrics;

public class TaskChecksTests
{
    private static readonly double[] Continuous = [0.5, 1.25, 3.0, 2.0];
    private static readonly double[] Binary = [0, 1, 1, 0];
    private static readonly double[] Multiclass = [0, 1, 2, 1];
    private static readonly double[] IntegerRegression = [151, 75, 141, 206, 135];

    [Fact]
    public void Classifier_on_a_continuous_target_says_so_and_names_the_regressor()
    {
        var e = Assert.Throws<ArgumentException>(() => TaskChecks.Check(new RandomForestClassifier(), ["accuracy"], Continuous, "price"));
        Assert.Contains("RandomForestClassifier is a classifier, but the target 'price' is continuous (row 0 holds 0.5", e.Message);
        Assert.Contains("such as RandomForestRegressor", e.Message);
        Assert.Contains("such as SVR", Assert.Throws<ArgumentException>(() => TaskChecks.Check(new SVC(), ["score"], Continuous)).Message);
    }

    [Fact]
    public void A_pipeline_is_judged_by_its_last_step()
    {
        var pipeline = new Pipeline(("scale", new StandardScaler()), ("forest", new RandomForestClassifier()));
        var e = Assert.Throws<ArgumentException>(() => TaskChecks.Check(pipeline, ["score"], Continuous));
        Assert.Contains("RandomForestClassifier (the last step of the Pipeline) is a classifier", e.Message);
        TaskChecks.Check(pipeline, ["accuracy", "f1_macro"], Multiclass);
    }

    [Fact]
    public void Accuracy_on_a_continuous_target_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => TaskChecks.Check(new Ridge(), ["accuracy"], Continuous));
        Assert.Contains("Scorer 'accuracy' needs class labels, but the target 'target' is continuous", e.Message);
        Assert.Contains("r2", e.Message);
    }

    [Fact]
    public void Classification_scorer_on_a_regressor_is_refused_even_for_whole_number_targets()
    {
        var e = Assert.Throws<ArgumentException>(() => TaskChecks.Check(new Ridge(), ["f1_macro"], IntegerRegression));
        Assert.Contains("Scorer 'f1_macro' judges classifiers, but Ridge is not a classifier", e.Message);
    }

    [Fact]
    public void R2_on_class_labels_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => TaskChecks.Check(new LogisticRegression(), ["accuracy", "r2"], Multiclass));
        Assert.Contains("Scorer 'r2' judges regressors, but LogisticRegression is a classifier", e.Message);
        Assert.Contains("accuracy", e.Message);
    }

    [Fact]
    public void Binary_only_scorers_on_multiclass_targets_point_to_the_multiclass_form()
    {
        var auc = Assert.Throws<ArgumentException>(() => TaskChecks.Check(new LogisticRegression(), ["roc_auc"], Multiclass));
        Assert.Contains("Scorer 'roc_auc' handles binary targets only, but the target 'target' is multiclass (3 classes)", auc.Message);
        Assert.Contains("'roc_auc_ovr'", auc.Message);
        var f1 = Assert.Throws<ArgumentException>(() => TaskChecks.Check(new LogisticRegression(), ["f1"], Multiclass));
        Assert.Contains("'f1_macro', 'f1_micro' or 'f1_weighted'", f1.Message);
    }

    [Fact]
    public void Matching_tasks_pass()
    {
        TaskChecks.Check(new LogisticRegression(), ["roc_auc", "f1", "precision", "recall", "neg_log_loss", "accuracy"], Binary);
        TaskChecks.Check(new LogisticRegression(), ["roc_auc_ovr", "f1_weighted", "balanced_accuracy"], Multiclass);
        TaskChecks.Check(new RandomForestRegressor(), ["r2", "explained_variance", "neg_mean_absolute_percentage_error"], Continuous);
        TaskChecks.Check(new RandomForestRegressor(), ["r2", "score"], IntegerRegression);
        TaskChecks.Check(new StandardScaler(), ["score"], Continuous);
    }

    [Fact]
    public void Unknown_scorer_and_missing_values_fail_before_any_fit()
    {
        Assert.Contains("Unknown scorer 'acc'", Assert.Throws<ArgumentException>(() => TaskChecks.Check(new Ridge(), ["acc"], Continuous)).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => TaskChecks.Check(new Ridge(), ["r2"], [0.5, double.NaN])).Message);
    }
}
