"""scikit-learn side of knn_all (reference.md): NearestNeighbors(n_neighbors=10, algorithm='brute') on 100,000 x 32
float32 standard-normal points, queried in chunks of 10,000. Times the first QUERIES queries (default 20,000: the full
100,000 take minutes) and prints queries per second, for a side-by-side ratio with the C# workload.

Usage: python3 bench/Scalearn.Bench/Workloads/knn_all_sklearn.py [QUERIES]
"""
import json
import sys
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors

rng = np.random.default_rng(0)
x = rng.standard_normal((100_000, 32)).astype(np.float32)
model = NearestNeighbors(n_neighbors=10, algorithm="brute").fit(x)
queries = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
start = time.perf_counter()
for s in range(0, queries, 10_000):
    model.kneighbors(x[s:s + 10_000])
seconds = time.perf_counter() - start
print(json.dumps({"workload": "knn_all (scikit-learn)", "queries": queries, "seconds": round(seconds, 2),
                  "queries_per_second": round(queries / seconds)}))
