"""Speed and peak memory of the resampling of quadrant placements (issue 15, target of issue 17).

Run: ``python benchmarks/bench_robustness.py [--runs 200] [--methods eigenvector,reflections,fitness] [--json out.json]``.

Workloads (random matrices shaped like the book's largest ones, counts drawn from a gamma-Poisson
mixture so that most cells are small and a few large, as in patent counts):

* ``ipc``: 60 countries x 653 IPC subclasses (the IPC-subclass page);
* ``regions``: 282 NUTS-2 regions x 42 technologies (the regions chapter).

Each measurement is ``n_runs`` resampling runs (bootstrap of the comparison regions and Poisson
count noise, then RCA, co-location, cosine relatedness, density, complexity and quadrants per run,
the complexity oriented like the data's own: :func:`helpers.methods.robustness.resample_placements`)
plus the stability summary, and the rule-sensitivity table (one run per rule change). On the ``ipc``
workload also what the book derives from those runs: the 38 technologies aggregated from the
subclasses (:func:`helpers.methods.robustness.aggregate_placements`, each technology five random
subclasses) and the composite of three sources (:func:`helpers.methods.robustness.composite_placements`). Time: wall clock of one run of the whole call
(after one warm-up on a tiny matrix); peak memory: ``tracemalloc`` peak of that call (numpy
buffers). Target (issue 17): under 10 s each on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np

from helpers.methods import robustness as rb

WORKLOADS = {"ipc": (60, 653), "regions": (282, 42)}


def matrix(shape: tuple[int, int], seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.poisson(rng.gamma(0.3, 60, size=shape)).astype(float)


def membership(n_codes: int, n_groups: int = 38, per_group: int = 5, seed: int = 0) -> np.ndarray:
    """A codes x groups 0/1 matrix: each group ``per_group`` random codes (groups may share codes)."""
    rng = np.random.default_rng(seed)
    m = np.zeros((n_codes, n_groups))
    for g in range(n_groups):
        m[rng.choice(n_codes, size=per_group, replace=False), g] = 1.0
    return m


def measure(fn) -> tuple[float, float]:
    tracemalloc.start()
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--methods", default="eigenvector", help="complexity methods, comma-separated (eigenvector, reflections, fitness)")
    parser.add_argument("--json", type=Path, help="also write the results as a JSON list of objects")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    rb.resample_placements(matrix((6, 5)), 0, n_runs=2, seed=0)  # warm-up: imports, BLAS
    results = []
    print(f"| workload | complexity | what | runs | seconds | peak MB |\n|---|---|---|---|---|---|")
    for name, shape in WORKLOADS.items():
        x = matrix(shape)
        for method in args.methods.split(","):
            rules = rb.Rules(complexity=method.strip())
            out: dict[str, object] = {}

            def resample() -> None:
                out["runs"] = runs = rb.resample_placements(x, 0, rules, n_runs=args.runs, seed=args.seed, orient=True)
                observed = [rb.QUADRANT_KEYS[c] if c >= 0 else None for c in rb.placements(x[None], 0, rules).quadrant[0]]
                out["table"] = rb.stability(runs, observed)

            def derived() -> None:
                runs = out["runs"]
                groups = rb.aggregate_placements(runs, membership(shape[1]))
                rb.stability(groups)
                densities = np.stack([groups.density, np.roll(groups.density, 1, axis=0), np.roll(groups.density, 2, axis=0)], axis=2)
                rb.stability(rb.composite_placements(densities, groups.complexity))

            def sensitivity() -> None:
                out["sens"] = rb.rule_sensitivity(x, 0, rules)

            steps = [("resampling", resample, args.runs), ("rule sensitivity", sensitivity, len(rb.rule_variants(rules)) + 1)]
            if name == "ipc":
                steps.append(("38 groups and composite", derived, args.runs))
            for what, fn, runs in steps:
                seconds, peak = measure(fn)
                row = {"name": f"robustness_{name}_{method}_{what.replace(' ', '_')}", "shape": list(shape), "complexity": method, "what": what,
                       "runs": runs, "ours_s": round(seconds, 3), "ours_peak_mb": round(peak, 1)}
                results.append(row)
                print(f"| {name} {shape[0]} x {shape[1]} | {method} | {what} | {runs} | {seconds:.2f} | {peak:.0f} |", flush=True)
            labels = out["table"]["label"].value_counts().to_dict()
            print(f"|  |  | labels: {labels} |  |  |  |")
    print(f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, numpy {np.__version__}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
