"""Optuna 3.1 side of tpe_hartmann: for seeds 0..SEEDS-1, 100 trials maximising the Hartmann-6 function's negation
(6 uniform parameters on [0, 1], optimum 3.32237) with TPESampler(seed=s) one trial at a time,
TPESampler(seed=s, constant_liar=True) with 4 trials in flight (ask/tell; the oldest in flight finishes first) and
RandomSampler(seed=s). Reports each mode's mean best and its standard error, as the C# workload does.

Usage: /usr/bin/python3 bench/Scalearn.Bench/Workloads/tpe_hartmann_optuna.py [SEEDS]   (default 40, as TPE_HARTMANN_SEEDS in C#)
TPE_HARTMANN_MODES=tpe,tpe_liar4,random runs a subset, as in C#.
"""
import json
import os
import sys
import time
import warnings
from collections import deque

import numpy as np
import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.simplefilter("ignore")
SEEDS, TRIALS, IN_FLIGHT = int(sys.argv[1]) if len(sys.argv) > 1 else 40, 100, 4
ALPHA = np.array([1.0, 1.2, 3.0, 3.2])
A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
P = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                     [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])


def hartmann(x):
    return float(sum(ALPHA[i] * np.exp(-sum(A[i, j] * (x[j] - P[i, j]) ** 2 for j in range(6))) for i in range(4)))


def best(sampler, in_flight):
    study = optuna.create_study(direction="maximize", sampler=sampler)
    running, asked, top = deque(), 0, -np.inf
    while asked < TRIALS or running:
        while asked < TRIALS and len(running) < in_flight:
            trial = study.ask()
            running.append((trial, [trial.suggest_float(f"x{j}", 0, 1) for j in range(6)]))
            asked += 1
        trial, x = running.popleft()
        value = hartmann(x)
        top = max(top, value)
        study.tell(trial, value)
    return top


start = time.perf_counter()
MODES = [m for m in os.environ.get("TPE_HARTMANN_MODES", "tpe,tpe_liar4,random").split(",") if m in ("tpe", "tpe_liar4", "random")]
SAMPLERS = {
    "tpe": (lambda s: optuna.samplers.TPESampler(seed=s), 1),
    "tpe_liar4": (lambda s: optuna.samplers.TPESampler(seed=s, constant_liar=True), IN_FLIGHT),
    "random": (lambda s: optuna.samplers.RandomSampler(seed=s), 1),
}
fields = {"workload": "tpe_hartmann (Optuna 3.1)"}
for mode in MODES:
    make, in_flight = SAMPLERS[mode]
    bests = [best(make(s), in_flight) for s in range(SEEDS)]
    fields[f"{mode}_mean_best"] = round(float(np.mean(bests)), 5)
    fields[f"{mode}_std_error"] = round(float(np.std(bests, ddof=1) / np.sqrt(SEEDS)), 5)
fields.update({"seconds": round(time.perf_counter() - start, 2), "seeds": SEEDS, "trials": TRIALS})
print(json.dumps(fields))
