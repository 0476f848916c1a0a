"""scikit-learn side of stream_fit: pandas read_csv(chunksize=10000) + SGDRegressor(random_state=0).partial_fit over the
workload's generated CSV, each chunk scored (R^2) by the model before it learns from it, as fit-stream does.
Usage: /usr/bin/time -f "%e %U %S %M" /usr/bin/python3 stream_fit_sklearn.py PATH  (the time line gives CPU seconds and peak RSS)."""
import json, resource, sys, time
import pandas as pd
from sklearn.linear_model import SGDRegressor

path = sys.argv[1]
t = time.perf_counter()
model = SGDRegressor(random_state=0)
rows, scores = 0, []
for chunk in pd.read_csv(path, chunksize=10000):
    y = chunk.pop("target").to_numpy()
    x = chunk.to_numpy()
    if rows > 0:
        scores.append(model.score(x, y))
    model.partial_fit(x, y)
    rows += len(y)
seconds = time.perf_counter() - t
print(json.dumps({"workload": "stream_fit_sklearn", "seconds": round(seconds, 3), "rows": rows,
                  "rows_per_second": round(rows / seconds), "mean_progressive_r2": round(sum(scores) / len(scores), 6),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
