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
    write(name, [f"x{j}" for j in range(x.shape[1])] + ["target"], np.column_stack([x, y]))
    return x, y


def write(name, header, values, fmt="%.17g"):
    """The CSV of a generated table, written (through a temporary file) only when it is not there yet; its path."""
    path = os.path.join(GENERATED, name + ".csv")
    if not os.path.exists(path):
        os.makedirs(GENERATED, exist_ok=True)
        np.savetxt(path + ".tmp", values, delimiter=",", fmt=fmt, header=",".join(header), comments="")
        os.replace(path + ".tmp", path)
    return path


def rf_predict():
    """rf_predict's data, one make_classification draw of 1,010,000 x 20: the first 10,000 rows (with target) train the
    forest, the other 1,000,000 (features only, 7 significant digits, like a real export) are predicted. Returns the
    two CSV paths."""
    x, y = make_classification(n_samples=1_010_000, n_features=20, random_state=0)
    names = [f"x{j}" for j in range(20)]
    train = write("rf_predict_train_10000x20", names + ["target"], np.column_stack([x[:10_000], y[:10_000]]))
    rows = write("rf_predict_1000000x20", names, x[10_000:], fmt="%.7g")
    return train, rows


def groups():
    """groups' data: 1,000 groups of 500 rows (group = row mod 1000, so a group's rows are spread over the file), 10
    features (make_regression, 5 informative, noise 10), the target last. Returns the CSV path."""
    x, y = make_regression(n_samples=500_000, n_features=10, n_informative=5, noise=10.0, random_state=0)
    group = np.arange(500_000) % 1000
    return write("groups_500000x10", ["group"] + [f"x{j}" for j in range(10)] + ["target"], np.column_stack([group, x, y]),
                 fmt=["%d"] + ["%.9g"] * 11)
