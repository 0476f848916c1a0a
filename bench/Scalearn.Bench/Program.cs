using System.Text.Json;
using Scalearn.Bench;

var workloads = typeof(IWorkload).Assembly.GetTypes()
    .Where(t => typeof(IWorkload).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
    .Select(t => (IWorkload)Activator.CreateInstance(t)!)
    .ToDictionary(w => w.Name, StringComparer.OrdinalIgnoreCase);

string? cluster = Environment.GetEnvironmentVariable("SCALEARN_CLUSTER");
int repeats = 1;
var names = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cluster" when i + 1 < args.Length: cluster = args[++i]; break;
        case "--repeats" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r > 0: repeats = r; i++; break;
        case "--list": Console.WriteLine(string.Join(Environment.NewLine, workloads.Keys.Order())); return 0;
        default: names.Add(args[i]); break;
    }
}
if (names.Count == 0)
{
    Console.Error.WriteLine($"usage: Scalearn.Bench [--cluster amqp://...] [--repeats N] <workload>... (known: {string.Join(", ", workloads.Keys.Order())})");
    return 2;
}
foreach (var name in names)
{
    if (!workloads.TryGetValue(name, out var workload))
    {
        Console.Error.WriteLine($"unknown workload '{name}'; known: {string.Join(", ", workloads.Keys.Order())}");
        return 2;
    }
    var fields = new Dictionary<string, object?> { ["workload"] = workload.Name };
    foreach (var (k, v) in workload.Run(new BenchOptions(cluster, repeats))) fields[k] = v;
    Console.WriteLine(JsonSerializer.Serialize(fields));
}
return 0;
