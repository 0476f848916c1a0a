"""Generates tree_criteria.json with scikit-learn 1.2.1 (run from this folder: /usr/bin/python3 generate.py).

Each case fits one tree with all features (max_features=None) on a bundled dataset and records what must match
exactly: node count, leaf count, depth, training predictions and feature importances.
"""
import json
import os

import numpy as np
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "data")


def load(name):
    raw = np.loadtxt(os.path.join(DATA, name + ".csv"), delimiter=",", skiprows=1)
    return raw[:, :-1], raw[:, -1]


def case(kind, dataset, params, transform=None):
    x, y = load(dataset)
    if transform == "counts":
        # A count target for poisson: the diabetes progression scaled down and rounded.
        y = np.round(y / 25.0)
    estimator = (DecisionTreeRegressor if kind == "regressor" else DecisionTreeClassifier)(random_state=0, **params).fit(x, y)
    return {
        "kind": kind, "dataset": dataset, "params": params, "target": transform,
        "node_count": int(estimator.tree_.node_count), "leaves": int(estimator.get_n_leaves()), "depth": int(estimator.get_depth()),
        "predict": estimator.predict(x).tolist(),
        "feature_importances": estimator.feature_importances_.tolist(),
    }


cases = [
    case("regressor", "diabetes", {"criterion": "squared_error", "max_depth": 4}),
    case("regressor", "diabetes", {"criterion": "friedman_mse", "max_depth": 4}),
    case("regressor", "diabetes", {"criterion": "friedman_mse", "max_leaf_nodes": 12, "min_impurity_decrease": 10.0}),
    case("regressor", "diabetes", {"criterion": "absolute_error", "max_depth": 4}),
    case("regressor", "diabetes", {"criterion": "absolute_error", "min_samples_leaf": 5}),
    case("regressor", "diabetes", {"criterion": "poisson", "max_depth": 4}, "counts"),
    case("regressor", "diabetes", {"criterion": "poisson", "min_samples_leaf": 3}, "counts"),
    case("regressor", "diabetes", {"ccp_alpha": 50.0}),
    case("regressor", "diabetes", {"criterion": "absolute_error", "ccp_alpha": 1.0}),
    case("classifier", "breast_cancer", {"ccp_alpha": 0.005}),
    case("classifier", "wine", {"criterion": "entropy", "ccp_alpha": 0.02}),
    case("classifier", "breast_cancer", {"class_weight": {0: 3.0, 1: 0.5}, "max_depth": 4}),
    case("classifier", "wine", {"class_weight": {1: 2.0}, "ccp_alpha": 0.01}),
]
for c in cases:
    # JSON object keys are strings; the tests pass the map back as class_weight.
    if "class_weight" in c["params"]:
        c["params"]["class_weight"] = {str(float(k)): v for k, v in c["params"]["class_weight"].items()}
with open(os.path.join(os.path.dirname(__file__), "tree_criteria.json"), "w") as f:
    json.dump(cases, f)
print(len(cases), "cases")
