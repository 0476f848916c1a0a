using System.Text;

namespace Scalearn.Boosting.Native;

/// <summary>A booster's model text (LightGBM's own format) or JSON dump, read into a buffer grown to the size LightGBM asks for.</summary>
internal static unsafe class NativeModelText
{
    private delegate int Writer(long capacity, out long length, byte* buffer);

    public static string Save(BoosterHandle booster) =>
        Read((long capacity, out long length, byte* text) =>
            LightGbmApi.BoosterSaveModelToString(booster, 0, -1, LightGbmApi.ImportanceSplit, capacity, out length, text), "save the model");

    public static string Dump(BoosterHandle booster) =>
        Read((long capacity, out long length, byte* json) =>
            LightGbmApi.BoosterDumpModel(booster, 0, -1, LightGbmApi.ImportanceSplit, capacity, out length, json), "dump the model");

    /// <summary>The text as LightGBM writes it after loading it: its number formats and tree sizes, whatever wrote the input.</summary>
    public static string Rewritten(string modelText)
    {
        LightGbmLibrary.EnsureLoaded();
        var bytes = Encoding.UTF8.GetBytes(BoosterPool.WithoutTreeSizes(modelText) + "\0");
        IntPtr created;
        int code;
        fixed (byte* text = bytes) code = LightGbmApi.BoosterLoadModelFromString(text, out _, out created);
        using var booster = new BoosterHandle(created);
        LightGbm.Check(code, "load a model");
        return Save(booster);
    }

    private static string Read(Writer write, string action)
    {
        long capacity = 1 << 20;
        while (true)
        {
            var buffer = new byte[capacity];
            long length;
            fixed (byte* text = buffer)
                LightGbm.Check(write(capacity, out length, text), action);
            if (length <= capacity) return Encoding.UTF8.GetString(buffer, 0, (int)Math.Max(0, length - 1));
            capacity = length;
        }
    }
}
