"""Generates the scikit-learn 1.2.1 reference fixtures for tests/Scalearn.Tests/Linear (not run by the tests).

Usage (from the repository root): python3 tests/Scalearn.Tests/Fixtures/Linear/generate.py
"""
import json
import warnings
import os

import numpy as np
import sklearn
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge

here = os.path.dirname(os.path.abspath(__file__))
data_dir = os.path.join(here, "..", "..", "..", "..", "data")


def load(name):
    table = np.loadtxt(os.path.join(data_dir, name + ".csv"), delimiter=",", skiprows=1)
    return table[:, :-1], table[:, -1]


def standardize(x):
    std = x.std(axis=0)
    std[std == 0] = 1.0
    return (x - x.mean(axis=0)) / std


# scipy's L-BFGS-B as scikit-learn 1.2.1 calls it stops on ftol = 64 eps while the gradient is still ~1e-3, so the
# logistic fixtures use newton-cg on the same objective (sum of losses + 0.5/C ||w||^2), which reaches the optimum.
TIGHT = {"solver": "newton-cg", "tol": 1e-10, "max_iter": 1000}


def dump(name, content):
    content["sklearn_version"] = sklearn.__version__
    with open(os.path.join(here, name + ".json"), "w") as f:
        json.dump(content, f, indent=1)


warnings.simplefilter("ignore")
x, y = load("diabetes")
regressors = {
    "linear_regression": LinearRegression(),
    "ridge": Ridge(alpha=1.0),
    "lasso": Lasso(alpha=0.1, tol=1e-12, max_iter=100000),
    "elastic_net": ElasticNet(alpha=0.1, tol=1e-12, max_iter=100000),
}
dump("diabetes_regressors", {
    name: {"params": {k: v for k, v in model.get_params().items() if k in ("alpha", "l1_ratio", "tol", "max_iter")},
           "coef": model.fit(x, y).coef_.tolist(), "intercept": float(model.intercept_)}
    for name, model in regressors.items()
})

rows = [0, 1, 50, 51, 100, 149]
x, y = load("iris")
multinomial = LogisticRegression(**TIGHT).fit(x, y)
dump("iris_logistic_multinomial", {
    "coef": multinomial.coef_.tolist(), "intercept": multinomial.intercept_.tolist(),
    "rows": rows, "proba": multinomial.predict_proba(x[rows]).tolist(),
})
ovr = LogisticRegression(**TIGHT, multi_class="ovr").fit(x, y)
dump("iris_logistic_ovr", {
    "coef": ovr.coef_.tolist(), "intercept": ovr.intercept_.tolist(),
    "rows": rows, "proba": ovr.predict_proba(x[rows]).tolist(),
})

x, y = load("breast_cancer")
x = standardize(x)
rows = [0, 1, 2, 19, 20, 568]
binary = LogisticRegression(**TIGHT).fit(x, y)
dump("breast_cancer_logistic", {
    "standardized": "population std (ddof=0), mean over all rows",
    "coef": binary.coef_.tolist(), "intercept": binary.intercept_.tolist(),
    "rows": rows, "proba": binary.predict_proba(x[rows]).tolist(),
})
balanced = LogisticRegression(**TIGHT, C=0.5, class_weight="balanced").fit(x, y)
dump("breast_cancer_logistic_balanced", {
    "C": 0.5, "coef": balanced.coef_.tolist(), "intercept": balanced.intercept_.tolist(),
})

# SGD without shuffling is deterministic, so coefficients must agree with scikit-learn's _plain_sgd step for step.
from sklearn.linear_model import SGDClassifier, SGDRegressor  # noqa: E402

sgd = {}
x, y = load("diabetes")
x = standardize(x)
for name, params in {
    "regressor_invscaling": {},
    "regressor_average": {"average": True},
    "regressor_elasticnet_huber": {"penalty": "elasticnet", "loss": "huber", "epsilon": 1.0, "learning_rate": "constant", "eta0": 0.001},
}.items():
    model = SGDRegressor(shuffle=False, max_iter=5, tol=None, **params).fit(x, y)
    sgd[name] = {"params": params, "coef": model.coef_.tolist(), "intercept": model.intercept_.tolist()}
x, y = load("iris")
x = standardize(x)
for name, params in {
    "classifier_hinge_ovr": {},
    "classifier_log_loss_l1": {"loss": "log_loss", "penalty": "l1", "alpha": 0.001},
    "classifier_modified_huber_weighted": {"loss": "modified_huber", "class_weight": {0: 2.0, 2: 0.5}},
}.items():
    model = SGDClassifier(shuffle=False, max_iter=5, tol=None, **params).fit(x, y)
    sgd[name] = {"params": {k: v if k != "class_weight" else {str(c): w for c, w in v.items()} for k, v in params.items()},
                 "coef": model.coef_.tolist(), "intercept": model.intercept_.tolist()}
dump("sgd_no_shuffle", sgd)
