"""Data-quality flags of the sector chapter: implausible scales found here, and the adapter's flags that touch a cell.

A flagged value is never used: it is left out, and the cell says so (see
:mod:`helpers.chapters.sectors.national_accounts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from helpers.chapters.sectors.regions import eurostat_code
from helpers.chapters.sectors.values import split_codes
from helpers.methods.ratings import require_columns

#: Flag set by :func:`plausibility_flags` (not one of the adapter's flags; it lives only in the copy used here).
SCALE_FLAG = "scale_suspect"


def plausibility_flags(table: pd.DataFrame, factor: float = 100.0) -> pd.DataFrame:
    """``table`` with ``flag = scale_suspect`` on values whose share in their country's total is implausible.

    For every indicator, sector (not TOTAL) and year, the share ``value / TOTAL`` of each country is
    compared with the median share over the countries; a share more than ``factor`` times above or
    below the median is flagged (unless the value is already flagged). This catches series reported in
    another unit than the country's total (``sectors_natacc_eu28.csv``: Germany's hours worked in C20,
    C21, C26 and M72 are about 1,000 times too small for its total), which no per-series check sees
    because the series is smooth. Real specialisation stays far within a factor of 100 of the median
    (Ireland's pharmaceutical share of value added is about 20 times the median).
    """
    if factor is None or factor <= 1:
        return table
    out = table.copy()
    clean = out["flag"].fillna("") == ""
    tot = out[(out["sector"] == "TOTAL") & clean & (out["value"] > 0)].set_index(["region", "indicator", "year"])["value"]
    sub = out[(out["sector"] != "TOTAL") & clean & (out["value"] > 0)]
    if sub.empty or tot.empty:
        return out
    keys = pd.MultiIndex.from_frame(sub[["region", "indicator", "year"]])
    share = pd.Series(sub["value"].to_numpy() / tot.reindex(keys).to_numpy(), index=sub.index)
    share = share[np.isfinite(share)]
    groups = sub.loc[share.index, ["indicator", "sector", "year"]]
    median = share.groupby([groups["indicator"], groups["sector"], groups["year"]]).transform("median")
    ratio = share / median
    bad = ratio[(ratio > factor) | (ratio < 1 / factor)].index
    out.loc[bad, "flag"] = SCALE_FLAG
    return out


def flags_for_cells(quality_flags: pd.DataFrame, domains: pd.DataFrame, focus: str, window: Sequence[int],
                    indicators: Iterable[str] = ("VA", "EXP", "EMP")) -> pd.DataFrame:
    """Rows of ``quality_flags`` for the focus region's domain sectors (and the total) in the window.

    Columns: domain_id (``TOTAL`` rows get every domain id joined by ', '), sector, indicator, year,
    value, flag, reason.
    """
    require_columns(quality_flags, ("table", "region", "item", "year", "value", "flag", "reason"), "quality_flags")
    code = eurostat_code(focus)
    start, end = int(window[0]), int(window[1])
    q = quality_flags[(quality_flags["table"] == "sector_indicators") & (quality_flags["region"] == code)].copy()
    q["year"] = pd.to_numeric(q["year"], errors="coerce")
    q = q[(q["year"] >= start) & (q["year"] <= end)]
    parts = q["item"].astype(str).str.rsplit(" ", n=1, expand=True)
    if q.empty:
        return pd.DataFrame(columns=["domain_id", "sector", "indicator", "year", "value", "flag", "reason"])
    q["sector"], q["indicator"] = parts[0], parts[1]
    q = q[q["indicator"].isin(set(indicators))]
    by_sector: dict[str, list[str]] = {}
    for _, d in domains.iterrows():
        for c in split_codes(d["nace"]):
            by_sector.setdefault(c, []).append(d["domain_id"])
    by_sector["TOTAL"] = ["all domains"]
    q = q[q["sector"].isin(by_sector)]
    q["domain_id"] = q["sector"].map(lambda s: ", ".join(by_sector[s]))
    q["year"] = q["year"].astype(int)
    return q[["domain_id", "sector", "indicator", "year", "value", "flag", "reason"]].sort_values(["sector", "indicator", "year"]).reset_index(drop=True)

