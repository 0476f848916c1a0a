"""scikit-learn side of the sgd_stream benchmark (same definition as bench/Scalearn.Bench/Workloads/SgdStreamWorkload.cs).

Usage: python3 tests/Scalearn.Tests/Fixtures/Linear/sgd_stream_sklearn.py [repeats]
"""
import json
import sys
import time

import numpy as np
from sklearn.linear_model import SGDRegressor

rows, features, chunk = 1_000_000, 50, 1_000
rng = np.random.default_rng(0)
w = rng.standard_normal(features)
x = rng.standard_normal((rows, features))
y = x @ w + 0.1 * rng.standard_normal(rows)
x_test = rng.standard_normal((10_000, features))
y_test = x_test @ w + 0.1 * rng.standard_normal(10_000)

seconds, cpu_seconds = [], []
for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 1):
    model = SGDRegressor(random_state=0)
    start, cpu_start = time.perf_counter(), time.process_time()
    for i in range(0, rows, chunk):
        model.partial_fit(x[i:i + chunk], y[i:i + chunk])
    seconds.append(time.perf_counter() - start)
    cpu_seconds.append(time.process_time() - cpu_start)
best = min(seconds)
print(json.dumps({"workload": "sgd_stream (scikit-learn)", "seconds": round(best, 4), "all_seconds": [round(s, 4) for s in seconds],
                  "rows_per_second": round(rows / best),
                  "cpu_seconds": round(min(cpu_seconds), 4), "r2": round(model.score(x_test, y_test), 6)}))
