namespace Scalearn.Boosting.Native;

/// <summary>
/// A booster being trained round by round. Thread-affine: LightGBM keeps its error text, log level and (for
/// distributed training) its network state per OS thread, so dataset construction, booster creation and every round
/// of one fit must run on the thread that created this object; any other thread is refused. Callers own the datasets
/// and must keep them alive until this trainer is disposed.
/// </summary>
internal sealed unsafe class NativeTrainer : IDisposable
{
    private readonly BoosterHandle _booster;
    private readonly int _thread = Environment.CurrentManagedThreadId;

    public NativeTrainer(DatasetHandle train, string parameters)
    {
        LightGbmLibrary.EnsureLoaded();
        int code = LightGbmApi.BoosterCreate(train, parameters, out IntPtr created);
        _booster = new BoosterHandle(created);
        if (code != 0)
        {
            _booster.Dispose();
            LightGbm.Check(code, "create the booster");
        }
    }

    public BoosterHandle Handle => OnOwnerThread(_booster);

    public void AddValidation(DatasetHandle valid) =>
        LightGbm.Check(LightGbmApi.BoosterAddValidData(OnOwnerThread(_booster), valid), "add the validation set");

    /// <summary>Runs one boosting round; true when its trees found no split (LightGBM then drops them again).</summary>
    public bool UpdateOneIteration()
    {
        LightGbm.Check(LightGbmApi.BoosterUpdateOneIter(OnOwnerThread(_booster), out int empty), "run a boosting round");
        return empty != 0;
    }

    public int CurrentIteration
    {
        get
        {
            LightGbm.Check(LightGbmApi.BoosterGetCurrentIteration(OnOwnerThread(_booster), out int iteration), "read the iteration count");
            return iteration;
        }
    }

    /// <summary>Current transformed predictions (probabilities, or exp for log-link objectives) of data set <paramref name="dataIndex"/>: 0 training, 1 the first validation set. Class-major for multiclass.</summary>
    public double[] CurrentPredictions(int dataIndex)
    {
        LightGbm.Check(LightGbmApi.BoosterGetNumPredict(OnOwnerThread(_booster), dataIndex, out long length), "size the current predictions");
        var result = new double[length];
        long written;
        fixed (double* output = result)
            LightGbm.Check(LightGbmApi.BoosterGetPredict(_booster, dataIndex, out written, output), "read the current predictions");
        if (written != length) throw new InvalidOperationException($"LightGBM wrote {written} current predictions; expected {length}.");
        return result;
    }

    /// <summary>LightGBM's model text of all iterations so far.</summary>
    public string SaveModel() => NativeModelText.Save(OnOwnerThread(_booster));

    /// <summary>LightGBM's JSON dump of the model (values at full precision, where the text rounds some to 6 digits).</summary>
    public string DumpModel() => NativeModelText.Dump(OnOwnerThread(_booster));

    public void Dispose() => _booster.Dispose();

    private T OnOwnerThread<T>(T value) =>
        Environment.CurrentManagedThreadId == _thread ? value
            : throw new InvalidOperationException("A LightGBM training session must be used on the thread that started it (LightGBM's error and network state are per thread).");
}
