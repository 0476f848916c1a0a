using Scalearn.Numerics;

namespace Scalearn.Data.Generators;

/// <summary>Standard normal deviates, two per logarithm (Marsaglia's polar method: no trigonometry).</summary>
internal static class NormalFill
{
    public static void Fill(Rng rng, Span<double> destination)
    {
        int i = 0;
        while (i < destination.Length)
        {
            double u, v, s;
            do
            {
                u = 2 * rng.NextDouble() - 1;
                v = 2 * rng.NextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double factor = Math.Sqrt(-2 * Math.Log(s) / s);
            destination[i++] = u * factor;
            if (i < destination.Length) destination[i++] = v * factor;
        }
    }
}
