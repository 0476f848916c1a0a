"""Successive-halving schedules over many settings, from scikit-learn 1.2.1 (run with /usr/bin/python3 from this
folder; writes halving_sweep.json): rungs, resources and errors for classifier and regressor data, every
min_resources kind, max_resources auto or a count, factors 2-5, aggressive elimination on and off."""
import json
import warnings
import numpy as np
import pandas as pd
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingGridSearchCV, HalvingRandomSearchCV
from sklearn.dummy import DummyClassifier, DummyRegressor

warnings.simplefilter("ignore")
data = {}
for name, target in [("iris", "target"), ("digits", "target"), ("diabetes", "target"), ("wine", "target")]:
    frame = pd.read_csv(f"../../../../data/{name}.csv")
    data[name] = (frame.drop(columns=target).values, frame[target].values)
regressors = {"diabetes"}

rng = np.random.RandomState(7)
cases = []
for _ in range(90):
    name = ["iris", "digits", "diabetes", "wine"][rng.randint(4)]
    n = int(rng.choice([1, 2, 3, 5, 8, 13, 27, 40, 81, 100, 250]))
    factor = int(rng.choice([2, 3, 4, 5]))
    min_r = ["exhaust", "smallest", int(rng.choice([5, 20, 30, 60, 100]))][rng.randint(3)]
    max_r = ["auto", int(rng.choice([50, 90, 120, 300, 1000]))][rng.randint(2)]
    aggressive = bool(rng.randint(2))
    X, y = data[name]
    if name in regressors:
        estimator, grid = DummyRegressor(strategy="constant"), {"constant": [float(i) for i in range(n)]}
    else:
        estimator, grid = DummyClassifier(strategy="prior"), {"constant": list(range(n))}
    case = {"data": name, "regressor": name in regressors, "candidates": n, "factor": factor, "min_resources": min_r,
            "max_resources": max_r, "aggressive": aggressive}
    try:
        search = HalvingGridSearchCV(estimator, grid, factor=factor, min_resources=min_r, max_resources=max_r,
                                     aggressive_elimination=aggressive, cv=3, random_state=0).fit(X, y)
        case.update({"n_resources": [int(v) for v in search.n_resources_], "n_candidates": [int(v) for v in search.n_candidates_],
                     "n_iterations": int(search.n_iterations_), "n_required_iterations": int(search.n_required_iterations_),
                     "n_possible_iterations": int(search.n_possible_iterations_)})
    except ValueError as e:
        case["error"] = str(e)
    cases.append(case)
# HalvingRandomSearchCV with its defaults (min_resources='smallest', n_candidates='exhaust') and other settings:
# the sampled parameters differ between the libraries, the schedule must not.
random_cases = []
for name in ["iris", "digits", "diabetes", "wine"]:
    for n_candidates in ["exhaust", 7, 30]:
        for min_r in [None, "smallest", 20]:
            for factor in [2, 3]:
                X, y = data[name]
                estimator = DummyRegressor() if name in regressors else DummyClassifier()
                kwargs = {} if min_r is None else {"min_resources": min_r}
                case = {"data": name, "regressor": name in regressors, "n_candidates": n_candidates, "min_resources": min_r, "factor": factor}
                try:
                    search = HalvingRandomSearchCV(estimator, {"strategy": ["mean", "median"] if name in regressors else ["prior", "most_frequent"]},
                                                   n_candidates=n_candidates, factor=factor, cv=3, random_state=0, **kwargs).fit(X, y)
                    case.update({"n_resources": [int(v) for v in search.n_resources_], "n_candidates_": [int(v) for v in search.n_candidates_]})
                except ValueError as e:
                    case["error"] = str(e)
                random_cases.append(case)
json.dump({"cases": cases, "random": random_cases}, open("halving_sweep.json", "w"), indent=0)
print(len(cases), "cases,", sum("error" in c for c in cases), "errors;", len(random_cases), "random cases,", sum("error" in c for c in random_cases), "errors")
