namespace Scalearn.Data.Generators;

/// <summary>make_blobs' <c>centers</c>: a number of random centers (drawn in center_box) or their coordinates, one row each.</summary>
public sealed class BlobCenters
{
    private BlobCenters(int? count, Matrix? coordinates)
    {
        Count = count;
        Coordinates = coordinates;
    }

    public int? Count { get; }
    public Matrix? Coordinates { get; }

    public static implicit operator BlobCenters(int count) => new(count, null);

    public static implicit operator BlobCenters(Matrix coordinates) => new(null, coordinates ?? throw new ArgumentNullException(nameof(coordinates)));

    public static implicit operator BlobCenters(double[,] coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        var m = new Matrix(coordinates.GetLength(0), coordinates.GetLength(1));
        for (int i = 0; i < m.Rows; i++)
            for (int j = 0; j < m.Cols; j++) m[i, j] = coordinates[i, j];
        return new BlobCenters(null, m);
    }
}
