"""Regenerates preprocessing.json with scikit-learn 1.2.1 (run from this folder; tests never need Python)."""
import json
import numpy as np
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__
X = np.genfromtxt("../../../../data/wine.csv", delimiter=",", skip_header=1)[:, :-1]
# Missing values and a constant column on top of the wine features.
rng = np.random.RandomState(0)
Xm = X[:40, :5].copy()
Xm[rng.rand(*Xm.shape) < 0.2] = np.nan
Xm[:, 4] = 7.25
Xm[3, 4] = np.nan


def tolist(a):
    return [None if (isinstance(v, float) and np.isnan(v)) else v for v in np.asarray(a, dtype=float).ravel().tolist()]


out = {"missing_input": [tolist(r) for r in Xm]}
s = StandardScaler().fit(X)
out["standard_wine"] = {"mean": tolist(s.mean_), "var": tolist(s.var_), "scale": tolist(s.scale_), "first_rows": [tolist(r) for r in s.transform(X[:3])]}
s = StandardScaler().fit(Xm)
out["standard_missing"] = {"mean": tolist(s.mean_), "var": tolist(s.var_), "scale": tolist(s.scale_),
                           "n_samples_seen": [int(v) for v in s.n_samples_seen_], "transformed": [tolist(r) for r in s.transform(Xm)]}
m = MinMaxScaler(feature_range=(-1, 2)).fit(Xm)
out["minmax_missing"] = {"scale": tolist(m.scale_), "min": tolist(m.min_), "transformed": [tolist(r) for r in m.transform(Xm)]}
for strategy in ["mean", "median", "most_frequent", "constant"]:
    imp = SimpleImputer(strategy=strategy, fill_value=-3 if strategy == "constant" else None, add_indicator=True).fit(Xm)
    out["imputer_" + strategy] = {"statistics": tolist(imp.statistics_), "transformed": [tolist(r) for r in imp.transform(Xm)],
                                  "names": imp.get_feature_names_out([f"f{j}" for j in range(5)]).tolist()}
size = [1.0, 2.5, 1.0, 4.0, 2.5, 1.0]
color = ["red", "green", "blue", "green", "Red", "red"]
flag = ["y", "n", "y", "y", "n", "n"]
out["encoder_input"] = {"size": size, "color": color, "flag": flag}
mixed = np.array([size, color, flag], dtype=object).T
mixed[:, 0] = np.array(size, dtype=object)
for drop in [None, "first", "if_binary"]:
    enc = OneHotEncoder(drop=drop, sparse_output=False).fit(mixed)
    out["encoder_" + str(drop).lower()] = {"names": enc.get_feature_names_out(["size", "color", "flag"]).tolist(),
                                           "transformed": enc.transform(mixed).tolist()}
# Columns x0 (numeric size), x1 (text color), x2 (numeric flag).
table = np.array([size, color, [1.0 if f == "y" else 0.0 for f in flag]], dtype=object).T
table[:, 0] = np.array(size, dtype=object)
ct = ColumnTransformer([("num", StandardScaler(), [0]), ("cat", OneHotEncoder(sparse_output=False), [1])], remainder="passthrough")
ct_out = np.asarray(ct.fit_transform(table), dtype=float)
out["column_transformer"] = {"names": ct.get_feature_names_out().tolist(), "transformed": ct_out.tolist()}
with open("preprocessing.json", "w") as f:
    json.dump(out, f, indent=1)
