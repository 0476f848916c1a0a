using System.Globalization;
using System.Text.Json;

namespace Scalearn.Distributed.LightGbm;

/// <summary>
/// The raw scores a single-machine LightGBM fit starts from (its objective's BoostFromScore over the whole data),
/// computed on the driver from label sums and class counts so that every rank starts from them. Left to themselves,
/// the ranks start from the mean of their own starting scores (ObtainAutomaticInitialScore): the whole data's for
/// regression only when the partitions hold equally many rows, and for classifiers (whose counts LightGBM sums over
/// the ranks) only up to the rounding of that mean. Each rank's dataset carries the scores as its init_score, so
/// LightGBM computes none, and after training the first tree of each class gets its score added the way LightGBM's
/// Tree::AddBias does, so the model text is a single-machine fit's.
/// </summary>
internal static class StartingScores
{
    // LightGBM's kEpsilon and kZeroThreshold (both float literals there).
    private const double Epsilon = 1e-15f;
    private const double ZeroThreshold = 1e-35f;

    /// <summary>
    /// One score per tree of an iteration; null for objectives that start from a median or quantile (regression_l1,
    /// quantile, mape), which keep LightGBM's own start (their leaves are also re-fitted per rank).
    /// </summary>
    /// <param name="labelSum">The sum of the float32 labels (LightGBM's label_t) over all rows.</param>
    /// <param name="classCounts">Rows per class in LightGBM's class order (classifiers).</param>
    public static double[]? For(string objective, double labelSum, long rows, long[]? classCounts)
    {
        if (rows <= 0) return null;
        switch (objective)
        {
            case "regression" or "huber" or "fair":
                return double.IsFinite(labelSum) ? [labelSum / rows] : null;
            case "poisson" or "gamma" or "tweedie":
                double mean = labelSum / rows;
                return double.IsFinite(mean) && mean > 0 ? [Math.Log(mean)] : null;   // LightGBM refuses the other labels itself
            case "binary" when classCounts is { Length: 2 }:
                return [LogOdds(classCounts[1], rows)];
            case "multiclass" when classCounts is { Length: > 2 }:
                return [.. classCounts.Select(c => Math.Log(Math.Max(Epsilon, c / (double)rows)))];
            case "multiclassova" when classCounts is { Length: > 2 }:
                return [.. classCounts.Select(c => LogOdds(c, rows))];
            default:
                return null;
        }
    }

    private static double LogOdds(long positives, long rows)
    {
        double p = Math.Max(Math.Min(positives / (double)rows, 1.0 - Epsilon), Epsilon);
        return Math.Log(p / (1.0 - p));   // LightGBM divides by sigmoid, which Scalearn leaves at 1
    }

    /// <summary>The init_score column of a rank's dataset: each tree's score for every row (class-major); scores LightGBM would ignore as zero are zero.</summary>
    public static double[] Column(double[] scores, int rows)
    {
        var column = new double[(long)scores.Length * rows];
        for (int k = 0; k < scores.Length; k++)
            Array.Fill(column, Applied(scores[k]), k * rows, rows);
        return column;
    }

    private static double Applied(double score) => Math.Abs(score) > Epsilon ? score : 0.0;

    /// <summary>
    /// The model text with each score added to the first tree of its class: leaf and internal values plus the score
    /// (internal values read at full precision from <paramref name="dumpJson"/>, as the text rounds them), shrinkage 1;
    /// a constant first tree becomes the score. Call <c>NativeModelText.Rewritten</c> on the result for LightGBM's formatting.
    /// </summary>
    public static string AddToFirstTrees(string modelText, string dumpJson, double[] scores)
    {
        using var dump = JsonDocument.Parse(dumpJson);
        var trees = dump.RootElement.GetProperty("tree_info");
        string text = modelText;
        for (int k = 0; k < scores.Length; k++)
        {
            double bias = Applied(scores[k]);
            if (bias == 0) continue;
            var tree = trees[k];
            int leaves = tree.GetProperty("num_leaves").GetInt32();
            var leafValues = new double[leaves];
            var internalValues = new double[Math.Max(0, leaves - 1)];
            Collect(tree.GetProperty("tree_structure"), leafValues, internalValues);
            text = ReplaceTree(text, k, block =>
            {
                if (block.Contains("\nis_linear=1", StringComparison.Ordinal))
                    throw new DataParallelException("LightGBM data-parallel training does not support linear trees.");
                block = ReplaceLine(block, "leaf_value=", Join(leafValues, bias));
                block = ReplaceLine(block, "internal_value=", Join(internalValues, bias));
                return ReplaceLine(block, "shrinkage=", "1");
            });
        }
        return text;
    }

    private static void Collect(JsonElement node, double[] leafValues, double[] internalValues)
    {
        if (node.TryGetProperty("split_index", out var split))
        {
            internalValues[split.GetInt32()] = node.GetProperty("internal_value").GetDouble();
            Collect(node.GetProperty("left_child"), leafValues, internalValues);
            Collect(node.GetProperty("right_child"), leafValues, internalValues);
            return;
        }
        int leaf = node.TryGetProperty("leaf_index", out var index) ? index.GetInt32() : 0;
        leafValues[leaf] = node.GetProperty("leaf_value").GetDouble();
    }

    private static string Join(double[] values, double bias) =>
        string.Join(' ', values.Select(v => v + bias).Select(v => Math.Abs(v) > ZeroThreshold ? v : 0.0).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static string ReplaceTree(string text, int index, Func<string, string> edit)
    {
        string header = $"Tree={index}\n";
        int start = text.StartsWith(header, StringComparison.Ordinal) ? 0
            : text.IndexOf("\n" + header, StringComparison.Ordinal) is >= 0 and var at ? at + 1
            : throw new InvalidDataException($"LightGBM's model text has no tree {index}.");
        int end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
        if (end < 0) end = text.Length;
        return text[..start] + edit(text[start..end]) + text[end..];
    }

    private static string ReplaceLine(string block, string key, string values)
    {
        int start = block.IndexOf("\n" + key, StringComparison.Ordinal);
        if (start < 0) throw new InvalidDataException($"A tree of LightGBM's model text has no {key} line.");
        start += 1 + key.Length;
        int end = block.IndexOf('\n', start);
        if (end < 0) end = block.Length;
        return block[..start] + values + block[end..];
    }
}
