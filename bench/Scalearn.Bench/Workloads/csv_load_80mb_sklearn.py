"""pandas side of csv_load_80mb: read_csv of the whole file then to_numpy (the matrix an estimator needs).
Usage: csv_load_80mb_sklearn.py PATH [REPEATS]. Peak RSS is measured above the RSS before each load (VmHWM reset)."""
import gc, sys, time, json
import pandas as pd


def rss(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1]) / 1024


path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
times, peaks = [], []
for _ in range(repeats):
    gc.collect()
    before = rss("VmRSS:")
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    t = time.perf_counter()
    frame = pd.read_csv(path)
    x = frame.drop(columns="target").to_numpy()
    y = frame["target"].to_numpy()
    times.append(time.perf_counter() - t)
    peaks.append(rss("VmHWM:") - before)
    del frame, x, y
print(json.dumps({"workload": "csv_load_pandas", "seconds": round(sorted(times)[len(times) // 2], 3),
                  "all_seconds": [round(s, 3) for s in times], "peak_above_start_mb": round(sorted(peaks)[len(peaks) // 2], 1),
                  "all_peak_above_start_mb": [round(p, 1) for p in peaks]}))
