"""Tabel 1 rated: the edition's rating rule applied to the six indicators, and the cell-by-cell comparison with the published table."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.errors import InputError
from helpers.methods.ratings import INDICATORS, RankRule, ThresholdRule, compare_ratings, rate, require_columns

#: The rating rules an edition can name (``sector_rating_rule``), the default first.
RULE_KINDS = ("rank", "threshold")


def make_rule(kind: str = "rank", thresholds: Sequence[float] = (1.5, 1.1, 0.9),
              rank_cuts: Sequence[float] = (0.25, 0.5, 0.75)) -> ThresholdRule | RankRule:
    """The rating rule named by the edition: ``rank`` (position among the rated domains, cut points as shares; the
    default, as the report rates "relatief tussen de sectoren onderling") or ``threshold`` (cut points on the
    specialisation index, strongest first)."""
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
    """Rate Tabel 1's six indicators of ``values`` (from :func:`~helpers.chapters.sectors.indicators.domain_indicators`) with ``rule``.

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
