using System.Globalization;
using Scalearn.Boosting.Native;

namespace Scalearn.Boosting;

/// <summary>
/// scikit-learn's route for a missing value in a feature that had none in training: to the child with more training
/// samples (on a tie, right). LightGBM marks such splits missing_type None and reads NaN as 0, so this rewrites each
/// numerical split of that type to missing_type NaN, default_left set when its left child holds more samples.
/// </summary>
internal static class UnseenMissingRoute
{
    private const long Categorical = 1, DefaultLeft = 2, MissingTypeMask = 12, MissingNaN = 8;

    public static string Apply(string modelText)
    {
        var lines = modelText.Split('\n');
        bool changed = false;
        for (int t = 0; t < lines.Length; t++)
        {
            if (!lines[t].StartsWith("Tree=", StringComparison.Ordinal)) continue;
            int end = t + 1;
            while (end < lines.Length && lines[end].Length > 0 && !lines[end].StartsWith("Tree=", StringComparison.Ordinal)) end++;
            int Find(string key)
            {
                for (int i = t + 1; i < end; i++)
                    if (lines[i].StartsWith(key + "=", StringComparison.Ordinal)) return i;
                return -1;
            }
            int decisionLine = Find("decision_type");
            if (decisionLine >= 0)   // a single-leaf tree has no splits
            {
                var decision = Numbers(lines[decisionLine]);
                long[] left = Numbers(lines[Find("left_child")]), right = Numbers(lines[Find("right_child")]);
                long[] internalCount = Numbers(lines[Find("internal_count")]), leafCount = Numbers(lines[Find("leaf_count")]);
                long Count(long child) => child >= 0 ? internalCount[child] : leafCount[~child];
                for (int node = 0; node < decision.Length; node++)
                {
                    if ((decision[node] & Categorical) != 0 || (decision[node] & MissingTypeMask) != 0) continue;
                    decision[node] = (decision[node] & ~DefaultLeft) | MissingNaN | (Count(left[node]) > Count(right[node]) ? DefaultLeft : 0L);
                    changed = true;
                }
                lines[decisionLine] = "decision_type=" + string.Join(' ', decision);
            }
            t = end - 1;
        }
        return changed ? NativeModelText.Rewritten(string.Join('\n', lines)) : modelText;
    }

    private static long[] Numbers(string line) =>
        line[(line.IndexOf('=') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
