"""pandas side of csv_read_1m / csv_read_3m: read_csv(chunksize=10000) over the file the C# workload generated.
Usage: csv_read_1m_sklearn.py PATH [REPEATS]. Prints rows/s (median) and the peak RSS while reading (VmHWM reset first)."""
import sys, time, json
import pandas as pd


def rss(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return round(int(line.split()[1]) / 1024, 1)


path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")
before = rss("VmRSS:")
times, cpu, rows, checksum = [], [], 0, 0.0
for _ in range(repeats):
    t, c = time.perf_counter(), time.process_time()
    rows = 0
    for chunk in pd.read_csv(path, chunksize=10_000):
        rows += len(chunk)
        checksum += chunk["target"].iat[0] + chunk["x0"].iat[0]
    times.append(time.perf_counter() - t)
    cpu.append(time.process_time() - c)
seconds = sorted(times)[len(times) // 2]
cpu_seconds = sorted(cpu)[len(cpu) // 2]
print(json.dumps({"workload": "csv_read_pandas", "seconds": round(seconds, 3), "rows": rows,
                  "rows_per_second": round(rows / seconds), "cpu_seconds": round(cpu_seconds, 3),
                  "rows_per_cpu_second": round(rows / cpu_seconds), "all_seconds": [round(s, 3) for s in times],
                  "peak_rss_mb": rss("VmHWM:"), "rss_before_mb": before, "pandas": pd.__version__}))
