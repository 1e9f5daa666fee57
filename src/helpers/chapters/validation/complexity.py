"""Does the complexity axis hold up? Every complexity measure on every data source, checked.

For each source (patents by WIPO field, publications by NCSES field, patents by IPC subclass, the
regional patents of the CEPS study) and each method (eigenvector, reflections, fitness): the top
and bottom ten regions and technologies it implies, and the Spearman rank correlation of the
technology complexity with the complexity the CEPS study publishes, over the technologies both
cover (the report's 38 technologies through each source's mapping, or the 42 regional ones).
A measure **passes** when that correlation is at least :data:`PASS_RHO` (a moderate positive
agreement); it fails when it is lower, which on country data often means a reversed axis.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.chapters.regions.space import regional_space
from helpers.chapters.technologies.ipc_page import subclass_labels
from helpers.chapters.technologies.ipc_space import ipc_space, load_ipc
from helpers.chapters.technologies.ipc_technologies import subclass_membership, technology_positions
from helpers.chapters.technologies.published import computed_by_technology, load_inputs, published_profile, spearman
from helpers.chapters.technologies.sources import load_source
from helpers.chapters.technologies.space import complexity_of, technology_space
from helpers.chapters.technologies.taxonomy_mapping import technology_labels
from helpers.data import canonical, taxonomy
from helpers.data.regions import describe_region
from helpers.errors import InputError
from helpers.i18n.labels.regions import KEYTECH_NAMES_NL

METHODS = ("eigenvector", "reflections", "fitness")
#: a measure passes when its Spearman correlation with the published complexity is at least this
PASS_RHO = 0.4
N_SHOWN = 10


class _LazyNames(dict):
    """Region names looked up only for the regions a ranking shows (a lookup per region of the folder is slow)."""

    def __init__(self, lookup):
        super().__init__()
        self._lookup = lookup

    def get(self, key, default=None):  # noqa: D102
        if key not in self:
            self[key] = self._lookup(key)
        return self[key]


def _extremes(values: pd.Series, names: dict[str, str], n: int = N_SHOWN) -> tuple[list[str], list[str]]:
    v = values.dropna().sort_values(ascending=False, kind="mergesort")
    return [names.get(k, k) for k in v.index[:n]], [names.get(k, k) for k in v.index[::-1][:n]]


def _row(source: str, method: str, b: pd.DataFrame, tech_names: dict[str, str], region_names: dict[str, str],
         compare: pd.Series | None) -> tuple[dict, pd.Series]:
    """One row of the validation table from a binary matrix (regions that define complexity only)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = complexity_of(b, method, source=f"{source} {method}")
    top_r, bottom_r = _extremes(result.region, region_names)
    top_t, bottom_t = _extremes(result.technology, tech_names)
    row = {"source": source, "method": method, "n_regions": len(result.region), "n_technologies": len(result.technology),
           "top_regions": top_r, "bottom_regions": bottom_r, "top_technologies": top_t, "bottom_technologies": bottom_t,
           "rho": np.nan, "n_compared": 0}
    return row, result.technology


def _published_complexity(data_dir: Path | str) -> pd.Series | None:
    published, technologies, _ = load_inputs(data_dir)
    if not published.available:
        return None
    return published_profile(published, "patents", technologies).set_index("technology")["complexity"]


def validate_field_source(data_dir: Path | str, source: str, focus: str, window: Sequence[int], min_activity: float, language: str,
                          region_names: dict[str, str]) -> list[dict]:
    """Rows for one country x field source (patents by WIPO field, publications by NCSES field)."""
    data = load_source(data_dir, source, focus)
    if not data.available:
        return []
    space = technology_space(data.activity, window, classification=data.classification, min_activity=min_activity, source=source)
    b = space.b.loc[space.space_regions]
    names = dict(zip(*technology_labels(data.classification, list(space.x.columns), data.technologies)[["technology", f"label_{language}"]].T.to_numpy()))
    published = _published_complexity(data_dir)
    rows = []
    for method in METHODS:
        row, tech = _row(f"{source}_{data.classification}", method, b, names, region_names, published)
        if published is not None:
            profile = pd.DataFrame({"technology": tech.index, "rca": np.nan, "density": 0.0, "complexity": tech.to_numpy()})
            computed = computed_by_technology(profile, taxonomy.load_coarse_map(), data.classification, published.to_frame().reset_index()
                                              .rename(columns={"technology": "tech_id"}), reason="", language=language)
            rho, n = spearman(published.reindex(computed["technology"]).reset_index(drop=True), computed["complexity"])
            row["rho"], row["n_compared"] = rho, n
        rows.append(row)
    return rows


def validate_ipc(data_dir: Path | str, focus: str, window: Sequence[int], reference_group: str | list[str], min_activity: float,
                 language: str, region_names: dict[str, str]) -> list[dict]:
    """Rows for the country x IPC subclass patents (the 38 technologies as weighted means over their subclasses)."""
    data = load_ipc(data_dir)
    if not data.available:
        return []
    codes = taxonomy.load_codes()
    pairs, _ = subclass_membership(codes[codes["source"] == "patents"], data.technologies["technology"])
    published = _published_complexity(data_dir)
    if focus not in set(data.activity["region"].unique()):  # a region (US-CA, BE2) stands in by its country, as on the IPC page
        country = (describe_region(focus) or {}).get("iso3")
        focus = country if isinstance(country, str) and country in set(data.activity["region"].unique()) else focus
    space = ipc_space(data, focus, window, reference_group=reference_group, min_activity=min_activity)
    b = space.b.loc[space.space_regions]
    labels = subclass_labels(data, list(space.x.columns))
    names = dict(zip(labels["technology"], labels[f"label_{language}"]))
    rows = []
    for method in METHODS:
        row, tech = _row("patents_ipc4_patstat", method, b, names, region_names, published)
        if published is not None:
            pos = technology_positions(dataclasses.replace(space, complexity=tech.reindex(space.x.columns)), focus, pairs, list(published.index))
            rho, n = spearman(published.reset_index(drop=True), pos["complexity"])
            row["rho"], row["n_compared"] = rho, n
        rows.append(row)
    return rows


def validate_regional(data_dir: Path | str, language: str, region_names: dict[str, str]) -> list[dict]:
    """Rows for the CEPS regional data (282 NUTS-2 regions x 42 technologies, published complexity for all 42)."""
    rows_in = canonical.read(data_dir, "published_regional")
    if rows_in.empty:
        return []
    space = regional_space(rows_in, groups={})
    b = space.b.loc[space.x.index]
    b = b.loc[b.sum(axis=1) > 0]
    names = {k: (KEYTECH_NAMES_NL.get(k, k) if language == "nl" else k) for k in space.x.columns}
    rows = []
    for method in METHODS:
        row, tech = _row("regional_keytech42", method, b, names, region_names, space.complexity["published"])
        rho, n = spearman(space.complexity["published"].reindex(tech.index), tech)
        row["rho"], row["n_compared"] = rho, n
        rows.append(row)
    return rows


def validation_table(data_dir: Path | str, *, focus: str, language: str, patents_window: Sequence[int], publications_window: Sequence[int],
                     patents_ipc_window: Sequence[int], reference_group: str | list[str] = "oecd", patents_min_activity: float = 1000,
                     publications_min_activity: float = 1000) -> pd.DataFrame:
    """Every source and method of the book's data folder, one row each (see the module doc); ``passes`` per row."""
    regions = canonical.read(data_dir, "regions")
    from helpers.i18n import region_name

    raw = dict(zip(regions["region"], regions["name"]))
    names = _LazyNames(lambda r: region_name(r, language, raw))
    rows = []
    rows += validate_field_source(data_dir, "patents", focus, patents_window, patents_min_activity, language, names)
    rows += validate_field_source(data_dir, "publications", focus, publications_window, publications_min_activity, language, names)
    rows += validate_ipc(data_dir, focus, patents_ipc_window, reference_group, patents_min_activity, language, names)
    rows += validate_regional(data_dir, language, names)
    if not rows:
        raise InputError(f"{data_dir}: no data source to validate complexity on")
    out = pd.DataFrame(rows)
    out["passes"] = out["rho"] >= PASS_RHO
    return out
