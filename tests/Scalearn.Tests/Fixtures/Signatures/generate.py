"""Dumps scikit-learn 1.2.1's constructor parameters and defaults for every registered Scalearn estimator.

Registered estimators are the classes marked [RegisteredEstimator] under src/Scalearn; each maps to the scikit-learn
class of the same name, compared case-insensitively (SgdClassifier -> SGDClassifier). Registered classes without a
scikit-learn namesake are listed under "no_sklearn_peer". Not run by the tests; rerun after registering an estimator:

    /usr/bin/python3 tests/Scalearn.Tests/Fixtures/Signatures/generate.py
"""
import inspect
import json
import math
import os
import re

import sklearn
from sklearn.utils import all_estimators

here = os.path.dirname(os.path.abspath(__file__))
source_root = os.path.join(here, "..", "..", "..", "..", "src", "Scalearn")
registered_class = re.compile(r"\[RegisteredEstimator\]\s*(?:\[[^\]]*\]\s*)*public\s+(?:sealed\s+)?class\s+(\w+)")


def registered_names():
    names = set()
    for folder, _, files in os.walk(source_root):
        for name in files:
            if name.endswith(".cs"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    names.update(registered_class.findall(f.read()))
    return sorted(names)


def encode(value):
    """JSON for a default: plain values as they are; NaN, classes and other objects tagged so the test can tell."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"float": repr(value)}
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if inspect.isclass(value):
        return {"type": f"{value.__module__}.{value.__qualname__}"}
    return {"repr": repr(value)}


sklearn_classes = {name.lower(): cls for name, cls in all_estimators()}
estimators, missing = {}, []
for name in registered_names():
    cls = sklearn_classes.get(name.lower())
    if cls is None:
        missing.append(name)
        continue
    parameters = []
    for p in inspect.signature(cls.__init__).parameters.values():
        if p.name == "self" or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        entry = {"name": p.name}
        if p.default is not p.empty:
            entry["default"] = encode(p.default)
        parameters.append(entry)
    estimators[name] = {"sklearn_class": f"{cls.__module__}.{cls.__qualname__}", "parameters": parameters}

with open(os.path.join(here, "sklearn_signatures.json"), "w") as f:
    json.dump({"sklearn_version": sklearn.__version__, "estimators": estimators, "no_sklearn_peer": missing}, f, indent=1)
    f.write("\n")
