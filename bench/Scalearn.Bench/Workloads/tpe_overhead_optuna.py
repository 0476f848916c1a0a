"""Optuna 3.1 side of tpe_overhead: milliseconds TPESampler takes to propose the 1,000th trial of a 1,000-trial
sequential study on the same 10-parameter space and synthetic objective as the C# workload (ask plus the ten suggest
calls), and the median over trials 990-999.

Usage: /usr/bin/python3 bench/Scalearn.Bench/Workloads/tpe_overhead_optuna.py
"""
import json
import math
import statistics
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.simplefilter("ignore")
TRIALS = 1000


def suggest(trial):
    return {
        "a": trial.suggest_float("a", -5, 5), "b": trial.suggest_float("b", 0, 1),
        "c": trial.suggest_float("c", 0.001, 1000, log=True), "d": trial.suggest_float("d", 1e-6, 1, log=True),
        "e": trial.suggest_int("e", 1, 99), "f": trial.suggest_int("f", -20, 20), "g": trial.suggest_int("g", 1, 9999, log=True),
        "h": trial.suggest_categorical("h", ["x", "y", "z"]), "i": trial.suggest_categorical("i", [True, False]),
        "j": trial.suggest_categorical("j", ["p", "q", "r", "s", "t"]),
    }


def score(p):
    return (-(p["a"] - 1) ** 2 - (p["b"] - 0.3) ** 2 - (math.log10(p["c"]) - 1) ** 2 - (math.log10(p["d"]) + 3) ** 2
            - ((p["e"] - 40) / 30) ** 2 - (p["f"] / 10) ** 2 - (math.log10(p["g"]) - 2) ** 2
            + (0.5 if p["h"] == "y" else 0) + (0.2 if p["i"] else 0) + (0.3 if p["j"] == "r" else 0))


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
last = []
for t in range(TRIALS):
    start = time.perf_counter()
    trial = study.ask()
    p = suggest(trial)
    ms = (time.perf_counter() - start) * 1000
    if t >= TRIALS - 10:
        last.append(ms)
    study.tell(trial, score(p))
print(json.dumps({"workload": "tpe_overhead (Optuna 3.1)", "propose_1000th_ms": round(last[-1], 3),
                  "median_last10_ms": round(statistics.median(last), 3), "min_last10_ms": round(min(last), 3), "trials": TRIALS, "parameters": 10}))
