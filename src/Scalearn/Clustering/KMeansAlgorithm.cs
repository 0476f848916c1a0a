namespace Scalearn.Clustering;

/// <summary>scikit-learn's KMeans <c>algorithm</c>: plain Lloyd iterations, or Elkan's triangle-inequality bounds (same result, fewer distances).</summary>
public enum KMeansAlgorithm
{
    Lloyd,
    Elkan,
}
