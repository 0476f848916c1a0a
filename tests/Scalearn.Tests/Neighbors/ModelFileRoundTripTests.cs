using Scalearn.Clustering;
using Scalearn.Estimators;
using Scalearn.Neighbors;
using Scalearn.Persistence;

namespace Scalearn.Tests.Neighbors;

public class ModelFileRoundTripTests
{
    private static T RoundTrip<T>(IModel model) =>
        Assert.IsType<T>(ModelFile.Load(new MemoryStream(ModelFile.Serialize((IPersistableModel)model))).Model);

    [Fact]
    public void Neighbour_and_clustering_models_survive_the_model_file()
    {
        var iris = TestData.Load("iris");
        var classifier = (KNeighborsClassifierModel)new KNeighborsClassifier().Fit(iris);
        Assert.Equal(classifier.PredictProba(iris).Values, RoundTrip<KNeighborsClassifierModel>(classifier).PredictProba(iris).Values);

        var regressor = (KNeighborsRegressorModel)new KNeighborsRegressor { Algorithm = NeighborAlgorithm.BallTree }.Fit(iris);
        Assert.Equal(regressor.Predict(iris), RoundTrip<KNeighborsRegressorModel>(regressor).Predict(iris));

        var search = (NearestNeighborsModel)new NearestNeighbors { Metric = NeighborMetric.Cosine }.Fit(iris);
        Assert.Equal(search.KNeighbors(iris).Indices, RoundTrip<NearestNeighborsModel>(search).KNeighbors(iris).Indices);

        var kmeans = (KMeansModel)new KMeans { NClusters = 3, RandomState = 0, NInit = 2 }.Fit(iris);
        Assert.Equal(kmeans.Predict(iris), RoundTrip<KMeansModel>(kmeans).Predict(iris));
    }
}
