"""Reading one source for the technology chapter: which classification, which regions, whose data (:func:`load_source`).

A source (patents, publications, start-up investments) is read from the canonical tables of a
build (``data_dir``): its activity in the preferred classification, or its documents coded in a
scheme of the taxonomy's code lists, for the regions of the focus region's level. When the source
has no data for a sub-national focus region, the country that contains it stands in.
:func:`source_profile` and :func:`seed_coverage_percent` connect a source to the profile and to
the seed's coverage figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from helpers.chapters.technologies.checks import Split, _names
from helpers.chapters.technologies.profiles import coverage, technology_profile
from helpers.chapters.technologies.taxonomy_mapping import DOCUMENT_SCHEMES, TAXONOMY
from helpers.data import canonical, policy
from helpers.errors import InputError

#: The sources of the technology chapter, in page order.
SOURCES = ("patents", "publications", "investments")
#: Activity classification per source, in order of preference, for :func:`load_source`.
PREFERRED_CLASSIFICATIONS: dict[str, tuple[str, ...]] = {
    "patents": ("wipo35", "ipc4", "cpc4"),
    "publications": ("ncses_fields", "openalex_subfield", "openalex_topic"),
    "investments": ("crunchbase_category", "crunchbase_2013_category"),
}


@dataclass
class SourceData:
    """What :func:`load_source` found for one source and focus region.

    ``region`` is the region whose data are used: the focus region, or (``stand_in``) the country
    that contains it when the source has no data at the focus region's level.
    """

    source: str
    classification: str | None
    level: str | None
    activity: pd.DataFrame
    documents: pd.DataFrame
    technologies: pd.DataFrame
    available: bool
    reason: str
    #: ``reason`` as a key of :mod:`helpers.i18n.labels.technology` (``tech_reason_<key>``) and its values, for the page text
    reason_key: str = ""
    reason_values: dict[str, Any] = field(default_factory=dict)
    region: str = ""
    stand_in: bool = False
    #: the canonical folder the data come from (the complexity check reads the study's published values there)
    data_dir: Path | None = None


def load_source(data_dir: Path | str, source: str, focus_region: str, *, measure: Literal["amount", "rounds"] = "amount",
                fallback: bool = True) -> SourceData:
    """Read the canonical tables of one source for the framework (the function of the chapter that reads the canonical tables).

    Regions: those of the focus region's level (``regions.csv``: countries for a country, US
    states for a US state, ...). Classification: ``taxonomy`` when the ``documents`` table has
    rows of the source coded in a scheme of the taxonomy's code lists (REGPAT IPC/CPC, OpenAlex,
    current Crunchbase); otherwise the first of :data:`PREFERRED_CLASSIFICATIONS` present in
    ``activity`` (for investments ``measure="rounds"`` takes the number of funding rounds instead
    of the USD raised). When the source has no data for a sub-national focus region (a NUTS
    region, a US state) and ``fallback`` is true, the country that contains it (``iso3`` in
    ``regions.csv``) stands in, as Belgium stands in for Flanders (``stand_in`` is then true and
    ``region`` the country). ``available`` is False, with the reason in one line, when neither
    has data (e.g. the 2013 Crunchbase export has only US companies).
    """
    if source not in PREFERRED_CLASSIFICATIONS:
        raise InputError(f"source {source!r}: use one of {', '.join(PREFERRED_CLASSIFICATIONS)}")
    if measure not in ("amount", "rounds"):
        raise InputError(f"investments measure {measure!r}: use 'amount' (USD raised) or 'rounds' (number of funding rounds)")
    data_dir = Path(data_dir)
    regions = canonical.read(data_dir, "regions")
    activity = canonical.read(data_dir, "activity")
    activity = activity[activity["source"] == source]
    documents = canonical.read(data_dir, "documents")
    documents = documents[documents["source"] == source]
    technologies = canonical.read(data_dir, "technologies")
    first = _source_for_region(source, focus_region, regions, activity, documents, technologies, measure)
    first.data_dir = data_dir
    if first.available or not fallback:
        return first
    country = dict(zip(regions["region"], regions["iso3"].where(regions["iso3"].notna(), None))).get(focus_region)
    if country and country != focus_region:
        second = _source_for_region(source, country, regions, activity, documents, technologies, measure)
        if second.available:
            second.stand_in = True
            second.data_dir = data_dir
            return second
    return first


def _source_for_region(source: str, region: str, regions: pd.DataFrame, activity: pd.DataFrame, documents: pd.DataFrame,
                       technologies: pd.DataFrame, measure: str) -> SourceData:
    """What the source's tables hold for ``region`` among the regions of its level: its documents coded in a
    scheme of the taxonomy, else its activity in the first preferred classification that has it; otherwise
    :class:`SourceData` with ``available`` false and the reason (no such region, no supported classification,
    only the region itself at its level, or no rows for it)."""
    levels = dict(zip(regions["region"], regions["level"]))
    level = levels.get(region)
    empty = activity.iloc[0:0]
    no_docs = documents.iloc[0:0]
    if level is None:
        return SourceData(source, None, None, empty, no_docs, technologies, False,
                          f"region {region} does not occur in any data source (regions.csv)", "no_region", {"region": region}, region)
    in_level = set(regions.loc[regions["level"] == level, "region"])
    docs = documents[documents["region"].isin(in_level) & documents["classification"].isin(list(DOCUMENT_SCHEMES))]
    if len(docs) and (docs["region"] == region).any():
        return SourceData(source, TAXONOMY, level, empty, docs.reset_index(drop=True), technologies, True, "", region=region)
    preferred = PREFERRED_CLASSIFICATIONS[source]
    if source == "investments" and measure == "rounds":
        preferred = tuple(f"{c}_rounds" for c in preferred)
    present = [c for c in preferred if (activity["classification"] == c).any()]
    if not present:
        return SourceData(source, None, level, empty, no_docs, technologies, False,
                          f"the data folder has no {source} data in a supported classification ({', '.join(preferred)})",
                          "no_classification", {"classifications": ", ".join(preferred)}, region)
    for cl in present:
        rows = activity[(activity["classification"] == cl) & activity["region"].isin(in_level)]
        if (rows["region"] == region).any():
            if rows["region"].nunique() < 2:
                return SourceData(source, cl, level, empty, no_docs, technologies, False,
                                  f"the {source} data have only {region} at level {level}; RCA needs other regions to compare with",
                                  "only_focus", {"region": region, "level": level}, region)
            docs = documents[(documents["classification"] == cl) & documents["region"].isin(in_level)]
            return SourceData(source, cl, level, rows.reset_index(drop=True), docs.reset_index(drop=True), technologies, True, "", region=region)
    cl = present[0]
    rows = activity[activity["classification"] == cl]
    same = sorted(rows.loc[rows["region"].isin(in_level), "region"].unique())
    counts = pd.Series([levels.get(r, "unknown") for r in rows["region"].unique()]).value_counts()
    other = ", ".join(f"{n} {lv}" for lv, n in counts.items() if lv not in (level, "unknown", "aggregate"))
    at_level = (f"at level {level} they have only {_names(same, 5)}" if 0 < len(same) <= 5 else
                f"at level {level} they have {len(same)} other regions" if same else f"they have no region of level {level}")
    return SourceData(source, cl, level, empty, no_docs, technologies, False,
                      f"the {source} data ({cl}) have no rows for {region}: {at_level}" + (f" (and {other})" if other else ""),
                      "not_at_level" if same else "no_level", {"region": region, "classification": cl, "level": level, "regions": _names(same, 5),
                                                               "n": len(same), "other": other}, region)


def seed_coverage_percent(source: str, data_dir: Path | str | None = None) -> float:
    """The seed's coverage of the taxonomy for ``source`` in percent (``vlg_ceps_coverage_<source>`` of ``data/figures.csv``)."""
    return float(policy.load_figures(data_dir).set_index("fact_id")["value"][f"vlg_ceps_coverage_{source}"])


def source_profile(data: SourceData, window: Sequence[int], *, rca_threshold: float = 1.0, quadrant_split: Split = "median",
                   complexity_method: str | Mapping[str, str] = "eigenvector", relatedness: str = "cosine", min_activity: float = 0) -> pd.DataFrame:
    """:func:`technology_profile` of :func:`load_source`'s ``data`` (its region, classification, documents and technologies).

    ``complexity_method``: a computed method, or ``auto`` / ``published`` (or a mapping source -> choice) resolved by
    :func:`helpers.chapters.technologies.axis.axis_for`; the profile's ``attrs["axis"]`` then holds the :class:`Axis`."""
    from helpers.chapters.technologies.axis import axis_for

    axis = axis_for(data, window, complexity_method, min_activity=min_activity, rca_threshold=rca_threshold, relatedness=relatedness)
    profile = technology_profile(data.activity, data.region, window, classification=data.classification, rca_threshold=rca_threshold,
                                 relatedness_method=relatedness, complexity_method=axis.computed_method, split=quadrant_split,
                                 min_activity=min_activity, documents=data.documents, technologies=data.technologies, source=data.source)
    out = axis.apply(profile)
    out.attrs = dict(profile.attrs) | {"axis": axis}
    return out


def _source_coverage(data: SourceData, window: Sequence[int]) -> pd.DataFrame:
    """:func:`coverage` of :func:`load_source`'s ``data`` (its region, classification and documents)."""
    return coverage(data.activity, data.region, window, classification=data.classification, documents=data.documents, source=data.source)
