"""Adapters: one module per source format, each turning raw files into canonical tables.

Every adapter exposes ``load(...) -> AdapterResult`` (pure: reads, never writes) and module constants
``NAME``, ``SOURCE`` (where the data come from, licence) and ``DOWNLOAD`` (where to get it).
:mod:`helpers.data.canonical` validates and writes the results atomically.
"""

from __future__ import annotations

import hashlib
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


def read_csv_raw(
    path: Path,
    columns: list[str],
    *,
    label: str | None = None,
    encoding: str = "utf-8",
    sep: str = ",",
    allow_extra: bool = True,
) -> pd.DataFrame:
    """Read a CSV as text (no type guessing, empty cells stay ''), check the header.

    Handles CR, LF and CRLF line endings. Missing columns raise InputError; extra columns are
    allowed for raw exports (their layouts grow) unless ``allow_extra`` is False.
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
    import io

    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[], quotechar='"')
    except pd.errors.EmptyDataError:
        raise InputError(f"{label}: the file is empty; expected a header with columns {', '.join(columns)}") from None
    except pd.errors.ParserError as exc:
        raise InputError(f"{label}: cannot parse as CSV ({' '.join(str(exc).split())}); check the delimiter and quoting") from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(
            f"{label}: missing column(s) {', '.join(repr(m) for m in missing)}; the file has {', '.join(map(str, df.columns[:12]))}"
            f"{'...' if len(df.columns) > 12 else ''}: use the documented export layout (see the data annex)"
        )
    if not allow_extra:
        extra = [c for c in df.columns if c not in columns]
        if extra:
            raise InputError(
                f"{label}: unexpected column(s) {', '.join(repr(e) for e in extra)}; expected exactly {', '.join(columns)}: "
                f"this is not the documented layout (an extra column may change what the values mean), remove the column or use the right file"
            )
    return df


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
            f"{label}: column '{column}' has a non-numeric {what} {df[column].iloc[pos]!r} at line {pos + 2} "
            f"({int(bad.sum())} such rows); write a number there"
        )
    if empty.any() and not allow_empty:
        pos = int(np.flatnonzero(empty.to_numpy())[0])
        raise InputError(
            f"{label}: column '{column}' is empty (NaN) at line {pos + 2} ({int(empty.sum())} such rows); "
            f"every row needs a {what}: fill it in (0 if there was none) or remove the row"
        )
    if integer:
        frac = num.notna() & (num % 1 != 0)
        if frac.any():
            pos = int(np.flatnonzero(frac.to_numpy())[0])
            raise InputError(f"{label}: column '{column}' must be a whole number but is {df[column].iloc[pos]!r} at line {pos + 2}; fix the value")
    if nonnegative:
        neg = num.notna() & (num < 0)
        if neg.any():
            pos = int(np.flatnonzero(neg.to_numpy())[0])
            raise InputError(
                f"{label}: column '{column}' has a negative {what} {df[column].iloc[pos]!r} at line {pos + 2} "
                f"({int(neg.sum())} such rows); counts cannot be negative: correct or remove the row"
            )
    return num.astype("Int64") if integer else num.astype("float64")


def check_years(years: pd.Series, label: str, column: str = "year", lo: int = 1900, hi: int = 2100) -> None:
    bad = years.notna() & ((years < lo) | (years > hi))
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"{label}: column '{column}' has the year {years.iloc[pos]} at line {pos + 2}, outside {lo}-{hi}; fix the year")


def check_duplicates(df: pd.DataFrame, key: list[str], label: str) -> None:
    dup = df.duplicated(key, keep="first")
    if dup.any():
        pos = int(np.flatnonzero(dup.to_numpy())[0])
        row = df.iloc[pos]
        raise InputError(
            f"{label}: duplicate row for ({', '.join(f'{k}={row[k]}' for k in key)}) at line {pos + 2} "
            f"({int(dup.sum())} duplicates); each combination may occur once: remove or sum the duplicates"
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
