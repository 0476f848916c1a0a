using Scalearn.Boosting;
using Scalearn.Estimators;
using Scalearn.NaiveBayes;
using Scalearn.Preprocessing;
using Scalearn.Svm;
using Scalearn.Trees;

namespace Scalearn.Tests.Params;

/// <summary>Parameters that take a number or a keyword accept the plain C# value, checked as set_params checks it.</summary>
public class ImplicitParamValuesTests
{
    [Fact]
    public void Max_features_takes_an_int_a_fraction_a_keyword_or_null()
    {
        var tree = new DecisionTreeClassifier { MaxFeatures = 3 };
        Assert.Equal(3L, tree.GetParams()["max_features"]);
        tree.MaxFeatures = 0.5;
        Assert.Equal(0.5, tree.GetParams()["max_features"]);
        tree.MaxFeatures = "sqrt";
        Assert.Equal("sqrt", tree.GetParams()["max_features"]);
        tree.MaxFeatures = null!;
        Assert.Null(tree.GetParams()["max_features"]);
        Assert.Contains("max_features", Assert.Throws<ParameterException>(() => tree.MaxFeatures = 0).Message);
        Assert.Throws<ParameterException>(() => tree.MaxFeatures = 1.5);
        Assert.Throws<ParameterException>(() => tree.MaxFeatures = "half");
    }

    [Fact]
    public void Other_number_or_keyword_parameters_take_plain_values()
    {
        Assert.Equal(0.25, new SVC { Gamma = 0.25 }.GetParams()["gamma"]);
        Assert.Equal("auto", new SVC { Gamma = "auto" }.GetParams()["gamma"]);
        Assert.Throws<ParameterException>(() => new SVC { Gamma = -1.0 });
        Assert.Equal([-1.0, 1.0], (object?[])new MinMaxScaler { FeatureRange = (-1, 1) }.GetParams()["feature_range"]!);
        Assert.Equal([0.3, 0.7], (object?[])new GaussianNB { Priors = new[] { 0.3, 0.7 } }.GetParams()["priors"]!);
        var names = new HistGradientBoostingClassifier { CategoricalFeatures = new[] { "color" } };
        Assert.Equal(CategoricalFeatures.Names("color").ToRaw(), names.CategoricalFeatures.ToRaw());
        var indices = new HistGradientBoostingClassifier { CategoricalFeatures = new[] { 0, 2 } };
        Assert.Equal(CategoricalFeatures.Indices(0, 2).ToRaw(), indices.CategoricalFeatures.ToRaw());
    }
}

/// <summary>One naming rule: estimator classes are spelled as scikit-learn spells them; the registry takes either spelling.</summary>
public class EstimatorNamingTests
{
    [Theory]
    [InlineData("SGDClassifier", "SgdClassifier", "sgd-classifier", "sgd_classifier")]
    [InlineData("SGDRegressor", "SgdRegressor", "sgd-regressor", "SGDREGRESSOR")]
    [InlineData("SVC", "Svc", "svc", "SVC")]
    [InlineData("LGBMClassifier", "LgbmClassifier", "lgbm-classifier", "lgbm_classifier")]
    public void The_registry_takes_the_scikit_learn_spelling_and_the_dotnet_one(string name, params string[] aliases)
    {
        Assert.Contains(name, EstimatorRegistry.Names);
        foreach (var alias in aliases) Assert.Equal(name, EstimatorRegistry.Create(alias).TypeName);
    }

    [Fact]
    public void Every_registered_name_is_a_scikit_learn_class_name_with_its_acronyms_in_capitals()
    {
        string[] acronyms = ["Sgd", "Svc", "Svr", "Lgbm", "Nb", "Knn"];
        foreach (var name in EstimatorRegistry.Names)
            Assert.DoesNotContain(acronyms, a => System.Text.RegularExpressions.Regex.IsMatch(name, $"{a}(?![a-z])"));
    }
}
