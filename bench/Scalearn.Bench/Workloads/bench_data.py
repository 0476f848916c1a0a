"""Bench-local datasets shared by the peer scripts and their C# workloads: generated once by scikit-learn and written
as CSV (17 significant digits, so both sides read the same doubles) to bench/Scalearn.Bench/data/generated/, which git
ignores. The C# workloads read the same files (BenchData.Generated)."""
import os

import numpy as np
from sklearn.datasets import make_classification, make_regression

GENERATED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "generated")

DATASETS = {
    "classification_50000x30": lambda: make_classification(n_samples=50_000, n_features=30, n_informative=15, random_state=0),
    "classification_200000x20": lambda: make_classification(n_samples=200_000, n_features=20, n_informative=10, random_state=0),
    "regression_10000x20": lambda: make_regression(n_samples=10_000, n_features=20, n_informative=10, noise=10.0, random_state=0),
}


def load(name):
    """(X, y) of a named dataset, writing its CSV the first time."""
    x, y = DATASETS[name]()
    path = os.path.join(GENERATED, name + ".csv")
    if not os.path.exists(path):
        os.makedirs(GENERATED, exist_ok=True)
        header = ",".join(f"x{j}" for j in range(x.shape[1])) + ",target"
        np.savetxt(path + ".tmp", np.column_stack([x, y]), delimiter=",", fmt="%.17g", header=header, comments="")
        os.replace(path + ".tmp", path)
    return x, y
