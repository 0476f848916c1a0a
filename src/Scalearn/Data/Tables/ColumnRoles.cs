namespace Scalearn.Data.Tables;

/// <summary>
/// The first half of building a schema, shared by the formats: the role of every column from its name and the
/// options, and a clear error for every option naming a column the file does not have.
/// </summary>
internal static class ColumnRoles
{
    /// <param name="fail">Makes the format's exception for a whole-file problem.</param>
    public static ColumnRole[] Assign(IReadOnlyList<string> names, TableOptions options, Func<string, Exception> fail)
    {
        options.Validate();
        var spelled = options.OptionNames;
        var roles = new ColumnRole[names.Count];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var others = options.Features is null ? options.OtherColumns : ColumnRole.Excluded;
        for (int c = 0; c < names.Count; c++)
        {
            roles[c] = others;
            index.TryAdd(names[c], c);
        }
        var assignedBy = new Dictionary<int, string>();

        int Find(string name, string option) => index.TryGetValue(name, out int c) ? c
            : throw fail($"{option} column '{name}' not found; the columns are: {string.Join(", ", names)}{Hint(name, names)}");

        void Set(string name, ColumnRole role, string option)
        {
            int c = Find(name, option);
            if (assignedBy.TryGetValue(c, out var previous))
                throw fail($"column '{name}' is named both in {previous} and in {option}");
            assignedBy[c] = option;
            roles[c] = role;
        }

        if (options.Target is not null) Set(options.Target, ColumnRole.Target, spelled.Target);
        if (options.Group is not null) Set(options.Group, ColumnRole.Group, spelled.Group);
        foreach (var name in options.Exclude) Set(name, ColumnRole.Excluded, spelled.Exclude);
        foreach (var name in options.Passthrough) Set(name, ColumnRole.Passthrough, spelled.Passthrough);
        foreach (var name in options.Features ?? []) Set(name, ColumnRole.Feature, spelled.Features);
        string textColumns = spelled.TextColumns ?? "the model's text columns";
        foreach (var name in options.TextColumns)
        {
            int c = Find(name, textColumns);
            // A declared text column keeps its target, passthrough or group role and is read as strings.
            if (roles[c] is ColumnRole.Feature) roles[c] = ColumnRole.Text;
            else if (roles[c] is ColumnRole.Excluded && options.Features is not null && !assignedBy.ContainsKey(c))
                throw fail($"{textColumns}: column '{name}' is not among the {spelled.Features} columns ({string.Join(", ", options.Features)})");
        }
        return roles;
    }

    /// <summary>A near miss in case or spacing ("Species" for "species").</summary>
    private static string Hint(string name, IReadOnlyList<string> names)
    {
        var close = names.FirstOrDefault(n => string.Equals(n.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
        return close is null ? "" : $" (did you mean '{close}'?)";
    }
}
