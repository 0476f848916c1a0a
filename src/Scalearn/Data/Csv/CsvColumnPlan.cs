namespace Scalearn.Data.Csv;

/// <summary>What the row parser does with each cell of a column, and where the value goes.</summary>
internal struct CsvColumnPlan
{
    public CsvCellAction Action;

    /// <summary>Destination of numbers: cell of row r at Numbers[Offset + r * Stride] (row-major features use Stride = feature count).</summary>
    public double[]? Numbers;
    public string?[]? Texts;
    public int Offset;
    public int Stride;

    public bool IsTarget;

    /// <summary>Codes of a text target (<see cref="CsvCellAction.Label"/>).</summary>
    public Tables.TargetLabels? Labels;

    /// <summary>Missing cells become NaN silently (passthrough columns, or AllowMissing).</summary>
    public bool AllowMissing;

    /// <summary>A text feature read with AllowMissing: missing cells become null (else they stay as written, the empty category).</summary>
    public bool CheckMissingText;

    /// <summary>Infinite values are kept (passthrough columns carry data as it is).</summary>
    public bool AllowInfinite;

    /// <summary>
    /// A non-numeric cell turns the column into a text column (whole-file loading with KeepTextColumns); missing cells
    /// are then reported only at the end, if the column stayed numeric.
    /// </summary>
    public bool MayTurnText;

    /// <summary>
    /// Classify: an integer too large for a double to hold exactly (beyond 2^53, such as a 17-digit id) makes the column
    /// text, so that a carried column (passthrough, group) keeps it as written instead of rounding it (ids that differ
    /// would else print alike, and group keys merge).
    /// </summary>
    public bool ExactIntegers;

    /// <summary>The column was judged numeric from the first rows; a later non-numeric cell says so.</summary>
    public int InferredFromRows;
}

internal enum CsvCellAction : byte
{
    Skip,
    Number,
    Text,
    /// <summary>
    /// A number column carried to the output (passthrough, group) whose kind the first rows decided: as Number, but an
    /// integer literal beyond 2^53 is an error rather than silently rounded (the sample would have made the column text).
    /// </summary>
    CarriedNumber,
    /// <summary>Only notes whether the cell is numeric (schema inference).</summary>
    Classify,
    /// <summary>A text target: the label's code goes to the numbers.</summary>
    Label,
}
