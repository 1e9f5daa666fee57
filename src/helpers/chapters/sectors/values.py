"""The table of indicator values the sector chapter builds (one row per domain and indicator), and the
helpers its parts share: domain checks, the years of a window, rows of ``na`` cells, readers' names.

Every cell either has a number or is ``NaN`` with a ``reason`` in words; every data-quality flag that
touches a cell is listed in its ``flags`` text (columns :data:`VALUE_COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from helpers.errors import InputError
from helpers.methods.ratings import INDICATORS, require_columns

#: Indicators computed besides Tabel 1's six: id -> (Dutch, English) label. Shown, not rated.
EXTRA_INDICATORS: dict[str, tuple[str, str]] = {
    "employment": ("Werkgelegenheid (gewerkte uren)", "Employment (hours worked)"),
    "productivity": ("Arbeidsproductiviteit (toegevoegde waarde per gewerkt uur)", "Labour productivity (value added per hour worked)"),
}
ALL_INDICATORS: dict[str, tuple[str, str]] = {**INDICATORS, **EXTRA_INDICATORS}

#: Columns of the value table: one row per domain and indicator (see the module docstring).
VALUE_COLUMNS = (
    "domain_id", "indicator_id", "value", "reason", "flags", "source", "years", "n_years", "focus_share",
    "reference_share", "reference_coverage", "basis",
)


def split_codes(text: str) -> list[str]:
    """The NACE codes of a ``domains.csv`` cell: ``"C10-C12; C11"`` -> ``["C10-C12", "C11"]``."""
    return [c.strip() for c in str(text).split(";") if c.strip()]


def check_domains(domains: pd.DataFrame, source: str = "domains") -> pd.DataFrame:
    """``domains`` itself when it has ``domain_id`` and ``nace`` and at least one row, else :class:`InputError`."""
    require_columns(domains, ("domain_id", "nace"), source)
    if domains.empty:
        raise InputError(f"{source}: empty selection: no domains; select at least one domain")
    return domains


def window_years(table: pd.DataFrame, window: Sequence[int], what: str) -> list[int]:
    """The years of ``table`` within ``window`` ([first, last]); an empty or malformed window is an :class:`InputError`."""
    try:
        start, end = int(window[0]), int(window[1])
    except (TypeError, ValueError, IndexError):
        raise InputError(f"{what}: window must be [first year, last year], got {window!r}") from None
    if start > end:
        raise InputError(f"{what}: window {start}-{end}: the first year is after the last; fix the window")
    have = sorted(int(y) for y in pd.unique(table["year"].dropna()))
    years = [y for y in have if start <= y <= end]
    if not years:
        span = f"{have[0]}-{have[-1]}" if have else "none"
        raise InputError(f"{what}: empty selection: no data in the window {start}-{end}; the data cover {span}: change the window")
    return years


def compress_years(items: Iterable[tuple[str, int]]) -> str:
    """[('C21 EXP zero_suspect', 2016), ('C21 EXP zero_suspect', 2017)] -> 'C21 EXP zero_suspect (2016, 2017)'."""
    grouped: dict[str, list[int]] = {}
    for label, year in items:
        grouped.setdefault(label, []).append(int(year))
    return "; ".join(f"{label} ({', '.join(str(y) for y in sorted(set(ys)))})" for label, ys in grouped.items())


def na_rows(domains: pd.DataFrame, indicator_id: str, reason: str, source: str) -> pd.DataFrame:
    """One ``na`` cell per domain for ``indicator_id``, all with the same ``reason`` (columns :data:`VALUE_COLUMNS`)."""
    return pd.DataFrame([{"domain_id": d, "indicator_id": indicator_id, "value": float("nan"), "reason": reason, "flags": "",
                          "source": source, "years": "", "n_years": 0, "focus_share": float("nan"), "reference_share": float("nan"),
                          "reference_coverage": "", "basis": ""} for d in domains["domain_id"]], columns=list(VALUE_COLUMNS))


def with_names(table: pd.DataFrame, domains: pd.DataFrame, language: str) -> pd.DataFrame:
    """``table`` for readers: a ``domain`` column (the domain's name in ``language``) first, an
    ``indicator`` column (the indicator's name) second if the table has ``indicator_id``, the other
    columns as they were, and the ids ``domain_id`` / ``indicator_id`` moved to the end (kept for
    machine use of the CSV)."""
    col = 0 if language == "nl" else 1
    out = table.copy()
    names = dict(zip(domains["domain_id"], domains[f"domain_{language}"]))
    front, ids = [], []
    if "domain_id" in out.columns:
        out["domain"] = out["domain_id"].map(names).fillna(out["domain_id"])
        front.append("domain")
        ids.append("domain_id")
    if "indicator_id" in out.columns:
        out["indicator"] = out["indicator_id"].map(lambda k: ALL_INDICATORS.get(k, (k, k))[col])
        front.append("indicator")
        ids.append("indicator_id")
    rest = [c for c in out.columns if c not in front and c not in ids]
    return out[front + rest + ids]

