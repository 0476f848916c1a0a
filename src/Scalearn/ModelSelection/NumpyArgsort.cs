namespace Scalearn.ModelSelection;

/// <summary>
/// numpy 1.24's default argsort (kind="quicksort": an introsort of index arrays, median-of-three partitions, insertion
/// sort below 17 elements, heapsort past the depth limit). It is not stable, and scikit-learn's GroupKFold and
/// Optuna's Parzen estimator break ties by its exact order, so reproducing their results needs this very algorithm.
/// NaN sorts last, as in numpy.
/// </summary>
internal static class NumpyArgsort
{
    private const int SmallQuicksort = 15;

    public static int[] Of(ReadOnlySpan<double> v)
    {
        var index = new int[v.Length];
        for (int i = 0; i < index.Length; i++) index[i] = i;
        Sort(v, index);
        return index;
    }

    private static bool Less(double a, double b) => a < b || (double.IsNaN(b) && !double.IsNaN(a));

    private static void Sort(ReadOnlySpan<double> v, int[] tosort)
    {
        int num = tosort.Length;
        if (num <= 1) return;
        Span<int> stack = stackalloc int[256];
        Span<int> depths = stackalloc int[128];
        int sp = 0, dp = 0;
        int pl = 0, pr = num - 1;
        int cdepth = MostSignificantBit(num) * 2;
        while (true)
        {
            if (cdepth < 0)
            {
                HeapSort(v, tosort.AsSpan(pl, pr - pl + 1));
            }
            else
            {
                while (pr - pl > SmallQuicksort)
                {
                    int pm = pl + ((pr - pl) >> 1);
                    if (Less(v[tosort[pm]], v[tosort[pl]])) Swap(tosort, pm, pl);
                    if (Less(v[tosort[pr]], v[tosort[pm]])) Swap(tosort, pr, pm);
                    if (Less(v[tosort[pm]], v[tosort[pl]])) Swap(tosort, pm, pl);
                    double vp = v[tosort[pm]];
                    int pi = pl, pj = pr - 1;
                    Swap(tosort, pm, pj);
                    while (true)
                    {
                        do ++pi; while (Less(v[tosort[pi]], vp));
                        do --pj; while (Less(vp, v[tosort[pj]]));
                        if (pi >= pj) break;
                        Swap(tosort, pi, pj);
                    }
                    Swap(tosort, pi, pr - 1);
                    // The larger partition waits on the stack; the smaller one is sorted first.
                    if (pi - pl < pr - pi)
                    {
                        stack[sp++] = pi + 1;
                        stack[sp++] = pr;
                        pr = pi - 1;
                    }
                    else
                    {
                        stack[sp++] = pl;
                        stack[sp++] = pi - 1;
                        pl = pi + 1;
                    }
                    depths[dp++] = --cdepth;
                }
                for (int i = pl + 1; i <= pr; i++)
                {
                    int vi = tosort[i];
                    double value = v[vi];
                    int j = i;
                    while (j > pl && Less(value, v[tosort[j - 1]]))
                    {
                        tosort[j] = tosort[j - 1];
                        j--;
                    }
                    tosort[j] = vi;
                }
            }
            if (sp == 0) break;
            pr = stack[--sp];
            pl = stack[--sp];
            cdepth = depths[--dp];
        }
    }

    /// <summary>numpy's aheapsort: a 1-based binary heap over the index array.</summary>
    private static void HeapSort(ReadOnlySpan<double> v, Span<int> tosort)
    {
        int n = tosort.Length;
        // a[k] = tosort[k - 1]
        for (int l = n >> 1; l > 0; --l)
        {
            int tmp = tosort[l - 1];
            int i = l, j = l << 1;
            while (j <= n)
            {
                if (j < n && Less(v[tosort[j - 1]], v[tosort[j]])) j++;
                if (Less(v[tmp], v[tosort[j - 1]]))
                {
                    tosort[i - 1] = tosort[j - 1];
                    i = j;
                    j += j;
                }
                else break;
            }
            tosort[i - 1] = tmp;
        }
        while (n > 1)
        {
            int tmp = tosort[n - 1];
            tosort[n - 1] = tosort[0];
            n--;
            int i = 1, j = 2;
            while (j <= n)
            {
                if (j < n && Less(v[tosort[j - 1]], v[tosort[j]])) j++;
                if (Less(v[tmp], v[tosort[j - 1]]))
                {
                    tosort[i - 1] = tosort[j - 1];
                    i = j;
                    j += j;
                }
                else break;
            }
            tosort[i - 1] = tmp;
        }
    }

    private static int MostSignificantBit(int n)
    {
        int depth = 0;
        while ((n >>= 1) != 0) depth++;
        return depth;
    }

    private static void Swap(int[] a, int i, int j) => (a[i], a[j]) = (a[j], a[i]);
}
