"""Writes train_test_split.json: scikit-learn 1.2.1's train_test_split sizes, stratified class counts and errors.

Run with Debian's python (scikit-learn 1.2.1): /usr/bin/python3 generate.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.model_selection import train_test_split
from sklearn.model_selection._split import _approximate_mode

assert sklearn.__version__ == "1.2.1", sklearn.__version__


def size(v):
    """Sizes keep Python's int/float distinction: {"count": n} or {"fraction": f}."""
    if v is None:
        return None
    return {"count": v} if isinstance(v, int) else {"fraction": v}


sizes = []
for n, test, train in [
    (10, None, None), (100, None, None), (7, None, None), (30, 0.1, None), (30, 0.3, None), (10, 0.33, None),
    (1797, 0.2, None), (10, 3, None), (10, None, 0.7), (10, None, 4), (10, 0.2, 0.5), (10, 2, 5), (10, 0.25, 3),
    (3, 0.5, None), (150, 0.15, 0.85), (150, 0.7, 0.3), (1000, 0.001, None),
    # errors
    (10, 1.0, None), (10, 0.0, None), (10, 10, None), (10, 0, None), (10, None, 1.0), (10, None, 10), (10, 0.6, 0.5),
    (10, 6, 5), (1, 0.5, None), (10, -0.1, None), (3, 0.1, 0.1),
]:
    case = {"n": n, "test_size": size(test), "train_size": size(train)}
    X = np.arange(n)
    try:
        tr, te = train_test_split(X, test_size=test, train_size=train, random_state=0)
        case["n_train"], case["n_test"] = len(tr), len(te)
    except ValueError as e:
        case["error"] = str(e)
    sizes.append(case)

rng = np.random.RandomState(0)
stratified = []
for name, y, test, train in [
    ("balanced", [0] * 50 + [1] * 50 + [2] * 50, 0.2, None),
    ("unbalanced", [0] * 90 + [1] * 10, 0.25, None),
    ("three_uneven", [0] * 7 + [1] * 13 + [2] * 5, 0.3, None),
    ("counts", [5] * 20 + [7] * 11 + [9] * 4, 9, 20),
    ("random", list(rng.randint(0, 6, 500)), 0.2, None),
    ("singleton", [0] * 5 + [1] * 1, 0.5, None),
    ("too_small_test", [0] * 10 + [1] * 10 + [2] * 10, 2, None),
    ("too_small_train", [0] * 10 + [1] * 10 + [2] * 10, None, 2),
]:
    y = np.asarray(y)
    case = {"name": name, "y": [int(v) for v in y], "test_size": size(test), "train_size": size(train)}
    try:
        tr, te = train_test_split(np.arange(len(y)), test_size=test, train_size=train, random_state=0, stratify=y)
        classes = np.unique(y)
        case["train_counts"] = [int((y[tr] == c).sum()) for c in classes]
        case["test_counts"] = [int((y[te] == c).sum()) for c in classes]
        counts = np.array([(y == c).sum() for c in classes])
        # The counts are exact when _approximate_mode breaks no tie at random.
        n_i = _approximate_mode(counts, len(tr), np.random.RandomState(1))
        n_i2 = _approximate_mode(counts, len(tr), np.random.RandomState(2))
        t_i = _approximate_mode(counts - n_i, len(te), np.random.RandomState(1))
        t_i2 = _approximate_mode(counts - n_i2, len(te), np.random.RandomState(2))
        case["exact"] = bool((n_i == n_i2).all() and (t_i == t_i2).all())
    except ValueError as e:
        case["error"] = str(e)
    stratified.append(case)

try:
    train_test_split(np.arange(10), shuffle=False, stratify=np.arange(10) % 2)
except ValueError as e:
    no_shuffle_error = str(e)

out = {"sizes": sizes, "stratified": stratified, "no_shuffle_error": no_shuffle_error,
       "no_shuffle": [list(map(int, a)) for a in train_test_split(np.arange(10), test_size=3, shuffle=False)]}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "train_test_split.json"), "w") as f:
    json.dump(out, f, indent=1)
