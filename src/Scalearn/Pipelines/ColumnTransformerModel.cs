using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Scalearn.Preprocessing;

namespace Scalearn.Pipelines;

/// <summary>
/// A fitted <see cref="ColumnTransformer"/>: each part's columns are selected (numeric features by fitted position,
/// text columns by name), transformed (or passed through) and concatenated in order.
/// </summary>
[ModelFormat("column-transformer", 1)]
public sealed class ColumnTransformerModel : ITransformerModel, IPersistableModel<ColumnTransformerModel>
{
    /// <summary>One fitted transformer (or a passthrough when <see cref="Model"/> is null) and the columns it reads.</summary>
    public sealed record Part(string Name, int[] NumericColumns, string[] TextColumns, ITransformerModel? Model);

    private readonly Lazy<IReadOnlyList<string>> _outputFeatureNames;

    internal ColumnTransformerModel(IReadOnlyList<Part> parts, IReadOnlyList<string> inputFeatureNames, bool verboseFeatureNamesOut)
    {
        foreach (var part in parts)
            foreach (int j in part.NumericColumns)
                if (j < 0 || j >= inputFeatureNames.Count)
                    throw new ArgumentException($"Column transformer part '{part.Name}' reads feature {j}, but there are {inputFeatureNames.Count} features.");
        Parts = parts.ToArray();
        InputFeatureNames = inputFeatureNames;
        VerboseFeatureNamesOut = verboseFeatureNamesOut;
        _outputFeatureNames = new Lazy<IReadOnlyList<string>>(() => Transform(EmptyInput()).FeatureNames);
    }

    public IReadOnlyList<Part> Parts { get; }
    public IReadOnlyList<string> InputFeatureNames { get; }
    public bool VerboseFeatureNamesOut { get; }
    public int FeatureCount => InputFeatureNames.Count;

    /// <summary>get_feature_names_out.</summary>
    public IReadOnlyList<string> OutputFeatureNames => _outputFeatureNames.Value;

    /// <summary>The fitted model of the named transformer (null for a passthrough).</summary>
    public ITransformerModel? this[string name] => Parts.FirstOrDefault(p => p.Name == name)?.Model
        ?? (Parts.Any(p => p.Name == name) ? null
            : throw new KeyNotFoundException($"ColumnTransformer has no fitted transformer '{name}'; fitted: {string.Join(", ", Parts.Select(p => p.Name))}."));

    public Dataset Transform(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(ColumnTransformerModel));
        var outputs = Parts.Select(p =>
        {
            var selected = ColumnSelection.Select(x, p.NumericColumns, p.TextColumns);
            return p.Model?.Transform(selected) ?? selected;
        }).ToArray();

        var result = new Matrix(x.Count, outputs.Sum(o => o.FeatureCount));
        var names = new List<string>(result.Cols);
        var text = new Dictionary<string, string[]>();
        int offset = 0;
        for (int k = 0; k < outputs.Length; k++)
        {
            var output = outputs[k];
            if (output.Count != x.Count)
                throw new InvalidOperationException($"Column transformer part '{Parts[k].Name}' returned {output.Count} rows for {x.Count} input rows.");
            for (int i = 0; i < x.Count; i++) output.X.Row(i).CopyTo(result.Row(i)[offset..]);
            names.AddRange(output.FeatureNames.Select(n => OutputName(Parts[k].Name, n)));
            foreach (var (column, values) in output.TextColumns)
                if (!text.TryAdd(OutputName(Parts[k].Name, column), values)) throw DuplicateNames([column]);
            offset += output.FeatureCount;
        }
        var duplicates = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicates.Length > 0) throw DuplicateNames(duplicates);
        return x.Derive(result, names, text);
    }

    public void WritePayload(BinaryWriter writer)
    {
        PayloadIO.WriteStrings(writer, InputFeatureNames);
        writer.Write(VerboseFeatureNamesOut);
        writer.Write(Parts.Count);
        foreach (var part in Parts)
        {
            writer.Write(part.Name);
            writer.Write(part.NumericColumns.Length);
            foreach (int j in part.NumericColumns) writer.Write(j);
            PayloadIO.WriteStrings(writer, part.TextColumns);
            writer.Write(part.Model is not null);
            if (part.Model is not null)
                ModelPayload.Write(writer, part.Model as IPersistableModel ?? throw new NotSupportedException(
                    $"ColumnTransformer transformer '{part.Name}': model type {part.Model.GetType().Name} cannot be saved (it is not an IPersistableModel)."));
        }
    }

    public static ColumnTransformerModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported column-transformer format version {version}.");
        var inputNames = PayloadIO.ReadStrings(reader);
        bool verbose = reader.ReadBoolean();
        var parts = new Part[PayloadIO.ReadCount(reader)];
        for (int k = 0; k < parts.Length; k++)
        {
            string name = reader.ReadString();
            var numeric = new int[PayloadIO.ReadCount(reader)];
            for (int i = 0; i < numeric.Length; i++) numeric[i] = reader.ReadInt32();
            var text = PayloadIO.ReadStrings(reader);
            ITransformerModel? model = null;
            if (reader.ReadBoolean())
                model = ModelPayload.Read(reader) as ITransformerModel
                    ?? throw new InvalidDataException($"Column transformer part '{name}' holds a model that does not transform.");
            parts[k] = new Part(name, numeric, text, model);
        }
        try { return new ColumnTransformerModel(parts, inputNames, verbose); }
        catch (ArgumentException e) { throw new InvalidDataException($"Invalid column-transformer payload: {e.Message}", e); }
    }

    private string OutputName(string part, string column) => VerboseFeatureNamesOut ? $"{part}__{column}" : column;

    private static ArgumentException DuplicateNames(IEnumerable<string> names) => new(
        $"ColumnTransformer output names are not unique ({string.Join(", ", names)}); set verbose_feature_names_out=true to prefix them with the transformer name.");

    private Dataset EmptyInput() => new(new Matrix(0, FeatureCount), null, InputFeatureNames,
        textColumns: Parts.SelectMany(p => p.TextColumns).Distinct().ToDictionary(c => c, _ => Array.Empty<string>()));
}
