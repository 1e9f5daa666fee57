"""Validation of canonical tables against their schemas (:mod:`helpers.data.schema`).

:func:`validate` raises :class:`~helpers.errors.InputError` with one line naming the file, the column
or row, what is wrong and what to do; :func:`coerce` gives a table its schema's dtypes and
:func:`sort_table` its canonical order (by key), so the same inputs give byte-identical files.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from helpers.data.schema import TableSchema, get_schema
from helpers.errors import InputError


def _where(file: str | Path | None) -> str:
    return str(file) if file is not None else "<table>"


def _row_ref(df: pd.DataFrame, pos: int, schema: TableSchema, from_file: bool) -> str:
    row = df.iloc[pos]
    key = ", ".join(f"{k}={row[k]}" for k in schema.key if k in df.columns)
    line = f"line {pos + 2} " if from_file else ""
    return f"{line}(row {key})"


def empty_frame(table: str) -> pd.DataFrame:
    """An empty DataFrame with the table's columns and dtypes (a copy: the caller may change it).

    >>> frame = empty_frame("activity")
    >>> len(frame), list(frame.columns), str(frame["year"].dtype), str(frame["value"].dtype)
    (0, ['source', 'classification', 'region', 'technology', 'year', 'value', 'year_last'], 'Int64', 'float64')
    """
    return _empty_frame(table).copy()


@functools.lru_cache(maxsize=None)
def _empty_frame(table: str) -> pd.DataFrame:
    # an adapter fills a few of the canonical tables and the build validates all of them: the empty ones are
    # the same frame every time, made once (the pandas calls of a column check cost about 10 ms even on no rows)
    schema = get_schema(table)
    return coerce(pd.DataFrame({c.name: pd.Series([], dtype=object) for c in schema.columns}), table)


def coerce(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Cast columns to the schema's dtypes (no checks): str -> object strings, int -> Int64, float -> float64."""
    schema = get_schema(table)
    out = {}
    for c in schema.columns:
        s = df[c.name] if c.name in df.columns or not c.optional else pd.Series(pd.NA, index=df.index, dtype=object)
        if c.dtype == "str":
            out[c.name] = s.astype("str")
        elif c.dtype == "int":
            out[c.name] = pd.to_numeric(s, errors="raise").astype("Int64")
        else:
            out[c.name] = pd.to_numeric(s, errors="raise").astype("float64")
    return pd.DataFrame(out, index=df.index)


def validate(
    df: pd.DataFrame,
    table_name: str,
    file: str | Path | None = None,
    *,
    regions: Iterable[str] | None = None,
    technologies: pd.DataFrame | None = None,
    from_file: bool = False,
) -> pd.DataFrame:
    """Check ``df`` against the schema of ``table_name``; return it with schema dtypes.

    Checks, in order: missing and extra columns, types, empty values, values below the minimum
    (negative counts) or above the maximum, allowed values, duplicate keys, and when given, region
    codes unknown to ``regions`` and (classification, technology) pairs unknown to ``technologies``.
    The first problem raises :class:`InputError` with one line: file, column or row, what is wrong,
    what to do. ``from_file`` makes row references give the line number in the file. A table without rows
    passes the column checks only and comes back as the schema's typed empty frame (:func:`empty_frame`).
    """
    schema = get_schema(table_name)
    where = _where(file)
    absent = [c.name for c in schema.columns if c.optional and c.name not in df.columns]
    if absent:  # a table written before the column existed: the column is empty
        df = df.assign(**{name: pd.Series(pd.NA, index=df.index, dtype=object) for name in absent})
    cols = list(df.columns)
    missing = [c for c in schema.column_names if c not in cols]
    if missing:
        raise InputError(
            f"{where}: missing column(s) {', '.join(repr(m) for m in missing)} in table '{table_name}'; "
            f"expected columns {', '.join(schema.column_names)}: add them or rebuild the folder with `helpers data build`"
        )
    extra = [c for c in cols if c not in schema.column_names]
    if extra:
        raise InputError(
            f"{where}: unexpected column(s) {', '.join(repr(e) for e in extra)} in table '{table_name}'; "
            f"expected exactly {', '.join(schema.column_names)}: remove them or fix the header"
        )
    if not len(df):  # no value to check: the table's typed empty frame (what the checks below return on no rows)
        return empty_frame(table_name)
    df = df[schema.column_names].reset_index(drop=True)
    out: dict[str, pd.Series] = {}
    for c in schema.columns:
        s = df[c.name]
        isnull = s.isna()
        if c.dtype == "str":
            st = s.astype("str")
            blank = st.isna() | st.str.strip().eq("")
            vals = st.where(~blank)
            isnull = blank
        else:
            if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
                txt = s.astype("str")
                blank = txt.isna() | txt.str.strip().eq("")
                num = pd.to_numeric(txt.where(~blank), errors="coerce")
                bad = (~blank) & num.isna()
                isnull = blank
            elif pd.api.types.is_bool_dtype(s.dtype):
                num = s.astype(float)
                bad = pd.Series(True, index=s.index)
            else:
                num = pd.to_numeric(s, errors="coerce")
                bad = pd.Series(False, index=s.index)
                isnull = num.isna()
            if bad.any():
                pos = int(np.flatnonzero(bad.to_numpy())[0])
                raise InputError(
                    f"{where}: column '{c.name}' has a non-numeric value {df[c.name].iloc[pos]!r} at "
                    f"{_row_ref(df, pos, schema, from_file)} ({int(bad.sum())} such rows); "
                    f"write a {'whole number' if c.dtype == 'int' else 'number'} there"
                )
            if c.dtype == "int":
                frac = (~isnull) & (num.fillna(0) % 1 != 0)
                if frac.any():
                    pos = int(np.flatnonzero(frac.to_numpy())[0])
                    raise InputError(
                        f"{where}: column '{c.name}' must hold whole numbers but has {float(num.iloc[pos]):g} at "
                        f"{_row_ref(df, pos, schema, from_file)}; write a whole number (e.g. a year as 2019)"
                    )
                vals = num.astype("Int64")
            else:
                vals = num.astype("float64")
                inf = np.isinf(vals.to_numpy(dtype=float, na_value=0.0))
                if inf.any():
                    pos = int(np.flatnonzero(inf)[0])
                    raise InputError(f"{where}: column '{c.name}' has an infinite value at {_row_ref(df, pos, schema, from_file)}; write a finite number")
        if not c.nullable and isnull.any():
            pos = int(np.flatnonzero(isnull.to_numpy())[0])
            what = "NaN/empty value" if c.dtype != "str" else "empty value"
            raise InputError(
                f"{where}: column '{c.name}' has an {what} at {_row_ref(df, pos, schema, from_file)} "
                f"({int(isnull.sum())} such rows); every row needs a {c.name}: fill it in or remove the row"
            )
        if c.dtype != "str":
            arr = vals.to_numpy(dtype=float, na_value=np.nan)
            if c.min_value is not None:
                below = arr < c.min_value
                if below.any():
                    pos = int(np.flatnonzero(below)[0])
                    what = "negative count" if c.min_value == 0 else f"value below {c.min_value}"
                    raise InputError(
                        f"{where}: column '{c.name}' has a {what} {float(arr[pos]):g} at {_row_ref(df, pos, schema, from_file)} "
                        f"({int(below.sum())} such rows); counts must be >= {c.min_value:g}: correct or remove the row"
                    )
            if c.max_value is not None:
                above = arr > c.max_value
                if above.any():
                    pos = int(np.flatnonzero(above)[0])
                    raise InputError(
                        f"{where}: column '{c.name}' has {float(arr[pos]):g} above the maximum {c.max_value:g} at "
                        f"{_row_ref(df, pos, schema, from_file)}; correct the value"
                    )
        if c.allowed is not None:
            ok = vals.isna() | vals.isin(list(c.allowed))
            if not ok.all():
                pos = int(np.flatnonzero(~ok.to_numpy())[0])
                raise InputError(
                    f"{where}: column '{c.name}' has the unknown value {vals.iloc[pos]!r} at "
                    f"{_row_ref(df, pos, schema, from_file)}; allowed: {', '.join(c.allowed)}"
                )
        out[c.name] = vals
    res = pd.DataFrame(out)
    dup = res.duplicated(list(schema.key), keep="first")
    if dup.any():
        pos = int(np.flatnonzero(dup.to_numpy())[0])
        raise InputError(
            f"{where}: duplicate key ({', '.join(schema.key)}) at {_row_ref(res, pos, schema, from_file)} "
            f"({int(dup.sum())} duplicate rows); each key may occur once: sum or remove the duplicates"
        )
    if regions is not None and "region" in res.columns and table_name not in ("regions", "quality_flags"):
        known = set(regions)
        unknown = ~res["region"].isin(known)
        if unknown.any():
            pos = int(np.flatnonzero(unknown.to_numpy())[0])
            n = res.loc[unknown, "region"].nunique()
            raise InputError(
                f"{where}: unknown region code {res['region'].iloc[pos]!r} at {_row_ref(res, pos, schema, from_file)} "
                f"({n} unknown codes); add it to regions.csv or map it in helpers.data.regions"
            )
    if technologies is not None and {"classification", "technology"} <= set(res.columns):
        pairs = pd.MultiIndex.from_frame(technologies[["classification", "technology"]].astype(str))
        mine = pd.MultiIndex.from_frame(res[["classification", "technology"]].astype(str))
        unknown = ~mine.isin(pairs)
        if unknown.any():
            pos = int(np.flatnonzero(unknown)[0])
            raise InputError(
                f"{where}: unknown technology code {res['technology'].iloc[pos]!r} of classification "
                f"{res['classification'].iloc[pos]!r} at {_row_ref(res, pos, schema, from_file)}; "
                f"add it to technologies.csv or fix the code"
            )
    return res


def sort_table(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Sort by the table's key (stable, deterministic), columns in schema order."""
    schema = get_schema(table)
    df = df[schema.column_names]
    if not len(df):
        return df.reset_index(drop=True)
    return df.sort_values(list(schema.key), kind="mergesort", na_position="first").reset_index(drop=True)
