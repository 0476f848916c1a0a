using System.Globalization;
using Scalearn.Estimators;

namespace Scalearn.ModelSelection;

/// <summary>
/// The CLI's <c>--cv</c> text, parsed into a splitter. See <see cref="Help"/> for the forms. A bare number is
/// scikit-learn's <c>cv=K</c>: StratifiedKFold for classifiers, KFold otherwise, without shuffling.
/// </summary>
public sealed record CvSpec(string Text, ICrossValidator Splitter, bool NeedsGroups, string? TimeColumn, string Description)
{
    public const string Help =
        "Cross-validation: K (scikit-learn's cv=K: stratified K folds for classifiers, K folds otherwise, no shuffling); " +
        "kfold:K[,shuffle]; stratified:K[,shuffle] (shuffle uses --seed); group:K (groups never split across folds; needs --groups COLUMN); " +
        "timeseries:K[,gap=G][,test_size=T][,max_train_size=M] (rows in time order, as scikit-learn's TimeSeriesSplit); " +
        "time:COLUMN,horizon=H[,step=S][,window=W][,gap=G][,splits=K] (rolling origin on a date/time or numeric column: " +
        "tests the last K windows of length H, S apart (default H), training only on rows before each window, all of them " +
        "or the last W; lengths like 7d, 12h, 30min for dates, plain numbers for numeric columns).";

    private const string Forms = "K, kfold:K[,shuffle], stratified:K[,shuffle], group:K, timeseries:K[,gap=G,test_size=T,max_train_size=M] or time:COLUMN,horizon=H[,step=S,window=W,gap=G,splits=K]";

    /// <param name="text">The --cv value.</param>
    /// <param name="isClassifier">Whether the estimator is a classifier (a bare K then stratifies).</param>
    /// <param name="seed">Seeds the shuffle of <c>kfold:K,shuffle</c> and <c>stratified:K,shuffle</c>.</param>
    /// <param name="columns">The dataset's column names, to check a time column's name; null skips the check.</param>
    public static CvSpec Parse(string text, bool isClassifier, int seed, IReadOnlyCollection<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return ParseChecked(text.Trim(), isClassifier, seed, columns);
        }
        catch (ParameterException e)
        {
            throw Bad(text, e.Message);
        }
    }

    private static CvSpec ParseChecked(string text, bool isClassifier, int seed, IReadOnlyCollection<string>? columns)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int bare))
        {
            var splitter = isClassifier ? (ICrossValidator)new StratifiedKFold(Folds(text, bare)) : new KFold(Folds(text, bare));
            return new CvSpec(text, splitter, false, null, isClassifier ? $"{bare}-fold stratified CV" : $"{bare}-fold CV");
        }
        int colon = text.IndexOf(':');
        if (colon < 0) throw Bad(text, "expected a number of folds or KIND:ARGUMENTS");
        string kind = text[..colon].Trim().ToLowerInvariant();
        var parts = text[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries);
        switch (kind)
        {
            case "kfold":
            case "stratified":
            {
                if (kind == "stratified" && !isClassifier) throw Bad(text, "stratified folds need a classifier; use kfold:K for a regressor");
                int k = Folds(text, Int(text, parts[0], "K"));
                bool shuffle = Flags(text, parts[1..], "shuffle");
                int? state = shuffle ? seed : null;
                var splitter = kind == "kfold" ? (ICrossValidator)new KFold(k, shuffle, state) : new StratifiedKFold(k, shuffle, state);
                return new CvSpec(text, splitter, false, null, $"{k}-fold {(kind == "stratified" ? "stratified " : "")}CV{(shuffle ? $", shuffled (seed {seed})" : "")}");
            }
            case "group":
            {
                int k = Folds(text, Int(text, parts[0], "K"));
                Flags(text, parts[1..]);
                return new CvSpec(text, new GroupKFold(k), true, null, $"{k}-fold group CV");
            }
            case "timeseries":
            {
                int k = Folds(text, Int(text, parts[0], "K"));
                var named = Named(text, parts[1..], "gap", "test_size", "max_train_size");
                int gap = named.TryGetValue("gap", out var g) ? Int(text, g, "gap") : 0;
                int? testSize = named.TryGetValue("test_size", out var t) ? Int(text, t, "test_size") : null;
                int? maxTrain = named.TryGetValue("max_train_size", out var m) ? Int(text, m, "max_train_size") : null;
                return new CvSpec(text, new TimeSeriesSplit(k, maxTrain, testSize, gap), false, null, $"time-series CV, {k} splits");
            }
            case "time":
            {
                string column = parts[0];
                if (column.Length == 0 || column.Contains('=')) throw Bad(text, "time: starts with the time column's name, e.g. time:date,horizon=7d");
                if (columns is not null && !columns.Contains(column))
                    throw Bad(text, $"there is no column '{column}'; columns: {string.Join(", ", columns)}");
                var named = Named(text, parts[1..], "horizon", "step", "window", "gap", "splits");
                if (!named.TryGetValue("horizon", out var h)) throw Bad(text, "time: needs horizon=H, the length of each test window");
                TimeLength? Length(string name) => named.TryGetValue(name, out var v) ? TimeLength.Parse(v, name) : null;
                int splits = named.TryGetValue("splits", out var s) ? Int(text, s, "splits") : 5;
                var splitter = new TimeColumnSplit(column, TimeLength.Parse(h, "horizon"), Length("step"), Length("window"), Length("gap"), splits);
                return new CvSpec(text, splitter, false, column,
                    $"rolling-origin CV on '{column}', {splits} windows of {splitter.Horizon} every {splitter.Step}, {(splitter.Window is { } w ? $"training on the last {w}" : "expanding training window")}");
            }
            default:
                throw Bad(text, $"unknown kind '{kind}'");
        }
    }

    private static int Folds(string text, int k) => k >= 2 ? k : throw Bad(text, $"the number of folds must be at least 2; got {k}");

    private static int Int(string text, string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : throw Bad(text, $"{name} must be a whole number >= 0; got '{value}'");

    private static bool Flags(string text, string[] parts, params string[] allowed)
    {
        bool any = false;
        foreach (var p in parts)
        {
            if (!allowed.Contains(p.ToLowerInvariant()))
                throw Bad(text, allowed.Length == 0 ? $"unexpected '{p}'" : $"unexpected '{p}'; allowed here: {string.Join(", ", allowed)}");
            any = true;
        }
        return any;
    }

    private static Dictionary<string, string> Named(string text, string[] parts, params string[] allowed)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in parts)
        {
            int eq = p.IndexOf('=');
            string name = eq < 0 ? p : p[..eq].Trim().ToLowerInvariant();
            if (eq < 0 || !allowed.Contains(name)) throw Bad(text, $"unexpected '{p}'; allowed here: {string.Join(", ", allowed.Select(a => a + "=..."))}");
            if (!named.TryAdd(name, p[(eq + 1)..].Trim())) throw Bad(text, $"{name} is given twice");
        }
        return named;
    }

    private static FormatException Bad(string text, string why) =>
        new($"Invalid --cv '{text}': {why}. Allowed forms: {Forms}.");
}
