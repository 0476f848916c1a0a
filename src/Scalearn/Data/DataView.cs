namespace Scalearn.Data;

/// <summary>
/// A row subset of a <see cref="Dataset"/> (all rows when <see cref="Indices"/> is null). Cross-validation trains and
/// scores on views, so folds never copy the data.
/// </summary>
public readonly struct DataView
{
    public DataView(Dataset source, int[]? indices)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        Indices = indices;
    }

    public Dataset Source { get; }
    public int[]? Indices { get; }

    public int Count => Indices?.Length ?? Source.Count;
    public int FeatureCount => Source.FeatureCount;
    public bool HasTarget => Source.Y is not null;

    /// <summary>Row index in the source dataset of the i-th row of this view.</summary>
    public int SourceRow(int i) => Indices is null ? i : Indices[i];

    public ReadOnlySpan<double> Row(int i) => Source.X.Row(SourceRow(i));

    public double Target(int i) => Source.RequireTarget()[SourceRow(i)];

    /// <summary>Copies the view's targets into a new array.</summary>
    public double[] Targets()
    {
        var y = Source.RequireTarget();
        if (Indices is null) return (double[])y.Clone();
        var result = new double[Indices.Length];
        for (int i = 0; i < result.Length; i++) result[i] = y[Indices[i]];
        return result;
    }

    /// <summary>Copies the view's rows into a new dense matrix.</summary>
    public Matrix ToMatrix()
    {
        if (Indices is null) return new Matrix((double[])Source.X.Values.Clone(), Source.Count, FeatureCount);
        var m = new Matrix(Indices.Length, FeatureCount);
        for (int i = 0; i < Indices.Length; i++) Row(i).CopyTo(m.Row(i));
        return m;
    }

    /// <summary>Copies the view into a standalone dataset (targets, class names and text columns included).</summary>
    public Dataset Materialize()
    {
        if (Indices is null) return Source;
        return Derive(ToMatrix(), Source.FeatureNames, TextRows());
    }

    /// <summary>
    /// A new dataset of the view's rows with other features (a transformer's output): the view's targets, class names,
    /// target name and dataset name carry over.
    /// </summary>
    public Dataset Derive(Matrix x, IReadOnlyList<string> featureNames, IReadOnlyDictionary<string, string[]>? textColumns = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows != Count) throw new ArgumentException($"{x.Rows} rows derived from a view of {Count} rows.", nameof(x));
        return new Dataset(x, HasTarget ? Targets() : null, featureNames, Source.TargetName, Source.Name, textColumns,
            HasTarget ? Source.ClassNames : null);
    }

    /// <summary>The view's rows of one text column (the source array itself when the view covers all rows).</summary>
    public string[] TextRows(string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (Indices is null) return values;
        var rows = new string[Indices.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = values[Indices[i]];
        return rows;
    }

    /// <summary>The view's rows of every text column.</summary>
    public Dictionary<string, string[]> TextRows()
    {
        var result = new Dictionary<string, string[]>();
        foreach (var (name, values) in Source.TextColumns) result[name] = TextRows(values);
        return result;
    }

    public static implicit operator DataView(Matrix x) => new Dataset(x).All;
}
