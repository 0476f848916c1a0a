"""scikit-learn 1.2.1 figures the boosting tests compare with: HistGradientBoostingRegressor 5-fold R^2 on
diabetes (KFold(5, shuffle=True), averaged over shuffles 0-4) for each loss.

Usage: /usr/bin/python3 tests/Scalearn.Tests/Fixtures/Boosting/make_boosting_fixtures.py > tests/Scalearn.Tests/Fixtures/Boosting/hgb_regression.json
"""
import json
import os

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import KFold, cross_val_score

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..")
data = pd.read_csv(os.path.join(root, "data", "diabetes.csv"))
x, y = data.iloc[:, :-1].values, data.iloc[:, -1].values
result = {}
for loss, extra in [("squared_error", {}), ("absolute_error", {}), ("poisson", {}), ("quantile", {"quantile": 0.5})]:
    scores = [cross_val_score(HistGradientBoostingRegressor(loss=loss, random_state=0, **extra), x, y,
                              cv=KFold(5, shuffle=True, random_state=s)).mean() for s in range(5)]
    result[loss] = round(float(np.mean(scores)), 4)
print(json.dumps({"dataset": "diabetes", "cv": "KFold(5, shuffle=True), mean over random_state 0-4", "r2": result}, indent=2))
