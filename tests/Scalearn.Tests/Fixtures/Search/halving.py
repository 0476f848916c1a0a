"""Fixtures for successive halving, from scikit-learn 1.2.1 (run with /usr/bin/python3; writes halving.json)."""
import json
import numpy as np
import pandas as pd
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingGridSearchCV, StratifiedKFold
from sklearn.dummy import DummyClassifier
from sklearn.neighbors import KNeighborsClassifier

iris = pd.read_csv("../../../../data/iris.csv")
X, y = iris.drop(columns="target").values, iris["target"].values
digits = pd.read_csv("../../../../data/digits.csv")
Xd, yd = digits.drop(columns="target").values, digits["target"].values

schedules = []
for data, (n, factor, min_r, max_r, aggressive) in [
    ("iris", (10, 3, "exhaust", "auto", False)),
    ("iris", (10, 2, "smallest", "auto", False)),
    ("iris", (30, 3, "smallest", "auto", True)),
    ("iris", (243, 3, "smallest", "auto", False)),
    ("iris", (5, 4, 20, 140, False)),
    ("digits", (864, 3, "exhaust", "auto", False)),
    ("digits", (100, 3, "smallest", 600, True)),
]:
    Xs, ys = (X, y) if data == "iris" else (Xd, yd)
    search = HalvingGridSearchCV(DummyClassifier(), {"constant": list(range(n))}, factor=factor, min_resources=min_r,
                                 max_resources=max_r, aggressive_elimination=aggressive, cv=3, random_state=0).fit(Xs, ys)
    schedules.append({"data": data, "candidates": n, "factor": factor, "min_resources": min_r, "max_resources": max_r,
                      "aggressive": aggressive, "n_resources": [int(v) for v in search.n_resources_],
                      "n_candidates": [int(v) for v in search.n_candidates_], "min_resources_": int(search.min_resources_),
                      "max_resources_": int(search.max_resources_)})

knn = HalvingGridSearchCV(KNeighborsClassifier(), {"weights": ["uniform", "distance"], "p": [2, 3, 4]}, resource="n_neighbors",
                          max_resources=27, factor=3, cv=StratifiedKFold(3), random_state=0).fit(X, y)
r = knn.cv_results_
result = {"iter": [int(v) for v in r["iter"]], "n_resources": [int(v) for v in r["n_resources"]],
          "params": [{k: (int(v) if isinstance(v, (int, np.integer)) else v) for k, v in p.items()} for p in r["params"]],
          "mean_test_score": [float(v) for v in r["mean_test_score"]], "rank_test_score": [int(v) for v in r["rank_test_score"]],
          "best_index": int(knn.best_index_)}
json.dump({"schedules": schedules, "knn_resource": result}, open("halving.json", "w"), indent=1)
