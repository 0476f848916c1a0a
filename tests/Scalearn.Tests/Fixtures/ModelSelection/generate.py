"""Fixtures for the ModelSelection tests: scikit-learn 1.2.1 splitter indices, numpy 1.24 argsort tie orders, the
special functions of Optuna 3.1's TPE, and Optuna 3.1 TPE runs to replay. Tests never run Python; rerun this after
changing it and commit the JSON:

    /usr/bin/python3 tests/Scalearn.Tests/Fixtures/ModelSelection/generate.py

The TPE runs patch one known Optuna bug before sampling: _truncnorm.logpdf omits -log(scale) (optuna issue #5109,
fixed in 3.5 by PR #5110); Scalearn's TPE includes it, so the reference does too. They also mark each trial where TPE
chose between candidates whose scores tie in exact arithmetic (typically two categorical densities with equal
proportions): there rounding noise in numpy's summation order decides, so a replay can only be compared up to there.
"""
import json
import math
import os
import warnings

import numpy as np
import optuna
from optuna.samplers._tpe import _truncnorm
from sklearn.model_selection import GroupKFold, TimeSeriesSplit

here = os.path.dirname(os.path.abspath(__file__))


def dump(name, obj):
    with open(os.path.join(here, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


# --- splitters -------------------------------------------------------------------------------------------------
def folds(splitter, n, groups=None):
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in splitter.split(np.zeros((n, 1)), groups=groups)]


time_series = []
for n in [6, 10, 17, 23, 50]:
    for n_splits in [2, 3, 5]:
        for gap in [0, 1, 3]:
            for test_size in [None, 2, 4]:
                for max_train_size in [None, 3, 7]:
                    case = {"n": n, "n_splits": n_splits, "gap": gap, "test_size": test_size, "max_train_size": max_train_size}
                    try:
                        case["folds"] = folds(TimeSeriesSplit(n_splits, max_train_size=max_train_size, test_size=test_size, gap=gap), n)
                    except ValueError as e:
                        case["error"] = str(e)
                    time_series.append(case)

rng = np.random.RandomState(0)
group_cases = []
for case_index in range(40):
    n_groups = int(rng.randint(2, 45))
    sizes = rng.randint(1, 5, size=n_groups)  # few distinct sizes: many ties, so argsort's tie order matters
    labels = rng.permutation(1000)[:n_groups] - 300
    groups = np.repeat(labels, sizes)
    rng.shuffle(groups)
    as_text = case_index % 2 == 1
    values = [f"g{v}" for v in groups] if as_text else groups.tolist()
    n_splits = int(rng.randint(2, 6))
    case = {"groups": values, "n_splits": n_splits}
    try:
        case["folds"] = folds(GroupKFold(n_splits), len(values), np.asarray(values))
    except ValueError as e:
        case["error"] = str(e)
    group_cases.append(case)

dump("splitters.json", {"time_series_split": time_series, "group_kfold": group_cases})

# --- numpy argsort (kind="quicksort") tie orders -----------------------------------------------------------------
argsorts = []
for length in [1, 2, 5, 16, 17, 18, 33, 64, 100, 257, 1000]:
    for distinct in [1, 3, 10, 1000]:
        v = rng.randint(0, distinct, size=length).astype(float)
        argsorts.append({"values": v.tolist(), "order": np.argsort(v).tolist()})
argsorts.append({"values": list(range(300)), "order": list(range(300))})
rev = np.arange(300, 0, -1).astype(float)
argsorts.append({"values": rev.tolist(), "order": np.argsort(rev).tolist()})

# --- special functions ---------------------------------------------------------------------------------------------
xs = sorted(set([0.0, 1e-300, 1e-10, 0.1, 0.3, 0.4999, 0.5, 0.7, 0.84375, 1.0, 1.25, 1.5, 2.0, 2.857, 3.0, 4.0, 5.5, 6.0,
                 7.5, 8.0, 10.0, 12.0, 15.9, 16.0, 20.0, 26.5, 27.0, 31.9, 32.0, 35.0, 50.0]
                + rng.uniform(0, 30, 60).tolist()))
xs = xs + [-x for x in xs if x > 0]
special = {
    "erf": [[x, math.erf(x), math.erfc(x)] for x in xs],
    "log_ndtr": [[a, float(_truncnorm._log_ndtr_single(a))] for a in [-300, -40, -25, -20.5, -19.9, -10, -5, -1, 0, 0.5, 3, 5.9, 6.1, 10, 30]],
    "log_gauss_mass": [[a, b, float(_truncnorm._log_gauss_mass(np.array([a]), np.array([b]))[0])]
                       for a, b in [(-1, 1), (-3, -2), (2, 3), (-30, -29), (25, 26), (-0.1, 0.2), (-50, 50), (0.0, 1e-3), (-5, 0)]],
    "ppf": [[q, a, b, float(_truncnorm.ppf(np.array([q]), a, b)[0])]
            for q, a, b in [(0.5, -1, 1), (0.1, -3, 2), (0.9, 0.5, 4), (0.3, -40, -20), (0.7, 20, 40), (1e-9, -2, 2), (0.999999, -2, 2), (0.25, -0.01, 0.02)]],
    "random_sample": {str(seed): np.random.RandomState(seed).random_sample(5).tolist() for seed in [0, 1, 42, 4294967295]},
}
dump("numerics.json", {"argsort": argsorts, "special": special})

# --- Optuna TPE runs -----------------------------------------------------------------------------------------------
_logpdf_3_1 = _truncnorm.logpdf


def _logpdf_fixed(x, a, b, loc=0, scale=1):
    return _logpdf_3_1(x, a, b, loc, scale) - np.log(scale)


_truncnorm.logpdf = _logpdf_fixed
_compare = optuna.samplers.TPESampler._compare
_tie = [False]


def _compare_noting_ties(cls, samples, log_l, log_g):
    score = log_l - log_g
    best = int(np.argmax(score))
    for k in range(len(score)):
        differs = any(v[k] != v[best] for v in samples.values())
        if differs and score[best] - score[k] < 1e-9 * max(1.0, abs(score[best])):
            _tie[0] = _tie[0] or list(samples.keys())
    return _compare.__func__(cls, samples, log_l, log_g)


optuna.samplers.TPESampler._compare = classmethod(_compare_noting_ties)
optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.simplefilter("ignore")

MIXED = {
    "C": {"loguniform": [0.001, 1000]},
    "gamma": {"loguniform": [1e-5, 10]},
    "tol": {"uniform": [0.0, 1.0]},
    "n": {"randint": [1, 40]},
    "leaves": {"lograndint": [2, 1000]},
    "kernel": ["rbf", "poly", "linear"],
    "degree": {"randint": [2, 6], "when": {"kernel": "poly"}},
    "shrink": {"choice": [True, False], "when": {"kernel": ["poly", "linear"]}},
    "fixed": {"uniform": [0.5, 0.5]},
}
# Numbers only: exact ties between candidates (see above) practically never happen, so whole studies replay.
NUMERIC = {name: MIXED[name] for name in ["C", "gamma", "tol", "n", "leaves", "fixed"]}
SPACES = {"mixed": MIXED, "numeric": NUMERIC}
# Seeds whose mixed-space studies go longest before the first exact tie (found by trying seeds 0-29).
MIXED_SEEDS = [1, 27, 1, 29]


def suggest(trial, space):
    p = {}
    for name, spec in space.items():
        when = spec.get("when", {}) if isinstance(spec, dict) else {}
        if any(name_ not in p or p[name_] not in (v if isinstance(v, list) else [v]) for name_, v in when.items()):
            continue
        if isinstance(spec, list) or "choice" in spec:
            p[name] = trial.suggest_categorical(name, spec if isinstance(spec, list) else spec["choice"])
        elif "loguniform" in spec or "uniform" in spec:
            low, high = spec.get("loguniform") or spec["uniform"]
            p[name] = trial.suggest_float(name, low, high, log="loguniform" in spec)
        else:
            low, high = spec.get("lograndint") or spec["randint"]
            p[name] = trial.suggest_int(name, low, high - 1, log="lograndint" in spec)
    return p


def score(p):
    s = -(math.log10(p["C"]) - 1) ** 2 - 0.5 * (math.log10(p["gamma"]) + 2) ** 2 - (p["tol"] - 0.3) ** 2
    s += -((p["n"] - 20) / 10) ** 2 - 0.3 * (math.log(p["leaves"]) - 4) ** 2
    s += {"rbf": 0.5, "poly": 0.0, "linear": -0.5}.get(p.get("kernel"), 0.0)
    if "degree" in p:
        s += -0.2 * (p["degree"] - 3) ** 2
    if "shrink" in p:
        s += 0.1 if p["shrink"] else 0.0
    return s


def run(space, seed, trials, multivariate, constant_liar, in_flight):
    sampler = optuna.samplers.TPESampler(seed=seed, multivariate=multivariate, constant_liar=constant_liar)
    study = optuna.create_study(direction="maximize", sampler=sampler)
    events, running, asked = [], [], 0
    schedule = np.random.RandomState(1000 + seed)
    while asked < trials or running:
        while asked < trials and len(running) < in_flight:
            _tie[0] = False
            trial = study.ask()
            p = suggest(trial, SPACES[space])
            events.append({"ask": trial.number, "params": p, "tie": _tie[0]})
            running.append((trial, p))
            asked += 1
        # Trials finish in a deterministic but shuffled order.
        trial, p = running.pop(int(schedule.randint(len(running))))
        value = score(p)
        study.tell(trial, value)
        events.append({"tell": trial.number, "score": value})
    return {"space": space, "seed": seed, "multivariate": multivariate, "constant_liar": constant_liar, "in_flight": in_flight, "events": events}


dump("optuna_tpe.json", {
    "spaces": SPACES,
    "runs": [
        run("numeric", 0, 60, False, False, 1),
        run("numeric", 1, 40, True, False, 1),
        run("numeric", 2, 40, False, True, 4),
        run("numeric", 3, 40, True, True, 4),
        run("mixed", MIXED_SEEDS[0], 40, False, False, 1),
        run("mixed", MIXED_SEEDS[1], 40, True, False, 1),
        run("mixed", MIXED_SEEDS[2], 40, False, True, 4),
        run("mixed", MIXED_SEEDS[3], 40, True, True, 4),
    ],
})
