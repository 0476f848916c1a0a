#!/usr/bin/python3
"""Peer of the report_gen workload: Optuna's own plots (matplotlib backend; plotly is not installed here) of a random
search shaped like Scalearn's SyntheticSearch (log C, gamma, kernel, degree, tol; ~2% failures), for 100 and 10,000
trials: optimization history, fANOVA importances, contour of the two most important parameters, slices and parallel
coordinates, each saved as PNG. Prints one JSON line like the C# workload (png_<n>_seconds, median of the repeats).

  /usr/bin/python3 bench/Scalearn.Bench/Workloads/report_gen_sklearn.py [--repeats 3] [--sizes 100,10000]
"""
import argparse
import json
import math
import os
import statistics
import tempfile
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import optuna  # noqa: E402
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution  # noqa: E402
from optuna.visualization import matplotlib as vis  # noqa: E402


def synthetic_study(n, seed=0):
    rng = np.random.RandomState(seed)
    dists = {"C": FloatDistribution(1e-3, 1e3, log=True), "gamma": FloatDistribution(0, 1), "kernel": CategoricalDistribution(["rbf", "linear", "poly"]),
             "degree": IntDistribution(2, 5), "tol": FloatDistribution(1e-5, 1e-2, log=True)}
    study = optuna.create_study(direction="maximize")
    trials = []
    for _ in range(n):
        log_c, gamma = -3 + 6 * rng.rand(), rng.rand()
        kernel = ["rbf", "linear", "poly"][int(rng.rand() * 3)]
        degree, tol = 2 + int(rng.rand() * 4), 10 ** (-5 + 3 * rng.rand())
        mean = 0.95 - 0.04 * (log_c - 1) ** 2 / 4 - {"rbf": 0, "linear": 0.03, "poly": 0.06}[kernel] - 0.02 * abs(gamma - 0.3)
        failed = rng.rand() < 0.02
        params = {"C": 10 ** log_c, "gamma": gamma, "kernel": kernel, "degree": degree, "tol": tol}
        state = optuna.trial.TrialState.FAIL if failed else optuna.trial.TrialState.COMPLETE
        trials.append(optuna.trial.create_trial(params=params, distributions=dists, value=None if failed else mean + 0.01 * (rng.rand() - 0.5), state=state))
    study.add_trials(trials)
    return study


def draw_all(study, folder):
    importances = optuna.importance.get_param_importances(study)
    top2 = list(importances)[:2]
    plots = {
        "history": lambda: vis.plot_optimization_history(study),
        "importance": lambda: vis.plot_param_importances(study),
        "contour": lambda: vis.plot_contour(study, params=top2),
        "slice": lambda: vis.plot_slice(study),
        "parallel": lambda: vis.plot_parallel_coordinate(study),
    }
    for name, plot in plots.items():
        ax = plot()
        fig = (ax.flat[0] if hasattr(ax, "flat") else ax).figure
        fig.savefig(os.path.join(folder, name + ".png"), dpi=100)
        plt.close("all")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", default="100,10000")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    import warnings
    warnings.filterwarnings("ignore")
    result = {"workload": "report_gen_optuna"}
    with tempfile.TemporaryDirectory() as folder:
        for n in [int(s) for s in args.sizes.split(",")]:
            study = synthetic_study(n)
            times = []
            for _ in range(args.repeats):
                start = time.perf_counter()
                draw_all(study, folder)
                times.append(time.perf_counter() - start)
            result[f"png_{n}_seconds"] = statistics.median(times)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
