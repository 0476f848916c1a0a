"""scikit-learn peer of rf_halving_full: HalvingGridSearchCV over the spark-sklearn digits grid (run with /usr/bin/python3).

`rf_halving_sklearn.py REPEATS full` also times GridSearchCV over the same grid once, for scikit-learn's own
halving / full-grid time ratio; `... REPEATS full aggressive` (or `REPEATS - aggressive`) also times the search with
aggressive_elimination=True, as rf_halving_full's aggressive_* figures."""
import json, sys, time
import pandas as pd
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingGridSearchCV, GridSearchCV
from sklearn.ensemble import RandomForestClassifier

GRID = {"max_depth": [3, None], "max_features": [1, 3, 10], "min_samples_split": [2, 3, 10], "min_samples_leaf": [1, 3, 10],
        "bootstrap": [True, False], "criterion": ["gini", "entropy"], "n_estimators": [10, 20, 40, 80]}
digits = pd.read_csv(__file__.rsplit("/", 4)[0] + "/data/digits.csv")
X, y = digits.drop(columns="target").values, digits["target"].values
repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 1
times = []
for _ in range(repeats):
    start = time.perf_counter()
    search = HalvingGridSearchCV(RandomForestClassifier(random_state=0), GRID, cv=3, factor=3, random_state=0, n_jobs=-1).fit(X, y)
    times.append(time.perf_counter() - start)
times.sort()
result = {"workload": "rf_halving_full_sklearn", "seconds": round(times[len(times) // 2], 3), "best_score": round(search.best_score_, 4),
          "n_candidates": [int(n) for n in search.n_candidates_], "n_resources": [int(n) for n in search.n_resources_]}
if "aggressive" in sys.argv[2:]:
    start = time.perf_counter()
    aggressive = HalvingGridSearchCV(RandomForestClassifier(random_state=0), GRID, cv=3, factor=3, random_state=0, n_jobs=-1,
                                     aggressive_elimination=True).fit(X, y)
    result["aggressive_seconds"] = round(time.perf_counter() - start, 3)
    result["aggressive_best_score"] = round(aggressive.best_score_, 4)
    result["aggressive_n_candidates"] = [int(n) for n in aggressive.n_candidates_]
    result["aggressive_n_resources"] = [int(n) for n in aggressive.n_resources_]
if "full" in sys.argv[2:]:
    start = time.perf_counter()
    full = GridSearchCV(RandomForestClassifier(random_state=0), GRID, cv=3, n_jobs=-1).fit(X, y)
    result["full_grid_seconds"] = round(time.perf_counter() - start, 3)
    result["full_grid_best_score"] = round(full.best_score_, 4)
    result["time_ratio"] = round(result["seconds"] / result["full_grid_seconds"], 3)
    if "aggressive_seconds" in result:
        result["aggressive_time_ratio"] = round(result["aggressive_seconds"] / result["full_grid_seconds"], 3)
print(json.dumps(result))
