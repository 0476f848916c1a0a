namespace Scalearn.Dummy;

public enum DummyClassifierStrategy { Prior, MostFrequent, Stratified, Uniform, Constant }
