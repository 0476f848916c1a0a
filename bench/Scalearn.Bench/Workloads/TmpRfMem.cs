using System.Diagnostics;
using Scalearn.Persistence;
using Scalearn.Ensemble;
namespace Scalearn.Bench.Workloads;
public sealed class TmpRfMem : IWorkload
{
    public string Name => "tmp_rf_mem";
    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        string dir = Path.GetDirectoryName(GeneratedData.PathOf("rf_predict_1000000x20", RfPredictData.Peer))!;
        var model = (RandomForestClassifierModel)ModelFile.Load(Path.Combine(dir, "rf_predict_rf100.scalearn")).Model;
        using var reader = Scalearn.Data.Tables.TableReader.Open(Path.Combine(dir, "rf_predict_1000000x20.parquet"), new Scalearn.Data.Tables.TableOptions { Target = null });
        var rows = reader.Read(2_000_000)!.Data;
        var f = new Dictionary<string, object?>();
        double[] exp = model.Predict(rows);
        var fld = typeof(Scalearn.Data.Dataset).Assembly.GetType("Scalearn.Trees.PackedTree")!.GetField("TmpVector")!;
        var one = new[] { new List<double>(), new List<double>() };
        for (int r = 0; r < Math.Max(3, options.Repeats); r++)
            for (int k = 0; k < 2; k++)
            {
                fld.SetValue(null, k == 1);
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime; var p = model.Predict(rows); one[k].Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
                if (!p.SequenceEqual(exp)) throw new Exception("differs");
            }
        for (int k = 0; k < 2; k++) f[$"one_{k}"] = $"{one[k].Min():F3} med {Median.Of(one[k]):F3} " + string.Join(" ", one[k].Select(x => x.ToString("F2")));
        return f;
    }
}
