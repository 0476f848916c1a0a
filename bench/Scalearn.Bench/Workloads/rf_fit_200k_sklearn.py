"""scikit-learn side of rf_fit_200k: one fit of RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=0)
on make_classification(n_samples=200,000, n_features=20, n_informative=10, random_state=0), median of REPEATS fits
(default 3); reports the training accuracy of the last fit and the accuracy of a 3-fold hold-out (first two thirds
train, last third test) fitted once for quality.

Usage: /usr/bin/python3 bench/Scalearn.Bench/Workloads/rf_fit_200k_sklearn.py [REPEATS]
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestClassifier

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_data import load  # noqa: E402

x, y = load("classification_200000x20")
repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
times = []
for _ in range(repeats):
    forest = RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=0)
    start = time.perf_counter()
    forest.fit(x, y)
    times.append(time.perf_counter() - start)
split = 2 * len(y) // 3
holdout = RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=0).fit(x[:split], y[:split])
print(json.dumps({"workload": "rf_fit_200k (scikit-learn)", "seconds": round(float(np.median(times)), 3), "runs": repeats,
                  "holdout_accuracy": round(float(holdout.score(x[split:], y[split:])), 4),
                  "nodes_per_tree": round(float(np.mean([t.tree_.node_count for t in forest.estimators_])), 1),
                  "cores": os.cpu_count()}))
