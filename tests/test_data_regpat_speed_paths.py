"""REGPAT's fast paths give what the checked paths give.

- The adapter reads each file once (:func:`regpat._stage_fast`) and reads both again row by row only
  when a check fails (:func:`regpat._stage_checked`, which names the line): on a valid input with
  fractional shares both readings give the same tables, and on a bad input the fast reading hands over
  to the checked one, whose message is the one the user sees.
- A DuckTable that promises key order (``ordered``) is written without sorting, but only after
  :func:`helpers.data.ducktable.passes` has seen the keys strictly increasing: a broken promise is
  noticed and the table sorted, so the bytes do not depend on the promise.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.data import ducktable
from helpers.data.adapters import regpat
from helpers.data.canonical import write_results
from helpers.data.ducktable import DuckTable
from helpers.errors import InputError
from test_data_regpat_stream import INV, IPC, build_folder, generate, tree


def _checked_only(monkeypatch) -> None:
    def unsure(*args, **kwargs):
        raise regpat._Unsure

    monkeypatch.setattr(regpat, "_stage_fast", unsure)


@pytest.fixture(scope="module")
def small_generated(tmp_path_factory) -> tuple[Path, Path]:
    return generate(tmp_path_factory.mktemp("regpat_speed"), 5_000, seed=11)


@pytest.mark.parametrize("weighting", ["whole", "fractional"])
def test_fast_and_checked_readings_write_the_same_bytes(small_generated, tmp_path, monkeypatch, weighting):
    inv, ipc = small_generated
    fast = build_folder(inv, ipc, tmp_path / "fast", stream=True, tech_weighting=weighting)
    _checked_only(monkeypatch)
    checked = build_folder(inv, ipc, tmp_path / "checked", stream=True, tech_weighting=weighting)
    assert fast.keys() == checked.keys() and "documents.csv" in fast
    for name in fast:
        assert fast[name] == checked[name], f"{name}: the fast reading gave other bytes than the checked reading"


@pytest.mark.parametrize(
    "inv_edit, cls_edit, pattern",
    [
        (lambda t: t.replace("|1|0.5\n", "|1|nan\n", 1), None, r"column 'inv_share' has the empty or non-numeric share 'nan' at line 2"),
        (lambda t: t.replace("|1|0.5\n", "|1|1.5\n", 1), None, r"column 'inv_share' has the share above 1 '1.5' at line 2"),
        (lambda t: t.replace("|1001|EP3000001|502|", "|1O01|EP3000001|502|", 1), None, r"column 'appln_id' has the non-integer value '1O01' at line 3"),
        (lambda t: t + t.splitlines()[1].replace("|BE|", "|be|") + "\n", None, r"duplicate key \(appln_id=1001, person_id=501, reg_code=BE211\)"),
        (lambda t: t + "1|2\n", None, r"line 12 has 2 field\(s\) but the header has 12"),
        (None, lambda t: t.replace("1002|2015|", "1002|1850|", 1), r"has the year '1850'"),
        (None, lambda t: t.replace("A61P  35/00", "", 1), r"has the unknown technology code None at line 3"),
    ],
)
def test_bad_inputs_get_the_checked_message(tmp_path, inv_edit, cls_edit, pattern):
    inv, ipc = tmp_path / INV.name, tmp_path / IPC.name
    inv.write_text(inv_edit(INV.read_text()) if inv_edit else INV.read_text())
    ipc.write_text(cls_edit(IPC.read_text()) if cls_edit else IPC.read_text())
    with pytest.raises(InputError, match=pattern):
        regpat.load(inv, ipc)


def test_a_broken_order_promise_is_noticed(tmp_path):
    want = build_folder(INV, IPC, tmp_path / "want", stream=True)
    res = regpat.load(INV, IPC, stream=True)
    for name, rel in (("activity", "act_out"), ("documents", "docs_out")):
        con = res.tables[name].con
        # the same rows, in reverse key order, still promised in key order
        con.execute(f"CREATE TEMP TABLE {rel}_rev AS SELECT * FROM (SELECT *, row_number() OVER () AS i FROM {rel}) ORDER BY i DESC")
        con.execute(f"ALTER TABLE {rel}_rev DROP COLUMN i")
        res.tables[name] = DuckTable(con, f"{rel}_rev", ordered=True)
    assert not ducktable._increasing(res.tables["activity"], ("source", "classification", "region", "technology", "year"))
    write_results([res], tmp_path / "got", progress=lambda m: None)
    assert tree(tmp_path / "got") == want  # sorted by the writer


def test_increasing_needs_strictly_increasing_keys_without_null():
    import duckdb

    con = duckdb.connect()
    con.execute("SET preserve_insertion_order=true")
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 1), ('a', 2), ('b', 1)) v(k, y)")
    assert ducktable._increasing(DuckTable(con, "t", ordered=True), ("k", "y"))
    con.execute("INSERT INTO t VALUES ('b', 1)")  # a duplicate key at the end
    assert not ducktable._increasing(DuckTable(con, "t", ordered=True), ("k", "y"))
    assert ducktable._duplicate_keys(DuckTable(con, "t"), ("k", "y"))
    con.execute("CREATE TABLE n AS SELECT * FROM (VALUES (NULL, 1), ('a', 1)) v(k, y)")  # sorted NULLS FIRST, but NULL: not vouched for
    assert not ducktable._increasing(DuckTable(con, "n", ordered=True), ("k", "y"))
    assert not ducktable._duplicate_keys(DuckTable(con, "n"), ("k", "y"))


@pytest.mark.parametrize("levels, doc_level", [(("country",), None), (("nuts2", "country"), "nuts1"), (("nuts1",), "nuts1")])
def test_fast_and_checked_readings_at_other_levels(small_generated, monkeypatch, levels, doc_level):
    inv, ipc = small_generated
    kw = dict(levels=levels, doc_level=doc_level, tech_weighting="fractional", stream=False)
    fast = regpat.load(inv, ipc, **kw)
    _checked_only(monkeypatch)
    checked = regpat.load(inv, ipc, **kw)
    assert fast.tables.keys() == checked.tables.keys() and ("documents" in fast.tables) == bool(doc_level)
    for name, table in fast.tables.items():
        key = [c for c in ("region", "technology", "year", "document_id") if c in table.columns]
        a, b = (t.sort_values(key).reset_index(drop=True) if key else t for t in (table, checked.tables[name]))
        assert a.equals(b), name
    regions = set(fast.tables["activity"]["region"])
    assert len(regions) > 1 and ({"BEL", "DEU"} <= regions) == ("country" in levels)


def _activity_duck(rows: list[tuple]) -> DuckTable:
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE a (source VARCHAR, classification VARCHAR, region VARCHAR, technology VARCHAR, year BIGINT, value DOUBLE)")
    con.executemany("INSERT INTO a VALUES (?, ?, ?, ?, ?, ?)", rows)
    return DuckTable(con, "a")


TECHS = pd.DataFrame({"classification": ["ipc4", "ipc4"], "technology": ["A01B", "H01,L"]})


@pytest.mark.parametrize(
    "row, passes",
    [
        (("patents", "ipc4", "BE2", "A01B", 2001, 1.0), True),
        (("patent", "ipc4", "BE2", "A01B", 2001, 1.0), False),  # not an allowed source
        (("patents", "ipc4", "XX9", "A01B", 2001, 1.0), False),  # unknown region
        (("patents", "ipc4", "\u2003", "A01B", 2001, 1.0), False),  # a blank region (checked once per value)
        (("patents", "cpc4", "BE2", "A01B", 2001, 1.0), False),  # unknown (classification, technology) pair
        (("patents", "ipc4", "BE2", None, 2001, 1.0), False),  # NULL in a column checked per value
        (("patents", "ipc4", "BE2", "A01B", 2001, float("nan")), False),
    ],
)
def test_values_checked_once_per_value(row, passes):
    t = _activity_duck([("patents", "ipc4", "BE1", "H01,L", 2000, 0.5), row])
    assert ducktable.passes(t, "activity", regions={"BE1", "BE2", "\u2003"}, technologies=TECHS) == passes


def test_texts_without_quoting_are_written_as_they_are(tmp_path):
    from helpers.data.tablewriter import write_frame_csv

    rows = [("patents", "ipc4", "BE1", "H01,L", 2000, 0.5), ("patents", "ipc4", "BE2", "A01B", 2001, 1 / 3)]
    t = _activity_duck(rows)
    assert ducktable.passes(t, "activity", regions={"BE1", "BE2"}, technologies=TECHS)
    assert t.plain == {"source", "classification", "region"}  # "H01,L" is quoted
    ducktable.write_csv(t, "activity", tmp_path / "duck.csv")
    df = t.df()
    write_frame_csv(df, tmp_path / "pandas.csv", {"year": "int", "value": "float"})
    df.to_csv(tmp_path / "to_csv.csv", index=False, float_format="%.15g", lineterminator="\n")
    assert (tmp_path / "duck.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes() == (tmp_path / "to_csv.csv").read_bytes()
    assert b'"H01,L"' in (tmp_path / "duck.csv").read_bytes()


def test_the_adapter_connection_gives_freed_memory_back(small_generated):
    """The streamed tables' connection purges DuckDB's allocator (the peak of a 5-million-row run: some 1.3 -> 1.06 GiB)."""
    res = regpat.load(*small_generated, stream=True)
    con = res.tables["activity"].con
    assert isinstance(res.tables["activity"], DuckTable)
    values = dict(con.execute("SELECT name, value FROM duckdb_settings() WHERE name LIKE 'allocator%'").fetchall())
    assert values["allocator_background_threads"] == "true"
    assert values["allocator_flush_threshold"] == "16MB" and values["allocator_bulk_deallocation_flush_threshold"] == "15.2 MiB"


def test_benchmark_peak_is_the_measuring_process_own(tmp_path):
    """A child started by subprocess inherits its parent's ru_maxrss; the benchmark's figure (VmHWM) does not."""
    import subprocess
    import sys

    bench = Path(__file__).resolve().parents[1] / "benchmarks"
    held = b"\x01" * (300 << 20)  # this process's peak: at least 300 MiB
    code = (
        f"import resource, sys; sys.path.insert(0, {str(bench)!r}); import bench_regpat; "
        "print(bench_regpat.peak_rss_mib(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    del held
    own, inherited = float(out[0]), float(out[1])
    assert 0 < own < 150, f"the child's peak {own} MiB counts the parent's (its ru_maxrss: {inherited} MiB)"
