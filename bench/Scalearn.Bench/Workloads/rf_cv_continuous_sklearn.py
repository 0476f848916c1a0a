"""scikit-learn side of rf_cv_continuous: make_classification(n_samples=50,000, n_features=30, n_informative=15,
random_state=0); RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=0), cross_validate with cv=3
(StratifiedKFold, no shuffle) and a refit on all rows. Median of REPEATS runs (default 3).

Usage: /usr/bin/python3 bench/Scalearn.Bench/Workloads/rf_cv_continuous_sklearn.py [REPEATS]
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_validate

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_data import load  # noqa: E402

x, y = load("classification_50000x30")
repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
times, cv_times, refit_times = [], [], []
for _ in range(repeats):
    forest = RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=0)
    start = time.perf_counter()
    scores = cross_validate(forest, x, y, cv=3)["test_score"]
    middle = time.perf_counter()
    forest.fit(x, y)
    end = time.perf_counter()
    times.append(end - start)
    cv_times.append(middle - start)
    refit_times.append(end - middle)
print(json.dumps({"workload": "rf_cv_continuous (scikit-learn)", "seconds": round(float(np.median(times)), 3),
                  "cv_seconds": round(float(np.median(cv_times)), 3), "refit_seconds": round(float(np.median(refit_times)), 3),
                  "runs": repeats, "mean_cv_accuracy": round(float(np.mean(scores)), 4),
                  "fold_accuracy": [round(float(s), 4) for s in scores], "cores": os.cpu_count()}))
