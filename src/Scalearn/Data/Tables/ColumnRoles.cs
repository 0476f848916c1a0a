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
        var roles = new ColumnRole[names.Count];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < names.Count; c++)
        {
            roles[c] = options.OtherColumns;
            index.TryAdd(names[c], c);
        }
        var assignedBy = new Dictionary<int, string>();

        void Set(string name, ColumnRole role, string option)
        {
            if (!index.TryGetValue(name, out int c))
                throw fail($"{option} column '{name}' not found; the columns are: {string.Join(", ", names)}");
            if (assignedBy.TryGetValue(c, out var previous))
                throw fail($"column '{name}' is named both in {previous} and in {option}");
            assignedBy[c] = option;
            roles[c] = role;
        }

        if (options.Target is not null) Set(options.Target, ColumnRole.Target, "target");
        if (options.Group is not null) Set(options.Group, ColumnRole.Group, "group");
        foreach (var name in options.Exclude) Set(name, ColumnRole.Excluded, "excluded");
        foreach (var name in options.Passthrough) Set(name, ColumnRole.Passthrough, "passthrough");
        foreach (var name in options.TextColumns)
        {
            if (!index.TryGetValue(name, out int c))
                throw fail($"text column '{name}' not found; the columns are: {string.Join(", ", names)}");
            if (roles[c] == ColumnRole.Target) throw fail($"target column '{name}' cannot be a text column (the target must be numeric)");
            // A declared text column keeps its passthrough or group role and is read as strings.
            if (roles[c] is ColumnRole.Feature) roles[c] = ColumnRole.Text;
        }
        return roles;
    }
}
