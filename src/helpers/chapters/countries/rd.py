"""R&D intensity: GERD and BERD as % of GDP for Flanders, the focus and comparison countries and the EU.

:func:`rd_regions` (which data codes stand for the chapter's regions: ``BE2`` for Flanders, NUTS 0
for countries, ``EU27``), :func:`rd_intensity` (GERD and BERD as % of GDP over a window, from the
canonical ``region_indicators`` table, Eurostat regional R&D), :func:`rd_summary` and
:func:`rd_target` (the 3% target of ``figures.csv``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.chapters.countries.selection import FLANDERS_NUTS
from helpers.data.regions import EDITION_AGGREGATES as AGGREGATES
from helpers.data.regions import region_is_known
from helpers.errors import InputError

#: The aggregate that stands for the EU in the R&D data.
EU_RD = "EU27"
#: Roles of the regions in the R&D comparison, in display order (see :func:`rd_regions`).
ROLE_ORDER = ("flanders", "focus", "comparison", "eu")

#: ``figures.csv`` fact with the European R&D target (TNO 2025: 3% of GDP).
RD_TARGET_FACT = "nld_tno_rd_target"


def rd_target(figures: pd.DataFrame, fact_id: str = RD_TARGET_FACT) -> tuple[float, str]:
    """The R&D intensity target (% of GDP) and its citation from ``figures.csv``."""
    row = figures[figures["fact_id"] == fact_id]
    if row.empty:
        raise InputError(f"rd_target: fact {fact_id!r} is not in figures.csv; add it or pass another fact_id")
    if row.iloc[0]["unit"] != "percent of GDP":
        raise InputError(f"rd_target: fact {fact_id!r} has unit {row.iloc[0]['unit']!r}, not 'percent of GDP'")
    return float(row.iloc[0]["value"]), str(row.iloc[0]["citation"])


def rd_regions(focus_region: str, comparison_regions: Sequence[str], regions: pd.DataFrame, *,
               flanders: str | None = FLANDERS_NUTS, eu: str | None = EU_RD) -> pd.DataFrame:
    """Which ``region_indicators`` codes stand for the chapter's regions.

    One row per shown region: ``code`` (as asked), ``region`` (the code in the data: NUTS 0 for a
    country, e.g. ``DEU`` -> ``DE``, ``GBR`` -> ``UK``), ``role`` (``flanders``, ``focus``,
    ``comparison``, ``eu``). ``regions`` is the canonical regions table. Raises InputError for an
    unknown code.
    """
    nuts0 = regions[regions["level"] == "nuts0"].dropna(subset=["iso3"]).drop_duplicates("iso3").set_index("iso3")["region"]
    known = set(regions["region"])

    def _data_code(code: str) -> str:
        code = str(code).strip()
        if not code or not region_is_known(code):
            raise InputError(f"rd_regions: unknown region code {code!r}; use an ISO 3166 alpha-3 code (DEU), a NUTS code (BE2) or one of {', '.join(AGGREGATES)}")
        if code in nuts0.index:
            return str(nuts0[code])
        if code in known or code in AGGREGATES:
            return code
        return code  # a valid code the data do not have: shown as missing by rd_intensity

    rows = []
    if flanders:
        rows.append({"code": flanders, "region": _data_code(flanders), "role": "flanders"})
    rows.append({"code": focus_region, "region": _data_code(focus_region), "role": "focus"})
    for code in comparison_regions:
        rows.append({"code": code, "region": _data_code(code), "role": "comparison"})
    if eu:
        rows.append({"code": eu, "region": _data_code(eu), "role": "eu"})
    out = pd.DataFrame(rows)
    return out.drop_duplicates("region", keep="first").reset_index(drop=True)


def rd_intensity(region_indicators: pd.DataFrame, shown: pd.DataFrame, window: Sequence[int], *,
                 indicators: Sequence[str] = ("GERD", "BERD"), unit: str = "PC_GDP") -> tuple[pd.DataFrame, list[str]]:
    """R&D expenditure as % of GDP for the regions of :func:`rd_regions` over ``window``.

    Returns ``(table, missing)``: ``table`` has one row per (region, indicator, year) with
    ``code``, ``region``, ``role``, ``indicator``, ``year``, ``value`` (``unit``, default % of
    GDP); ``missing`` lists the asked codes with no value in the window. Raises InputError for a
    bad window, an unknown indicator or when no region has a value.
    """
    try:
        start, end = (int(y) for y in window)
    except (TypeError, ValueError):
        raise InputError(f"rd_intensity: window {window!r} must be [first year, last year]") from None
    if start > end:
        raise InputError(f"rd_intensity: window {start}-{end}: the first year is after the last")
    bad = [i for i in indicators if i not in set(region_indicators["indicator"])]
    if bad:
        raise InputError(f"rd_intensity: indicator {bad[0]!r} is not in region_indicators; available: {', '.join(sorted(set(region_indicators['indicator'])))}")
    data = region_indicators[region_indicators["indicator"].isin(list(indicators)) & (region_indicators["unit"] == unit)
                             & region_indicators["year"].between(start, end) & region_indicators["region"].isin(shown["region"])]
    table = shown.merge(data[["region", "indicator", "year", "value"]], on="region")
    missing = [c for c, r in zip(shown["code"], shown["region"]) if r not in set(table["region"])]
    if table.empty:
        raise InputError(f"rd_intensity: empty selection: no {'/'.join(indicators)} in {unit} for {', '.join(shown['code'])} in {start}-{end}; choose a window the data cover")
    table["_o"] = table["region"].map({r: i for i, r in enumerate(shown["region"])})
    table = table.sort_values(["_o", "indicator", "year"]).drop(columns=["_o"])
    table["year"] = table["year"].astype(int)
    return table.reset_index(drop=True)[["code", "region", "role", "indicator", "year", "value"]], missing


def rd_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per (region, indicator): first and last year with a value, those values, the change and the mean."""
    if table.empty:
        raise InputError("rd_summary: no R&D values to summarise")
    rows = []
    for (code, region, role, indicator), g in table.groupby(["code", "region", "role", "indicator"], sort=False):
        g = g.sort_values("year")
        rows.append({"code": code, "region": region, "role": role, "indicator": indicator,
                     "first_year": int(g["year"].iloc[0]), "first_value": float(g["value"].iloc[0]),
                     "last_year": int(g["year"].iloc[-1]), "last_value": float(g["value"].iloc[-1]),
                     "change": round(float(g["value"].iloc[-1] - g["value"].iloc[0]), 9), "mean": round(float(g["value"].mean()), 9),
                     "n_years": len(g)})
    return pd.DataFrame(rows)

