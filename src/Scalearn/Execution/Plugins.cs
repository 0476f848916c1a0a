using System.Reflection;
using Scalearn.Estimators;
using Scalearn.Execution.Blobs;

namespace Scalearn.Execution;

/// <summary>
/// Loads a user's assembly so that its registered estimators, task kinds and blob formats are known here (what
/// <c>scalearn worker --plugin path.dll</c> does on a worker).
/// </summary>
public static class Plugins
{
    public static Assembly Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Plugin assembly '{path}' does not exist.", full);
        Assembly assembly;
        try
        {
            assembly = Assembly.LoadFrom(full);
        }
        catch (BadImageFormatException e)
        {
            throw new InvalidDataException($"Plugin '{path}' is not a .NET assembly: {e.Message}", e);
        }
        Add(assembly);
        return assembly;
    }

    public static void Add(Assembly assembly)
    {
        EstimatorRegistry.AddAssembly(assembly);
        TaskKinds.AddAssembly(assembly);
        BlobFormats.AddAssembly(assembly);
    }
}
