"""scikit-learn side of the "preprocessing" workload (same shapes and transformers); prints the median of 3 runs."""
import time, numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
rng = np.random.RandomState(0)
n = 200_000
num = rng.randn(n, 20) * np.arange(1, 21) + np.arange(20)
num[rng.rand(n, 20) < 0.05] = np.nan
codes = np.c_[rng.randint(10, size=n), rng.randint(50, size=n)].astype(float)
cities = np.array(["amsterdam", "berlin", "lisbon", "madrid", "oslo", "paris", "rome", "vienna"], dtype=object)[rng.randint(8, size=n)]
X = np.empty((n, 23), dtype=object); X[:, :20] = num; X[:, 20:22] = codes; X[:, 22] = cities
ct = ColumnTransformer([("num", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]), list(range(20))),
                        ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), [20, 21, 22])])
times = []
for _ in range(3):
    t = time.perf_counter(); out = ct.fit(X).transform(X); times.append(time.perf_counter() - t)
print({"seconds": sorted(times)[1], "output_columns": out.shape[1]})
