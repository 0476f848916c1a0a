"""Writes metrics.json: scikit-learn 1.2.1 results for the classification and regression metrics tests.

Run with Debian's python (scikit-learn 1.2.1): /usr/bin/python3 generate.py
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics
from sklearn.utils.multiclass import type_of_target

warnings.filterwarnings("ignore")
assert sklearn.__version__ == "1.2.1", sklearn.__version__
rng = np.random.RandomState(7)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def error_of(fn):
    try:
        fn()
    except ValueError as e:
        return str(e)
    raise AssertionError("expected a ValueError")


pairs = {
    "binary": ([0, 1, 1, 0, 1, 1, 0, 0, 1, 1], [0, 1, 0, 0, 1, 1, 1, 0, 1, 1]),
    "binary_1_2": ([1, 2, 2, 1, 2, 1, 1, 2], [2, 2, 2, 1, 1, 1, 1, 2]),
    "multiclass": ([0, 1, 2, 2, 1, 0, 2, 1, 1, 0, 3, 3], [0, 2, 2, 1, 1, 0, 2, 0, 1, 0, 1, 2]),
    "never_predicted": ([0, 0, 1, 1, 2, 2, 2], [0, 0, 1, 0, 1, 1, 0]),
    "only_predicted": ([0, 0, 1, 1, 1], [0, 2, 1, 1, 0]),
    "random": (list(rng.randint(0, 5, 300)), list(rng.randint(0, 5, 300))),
}
pairs["random"] = ([int(v) for v in pairs["random"][0]], [int(v) for v in pairs["random"][1]])

classification = {}
for name, (yt, yp) in pairs.items():
    case = {"y_true": yt, "y_pred": yp, "labels": floats(np.unique(yt + yp))}
    case["confusion"] = {str(n): floats(metrics.confusion_matrix(yt, yp, normalize=n)) for n in [None, "true", "pred", "all"]}
    for zd in [0, 1]:
        per_class = metrics.precision_recall_fscore_support(yt, yp, average=None, zero_division=zd)
        case[f"per_class_zd{zd}"] = {"precision": floats(per_class[0]), "recall": floats(per_class[1]),
                                     "f1": floats(per_class[2]), "support": floats(per_class[3])}
        fhalf = metrics.fbeta_score(yt, yp, beta=0.5, average=None, zero_division=zd)
        case[f"per_class_zd{zd}"]["f_half"] = floats(fhalf)
        for average in ["micro", "macro", "weighted"] + (["binary"] if type_of_target(yt + yp) == "binary" else []):
            pos = 2 if name == "binary_1_2" else 1
            p, r, f, _ = metrics.precision_recall_fscore_support(yt, yp, average=average, zero_division=zd, pos_label=pos)
            fb = metrics.fbeta_score(yt, yp, beta=0.5, average=average, zero_division=zd, pos_label=pos)
            case[f"{average}_zd{zd}"] = {"precision": float(p), "recall": float(r), "f1": float(f), "f_half": float(fb), "pos_label": pos}
    case["report"] = metrics.classification_report(yt, yp)
    case["report_digits4_zd1"] = metrics.classification_report(yt, yp, digits=4, zero_division=1)
    classification[name] = case

labels_cases = []
yt, yp = pairs["multiclass"]
for labels in [[2, 0], [3, 1, 0, 2], [0, 1, 2, 3, 7], [1]]:
    p, r, f, s = metrics.precision_recall_fscore_support(yt, yp, labels=labels, average=None)
    labels_cases.append({
        "labels": labels,
        "confusion": floats(metrics.confusion_matrix(yt, yp, labels=labels)),
        "precision": floats(p), "recall": floats(r), "f1": floats(f), "support": floats(s),
        "macro_f1": float(metrics.f1_score(yt, yp, labels=labels, average="macro")),
        "micro_f1": float(metrics.f1_score(yt, yp, labels=labels, average="micro")),
        "weighted_f1": float(metrics.f1_score(yt, yp, labels=labels, average="weighted")),
        "report": metrics.classification_report(yt, yp, labels=labels),
    })

named_report = metrics.classification_report(
    [0, 1, 2, 2, 0, 1, 1], [0, 2, 2, 2, 0, 1, 0], target_names=["setosa", "versicolor", "a very long class name"], digits=3)

errors = {
    "binary_on_multiclass": error_of(lambda: metrics.precision_score([0, 1, 2], [0, 1, 1])),
    "bad_pos_label": error_of(lambda: metrics.recall_score([2, 3, 3], [2, 3, 2])),
    "mix_continuous": error_of(lambda: metrics.accuracy_score([0, 1, 1], [0.5, 1, 1])),
    "continuous": error_of(lambda: metrics.f1_score([0.5, 1.5], [0.5, 1.5], average="macro")),
    "normalize": error_of(lambda: metrics.confusion_matrix([0, 1], [0, 1], normalize="rows")),
    "labels_none_in_y_true": error_of(lambda: metrics.confusion_matrix([0, 1], [0, 1], labels=[5])),
    "target_names": error_of(lambda: metrics.classification_report([0, 1, 2], [0, 1, 2], target_names=["a", "b"])),
}

types = {}
for name, y in {
    "ints_two": [0, 1, 1, 0], "ints_one": [3, 3, 3], "floats_integral_two": [1.0, 2.0], "ints_many": [1, 2, 3, 2],
    "negative": [-1, 1, -1], "continuous": [0.5, 1.0, 2.0], "continuous_two_values": [0.1, 0.2, 0.1],
    "large_integral": [1e6, 2e6, 3e6], "diabetes_like": [151.0, 75.0, 141.0, 206.0, 135.0],
}.items():
    types[name] = {"y": floats(y), "type": type_of_target(np.asarray(y, dtype=float))}

regression = []
for yt, yp in [
    ([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0]),
    ([1.0, 0.0, 2.0, 4.0], [1.5, 0.1, 2.0, 3.0]),
    ([2.0, 2.0, 2.0], [2.0, 2.0, 2.0]),
    ([2.0, 2.0, 2.0], [1.0, 2.0, 3.0]),
    (floats(rng.normal(size=50) * 10), floats(rng.normal(size=50) * 10)),
]:
    regression.append({
        "y_true": floats(yt), "y_pred": floats(yp),
        "mape": float(metrics.mean_absolute_percentage_error(yt, yp)),
        "explained_variance": float(metrics.explained_variance_score(yt, yp)),
        "rmse": float(metrics.mean_squared_error(yt, yp, squared=False)),
    })

out = {"classification": classification, "labels": labels_cases, "named_report": named_report,
       "errors": errors, "types": types, "regression": regression}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "metrics.json"), "w") as f:
    json.dump(out, f, indent=1)
