using Scalearn.Boosting.Native;
using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.Boosting;

/// <summary>
/// Runs one LightGBM fit round by round on the calling thread: dataset construction (the validation set binned with
/// the training set's bin mapper), booster creation and every round happen here, holding the process-wide
/// <see cref="NativeThreads"/> lease for the fit's thread count. Checks <see cref="FitInterruption"/> between rounds.
/// </summary>
internal static class BoostingTrainer
{
    public sealed record Result(string ModelText, int Rounds);

    /// <param name="rounds">Boosting rounds to run unless <paramref name="earlyStopping"/> stops sooner.</param>
    /// <param name="emptyRoundIsFinal">
    /// No randomness can make a later round split where this one did not (no bagging, column sampling, DART or GOSS):
    /// after a round without any split the remaining rounds would change nothing, so they are skipped (and counted)
    /// unless early stopping has to score them.
    /// </param>
    public static Result Train(DataView train, DataView? validation, BoostingTargets targets, LightGbmParameters parameters, int rounds,
        int threads, bool emptyRoundIsFinal, EarlyStopping? earlyStopping)
    {
        LightGbmLibrary.EnsureLoaded();
        using var lease = NativeThreads.Enter(threads, adopt: false);
        string text = parameters.Format(lease.Threads);
        try
        {
            using var trainSet = NativeDataset.Create(train, targets.Labels(train), targets.Weights(train), text, reference: null);
            using var validSet = validation is { } v ? NativeDataset.Create(v, targets.Labels(v), targets.Weights(v), text, trainSet) : null;
            using var trainer = new NativeTrainer(trainSet, text);
            if (validSet is not null) trainer.AddValidation(validSet);
            earlyStopping?.Start();
            int done = 0;
            while (done < rounds)
            {
                FitInterruption.Check();
                bool empty = trainer.UpdateOneIteration();
                done++;
                if (empty && emptyRoundIsFinal && earlyStopping is null) done = rounds;
                if (earlyStopping?.AfterRound(trainer) == true) break;
            }
            return new Result(trainer.SaveModel(), done);
        }
        catch (LightGbmException e) when (parameters.Explain(e) is { } parameterError)
        {
            throw parameterError;
        }
    }
}
