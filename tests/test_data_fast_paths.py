"""The fast paths of the data step (issue 17) give exactly what the slow paths gave.

- :func:`helpers.data.tablewriter.write_frame_csv` (DuckDB) writes the bytes of ``DataFrame.to_csv``;
- :func:`helpers.data.adapters._record_starts_fast` gives the record lines of the csv-module loop or
  hands over to it;
- :func:`helpers.data.adapters.natacc.flag_series` (vectorised) flags as the per-series loop did.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.data.adapters import _check_records, _record_starts_fast, map_unique
from helpers.data.adapters.natacc import flag_series
from helpers.data.tablewriter import write_frame_csv
from helpers.errors import InputError


def _frame() -> pd.DataFrame:
    texts = ["a", "a,b", 'a"b', "a\nb", "a\rb", " lead", "trail ", None, "é ü", "#x", "'q'", "tab\there", '"', "NULL", "x" * 300]
    n = len(texts)
    floats = [0.0, -0.0, 1e15, 1e16, 123456789012345.6, 1e-5, 0.0001, 1 / 3, 2 / 3, 1e300, 5e-324, 0.1 + 0.2, np.nan, 2.5, 1e-320]
    ints = pd.array([2015, None, 0, -3, 2**62, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], dtype="Int64")
    return pd.DataFrame({"s": pd.Series(texts, dtype="str"), "v": pd.Series(floats[:n], dtype="float64"), "y": ints[:n], "o": pd.Series(texts[::-1], dtype=object)})


def test_write_frame_csv_matches_to_csv(tmp_path):
    df = _frame()
    want, got = tmp_path / "want.csv", tmp_path / "got.csv"
    df.to_csv(want, index=False, float_format="%.15g", lineterminator="\n", encoding="utf-8")
    write_frame_csv(df, got, {"s": "str", "v": "float", "y": "int", "o": "str"})
    assert got.read_bytes() == want.read_bytes()


def test_write_frame_csv_random_floats(tmp_path):
    rng = np.random.default_rng(7)
    v = rng.random(20_000) * 10.0 ** rng.integers(-12, 22, 20_000)
    df = pd.DataFrame({"k": pd.Series([f"r{i}" for i in range(len(v))], dtype="str"), "v": np.concatenate([v[:10_000], -v[10_000:]])})
    want, got = tmp_path / "want.csv", tmp_path / "got.csv"
    df.to_csv(want, index=False, float_format="%.15g", lineterminator="\n", encoding="utf-8")
    write_frame_csv(df, got, {"k": "str", "v": "float"})
    assert got.read_bytes() == want.read_bytes()


def test_write_frame_csv_single_column_falls_back(tmp_path):
    df = pd.DataFrame({"s": pd.Series(["a", None, "b"], dtype="str")})
    want, got = tmp_path / "want.csv", tmp_path / "got.csv"
    df.to_csv(want, index=False, float_format="%.15g", lineterminator="\n", encoding="utf-8")
    write_frame_csv(df, got, {"s": "str"})
    assert got.read_bytes() == want.read_bytes()  # '""' for the empty field, as pandas writes it


@pytest.mark.parametrize(
    "text",
    [
        "a,b\n1,2\n3,4\n",
        "a,b\n1,2\n\n3,4\n",
        "a,b\n1,2\n3,4",
        'a,b\n"x\ny",2\n3,4\n',  # a quoted line break: the loop counts the lines
        'a,b\n"x,y",2\n3,4\n',
        "a\n1\n \n2\n",  # one column: blank-looking records
    ],
)
def test_record_starts_fast_agrees(text):
    fast = _record_starts_fast(text, ",", 2 if text.startswith("a,b") else 1)
    slow = _check_records(text, "f.csv", ",", 2 if text.startswith("a,b") else 1, final_newline=False)
    assert fast is None or fast == slow


@pytest.mark.parametrize("text, msg", [("a,b\n1,2\n3\n", "line 3 has 1 field"), ("a,b\n1,2\n3,4,5\n", "line 3 has 3 fields")])
def test_record_starts_fast_hands_over_errors(text, msg):
    assert _record_starts_fast(text, ",", 2) is None
    with pytest.raises(InputError, match=msg):
        _check_records(text, "f.csv", ",", 2)


def test_record_starts_fast_unclosed_quote():
    # the open quote runs to the end of the file: the same start lines as the loop (read_csv_raw names line 2)
    text = 'a,b\n1,"2\n'
    assert _record_starts_fast(text, ",", 2) == _check_records(text, "f.csv", ",", 2) == [2]


def _flag_series_loop(values: pd.DataFrame, jump_factor: float = 3.0, whole_share: float = 0.4) -> pd.Series:
    """The per-series loop that :func:`flag_series` replaced (the reference)."""
    flag = pd.Series("", index=values.index, dtype=object)
    flag[values["value"].isna()] = "missing"
    flag[values["value"] < 0] = "negative"
    limit = math.log(jump_factor)
    for _, g in values.groupby("series", sort=False):
        v = g["value"]
        nonzero = v.notna() & (v != 0)
        zeros = g.index[v.eq(0)]
        if len(zeros):
            flag[zeros] = "zero_suspect" if nonzero.any() else "zero_series"
        pos = v[v > 0]
        if len(pos) >= 2:
            med = float(np.median(pos))
            off = np.abs(np.log(pos.to_numpy() / med)) >= limit
            if off.any():
                if off.sum() >= whole_share * len(pos):
                    flag[pos.index] = "jump_suspect"
                else:
                    flag[pos.index[off]] = "jump_suspect"
    return flag


def test_flag_series_equals_the_loop():
    rng = np.random.default_rng(1)
    for _ in range(300):
        n = int(rng.integers(0, 60))
        v = rng.choice([0.0, np.nan, -1.0, 1.0, 2.0, 3.5, 10.0, 100.0, 0.5], n) * rng.choice([1, 1, 1, 1.3], n)
        df = pd.DataFrame({"series": [f"s{x}" for x in rng.integers(0, 6, n)], "year": np.arange(n), "value": v}, index=rng.permutation(n) + 7)
        assert flag_series(df).equals(_flag_series_loop(df))


def test_map_unique():
    s = pd.Series(["b", "a", "b", "c"], dtype="str", index=[5, 6, 7, 8])
    calls = []
    out = map_unique(s, lambda v: calls.append(v) or v.upper())
    assert out.tolist() == ["B", "A", "B", "C"] and list(out.index) == [5, 6, 7, 8] and sorted(calls) == ["a", "b", "c"]
