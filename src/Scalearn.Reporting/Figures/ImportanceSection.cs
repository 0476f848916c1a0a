using System.Globalization;
using Scalearn.Reporting.Analysis;

namespace Scalearn.Reporting.Figures;

/// <summary>fANOVA importances of the varying parameters, most important first, with how they were computed.</summary>
internal static class ImportanceSection
{
    public static Section? Build(ReportContext c)
    {
        if (c.Fanova is null) return null;
        var order = c.ByImportance;
        var notes = new List<string>
        {
            $"fANOVA on a random forest: Scalearn's RandomForestRegressor ({Fanova.Trees} trees, max_depth 64, random_state {c.Options.Seed}) learns the score from the parameters of {ReportContext.Count(c.Scored.Count, "scored trial")}; a parameter's importance is the share of the forest's variance its main effect explains, normalized over the parameters.",
        };
        var categorical = c.Varying.Where(a => a.IsCategorical).Select(a => a.Name).ToArray();
        var log = c.Varying.Where(a => a.Scale == ParamScale.Log).Select(a => a.Name).ToArray();
        if (categorical.Length > 0) notes.Add($"Ordinal-encoded categorical parameters, each category weighted equally: {string.Join(", ", categorical)}.");
        if (log.Length > 0) notes.Add($"Encoded as log10 (positive values over two decades or more): {string.Join(", ", log)}.");
        if (c.Fixed.Count > 0) notes.Add($"Not varied, so not ranked: {string.Join(", ", c.Fixed.Select(a => a.Name))}.");
        if (c.Fanova.Importances.All(v => v == 0)) notes.Add("Every scored trial has the same score: no parameter explains anything.");
        if (c.Record.IsHalving) notes.Add("Halving: evaluations from every rung are pooled, so the resources of a rung act as a hidden parameter.");
        var figure = new BarFigure("importance", "Parameter importance", order.Select(i => c.Varying[i].Name).ToArray(),
            order.Select(i => c.Fanova.Importances[i]).ToArray(), "importance (fANOVA)", "parameter", Horizontal: true)
        {
            Details = order.Select(i => $"main effect alone explains {c.Fanova.VarianceShares[i].ToString("P1", CultureInfo.InvariantCulture)} of the variance ({Encoding(c.Varying[i])})").ToArray(),
            Notes = notes,
        };
        return new Section("importance", "Parameter importance", "Which parameters moved the score: a longer bar means the score depended more on that parameter alone.", [figure]);
    }

    private static string Encoding(ParamAxis axis) => axis.Scale switch
    {
        ParamScale.Categorical => $"ordinal: {string.Join(" < ", axis.Categories)}",
        ParamScale.Log => "log10",
        _ => "linear",
    };
}
