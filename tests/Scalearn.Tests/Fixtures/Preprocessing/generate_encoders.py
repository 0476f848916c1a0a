"""Writes encoders.json: scikit-learn 1.2.1's LabelEncoder and OrdinalEncoder on small inputs, with their errors.

Run with Debian's python (scikit-learn 1.2.1) from this folder: /usr/bin/python3 generate_encoders.py
"""
import json

import numpy as np
import sklearn
from sklearn.preprocessing import LabelEncoder, OrdinalEncoder

assert sklearn.__version__ == "1.2.1", sklearn.__version__


def floats(a):
    return [None if np.isnan(v) else float(v) for v in np.asarray(a, dtype=float).ravel()]


def error_of(fn):
    try:
        fn()
    except (ValueError, TypeError) as e:
        return str(e)
    raise AssertionError("expected an error")


out = {}
y = [10, 3, 7, 3, 10, -1]
le = LabelEncoder().fit(y)
out["label_numeric"] = {"y": y, "classes": floats(le.classes_), "encoded": floats(le.transform(y)),
                        "inverse": floats(le.inverse_transform([0, 3, 1])),
                        "unseen_error": error_of(lambda: le.transform([3, 5, 4, 5]))}
words = ["paris", "tokyo", "amsterdam", "tokyo", "Paris"]
le = LabelEncoder().fit(words)
out["label_text"] = {"y": words, "classes": le.classes_.tolist(), "encoded": floats(le.transform(words)),
                     "unseen_error": error_of(lambda: le.transform(["rome", "paris"]))}

size = [3.0, 1.0, np.nan, 2.0, 1.0, 3.0]
color = ["red", "green", "blue", "green", "Red", "red"]
X = np.array(list(zip(size, color)), dtype=object)
X[:, 0] = np.array(size, dtype=float)
enc = OrdinalEncoder().fit(X)
unseen = np.array([[2.0, "purple"], [5.0, "red"], [np.nan, "blue"]], dtype=object)
out["ordinal_input"] = {"size": floats(size), "color": color}
out["ordinal_auto"] = {"size_categories": floats(enc.categories_[0]), "color_categories": [str(c) for c in enc.categories_[1]],
                       "transformed": [floats(r) for r in enc.transform(X)],
                       "unknown_error": error_of(lambda: enc.transform(unseen))}
enc = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, encoded_missing_value=-2).fit(X)
out["ordinal_unknown"] = {"transformed": [floats(r) for r in enc.transform(unseen)]}
enc = OrdinalEncoder(categories=[[1.0, 2.0, 3.0, np.nan], ["red", "green", "blue", "Red"]]).fit(X)
out["ordinal_given"] = {"transformed": [floats(r) for r in enc.transform(X)]}
out["ordinal_errors"] = {
    "fit_unknown": error_of(lambda: OrdinalEncoder(categories=[[1.0, 2.0, np.nan], ["red", "green", "blue", "Red"]]).fit(X)),
    "no_unknown_value": error_of(lambda: OrdinalEncoder(handle_unknown="use_encoded_value").fit(X)),
    "unknown_value_without_mode": error_of(lambda: OrdinalEncoder(unknown_value=-1).fit(X)),
    "unknown_value_used": error_of(lambda: OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=1).fit(X)),
    "missing_value_used": error_of(lambda: OrdinalEncoder(encoded_missing_value=0).fit(np.array(size).reshape(-1, 1))),
}
with open("encoders.json", "w") as f:
    json.dump(out, f, indent=1)
