"""Sector strengths (seed section 3.2, Tabel 1): indicator values per domain, with a reason for every gap.

The seed rates nine domains on six indicators (value added, export, R&D expenditure, R&D personnel,
patents, publications). This module computes those indicators for a focus region against a
reference from the canonical tables, so that :mod:`helpers.methods.ratings` can rate them and the book can
compare the result with the published Tabel 1. Every cell either has a number or is ``NaN`` with a
``reason`` in words; every data-quality flag that touches a cell is listed in its ``flags`` text.
A flagged value is never used: it is left out, and the cell says so.

Notation: ``X[r, s, k, y]`` is the value of indicator ``k`` (VA, EXP, EMP, BERD, ...) of region ``r``
in NACE group ``s`` and year ``y`` (canonical table ``sector_indicators``); ``T`` is the total
economy (NACE ``TOTAL``); ``G_d`` the NACE group(s) of domain ``d`` (``data/domains.csv``).

Sector indicators (value added, export, employment; R&D where the data have sector detail)
-------------------------------------------------------------------------------------------
Share of the domain in the region's economy in year ``y``::

    s[r, d, k, y] = sum_{g in G_d} X[r, g, k, y] / X[r, T, k, y]

Share in the reference ``R`` (a group of countries such as EU27 or EU28)::

    s[R, d, k, y] = sum_{c in U(y)} sum_{g in G_d} X[c, g, k, y] / sum_{c in U(y)} X[c, T, k, y]

where ``U(y)`` are the member countries whose values for the domain's groups and for the total are
all present and unflagged in year ``y`` (a country with a flagged value is left out of that year's
reference, numerator and denominator alike). Money values are first put on a common euro scale,
``X * GDP_EUR[c, y] / VA[c, T, y]`` (:func:`euro_factors`), because ``sectors_natacc_eu28.csv`` holds
the values of non-euro countries in their own currency; hours worked are summed as they are. Besides
the adapter's flags, a value whose share in its country's total is more than 100 times above or
below the median share of the countries is flagged ``scale_suspect`` (:func:`plausibility_flags`).
If the reference itself is a region of the table (an aggregate row such as ``EU27`` from Eurostat
SDMX, or a single country) its own row is used.

Specialisation index per year and over the window ``Y`` (the years ``y`` in which the focus values
are usable and the countries in ``U(y)`` make up at least ``min_coverage`` of the reference)::

    SI[y]     = s[focus, d, k, y] / s[R, d, k, y]          (1 = as important as in the reference)
    SI[d, k]  = mean over y in Y of SI[y]

Labour productivity (not a Tabel 1 column; the seed counts productivity under economic strength)::

    P[r, d, y] = (VA[r, d, y] / EMP[r, d, y]) / (VA[r, T, y] / EMP[r, T, y])
    PI[d, y]   = P[focus, d, y] / P[R, d, y]

i.e. the domain's value added per hour worked relative to the whole economy, in the focus region
relative to the same in the reference. ``EMP`` in ``sectors_natacc_eu28.csv`` is thousands of hours
worked (``THS_HW``), so productivity is value added per hour worked, not per person. The file's
``PROD`` indicator is the production value (output), not productivity; it is not used.

Patents and publications
------------------------
Patents are counted by WIPO field (35 fields), publications by NCSES field (14 fields). A domain's
fields come from a documented mapping (``data/concordance_wipo35_nace.csv``: WIPO field -> NACE group,
after Schmoch et al. 2003; ``data/mapping_ncses_domain.csv``: NCSES field -> domain). With ``F_d`` the
mapped fields and sums over the years of the window::

    SI[d] = (sum_{f in F_d} X[focus, f] / X[focus, total]) / (sum_{f in F_d} X[R, f] / X[R, total])

The total is the sum over all 35 WIPO fields for patents and NCSES's "All S&E fields" row for
publications. The reference is the sum of its member countries in the data (never an aggregate row
of the source: NCSES's aggregates are not the sum of their countries, see quality_flags.csv). A
domain without a mapped field is ``NaN`` with the mapping file's reason.

Coverage of the reference: the share of the reference's economy in the countries used,
``sum_{c in U} w_c / sum_{c in R} w_c`` with ``w_c`` the country's GDP in euro averaged over the
window (over all available years if the window has none). Leaving out a small country barely
matters; leaving out Germany does, and the coverage shows it. The default ``min_coverage`` is 0.6 for
the specialisation indices and 0.9 for growth.

Growth potential (decision-framework input)
-------------------------------------------
Compound annual growth of the domain's value added (or exports) in the reference between two years
``y0 < y1`` of the window, against the total economy::

    g_d = (S_d[y1] / S_d[y0]) ** (1 / (y1 - y0)) - 1,   g_T likewise for the total
    growth potential = g_d - g_T > margin

with sums over the countries whose values for the domain and the total are usable in both ``y0`` and
``y1`` (the same countries in both years). ``(y0, y1)`` is the longest pair of years of the window for
which those countries cover at least ``min_coverage`` of the reference (ties: the higher coverage, then
the later pair). Values are in current euro (nominal).
"""

from __future__ import annotations

import html as html_lib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import pycountry

from helpers.errors import InputError
from helpers.methods.ratings import (
    INDICATORS,
    PROJECT_DATA,
    RankRule,
    ThresholdRule,
    compare_ratings,
    rate,
    require_columns,
)
from helpers.data.regions import ISO2_TO_EUROSTAT

# --------------------------------------------------------------------------------------------
# regions
# --------------------------------------------------------------------------------------------

#: The 27 member states of the European Union since 1 February 2020 (Eurostat's EU27_2020), ISO 3166 alpha-3.
EU27_MEMBERS: tuple[str, ...] = (
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
    "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
)
#: EU-28: the EU-27 and the United Kingdom (member until 31 January 2020).
EU28_MEMBERS: tuple[str, ...] = EU27_MEMBERS + ("GBR",)
REFERENCE_GROUPS: dict[str, tuple[str, ...]] = {"EU27": EU27_MEMBERS, "EU28": EU28_MEMBERS}


def eurostat_code(code: str) -> str:
    """The Eurostat (NUTS 0) code of an ISO 3166 alpha-3 country: BEL -> BE, GRC -> EL, GBR -> UK.

    NUTS codes (BE2), aggregates (EU27) and anything that is not an ISO alpha-3 country are returned
    unchanged.
    """
    if len(code) == 3 and code.isalpha() and code.isupper() and code not in REFERENCE_GROUPS:
        country = pycountry.countries.get(alpha_3=code)
        if country is not None:
            return ISO2_TO_EUROSTAT.get(country.alpha_2, country.alpha_2)
    return code


def reference_members(reference: str) -> tuple[str, ...]:
    """Member countries (ISO alpha-3) of a reference group, or ``(reference,)`` for a single region."""
    return REFERENCE_GROUPS.get(reference, (reference,))


# --------------------------------------------------------------------------------------------
# indicators
# --------------------------------------------------------------------------------------------

#: Indicators computed besides Tabel 1's six: id -> (Dutch, English) label. Shown, not rated.
EXTRA_INDICATORS: dict[str, tuple[str, str]] = {
    "employment": ("Werkgelegenheid (gewerkte uren)", "Employment (hours worked)"),
    "productivity": ("Arbeidsproductiviteit (toegevoegde waarde per gewerkt uur)", "Labour productivity (value added per hour worked)"),
}
ALL_INDICATORS: dict[str, tuple[str, str]] = {**INDICATORS, **EXTRA_INDICATORS}


@dataclass(frozen=True)
class Measure:
    """How a sector indicator is computed from ``sector_indicators`` codes.

    ``kind="share"``: the domain's share of ``codes[0]`` in the total economy; ``kind="ratio"``: the
    domain's ``codes[0] / codes[1]`` relative to the same ratio for the total economy.
    """

    kind: str
    codes: tuple[str, ...]
    optional: bool = False  # absent from the data -> na with a reason, not an error


#: Sector-based indicators: id -> measure. R&D needs a table with NACE detail (Eurostat rd_e_berdindr2,
#: rd_p_persindr2 via the eurostat_sdmx adapter: indicators BERD, BES_RD_PERS).
SECTOR_MEASURES: dict[str, Measure] = {
    "value_added": Measure("share", ("VA",)),
    "export": Measure("share", ("EXP",)),
    "employment": Measure("share", ("EMP",)),
    "productivity": Measure("ratio", ("VA", "EMP")),
    "rd_expenditure": Measure("share", ("BERD",), optional=True),
    "rd_personnel": Measure("share", ("BES_RD_PERS",), optional=True),
}

RD_NA_REASON = (
    "no R&D data by NACE sector: the R&D source in the data folder (Eurostat regional R&D, regional_rd_eurostat.csv) "
    "has totals per region only (GERD, BERD, R&D personnel), no breakdown by sector; add Eurostat rd_e_berdindr2 / "
    "rd_p_persindr2 through the eurostat_sdmx adapter to fill this cell"
)

VALUE_COLUMNS = (
    "domain_id", "indicator_id", "value", "reason", "flags", "source", "years", "n_years", "focus_share",
    "reference_share", "reference_coverage", "basis",
)


def _split_codes(text: str) -> list[str]:
    return [c.strip() for c in str(text).split(";") if c.strip()]


def _check_domains(domains: pd.DataFrame, source: str = "domains") -> pd.DataFrame:
    require_columns(domains, ("domain_id", "nace"), source)
    if domains.empty:
        raise InputError(f"{source}: empty selection: no domains; select at least one domain")
    return domains


def _window_years(table: pd.DataFrame, window: Sequence[int], what: str) -> list[int]:
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


def _compress(items: Iterable[tuple[str, int]]) -> str:
    """[('C21 EXP zero_suspect', 2016), ('C21 EXP zero_suspect', 2017)] -> 'C21 EXP zero_suspect (2016, 2017)'."""
    grouped: dict[str, list[int]] = {}
    for label, year in items:
        grouped.setdefault(label, []).append(int(year))
    return "; ".join(f"{label} ({', '.join(str(y) for y in sorted(set(ys)))})" for label, ys in grouped.items())


# --------------------------------------------------------------------------------------------
# sector indicators: currencies, per year, then over the window
# --------------------------------------------------------------------------------------------

#: Money indicators of ``sector_indicators``. In ``sectors_natacc_eu28.csv`` these are in millions of the
#: country's own currency (CZK for CZ, HUF for HU, GBP for UK, ...), although the unit column says
#: MIO_EUR; within a country this does not matter (shares), across countries it does (sums).
MONEY_INDICATORS: frozenset[str] = frozenset({"VA", "EXP", "PROD", "BERD", "COMP"})


def euro_factors(table: pd.DataFrame, region_indicators: pd.DataFrame) -> pd.DataFrame:
    """Per country and year the factor that puts its money values on a common euro scale.

    ``factor = GDP_EUR / VA_TOTAL``, where ``GDP_EUR = GERD[MIO_EUR] / GERD[PC_GDP] * 100`` (Eurostat
    rd_e_gerdreg: R&D expenditure in million euro and in % of GDP, canonical table
    ``region_indicators``) and ``VA_TOTAL`` is the country's total value added in ``table`` (its own
    currency). ``X * factor`` is X expressed as a share of the country's value added times its GDP in
    euro: summable across countries. The factor assumes the same ratio of value added to GDP in every
    country (in the EU about 0.86-0.92); R&D intensity is published with two decimals, so GDP_EUR
    carries a rounding error of up to 0.5 / (100 x intensity), about 1% for an intensity of 0.5%.

    Columns: region, year, gdp_eur, factor. Rows only where both numbers exist and are unflagged.
    """
    require_columns(region_indicators, ("region", "indicator", "year", "value", "unit"), "region_indicators")
    gerd = region_indicators[region_indicators["indicator"] == "GERD"]
    eur = gerd[gerd["unit"] == "MIO_EUR"][["region", "year", "value"]].rename(columns={"value": "gerd_eur"})
    pct = gerd[gerd["unit"] == "PC_GDP"][["region", "year", "value"]].rename(columns={"value": "gerd_pc"})
    gdp = eur.merge(pct, on=["region", "year"])
    gdp = gdp[(gdp["gerd_pc"] > 0) & (gdp["gerd_eur"] > 0)]
    gdp["gdp_eur"] = gdp["gerd_eur"] / gdp["gerd_pc"] * 100
    va = table[(table["indicator"] == "VA") & (table["sector"] == "TOTAL") & (table["flag"].fillna("") == "") & (table["value"] > 0)]
    out = va[["region", "year", "value"]].merge(gdp[["region", "year", "gdp_eur"]], on=["region", "year"])
    out["factor"] = out["gdp_eur"] / out["value"]
    return out[["region", "year", "gdp_eur", "factor"]].reset_index(drop=True)


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


def _component(table: pd.DataFrame, regions: Sequence[str], codes: Sequence[str], indicator: str,
               years: Sequence[int]) -> pd.DataFrame:
    """Per (region, year): ``value`` = sum over ``codes`` and ``status`` ('' if usable, else why not)."""
    sub = table[(table["indicator"] == indicator) & table["region"].isin(regions) & table["sector"].isin(codes)
                & table["year"].isin(years)]
    index = pd.MultiIndex.from_product([list(regions), list(years)], names=["region", "year"])
    label = f"{'+'.join(codes)} {indicator}"
    if sub.empty:
        out = pd.DataFrame(index=index, data={"value": np.nan})
        out["status"] = f"{label} absent"
        return out
    flags = sub["flag"].fillna("").astype(str)
    grouped = sub.assign(flag=flags).groupby(["region", "year"])
    out = pd.DataFrame({
        "value": grouped["value"].sum(min_count=1),
        "n": grouped["sector"].nunique(),
        "n_valid": grouped["value"].count(),
        "flag": grouped["flag"].agg(lambda s: ",".join(sorted({f for f in s if f}))),
    }).reindex(index)
    status = []
    for n, n_valid, flag in zip(out["n"], out["n_valid"], out["flag"]):
        if pd.isna(n) or n < len(codes):
            status.append(f"{label} absent")
        elif isinstance(flag, str) and flag:
            status.append(f"{label} {flag}")
        elif n_valid < len(codes):
            status.append(f"{label} missing")
        else:
            status.append("")
    out["status"] = status
    return out[["value", "status"]]


def _to_euro(comp: pd.DataFrame, indicator: str, factors: pd.DataFrame | None) -> pd.DataFrame:
    """Multiply a money component by the euro factors; no factor -> status 'no euro factor'."""
    if factors is None or indicator not in MONEY_INDICATORS:
        return comp
    f = factors.set_index(["region", "year"])["factor"]
    out = comp.copy()
    factor = f.reindex(out.index)
    out["value"] = out["value"] * factor
    lacking = factor.isna() & (out["status"] == "")
    out.loc[lacking, "status"] = "no euro factor (GDP in euro or total value added missing)"
    return out


def _measure_value(measure: Measure, parts: Sequence[float]) -> float:
    """Value of a measure from its component sums (see :func:`_components_for`)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure.kind == "share":
            num, den = parts
            v = num / den if den > 0 else np.nan
        else:
            a_s, b_s, a_t, b_t = parts
            v = (a_s / b_s) / (a_t / b_t) if min(b_s, b_t, a_t) > 0 else np.nan
    return float(v) if np.isfinite(v) else float("nan")


def _components_for(measure: Measure, codes: Sequence[str]) -> list[tuple[tuple[str, ...], str]]:
    if measure.kind == "share":
        k = measure.codes[0]
        return [(tuple(codes), k), (("TOTAL",), k)]
    a, b = measure.codes
    return [(tuple(codes), a), (tuple(codes), b), (("TOTAL",), a), (("TOTAL",), b)]


def _reference_regions(table: pd.DataFrame, reference: str) -> tuple[list[str], str]:
    """Regions of ``sector_indicators`` that make up the reference, and how (own rows or sum of members)."""
    present = set(table["region"])
    own = eurostat_code(reference)
    if own in present:
        return [own], f"{reference}: its own rows"
    if reference not in REFERENCE_GROUPS:
        raise InputError(f"sector_indicators: reference region {reference!r} has no rows; use EU27, EU28 or a region in the data")
    members = [eurostat_code(m) for m in reference_members(reference)]
    return members, f"{reference}: sum of its {len(members)} member countries"


def country_weights(regions: Sequence[str], years: Sequence[int], factors: pd.DataFrame | None) -> pd.Series:
    """Weight of each member in its reference: GDP in euro (see :func:`euro_factors`), mean over ``years``,
    else over all years available; equal weights when no factors are given; 0 for a member without GDP."""
    if factors is None:
        return pd.Series(1.0, index=list(regions))
    in_window = factors[factors["year"].isin(years)].groupby("region")["gdp_eur"].mean()
    anywhere = factors.groupby("region")["gdp_eur"].mean()
    return pd.Series({r: float(in_window.get(r, anywhere.get(r, 0.0))) for r in regions})


def _prepare_reference(table: pd.DataFrame, reference: str, years: Sequence[int], region_indicators: pd.DataFrame | None,
                       source: str, common_currency: bool = False) -> tuple[list[str], str, pd.DataFrame | None, pd.Series]:
    ref_regions, how = _reference_regions(table, reference)
    factors = None
    if len(ref_regions) > 1 and not common_currency:
        if region_indicators is None:
            raise InputError(
                f"{source}: reference {reference} is a sum of countries with money values in their own currencies; pass region_indicators "
                "(GERD in MIO_EUR and PC_GDP) so that they can be put on a euro scale"
            )
        factors = euro_factors(table, region_indicators)
        how += ", money values on a euro scale (GDP in euro / total value added)"
    weights = country_weights(ref_regions, years, factors)
    return ref_regions, how, factors, weights


def sector_shares_by_year(table: pd.DataFrame, domains: pd.DataFrame, focus: str, reference: str,
                          window: Sequence[int], indicators: Iterable[str] = ("value_added", "export", "employment", "productivity"),
                          *, region_indicators: pd.DataFrame | None = None, common_currency: bool = False,
                          min_coverage: float = 0.6, plausibility_factor: float | None = 100.0,
                          source: str = "sector_indicators") -> pd.DataFrame:
    """Per domain, indicator and year: focus value, reference value, coverage and specialisation index.

    ``table``: canonical ``sector_indicators`` (region, sector, indicator, year, value, flag).
    ``domains``: domain_id and nace (NACE group codes as in the table, several separated by ';').
    ``focus``/``reference``: ISO3, Eurostat or aggregate codes (BEL and BE both work; EU27/EU28 are
    the sum of their member countries unless the table has their own rows).
    ``region_indicators``: canonical ``region_indicators``, needed when the reference is a sum of
    countries: money values are put on a euro scale with :func:`euro_factors` before summing, unless
    ``common_currency`` says that the table's money values are all in one currency already (then they
    are summed as they are and members get equal weight in the coverage).
    ``indicators``: ids of :data:`SECTOR_MEASURES`; an indicator whose source code is not in the table
    raises :class:`InputError`, except optional (R&D) indicators, which are skipped here.
    ``plausibility_factor``: see :func:`plausibility_flags` (``None`` switches the check off).

    Columns: domain_id, indicator_id, year, focus_value, reference_value, reference_countries,
    reference_members, reference_coverage (share of the reference's GDP in euro in the countries
    used, see :func:`country_weights`), used, si, focus_status (why the focus year is unusable, ''
    if usable), reference_left_out (member countries left out that year).
    """
    require_columns(table, ("region", "sector", "indicator", "year", "value", "flag"), source)
    _check_domains(domains)
    if not 0 < min_coverage <= 1:
        raise InputError(f"min_coverage={min_coverage}: use a share in (0, 1]")
    years = _window_years(table, window, source)
    focus_code = eurostat_code(focus)
    if not (table["region"] == focus_code).any():
        raise InputError(f"{source}: region {focus!r} ({focus_code}) has no rows; choose a region present in the data")
    known_sectors = set(table["sector"])
    if "TOTAL" not in known_sectors:
        raise InputError(f"{source}: no rows for the total economy (sector 'TOTAL'); shares cannot be computed")
    for i, row in domains.iterrows():
        for code in _split_codes(row["nace"]):
            if code not in known_sectors:
                raise InputError(
                    f"domains, row {i}: unknown NACE code {code!r} for domain {row['domain_id']!r}; "
                    f"{source} has {', '.join(sorted(known_sectors)[:60])}"
                )
    ref_regions, _, factors, weights = _prepare_reference(table, reference, years, region_indicators, source, common_currency)
    total_weight = float(weights.sum()) or 1.0
    if plausibility_factor:
        table = plausibility_flags(table[table["year"].isin(years)], plausibility_factor)
    all_regions = list(dict.fromkeys([focus_code, *ref_regions]))
    known_ind = set(table["indicator"])
    rows = []
    for ind in indicators:
        if ind not in SECTOR_MEASURES:
            raise InputError(f"unknown sector indicator {ind!r}; use one of {', '.join(SECTOR_MEASURES)}")
        measure = SECTOR_MEASURES[ind]
        missing = [c for c in measure.codes if c not in known_ind]
        if missing:
            if measure.optional:
                continue
            raise InputError(f"{source}: missing indicator {missing[0]!r} (needed for {ind}); the table has {', '.join(sorted(known_ind))}")
        for _, dom in domains.iterrows():
            codes = _split_codes(dom["nace"])
            raw = [(_component(table, all_regions, c, k, years), k) for c, k in _components_for(measure, codes)]
            f_status = pd.concat([c["status"] for c, _ in raw], axis=1)
            f_values = pd.concat([c["value"] for c, _ in raw], axis=1)
            conv = [_to_euro(c, k, factors) for c, k in raw]
            r_usable = (pd.concat([c["status"] for c in conv], axis=1) == "").all(axis=1)
            r_values = pd.concat([c["value"] for c in conv], axis=1)
            for y in years:
                f_key = (focus_code, y)
                status = "; ".join(s for s in f_status.loc[f_key] if s)
                f_val = _measure_value(measure, f_values.loc[f_key].tolist()) if not status else float("nan")
                ok = [r for r in ref_regions if r_usable.loc[(r, y)]]
                r_val = _measure_value(measure, r_values.loc[[(r, y) for r in ok]].sum(axis=0).tolist()) if ok else float("nan")
                coverage = float(weights[ok].sum()) / total_weight if ok else 0.0
                si = f_val / r_val if (np.isfinite(f_val) and np.isfinite(r_val) and r_val > 0) else float("nan")
                used = bool(np.isfinite(si) and coverage >= min_coverage)
                rows.append({
                    "domain_id": dom["domain_id"], "indicator_id": ind, "year": int(y), "focus_value": f_val,
                    "reference_value": r_val, "reference_countries": len(ok), "reference_members": len(ref_regions),
                    "reference_coverage": coverage, "used": used, "si": si if used else float("nan"), "focus_status": status,
                    "reference_left_out": ", ".join(r for r in ref_regions if r not in ok),
                })
    return pd.DataFrame(rows, columns=["domain_id", "indicator_id", "year", "focus_value", "reference_value", "reference_countries",
                                       "reference_members", "reference_coverage", "used", "si", "focus_status", "reference_left_out"])


def summarise_sector_years(by_year: pd.DataFrame, *, focus: str, reference: str, min_coverage: float = 0.6) -> pd.DataFrame:
    """One row per domain and indicator from :func:`sector_shares_by_year` (columns :data:`VALUE_COLUMNS`).

    ``value`` = mean of the yearly specialisation indices over the usable years; ``reason`` says why a
    cell is empty; ``flags`` lists every flagged or missing value of the focus that was left out, and
    the reference's countries left out in the years used.
    """
    rows = []
    for (domain, ind), g in by_year.groupby(["domain_id", "indicator_id"], sort=False):
        used = g[g["used"]]
        focus_issues = [(s, y) for s, y in zip(g["focus_status"], g["year"]) if s]
        flags = []
        if focus_issues:
            flags.append(f"{focus} left out: {_compress(focus_issues)}")
        partial = used[used["reference_countries"] < used["reference_members"]]
        if len(partial):
            parts = ", ".join(f"{y} {n}/{m} ({c:.0%})" for y, n, m, c in zip(partial["year"], partial["reference_countries"],
                                                                              partial["reference_members"], partial["reference_coverage"]))
            flags.append(f"{reference} countries with usable values, share of {reference}'s GDP (the others are flagged or missing "
                         f"and left out): {parts}")
        if len(used):
            reason = ""
            value = float(used["si"].mean())
        else:
            value = float("nan")
            focus_ok = g[g["focus_status"] == ""]
            if focus_ok.empty:
                reason = f"no usable value for {focus} in {g['year'].min()}-{g['year'].max()}: {_compress(focus_issues)}"
            else:
                cov = ", ".join(f"{y} {n}/{m} ({c:.0%})" for y, n, m, c in zip(focus_ok["year"], focus_ok["reference_countries"],
                                                                               focus_ok["reference_members"], focus_ok["reference_coverage"]))
                reason = (f"the countries of {reference} with usable values make up less than {min_coverage:.0%} of {reference} in every year "
                          f"in which {focus} has a usable value ({cov})")
        m = SECTOR_MEASURES[ind]
        what = (f"share of {m.codes[0]} in the total economy" if m.kind == "share"
                else f"{m.codes[0]} per {m.codes[1]} relative to the total economy")
        rows.append({
            "domain_id": domain, "indicator_id": ind, "value": value, "reason": reason, "flags": " | ".join(flags),
            "source": "sector_indicators", "years": ", ".join(str(y) for y in used["year"]), "n_years": int(len(used)),
            "focus_share": float(used["focus_value"].mean()) if len(used) else float("nan"),
            "reference_share": float(used["reference_value"].mean()) if len(used) else float("nan"),
            "reference_coverage": (f"{used['reference_coverage'].min():.0%}-{used['reference_coverage'].max():.0%} "
                                   f"({int(used['reference_countries'].min())}-{int(used['reference_countries'].max())} of {int(used['reference_members'].iloc[0])} countries)"
                                   if len(used) else ""),
            "basis": f"{what}, {focus} / {reference}, mean of the yearly ratios",
        })
    return pd.DataFrame(rows, columns=list(VALUE_COLUMNS))


def sector_specialisation(table: pd.DataFrame, domains: pd.DataFrame, focus: str, reference: str, window: Sequence[int],
                          indicators: Iterable[str] = ("value_added", "export", "employment", "productivity"), *,
                          region_indicators: pd.DataFrame | None = None, common_currency: bool = False,
                          min_coverage: float = 0.6) -> pd.DataFrame:
    """Specialisation index per domain and sector indicator over the window (see the module docstring).

    Shortcut for :func:`sector_shares_by_year` followed by :func:`summarise_sector_years`.
    """
    by_year = sector_shares_by_year(table, domains, focus, reference, window, indicators, region_indicators=region_indicators,
                                    common_currency=common_currency, min_coverage=min_coverage)
    return summarise_sector_years(by_year, focus=focus, reference=reference, min_coverage=min_coverage)


# --------------------------------------------------------------------------------------------
# patents and publications
# --------------------------------------------------------------------------------------------

CONCORDANCE_FILE = "concordance_wipo35_nace.csv"
CONCORDANCE_COLUMNS = ("wipo_id", "wipo_field", "wipo_sector", "nace_group", "nace_rev2", "link", "schmoch2003_field",
                       "nace_rev11", "note", "citation")
CONCORDANCE_LINKS = ("core", "partial", "none")
NCSES_MAPPING_FILE = "mapping_ncses_domain.csv"
NCSES_MAPPING_COLUMNS = ("domain_id", "ncses_field", "basis", "rationale", "citation")


def _read_project_csv(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    source = str(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(f"{source}: file not found; restore it from the repository") from None
    require_columns(df, columns, source)
    empty = df["citation"].str.strip() == ""
    if empty.any():
        raise InputError(f"{source}, row {empty.idxmax()}: empty 'citation'; every row needs its source")
    return df


def load_concordance(path: str | Path | None = None) -> pd.DataFrame:
    """Read ``data/concordance_wipo35_nace.csv`` (WIPO field -> NACE group) and check it.

    Checks: columns, 35 distinct fields W01-W35, ``link`` in core/partial/none, a NACE group exactly
    where the link is not ``none``, a citation on every row.
    """
    path = Path(path) if path is not None else PROJECT_DATA / CONCORDANCE_FILE
    df = _read_project_csv(path, CONCORDANCE_COLUMNS)
    source = str(path)
    bad = ~df["link"].isin(CONCORDANCE_LINKS)
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{source}, row {i}: column 'link' has {df.at[i, 'link']!r}; use one of {', '.join(CONCORDANCE_LINKS)}")
    dup = df["wipo_id"].duplicated()
    if dup.any():
        raise InputError(f"{source}, row {dup.idxmax()}: duplicate wipo_id {df.at[dup.idxmax(), 'wipo_id']!r}; one row per WIPO field")
    expected = {f"W{i:02d}" for i in range(1, 36)}
    if set(df["wipo_id"]) != expected:
        odd = sorted(set(df["wipo_id"]) ^ expected)[0]
        raise InputError(f"{source}: wipo_id {odd!r} is missing or unknown; the file needs one row for each of W01-W35")
    incoherent = (df["link"] == "none") != (df["nace_group"].str.strip() == "")
    if incoherent.any():
        i = incoherent.idxmax()
        raise InputError(f"{source}, row {i}: 'nace_group' must be empty exactly when link is 'none' (found link={df.at[i, 'link']!r}, nace_group={df.at[i, 'nace_group']!r})")
    return df


def load_ncses_mapping(path: str | Path | None = None, *, domains: Iterable[str] | None = None) -> pd.DataFrame:
    """Read ``data/mapping_ncses_domain.csv`` (domain -> NCSES field, empty field = na with the rationale)."""
    path = Path(path) if path is not None else PROJECT_DATA / NCSES_MAPPING_FILE
    df = _read_project_csv(path, NCSES_MAPPING_COLUMNS)
    source = str(path)
    bad = ~df["basis"].isin(("seed text", "judgement"))
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{source}, row {i}: column 'basis' has {df.at[i, 'basis']!r}; use 'seed text' or 'judgement'")
    if domains is not None:
        known = set(domains)
        bad = ~df["domain_id"].isin(known)
        if bad.any():
            i = bad.idxmax()
            raise InputError(f"{source}, row {i}: unknown domain_id {df.at[i, 'domain_id']!r}; use one of {', '.join(sorted(known))}")
    dup = df.duplicated(["domain_id", "ncses_field"])
    if dup.any():
        raise InputError(f"{source}, row {dup.idxmax()}: duplicate (domain_id, ncses_field)")
    return df


def patent_field_map(concordance: pd.DataFrame, domains: pd.DataFrame, *, links: Iterable[str] = ("core", "partial")) -> tuple[pd.DataFrame, dict[str, str]]:
    """Domain -> WIPO fields through the concordance's NACE groups; and the reason for domains without one.

    A field belongs to a domain when its ``nace_group`` is one of the domain's NACE codes and its
    ``link`` is in ``links`` (default core and partial). Returns (domain_id, technology, link) and
    {domain_id: reason} for the domains that get no field.
    """
    links = set(links)
    unknown = links - set(CONCORDANCE_LINKS[:2])
    if unknown or not links:
        raise InputError(f"concordance links {sorted(links)}: use core and/or partial")
    rows, reasons = [], {}
    for _, dom in domains.iterrows():
        codes = set(_split_codes(dom["nace"]))
        hit = concordance[concordance["nace_group"].isin(codes) & concordance["link"].isin(links)]
        for _, f in hit.iterrows():
            rows.append({"domain_id": dom["domain_id"], "technology": f["wipo_field"], "link": f["link"]})
        if hit.empty:
            reasons[dom["domain_id"]] = (
                f"no WIPO field is linked to NACE {dom['nace']} in the concordance (Schmoch et al. 2003 links technology fields "
                "to manufacturing sectors only)" if not any(c.startswith("C") for c in codes) else
                f"no WIPO field with a documented {'/'.join(sorted(links))} link to NACE {dom['nace']}"
            )
    return pd.DataFrame(rows, columns=["domain_id", "technology", "link"]), reasons


def publication_field_map(mapping: pd.DataFrame, domains: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Domain -> NCSES fields from the mapping file; {domain_id: reason} for domains without a field."""
    rows, reasons = [], {}
    for d in domains["domain_id"]:
        sel = mapping[mapping["domain_id"] == d]
        fields = sel[sel["ncses_field"].str.strip() != ""]
        for _, f in fields.iterrows():
            rows.append({"domain_id": d, "technology": f["ncses_field"], "link": f["basis"]})
        if fields.empty:
            reasons[d] = ("no NCSES field measures this domain: " + "; ".join(sel["rationale"])) if len(sel) else "domain not in the NCSES mapping file"
    return pd.DataFrame(rows, columns=["domain_id", "technology", "link"]), reasons


def activity_specialisation(activity: pd.DataFrame, field_map: pd.DataFrame, domains: pd.DataFrame, focus: str, reference: str,
                            window: Sequence[int], indicator_id: str, *, total_technology: str | None = None,
                            unmapped: Mapping[str, str] | None = None, what: str = "activity") -> pd.DataFrame:
    """Specialisation of the focus region in the fields mapped to each domain, against the reference.

    ``activity``: canonical ``activity`` rows of one source and classification (region, technology,
    year, value), countries only. ``field_map``: (domain_id, technology). ``total_technology``: the
    technology that holds the total (NCSES ``all``); ``None`` = the sum of all technologies. The
    reference is the sum of its member countries present in ``activity`` (all of them for a group).
    Sums run over the window's years. Columns :data:`VALUE_COLUMNS`.
    """
    require_columns(activity, ("region", "technology", "year", "value"), what)
    require_columns(field_map, ("domain_id", "technology"), f"{what} field map")
    _check_domains(domains)
    years = _window_years(activity, window, what)
    act = activity[activity["year"].isin(years)]
    if total_technology is not None:
        totals = act[act["technology"] == total_technology]
        fields = act[act["technology"] != total_technology]
        if totals.empty:
            raise InputError(f"{what}: no rows for the total {total_technology!r}; the table must hold the total per region and year")
    else:
        totals, fields = act, act
    known_tech = set(fields["technology"])
    bad = ~field_map["technology"].isin(known_tech)
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{what} field map, row {i}: unknown technology {field_map.at[i, 'technology']!r}; the data have {', '.join(sorted(known_tech))}")
    members = list(reference_members(reference))
    present = set(act["region"])
    used_members = [m for m in members if m in present]
    absent = [m for m in members if m not in present]
    unmapped = dict(unmapped or {})
    span = f"{years[0]}-{years[-1]}"
    rows = []
    f_total = float(totals.loc[totals["region"] == focus, "value"].sum())
    r_total = float(totals.loc[totals["region"].isin(used_members), "value"].sum())
    for d in domains["domain_id"]:
        base = {"domain_id": d, "indicator_id": indicator_id, "source": what, "years": span, "n_years": len(years),
                "reference_coverage": f"{len(used_members)} of {len(members)}"}
        techs = field_map.loc[field_map["domain_id"] == d, "technology"].tolist()
        flags = f"{reference} members absent from the {what} data: {', '.join(absent)}" if absent else ""
        reason = ""
        if not techs:
            reason = unmapped.get(d, f"no {what} field is mapped to this domain")
        elif f_total <= 0:
            reason = f"{focus} has no {what} in {span}"
        elif r_total <= 0:
            reason = f"reference {reference} has no {what} in {span}"
        f_val = float(fields.loc[(fields["region"] == focus) & fields["technology"].isin(techs), "value"].sum())
        r_val = float(fields.loc[fields["region"].isin(used_members) & fields["technology"].isin(techs), "value"].sum())
        if not reason and r_val <= 0:
            reason = f"reference {reference} has no {what} in the mapped fields in {span}"
        if reason:
            rows.append({**base, "value": float("nan"), "reason": reason, "flags": flags, "focus_share": float("nan"),
                         "reference_share": float("nan"), "basis": ""})
            continue
        fs, rs = f_val / f_total, r_val / r_total
        rows.append({**base, "value": fs / rs, "reason": "", "flags": flags, "focus_share": fs, "reference_share": rs,
                     "basis": f"fields: {'; '.join(techs)}; {focus} {f_val:,.1f} of {f_total:,.1f}, {reference} {r_val:,.1f} of {r_total:,.1f}"})
    return pd.DataFrame(rows, columns=list(VALUE_COLUMNS))


# --------------------------------------------------------------------------------------------
# all six indicators
# --------------------------------------------------------------------------------------------


def _na_rows(domains: pd.DataFrame, indicator_id: str, reason: str, source: str) -> pd.DataFrame:
    return pd.DataFrame([{"domain_id": d, "indicator_id": indicator_id, "value": float("nan"), "reason": reason, "flags": "",
                          "source": source, "years": "", "n_years": 0, "focus_share": float("nan"), "reference_share": float("nan"),
                          "reference_coverage": "", "basis": ""} for d in domains["domain_id"]], columns=list(VALUE_COLUMNS))


def domain_indicators(*, sectors: pd.DataFrame | None, domains: pd.DataFrame, focus: str, reference: str, sectors_window: Sequence[int],
                      patents: pd.DataFrame | None = None, publications: pd.DataFrame | None = None,
                      patents_window: Sequence[int] | None = None, publications_window: Sequence[int] | None = None,
                      rd_window: Sequence[int] | None = None, concordance: pd.DataFrame | None = None,
                      ncses_mapping: pd.DataFrame | None = None, region_indicators: pd.DataFrame | None = None,
                      common_currency: bool = False, min_coverage: float = 0.6,
                      concordance_links: Iterable[str] = ("core", "partial")) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every indicator of every domain: (values, yearly detail of the sector indicators).

    ``values`` has one row per domain and indicator of :data:`ALL_INDICATORS` (Tabel 1's six plus
    employment and productivity), columns :data:`VALUE_COLUMNS`. A region absent from a source gives
    ``na`` cells with the reason, not an error, so that the book builds for any focus region; bad
    input (unknown NACE code, missing indicator, empty window) raises :class:`InputError`.
    """
    _check_domains(domains)
    parts, detail = [], []
    focus_code = eurostat_code(focus)
    base = ["value_added", "export", "employment", "productivity"]
    sector_na = ""
    if sectors is None or sectors.empty:
        sector_na = "no sector data (sector_indicators) in the data folder"
    elif not (sectors["region"] == focus_code).any():
        sector_na = (f"{focus} has no rows in the sector data (sector_indicators); it covers "
                     f"{', '.join(sorted(pd.unique(sectors['region']))[:40])}")
    elif (not common_currency and region_indicators is None and len(_reference_regions(sectors, reference)[0]) > 1):
        sector_na = (f"the reference {reference} is a sum of countries whose money values are in different currencies, and the data "
                     "folder has no GDP in euro (region_indicators: GERD in MIO_EUR and PC_GDP) to put them on one scale")
    if sector_na:
        for ind in base + ["rd_expenditure", "rd_personnel"]:
            parts.append(_na_rows(domains, ind, sector_na, "sector_indicators"))
    else:
        kw = dict(region_indicators=region_indicators, common_currency=common_currency, min_coverage=min_coverage)
        present = set(sectors["indicator"])
        have = [i for i in base if all(c in present for c in SECTOR_MEASURES[i].codes)]
        for ind in base:
            if ind not in have:
                lacking = [c for c in SECTOR_MEASURES[ind].codes if c not in present]
                parts.append(_na_rows(domains, ind, f"indicator {', '.join(lacking)} is not in the sector data (sector_indicators)",
                                      "sector_indicators"))
        if have:
            by_year = sector_shares_by_year(sectors, domains, focus, reference, sectors_window, have, **kw)
            detail.append(by_year)
            parts.append(summarise_sector_years(by_year, focus=focus, reference=reference, min_coverage=min_coverage))
        for ind in ("rd_expenditure", "rd_personnel"):
            code = SECTOR_MEASURES[ind].codes[0]
            rd_rows = sectors[(sectors["indicator"] == code) & (sectors["sector"] != "TOTAL")]
            if rd_rows.empty:
                parts.append(_na_rows(domains, ind, RD_NA_REASON, "sector_indicators"))
                continue
            rd_by_year = sector_shares_by_year(sectors, domains, focus, reference, rd_window or sectors_window, [ind], **kw)
            detail.append(rd_by_year)
            parts.append(summarise_sector_years(rd_by_year, focus=focus, reference=reference, min_coverage=min_coverage))
    if patents is None or patents.empty:
        parts.append(_na_rows(domains, "patents", "no patent data in the data folder", "patents"))
    else:
        conc = concordance if concordance is not None else load_concordance()
        fmap, reasons = patent_field_map(conc, domains, links=concordance_links)
        if not (patents["region"] == focus).any():
            parts.append(_na_rows(domains, "patents", f"{focus} has no rows in the patent data", "patents"))
        else:
            parts.append(activity_specialisation(patents, fmap, domains, focus, reference, patents_window or sectors_window, "patents",
                                                 unmapped=reasons, what="patents"))
    if publications is None or publications.empty:
        parts.append(_na_rows(domains, "publications", "no publication data in the data folder", "publications"))
    else:
        mapping = ncses_mapping if ncses_mapping is not None else load_ncses_mapping(domains=domains["domain_id"])
        fmap, reasons = publication_field_map(mapping, domains)
        if not (publications["region"] == focus).any():
            parts.append(_na_rows(domains, "publications", f"{focus} has no rows in the publication data", "publications"))
        else:
            parts.append(activity_specialisation(publications, fmap, domains, focus, reference, publications_window or sectors_window,
                                                 "publications", total_technology="all", unmapped=reasons, what="publications"))
    values = pd.concat(parts, ignore_index=True)
    order = {d: i for i, d in enumerate(domains["domain_id"])}
    ind_order = {k: i for i, k in enumerate(ALL_INDICATORS)}
    values = values.sort_values(["domain_id", "indicator_id"], key=lambda s: s.map(order if s.name == "domain_id" else ind_order))
    by_year = pd.concat(detail, ignore_index=True) if detail else pd.DataFrame()
    return values.reset_index(drop=True), by_year


def load_inputs(data_dir: str | Path) -> dict[str, pd.DataFrame | None]:
    """The canonical tables the sector chapter reads; a source absent from the data folder is ``None``.

    Keys: sector_indicators, region_indicators, patents (wipo35, countries), publications
    (ncses_fields, countries), quality_flags, regions.
    """
    from helpers.data import canonical

    def read(table: str, **filters: object) -> pd.DataFrame | None:
        if not canonical.table_path(Path(data_dir), table).is_file():
            return None
        try:
            return canonical.read(Path(data_dir), table, **filters)
        except InputError as exc:
            if "empty selection" in str(exc):
                return None
            raise

    return {
        "sector_indicators": read("sector_indicators"),
        "region_indicators": read("region_indicators"),
        "patents": read("activity", source="patents", classification="wipo35", level="country"),
        "publications": read("activity", source="publications", classification="ncses_fields", level="country"),
        "quality_flags": read("quality_flags"),
        "regions": read("regions"),
    }


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


# --------------------------------------------------------------------------------------------
# ratings and comparison
# --------------------------------------------------------------------------------------------

RULE_KINDS = ("threshold", "rank")


def make_rule(kind: str = "threshold", thresholds: Sequence[float] = (1.5, 1.1, 0.9),
              rank_cuts: Sequence[float] = (0.25, 0.5, 0.75)) -> ThresholdRule | RankRule:
    """The rating rule named by the edition: ``threshold`` (cut points on the specialisation index,
    strongest first) or ``rank`` (position among the rated domains, cut points as shares)."""
    if kind == "threshold":
        t = [float(x) for x in thresholds]
        if len(t) != 3:
            raise InputError(f"sector_thresholds: need three numbers [very strong, strong, neutral], got {list(thresholds)}")
        return ThresholdRule(*t)
    if kind == "rank":
        c = tuple(float(x) for x in rank_cuts)
        if len(c) != 3:
            raise InputError(f"sector_rank_cuts: need three numbers in (0, 1], got {list(rank_cuts)}")
        return RankRule(c)  # type: ignore[arg-type]
    raise InputError(f"sector_rating_rule: {kind!r}; use one of {', '.join(RULE_KINDS)}")


def rate_domains(values: pd.DataFrame, rule: ThresholdRule | RankRule) -> pd.DataFrame:
    """Rate Tabel 1's six indicators of ``values`` (from :func:`domain_indicators`) with ``rule``.

    The rank rule ranks each indicator among the domains that have a value. Columns: domain_id,
    indicator_id, value, rating, basis, reason, flags.
    """
    require_columns(values, ("domain_id", "indicator_id", "value", "reason", "flags"), "indicator values")
    six = values[values["indicator_id"].isin(INDICATORS)].reset_index(drop=True)
    if six.empty:
        raise InputError("indicator values: empty selection: none of Tabel 1's indicators is present")
    rated = rate(six[["domain_id", "indicator_id", "value", "reason"]], rule, indicators=INDICATORS)
    return rated.merge(six[["domain_id", "indicator_id", "flags"]], on=["domain_id", "indicator_id"], how="left")


def comparison_table(ratings: pd.DataFrame, published: pd.DataFrame, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cell-by-cell comparison of computed and published ratings, with the value, basis and flags.

    Adds to :func:`helpers.methods.ratings.compare_ratings`: ``value``, ``basis``, ``flags`` and ``flagged``
    (True when a data-quality flag touches the cell).
    """
    comp = compare_ratings(ratings[["domain_id", "indicator_id", "rating", "reason"]], published)
    extra = ratings[["domain_id", "indicator_id", "value", "basis", "flags"]]
    out = comp.merge(extra, on=["domain_id", "indicator_id"], how="left")
    if values is not None:
        out = out.merge(values[["domain_id", "indicator_id", "years", "focus_share", "reference_share", "reference_coverage"]],
                        on=["domain_id", "indicator_id"], how="left")
    out["flags"] = out["flags"].fillna("")
    out["flagged"] = out["flags"] != ""
    return out


# --------------------------------------------------------------------------------------------
# growth potential (decision-framework input)
# --------------------------------------------------------------------------------------------

GROWTH_MEASURES = {"VA": "value_added", "EXP": "export"}


def growth_potential(table: pd.DataFrame, domains: pd.DataFrame, reference: str, window: Sequence[int], *, measure: str = "VA",
                     margin: float = 0.0, region_indicators: pd.DataFrame | None = None, common_currency: bool = False,
                     min_coverage: float = 0.9, source: str = "sector_indicators") -> pd.DataFrame:
    """Growth of each domain in the reference against the total economy (see the module docstring).

    ``region_indicators`` / ``common_currency``: as in :func:`sector_shares_by_year` (money values of
    different currencies are put on a euro scale before summing, so growth is growth in euro).

    Columns: domain_id, measure, start_year, end_year, countries, members, coverage (share of the
    reference's GDP in euro in the countries used), sector_start, sector_end,
    total_start, total_end, sector_cagr, total_cagr, difference, growth (True/False/None), reason,
    basis, flags.
    """
    if measure not in GROWTH_MEASURES:
        raise InputError(f"sector_growth_measure: {measure!r}; use one of {', '.join(GROWTH_MEASURES)}")
    require_columns(table, ("region", "sector", "indicator", "year", "value", "flag"), source)
    _check_domains(domains)
    if measure not in set(table["indicator"]):
        raise InputError(f"{source}: missing indicator {measure!r}; the table has {', '.join(sorted(set(table['indicator'])))}")
    years = _window_years(table, window, source)
    known_sectors = set(table["sector"])
    ref_regions, how, factors, weights = _prepare_reference(table, reference, years, region_indicators, source, common_currency)
    total_weight = float(weights.sum()) or 1.0
    rows = []
    for i, dom in domains.iterrows():
        codes = _split_codes(dom["nace"])
        for code in codes:
            if code not in known_sectors:
                raise InputError(f"domains, row {i}: unknown NACE code {code!r} for domain {dom['domain_id']!r}")
        sec = _to_euro(_component(table, ref_regions, codes, measure, years), measure, factors)
        tot = _to_euro(_component(table, ref_regions, ["TOTAL"], measure, years), measure, factors)
        ok = (sec["status"] == "") & (tot["status"] == "") & (sec["value"] > 0) & (tot["value"] > 0)
        usable = {y: [r for r in ref_regions if ok.loc[(r, y)]] for y in years}
        best = None  # (span, coverage, y1, y0, countries)
        for a, y0 in enumerate(years):
            for y1 in years[a + 1:]:
                both = [r for r in usable[y0] if r in set(usable[y1])]
                cov = float(weights[both].sum()) / total_weight if both else 0.0
                if cov >= min_coverage:
                    key = (y1 - y0, cov, y1, y0, both)
                    if best is None or key[:4] > best[:4]:
                        best = key
        base = {"domain_id": dom["domain_id"], "measure": measure, "members": len(ref_regions), "basis": how}
        cov_text = ", ".join(f"{y} {len(u)}/{len(ref_regions)} ({float(weights[u].sum()) / total_weight:.0%})" for y, u in usable.items())
        if best is None:
            rows.append({**base, "start_year": None, "end_year": None, "countries": 0, "coverage": np.nan, "sector_start": np.nan,
                         "sector_end": np.nan, "total_start": np.nan, "total_end": np.nan, "sector_cagr": np.nan, "total_cagr": np.nan,
                         "difference": np.nan, "growth": None, "flags": f"countries with usable values per year: {cov_text}",
                         "reason": f"no two years in {years[0]}-{years[-1]} in which the same countries with usable {measure} for NACE {dom['nace']} "
                                   f"and the total make up at least {min_coverage:.0%} of {reference} (per year: {cov_text})"})
            continue
        _, cov, y1, y0, both = best
        s0 = float(sec.loc[[(r, y0) for r in both], "value"].sum())
        s1 = float(sec.loc[[(r, y1) for r in both], "value"].sum())
        t0 = float(tot.loc[[(r, y0) for r in both], "value"].sum())
        t1 = float(tot.loc[[(r, y1) for r in both], "value"].sum())
        n = y1 - y0
        gs, gt = (s1 / s0) ** (1 / n) - 1, (t1 / t0) ** (1 / n) - 1
        left_out = [r for r in ref_regions if r not in both]
        rows.append({**base, "start_year": y0, "end_year": y1, "countries": len(both), "coverage": cov, "sector_start": s0, "sector_end": s1,
                     "total_start": t0, "total_end": t1, "sector_cagr": gs, "total_cagr": gt, "difference": gs - gt,
                     "growth": bool(gs - gt > margin), "reason": "",
                     "flags": (f"left out (flagged or missing in {y0} or {y1}): {', '.join(left_out)}" if left_out else "")})
    out = pd.DataFrame(rows, columns=["domain_id", "measure", "start_year", "end_year", "countries", "members", "coverage", "sector_start", "sector_end",
                                      "total_start", "total_end", "sector_cagr", "total_cagr", "difference", "growth", "reason", "basis", "flags"])
    out["growth"] = out["growth"].astype(object)
    return out


# --------------------------------------------------------------------------------------------
# data-quality flags that touch the cells
# --------------------------------------------------------------------------------------------


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
        for c in _split_codes(d["nace"]):
            by_sector.setdefault(c, []).append(d["domain_id"])
    by_sector["TOTAL"] = ["all domains"]
    q = q[q["sector"].isin(by_sector)]
    q["domain_id"] = q["sector"].map(lambda s: ", ".join(by_sector[s]))
    q["year"] = q["year"].astype(int)
    return q[["domain_id", "sector", "indicator", "year", "value", "flag", "reason"]].sort_values(["sector", "indicator", "year"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# the decision framework's inputs: what is measured, what is judgement
# --------------------------------------------------------------------------------------------


def framework_input_sources(*, ratings_source: str, growth_measure: str, reference: str, sectors_window: Sequence[int],
                            transition_basis: Iterable[str], na: str, language: str = "en") -> pd.DataFrame:
    """One row per framework input: how it is obtained in this build and whether it is measured or judgement.

    Columns: input_id, input (label in ``language``), how, kind (label), kind_id (measured, published
    (seed), judgement, seed text).
    """
    if ratings_source not in ("computed", "published"):
        raise InputError(f"framework_ratings: {ratings_source!r}; use 'computed' or 'published'")
    nl = language == "nl"
    if ratings_source == "computed":
        strength = ("gemeten: berekende scores (specialisatie-index t.o.v. {ref}) ".format(ref=reference) if nl
                    else f"measured: computed ratings (specialisation index against {reference}) ")
        kind = "measured"
    else:
        strength = ("gepubliceerde scores van Tabel 1 (VARIO 2026; de regel achter de symbolen is niet gepubliceerd) " if nl
                    else "published ratings of Tabel 1 (VARIO 2026; the rule behind the symbols is not published) ")
        kind = "published (seed)"
    na_text = {"ignore": ("na-cellen tellen niet mee" if nl else "na cells are left out"),
               "unknown": ("een na-cel maakt de dimensie onbekend tenzij de andere cellen beslissen" if nl
                           else "an na cell makes the dimension unknown unless the other cells decide")}[na]
    basis = set(transition_basis)
    t_kind = "judgement" if "judgement" in basis else "seed text"
    rows = [
        ("economic", strength + ("uit toegevoegde waarde, export" if nl else "from value added, export") + f"; {na_text}", kind),
        ("innovation", strength + ("uit O&O-uitgaven, O&O-personeel, octrooien" if nl else "from R&D expenditure, R&D personnel, patents") + f"; {na_text}", kind),
        ("scientific", strength + ("uit publicaties" if nl else "from publications") + f"; {na_text}", kind),
        ("growth", (f"gemeten: jaarlijkse groei van {growth_measure} van de sector in {reference}, {sectors_window[0]}-{sectors_window[1]}, "
                    "hoger dan die van de hele economie" if nl else
                    f"measured: annual growth of the sector's {growth_measure} in {reference}, {sectors_window[0]}-{sectors_window[1]}, "
                    "above that of the total economy"), "measured"),
        ("transition", (f"oordeel: data/domain_transitions.csv (rijen met basis: {', '.join(sorted(basis))}); de seed koppelt de domeinen niet zelf aan de transities"
                        if nl else f"judgement: data/domain_transitions.csv (basis: {', '.join(sorted(basis))}); the seed does not map its domains to the transitions itself"),
         t_kind if t_kind == "judgement" else "seed text"),
    ]
    from helpers.chapters.framework import INPUTS

    kinds = {"measured": ("gemeten", "measured"), "published (seed)": ("gepubliceerd (seed)", "published (seed)"),
             "judgement": ("oordeel", "judgement"), "seed text": ("tekst van de seed", "seed text")}
    col = 0 if nl else 1
    out = pd.DataFrame(rows, columns=["input_id", "how", "kind_id"])
    out.insert(1, "input", out["input_id"].map(lambda k: INPUTS[k][col]))
    out["kind"] = out["kind_id"].map(lambda k: kinds[k][col])
    return out[["input_id", "input", "how", "kind", "kind_id"]]


# --------------------------------------------------------------------------------------------
# charts and a styled table
# --------------------------------------------------------------------------------------------

RATING_COLOURS: dict[str, str] = {"++": "#1a7f4b", "+": "#7cc48f", "+/-": "#f2e394", "-": "#e8896b", "na": "#e5e5e5"}
STATUS_COLOURS: dict[str, str] = {"agree": "#1a7f4b", "disagree": "#d1495b", "na_mismatch": "#f0a202"}


def comparison_chart(comparison: pd.DataFrame, domains: pd.DataFrame, *, language: str = "nl",
                     titles: Mapping[str, str] | None = None) -> alt.HConcatChart:
    """Computed and published ratings side by side (two heatmaps coloured by rating).

    A cell whose computed and published symbols differ gets a red border in both panels, a cell where
    exactly one of the two is ``na`` an amber border; ``⚠`` after the computed symbol marks a cell
    touched by a data-quality flag. ``titles``: computed_title, published_title, agree, disagree,
    na_mismatch, rating, status and the tooltip field names. About 620 pixels wide.
    """
    titles = dict(titles or {})
    col = 0 if language == "nl" else 1
    names = dict(zip(domains["domain_id"], domains[f"domain_{language}"]))
    ind_names = {k: v[col] for k, v in INDICATORS.items()}
    df = comparison.copy()
    df["domain"] = df["domain_id"].map(names)
    df["indicator"] = df["indicator_id"].map(ind_names)
    df["status_label"] = df["status"].map({s: titles.get(s, s) for s in STATUS_COLOURS})
    df["computed_text"] = df["computed"] + np.where(df["flagged"], "⚠", "")
    df["value_text"] = [("" if pd.isna(v) else f"{v:.2f}") for v in df["value"]]
    for c in ("reason", "flags", "basis"):
        df[c] = df[c].fillna("")
    y_order = [names[d] for d in domains["domain_id"]]
    x_order = [ind_names[k] for k in INDICATORS]
    tooltip = [alt.Tooltip("domain:N", title=titles.get("domain", "domain")), alt.Tooltip("indicator:N", title=titles.get("indicator", "indicator")),
               alt.Tooltip("computed:N", title=titles.get("computed", "computed")), alt.Tooltip("published:N", title=titles.get("published", "published")),
               alt.Tooltip("status_label:N", title=titles.get("status", "status")),
               alt.Tooltip("value_text:N", title=titles.get("value", "value")), alt.Tooltip("basis:N", title=titles.get("basis", "basis")),
               alt.Tooltip("reason:N", title=titles.get("reason", "reason")), alt.Tooltip("flags:N", title=titles.get("flags", "flags"))]
    x = alt.X("indicator:N", sort=x_order, title=None, axis=alt.Axis(labelAngle=-45, orient="top", labelLimit=130, labelFontSize=11))
    rating_scale = alt.Scale(domain=list(RATING_COLOURS), range=list(RATING_COLOURS.values()))
    border = alt.Scale(domain=[titles.get(s, s) for s in STATUS_COLOURS], range=["#ffffff", STATUS_COLOURS["disagree"], STATUS_COLOURS["na_mismatch"]])

    rating_legend = alt.Legend(title=titles.get("rating", "rating"), orient="bottom")
    status_legend = alt.Legend(title=titles.get("status", "status"), orient="bottom", symbolType="square", symbolFillColor="#ffffff")

    def panel(field: str, text_field: str, title: str, show_y: bool) -> alt.LayerChart:
        y = alt.Y("domain:N", sort=y_order, title=None, axis=alt.Axis(labelLimit=170, labelFontSize=11) if show_y else None)
        base = alt.Chart(df).encode(x=x, y=y, tooltip=tooltip)
        rect = base.mark_rect(strokeWidth=2.5).encode(
            color=alt.Color(f"{field}:N", scale=rating_scale, legend=rating_legend),
            stroke=alt.Stroke("status_label:N", scale=border, legend=status_legend))
        text = base.mark_text(fontSize=11, fontWeight="bold", color="#222").encode(text=f"{text_field}:N")
        return alt.layer(rect, text).properties(width=6 * 29, height=alt.Step(26), title=title)

    c1 = panel("computed", "computed_text", titles.get("computed_title", "Computed"), True)
    c2 = panel("published", "published", titles.get("published_title", "Published"), False)
    return alt.hconcat(c1, c2, spacing=10).resolve_scale(color="shared", stroke="shared")


def comparison_html(comparison: pd.DataFrame, domains: pd.DataFrame, *, language: str = "nl", caption: str = "",
                    labels: Mapping[str, str] | None = None) -> str:
    """Tabel 1 as a styled HTML table: per cell ``computed / published``, coloured by agreement.

    Green = same symbol, red = different symbols, amber = one of the two is ``na``; ``⚠`` marks a
    cell touched by a data-quality flag (see the values table). Hover shows value, reason and flags.
    """
    labels = dict(labels or {})
    col = 0 if language == "nl" else 1
    names = dict(zip(domains["domain_id"], domains[f"domain_{language}"]))
    light = {"agree": "#d8f0df", "disagree": "#f8d7dc", "na_mismatch": "#fde9c4"}
    cells = {(r.domain_id, r.indicator_id): r for r in comparison.itertuples(index=False)}
    head = "".join(f'<th style="padding:0.2rem 0.3rem;text-align:center">{html_lib.escape(v[col])}</th>' for v in INDICATORS.values())
    body = []
    for d in domains["domain_id"]:
        tds = []
        for k in INDICATORS:
            r = cells.get((d, k))
            if r is None:
                tds.append("<td></td>")
                continue
            value = "" if pd.isna(r.value) else f"{r.value:.2f}"
            tip = " | ".join(x for x in (value, r.basis if isinstance(r.basis, str) else "", r.reason, r.flags) if x)
            warn = " ⚠" if r.flagged else ""
            tds.append(f'<td style="background:{light[r.status]};text-align:center;white-space:nowrap;padding:0.2rem 0.3rem" '
                       f'title="{html_lib.escape(tip)}"><b>{html_lib.escape(r.computed)}</b>{warn} / {html_lib.escape(r.published)}</td>')
        body.append(f'<tr><th style="text-align:left;font-weight:normal;padding:0.2rem 0.4rem">{html_lib.escape(names.get(d, d))}</th>{"".join(tds)}</tr>')
    cap = f"<caption>{html_lib.escape(caption)}</caption>" if caption else ""
    legend = labels.get("legend", "")
    leg = f'<p style="font-size:0.85rem">{html_lib.escape(legend)}</p>' if legend else ""
    return (f'<div class="book-table"><table class="sector-compare" style="font-size:0.8rem;border-collapse:collapse">{cap}<thead><tr><th></th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>{leg}</div>")


def na_summary(values: pd.DataFrame, domains: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """The ``na`` cells of ``values`` grouped by reason: reason, cells (number), which (domain: indicator; ...)."""
    col = 0 if language == "nl" else 1
    names = dict(zip(domains["domain_id"], domains[f"domain_{language}"]))
    na = values[values["value"].isna()]
    rows = []
    for reason, g in na.groupby("reason", sort=False):
        which = "; ".join(f"{names.get(d, d)}: {ALL_INDICATORS.get(k, (k, k))[col]}" for d, k in zip(g["domain_id"], g["indicator_id"]))
        rows.append({"reason": reason, "cells": len(g), "which": which})
    return pd.DataFrame(rows, columns=["reason", "cells", "which"])


def wide_table(table_html: object, max_cell: str = "20rem") -> object:
    """Let a published table grow wider than the page (it scrolls) instead of squeezing long text
    columns into tall rows: wraps the HTML of :func:`helpers.book.publish.publish_table`."""
    from IPython.display import HTML

    text = getattr(table_html, "data", str(table_html))
    text = text.replace('<table class="sortable">', '<table class="sortable" style="width:max-content;max-width:none">', 1)
    style = (f"<style>.sector-wide td.txt{{max-width:{max_cell};min-width:4rem}} .sector-wide td, .sector-wide th"
             "{vertical-align:top} .sector-wide td.txt{font-size:0.8rem}</style>")
    return HTML(f'{style}<div class="sector-wide">{text}</div>')


def growth_chart(growth: pd.DataFrame, domains: pd.DataFrame, *, language: str = "nl", title: str = "", x_title: str = "",
                 labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """Difference between the domain's and the total economy's annual growth in the reference (bars),
    coloured by the resulting growth-potential input (yes / no / unknown)."""
    labels = dict(labels or {})
    names = dict(zip(domains["domain_id"], domains[f"domain_{language}"]))
    df = growth.copy()
    df["domain"] = df["domain_id"].map(names)
    df["input"] = df["growth"].map(lambda g: labels.get("unknown", "unknown") if g is None or (isinstance(g, float) and math.isnan(g))
                                   else labels.get("yes", "yes") if g else labels.get("no", "no"))
    df["difference_plot"] = df["difference"].fillna(0.0)
    for c in ("sector_cagr", "total_cagr", "difference"):
        df[c + "_text"] = [("" if pd.isna(v) else f"{v:+.2%}") for v in df[c]]
    df["reason"] = df["reason"].fillna("")
    order = [names[d] for d in domains["domain_id"]]
    scale = alt.Scale(domain=[labels.get("yes", "yes"), labels.get("no", "no"), labels.get("unknown", "unknown")],
                      range=["#1a7f4b", "#e8896b", "#bdbdbd"])
    bars = alt.Chart(df).mark_bar().encode(
        y=alt.Y("domain:N", sort=order, title=None, axis=alt.Axis(labelLimit=190)),
        x=alt.X("difference_plot:Q", title=x_title, axis=alt.Axis(format="+.1%")),
        color=alt.Color("input:N", scale=scale, title=labels.get("legend", "growth potential")),
        tooltip=[alt.Tooltip("domain:N", title=labels.get("domain", "domain")),
                 alt.Tooltip("sector_cagr_text:N", title=labels.get("sector", "sector")),
                 alt.Tooltip("total_cagr_text:N", title=labels.get("total", "total economy")),
                 alt.Tooltip("difference_text:N", title=labels.get("difference", "difference")),
                 alt.Tooltip("reason:N", title=labels.get("reason", "reason"))],
    )
    rule = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#444").encode(x="x:Q")
    return alt.layer(bars, rule).properties(title=title, width=380, height=alt.Step(22))


def values_chart(values: pd.DataFrame, domains: pd.DataFrame, *, language: str = "nl", title: str = "", x_title: str = "",
                 reference_lines: Sequence[float] = (1.0,), labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """Specialisation index per domain (rows) and indicator (colours), log scale, with reference lines."""
    labels = dict(labels or {})
    col = 0 if language == "nl" else 1
    names = dict(zip(domains["domain_id"], domains[f"domain_{language}"]))
    df = values[values["value"].notna() & (values["value"] > 0)].copy()
    df["domain"] = df["domain_id"].map(names)
    df["indicator"] = df["indicator_id"].map(lambda k: ALL_INDICATORS[k][col])
    df["flags"] = df["flags"].fillna("")
    order = [names[d] for d in domains["domain_id"]]
    ind_order = [ALL_INDICATORS[k][col] for k in ALL_INDICATORS if k in set(df["indicator_id"])]
    points = alt.Chart(df).mark_point(filled=True, size=70, opacity=0.85).encode(
        y=alt.Y("domain:N", sort=order, title=None, axis=alt.Axis(labelLimit=190)),
        x=alt.X("value:Q", scale=alt.Scale(type="log"), title=x_title),
        color=alt.Color("indicator:N", sort=ind_order, title=labels.get("indicator", "indicator"),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=260)),
        tooltip=[alt.Tooltip("domain:N", title=labels.get("domain", "domain")), alt.Tooltip("indicator:N", title=labels.get("indicator", "indicator")),
                 alt.Tooltip("value:Q", format=".2f", title=labels.get("value", "value")),
                 alt.Tooltip("years:N", title=labels.get("years", "years")), alt.Tooltip("flags:N", title=labels.get("flags", "flags"))],
    )
    rules = alt.Chart(pd.DataFrame({"x": list(reference_lines)})).mark_rule(color="#666", strokeDash=[4, 3]).encode(x="x:Q")
    return alt.layer(rules, points).properties(title=title, width=360, height=alt.Step(26))
