using Scalearn.Persistence;

namespace Scalearn.Tests.Preprocessing;

internal static class PayloadRoundTrip
{
    /// <summary>Writes the payload to memory and reads it back (as the model's current format version), checking that the reader consumed every byte.</summary>
    public static T Copy<T>(T model, Func<BinaryReader, int, T> read) where T : IPersistableModel
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.WritePayload(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var version = model.GetType().GetCustomAttributes(typeof(ModelFormatAttribute), false).Cast<ModelFormatAttribute>().Single().Version;
        var copy = read(reader, version);
        Assert.Equal(stream.Length, stream.Position);
        return copy;
    }
}
