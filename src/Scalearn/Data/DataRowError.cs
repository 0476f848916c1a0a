namespace Scalearn.Data;

/// <summary>
/// Bad input found in one row of the data a model was given: an <see cref="ArgumentException"/> (the type callers
/// catch) that also knows the row (0-based in that data) and can restate its message at another row. A job that gave
/// the model a chunk of a file restates it at the file's row, so the message never counts from a chunk's start.
/// </summary>
public static class DataRowError
{
    private const string Key = "Scalearn.DataRow";

    private sealed record Located(int Row, Func<string, string> Describe);

    /// <param name="describe">The message, given where the row is ("row 5", "data row 10005").</param>
    public static ArgumentException Create(int row, Func<string, string> describe)
    {
        var e = new ArgumentException(describe($"row {row}"));
        e.Data[Key] = new Located(row, describe);
        return e;
    }

    /// <summary>The row of an error made by <see cref="Create"/>, and its message restated by <paramref name="where"/>(row).</summary>
    public static bool TryRestate(Exception e, Func<int, string> where, out string message)
    {
        message = "";
        if (e.Data[Key] is not Located located) return false;
        message = located.Describe(where(located.Row));
        return true;
    }
}
