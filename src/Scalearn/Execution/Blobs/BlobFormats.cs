using System.Reflection;

namespace Scalearn.Execution.Blobs;

/// <summary>The allow-list of blob formats: <see cref="BlobFormat"/> classes marked <see cref="RegisteredBlobFormatAttribute"/>.</summary>
public static class BlobFormats
{
    private static readonly Registry<BlobFormat> Known = new("blob format", t => t.GetCustomAttribute<RegisteredBlobFormatAttribute>() is not null, f => f.Name);

    public static BlobFormat Get(string name) => Known.Get(name);

    public static bool TryGet(string name, out BlobFormat format) => Known.TryGet(name, out format);

    public static void Register(BlobFormat format) => Known.Add(format);

    internal static void AddAssembly(Assembly assembly) => Known.AddAssembly(assembly);
}

[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RegisteredBlobFormatAttribute : Attribute;
