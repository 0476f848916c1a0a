namespace Scalearn.Reporting.Model;

/// <summary>How a trial ended, with Optuna's names (trials.csv writes them in capitals).</summary>
public enum TrialState
{
    Complete,
    Fail,
    Pruned,
    Running,
}
