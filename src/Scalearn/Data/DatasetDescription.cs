namespace Scalearn.Data;

public enum TargetKind { None, Classification, Regression }

/// <summary>Summary line of a dataset for listings such as <c>scalearn datasets</c>.</summary>
public sealed record DatasetDescription(string Name, int Rows, int Features, TargetKind TargetKind, int? Classes)
{
    public string TargetSummary => TargetKind switch
    {
        TargetKind.Classification => $"classification ({Classes} classes)",
        TargetKind.Regression => "regression",
        _ => "no target",
    };

    public override string ToString() => $"{Name}: {Rows} rows, {Features} features, {TargetSummary}";
}
