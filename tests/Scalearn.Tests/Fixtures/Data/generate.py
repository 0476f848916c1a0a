"""Writes generators.json: structure and moments of scikit-learn 1.2.1's make_classification, make_regression and
make_blobs outputs. Scalearn's generators draw other random numbers, so the tests compare these distribution facts
(counts, ranks, singular values, accuracies, moments), not values.

Run with Debian's python (scikit-learn 1.2.1): /usr/bin/python3 generate.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_blobs, make_classification, make_regression
from sklearn.feature_selection import f_classif

assert sklearn.__version__ == "1.2.1", sklearn.__version__


def nearest_centroid_accuracy(X, y):
    classes = np.unique(y)
    centroids = np.array([X[y == c].mean(axis=0) for c in classes])
    d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return float((classes[d.argmin(axis=1)] == y).mean())


classification = {}
for name, kwargs in {
    "weighted_three_classes": dict(n_samples=20000, n_features=10, n_informative=3, n_redundant=2, n_repeated=1, n_classes=3,
                                   n_clusters_per_class=1, weights=[0.5, 0.3], flip_y=0.0, random_state=0),
    "defaults_1000": dict(n_samples=1000, random_state=0),
    "flip_far_apart": dict(n_samples=20000, n_features=4, n_informative=2, n_redundant=0, n_classes=4, n_clusters_per_class=1,
                           class_sep=20.0, flip_y=0.2, random_state=0),
    "odd_counts": dict(n_samples=101, n_features=5, n_informative=3, n_classes=3, n_clusters_per_class=2, weights=[0.2, 0.2, 0.6],
                       flip_y=0.0, random_state=0),
}.items():
    X, y = make_classification(**kwargs)
    F, p = f_classif(X, y)
    classification[name] = {
        "kwargs": {k: v for k, v in kwargs.items() if k != "random_state"},
        "class_counts": [int((y == c).sum()) for c in range(kwargs.get("n_classes", 2))],
        "rank": int(np.linalg.matrix_rank(X)),
        "signal_features": int((p < 1e-6).sum()),
        "nearest_centroid_accuracy": nearest_centroid_accuracy(X, y),
    }

unshuffled = make_classification(n_samples=5000, n_features=8, n_informative=3, n_redundant=2, n_repeated=2, n_classes=2,
                                 n_clusters_per_class=2, flip_y=0.0, class_sep=1.5, shuffle=False, random_state=1)
X, y = unshuffled
classification["unshuffled_structure"] = {
    "informative_rank": int(np.linalg.matrix_rank(X[:, :5])),
    "abs_cluster_mean_coordinates": float(np.abs(np.concatenate([X[:1250, :3].mean(axis=0), X[1250:2500, :3].mean(axis=0)])).mean()),
    "noise_std": float(X[:, 7].std()),
}

random_scale = make_classification(n_samples=5000, n_features=6, shift=None, scale=None, random_state=3)[0]
classification["random_scale_std_range"] = [float(random_scale.std(axis=0).min()), float(random_scale.std(axis=0).max())]

X, y, coef = make_regression(n_samples=5000, n_features=20, n_informative=5, bias=3.0, noise=2.0, coef=True, random_state=0)
A = np.hstack([X, np.ones((len(X), 1))])
solution = np.linalg.lstsq(A, y, rcond=None)[0]
regression = {
    "nonzero_coef": int((coef != 0).sum()),
    "coef_max": float(coef.max()),
    "residual_std": float((y - A @ solution).std()),
    "intercept": float(solution[-1]),
    "feature_std": float(X.std(axis=0).mean()),
    "y_std_over_norm": float(y.std() / np.sqrt((coef ** 2).sum() + 4.0)),
}
low_rank = make_regression(n_samples=200, n_features=50, n_informative=50, effective_rank=5, tail_strength=0.5, random_state=0)[0]
regression["low_rank_singular_values"] = [float(v) for v in np.linalg.svd(low_rank, compute_uv=False)]

blobs = {}
X, y, centers = make_blobs(n_samples=[3000, 2000, 5000], centers=[[0.0, 0.0, 0.0], [5.0, 5.0, 5.0], [-5.0, 10.0, 0.0]],
                           cluster_std=[0.5, 1.0, 2.0], random_state=0, return_centers=True)
blobs["given"] = {
    "counts": [int((y == k).sum()) for k in range(3)],
    "means": [[float(v) for v in X[y == k].mean(axis=0)] for k in range(3)],
    "stds": [float(X[y == k].std(axis=0).mean()) for k in range(3)],
}
for n, c in [(1000, 4), (10, 3), (7, None)]:
    X, y, centers = make_blobs(n_samples=n, centers=c, random_state=0, return_centers=True)
    blobs[f"n{n}_c{c}"] = {"counts": [int((y == k).sum()) for k in range(len(centers))], "n_features": int(X.shape[1])}
errors = {}
for key, call in {
    "sum_features": lambda: make_classification(n_features=3, n_informative=2, n_redundant=2),
    "hypercube": lambda: make_classification(n_informative=2, n_classes=3, n_clusters_per_class=2),
    "weights": lambda: make_classification(n_classes=3, n_informative=3, weights=[0.5]),
    "blob_lengths": lambda: make_blobs(n_samples=[10, 10], centers=[[0.0, 0.0]]),
    "blob_std": lambda: make_blobs(n_samples=30, centers=3, cluster_std=[1.0, 2.0]),
}.items():
    try:
        call()
    except ValueError as e:
        errors[key] = str(e)

out = {"classification": classification, "regression": regression, "blobs": blobs, "errors": errors}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "generators.json"), "w") as f:
    json.dump(out, f, indent=1)
