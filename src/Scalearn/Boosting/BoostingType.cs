namespace Scalearn.Boosting;

/// <summary>lightgbm's boosting_type: gradient boosting, DART, random forest, or gradient boosting with GOSS sampling.</summary>
public enum BoostingType
{
    Gbdt,
    Dart,
    Rf,
    /// <summary>Gradient-based one-side sampling; passed to LightGBM 4 as data_sample_strategy=goss.</summary>
    Goss,
}
