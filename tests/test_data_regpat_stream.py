"""REGPAT at scale: the same inputs give the same bytes (run after run, and by the pandas and the DuckDB path).

- The adapter's sums are exact (fixed-point integers), so DuckDB's parallel aggregation, whose order of
  summation varies from run to run, cannot change a last digit: two runs on a generated input of a few
  hundred thousand rows with fractional counts give byte-identical canonical folders.
- Above a size threshold the adapter hands DuckDB-backed tables to :mod:`helpers.data.canonical`, which
  checks them in SQL and writes them sorted straight from DuckDB; the folder is byte for byte the one
  the pandas path writes, and a table that fails a check gives the pandas path's error message.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from helpers.data.adapters import regpat
from helpers.data.canonical import write_results
from helpers.data.ducktable import DuckTable
from helpers.errors import InputError

FIX = Path(__file__).parent / "fixtures" / "regpat"
INV = FIX / "202307_EPO_Inv_reg.txt"
IPC = FIX / "202307_EPO_IPC.txt"
NUTS = ["BE", "DE", "FR", "NL", "EL", "UK", "ES", "IT", "PL", "SE"]
ISO2 = {"EL": "GR", "UK": "GB"}


def generate(folder: Path, apps: int, seed: int = 3) -> tuple[Path, Path]:
    """A REGPAT pair: ``apps`` applications, 1-5 inventors each, fractional reg_share and inv_share, 1-4 classes."""
    rng = np.random.default_rng(seed)
    regs = [(f"{c}{a}{b}{d}", ISO2.get(c, c)) for c in NUTS for a in "1234" for b in "123" for d in "12"]
    regs += [(f"US{i:03d}", "US") for i in range(20)] + [(f"JP{i:03d}", "JP") for i in range(10)]
    ninv = rng.integers(1, 6, apps)
    app = np.repeat(np.arange(1, apps + 1), ninv)
    k = np.concatenate([np.arange(n) for n in ninv]) if apps else np.zeros(0, int)
    reg = rng.integers(0, len(regs), len(app))
    # shares as REGPAT writes them: thirds, sevenths, ... with 6-16 significant digits
    inv_share = np.minimum(1.0 / np.repeat(ninv, ninv) * rng.choice([1, 1, 1, 0.7, 1.3], len(app)), 1.0)
    digits = rng.integers(6, 17, len(app))
    reg_share = np.where(rng.random(len(app)) < 0.2, np.round(rng.random(len(app)), 7), 1.0)
    lines = ["app_nbr|appln_id|pub_nbr|person_id|inv_name|address|city|postal_code|reg_code|ctry_code|reg_share|inv_share"]
    for a, kk, r, rs, s, d in zip(app.tolist(), k.tolist(), reg.tolist(), reg_share.tolist(), inv_share.tolist(), digits.tolist()):
        code, ctry = regs[r]
        lines.append(f"EP{a:010d}|{a}|EP{3000000 + a}|{a * 10 + kk}|Inventor {a * 10 + kk}|Street {kk}|City|1000|{code}|{ctry}|{rs!r}|{s:.{d}g}")
    inv = folder / "synthetic_EPO_Inv_reg.txt"
    inv.write_text("\n".join(lines) + "\n")
    subclasses = [f"{s}{c:02d}{chr(65 + x)}" for s in "ABCDEFGH" for c in range(1, 11) for x in range(3)]
    ncls = rng.integers(1, 5, apps)
    year = rng.integers(2000, 2020, apps)
    lines = ["appln_id|prio_year|app_year|IPC"]
    for a, n, y in zip(range(1, apps + 1), ncls.tolist(), year.tolist()):
        for c in rng.integers(0, len(subclasses), n).tolist():
            lines.append(f"{a}|{y}|{y + 1}|{subclasses[c]}  {1 + c % 90}/00")
    ipc = folder / "synthetic_EPO_IPC.txt"
    ipc.write_text("\n".join(lines) + "\n")
    return inv, ipc


def tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def build_folder(inv: Path, ipc: Path, out: Path, **kw) -> dict[str, bytes]:
    res = regpat.load(inv, ipc, levels=("country", "nuts1", "nuts2"), doc_level="nuts2", **kw)
    write_results([res], out, progress=lambda m: None)
    return tree(out)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, Path]:
    return generate(tmp_path_factory.mktemp("regpat_gen"), 15_000)  # about 45,000 inventor rows, several parquet row groups below


@pytest.fixture(scope="module")
def pandas_folder(generated, tmp_path_factory) -> dict[str, bytes]:
    inv, ipc = generated
    return build_folder(inv, ipc, tmp_path_factory.mktemp("regpat_pandas") / "out", stream=False)


def test_two_runs_give_identical_bytes(generated, pandas_folder, tmp_path):
    inv, ipc = generated
    second = build_folder(inv, ipc, tmp_path / "b", stream=False)
    assert pandas_folder.keys() == second.keys()
    for name in second:
        assert pandas_folder[name] == second[name], f"{name} differs between two runs on the same input"


def test_stream_writes_the_pandas_bytes(generated, pandas_folder, tmp_path):
    inv, ipc = generated
    got = build_folder(inv, ipc, tmp_path / "stream", stream=True)
    assert pandas_folder.keys() == got.keys() and "documents.csv" in got
    for name in got:
        assert got[name] == pandas_folder[name], f"{name}: the DuckDB path wrote other bytes than the pandas path"


def test_stream_parquet_row_groups(generated, tmp_path, monkeypatch):
    # documents above the threshold go to parquet: the same file from both paths, row group by row group
    from helpers.data import canonical

    monkeypatch.setattr(canonical, "PARQUET_THRESHOLD", 30_000)
    monkeypatch.setattr(canonical, "PARQUET_ROW_GROUP", 8_192)
    inv, ipc = generated
    want = build_folder(inv, ipc, tmp_path / "pandas", stream=False)
    got = build_folder(inv, ipc, tmp_path / "stream", stream=True)
    assert "documents.parquet" in got and "documents.csv" not in got
    import io

    import pyarrow.parquet as pq

    assert pq.ParquetFile(io.BytesIO(got["documents.parquet"])).num_row_groups > 3
    for name in want:
        assert got[name] == want[name], f"{name}: the DuckDB path wrote other bytes than the pandas path"


def test_stream_fixture_bytes(tmp_path):
    want = build_folder(INV, IPC, tmp_path / "pandas", stream=False)
    got = build_folder(INV, IPC, tmp_path / "stream", stream=True)
    assert got == want


def materialise(res) -> None:
    """Replace the adapter's views act_out and docs_out by tables of the same names and rows (in the same order), which a test may change."""
    for name, rel in (("activity", "act_out"), ("documents", "docs_out")):
        con = res.tables[name].con
        con.execute(f"CREATE TEMP TABLE {rel}_t AS SELECT * FROM {rel}; DROP VIEW {rel}; ALTER TABLE {rel}_t RENAME TO {rel}")
        res.tables[name] = DuckTable(con, rel, ordered=True)


BE2_H01L = "region = 'BE2' AND technology = 'H01L'"


@pytest.mark.parametrize(
    "sql, pattern",
    [
        (f"UPDATE act_out SET value = -1 WHERE {BE2_H01L}", r"column 'value' has a negative count -1"),
        (f"UPDATE act_out SET value = 'nan' WHERE {BE2_H01L}", r"column 'value' has an NaN/empty value"),
        (f"UPDATE act_out SET technology = ' ' WHERE {BE2_H01L}", r"column 'technology' has an empty value"),
        (f"UPDATE act_out SET source = 'patent' WHERE {BE2_H01L}", r"column 'source' has the unknown value 'patent'"),
        (f"INSERT INTO act_out SELECT * FROM act_out WHERE {BE2_H01L}", r"duplicate key"),
        (f"UPDATE act_out SET technology = 'Z99Z' WHERE {BE2_H01L}", r"unknown technology code 'Z99Z'"),
        ("UPDATE docs_out SET weight = 1.5 WHERE document_id = '1002'", r"column 'weight' has 1.5 above the maximum 1"),
    ],
)
def test_stream_errors_are_the_pandas_errors(tmp_path, sql, pattern):
    messages = []
    for stream in (False, True):
        res = regpat.load(INV, IPC, stream=stream)
        if stream:
            materialise(res)
            res.tables["activity"].con.execute(sql)
        else:
            import duckdb

            con = duckdb.connect()
            con.register("a", res.tables["activity"])
            con.register("d", res.tables["documents"])
            con.execute("CREATE TABLE act_out AS SELECT * FROM a; CREATE TABLE docs_out AS SELECT * FROM d")
            con.execute(sql)
            res.tables["activity"], res.tables["documents"] = con.sql("SELECT * FROM act_out").df(), con.sql("SELECT * FROM docs_out").df()
        with pytest.raises(InputError, match=pattern) as err:
            write_results([res], tmp_path / "out", progress=lambda m: None)
        messages.append(str(err.value))
    assert messages[0] == messages[1]
    assert not (tmp_path / "out").exists()
