"""Peer side of the hgb_250k workload (reference.md 'gbm'): make_classification(250,000 x 50, n_informative=20,
random_state=0), the last 50,000 rows held out; 200 boosting rounds without early stopping, on all cores.
Times scikit-learn's HistGradientBoostingClassifier and XGBoost 1.7 tree_method="hist" (max_depth 6, lr 0.1), median of
REPEATS fits each, and writes the data once to bench/Scalearn.Bench/data/hgb_250k.bin (not committed) for the C#
side: int32 rows, int32 cols, rows*cols float64 X (row-major), rows float64 y, all little-endian.

Usage: /usr/bin/python3 bench/Scalearn.Bench/Workloads/hgb_250k_sklearn.py [REPEATS]
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score
from xgboost import XGBClassifier

repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
x, y = make_classification(n_samples=250_000, n_features=50, n_informative=20, random_state=0)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "hgb_250k.bin")
if not os.path.exists(path):
    with open(path + ".tmp", "wb") as f:
        f.write(np.array(x.shape, dtype="<i4").tobytes())
        f.write(np.ascontiguousarray(x, dtype="<f8").tobytes())
        f.write(np.asarray(y, dtype="<f8").tobytes())
    os.replace(path + ".tmp", path)
x_train, y_train, x_test, y_test = x[:200_000], y[:200_000], x[200_000:], y[200_000:]


def timed(make):
    times, accuracy = [], None
    for _ in range(repeats):
        model = make()
        start = time.perf_counter()
        model.fit(x_train, y_train)
        times.append(time.perf_counter() - start)
        accuracy = accuracy_score(y_test, model.predict(x_test))
    return sorted(times)[len(times) // 2], accuracy


hgb_seconds, hgb_accuracy = timed(lambda: HistGradientBoostingClassifier(max_iter=200, early_stopping=False, random_state=0))
xgb_seconds, xgb_accuracy = timed(lambda: XGBClassifier(n_estimators=200, tree_method="hist", max_depth=6, learning_rate=0.1,
                                                        n_jobs=os.cpu_count(), random_state=0))
print(json.dumps({"workload": "hgb_250k (scikit-learn, xgboost)", "repeats": repeats,
                  "sklearn_hgb_fit_seconds": round(hgb_seconds, 3), "sklearn_hgb_accuracy": round(hgb_accuracy, 4),
                  "xgboost_hist_fit_seconds": round(xgb_seconds, 3), "xgboost_hist_accuracy": round(xgb_accuracy, 4)}))
