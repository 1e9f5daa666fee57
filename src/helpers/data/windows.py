"""Whether the edition's windows lie within the years a canonical folder covers (:func:`check_windows`).

``helpers build`` checks them right after the data step, so that a window beyond the data stops the build
with one line naming the window, the years covered and a window to choose, not as "no rows" in a chapter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.canonical import table_path
from helpers.errors import InputError


#: what each edition window ``windows.<key>`` selects in a canonical folder: (table, source, classifications in
#: the order the chapters prefer them or indicators, whether every year of the window must have rows). Investments
#: are events: a year without rounds is a zero, not a gap. ``patents_ipc`` is period-based (EPO PATSTAT).
WINDOW_DATA: dict[str, tuple[str, str | None, tuple[str, ...], bool]] = {
    "patents": ("activity", "patents", ("wipo35", "ipc4", "cpc4"), True),
    "publications": ("activity", "publications", ("ncses_fields", "openalex_subfield", "openalex_topic"), True),
    "investments": ("activity", "investments", ("crunchbase_category", "crunchbase_2013_category"), False),
    "publications_scimago": ("activity", "publications", ("scimago_asjc",), True),
    "patents_ipc": ("activity", "patents", ("ipc4_patstat",), True),
    "sectors": ("sector_indicators", None, (), True),
    "rd": ("region_indicators", None, ("GERD", "BERD"), True),
}
PERIOD_WINDOWS = ("patents_ipc",)


def _window_pair(key: str, value: Any) -> tuple[int, int]:
    try:
        start, end = (value.start, value.end) if hasattr(value, "start") and hasattr(value, "end") else tuple(value)
        return int(start), int(end)
    except (TypeError, ValueError):
        raise InputError(f"windows.{key}: {value!r} is not [first year, last year]; write e.g. [2015, 2019]") from None


def _years_of(data_dir: Path, key: str, cache: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, str] | None:
    """The rows (year, year_last) that ``windows.<key>`` selects in data_dir, and what they are; None without data."""
    table, source, kinds, _ = WINDOW_DATA[key]
    path = table_path(data_dir, table)
    if not path.is_file():
        return None

    def load(name: str, p: Path, wanted: tuple[str, ...]) -> pd.DataFrame:
        # the distinct combinations only (a few hundred of the activity table's 450,000 rows): the checks ask
        # which years and periods have rows, never how many
        if name not in cache:
            if p.suffix == ".parquet":
                cache[name] = pd.read_parquet(p, columns=list(wanted)).astype(str).drop_duplicates(ignore_index=True)
            else:
                import pyarrow as pa
                from pyarrow import csv as pa_csv

                cols = [c for c in wanted if c in pd.read_csv(p, nrows=0).columns]
                table = pa_csv.read_csv(p, convert_options=pa_csv.ConvertOptions(
                    include_columns=cols, column_types={c: pa.string() for c in cols}, strings_can_be_null=False))
                cache[name] = table.group_by(cols, use_threads=False).aggregate([]).to_pandas()
        return cache[name]

    if table == "activity":
        df = load("activity", path, ("source", "classification", "year", "year_last"))
        df = df[df["source"] == source]
        docs = table_path(data_dir, "documents")
        if key in ("patents", "publications", "investments") and docs.is_file():
            d = load("documents", docs, ("source", "classification", "year"))
            d = d[d["source"] == source]
            if len(d):  # documents coded in a taxonomy scheme come first (helpers.chapters.technologies.sources)
                return d, f"{source} documents ({', '.join(sorted(set(d['classification'])))})"
        for kind in kinds:
            rows = df[df["classification"] == kind]
            if len(rows):
                return rows, kind
        return None
    df = load(table, path, ("year", "indicator") if kinds else ("year",))
    if kinds:
        df = df[df["indicator"].isin(kinds)]
    what = f"{' and '.join(kinds)} of {path.name}" if kinds else path.name
    return (df, what) if len(df) else None


def check_windows(data_dir: Path | str, windows: Any) -> None:
    """Fail when an edition window asks for years the canonical folder ``data_dir`` does not cover.

    ``windows``: ``{key: (first year, last year)}`` for the keys of :data:`WINDOW_DATA` (``patents``,
    ``publications``, ``investments``, ``sectors``, ``rd``, ``patents_ipc``, ``publications_scimago``), the
    values pairs or objects with ``start``/``end`` (the edition's ``Window``); the edition's ``Windows``
    model itself is accepted too. A window must lie within the first and last year of its source's rows
    (the classification the chapters use, e.g. wipo35 for patents) and, except for investments (events),
    every year in it must have rows; ``patents_ipc`` must be one of the periods of EPO PATSTAT's
    IPC-subclass counts. A source without data in the folder is not checked (its chapter says so). The
    first problem raises :class:`InputError` with one line naming the key, the years covered and what to do.
    """
    data_dir = Path(data_dir)
    cache: dict[str, pd.DataFrame] = {}
    if hasattr(windows, "model_dump"):
        windows = {k: getattr(windows, k) for k in windows.model_dump()}
    for key, value in dict(windows).items():
        if key not in WINDOW_DATA:
            raise InputError(f"windows.{key}: unknown source; known: {', '.join(WINDOW_DATA)}")
        start, end = _window_pair(key, value)
        found = _years_of(data_dir, key, cache)
        if found is None:
            continue
        rows, what = found
        years = pd.to_numeric(rows["year"], errors="coerce").dropna().astype(int)
        if key in PERIOD_WINDOWS and "year_last" in rows.columns:
            last = pd.to_numeric(rows["year_last"], errors="coerce")
            periods = sorted({(int(a), int(b)) for a, b in zip(years, last.loc[years.index]) if pd.notna(b)})
            if periods and (start, end) not in periods:
                shown = ", ".join(f"{a}-{b}" for a, b in periods)
                raise InputError(
                    f"windows.{key}: {start}-{end} is not a period of the data ({key} data cover the periods {shown} in {what}); "
                    f"choose one of them, e.g. --set 'windows.{key}=[{periods[-1][0]},{periods[-1][1]}]'"
                )
            continue
        have = set(years)
        lo, hi = min(have), max(have)
        if start < lo or end > hi:
            s_in, e_in = min(max(start, lo), hi), max(min(end, hi), lo)
            if end < lo or start > hi:  # wholly outside: suggest the last five years of the data
                s_in, e_in = max(lo, hi - 4), hi
            raise InputError(
                f"windows.{key}: {start}-{end} goes beyond the data ({key} data cover {lo}-{hi} in {what}); "
                f"choose a window within {lo}-{hi}, e.g. --set 'windows.{key}=[{s_in},{e_in}]'"
            )
        gaps = [y for y in range(start, end + 1) if y not in have]
        if gaps and WINDOW_DATA[key][3]:
            raise InputError(
                f"windows.{key}: {start}-{end} includes year(s) without data ({', '.join(map(str, gaps[:8]))}"
                f"{', ...' if len(gaps) > 8 else ''}; {key} data cover {lo}-{hi} in {what} with gaps); choose a window without them"
            )
