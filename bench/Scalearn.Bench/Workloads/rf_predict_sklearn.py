"""scikit-learn side of rf_predict: RandomForestClassifier(n_estimators=100, random_state=0) fitted on the 10,000 x 20
training rows of bench_data.rf_predict(), then predict() on its 1,000,000 x 20 rows in memory, n_jobs as scikit-learn's
default (None: one core) and, for reference, n_jobs=-1. Median of REPEATS predictions (default 3) each; rows/s. The data
CSVs are written on the first run (into bench/Scalearn.Bench/data/generated/, for the C# workload too).

Usage: /usr/bin/python3 bench/Scalearn.Bench/Workloads/rf_predict_sklearn.py [REPEATS]
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_data import rf_predict  # noqa: E402

train_path, rows_path = rf_predict()
train = pd.read_csv(train_path)
x_train, y_train = train.drop(columns="target").to_numpy(), train["target"].to_numpy()
x = pd.read_csv(rows_path).to_numpy()
repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
model = RandomForestClassifier(n_estimators=100, random_state=0).fit(x_train, y_train)


def timed(n_jobs):
    model.set_params(n_jobs=n_jobs)
    seconds, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        predictions = model.predict(x)
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return float(np.median(seconds)), float(np.median(cpu)), predictions


seconds, cpu, predictions = timed(None)
all_seconds, all_cpu, _ = timed(-1)
print(json.dumps({"workload": "rf_predict (scikit-learn)", "rows": len(x), "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
                  "rows_per_second": round(len(x) / seconds), "n_jobs_all_seconds": round(all_seconds, 3),
                  "n_jobs_all_rows_per_second": round(len(x) / all_seconds), "positive_fraction": round(float(predictions.mean()), 4),
                  "cores": os.cpu_count()}))
