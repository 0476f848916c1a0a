namespace Scalearn.Dummy;

public enum DummyRegressorStrategy { Mean, Median, Quantile, Constant }
