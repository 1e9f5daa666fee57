"""Adapters: one module per source format, each turning raw files into canonical tables.

Every adapter exposes ``load(...) -> AdapterResult`` (pure: reads, never writes) and module constants
``NAME``, ``SOURCE`` (where the data come from, licence) and ``DOWNLOAD`` (where to get it).
:mod:`helpers.data.canonical` validates and writes the results atomically.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from helpers.errors import InputError

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


@dataclass
class InputFile:
    """One raw file an adapter read."""

    path: Path
    adapter: str
    rows_read: int


@dataclass
class AdapterResult:
    """Canonical tables (partial: only those the adapter produces) plus provenance and notes."""

    adapter: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    inputs: list[InputFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while True:
            b = fh.read(chunk)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


def require_file(path: Path, what: str) -> Path:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: {what} not found; check the path (see the data annex for where to download it)")
    return path


def _header_fields(text: str, sep: str) -> list[str]:
    """The names of the first record (the header), as the csv module splits them."""
    try:
        return next(csv.reader(io.StringIO(text), delimiter=sep, quotechar='"'), [])
    except csv.Error:
        return []


def _check_records(text: str, label: str, sep: str, n_header: int, final_newline: bool = True) -> list[int]:
    """A truncated file (no line end after the last record) or a record with fewer or more fields than the header.

    A file cut in the middle of a number still parses (``2016,BEL,Belgium,Optics,1`` instead of
    ``...,1234``); the only trace is the missing line end after the last record. Records shorter than
    the header would silently get empty values for their last columns; longer ones (an unquoted
    delimiter in a value) make pandas shift the columns, or take the first ones for an index.

    Returns the line in the file where each data record starts, in the order pandas reads them: a
    blank line is no record (pandas skips it, as it skips a line of spaces in a one-column file), and a
    quoted value with a line break spans several lines, so the n-th record is not always line n + 2.
    """
    body = text.split("\n", 1)[1] if "\n" in text else ""
    if final_newline and body.strip() and not text.endswith("\n"):
        last = text.count("\n") + 1
        raise InputError(
            f"{label}: line {last} (the last) has no line end, so the file looks cut off in the middle of a record; "
            f"download or copy the complete file again (if it is complete, end it with a newline)"
        )
    fast = _record_starts_fast(text, sep, n_header)
    if fast is not None:
        return fast
    reader = csv.reader(io.StringIO(text), delimiter=sep, quotechar='"')
    starts: list[int] = []
    try:
        next(reader, None)
        end = reader.line_num
        for rec in reader:
            start, end = end + 1, reader.line_num
            if not rec:
                continue
            if len(rec) < n_header:
                raise InputError(
                    f"{label}: line {start} has {len(rec)} field(s) but the header has {n_header}: the record is "
                    f"incomplete (a cut-off file or a missing delimiter); complete or remove the line"
                )
            if len(rec) > n_header:
                raise InputError(
                    f"{label}: line {start} has {len(rec)} fields but the header has {n_header}: a value holds the "
                    f"delimiter {sep!r} without quotes (or the delimiter is wrong), which would shift the columns; quote the value"
                )
            if not (len(rec) == 1 and rec[0] and not rec[0].strip()):
                starts.append(start)
    except csv.Error as exc:
        raise InputError(f"{label}: cannot parse as CSV at line {reader.line_num} ({exc}); check the delimiter and quoting") from None
    return starts


def _record_starts_fast(text: str, sep: str, n_header: int) -> list[int] | None:
    """:func:`_check_records`' answer for a file where every record is one line and has the header's field count.

    The csv module reads the records in C; only their lengths come back to Python. None when a record
    spans lines (a quoted line break), has another number of fields, the header has one field (blank
    lines count otherwise) or the file does not parse: then the record-by-record loop names the line.
    """
    if n_header < 2:
        return None
    try:
        lengths = np.fromiter(map(len, csv.reader(io.StringIO(text), delimiter=sep, quotechar='"')), dtype=np.int64)
    except csv.Error:
        return None
    lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if len(lengths) != lines or len(lengths) == 0:
        return None
    body = lengths[1:]
    if ((body != n_header) & (body != 0)).any():
        return None
    return (np.flatnonzero(body) + 2).tolist()


def read_csv_raw(
    path: Path,
    columns: list[str],
    *,
    label: str | None = None,
    encoding: str = "utf-8",
    sep: str = ",",
    ignore_extra: bool = False,
    final_newline: bool = True,
) -> pd.DataFrame:
    """Read a CSV as text (no type guessing, empty cells stay ''), check the header and the records.

    Handles CR, LF and CRLF line endings. Rows are labelled with their line in the file minus 2 (a
    plain RangeIndex unless blank lines or quoted line breaks intervene): use :func:`file_line` to
    name a row's line, never ``position + 2``. Errors (:class:`InputError`, one line naming the file and
    the line or column): a last record without a line end (a truncated file; ``final_newline=False``
    for exports known to end without one, where only the field count is checked), a record with fewer
    fields than the header, a quote that is never closed, a header name that occurs twice, a missing
    column, or an extra column whose name clashes with a known one (the same name up to case and
    surrounding spaces).

    Other extra columns are tolerated, since the layout of a source's export grows over the years.
    With ``ignore_extra`` (the adapters that read a fixed layout) they are dropped from the result
    and listed in ``df.attrs["ignored_columns"]``; :func:`ignored_columns_note` turns them into a
    note for the :class:`AdapterResult`. Without it they stay in the frame (exports whose other
    columns an adapter may use).
    """
    label = label or str(path)
    require_file(path, "input file")
    try:
        raw = Path(path).read_bytes()
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: not {encoding} text (byte {exc.start}); re-save the file as {encoding}") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    header = _header_fields(text, sep)
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in seen:
            raise InputError(
                f"{label}: header (line 1): column {name!r} occurs twice (columns {seen[name] + 1} and {i + 1}); "
                f"which one holds the values is ambiguous: rename or remove one of them"
            )
        seen[name] = i
    starts = _check_records(text, label, sep, len(header), final_newline)
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[], quotechar='"')
    except pd.errors.EmptyDataError:
        raise InputError(f"{label}: the file is empty; expected a header with columns {', '.join(columns)}") from None
    except pd.errors.ParserError as exc:
        if "EOF inside string" in str(exc):
            # an opening quote never closed swallows the rest of the file into one value; pandas counts
            # rows, not lines, so name the line where the record with the open quote starts
            where = f"line {starts[-1]}" if starts else "the header (line 1)"
            raise InputError(
                f"{label}: {where} opens a quoted value (\") that is never closed, so the rest of the file would be one "
                f"value; close the quote (write a quote inside a quoted value as \"\")"
            ) from None
        raise InputError(f"{label}: cannot parse as CSV ({' '.join(str(exc).split())}); check the delimiter and quoting") from None
    if len(starts) == len(df) and starts != list(range(2, len(df) + 2)):
        # label each row with its line minus 2 (what a RangeIndex gives a file without blank lines or quoted
        # line breaks); filtering keeps the labels, so :func:`file_line` finds the line of any row. Should
        # pandas count the records otherwise (a corner case such as a quoted blank value in a one-column
        # file), the positions remain.
        df.index = pd.Index([line - 2 for line in starts])
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(
            f"{label}: missing column(s) {', '.join(repr(m) for m in missing)}; the file has {', '.join(map(str, df.columns[:12]))}"
            f"{'...' if len(df.columns) > 12 else ''}: use the documented export layout (see the data annex)"
        )
    known = {str(c).strip().casefold(): c for c in columns}
    extra = [c for c in df.columns if c not in columns]
    for c in extra:
        twin = known.get(str(c).strip().casefold())
        if twin is not None:
            raise InputError(
                f"{label}: header (line 1): column {c!r} clashes with the column {twin!r} (the same name up to case or spaces); "
                f"which one holds the values is ambiguous: rename or remove {c!r}"
            )
    if ignore_extra:
        df = df[list(columns)]
    df.attrs["ignored_columns"] = [str(c) for c in extra] if ignore_extra else []
    return df


def ignored_columns_note(df: pd.DataFrame, label: str) -> list[str]:
    """A note for :attr:`AdapterResult.notes` naming the extra columns :func:`read_csv_raw` ignored (or none)."""
    extra = df.attrs.get("ignored_columns") or []
    if not extra:
        return []
    return [f"{label}: ignored {len(extra)} column(s) not in the documented layout: {', '.join(repr(c) for c in extra)}"]


#: a year whose total is below this share of its neighbouring years' totals is taken for a partial year
PARTIAL_YEAR_SHARE = 0.5
#: the neighbouring years must have at least this many rows (small hand-made files are not checked)
PARTIAL_YEAR_MIN_ROWS = 20


def check_partial_years(
    year: pd.Series,
    value: pd.Series,
    label: str,
    *,
    what: str = "total",
    share: float = PARTIAL_YEAR_SHARE,
    min_rows: int = PARTIAL_YEAR_MIN_ROWS,
) -> None:
    """Fail on a year whose total (the sum of ``value`` over all rows of the year) is far below its neighbours'.

    A file cut off inside a year, or an export that stopped part way, leaves a last year with a
    fraction of the usual rows: built as it is, the book would report that year as if it were
    complete. A year whose total is below ``share`` (50%) of the median of the totals of the
    adjacent years of the file (the one before and the one after; one of them at the ends) raises
    :class:`InputError` naming the file and the year. Real activity data do not move like that
    from one year to the next (growth, crises and the publication lag of the last year change
    totals by far less); years whose neighbours have fewer than ``min_rows`` rows are not checked.
    """
    frame = pd.DataFrame({"year": pd.to_numeric(year, errors="coerce"), "value": pd.to_numeric(value, errors="coerce")})
    frame = frame.dropna(subset=["year"])
    by_year = frame.groupby("year", sort=True)["value"].agg(["sum", "size"])
    if len(by_year) < 2:
        return
    totals, sizes, years = by_year["sum"].to_numpy(dtype=float), by_year["size"].to_numpy(), by_year.index.to_numpy()
    for i in range(len(years)):
        nb = [j for j in (i - 1, i + 1) if 0 <= j < len(years)]
        ref = float(np.median(totals[nb]))
        if float(np.median(sizes[nb])) < min_rows or not ref > 0:
            continue
        if totals[i] < share * ref:
            pos = "the file's last year" if i == len(years) - 1 else ("the file's first year" if i == 0 else "")
            neighbours = " and ".join(str(int(years[j])) for j in nb)
            raise InputError(
                f"{label}: year {int(years[i])}{f' ({pos})' if pos else ''} looks incomplete: its {what} {totals[i]:,.0f} "
                f"({int(sizes[i])} rows) is {totals[i] / ref:.0%} of {neighbours} ({ref:,.0f}); the file may be cut off or the "
                f"export partial: use the complete file, or remove the rows of {int(years[i])}"
            )


def to_number(
    df: pd.DataFrame,
    column: str,
    label: str,
    *,
    integer: bool = False,
    allow_empty: bool = False,
    nonnegative: bool = False,
    what: str = "value",
) -> pd.Series:
    """Convert a text column to numbers; bad, empty or negative values raise InputError naming the line."""
    txt = df[column].astype(str).str.strip()
    empty = txt.eq("") | txt.str.lower().isin(["nan", "na", "null"])
    num = pd.to_numeric(txt.where(~empty, None), errors="coerce")
    bad = (~empty) & num.isna()
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"{label}: column '{column}' has a non-numeric {what} {df[column].iloc[pos]!r} at line {file_line(df, pos)} "
            f"({int(bad.sum())} such rows); write a number there"
        )
    nonfinite = num.notna() & ~np.isfinite(num.fillna(0).to_numpy(dtype=float))
    if nonfinite.any():
        pos = int(np.flatnonzero(nonfinite.to_numpy())[0])
        raise InputError(
            f"{label}: column '{column}' has {df[column].iloc[pos]!r} at line {file_line(df, pos)}, not a finite {what} "
            f"({int(nonfinite.sum())} such rows); write a number there"
        )
    if empty.any() and not allow_empty:
        pos = int(np.flatnonzero(empty.to_numpy())[0])
        raise InputError(
            f"{label}: column '{column}' is empty (NaN) at line {file_line(df, pos)} ({int(empty.sum())} such rows); "
            f"every row needs a {what}: fill it in (0 if there was none) or remove the row"
        )
    if integer:
        huge = num.notna() & (num.abs() >= 2.0**63)
        if huge.any():
            pos = int(np.flatnonzero(huge.to_numpy())[0])
            raise InputError(f"{label}: column '{column}' has {df[column].iloc[pos]!r} at line {file_line(df, pos)}, too large for a whole number; fix the value")
        frac = num.notna() & (num % 1 != 0)
        if frac.any():
            pos = int(np.flatnonzero(frac.to_numpy())[0])
            raise InputError(f"{label}: column '{column}' must be a whole number but is {df[column].iloc[pos]!r} at line {file_line(df, pos)}; fix the value")
    if nonnegative:
        neg = num.notna() & (num < 0)
        if neg.any():
            pos = int(np.flatnonzero(neg.to_numpy())[0])
            raise InputError(
                f"{label}: column '{column}' has a negative {what} {df[column].iloc[pos]!r} at line {file_line(df, pos)} "
                f"({int(neg.sum())} such rows); counts cannot be negative: correct or remove the row"
            )
    return num.astype("Int64") if integer else num.astype("float64")


def map_unique(values: pd.Series, func: Callable) -> pd.Series:
    """``values.map(func)`` with ``func`` called once per distinct value (the same result, without a Python call per row)."""
    uniq = values.unique()
    return values.map(dict(zip(uniq, map(func, uniq))))


def check_years(years: pd.Series, label: str, column: str = "year", lo: int = 1900, hi: int = 2100) -> None:
    bad = years.notna() & ((years < lo) | (years > hi))
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"{label}: column '{column}' has the year {years.iloc[pos]} at line {file_line(years, pos)}, outside {lo}-{hi}; fix the year")


def file_line(rows: pd.DataFrame | pd.Series, pos: int) -> int:
    """The line in the file of the row at position ``pos`` of ``rows`` (a frame or a series, e.g. a mask).

    :func:`read_csv_raw` labels each row with its line in the file minus 2 (0 = the line after the
    header, as in a RangeIndex; a blank line or a quoted line break before a row raises its label), and
    filtering, column selection and element-wise operations keep the labels: so the label, not the
    position, gives the line. A frame with labels of another kind (strings) falls back to the position.
    """
    label = rows.index[pos]
    if isinstance(rows.index, pd.RangeIndex) or pd.api.types.is_integer_dtype(rows.index.dtype):
        return int(label) + 2
    return pos + 2


def check_duplicates(df: pd.DataFrame, key: list[str], label: str) -> None:
    """Fail on the first row that repeats ``key``, naming its line in the file and the line of the first occurrence.

    ``df`` may be a filtered frame (e.g. without blank-country rows): its row labels, those of the
    frame read from the file, give the lines.
    """
    dup = df.duplicated(key, keep="first")
    if dup.any():
        pos = int(np.flatnonzero(dup.to_numpy())[0])
        row = df.iloc[pos]
        line = file_line(df, pos)
        first = df[key].iloc[:pos].eq(row[key]).all(axis=1).to_numpy()
        also = f" (first at line {file_line(df, int(np.flatnonzero(first)[0]))})" if first.any() else ""
        raise InputError(
            f"{label}: duplicate row for ({', '.join(f'{k}={row[k]}' for k in key)}) at line {line}{also} "
            f"({int(dup.sum())} duplicates); each combination may occur once: remove or sum the duplicates"
        )


def check_filled(df: pd.DataFrame, columns: list[str], label: str) -> None:
    """Fail on the first empty (or blank) cell in ``columns``, naming the column and the line."""
    for column in columns:
        blank = df[column].astype(str).str.strip().eq("") | df[column].isna()
        if blank.any():
            pos = int(np.flatnonzero(blank.to_numpy())[0])
            raise InputError(
                f"{label}: column '{column}' is empty at line {file_line(df, pos)} ({int(blank.sum())} such rows); "
                f"every row needs a {column}: fill it in or remove the row"
            )


def check_not_empty(df: pd.DataFrame, label: str, what: str = "data rows") -> None:
    if len(df) == 0:
        raise InputError(f"{label}: no {what}; the file has a header only: use a complete export")


def flags_frame(rows: list[dict]) -> pd.DataFrame:
    cols = ["file", "table", "region", "item", "year", "value", "flag", "reason"]
    df = pd.DataFrame(rows, columns=cols)
    if len(df):
        df["year"] = pd.to_numeric(df["year"]).astype("Int64")
        df["value"] = pd.to_numeric(df["value"]).astype("float64")
    return df


def technologies_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["classification", "technology", "technology_id", "label", "group"])


def single_file(filename: str, load: Callable[..., "AdapterResult"]) -> tuple[Callable[[Path], list[Path] | None], Callable[..., "AdapterResult"]]:
    """``detect`` and ``load_from_raw`` for an adapter that reads one file of a raw data folder.

    ``detect(raw_dir)`` gives ``[raw_dir / filename]`` when the file is there (else None);
    ``load_from_raw(raw_dir, files, progress)`` calls ``load(file, label=<path relative to raw_dir>)``.
    """

    def detect(raw_dir: Path) -> list[Path] | None:
        path = Path(raw_dir) / filename
        return [path] if path.is_file() else None

    def load_from_raw(raw_dir: Path, files: list[Path], progress: Progress = _quiet) -> AdapterResult:
        return load(files[0], label=files[0].relative_to(raw_dir).as_posix(), progress=progress)

    return detect, load_from_raw
