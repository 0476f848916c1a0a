"""KFold and StratifiedKFold without shuffling, from scikit-learn 1.2.1 (run with /usr/bin/python3 from this folder;
writes kfold.json): the exact test indices of each fold, or the error, over generated sizes and label vectors."""
import json
import warnings
import numpy as np
from sklearn.model_selection import KFold, StratifiedKFold

warnings.simplefilter("ignore")
rng = np.random.RandomState(11)
kfold = []
for n in [2, 3, 5, 7, 10, 11, 26, 99]:
    for k in [2, 3, 4, 5, 10]:
        case = {"n": n, "n_splits": k}
        try:
            case["test"] = [te.tolist() for _, te in KFold(k).split(np.zeros((n, 1)))]
        except ValueError as e:
            case["error"] = str(e)
        kfold.append(case)

stratified = []
for _ in range(60):
    n = int(rng.randint(4, 80))
    classes = int(rng.randint(2, 6))
    weights = rng.dirichlet(np.ones(classes))
    y = rng.choice(classes, size=n, p=weights)
    labels = [["a", "b", "c", "d", "e"][v] for v in y] if rng.randint(2) else (y * 3 - 2).tolist()
    k = int(rng.randint(2, 7))
    case = {"y": labels, "n_splits": k}
    try:
        case["test"] = [te.tolist() for _, te in StratifiedKFold(k).split(np.zeros((n, 1)), np.asarray(labels))]
    except ValueError as e:
        case["error"] = str(e)
    stratified.append(case)
json.dump({"kfold": kfold, "stratified": stratified}, open("kfold.json", "w"), separators=(",", ":"))
print(len(kfold), sum("error" in c for c in kfold), len(stratified), sum("error" in c for c in stratified))
