"""Badly conditioned least-squares designs: scikit-learn 1.2.1's answers and exact rational references.

Writes conditioning.json for tests/Scalearn.Tests/Linear/ConditioningTests.cs (not run by the tests). Usage from the
repository root: /usr/bin/python3 tests/Scalearn.Tests/Fixtures/Linear/generate_conditioning.py

Each design is a recipe on data/diabetes.csv that C# rebuilds bit for bit: rows, then X' = (X - shift) * scale per
column (single IEEE operations), then appended columns (a constant, or a copy of a column times a factor). For every
design the fixture holds the exact minimum-norm least-squares solution, the exact ridge solution (alpha = 1) and the
exact non-negative solutions, all computed in rational arithmetic (exact_rational.py), next to scikit-learn's answers
and how far those are from exact ("error": the largest |coef_j - exact_j| / (|exact_j| + 1e-4 ||y - mean|| / ||x_j -
mean||), relative per coefficient unless the column contributes under 1e-4 of the target's spread; it does not
depend on the units of the columns). scikit-learn 1.2.1 is not always right: its lstsq cutoff keeps rounding
noise of centered constant columns and drops directions of columns measured in small units.
"""
import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression, Ridge

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from exact_rational import F, center, fr_matrix, min_norm_lstsq, nnls, ridge  # noqa: E402

table = np.loadtxt(os.path.join(here, "..", "..", "..", "..", "data", "diabetes.csv"), delimiter=",", skiprows=1)
X_ALL, Y_ALL = table[:, :-1], table[:, -1]
ALPHA = 1.0
ROWS = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377]


def build(recipe):
    start, stop = recipe["rows"]
    x = X_ALL[start:stop].copy()
    y = Y_ALL[start:stop].copy()
    p = x.shape[1]
    shift = np.array(recipe.get("shift", [0.0] * p))
    scale = np.array(recipe.get("scale", [1.0] * p))
    x = (x - shift) * scale
    for extra in recipe.get("append", []):
        column = np.full(len(y), extra["constant"]) if "constant" in extra else x[:, extra["copy"]] * extra["factor"]
        x = np.hstack([x, column[:, None]])
    return x, y


def standardizing(start, stop):
    x = X_ALL[start:stop]
    return {"shift": x.mean(axis=0).tolist(), "scale": (1.0 / x.std(axis=0)).tolist()}


DESIGNS = {
    "scaled_1e-9_to_1e9": {"rows": [0, 442], "scale": (10.0 ** np.arange(-9, 10, 2)).tolist()},
    "units_1e-4_and_1e6": {"rows": [0, 442], "scale": [1e6, 1, 1, 1e-4, 1, 1, 1, 1, 1, 1]},
    "constant_and_duplicate": {"rows": [0, 442], "append": [{"constant": 7.3}, {"copy": 2, "factor": 1.0}]},
    "duplicate_times_1024": {"rows": [0, 442], "append": [{"copy": 2, "factor": 1024.0}]},
    "more_features_than_rows": {"rows": [0, 8]},
    "more_features_than_rows_scaled": {"rows": [0, 8], "scale": (10.0 ** np.arange(-4, 6)).tolist()},
    "standardized_with_constant_and_duplicate": dict(rows=[0, 442], **standardizing(0, 442),
                                                     append=[{"constant": -2.5}, {"copy": 4, "factor": 1.0}]),
    "standardized_more_features_than_rows": dict(rows=[0, 10], **standardizing(0, 10), append=[{"copy": 3, "factor": 1.0}]),
}

# Iterative solvers run with tight tolerances so that scikit-learn's answer is (where it converges) the exact one.
RIDGE_SOLVERS = {
    "svd": {}, "cholesky": {}, "lsqr": {"tol": 1e-12, "max_iter": 100000}, "sparse_cg": {"tol": 1e-12, "max_iter": 100000},
    "sag": {"tol": 1e-12, "max_iter": 20000, "random_state": 0}, "saga": {"tol": 1e-12, "max_iter": 20000, "random_state": 0},
}


def as_float(values):
    return [float(v) for v in values]


def error(coef, exact, x, y):
    """max_j |coef_j - exact_j| / (|exact_j| + 1e-4 ||y - mean|| / ||x_j - mean||), the measure ConditioningTests uses."""
    norms = np.linalg.norm(x - x.mean(axis=0), axis=0)
    exact = np.array(as_float(exact))
    floor = np.where(norms > 0, 1e-4 * np.linalg.norm(y - y.mean()) / np.where(norms > 0, norms, 1), 0)
    diff = np.abs(np.asarray(coef) - exact)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(diff == 0, 0, diff / (np.abs(exact) + floor))
    return float(min(np.max(ratio), 1e300))


def sklearn_entry(model, x, y, exact, rows, params):
    model.fit(x, y)
    return {"params": params, "coef": model.coef_.tolist(), "intercept": float(model.intercept_),
            "predict": model.predict(x[rows]).tolist(), "error": error(model.coef_, exact, x, y)}


def exact_entry(coef, xm, ym):
    return {"coef": as_float(coef), "intercept": float(ym - sum(a * b for a, b in zip(xm, coef)))}


warnings.simplefilter("ignore")
fixture = {"sklearn_version": sklearn.__version__, "alpha": ALPHA, "designs": {}}
for name, recipe in DESIGNS.items():
    x, y = build(recipe)
    rows = [r for r in ROWS if r < len(y)]
    xc, yc, xm, ym = center(fr_matrix(x), [F(float(v)) for v in y])
    lstsq, rank = min_norm_lstsq(xc, yc)
    ridge_exact = ridge(xc, yc, ALPHA)
    unique_nnls = rank == x.shape[1]
    entry = {
        "recipe": recipe, "rows": rows, "rank": rank,
        "exact": {
            "linear_regression": exact_entry(lstsq, xm, ym),
            "ridge": exact_entry(ridge_exact, xm, ym),
            "ridge_positive": exact_entry(nnls(xc, yc, ALPHA), xm, ym),
        },
        "sklearn": {"linear_regression": sklearn_entry(LinearRegression(), x, y, lstsq, rows, {})},
    }
    if unique_nnls:
        positive = nnls(xc, yc)
        entry["exact"]["linear_regression_positive"] = exact_entry(positive, xm, ym)
        entry["sklearn"]["linear_regression_positive"] = sklearn_entry(LinearRegression(positive=True), x, y, positive, rows, {"positive": True})
    for solver, params in RIDGE_SOLVERS.items():
        params = {"solver": solver, **params}
        entry["sklearn"]["ridge_" + solver] = sklearn_entry(Ridge(alpha=ALPHA, **params), x, y, ridge_exact, rows, params)
    entry["sklearn"]["ridge_positive"] = sklearn_entry(
        Ridge(alpha=ALPHA, positive=True, tol=1e-10, max_iter=100000), x, y, entry["exact"]["ridge_positive"]["coef"], rows,
        {"positive": True, "tol": 1e-10, "max_iter": 100000})
    fixture["designs"][name] = entry
    print(name, {k: "%.1e" % v["error"] for k, v in entry["sklearn"].items()}, flush=True)

with open(os.path.join(here, "conditioning.json"), "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
