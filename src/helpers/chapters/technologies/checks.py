"""Input checks shared by the technology chapter's modules: windows, quadrant splits, table columns and values.

Bad input raises :class:`~helpers.errors.InputError` with one line that says what to change;
warnings of the underlying measures are collected as notes (:func:`_collect`) instead of printed.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from helpers.errors import InputError

#: Columns the activity table must have (the canonical ``activity`` table).
ACTIVITY_COLUMNS = ("classification", "region", "technology", "year", "value")
#: Columns the documents table must have (the canonical ``documents`` table).
DOCUMENT_COLUMNS = ("classification", "document_id", "region", "weight", "technology", "year")

#: Where the quadrants split: ``"median"``, ``"mean"``, ``(x, y)`` or the edition's ``{x: .., y: ..}``.
Split = Literal["median", "mean"] | tuple[float, float] | Mapping[str, float]


def _window(window: Sequence[int], what: str) -> tuple[int, int]:
    """``(first year, last year)`` of ``window``; an error unless it is two years in order."""
    try:
        start, end = (int(v) for v in window)
    except (TypeError, ValueError):
        raise InputError(f"{what}: window {window!r}: give [first year, last year]") from None
    if start > end:
        raise InputError(f"{what}: window {start}-{end}: the first year is after the last")
    return start, end


def _split(split: Split) -> str | tuple[float, float]:
    """The split as :func:`helpers.methods.quadrants.quadrants` takes it: ``"median"``, ``"mean"`` or ``(x, y)``
    (from ``(x, y)`` or the edition's ``{x: .., y: ..}``)."""
    if isinstance(split, str):
        if split not in ("median", "mean"):
            raise InputError(f"quadrant split {split!r}: use 'median', 'mean' or {{x: <density>, y: <complexity>}}")
        return split
    if isinstance(split, Mapping):
        if set(split) != {"x", "y"}:
            raise InputError(f"quadrant split {dict(split)!r}: give both x (density, 0-100) and y (complexity)")
        return float(split["x"]), float(split["y"])
    try:
        x, y = split
    except (TypeError, ValueError):
        raise InputError(f"quadrant split {split!r}: use 'median', 'mean' or two numbers (x, y)") from None
    return float(x), float(y)


def _require_columns(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """An error unless ``df`` is a DataFrame with every one of ``columns``."""
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{what}: give a pandas DataFrame (the canonical table), not {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(f"{what}: missing column(s) {', '.join(repr(m) for m in missing)}; give the canonical table with {', '.join(columns)}")


def _collect(notes: list[str]):
    """Context manager that turns warnings into notes (``DataFrame.attrs['notes']``)."""

    class _Catcher:
        def __enter__(self) -> None:
            self._cm = warnings.catch_warnings(record=True)
            self._log = self._cm.__enter__()
            warnings.simplefilter("always")

        def __exit__(self, *exc: object) -> None:
            self._cm.__exit__(*exc)
            for w in self._log:
                text = str(w.message)
                if text not in notes:
                    notes.append(text)

    return _Catcher()


def _check_values(rows: pd.DataFrame, what: str, column: str = "value") -> None:
    """Every value a finite number >= 0 (before summing over years, where a negative could hide)."""
    values = pd.to_numeric(rows[column], errors="coerce")
    bad = values.isna() | ~np.isfinite(values.fillna(0)) | (values < 0)
    if bad.any():
        row = rows[bad.to_numpy()].iloc[0]
        raise InputError(f"{what}: {column} {_plain(row[column])!r} for region {row['region']!r}, technology {row['technology']!r}, year {row['year']}; "
                         f"activity must be a number >= 0")


def _plain(value: object) -> object:
    """A NumPy scalar as the Python number it holds (for messages)."""
    return value.item() if isinstance(value, np.generic) else value


def _names(values: Iterable[object], limit: int = 8) -> str:
    """The first ``limit`` values, comma-joined, and how many more there are (for messages)."""
    values = [str(v) for v in values]
    return ", ".join(values[:limit]) + (f" and {len(values) - limit} more" if len(values) > limit else "")
