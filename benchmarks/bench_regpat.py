"""Benchmark: a synthetic REGPAT-layout input of 5,000,000 inventor rows, raw -> canonical tables.

Generates (with DuckDB, once, into --work) a pipe-separated inventor file in the OECD REGPAT layout
(app_nbr|appln_id|pub_nbr|person_id|inv_name|address|city|postal_code|reg_code|ctry_code|reg_share|inv_share)
with 5,000,000 rows (about 2 million applications with 1-4 inventors in NUTS 3 regions of European
countries and TL regions of others) and a matching IPC file (appln_id|prio_year|app_year|IPC, 1-4 codes
per application from 640 subclasses). Then, in a fresh process, runs the REGPAT adapter and writes a
validated canonical folder (activity at country, NUTS 1 and NUTS 2; documents at NUTS 2) and reports
wall time and peak memory (maximum resident set size) of that process.

    python benchmarks/bench_regpat.py [--rows 5000000] [--work /tmp/bench_regpat] [--keep] [--repeat 1]

``--repeat N`` measures N times (each in a fresh process) and reports every run and the median of each
figure: on a shared 2-core machine one run's wall time is noisy.

The peak memory is the measuring process's own (``VmHWM``, see :func:`peak_rss_mib`): its ``ru_maxrss``
would also count the generating parent's peak, which a child started by ``subprocess`` inherits.

The numbers measured on the project machine are written down in book/annex_data.en.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def generate(work: Path, rows: int) -> tuple[Path, Path]:
    import duckdb

    work.mkdir(parents=True, exist_ok=True)
    inv = work / f"synthetic_{rows}_EPO_Inv_reg.txt"
    ipc = work / f"synthetic_{rows}_EPO_IPC.txt"
    if inv.is_file() and ipc.is_file():
        return inv, ipc
    con = duckdb.connect()
    con.execute("SELECT setseed(0.42)")
    # regions: 26 NUTS countries x 8 NUTS1 x 4 NUTS2 x 3 NUTS3 codes, plus 4 non-NUTS countries with TL3-like codes
    nuts = ["AT", "BE", "BG", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "UK", "NO", "CH"]
    iso2 = {"EL": "GR", "UK": "GB"}
    regs = []
    for c in nuts:
        for a in "123456789ABC"[:8]:
            for b in "1234":
                for d in "123":
                    regs.append((f"{c}{a}{b}{d}", iso2.get(c, c)))
    for c in ("US", "JP", "CN", "KR"):
        for i in range(1, 60):
            regs.append((f"{c}{i:03d}", c))
    con.execute("CREATE TABLE regs AS SELECT * FROM (VALUES " + ",".join(f"({i},'{r}','{c}')" for i, (r, c) in enumerate(regs)) + ") t(rid, reg_code, ctry_code)")
    nreg = len(regs)
    # applications with 1-4 inventors until `rows` inventor rows
    napps = int(rows / 2.5 * 1.05) + 10
    con.execute(
        f"""
        CREATE TABLE apps AS
        SELECT i AS appln_id, 1 + CAST(floor(random() * 4) AS INTEGER) AS ninv,
               1995 + CAST(floor(random() * 25) AS INTEGER) AS prio_year,
               CAST(floor(random() * {nreg}) AS INTEGER) AS home
        FROM range(1, {napps}) r(i)
        """
    )
    con.execute(
        f"""
        CREATE TABLE inv AS
        SELECT a.appln_id, k, a.ninv,
               CASE WHEN random() < 0.8 THEN a.home ELSE CAST(floor(random() * {nreg}) AS INTEGER) END AS rid
        FROM apps a, range(0, 4) s(k) WHERE k < a.ninv
        """
    )
    con.execute(
        f"""
        CREATE TABLE inv_out AS
        SELECT 'EP' || lpad(CAST(i.appln_id AS VARCHAR), 10, '0') AS app_nbr, i.appln_id,
               'EP' || CAST(3000000 + i.appln_id AS VARCHAR) AS pub_nbr, i.appln_id * 10 + i.k AS person_id,
               'Inventor ' || CAST(i.appln_id * 10 + i.k AS VARCHAR) AS inv_name, 'Street ' || CAST(i.k AS VARCHAR) AS address,
               'City ' || CAST(i.rid AS VARCHAR) AS city, CAST(1000 + i.rid AS VARCHAR) AS postal_code,
               r.reg_code, r.ctry_code, 1 AS reg_share, round(1.0 / i.ninv, 6) AS inv_share
        FROM inv i JOIN regs r USING (rid) ORDER BY i.appln_id, i.k LIMIT {rows}
        """
    )
    con.execute(f"COPY inv_out TO '{inv}' (HEADER, DELIMITER '|')")
    letters = "ABCDEFGH"
    subclasses = [f"{letters[s]}{c:02d}{chr(65 + k)}" for s in range(8) for c in range(1, 21) for k in range(4)]
    con.execute("CREATE TABLE sub AS SELECT * FROM (VALUES " + ",".join(f"({i},'{s}')" for i, s in enumerate(subclasses)) + ") t(sid, sub)")
    ns = len(subclasses)
    con.execute(
        f"""
        CREATE TABLE ipc_rows AS
        SELECT a.appln_id, a.prio_year, k, CAST(floor(random() * {ns}) AS INTEGER) AS sid,
               1 + CAST(floor(random() * 99) AS INTEGER) AS grp
        FROM apps a, range(0, 4) t(k)
        WHERE k < 1 + (a.appln_id % 4) AND a.appln_id <= (SELECT max(appln_id) FROM inv_out)
        """
    )
    con.execute(
        f"""
        COPY (
            SELECT x.appln_id, x.prio_year, x.prio_year + 1 AS app_year,
                   s.sub || ' ' || lpad(CAST(x.grp AS VARCHAR), 3, ' ') || '/00' AS IPC
            FROM ipc_rows x JOIN sub s USING (sid) ORDER BY x.appln_id, x.k
        ) TO '{ipc}' (HEADER, DELIMITER '|')
        """
    )
    con.close()
    return inv, ipc


def peak_rss_mib() -> float:
    """The peak resident memory of this process in MiB: ``VmHWM`` of /proc/self/status (Linux), else ``ru_maxrss``.

    ``ru_maxrss`` survives ``exec``: a process that ``subprocess`` starts reports at least its parent's
    peak (here the generation's, some 1.9 GiB), whereas ``VmHWM`` belongs to the program the process runs.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            kib = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return round(kib / 1024, 0)


def measure(inv: Path, ipc: Path, out: Path) -> dict:
    """Run in a fresh process: adapter + validation + atomic write; time and peak RSS of this process."""
    from helpers.data.adapters import regpat
    from helpers.data.canonical import write_results

    t0 = time.perf_counter()
    res = regpat.load(inv, ipc, levels=("country", "nuts1", "nuts2"), doc_level="nuts2", progress=lambda m: print(f"  {m}", flush=True))
    t1 = time.perf_counter()
    man = write_results([res], out, progress=lambda m: print(f"  {m}", flush=True))
    t2 = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "inventor_rows": res.inputs[0].rows_read,
        "class_rows": res.inputs[1].rows_read,
        "activity_rows": man["tables"]["activity"]["rows"],
        "documents_rows": man["tables"]["documents"]["rows"],
        "documents_file": man["tables"]["documents"]["file"],
        "seconds_adapter": round(t1 - t0, 1),
        "seconds_validate_write": round(t2 - t1, 1),
        "seconds_total": round(t2 - t0, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),  # user + system: less moved by other jobs than wall time
        "peak_rss_mib": peak_rss_mib(),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=5_000_000)
    p.add_argument("--work", default="/tmp/bench_regpat")
    p.add_argument("--keep", action="store_true", help="keep the generated input and output")
    p.add_argument("--repeat", type=int, default=1, help="measure this many times and report the medians")
    p.add_argument("--measure", nargs=3, metavar=("INV", "IPC", "OUT"), help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.measure:
        print("RESULT " + json.dumps(measure(Path(a.measure[0]), Path(a.measure[1]), Path(a.measure[2]))))
        return 0
    work = Path(a.work)
    t0 = time.perf_counter()
    inv, ipc = generate(work, a.rows)
    gen = time.perf_counter() - t0
    sizes = {f.name: round(f.stat().st_size / 2**20) for f in (inv, ipc)}
    print(f"generated in {gen:.1f} s: {sizes} MiB")
    out = work / "canonical"
    runs = []
    for _ in range(max(1, a.repeat)):
        r = subprocess.run([sys.executable, __file__, "--measure", str(inv), str(ipc), str(out)], capture_output=True, text=True)
        sys.stdout.write(r.stdout)
        if r.returncode != 0:
            sys.stderr.write(r.stderr)
            return r.returncode
        runs.append(json.loads(next(line for line in r.stdout.splitlines() if line.startswith("RESULT "))[7:]))
    result = dict(runs[0])
    if len(runs) > 1:
        for k, v in runs[0].items():
            if k.startswith(("seconds_", "cpu_", "peak_")):
                result[k] = statistics.median(run[k] for run in runs)
                result[k + "_runs"] = [run[k] for run in runs]
    result["input_mib"] = sizes
    print(json.dumps(result, indent=2))
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
