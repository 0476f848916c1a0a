namespace Scalearn.Cli;

/// <summary>A --grid value: inline JSON, or @path to a JSON file.</summary>
public static class GridText
{
    public static string Read(string value)
    {
        if (!value.StartsWith('@')) return value;
        var path = value[1..];
        if (!File.Exists(path)) throw new UsageException($"grid file '{path}' does not exist.");
        return File.ReadAllText(path);
    }
}
