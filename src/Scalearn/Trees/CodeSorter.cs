using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scalearn.Trees;

/// <summary>
/// Puts a node's rows in increasing order of one feature's codes, stably (rows with equal codes keep their order in
/// the node). The node's codes span only part of the feature's range, so the sort works on code - min: insertion
/// sort for a handful of rows, one counting pass when the span is small, otherwise an LSD radix sort with 8- or
/// 11-bit digits whose histograms are all counted in the gathering pass (a digit that is the same for every row is
/// skipped). Linear in the rows, where a comparison sort of continuous features costs m log m.
/// </summary>
internal sealed class CodeSorter
{
    private const int InsertionLimit = 32;
    private const int MaxDigitBits = 11;
    private const int MinCountingRows = 8;
    private const int RankLimit = 64;
    private const int RankIndexBits = 6;   // a row's position in a node of at most RankLimit rows

    private int[] _rows;
    private int[] _codes;
    private int[] _spareRows;
    private int[] _spareCodes;
    // Both allocated on first need: a forest of small trees builds one sorter per fit and mostly sorts by insertion.
    private int[]? _counts;
    private int[] _span = [];
    private readonly int[] _ranked = new int[RankLimit];

    public CodeSorter(int rows)
    {
        _rows = new int[rows];
        _codes = new int[rows];
        _spareRows = new int[rows];
        _spareCodes = new int[rows];
    }

    /// <summary>Rows of the last sorted node, [0, m), in code order.</summary>
    public int[] Rows => _rows;

    /// <summary>The code of each row in <see cref="Rows"/>.</summary>
    public int[] Codes => _codes;

    /// <summary>Rough cost of sorting <paramref name="m"/> rows whose codes lie in [0, <paramref name="bins"/>), in row visits.</summary>
    public static long EstimatedCost(int m, int bins)
    {
        if (m <= InsertionLimit) return (long)m * (m + 4) / 4;
        if (bins <= 1 << MaxDigitBits) return 3L * m + bins;
        int bits = 32 - BitOperations.LeadingZeroCount((uint)(bins - 1));
        return (2L * ((bits + MaxDigitBits - 1) / MaxDigitBits) + 1) * m;
    }

    /// <summary>
    /// Sorts samples[start, end) by codes[row] (codes in [0, <paramref name="bins"/>)); false (and nothing sorted) when
    /// every row has the same code.
    /// </summary>
    public bool Sort<T>(T[] codes, int[] samples, int start, int end, int bins) where T : unmanaged, IBinaryInteger<T>
    {
        int m = end - start;
        int bits = 32 - BitOperations.LeadingZeroCount((uint)Math.Max(bins - 1, 1));
        int passes = (bits + MaxDigitBits - 1) / MaxDigitBits;
        int digitBits = (bits + passes - 1) / passes;
        int buckets = 1 << digitBits, mask = buckets - 1;
        bool radix = m > InsertionLimit && bins > 1 << MaxDigitBits;
        ref int sample = ref MemoryMarshal.GetArrayDataReference(samples);
        ref T code = ref MemoryMarshal.GetArrayDataReference(codes);
        ref int rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref int keys = ref MemoryMarshal.GetArrayDataReference(_codes);
        int min = int.MaxValue, max = -1;
        if (radix)
        {
            // The digit histograms of every pass are counted while gathering, in case the span calls for the radix sort.
            _counts ??= new int[3 << MaxDigitBits];
            ref int count = ref MemoryMarshal.GetArrayDataReference(_counts);
            _counts.AsSpan(0, passes * buckets).Clear();
            for (int i = 0; i < m; i++)
            {
                int r = Unsafe.Add(ref sample, start + i);
                int c = int.CreateTruncating(Unsafe.Add(ref code, r));
                Unsafe.Add(ref rows, i) = r;
                Unsafe.Add(ref keys, i) = c;
                min = Math.Min(min, c);
                max = Math.Max(max, c);
                Unsafe.Add(ref count, c & mask)++;
                for (int p = 1; p < passes; p++) Unsafe.Add(ref count, p * buckets + ((c >> (p * digitBits)) & mask))++;
            }
        }
        else
        {
            for (int i = 0; i < m; i++)
            {
                int r = Unsafe.Add(ref sample, start + i);
                int c = int.CreateTruncating(Unsafe.Add(ref code, r));
                Unsafe.Add(ref rows, i) = r;
                Unsafe.Add(ref keys, i) = c;
                min = Math.Min(min, c);
                max = Math.Max(max, c);
            }
        }
        if (min == max) return false;
        int span = max - min + 1;
        // Small nodes whose codes span fewer values than they have rows (digits' 17-value pixels) count faster than
        // they insert: both sorts are stable, so the order is the same.
        bool counting = !radix || span <= 1 << MaxDigitBits || span <= 2 * m;
        if (m <= InsertionLimit ? span >= m || m < MinCountingRows : counting && InsertsFaster(m, span))
        {
            if (Vector256.IsHardwareAccelerated && m <= RankLimit && span <= 1 << (31 - RankIndexBits)) RankSort(m, min);
            else InsertionSort(m);
        }
        else if (counting) CountingSort(m, min, span);
        else RadixSort(m, passes, digitBits);
        return true;
    }

    /// <summary>
    /// A mid-sized node whose codes spread over a range much wider than its rows (a continuous feature deep in a tree)
    /// spends more clearing and summing the counting sort's range than inserting its rows.
    /// </summary>
    private static bool InsertsFaster(int m, int span) => m <= 2 * InsertionLimit && (long)m * m / 4 < 2L * span + 3L * m;

    private void InsertionSort(int m)
    {
        var rows = _rows;
        var keys = _codes;
        for (int i = 1; i < m; i++)
        {
            int c = keys[i], r = rows[i];
            int j = i - 1;
            while (j >= 0 && keys[j] > c)
            {
                keys[j + 1] = keys[j];
                rows[j + 1] = rows[j];
                j--;
            }
            keys[j + 1] = c;
            rows[j + 1] = r;
        }
    }

    /// <summary>
    /// What <see cref="InsertionSort"/> does, without its branches: each row's place is the number of rows whose
    /// (code, position) pair is smaller, counted a vector of pairs at a time (pairs are unique, so the order is stable).
    /// </summary>
    private void RankSort(int m, int min)
    {
        ref int pairs = ref MemoryMarshal.GetArrayDataReference(_ranked);
        ref int keys = ref MemoryMarshal.GetArrayDataReference(_codes);
        ref int rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref int toRows = ref MemoryMarshal.GetArrayDataReference(_spareRows);
        ref int toKeys = ref MemoryMarshal.GetArrayDataReference(_spareCodes);
        int width = Vector256<int>.Count;
        int padded = (m + width - 1) & -width;
        for (int i = 0; i < m; i++) Unsafe.Add(ref pairs, i) = ((Unsafe.Add(ref keys, i) - min) << RankIndexBits) | i;
        for (int i = m; i < padded; i++) Unsafe.Add(ref pairs, i) = int.MaxValue;
        for (int i = 0; i < m; i++)
        {
            var pair = Vector256.Create(Unsafe.Add(ref pairs, i));
            int rank = 0;
            for (int b = 0; b < padded; b += width)
                rank += BitOperations.PopCount(Vector256.LessThan(Vector256.LoadUnsafe(ref pairs, (nuint)b), pair).ExtractMostSignificantBits());
            Unsafe.Add(ref toRows, rank) = Unsafe.Add(ref rows, i);
            Unsafe.Add(ref toKeys, rank) = Unsafe.Add(ref keys, i);
        }
        (_rows, _spareRows) = (_spareRows, _rows);
        (_codes, _spareCodes) = (_spareCodes, _codes);
    }

    private void CountingSort(int m, int min, int span)
    {
        if (_span.Length < span + 1) _span = new int[Math.Max(span + 1, 2 * _span.Length)];
        var counts = _span.AsSpan(0, span + 1);
        counts.Clear();
        ref int keys = ref MemoryMarshal.GetArrayDataReference(_codes);
        ref int count = ref MemoryMarshal.GetArrayDataReference(_span);
        for (int i = 0; i < m; i++) Unsafe.Add(ref count, Unsafe.Add(ref keys, i) - min + 1)++;
        for (int b = 1; b <= span; b++) counts[b] += counts[b - 1];
        Scatter(m, min, 0, int.MaxValue, ref count);
    }

    private void RadixSort(int m, int passes, int digitBits)
    {
        int buckets = 1 << digitBits, mask = buckets - 1;
        for (int p = 0; p < passes; p++)
        {
            var digit = _counts!.AsSpan(p * buckets, buckets);
            // A digit shared by every row leaves the order as it is.
            if (digit[(_codes[0] >> (p * digitBits)) & mask] == m) continue;
            int total = 0;
            for (int b = 0; b < buckets; b++) { int c = digit[b]; digit[b] = total; total += c; }
            Scatter(m, 0, p * digitBits, mask, ref digit[0]);
        }
    }

    /// <summary>Moves every row to the next slot of its digit's bucket (starts in <paramref name="next"/>) and swaps the buffers.</summary>
    private void Scatter(int m, int min, int shift, int mask, ref int next)
    {
        ref int rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref int keys = ref MemoryMarshal.GetArrayDataReference(_codes);
        ref int toRows = ref MemoryMarshal.GetArrayDataReference(_spareRows);
        ref int toKeys = ref MemoryMarshal.GetArrayDataReference(_spareCodes);
        for (int i = 0; i < m; i++)
        {
            int c = Unsafe.Add(ref keys, i);
            int position = Unsafe.Add(ref next, ((c - min) >> shift) & mask)++;
            Unsafe.Add(ref toRows, position) = Unsafe.Add(ref rows, i);
            Unsafe.Add(ref toKeys, position) = c;
        }
        (_rows, _spareRows) = (_spareRows, _rows);
        (_codes, _spareCodes) = (_spareCodes, _codes);
    }
}
