using Scalearn.Boosting;
using Scalearn.Data;

namespace Scalearn.Tests.Boosting;

/// <summary>
/// scikit-learn 1.2.1: "If no missing values were encountered for a given feature during training, then samples with
/// missing values are mapped to whichever child has the most samples" (LightGBM alone would read NaN as 0).
/// </summary>
[Collection(LightGbmCollection.Name)]
public class HistGradientBoostingUnseenMissingTests
{
    /// <summary>x = 0..99 and a second column of noise; class 1 from x &gt;= cut, so one stump splits near the cut.</summary>
    private static Dataset Stairs(int cut)
    {
        var x = new Matrix(100, 2);
        var y = new double[100];
        for (int i = 0; i < 100; i++)
        {
            x[i, 0] = i;
            x[i, 1] = (i * 37) % 11;
            y[i] = i >= cut ? 1 : 0;
        }
        return new Dataset(x, y, ["x", "noise"]);
    }

    [Theory]
    [InlineData(30)]   // the right child (x >= 30) has 70 rows: NaN goes right, as x = 99 does
    [InlineData(70)]   // the left child has 70 rows: NaN goes left, as x = 0 does
    public void A_missing_value_unseen_in_training_follows_the_larger_child(int cut)
    {
        var model = (BoostingClassifierModel)new HistGradientBoostingClassifier { MaxIter = 3, MaxDepth = 2, MinSamplesLeaf = 5 }.Fit(Stairs(cut));
        var rows = new Matrix(3, 2);
        rows[0, 0] = double.NaN;
        rows[1, 0] = 0;
        rows[2, 0] = 99;
        var proba = model.PredictProba(new Dataset(rows, null, ["x", "noise"]));
        int larger = cut < 50 ? 2 : 1, smaller = cut < 50 ? 1 : 2;
        Assert.Equal(proba[larger, 1], proba[0, 1], 12);
        Assert.NotEqual(proba[smaller, 1], proba[0, 1], 6);
    }
}
