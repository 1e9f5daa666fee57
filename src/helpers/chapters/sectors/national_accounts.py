"""Sector indicators from the national accounts: value added, export, employment, productivity (R&D where
the data have sector detail), per domain, as a specialisation index of the focus region against a reference.

Notation: ``X[r, s, k, y]`` is the value of indicator ``k`` (VA, EXP, EMP, BERD, ...) of region ``r``
in NACE group ``s`` and year ``y`` (canonical table ``sector_indicators``); ``T`` is the total
economy (NACE ``TOTAL``); ``G_d`` the NACE group(s) of domain ``d`` (``data/domains.csv``).

Share of the domain in the region's economy in year ``y``::

    s[r, d, k, y] = sum_{g in G_d} X[r, g, k, y] / X[r, T, k, y]

Share in the reference ``R`` (a group of countries such as EU27 or EU28)::

    s[R, d, k, y] = sum_{c in U(y)} sum_{g in G_d} X[c, g, k, y] / sum_{c in U(y)} X[c, T, k, y]

where ``U(y)`` are the member countries whose values for the domain's groups and for the total are
all present and unflagged in year ``y`` (a country with a flagged value is left out of that year's
reference, numerator and denominator alike). Money values are first put on a common euro scale
(:mod:`helpers.chapters.sectors.regions`). Besides the adapter's flags, a value whose share in its
country's total is more than 100 times above or below the median share of the countries is flagged
``scale_suspect`` (:func:`helpers.chapters.sectors.quality.plausibility_flags`).

Specialisation index per year and over the window ``Y`` (the years ``y`` in which the focus values
are usable and the countries in ``U(y)`` make up at least ``min_coverage`` of the reference, 0.6 by
default)::

    SI[y]     = s[focus, d, k, y] / s[R, d, k, y]          (1 = as important as in the reference)
    SI[d, k]  = mean over y in Y of SI[y]

Labour productivity (not a Tabel 1 column; the seed counts productivity under economic strength)::

    P[r, d, y] = (VA[r, d, y] / EMP[r, d, y]) / (VA[r, T, y] / EMP[r, T, y])
    PI[d, y]   = P[focus, d, y] / P[R, d, y]

i.e. the domain's value added per hour worked relative to the whole economy, in the focus region
relative to the same in the reference. ``EMP`` in ``sectors_natacc_eu28.csv`` is thousands of hours
worked (``THS_HW``), so productivity is value added per hour worked, not per person. The file's
``PROD`` indicator is the production value (output), not productivity; it is not used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.chapters.sectors.quality import plausibility_flags
from helpers.chapters.sectors.regions import eurostat_code, prepare_reference, to_euro
from helpers.chapters.sectors.values import VALUE_COLUMNS, check_domains, compress_years, split_codes, window_years
from helpers.errors import InputError
from helpers.methods.ratings import require_columns


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

#: Why an R&D cell is na when the data have no R&D by NACE sector.
RD_NA_REASON = (
    "no R&D data by NACE sector: the R&D source in the data folder (Eurostat regional R&D, regional_rd_eurostat.csv) "
    "has totals per region only (GERD, BERD, R&D personnel), no breakdown by sector; add Eurostat rd_e_berdindr2 / "
    "rd_p_persindr2 through the eurostat_sdmx adapter to fill this cell"
)


def component(table: pd.DataFrame, regions: Sequence[str], codes: Sequence[str], indicator: str,
              years: Sequence[int]) -> pd.DataFrame:
    """Per (region, year): ``value`` = sum over ``codes`` and ``status`` ('' if usable, else why not).

    The status, in this order: ``absent`` (a code has no row), the flags of its rows (sorted, comma-separated),
    ``missing`` (a row has no value).

    >>> t = pd.DataFrame({"region": ["BE", "BE", "DE"], "sector": ["C", "F", "C"], "indicator": "VA", "year": 2015,
    ...                   "value": [2.0, 3.0, 4.0], "flag": ["", "zero_suspect", ""]})
    >>> component(t, ["BE", "DE"], ["C", "F"], "VA", [2015])["status"].tolist()
    ['C+F VA zero_suspect', 'C+F VA absent']
    >>> component(t, ["BE", "DE"], ["C"], "VA", [2015])["value"].tolist()
    [2.0, 4.0]
    """
    sub = table[(table["indicator"] == indicator) & table["region"].isin(regions) & table["sector"].isin(codes)
                & table["year"].isin(years)]
    index = pd.MultiIndex.from_product([list(regions), list(years)], names=["region", "year"])
    label = f"{'+'.join(codes)} {indicator}"
    if sub.empty:
        out = pd.DataFrame(index=index, data={"value": np.nan})
        out["status"] = f"{label} absent"
        return out
    keys = [sub["region"], sub["year"]]
    grouped = sub.groupby(keys)
    out = pd.DataFrame({
        "value": grouped["value"].sum(min_count=1),
        "n": grouped["sector"].nunique(),
        "n_valid": grouped["value"].count(),
    }).reindex(index)
    # the flags of a cell: its rows' flags, sorted and without repeats; one column per flag (few distinct ones),
    # then one join per distinct combination rather than one per cell
    flags = sub["flag"].fillna("").astype(str).to_numpy(dtype=object)
    vocabulary = sorted(set(flags) - {""})
    combination = np.zeros(len(out), dtype=np.int64)
    if vocabulary:
        has = pd.DataFrame({i: flags == f for i, f in enumerate(vocabulary)}, index=sub.index).groupby(keys).any().reindex(index)
        for i in range(len(vocabulary)):
            combination |= has[i].fillna(False).to_numpy(dtype=bool).astype(np.int64) << i
    n, n_valid = out["n"].to_numpy(dtype=float), out["n_valid"].to_numpy(dtype=float)
    absent = np.isnan(n) | (n < len(codes))
    status = np.full(len(out), "", dtype=object)
    status[~absent & (n_valid < len(codes))] = f"{label} missing"
    for value in np.unique(combination[~absent & (combination > 0)]):
        status[~absent & (combination == value)] = f"{label} " + ",".join(f for i, f in enumerate(vocabulary) if value >> i & 1)
    status[absent] = f"{label} absent"
    out["status"] = status
    return out[["value", "status"]]


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
    countries: money values are put on a euro scale with :func:`~helpers.chapters.sectors.regions.euro_factors` before summing, unless
    ``common_currency`` says that the table's money values are all in one currency already (then they
    are summed as they are and members get equal weight in the coverage).
    ``indicators``: ids of :data:`SECTOR_MEASURES`; an indicator whose source code is not in the table
    raises :class:`InputError`, except optional (R&D) indicators, which are skipped here.
    ``plausibility_factor``: see :func:`~helpers.chapters.sectors.quality.plausibility_flags` (``None`` switches the check off).

    Columns: domain_id, indicator_id, year, focus_value, reference_value, reference_countries,
    reference_members, reference_coverage (share of the reference's GDP in euro in the countries
    used, see :func:`~helpers.chapters.sectors.regions.country_weights`), used, si, focus_status (why the focus year is unusable, ''
    if usable), reference_left_out (member countries left out that year).
    """
    require_columns(table, ("region", "sector", "indicator", "year", "value", "flag"), source)
    check_domains(domains)
    if not 0 < min_coverage <= 1:
        raise InputError(f"min_coverage={min_coverage}: use a share in (0, 1]")
    years = window_years(table, window, source)
    focus_code = eurostat_code(focus)
    if not (table["region"] == focus_code).any():
        raise InputError(f"{source}: region {focus!r} ({focus_code}) has no rows; choose a region present in the data")
    known_sectors = set(table["sector"].unique())
    if "TOTAL" not in known_sectors:
        raise InputError(f"{source}: no rows for the total economy (sector 'TOTAL'); shares cannot be computed")
    for i, row in domains.iterrows():
        for code in split_codes(row["nace"]):
            if code not in known_sectors:
                raise InputError(
                    f"domains, row {i}: unknown NACE code {code!r} for domain {row['domain_id']!r}; "
                    f"{source} has {', '.join(sorted(known_sectors)[:60])}"
                )
    ref_regions, _, factors, weights = prepare_reference(table, reference, years, region_indicators, source, common_currency)
    total_weight = float(weights.sum()) or 1.0
    if plausibility_factor:
        table = plausibility_flags(table[table["year"].isin(years)], plausibility_factor)
    all_regions = list(dict.fromkeys([focus_code, *ref_regions]))
    known_ind = set(table["indicator"].unique())
    # every component below selects rows of one indicator, these regions and years: select them once
    table = table[table["region"].isin(all_regions) & table["year"].isin(years)]
    by_indicator = {str(k): part for k, part in table.groupby("indicator", sort=False)}
    members = np.array([all_regions.index(r) for r in ref_regions], dtype=int)

    def grid(column: pd.Series) -> np.ndarray:
        return column.to_numpy(dtype=object if column.dtype != float else float).reshape(len(all_regions), len(years))

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
            codes = split_codes(dom["nace"])
            raw = [(component(by_indicator.get(k, table.iloc[:0]), all_regions, c, k, years), k) for c, k in _components_for(measure, codes)]
            conv = [to_euro(c, k, factors) for c, k in raw]
            # each component as a regions x years grid (its index is the product of all_regions and years, in order):
            # the focus is row 0, the reference's members are the rows ``members``
            f_status = [grid(c["status"])[0] for c, _ in raw]
            f_values = [grid(c["value"])[0] for c, _ in raw]
            r_usable = np.logical_and.reduce([grid(c["status"])[members] == "" for c in conv])
            r_values = [grid(c["value"])[members] for c in conv]
            for i, y in enumerate(years):
                status = "; ".join(s[i] for s in f_status if s[i])
                f_val = _measure_value(measure, [float(v[i]) for v in f_values]) if not status else float("nan")
                usable = r_usable[:, i]
                ok = [r for r, u in zip(ref_regions, usable) if u]
                # the members' sum in the members' order (as the reference has always been summed), NaN as 0
                r_val = _measure_value(measure, [float(np.nan_to_num(v[usable, i], nan=0.0).sum()) for v in r_values]) if ok else float("nan")
                coverage = float(weights[ok].sum()) / total_weight if ok else 0.0
                si = f_val / r_val if (np.isfinite(f_val) and np.isfinite(r_val) and r_val > 0) else float("nan")
                used = bool(np.isfinite(si) and coverage >= min_coverage)
                rows.append({
                    "domain_id": dom["domain_id"], "indicator_id": ind, "year": int(y), "focus_value": f_val,
                    "reference_value": r_val, "reference_countries": len(ok), "reference_members": len(ref_regions),
                    "reference_coverage": coverage, "used": used, "si": si if used else float("nan"), "focus_status": status,
                    "reference_left_out": ", ".join(r for r, u in zip(ref_regions, usable) if not u),
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
            flags.append(f"{focus} left out: {compress_years(focus_issues)}")
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
                reason = f"no usable value for {focus} in {g['year'].min()}-{g['year'].max()}: {compress_years(focus_issues)}"
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
