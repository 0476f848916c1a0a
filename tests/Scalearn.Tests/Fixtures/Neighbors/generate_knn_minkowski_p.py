"""scikit-learn side of KnnMinkowskiPowerTests: NearestNeighbors(p=...).kneighbors on a small integer grid.

Usage: /usr/bin/python3 tests/Scalearn.Tests/Fixtures/Neighbors/generate_knn_minkowski_p.py > tests/Scalearn.Tests/Fixtures/Neighbors/knn_minkowski_p.json
The grid has exact duplicates and many equal distances; the test compares distances (sorted) to scikit-learn's and
the neighbour order to the documented rule, (distance, index), which scikit-learn leaves to its sort.
"""
import json

import numpy as np
from sklearn.neighbors import NearestNeighbors

rng = np.random.default_rng(11)
index = rng.integers(0, 4, size=(40, 3)).astype(float)
index[7] = index[3]
queries = rng.integers(0, 4, size=(12, 3)).astype(float)
cases = []
for p in [1.0, 1.5, 3.0]:
    model = NearestNeighbors(n_neighbors=6, p=p, algorithm="brute").fit(index)
    distances, _ = model.kneighbors(queries)
    self_distances, _ = model.kneighbors()
    cases.append({"p": p, "distances": distances.tolist(), "self_distances": self_distances.tolist()})
print(json.dumps({"index": index.tolist(), "queries": queries.tolist(), "k": 6, "cases": cases}))
