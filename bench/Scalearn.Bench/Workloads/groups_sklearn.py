"""scikit-learn side of groups: one RandomForestRegressor(n_estimators=20, random_state=0) per group of the 500,000-row
file of bench_data.groups() (1,000 groups x 500 rows x 10 features), fitted and scored on its rows (what scalearn
fit-groups does per group) with joblib Parallel(n_jobs=-1) over pandas' groupby; the fitted models come back to the
parent. Median of REPEATS runs (default 3); models/s with and without reading the CSV.

Usage: /usr/bin/python3 bench/Scalearn.Bench/Workloads/groups_sklearn.py [REPEATS]
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.ensemble import RandomForestRegressor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_data import groups  # noqa: E402

path = groups()
repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3


def fit(x, y):
    model = RandomForestRegressor(n_estimators=20, random_state=0).fit(x, y)
    return model, model.score(x, y)


runs, totals = [], []
for _ in range(repeats):
    start = time.perf_counter()
    frame = pd.read_csv(path)
    read = time.perf_counter()
    features = [c for c in frame.columns if c not in ("group", "target")]
    fits = Parallel(n_jobs=-1)(delayed(fit)(g[features].to_numpy(), g["target"].to_numpy()) for _, g in frame.groupby("group"))
    end = time.perf_counter()
    runs.append(end - read)
    totals.append(end - start)
seconds, total = float(np.median(runs)), float(np.median(totals))
print(json.dumps({"workload": "groups (scikit-learn + joblib)", "groups": len(fits), "seconds": round(seconds, 3),
                  "models_per_second": round(len(fits) / seconds, 1), "with_read_seconds": round(total, 3),
                  "with_read_models_per_second": round(len(fits) / total, 1),
                  "mean_train_r2": round(float(np.mean([s for _, s in fits])), 4), "cores": os.cpu_count()}))
