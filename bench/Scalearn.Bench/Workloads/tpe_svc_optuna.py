"""Optuna 3.1 side of tpe_svc: for seeds 0-9, 40 trials of SVC(C ~ loguniform[1e-3, 1e3], gamma ~ loguniform[1e-5, 10])
scored by 3-fold (unshuffled, stratified) CV accuracy on standardized breast_cancer. Reports the mean best score of
TPESampler(seed=s) one trial at a time, TPESampler(seed=s, constant_liar=True) with 4 trials in flight (ask/tell; the
oldest in flight finishes first) and RandomSampler(seed=s), for a side-by-side comparison with the C# workload.

Usage: /usr/bin/python3 bench/Scalearn.Bench/Workloads/tpe_svc_optuna.py [SEEDS]   (default 10, as TPE_SVC_SEEDS in C#)
TPE_SVC_MODES=tpe,tpe_liar4,random runs a subset, as in C#; tpe_mv and tpe_mv_liar4 run Optuna with multivariate=True
(Scalearn's default) for a comparison at the same settings.
With OPTUNA_LOGPDF_FIX=1 the run applies Optuna's own later fix of its truncated-normal log density (issue #5109,
released in 3.5), which Scalearn's TPE includes: it then runs the same algorithm as the C# side, on other random draws.
"""
import json
import os
import sys
import time
import warnings
from collections import deque

import numpy as np
import optuna
import pandas as pd
from sklearn.model_selection import cross_val_score
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

if os.environ.get("OPTUNA_LOGPDF_FIX") == "1":
    from optuna.samplers._tpe import _truncnorm

    _logpdf = _truncnorm.logpdf
    _truncnorm.logpdf = lambda x, a, b, loc=0, scale=1: _logpdf(x, a, b, loc, scale) - np.log(scale)
optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.simplefilter("ignore")
here = os.path.dirname(os.path.abspath(__file__))
frame = pd.read_csv(os.path.join(here, "..", "..", "..", "data", "breast_cancer.csv"))
y = frame.pop("target").to_numpy()
x = StandardScaler().fit_transform(frame.to_numpy())
SEEDS, TRIALS, IN_FLIGHT = int(sys.argv[1]) if len(sys.argv) > 1 else 10, 40, 4
cache = {}


def score(c, gamma):
    if (c, gamma) not in cache:
        cache[(c, gamma)] = cross_val_score(SVC(C=c, gamma=gamma), x, y, cv=3).mean()
    return cache[(c, gamma)]


def best(sampler, in_flight):
    study = optuna.create_study(direction="maximize", sampler=sampler)
    running, asked, top = deque(), 0, -np.inf
    while asked < TRIALS or running:
        while asked < TRIALS and len(running) < in_flight:
            trial = study.ask()
            running.append((trial, trial.suggest_float("C", 1e-3, 1e3, log=True), trial.suggest_float("gamma", 1e-5, 10, log=True)))
            asked += 1
        trial, c, gamma = running.popleft()
        value = score(c, gamma)
        top = max(top, value)
        study.tell(trial, value)
    return top


start = time.perf_counter()
MODES = [m for m in os.environ.get("TPE_SVC_MODES", "tpe,tpe_liar4,random").split(",") if m in ("tpe", "tpe_liar4", "random", "tpe_mv", "tpe_mv_liar4")]
SAMPLERS = {
    "tpe": (lambda s: optuna.samplers.TPESampler(seed=s), 1),
    "tpe_liar4": (lambda s: optuna.samplers.TPESampler(seed=s, constant_liar=True), IN_FLIGHT),
    "random": (lambda s: optuna.samplers.RandomSampler(seed=s), 1),
    "tpe_mv": (lambda s: optuna.samplers.TPESampler(seed=s, multivariate=True), 1),
    "tpe_mv_liar4": (lambda s: optuna.samplers.TPESampler(seed=s, multivariate=True, constant_liar=True), IN_FLIGHT),
}
fields = {"workload": "tpe_svc (Optuna 3.1" + (" + logpdf fix)" if os.environ.get("OPTUNA_LOGPDF_FIX") == "1" else ")")}
for mode in MODES:
    make, in_flight = SAMPLERS[mode]
    bests = [best(make(s), in_flight) for s in range(SEEDS)]
    fields[f"{mode}_mean_best"] = round(float(np.mean(bests)), 5)
    fields[f"{mode}_std_error"] = round(float(np.std(bests, ddof=1) / np.sqrt(SEEDS)), 5)
    if SEEDS <= 10:
        fields[f"{mode}_best_by_seed"] = [round(v, 4) for v in bests]
fields.update({"seconds": round(time.perf_counter() - start, 2), "seeds": SEEDS, "trials": TRIALS})
print(json.dumps(fields))
