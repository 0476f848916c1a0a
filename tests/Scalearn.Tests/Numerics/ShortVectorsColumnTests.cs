using Scalearn.Numerics;

namespace Scalearn.Tests.Numerics;

public class ShortVectorsColumnTests
{
    [Theory]
    [InlineData(0, 70)]
    [InlineData(3, 37)]
    [InlineData(69, 1)]
    public void DotAgainstColumnsSumsEachRowFeatureByFeature(int first, int count)
    {
        const int rows = 70, cols = 13;
        var columns = new double[rows * cols];
        for (int k = 0; k < columns.Length; k++) columns[k] = Math.Sin(k * 0.731) * (1 + k % 5);
        var a = new double[cols];
        for (int f = 0; f < cols; f++) a[f] = Math.Cos(f * 1.3) * 3;
        var dest = new double[count];
        ShortVectors.DotAgainstColumns(a, columns, rows, first, dest);
        for (int t = 0; t < count; t++)
        {
            double expected = 0;
            for (int f = 0; f < cols; f++) expected += a[f] * columns[f * rows + first + t];
            Assert.Equal(expected, dest[t]);
        }
    }

    [Fact]
    public void DotAgainstColumnsRejectsRowsOutOfRange()
    {
        var columns = new double[10 * 2];
        Assert.Throws<ArgumentException>(() => ShortVectors.DotAgainstColumns(new double[2], columns, 10, 5, new double[6]));
    }
}
