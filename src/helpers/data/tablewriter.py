"""Write a canonical table as CSV with DuckDB, byte for byte as ``DataFrame.to_csv`` writes it.

:func:`helpers.data.canonical.write_folder` wrote every table with ``df.to_csv(index=False,
float_format="%.15g", lineterminator="\\n")``, which formats every value in Python (seconds for a
few hundred thousand rows, minutes for millions). Here DuckDB formats and writes the values in C++,
with the same text: floats with ``printf('%.15g')`` (the C format pandas applies), whole numbers as
digits, a missing value as an empty field, and a text value quoted exactly when Python's csv writer
(which pandas uses) quotes it. DuckDB's own quoting differs (it quotes ``""`` and values starting
with ``#``), so the quoting is done in SQL and DuckDB's is switched off.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pandas as pd


def _quoted_chars(sep: str = ",") -> list[str]:
    """The characters that make Python's csv writer (QUOTE_MINIMAL, lineterminator "\\n") quote a value."""
    out = []
    for ch in dict.fromkeys([sep, '"', "\n", "\r"]):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow(["a" + ch + "b", "c"])
        if buf.getvalue().startswith('"'):
            out.append(ch)
    return out


QUOTED = _quoted_chars()


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def field_sql(name: str, dtype: str) -> str:
    """SQL giving column ``name`` (schema type str/int/float) as the text pandas' to_csv writes.

    ``dtype`` "text": a str column known to hold no value that would be quoted (written as it is).
    """
    c = _ident(name)
    if dtype == "text":
        return f"coalesce(CAST({c} AS VARCHAR), '')"
    if dtype == "float":
        c = f"CAST({c} AS DOUBLE)"
        return f"CASE WHEN {c} IS NULL OR isnan({c}) THEN '' ELSE printf('%.15g', {c}) END"
    if dtype == "int":
        return f"coalesce(CAST(CAST({c} AS BIGINT) AS VARCHAR), '')"
    c = f"CAST({c} AS VARCHAR)"
    needs = " OR ".join(f"contains({c}, {_sql_str(ch)})" for ch in QUOTED) or "false"
    return f"CASE WHEN {c} IS NULL THEN '' WHEN {needs} THEN '\"' || replace({c}, '\"', '\"\"') || '\"' ELSE {c} END"


def copy_csv(con: duckdb.DuckDBPyConnection, relation_sql: str, columns: list[tuple[str, str]], path: Path) -> None:
    """Write ``relation_sql`` (a table name or a subquery in parentheses) as CSV with the columns (name, dtype) in order."""
    select = ", ".join(f"{field_sql(n, t)} AS {_ident(n)}" for n, t in columns)
    con.execute("SET preserve_insertion_order=true")
    con.execute(
        f"COPY (SELECT {select} FROM {relation_sql} AS t) TO {_sql_str(str(path))} "
        f"(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '', ESCAPE '', NEW_LINE '\\n')"
    )


def can_copy(columns: list[str]) -> bool:
    """Whether the fast path writes the same file: two or more columns (pandas quotes an empty single field) with plain names."""
    return len(columns) >= 2 and all(name and not any(ch in name for ch in QUOTED) for name in columns)


def write_frame_csv(df: pd.DataFrame, path: Path, dtypes: dict[str, str]) -> None:
    """Write ``df`` (schema dtypes) as ``df.to_csv(path, index=False, float_format="%.15g", lineterminator="\\n")`` would."""
    cols = [str(c) for c in df.columns]
    if not can_copy(cols):
        df.to_csv(path, index=False, float_format="%.15g", lineterminator="\n", encoding="utf-8")
        return
    import pyarrow as pa

    table = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
    con = duckdb.connect()
    try:
        con.register("frame", table)
        copy_csv(con, "frame", [(c, dtypes.get(c, "str")) for c in cols], path)
    finally:
        con.close()

