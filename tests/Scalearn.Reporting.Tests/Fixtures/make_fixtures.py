#!/usr/bin/python3
"""Writes the report tests' inputs with scikit-learn 1.2 and Optuna 3.1 (Debian's /usr/bin/python3), so the readers
are checked against the real tools' output formats. The generated files are committed; tests never run Python.

  halving/cv_results.json  HalvingGridSearchCV's cv_results_ (iter, n_resources) in scalearn's JSON shape
  optuna/trials.csv        an Optuna study's trials_dataframe(): COMPLETE, PRUNED and FAIL trials, pandas durations
  groups/groups.csv        per-group Ridge fits in the fit-groups columns, two groups failing
"""
import json
import math
import os
import time

import numpy as np
import optuna
from sklearn.datasets import load_digits, make_regression
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.linear_model import Ridge
from sklearn.model_selection import HalvingGridSearchCV
from sklearn.tree import DecisionTreeClassifier

HERE = os.path.dirname(os.path.abspath(__file__))


def plain(v):
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return None if not math.isfinite(float(v)) else float(v)
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


def halving():
    x, y = load_digits(return_X_y=True)
    grid = {"max_depth": [2, 4, 8, None], "criterion": ["gini", "entropy"], "min_samples_leaf": [1, 5, 20]}
    search = HalvingGridSearchCV(DecisionTreeClassifier(random_state=0), grid, cv=3, factor=3, random_state=0, min_resources=60)
    search.fit(x, y)
    r = search.cv_results_
    columns = {}
    for name, values in r.items():
        if name == "params":
            columns[name] = [plain(p) for p in values]
        else:
            columns[name] = [plain(v) for v in (values.tolist() if hasattr(values, "tolist") else values)]
    os.makedirs(os.path.join(HERE, "halving"), exist_ok=True)
    with open(os.path.join(HERE, "halving", "cv_results.json"), "w") as f:
        json.dump({"columns": columns, "errors": [None] * len(r["params"])}, f)
    print("halving:", len(r["params"]), "rows, iters", sorted(set(r["iter"].tolist())))


def study():
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    def objective(trial):
        c = trial.suggest_float("C", 1e-3, 1e3, log=True)
        kernel = trial.suggest_categorical("kernel", ["rbf", "linear", "poly"])
        degree = trial.suggest_int("degree", 2, 5)
        if trial.number % 11 == 5:
            raise ValueError("synthetic failure")
        value = -((math.log10(c) - 1) ** 2) / 10 + {"rbf": 0.9, "linear": 0.8, "poly": 0.7}[kernel] - 0.01 * degree
        trial.report(value, 0)
        if trial.number % 7 == 3:
            raise optuna.TrialPruned()
        time.sleep(0.002)
        return value

    s = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
    s.optimize(objective, n_trials=40, catch=(ValueError,))
    df = s.trials_dataframe(attrs=("number", "value", "datetime_start", "datetime_complete", "duration", "params", "state"))
    df = df[["number", "state", "value", "datetime_start", "datetime_complete", "duration"] + [c for c in df.columns if c.startswith("params_")]]
    os.makedirs(os.path.join(HERE, "optuna"), exist_ok=True)
    df.to_csv(os.path.join(HERE, "optuna", "trials.csv"), index=False)
    print("optuna:", df["state"].value_counts().to_dict())


def groups():
    rng = np.random.RandomState(0)
    rows = []
    for g in range(60):
        n = int(rng.randint(20, 200))
        name = f"store-{g:03d}"
        if g in (7, 31):
            rows.append((name, n, "", json.dumps({"alpha": 1.0}), "", "failed", "ValueError: Found array with 0 sample(s)"))
            continue
        x, y = make_regression(n_samples=n, n_features=5, noise=float(rng.uniform(1, 80)), random_state=g)
        start = time.perf_counter()
        model = Ridge(alpha=1.0).fit(x, y)
        seconds = time.perf_counter() - start
        rows.append((name, n, repr(float(model.score(x, y))), json.dumps({"alpha": 1.0}), repr(seconds), "ok", ""))
    os.makedirs(os.path.join(HERE, "groups"), exist_ok=True)
    import csv
    with open(os.path.join(HERE, "groups", "groups.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["group", "rows", "score", "params", "fit_seconds", "status", "error"])
        w.writerows(rows)
    print("groups:", len(rows))


if __name__ == "__main__":
    halving()
    study()
    groups()
