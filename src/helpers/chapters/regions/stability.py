"""How sure is each regional placement (issue 15): the stability of the quadrants of the regions chapter.

Every region of the panels is recomputed ``n_runs`` times
(:func:`helpers.methods.robustness.resample_placements`) on the 282 NUTS-2 regions x 42 technologies:
the comparison regions resampled with the region kept, every patent count redrawn from a Poisson
distribution. The RCA of a run is against each region's share of *all* its patents (recovered from
the published RCA, :func:`helpers.methods.aggregation.region_shares`, and held as it is under the
noise), as the published RCA is. An aggregate (Flanders = its provinces) is a focus outside the world
totals: its counts are the sum of its members' counts in each run, its members are kept in every
sample, and it does not enter relatedness or complexity, as on the page. The complexity is the
page's: the published values held fixed, or recomputed per run by the chosen method. The quadrant
split is the median of the 42. The rule changes (:func:`helpers.methods.robustness.rule_sensitivity`)
are computed for the focus region. The summary per technology is that of
:mod:`helpers.chapters.technologies.stability` (share of runs in the page's quadrant, label,
5th-95th percentiles).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.chapters.memo import shared
from helpers.chapters.regions.space import RegionalSpace
from helpers.chapters.technologies import stability as stab
from helpers.errors import InputError
from helpers.methods import robustness as rb


def regional_rules(space: RegionalSpace, measure: str, relatedness: str) -> rb.Rules:
    """The page's rules: RCA threshold, co-location relatedness normalised by ``relatedness``, the
    ``measure`` complexity (the published values fixed, or a method recomputed per run), median split."""
    complexity: str | np.ndarray = (space.complexity["published"].reindex(space.x.columns).to_numpy(dtype=float)
                                    if measure == "published" else measure)
    return rb.Rules(threshold=space.threshold, relatedness=relatedness, complexity=complexity, split="median")


def _focus(space: RegionalSpace, region: str) -> str | list[str]:
    if region in space.x.index:
        return region
    members = list(space.groups.get(region, ()))
    if not members:
        raise InputError(f"regional stability: {region!r} is neither a region of the data nor a group")
    return members


@shared  # the same runs in both languages' pages
def region_stability(space: RegionalSpace, region: str, profile: pd.DataFrame, *, measure: str, relatedness: str, n_runs: int,
                     seed: int, rules_too: bool = False) -> stab.Stability:
    """The stability of ``region``'s placements (``profile``: its rows of the page's profiles, with
    ``technology`` and ``quadrant``) over ``n_runs`` runs from ``seed``; with ``rules_too`` the quadrant per
    rule change as well (else only the page's quadrants in :attr:`Stability.rules`)."""
    rules = regional_rules(space, measure, relatedness)
    totals = space.shares.reindex(space.x.index).fillna(0.0)
    focus = _focus(space, region)
    observed = profile.set_index("technology")["quadrant"].reindex(space.x.columns)
    runs = rb.resample_placements(space.x, focus, rules, n_runs=n_runs, seed=seed, totals=totals, orient=True)
    table = rb.stability(runs, [None if pd.isna(v) else v for v in observed], labels=space.x.columns, stable=stab.STABLE,
                         leaning=stab.LEANING)
    table = table.loc[profile["technology"]]
    if rules_too:
        by_rule = rb.rule_sensitivity(space.x, focus, rules, totals=totals)
    else:
        by_rule = pd.DataFrame(index=space.x.columns)
    by_rule["base"] = observed.reindex(by_rule.index)
    return stab.Stability(table, by_rule[["base", *[c for c in by_rule.columns if c != "base"]]], int(n_runs), int(seed))


def page_stability(space: RegionalSpace, profiles: pd.DataFrame, regions: Sequence[str], focus: str, *, measure: str, relatedness: str,
                   n_runs: int, seed: int) -> tuple[pd.DataFrame, dict[str, stab.Stability]]:
    """The stability of every region of ``regions`` (the panels): ``profiles`` with the columns of
    :data:`helpers.chapters.technologies.stability.STABILITY_COLUMNS` per region, and the
    :class:`~helpers.chapters.technologies.stability.Stability` per region (rule changes for ``focus``)."""
    parts, out = [], {}
    for region in regions:
        own = profiles[profiles["region"] == region]
        out[region] = region_stability(space, region, own, measure=measure, relatedness=relatedness, n_runs=n_runs, seed=seed,
                                       rules_too=region == focus)
        parts.append(stab.with_stability(own, out[region]))
    rest = profiles[~profiles["region"].isin(list(regions))]
    return pd.concat([*parts, rest]).loc[profiles.index], out
