using System.Collections.Concurrent;
using System.Text;

namespace Scalearn.Boosting.Native;

/// <summary>
/// Booster handles loaded from one model text, lent one per concurrent caller: LightGBM serializes work on a single
/// booster behind its lock, so threads predicting with the same fitted model each get their own handle. Handles are
/// created on demand and freed by their SafeHandle finalizers when the model is collected.
/// </summary>
internal sealed class BoosterPool
{
    private readonly byte[] _text;
    private readonly ConcurrentBag<BoosterHandle> _idle = [];

    /// <summary>Loads one handle at once, so that an unreadable model text fails here rather than at the first prediction.</summary>
    public BoosterPool(string modelText)
    {
        _text = Encoding.UTF8.GetBytes(WithoutTreeSizes(modelText) + "\0");
        _idle.Add(Load());
    }

    /// <summary>
    /// Drops the header's tree_sizes line. With it LightGBM parses the trees in an OpenMP loop whose error path
    /// rethrows from a destructor (ThreadExceptionHelper), so a malformed tree aborts the whole process; without it the
    /// trees are parsed one after another and a malformed one becomes an ordinary error from the C API.
    /// </summary>
    internal static string WithoutTreeSizes(string modelText)
    {
        int firstTree = modelText.IndexOf("\nTree=", StringComparison.Ordinal);
        int header = firstTree < 0 ? modelText.Length : firstTree;
        int line = modelText.IndexOf("\ntree_sizes=", 0, header, StringComparison.Ordinal);
        if (line < 0) return modelText;
        int end = modelText.IndexOf('\n', line + 1);
        return modelText.Remove(line, (end < 0 ? modelText.Length : end) - line);
    }

    public T Use<T>(Func<BoosterHandle, T> action)
    {
        if (!_idle.TryTake(out var booster)) booster = Load();
        try { return action(booster); }
        finally { _idle.Add(booster); }
    }

    private unsafe BoosterHandle Load()
    {
        LightGbmLibrary.EnsureLoaded();
        IntPtr created;
        int code;
        fixed (byte* text = _text) code = LightGbmApi.BoosterLoadModelFromString(text, out _, out created);
        var booster = new BoosterHandle(created);
        if (code != 0)
        {
            booster.Dispose();
            LightGbm.Check(code, "load a model");
        }
        return booster;
    }
}
