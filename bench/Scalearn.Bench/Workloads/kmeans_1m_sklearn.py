"""scikit-learn side of the kmeans_1m workload: make_blobs(1,000,000 x 20, 20 centers, random_state=0), n_clusters=20,
n_init=1; (1) Lloyd iterations from the first 20 rows (max_iter=30, tol=0), seconds per iteration; (2) the whole fit
with k-means++ and default tol. Median of REPEATS fits each (default 3).

Usage: /usr/bin/python3 bench/Scalearn.Bench/Workloads/kmeans_1m_sklearn.py [REPEATS]
"""
import json
import sys
import time

from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
x, _ = make_blobs(n_samples=1_000_000, n_features=20, centers=20, random_state=0)


def median(fit):
    times, model = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        model = fit()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2], model


lloyd_seconds, lloyd = median(lambda: KMeans(20, init=x[:20], n_init=1, max_iter=30, tol=0, algorithm="lloyd").fit(x))
full_seconds, full = median(lambda: KMeans(20, init="k-means++", n_init=1, random_state=0).fit(x))
print(json.dumps({"workload": "kmeans_1m (scikit-learn)", "seconds": round(full_seconds, 3), "full_iterations": int(full.n_iter_),
                  "full_inertia": round(float(full.inertia_), 1), "lloyd_seconds": round(lloyd_seconds, 3),
                  "lloyd_iterations": int(lloyd.n_iter_), "lloyd_seconds_per_iteration": round(lloyd_seconds / lloyd.n_iter_, 4),
                  "runs": repeats}))
