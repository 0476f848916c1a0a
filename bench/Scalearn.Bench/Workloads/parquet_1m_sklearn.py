"""pandas side of parquet_1m. Usage: parquet_1m_sklearn.py CSV_PATH [REPEATS].
Writes the first 200,000 rows (in memory) to CSV with to_csv, and to Parquet / reads Parquet when pyarrow or
fastparquet is installed (Debian's python3 here has neither: those fields are then null)."""
import sys, time, json, os, tempfile
import pandas as pd

path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
frame = pd.read_csv(path, nrows=200_000)
folder = tempfile.mkdtemp()


def median_time(fn):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


result = {"workload": "parquet_pandas", "write_rows": len(frame)}
out_csv = os.path.join(folder, "w.csv")
result["csv_write_rows_per_second"] = round(len(frame) / median_time(lambda: frame.to_csv(out_csv, index=False)))
try:
    import pyarrow  # noqa: F401
    engine = "pyarrow"
except ImportError:
    try:
        import fastparquet  # noqa: F401
        engine = "fastparquet"
    except ImportError:
        engine = None
result["parquet_engine"] = engine
if engine:
    out_parquet = os.path.join(folder, "w.parquet")
    result["parquet_write_rows_per_second"] = round(len(frame) / median_time(lambda: frame.to_parquet(out_parquet, engine=engine)))
    result["parquet_read_rows_per_second"] = round(len(frame) / median_time(lambda: pd.read_parquet(out_parquet, engine=engine)))
else:
    result["parquet_write_rows_per_second"] = None
    result["parquet_read_rows_per_second"] = None
print(json.dumps(result))
