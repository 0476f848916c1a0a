namespace Scalearn.Persistence;

/// <summary>A model file could not be read; the message names the file and the problem.</summary>
public sealed class ModelFileException : IOException
{
    public ModelFileException(string source, string problem, Exception? inner = null)
        : base($"{source}: {problem}", inner)
    {
        SourceName = source;
        Problem = problem;
    }

    public string SourceName { get; }
    public string Problem { get; }
}
