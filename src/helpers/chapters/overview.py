"""Descriptive profiles of one region's activity against the world (the overview chapter).

All functions take the canonical ``activity`` table of one source and classification, restricted
to countries (``canonical.read(..., level="country")``): the world is the sum over those rows,
never an aggregate row (World, EU-27) of the source, so shares are consistent between sources.
"""

from __future__ import annotations

from collections.abc import Sequence
import warnings

import pandas as pd

from helpers.methods import specialisation
from helpers.errors import InputError


def in_window(activity: pd.DataFrame, window: Sequence[int], what: str = "activity") -> pd.DataFrame:
    """Rows with ``window[0] <= year <= window[1]``; an empty selection is an error naming the available years."""
    start, end = int(window[0]), int(window[1])
    out = activity[(activity["year"] >= start) & (activity["year"] <= end)]
    if out.empty:
        years = activity["year"]
        span = f"{years.min()}-{years.max()}" if len(years) else "none"
        raise InputError(f"{what}: no rows in the window {start}-{end}; the data cover {span}: change the window in the edition file")
    return out


def _require_region(activity: pd.DataFrame, region: str, what: str) -> None:
    if not (activity["region"] == region).any():
        raise InputError(f"{what}: region {region!r} has no rows; choose a region present in the data (see regions.csv)")


def data_region(activity: pd.DataFrame, region: str, regions: pd.DataFrame, what: str = "activity") -> str:
    """The region whose rows describe ``region``: itself when the table has it, otherwise the
    country that contains it (``iso3`` in the canonical regions table), as Belgium stands in for
    the Flemish Region (BE2) in country-level patent data. An error when neither has rows."""
    present = set(activity["region"])
    if region in present:
        return region
    country = regions.set_index("region")["iso3"].get(region)
    if isinstance(country, str) and country in present:
        return country
    raise InputError(f"{what}: region {region!r} has no rows, nor does a country containing it; choose a region present in the data (see regions.csv)")


def yearly_share(activity: pd.DataFrame, region: str, what: str = "activity") -> pd.DataFrame:
    """Per year: the region's total, the world total and ``share = region / world``."""
    _require_region(activity, region, what)
    world = activity.groupby("year")["value"].sum()
    own = activity[activity["region"] == region].groupby("year")["value"].sum()
    out = pd.DataFrame({"region_value": own, "world_value": world}).fillna({"region_value": 0.0}).dropna()
    out["share_of_world"] = out["region_value"] / out["world_value"]
    return out.reset_index().rename(columns={"index": "year"})


def field_profile(activity: pd.DataFrame, region: str, what: str = "activity") -> pd.DataFrame:
    """Per technology (field), summed over the rows given:

    - ``region_value`` = X_rt, ``world_value`` = sum over countries X_ct;
    - ``share_of_region`` = X_rt / sum_t X_rt (the region's mix);
    - ``share_of_world`` = X_rt / sum_c X_ct (the region's weight in the field);
    - ``world_mix`` = sum_c X_ct / sum_ct X_ct and ``rca`` = :func:`helpers.methods.specialisation.rca` of the
      country x technology matrix (= share_of_region / world_mix, Balassa).
    Sorted by ``region_value`` descending, then technology.
    """
    _require_region(activity, region, what)
    matrix = activity.pivot_table(index="region", columns="technology", values="value", aggfunc="sum", fill_value=0.0)
    world = matrix.sum(axis=0)
    own = matrix.loc[region]
    out = pd.DataFrame({"region_value": own, "world_value": world})
    out["share_of_region"] = out["region_value"] / out["region_value"].sum()
    out["share_of_world"] = out["region_value"] / out["world_value"]
    out["world_mix"] = out["world_value"] / out["world_value"].sum()
    with warnings.catch_warnings():  # fields without activity anywhere are dropped from RCA with a warning
        warnings.simplefilter("ignore")
        out["rca"] = specialisation.rca(matrix, what).loc[region].reindex(out.index)
    out = out.reset_index().rename(columns={"index": "technology"})
    return out.sort_values(["region_value", "technology"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
