"""scikit-learn side of the logistic_500k workload: make_classification(500,000 x 50, n_informative=20,
random_state=0), LogisticRegression(max_iter=200) (lbfgs, C=1). Median wall-clock and process CPU seconds of REPEATS
fits (default 3).

Usage: /usr/bin/python3 bench/Scalearn.Bench/Workloads/logistic_500k_sklearn.py [REPEATS]
"""
import json
import sys
import time

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
x, y = make_classification(n_samples=500_000, n_features=50, n_informative=20, random_state=0)

times, cpu, model = [], [], None
for _ in range(repeats):
    start, cpu_start = time.perf_counter(), time.process_time()
    model = LogisticRegression(max_iter=200).fit(x, y)
    times.append(time.perf_counter() - start)
    cpu.append(time.process_time() - cpu_start)
print(json.dumps({"workload": "logistic_500k (scikit-learn)", "seconds": round(sorted(times)[len(times) // 2], 3),
                  "cpu_seconds": round(sorted(cpu)[len(cpu) // 2], 3),
                  "iterations": int(model.n_iter_[0]), "train_accuracy": round(float(model.score(x, y)), 4), "runs": repeats}))
