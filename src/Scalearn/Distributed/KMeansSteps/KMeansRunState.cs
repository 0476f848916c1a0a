namespace Scalearn.Distributed.KMeansSteps;

/// <summary>
/// A run's per-row k-means|| costs on one partition: the squared distance to the nearest of the first
/// <see cref="Known"/> candidates and that candidate's index. <see cref="Known"/> is -1 while an update is under way
/// (an interrupted update leaves the state to be rebuilt).
/// </summary>
internal sealed class CostState(int rows)
{
    public double[] Cost { get; } = new double[rows];
    public int[] Closest { get; } = new int[rows];
    public int Known { get; set; } = -1;

    public long Bytes => 12L * Cost.Length;

    public void Reset()
    {
        Array.Fill(Cost, double.PositiveInfinity);
        Array.Fill(Closest, -1);
        Known = 0;
    }
}

/// <summary>
/// A run's Lloyd assignment on one partition after iteration <see cref="Iteration"/>: each row's center and squared
/// distance to it. <see cref="Iteration"/> is -1 while an iteration is under way.
/// </summary>
internal sealed class AssignmentState(int rows)
{
    public int[] Labels { get; } = new int[rows];
    public double[] Distances { get; } = new double[rows];
    public int Iteration { get; set; } = -1;

    public long Bytes => 12L * Labels.Length;
}
