"""Speed and peak memory of the analytical core, against Harvard Growth Lab's ``ecomplexity``.

Run: ``python benchmarks/bench_metrics.py [--cap SECONDS] [--data DIR] [--quick] [--json FILE]``; prints a
markdown table (``make bench``; ``make bench-quick`` runs the reduced set and writes ``_build/bench.json``).
Each measurement runs in a fresh Python process (``--task NAME``), so that one task's memory
does not leak into the next and a slow reference run can be stopped at the time cap.

Workloads
* real: countries x 35 WIPO fields (patents_country_wipo35.csv, 2015-2019 summed) - DataFrames;
* synthetic: 1,500 regions x 8,000 technologies, sparse (about 1% of cells non-zero) - CSR;
* large: 10,000 regions x 10,000 technologies, sparse (about 0.5% non-zero) - CSR, no reference
  (``ecomplexity`` builds dense 10,000 x 10,000 frames);
* documents: 2,000,000 documents with about 3 codes each over 8,000 technologies;
* ipc: countries x 653 IPC subclasses (EPO PATSTAT 2004-2018, patents_country_ipc4/), with
  relatedness from the published 653 x 653 within-patent co-occurrence (read from its long rows in
  the timed part, as the IPC page does).

"ours" is the whole ``helpers metrics`` computation (RCA, binary RCA, co-location, cosine
relatedness, relatedness density, eigenvector complexity); ``ecomplexity`` is one call of
``ecomplexity.ecomplexity`` on the same matrix in long form (RCA, Mcp, ECI/PCI, proximity,
density, COI/COG; ``check_logsupermodularity=False``, an extra diagnostic we do not compute).
``ecomplexity`` has no within-document co-occurrence: the reference there is the plain pandas
way (self-join of the document-technology table on the document, count per pair).
Time: wall clock, best of ``--repeat`` runs (one run for the big reference runs). Peak memory:
``tracemalloc`` peak during one extra run (numpy/pandas/scipy buffers; excludes the inputs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
WINDOW = (2015, 2019)


# ------------------------------------------------------------------------------- workloads


def real_matrix(data: Path) -> pd.DataFrame:
    raw = pd.read_csv(data / "patents_country_wipo35.csv", dtype={"country_iso3": str})
    raw["country_iso3"] = raw["country_iso3"].str.strip()
    raw = raw[raw["country_iso3"].notna() & (raw["country_iso3"] != "") & raw["year"].between(*WINDOW)]
    return raw.pivot_table(index="country_iso3", columns="wipo_field", values="patents", aggfunc="sum", fill_value=0).astype(float)


def ipc_inputs(data: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(countries x subclasses 2004-2018, co-occurrence long rows) from the raw PATSTAT folder."""
    folder = data / "patents_country_ipc4"
    counts = pd.read_csv(folder / "country_ipc4_patents.csv", keep_default_na=False)
    counts = counts[(counts["period"] == "2004-2018") & (counts["ctry_code"].str.len() == 2)]
    x = counts.pivot_table(index="ctry_code", columns="ipc4", values="patents_frac", aggfunc="sum", fill_value=0.0)
    cooc = pd.read_csv(folder / "ipc4_cooccurrence_1974_2018.csv", keep_default_na=False).rename(columns={"a": "code_a", "b": "code_b", "cooc": "count"})
    return x, cooc.assign(classification="ipc4_patstat")


def synthetic_matrix(n_regions: int = 1500, n_techs: int = 8000, pairs: int = 150_000, seed: int = 1) -> sp.csr_array:
    """Gravity-like sparse counts: region size and technology popularity both log-normal."""
    rng = np.random.default_rng(seed)
    size = rng.lognormal(0.0, 1.0, n_regions)
    popularity = rng.lognormal(0.0, 1.2, n_techs)
    r = rng.choice(n_regions, pairs, p=size / size.sum())
    t = rng.choice(n_techs, pairs, p=popularity / popularity.sum())
    counts = rng.geometric(0.3, pairs).astype(float)
    m = sp.csr_array((counts, (r, t)), shape=(n_regions, n_techs))
    m.sum_duplicates()
    return m


def document_table(n_docs: int = 2_000_000, n_techs: int = 8000, seed: int = 2) -> pd.DataFrame:
    """``document, technology`` rows: 1 + Poisson(2) codes per document, Zipf-like code popularity."""
    rng = np.random.default_rng(seed)
    k = 1 + rng.poisson(2.0, n_docs)
    doc = np.repeat(np.arange(n_docs), k)
    popularity = 1.0 / np.arange(1, n_techs + 1) ** 0.8
    tech = rng.choice(n_techs, doc.size, p=popularity / popularity.sum())
    return pd.DataFrame({"document": doc, "technology": tech})


def long_form(x: pd.DataFrame | sp.csr_array) -> pd.DataFrame:
    if isinstance(x, pd.DataFrame):
        out = x.stack().rename("val").reset_index()
        out.columns = ["loc", "prod", "val"]
    else:
        coo = sp.coo_array(x)
        out = pd.DataFrame({"loc": coo.row, "prod": coo.col, "val": coo.data})
    out["time"] = 2019
    return out


# ------------------------------------------------------------------------------- the tasks


def ours_matrix(x):
    """RCA, binary RCA, cosine relatedness of the co-location, density, eigenvector complexity.

    Labelled matrices go the way of ``helpers metrics`` (the technology x technology relatedness
    is a result it writes); sparse ones through :func:`colocation_density`, which gives the same
    density without forming that matrix (8,000 x 8,000 and 24% full here)."""
    from helpers.methods.complexity import complexity_eigenvector
    from helpers.methods.density import colocation_density, relatedness_density
    from helpers.methods.specialisation import binary_specialisation, rca
    from helpers.methods.relatedness import colocation, relatedness

    b = binary_specialisation(rca(x))
    if sp.issparse(b):
        # 10,000 x 10,000: the products in float32 (relative error about 1e-6, see colocation_density)
        dtype = np.float32 if b.shape[0] * b.shape[1] > 5e7 else np.float64
        return colocation_density(b, "cosine", dtype=dtype), complexity_eigenvector(b)
    rel = relatedness(colocation(b), "cosine")
    return relatedness_density(b, rel), complexity_eigenvector(b)


def ours_ipc(inputs):
    from helpers.chapters.technologies.space import _published_cooccurrence
    from helpers.methods.complexity import complexity_eigenvector
    from helpers.methods.density import relatedness_density
    from helpers.methods.relatedness import relatedness
    from helpers.methods.specialisation import binary_specialisation, rca

    x, cooc = inputs
    c = _published_cooccurrence(cooc, "ipc4_patstat", list(x.columns), "benchmark")
    rel = relatedness(c, "cosine").reindex(index=x.columns, columns=x.columns)
    b = binary_specialisation(rca(x))
    return relatedness_density(b, rel), complexity_eigenvector(b)


def ecomplexity_ipc(inputs):
    return ecomplexity_matrix(long_form(inputs[0]))


def ecomplexity_matrix(long):
    from ecomplexity import ecomplexity

    cols = {"time": "time", "loc": "loc", "prod": "prod", "val": "val"}
    return ecomplexity(long, cols, verbose=False, check_logsupermodularity=False)


def ours_documents(table):
    from helpers.methods.relatedness import cooccurrence, incidence_matrix

    m, _, _ = incidence_matrix(table)
    return cooccurrence(m)


def pandas_documents(table):
    pairs = table.drop_duplicates().merge(table.drop_duplicates(), on="document")
    pairs = pairs[pairs["technology_x"] != pairs["technology_y"]]
    return pairs.groupby(["technology_x", "technology_y"]).size()


def large_matrix() -> sp.csr_array:
    """10,000 regions x 10,000 technologies, about 0.5% of cells non-zero."""
    return synthetic_matrix(10_000, 10_000, pairs=560_000, seed=3)


TASKS = {
    # name: (workload, function, input transform)
    "large/ours": ("large", ours_matrix, None),
    "real/ours": ("real", ours_matrix, None),
    "real/ecomplexity": ("real", ecomplexity_matrix, long_form),
    "synthetic/ours": ("synthetic", ours_matrix, None),
    "synthetic/ecomplexity": ("synthetic", ecomplexity_matrix, long_form),
    "documents/ours": ("documents", ours_documents, None),
    "documents/pandas": ("documents", pandas_documents, None),
    "ipc/ours": ("ipc", ours_ipc, None),
    "ipc/ecomplexity": ("ipc", ecomplexity_ipc, None),
}


def run_task(name: str, data: Path, repeat: int) -> dict:
    workload, func, transform = TASKS[name]
    if workload == "real":
        x = real_matrix(data)
    elif workload == "synthetic":
        x = synthetic_matrix()
    elif workload == "ipc":
        x = ipc_inputs(data)
    elif workload == "large":
        x = large_matrix()
    else:
        x = document_table()
    if transform is not None:
        x = transform(x)
    warnings.simplefilter("ignore")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(x)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    start = time.perf_counter()
    func(x)
    traced = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    best = min(times) if times else traced
    return {"task": name, "seconds": best, "peak_mb": peak / 2**20}


# ------------------------------------------------------------------------------- driver


def describe(workload: str, data: Path) -> str:
    if workload == "real":
        x = real_matrix(data)
        return f"real: {x.shape[0]} countries x {x.shape[1]} WIPO fields, patents {WINDOW[0]}-{WINDOW[1]}"
    if workload == "ipc":
        x, cooc = ipc_inputs(data)
        return f"ipc: {x.shape[0]} countries x {x.shape[1]} IPC subclasses (2004-2018) + {len(cooc):,} co-occurrence rows"
    if workload in ("synthetic", "large"):
        x = synthetic_matrix() if workload == "synthetic" else large_matrix()
        return f"{workload}: {x.shape[0]:,} regions x {x.shape[1]:,} technologies, {x.nnz:,} non-zero cells ({x.nnz / (x.shape[0] * x.shape[1]):.2%})"
    t = document_table()
    return f"documents: {t['document'].nunique():,} documents, {len(t):,} document-code rows, {t['technology'].nunique():,} codes"


def _peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory so far of a running process (Linux ``VmHWM``), MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def child(name: str, data: Path, repeat: int, cap: float) -> dict:
    """Run one task in a fresh process; stop it at ``cap`` seconds (then report its peak RSS so far)."""
    cmd = [sys.executable, __file__, "--task", name, "--data", str(data), "--repeat", str(repeat)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = proc.communicate(timeout=cap)
    except subprocess.TimeoutExpired:
        rss = _peak_rss_mb(proc.pid)
        proc.kill()
        proc.communicate()
        return {"task": name, "capped": True, "seconds": time.perf_counter() - start, "rss_mb": rss}
    if proc.returncode != 0:
        return {"task": name, "error": stderr.strip().splitlines()[-1] if stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(stdout.strip().splitlines()[-1])


def fmt_time(r: dict, cap: float) -> str:
    if r.get("capped"):
        return f"> {cap:.0f} s (stopped)"
    if "error" in r:
        return f"failed: {r['error']}"
    return f"{r['seconds']:.3g} s"


def fmt_mem(r: dict) -> str:
    if "peak_mb" in r:
        return f"{r['peak_mb']:,.0f} MB" if r["peak_mb"] >= 10 else f"{r['peak_mb']:.1f} MB"
    if r.get("rss_mb"):
        return f"> {r['rss_mb']:,.0f} MB (process peak RSS when stopped)"
    return "-"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--task", choices=sorted(TASKS))
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--cap", type=float, default=600.0, help="time cap per process, seconds (default 600)")
    p.add_argument("--only", nargs="*", help="run only these workloads (real, ipc, synthetic, large, documents)")
    p.add_argument("--quick", action="store_true", help="reduced set (under two minutes): no reference run on the large workloads, no 10,000 x 10,000")
    p.add_argument("--json", type=Path, help="also write the results: one object per workload (name, ours_s, ours_peak_mb, reference, reference_s)")
    args = p.parse_args(argv)
    if args.task:
        print(json.dumps(run_task(args.task, args.data, args.repeat)))
        return 0
    if not (args.data / "patents_country_wipo35.csv").is_file():
        print(f"no patents_country_wipo35.csv in {args.data}; give --data", file=sys.stderr)
        return 2
    rows, records = [], []
    plan = [("real", "ecomplexity"), ("synthetic", "ecomplexity"), ("large", None), ("documents", "pandas")]
    if (args.data / "patents_country_ipc4" / "country_ipc4_patents.csv").is_file():
        plan.insert(1, ("ipc", "ecomplexity"))
    if args.quick:
        plan = [(w, r if w == "real" else None) for w, r in plan if w != "large"]
    if args.only:
        plan = [w for w in plan if w[0] in args.only]
    for workload, reference in plan:
        big = workload not in ("real", "ipc")
        ours = child(f"{workload}/ours", args.data, 1 if big else args.repeat, args.cap)
        ref = child(f"{workload}/{reference}", args.data, 0 if big else args.repeat, args.cap) if reference else {"error": "not run"}
        if "seconds" in ours and "seconds" in ref and "error" not in ref:
            ratio = ref["seconds"] / ours["seconds"]
            ratio_text = f"> {ratio:.0f}x" if ref.get("capped") else f"{ratio:.1f}x"
        else:
            ratio_text = "-"
        rows.append((describe(workload, args.data), reference or "-", ours, ref, ratio_text))
        records.append({"name": workload, "ours_s": ours.get("seconds"), "ours_peak_mb": ours.get("peak_mb"),
                        "reference": reference, "reference_s": None if reference is None or "error" in ref else ref.get("seconds"),
                        "reference_capped": bool(ref.get("capped"))})
    cpu = os.cpu_count()
    print(f"Run {dt.date.today().isoformat()} on {platform.machine()} Linux, {cpu} cores, Python {platform.python_version()}, "
          f"numpy {np.__version__}, scipy {__import__('scipy').__version__}, pandas {pd.__version__}, "
          f"ecomplexity {_version('ecomplexity')}; time cap {args.cap:.0f} s.\n")
    print("| workload | ours: time | ours: peak memory | reference | reference: time | reference: peak memory | reference / ours |")
    print("|---|---|---|---|---|---|---|")
    for desc, reference, ours, ref, ratio_text in rows:
        ref_time = "-" if reference == "-" else fmt_time(ref, args.cap)
        ref_mem = "-" if reference == "-" else fmt_mem(ref)
        print(f"| {desc} | {fmt_time(ours, args.cap)} | {fmt_mem(ours)} | {reference} | {ref_time} | {ref_mem} | {ratio_text} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(records, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


if __name__ == "__main__":
    sys.exit(main())
