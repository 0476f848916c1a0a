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

/// <summary>Fit on a concrete estimator returns its model type: no cast.</summary>
public class TypedFitTests
{
    [Fact]
    public void Fit_returns_the_model_type_of_each_estimator()
    {
        var iris = TestData.Load("iris");
        DecisionTreeClassifierModel tree = new DecisionTreeClassifier { MaxDepth = 2 }.Fit(iris);
        Assert.Equal(3, tree.PredictProba(iris).Cols);
        Scalearn.Linear.LinearClassifierModel logistic = new Scalearn.Linear.LogisticRegression().Fit(iris);
        Assert.Equal(3, logistic.Classes.Length);
        Scalearn.Linear.LinearClassifierModel sgd = new Scalearn.Linear.SGDClassifier { RandomState = 0 }.Fit(iris);
        Assert.Equal(4, sgd.FeatureCount);
        SvcModel svc = new SVC().Fit(iris);
        Assert.True(svc.Score(iris) > 0.9);
        GaussianNBModel nb = new GaussianNB().Fit(iris);
        Assert.True(nb.Score(iris) > 0.9);
        Scalearn.Neighbors.KNeighborsClassifierModel knn = new Scalearn.Neighbors.KNeighborsClassifier().Fit(iris);
        Assert.True(knn.Score(iris) > 0.9);
        StandardScalerModel scaler = new StandardScaler().Fit(iris);
        Assert.Equal(4, scaler.Transform(iris).FeatureCount);
        Scalearn.Clustering.KMeansModel kmeans = new Scalearn.Clustering.KMeans { NClusters = 3, RandomState = 0 }.Fit(iris);
        Assert.Equal(3, kmeans.ClusterCount);
        Scalearn.Pipelines.PipelineModel pipe = Scalearn.Pipelines.Pipeline.Make(new StandardScaler(), new SVC()).Fit(iris);
        Assert.IsAssignableFrom<IClassifierModel>(pipe);
        IModel viaInterface = ((IEstimator)new DecisionTreeClassifier()).Fit(iris);
        Assert.IsType<DecisionTreeClassifierModel>(viaInterface);
    }
}
