using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Metrics;

/// <summary>Scores a fitted model on labelled data; greater is better (losses are negated, as in scikit-learn).</summary>
public interface IScorer
{
    string Name { get; }
    double Score(IModel model, DataView data);
}
