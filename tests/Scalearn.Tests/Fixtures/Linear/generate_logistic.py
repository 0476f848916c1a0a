"""Logistic regression on badly conditioned designs with every scikit-learn 1.2.1 solver and penalty.

Writes logistic_conditioning.json for tests/Scalearn.Tests/Linear/LogisticConditioningTests.cs (not run by the tests).
Usage from the repository root: /usr/bin/python3 tests/Scalearn.Tests/Fixtures/Linear/generate_logistic.py

Designs are recipes on the bundled datasets that C# rebuilds bit for bit (rows, X' = (X - shift) * scale, appended
columns), as in generate_conditioning.py. Every model is fitted with a tight tolerance so that scikit-learn's answer is
the optimum of its objective; "kkt" records the largest violation of the optimality conditions at scikit-learn's answer
(relative to the largest gradient term). Models that minimize the same objective form a group. For binary and
one-vs-rest objectives the group's reference is "polished": Newton's method in extended precision (numpy longdouble) on
the smooth problem that the best member's support and signs define, which gives the optimum to about 1e-17; for
multinomial objectives the reference is the member with the smallest kkt. "agreement" is the largest |coef - reference
coef| relative to the largest reference coefficient.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

here = os.path.dirname(os.path.abspath(__file__))
data_dir = os.path.join(here, "..", "..", "..", "..", "data")


def load(name):
    table = np.loadtxt(os.path.join(data_dir, name + ".csv"), delimiter=",", skiprows=1)
    return table[:, :-1], table[:, -1]


def build(recipe):
    x, y = load(recipe["dataset"])
    start, stop = recipe["rows"]
    x, y = x[start:stop].copy(), y[start:stop].copy()
    p = x.shape[1]
    x = (x - np.array(recipe.get("shift", [0.0] * p))) * np.array(recipe.get("scale", [1.0] * p))
    for extra in recipe.get("append", []):
        column = np.full(len(y), extra["constant"]) if "constant" in extra else x[:, extra["copy"]] * extra["factor"]
        x = np.hstack([x, column[:, None]])
    return x, y


def standardizing(dataset, start, stop):
    x = load(dataset)[0][start:stop]
    std = x.std(axis=0)
    std[std == 0] = 1
    return {"shift": x.mean(axis=0).tolist(), "scale": (1.0 / std).tolist()}


TIGHT = {"newton-cg": {"tol": 1e-12, "max_iter": 1000}, "newton-cholesky": {"tol": 1e-14, "max_iter": 1000},
         "lbfgs": {"tol": 1e-12, "max_iter": 100000}, "liblinear": {"tol": 1e-12, "max_iter": 100000},
         "sag": {"tol": 1e-13, "max_iter": 200000, "random_state": 0}, "saga": {"tol": 1e-13, "max_iter": 200000, "random_state": 0}}

BC = "breast_cancer"
DESIGNS = {
    "breast_cancer_standardized_constant_duplicate": {
        "recipe": dict(dataset=BC, rows=[0, 569], **standardizing(BC, 0, 569), append=[{"constant": 3.0}, {"copy": 0, "factor": 1.0}]),
        "models": {
            "l2_newton_cg": {"solver": "newton-cg"}, "l2_newton_cholesky": {"solver": "newton-cholesky"},
            "l2_lbfgs": {"solver": "lbfgs"}, "l2_sag": {"solver": "sag"}, "l2_saga": {"solver": "saga"},
            "l2_liblinear": {"solver": "liblinear"},
            "elasticnet_saga": {"solver": "saga", "penalty": "elasticnet", "l1_ratio": 0.5, "C": 0.5},
        },
    },
    "breast_cancer_standardized_constant": {
        "recipe": dict(dataset=BC, rows=[0, 569], **standardizing(BC, 0, 569), append=[{"constant": 3.0}]),
        "models": {
            "l1_saga": {"solver": "saga", "penalty": "l1", "C": 0.5},
            "l1_liblinear": {"solver": "liblinear", "penalty": "l1", "C": 0.5},
            "l1_liblinear_no_intercept": {"solver": "liblinear", "penalty": "l1", "C": 0.5, "fit_intercept": False},
            "l1_saga_no_intercept": {"solver": "saga", "penalty": "l1", "C": 0.5, "fit_intercept": False},
            "l2_liblinear_scaling": {"solver": "liblinear", "intercept_scaling": 10.0},
        },
    },
    "breast_cancer_scaled_1e-6_to_1e6": {
        "recipe": dict(dataset=BC, rows=[0, 569], shift=standardizing(BC, 0, 569)["shift"],
                       scale=[s * 10.0 ** (-6 + (j % 13)) for j, s in enumerate(standardizing(BC, 0, 569)["scale"])]),
        "models": {
            "l2_newton_cg": {"solver": "newton-cg"}, "l2_newton_cholesky": {"solver": "newton-cholesky"},
            "l2_liblinear": {"solver": "liblinear"},
            "l1_liblinear": {"solver": "liblinear", "penalty": "l1", "C": 0.5},
        },
    },
    "breast_cancer_more_features_than_rows": {
        "recipe": dict(dataset=BC, rows=[0, 20], **standardizing(BC, 0, 20)),
        "models": {
            "l2_newton_cg": {"solver": "newton-cg"}, "l2_lbfgs": {"solver": "lbfgs"},
            "l2_liblinear": {"solver": "liblinear"},
            "l1_liblinear": {"solver": "liblinear", "penalty": "l1"},
            "elasticnet_saga": {"solver": "saga", "penalty": "elasticnet", "l1_ratio": 0.3},
        },
    },
    "iris_standardized_duplicate": {
        "recipe": dict(dataset="iris", rows=[0, 150], **standardizing("iris", 0, 150), append=[{"copy": 2, "factor": 1.0}]),
        "models": {
            "multinomial_l2_newton_cg": {"solver": "newton-cg"}, "multinomial_l2_lbfgs": {"solver": "lbfgs"},
            "multinomial_l2_sag": {"solver": "sag"}, "multinomial_l2_saga": {"solver": "saga"},
            "ovr_l2_newton_cholesky": {"solver": "newton-cholesky"}, "ovr_l2_liblinear": {"solver": "liblinear"},
            "ovr_l2_newton_cg": {"solver": "newton-cg", "multi_class": "ovr"},
            "multinomial_elasticnet_saga": {"solver": "saga", "penalty": "elasticnet", "l1_ratio": 0.5, "C": 0.3},
            "multinomial_none_lbfgs": {"solver": "lbfgs", "penalty": "none", "C": 1.0, "max_iter": 100000, "tol": 1e-10},
            "ovr_balanced_newton_cg": {"solver": "newton-cg", "multi_class": "ovr", "class_weight": "balanced"},
        },
    },
}
ROWS = [0, 1, 2, 7, 19, 50, 100, 149, 300, 568]


def kkt(model, x, y, params):
    """Largest violation of the optimality conditions of scikit-learn's objective at the fitted coefficients."""
    classes = model.classes_
    coef = model.coef_
    intercept = np.atleast_1d(model.intercept_)
    c = params.get("C", 1.0)
    penalty = params.get("penalty", "l2")
    liblinear = params.get("solver") == "liblinear"
    r = params.get("l1_ratio", 0.0) if penalty == "elasticnet" else (1.0 if penalty == "l1" else 0.0)
    l1, l2 = (0.0, 0.0) if penalty == "none" else (r / c, (1 - r) / c)
    scaling = params.get("intercept_scaling", 1.0)
    fit_intercept = params.get("fit_intercept", True)
    multinomial = coef.shape[0] > 1 and params.get("multi_class", "auto") != "ovr" and params.get("solver") not in ("liblinear", "newton-cholesky")
    worst = 0.0
    blocks = []
    if multinomial:
        scores = x @ coef.T + intercept
        scores -= scores.max(axis=1, keepdims=True)
        prob = np.exp(scores)
        prob /= prob.sum(axis=1, keepdims=True)
        onehot = (y[:, None] == classes[None, :]).astype(float)
        weight = np.ones(len(y))
        if params.get("class_weight") == "balanced":
            counts = onehot.sum(axis=0)
            weight = (len(y) / (len(classes) * counts))[np.searchsorted(classes, y)]
        residual = (prob - onehot) * weight[:, None]
        for k in range(coef.shape[0]):
            blocks.append((x.T @ residual[:, k], coef[k], residual[:, k].sum() if fit_intercept else 0.0))
    else:
        rows = coef.shape[0]
        for k in range(rows):
            positive = classes[1] if rows == 1 else classes[k]
            sign = np.where(y == positive, 1.0, -1.0)
            weight = np.ones(len(y))
            if params.get("class_weight") == "balanced":
                npos = (sign > 0).sum()
                weight = np.where(sign > 0, len(y) / (2 * npos), len(y) / (2 * (len(y) - npos)))
            margin = sign * (x @ coef[k] + intercept[k])
            residual = -sign * weight / (1 + np.exp(margin))
            g = x.T @ residual
            gi = residual.sum()
            if liblinear and fit_intercept:
                g = np.append(g, scaling * gi)
                w = np.append(coef[k], intercept[k] / scaling)
                blocks.append((g, w, 0.0))
            else:
                blocks.append((g, coef[k], gi if fit_intercept else 0.0))
    for g, w, gi in blocks:
        scale = max(np.abs(g).max(), 1.0)
        smooth = g + l2 * w
        violation = np.where(w != 0, np.abs(smooth + l1 * np.sign(w)), np.maximum(np.abs(smooth) - l1, 0))
        worst = max(worst, violation.max() / scale, abs(gi) / scale)
    return float(worst)


def solve_longdouble(a, b):
    """Gaussian elimination with partial pivoting in extended precision (numpy.linalg has no longdouble solver)."""
    a = a.copy()
    b = b.copy()
    n = len(b)
    for c in range(n):
        pivot = c + int(np.argmax(np.abs(a[c:, c])))
        a[[c, pivot]], b[[c, pivot]] = a[[pivot, c]], b[[pivot, c]]
        factors = a[c + 1:, c] / a[c, c]
        a[c + 1:] -= factors[:, None] * a[c]
        b[c + 1:] -= factors * b[c]
    x = np.zeros(n, dtype=np.longdouble)
    for r in range(n - 1, -1, -1):
        x[r] = (b[r] - a[r, r + 1:] @ x[r + 1:]) / a[r, r]
    return x


def polish(model, x, y, params):
    """Newton in longdouble on each binary problem, restricted to the support and signs of the fitted coefficients."""
    c = params.get("C", 1.0)
    penalty = params.get("penalty", "l2")
    r = params.get("l1_ratio", 0.0) if penalty == "elasticnet" else (1.0 if penalty == "l1" else 0.0)
    l1, l2 = (0.0, 0.0) if penalty == "none" else (r / c, (1 - r) / c)
    liblinear = params.get("solver") == "liblinear"
    fit_intercept = params.get("fit_intercept", True)
    scaling = params.get("intercept_scaling", 1.0)
    classes = model.classes_
    coef, intercept = model.coef_.copy(), np.atleast_1d(model.intercept_).astype(float).copy()
    for k in range(coef.shape[0]):
        positive = classes[1] if coef.shape[0] == 1 else classes[k]
        sign = np.where(y == positive, 1.0, -1.0).astype(np.longdouble)
        weight = np.ones(len(y), dtype=np.longdouble)
        if params.get("class_weight") == "balanced":
            npos = (sign > 0).sum()
            weight = np.where(sign > 0, len(y) / (2.0 * npos), len(y) / (2.0 * (len(y) - npos))).astype(np.longdouble)
        features = x.astype(np.longdouble)
        w = coef[k].astype(np.longdouble)
        penalized = np.ones(x.shape[1], dtype=bool)
        if fit_intercept and liblinear:
            features = np.hstack([features, np.full((len(y), 1), scaling, dtype=np.longdouble)])
            w = np.append(w, np.longdouble(intercept[k] / scaling))
            penalized = np.append(penalized, True)
        elif fit_intercept:
            features = np.hstack([features, np.ones((len(y), 1), dtype=np.longdouble)])
            w = np.append(w, np.longdouble(intercept[k]))
            penalized = np.append(penalized, False)
        active = (w != 0) | ~penalized if l1 > 0 else np.ones(len(w), dtype=bool)
        signs = np.sign(w)
        for _ in range(8):
            margin = sign * (features @ w)
            sigma = 1 / (1 + np.exp(margin))
            g = features.T @ (-sign * weight * sigma) + np.where(penalized, l2 * w + l1 * signs, 0)
            d = weight * sigma * (1 - sigma)
            h = (features[:, active] * d[:, None]).T @ features[:, active] + np.diag(np.where(penalized[active], l2, 0))
            w[active] -= solve_longdouble(h.astype(np.longdouble), g[active])
        if l1 > 0 and np.any(np.sign(w[active & penalized]) != signs[active & penalized]):
            raise RuntimeError("polishing changed the sign pattern")
        if fit_intercept and liblinear:
            coef[k], intercept[k] = w[:-1].astype(float), float(w[-1] * scaling)
        elif fit_intercept:
            coef[k], intercept[k] = w[:-1].astype(float), float(w[-1])
        else:
            coef[k] = w.astype(float)
    return coef, intercept


def objective(params, n_classes):
    """What a model minimizes: its penalty, strengths, intercept handling and class problems (not its solver)."""
    solver = params["solver"]
    penalty = params.get("penalty", "l2")
    multinomial = n_classes > 2 and params.get("multi_class", "auto") != "ovr" and solver not in ("liblinear", "newton-cholesky")
    return (penalty, None if penalty == "none" else params.get("C", 1.0), params.get("l1_ratio") if penalty == "elasticnet" else None,
            params.get("fit_intercept", True),
            params.get("fit_intercept", True) and solver == "liblinear" and params.get("intercept_scaling", 1.0),
            multinomial, params.get("class_weight"))


warnings.simplefilter("ignore")
fixture = {"sklearn_version": sklearn.__version__, "designs": {}}
for name, design in DESIGNS.items():
    x, y = build(design["recipe"])
    rows = [r for r in ROWS if r < len(y)]
    models, fitted = {}, {}
    for key, params in design["models"].items():
        params = {**TIGHT[params["solver"]], **params}
        model = fitted[key] = LogisticRegression(**params).fit(x, y)
        models[key] = {"params": params, "coef": model.coef_.tolist(), "intercept": np.atleast_1d(model.intercept_).tolist(),
                       "proba": model.predict_proba(x[rows]).tolist(), "n_iter": np.atleast_1d(model.n_iter_).tolist(),
                       "kkt": kkt(model, x, y, params)}
    groups = {}
    for key, model in models.items():
        groups.setdefault(objective(model["params"], len(np.unique(y))), []).append(key)
    references = {}
    for number, (key, members) in enumerate(groups.items()):
        best = min(members, key=lambda k: models[k]["kkt"])
        multinomial = key[5]
        if multinomial:
            reference = {k: models[best][k] for k in ("coef", "intercept", "proba", "kkt")}
        else:
            params = models[best]["params"]
            model = fitted[best]
            model.coef_, model.intercept_ = polish(model, x, y, params)
            reference = {"coef": model.coef_.tolist(), "intercept": np.atleast_1d(model.intercept_).tolist(),
                         "proba": model.predict_proba(x[rows]).tolist(), "kkt": kkt(model, x, y, params), "polished_from": best}
        references["objective%d" % number] = reference
        scale = max(np.abs(np.array(reference["coef"])).max(), 1e-12)
        for member in members:
            models[member]["reference"] = "objective%d" % number
            models[member]["agreement"] = float(np.abs(np.array(models[member]["coef"]) - np.array(reference["coef"])).max() / scale)
    fixture["designs"][name] = {"recipe": design["recipe"], "rows": rows, "models": models, "references": references}
    print(name, {k: ("kkt %.1e it %s agree %.1e" % (v["kkt"], max(v["n_iter"]), v["agreement"])) for k, v in models.items()}, flush=True)
    print("  references", {k: "kkt %.1e" % v["kkt"] for k, v in references.items()}, flush=True)

with open(os.path.join(here, "logistic_conditioning.json"), "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
