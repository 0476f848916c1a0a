"""scikit-learn side of the "generators" workload (same generators and shapes); prints the median of 3 runs of each."""
import time
from sklearn.datasets import make_blobs, make_classification, make_regression

n = 1_000_000


def median_time(fn):
    times = []
    for _ in range(3):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return sorted(times)[1]


c = median_time(lambda: make_classification(n_samples=n, n_features=20, n_informative=5, n_classes=3, random_state=0))
r = median_time(lambda: make_regression(n_samples=n, n_features=20, n_informative=5, noise=1, random_state=0))
b = median_time(lambda: make_blobs(n_samples=n, n_features=10, centers=5, random_state=0))
print({"workload": "generators", "seconds": c + r + b, "make_classification_seconds": c, "make_regression_seconds": r, "make_blobs_seconds": b})
