using System.Runtime.CompilerServices;

namespace Scalearn.Linear;

/// <summary>
/// How one row's step is sized: the learning-rate schedule at step t, the L2 shrinkage of the weight scale and the
/// class weight of the row's target.
/// </summary>
internal readonly struct SgdStepRule
{
    private readonly SgdLearningRate _schedule;
    private readonly double _alpha, _eta0, _powerT, _optimalInit, _shrinkRate, _weightPositive, _weightNegative;
    private readonly bool _shrink, _classWeighted;

    public SgdStepRule(SgdSettings settings, double optimalInit, double weightPositive, double weightNegative)
    {
        _schedule = settings.LearningRate;
        _alpha = settings.Alpha;
        _eta0 = settings.Eta0;
        _powerT = settings.PowerT;
        _optimalInit = optimalInit;
        _shrink = settings.Penalty is SgdPenalty.L2 or SgdPenalty.Elasticnet;
        double l1Ratio = settings.Penalty switch { SgdPenalty.L1 => 1.0, SgdPenalty.Elasticnet => settings.L1Ratio, _ => 0.0 };
        _shrinkRate = (1.0 - l1Ratio) * settings.Alpha;
        _weightPositive = weightPositive;
        _weightNegative = weightNegative;
        _classWeighted = weightPositive != weightNegative;
    }

    /// <summary>The learning rate at step t; <paramref name="fixedEta"/> for the constant and adaptive schedules.</summary>
    public double Eta(double t, double fixedEta) => _schedule switch
    {
        SgdLearningRate.Optimal => 1.0 / (_alpha * (_optimalInit + t - 1)),
        SgdLearningRate.Invscaling => _eta0 * InversePower(t, _powerT),
        _ => fixedEta,
    };

    /// <summary>The learning rates of steps t, t + 1, ... into <paramref name="etas"/>.</summary>
    public void FillEtas(double t, double fixedEta, Span<double> etas)
    {
        for (int k = 0; k < etas.Length; k++) etas[k] = Eta(t + k, fixedEta);
    }

    /// <summary>The weight scale after this row's L2 shrinkage.</summary>
    public double ShrunkScale(double wscale, double eta) => _shrink ? wscale * Math.Max(0, 1.0 - _shrinkRate * eta) : wscale;

    /// <summary>The factor that turns the loss derivative into the step: -eta times the class weight.</summary>
    /// <remarks>Without class weights the target's sign is not looked at: a branch on it would be mispredicted half of the time.</remarks>
    public double StepPerDLoss(double y, double eta) => _classWeighted ? -eta * (y > 0 ? _weightPositive : _weightNegative) : -eta * _weightPositive;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double InversePower(double t, double power) => power switch
    {
        0.25 => 1.0 / Math.Sqrt(Math.Sqrt(t)),
        0.5 => 1.0 / Math.Sqrt(t),
        _ => Math.Pow(t, -power),
    };
}
