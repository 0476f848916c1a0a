"""scikit-learn side of svr_10k: SVR() (RBF, C=1, epsilon=0.1, gamma='scale') on make_regression(n_samples=10,000,
n_features=20, n_informative=10, noise=10, random_state=0) with the target standardized (libsvm's single thread; the
standardized target keeps the problem a realistic mix of bounded and free support vectors), median of REPEATS fits
(default 3), wall and process CPU seconds.

Usage: /usr/bin/python3 bench/Scalearn.Bench/Workloads/svr_10k_sklearn.py [REPEATS]
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.svm import SVR

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_data import load  # noqa: E402

x, y = load("regression_10000x20")
y = (y - y.mean()) / y.std()
repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
times = []
cpu = []
for _ in range(repeats):
    model = SVR()
    start, cpu_start = time.perf_counter(), time.process_time()
    model.fit(x, y)
    times.append(time.perf_counter() - start)
    cpu.append(time.process_time() - cpu_start)
print(json.dumps({"workload": "svr_10k (scikit-learn)", "seconds": round(float(np.median(times)), 3),
                  "cpu_seconds": round(float(np.median(cpu)), 3), "runs": repeats,
                  "support_vectors": int(model.support_.size), "train_r2": round(float(model.score(x, y)), 4),
                  "intercept": round(float(model.intercept_[0]), 6)}))
