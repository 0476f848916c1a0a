"""Generates svm_fixtures.json with scikit-learn 1.2.1 (run from this folder: python3 generate.py).

Features are standardized with StandardScaler on the whole dataset (population std), as the tests do.
"""
import json
import os

import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, SVR

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "data")


def load(name):
    raw = np.loadtxt(os.path.join(DATA, name + ".csv"), delimiter=",", skiprows=1)
    return StandardScaler().fit_transform(raw[:, :-1]), raw[:, -1]


def svc_case(dataset, kernel, shape="ovr", **params):
    x, y = load(dataset)
    model = SVC(kernel=kernel, decision_function_shape=shape, **params).fit(x, y)
    dec = model.decision_function(x)
    return {
        "dataset": dataset, "kernel": kernel, "shape": shape, "params": params,
        "n_support": model.n_support_.tolist(),
        "intercept": model.intercept_.tolist(),
        "decision_function": np.atleast_2d(dec.T).T.tolist() if dec.ndim == 2 else [[v] for v in dec.tolist()],
        "predict": model.predict(x).tolist(),
        **({"predict_proba": model.predict_proba(x).tolist()} if params.get("probability") else {}),
    }


def svr_case(kernel, **params):
    x, y = load("diabetes")
    model = SVR(kernel=kernel, **params).fit(x, y)
    return {
        "dataset": "diabetes", "kernel": kernel, "params": params,
        "n_support": int(model.support_.shape[0]),
        "intercept": float(model.intercept_[0]),
        "predict": model.predict(x).tolist(),
    }


fixtures = {
    "svc": [
        svc_case("iris", "rbf"),
        svc_case("iris", "rbf", shape="ovo"),
        svc_case("iris", "linear"),
        svc_case("iris", "poly"),
        svc_case("breast_cancer", "rbf"),
        svc_case("breast_cancer", "linear"),
        # Platt scaling depends on libsvm's internal random 5-fold split, so probabilities are compared loosely.
        svc_case("iris", "rbf", probability=True, random_state=0),
    ],
    "svr": [
        svr_case("rbf"),
        svr_case("linear", C=10.0, epsilon=5.0),
    ],
}
with open(os.path.join(os.path.dirname(__file__), "svm_fixtures.json"), "w") as f:
    json.dump(fixtures, f)
