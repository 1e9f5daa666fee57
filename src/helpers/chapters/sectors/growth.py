"""Growth potential of each domain (an input of the decision framework).

Compound annual growth of the domain's value added (or exports) in the reference between two years
``y0 < y1`` of the window, against the total economy::

    g_d = (S_d[y1] / S_d[y0]) ** (1 / (y1 - y0)) - 1,   g_T likewise for the total
    growth potential = g_d - g_T > margin

with sums over the countries whose values for the domain and the total are usable in both ``y0`` and
``y1`` (the same countries in both years). ``(y0, y1)`` is the longest pair of years of the window for
which those countries cover at least ``min_coverage`` (default 0.9) of the reference (ties: the higher
coverage, then the later pair). Values are in current euro (nominal).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.chapters.memo import shared
from helpers.chapters.sectors.national_accounts import component
from helpers.chapters.sectors.regions import prepare_reference, to_euro
from helpers.chapters.sectors.values import check_domains, split_codes, window_years
from helpers.errors import InputError
from helpers.methods.ratings import require_columns

#: Growth measures: sector_indicators code -> indicator id.
GROWTH_MEASURES = {"VA": "value_added", "EXP": "export"}


@shared  # the framework's page in both languages
def growth_potential(table: pd.DataFrame, domains: pd.DataFrame, reference: str, window: Sequence[int], *, measure: str = "VA",
                     margin: float = 0.0, region_indicators: pd.DataFrame | None = None, common_currency: bool = False,
                     min_coverage: float = 0.9, source: str = "sector_indicators") -> pd.DataFrame:
    """Growth of each domain in the reference against the total economy (see the module docstring).

    ``region_indicators`` / ``common_currency``: as in :func:`~helpers.chapters.sectors.national_accounts.sector_shares_by_year` (money values of
    different currencies are put on a euro scale before summing, so growth is growth in euro).

    Columns: domain_id, measure, start_year, end_year, countries, members, coverage (share of the
    reference's GDP in euro in the countries used), sector_start, sector_end,
    total_start, total_end, sector_cagr, total_cagr, difference, growth (True/False/None), reason,
    basis, flags.
    """
    if measure not in GROWTH_MEASURES:
        raise InputError(f"sector_growth_measure: {measure!r}; use one of {', '.join(GROWTH_MEASURES)}")
    require_columns(table, ("region", "sector", "indicator", "year", "value", "flag"), source)
    check_domains(domains)
    if measure not in set(table["indicator"].unique()):
        raise InputError(f"{source}: missing indicator {measure!r}; the table has {', '.join(sorted(set(table['indicator'])))}")
    years = window_years(table, window, source)
    known_sectors = set(table["sector"].unique())
    ref_regions, how, factors, weights = prepare_reference(table, reference, years, region_indicators, source, common_currency)
    total_weight = float(weights.sum()) or 1.0
    rows = []
    for i, dom in domains.iterrows():
        codes = split_codes(dom["nace"])
        for code in codes:
            if code not in known_sectors:
                raise InputError(f"domains, row {i}: unknown NACE code {code!r} for domain {dom['domain_id']!r}")
        sec = to_euro(component(table, ref_regions, codes, measure, years), measure, factors)
        tot = to_euro(component(table, ref_regions, ["TOTAL"], measure, years), measure, factors)
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
