"""The focus region's profile on a technology space: one row per technology, placed in a quadrant (seed 3.1).

:func:`technology_profile` (one region) and :func:`profiles_for_regions` (several regions on one
space) add to the space (:mod:`helpers.chapters.technologies.space`) the region's activity, RCA,
relatedness density (x axis), the complexity (y axis), the quadrant of (density, complexity)
split at the median, the mean or fixed values (:func:`helpers.methods.quadrants.quadrants`), and
the taxonomy's category and labels (:mod:`helpers.chapters.technologies.taxonomy_mapping`).
:func:`coverage` says how much of the region's activity the taxonomy's technologies cover;
:func:`quadrant_summary` and :func:`summary_table` summarise profiles. Warnings of the measures are
collected in ``DataFrame.attrs["notes"]`` instead of being printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from helpers.chapters.technologies.checks import ACTIVITY_COLUMNS, Split, _collect, _names, _require_columns, _split, _window
from helpers.chapters.technologies.space import TechnologySpace, _documents_for, _taxonomy_documents, technology_space
from helpers.chapters.technologies.taxonomy_mapping import (DOCUMENT_SCHEMES, EXCLUDED_TECHNOLOGIES, OTHER_CATEGORY, TAXONOMY, category_map,
                                                            taxonomy_selection, technology_labels)
from helpers.errors import InputError
from helpers.methods import coverage as coverage_measures
from helpers.methods import density
from helpers.methods import quadrants as quadrant_rules

#: Quadrant keys in reading order (top right, top left, bottom right, bottom left).
QUADRANT_ORDER = tuple(quadrant_rules.QUADRANTS)

#: Columns of a profile (:func:`technology_profile`), in order.
PROFILE_COLUMNS = (
    "source", "classification", "region", "window_start", "window_end", "technology", "label_nl", "label_en",
    "category_id", "category_nl", "category_en", "taxonomy_technologies", "activity", "share_of_region", "rca", "specialised",
    "density", "complexity", "quadrant", "quadrant_nl", "quadrant_en", "x_split", "y_split", "near_split", "relatedness_basis",
    "relatedness_method", "complexity_method", "rca_threshold", "min_activity", "n_regions", "n_regions_space", "in_space",
)


def profile_from_space(space: TechnologySpace, focus_region: str, *, split: Split = "median",
                       technologies: pd.DataFrame | None = None, selection: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per technology for ``focus_region`` (see :func:`technology_profile` for the columns).

    ``selection`` restricts the rows (and the quadrant medians) to those technologies; relatedness
    and complexity stay computed over all technologies of the space.
    """
    what = f"{space.source + ' ' if space.source else ''}{space.classification} {space.window[0]}-{space.window[1]}"
    if focus_region not in space.x.index:
        have = list(space.x.index)
        raise InputError(f"{what}: region {focus_region!r} has no activity in the window ({len(have)} regions have: {_names(have)}); choose a region present in the data")
    notes = list(space.notes)
    techs = list(space.x.columns)
    if selection is not None:
        selection = list(dict.fromkeys(selection))
        unknown = [t for t in selection if t not in techs]
        if unknown:
            notes.append(f"{what}: selected technologies without activity in the window left out: {_names(unknown)}")
        techs = [t for t in selection if t in techs]
        if not techs:
            raise InputError(f"{what}: none of the selected technologies has activity in the window; check the selection")
    own = space.x.loc[focus_region]
    with _collect(notes):
        dens = density.relatedness_density(space.b.loc[[focus_region]], space.relatedness, source=f"{what} specialisation").loc[focus_region]
        try:
            q = quadrant_rules.quadrants(dens.reindex(techs), space.complexity.reindex(techs), _split(split))
        except InputError as exc:
            raise InputError(f"{what}, {focus_region}: {exc} (too few technologies with relatedness links and a complexity to place)") from None
    out = pd.DataFrame({"technology": techs})
    out["activity"] = own.reindex(techs).to_numpy(dtype=float)
    out["share_of_region"] = out["activity"] / float(own.sum())
    out["rca"] = space.rca.loc[focus_region].reindex(techs).to_numpy(dtype=float)
    out["specialised"] = space.b.loc[focus_region].reindex(techs).to_numpy(dtype="int64")
    out["density"] = dens.reindex(techs).to_numpy(dtype=float)
    out["complexity"] = space.complexity.reindex(techs).to_numpy(dtype=float)
    out["quadrant"] = q["quadrant"].to_numpy()
    out["quadrant_nl"] = q["label_nl"].to_numpy()
    out["quadrant_en"] = q["label_en"].to_numpy()
    out["x_split"], out["y_split"] = float(q["x_split"].iloc[0]), float(q["y_split"].iloc[0])
    out["near_split"] = q["near_split"].to_numpy(dtype=bool)  # within 2% of an axis' range of a split line
    labels = technology_labels(space.classification, techs, technologies)
    out = out.merge(labels, on="technology", how="left")
    cats = category_map(space.classification, codes=techs if space.classification in DOCUMENT_SCHEMES else None)
    out = out.merge(cats, on="technology", how="left")
    other = out["category_id"].isna()
    out.loc[other, "category_id"] = OTHER_CATEGORY["category_id"]
    out.loc[other, "category_nl"] = OTHER_CATEGORY["label_nl"]
    out.loc[other, "category_en"] = OTHER_CATEGORY["label_en"]
    out["taxonomy_technologies"] = out["taxonomy_technologies"].fillna("")
    out["source"], out["classification"], out["region"] = space.source, space.classification, focus_region
    out["window_start"], out["window_end"] = space.window
    out["relatedness_basis"], out["relatedness_method"] = space.relatedness_basis, space.relatedness_method
    out["complexity_method"], out["rca_threshold"], out["min_activity"] = space.complexity_method, space.rca_threshold, space.min_activity
    out["n_regions"], out["n_regions_space"] = len(space.x.index), len(space.space_regions)
    out["in_space"] = focus_region in space.space_regions
    order = {k: i for i, k in enumerate(QUADRANT_ORDER)}
    out["_q"] = out["quadrant"].map(order).fillna(len(order))
    out = out.sort_values(["_q", "rca", "technology"], ascending=[True, False, True], kind="mergesort").drop(columns="_q")
    out = out[list(PROFILE_COLUMNS)].reset_index(drop=True)
    if not out["in_space"].iloc[0]:
        notes.append(f"{what}: {focus_region} has less than min_activity {space.min_activity:g} in the window, so it is not one of the regions that define relatedness and complexity; its RCA and density are still computed")
    out.attrs["notes"] = notes
    return out


def technology_profile(
    activity: pd.DataFrame | None,
    focus_region: str,
    window: Sequence[int],
    *,
    classification: str,
    rca_threshold: float = 1.0,
    relatedness_method: str = "cosine",
    complexity_method: str = "eigenvector",
    split: Split = "median",
    min_activity: float = 0.0,
    documents: pd.DataFrame | None = None,
    definitions: pd.DataFrame | None = None,
    technologies: pd.DataFrame | None = None,
    selection: Iterable[str] | None = None,
    source: str | None = None,
) -> pd.DataFrame:
    r"""The strategic-investment profile of ``focus_region``: one row per technology.

    With :math:`X` the region x technology activity over the window (all regions of
    ``activity``), :math:`B_{rt} = 1[\mathrm{RCA}_{rt} \ge` ``rca_threshold`` :math:`]`,
    :math:`B_s` the rows of regions with total activity :math:`\ge` ``min_activity``:

    * ``activity`` :math:`X_{ft}`, ``share_of_region`` :math:`X_{ft}/X_{f\cdot}`;
    * ``rca`` :math:`(X_{ft}/X_{f\cdot}) / (X_{\cdot t}/X_{\cdot\cdot})`, ``specialised`` :math:`B_{ft}`;
    * ``density`` :math:`100 \sum_k B_{fk} R_{kt} / \sum_k R_{kt}` with :math:`R` the
      ``relatedness_method`` normalisation of :math:`C = B_s^\top B_s` (co-location) or of the
      within-document co-occurrence :math:`M^\top M` when ``documents`` has rows for the
      classification; zero diagonals; over all technologies;
    * ``complexity``: eigenvector / reflections index of :math:`B_s` (z-scores);
    * ``quadrant`` (``optimal``, ``moonshot``, ``low_risk``, ``low_priority``) with
      ``quadrant_nl`` / ``quadrant_en`` and the split values ``x_split``, ``y_split``;
    * ``category_id`` / ``category_nl`` / ``category_en`` and ``taxonomy_technologies`` from the
      taxonomy (:func:`category_map`; ``other`` where it gives none), ``label_nl`` / ``label_en``;
    * the parameters used (window, methods, threshold, min_activity, number of regions).

    Rows sorted by quadrant (optimal, moonshot, low-risk, low-priority), then RCA descending.
    Raises :class:`InputError` for a region without activity in the window, an empty window,
    an unknown method, ``scaling`` complexity (needs city populations), a bad split.
    """
    space = technology_space(activity, window, classification=classification, rca_threshold=rca_threshold,
                             relatedness_method=relatedness_method, complexity_method=complexity_method,
                             min_activity=min_activity, documents=documents, definitions=definitions, source=source)
    return profile_from_space(space, focus_region, split=split, technologies=technologies, selection=selection)


def profiles_for_regions(activity: pd.DataFrame | None, regions: Sequence[str], window: Sequence[int], **options: Any) -> pd.DataFrame:
    """:func:`technology_profile` for several regions on one technology space (computed once).

    ``options`` are the keyword arguments of :func:`technology_profile`. Returns the profiles
    stacked in the order of ``regions`` (column ``region``); the notes of all regions are in
    ``attrs["notes"]``. A region without activity raises :class:`InputError` naming it.
    """
    regions = list(dict.fromkeys(regions))
    if not regions:
        raise InputError("profiles_for_regions: no region given; pass at least one region code")
    split = options.pop("split", "median")
    technologies = options.pop("technologies", None)
    selection = options.pop("selection", None)
    space = technology_space(activity, window, **options)
    parts = [profile_from_space(space, r, split=split, technologies=technologies, selection=selection) for r in regions]
    out = pd.concat(parts, ignore_index=True)
    out.attrs["notes"] = list(dict.fromkeys(n for p in parts for n in p.attrs.get("notes", [])))
    return out


def coverage(
    activity: pd.DataFrame | None,
    region: str,
    window: Sequence[int],
    *,
    classification: str,
    selection: Iterable[str] | None = None,
    documents: pd.DataFrame | None = None,
    definitions: pd.DataFrame | None = None,
    source: str | None = None,
) -> pd.DataFrame:
    r"""Share of ``region``'s activity in the window that falls in the selected technologies.

    Aggregated classifications (each unit of activity in one technology, as WIPO fields):
    :math:`\sum_{t \in S} X_{rt} / \sum_t X_{rt}` (:func:`helpers.methods.coverage_measures.coverage`); the default
    selection is :func:`taxonomy_selection` (the codes the taxonomy's technologies map onto as
    primary), which over-states the coverage of the technologies themselves (a field is wider
    than the technology). ``taxonomy``: the share of the region's documents (weighted) that carry
    at least one selected technology, each document once (:func:`helpers.methods.coverage_measures.document_coverage`).

    Returns one row: ``source``, ``classification``, ``region``, ``window_start``, ``window_end``,
    ``n_selected``, ``region_total``, ``covered``, ``coverage`` (0-1), ``method``.
    """
    start, end = _window(window, f"coverage {classification}")
    what = f"{source + ' ' if source else ''}{classification} {start}-{end}"
    if classification == TAXONOMY:
        docs = _documents_for(documents, None, (start, end), source)
        if docs.empty:
            raise InputError(f"{what}: coverage of the taxonomy needs document-level data; the documents table has no rows for this source and window")
        matched, _ = _taxonomy_documents(docs, definitions, what)
        sel = list(selection) if selection is not None else taxonomy_selection(TAXONOMY)
        mine = docs[docs["region"] == region]
        if mine.empty:
            raise InputError(f"{what}: region {region!r} has no documents in the window")
        weights = mine.drop_duplicates(["document_id", "region"]).groupby("document_id")["weight"].sum()
        hit_docs = set(matched.loc[matched["technology"].isin(sel), "document_id"])
        total = float(weights.sum())
        covered = float(weights[weights.index.isin(hit_docs)].sum())
        method = "documents (each document once)"
        n_sel = len(sel)
    else:
        _require_columns(activity, ACTIVITY_COLUMNS, "activity")
        rows = activity[(activity["classification"] == classification) & (activity["year"] >= start) & (activity["year"] <= end)]
        if source is not None and "source" in rows.columns:
            rows = rows[rows["source"] == source]
        rows = rows[~rows["technology"].isin(EXCLUDED_TECHNOLOGIES.get(classification, ()))]
        if rows.empty:
            raise InputError(f"{what}: no activity of classification {classification!r} in the window")
        mine = rows[rows["region"] == region].groupby("technology")["value"].sum()
        if mine.sum() <= 0:
            raise InputError(f"{what}: region {region!r} has no activity in the window; choose a region present in the data")
        sel = list(selection) if selection is not None else taxonomy_selection(classification, codes=rows["technology"].unique())
        if not sel:
            raise InputError(f"{what}: the technology selection is empty; select at least one technology")
        matrix = mine.to_frame(region).T
        known = [t for t in sel if t in matrix.columns]
        total = float(mine.sum())
        covered = float(coverage_measures.coverage(matrix, known, source=what).iloc[0] * total) if known else 0.0
        method = "columns (selected fields)"
        n_sel = len(sel)
    return pd.DataFrame([{
        "source": source or "", "classification": classification, "region": region, "window_start": start, "window_end": end,
        "n_selected": n_sel, "region_total": total, "covered": covered, "coverage": covered / total if total > 0 else np.nan, "method": method,
    }])


def quadrant_summary(profile: pd.DataFrame, language: str) -> pd.DataFrame:
    """Per quadrant (in :data:`QUADRANT_ORDER`): ``quadrant``, ``label`` (in ``language``),
    ``count`` and ``technologies`` (labels by RCA descending, ``"; "``-joined because labels may
    contain commas; ``"-"`` if none)."""
    if language not in ("nl", "en"):
        raise InputError(f"language {language!r}: use 'nl' or 'en'")
    rows = []
    for key in QUADRANT_ORDER:
        part = profile[profile["quadrant"] == key].sort_values(["rca", "technology"], ascending=[False, True], kind="mergesort")
        rows.append({"quadrant": key, "label": quadrant_rules.QUADRANTS[key][language], "count": int(len(part)),
                     "technologies": "; ".join(part[f"label_{language}"]) or "-"})
    return pd.DataFrame(rows)


def summary_table(profiles_by_source: Mapping[str, pd.DataFrame], *, same_region: bool = True) -> pd.DataFrame:
    r"""The profiles of several sources in one table, on a common scale (seed figure 6).

    Each source has its own classification, density level and split, so positions are put on a
    common scale: the distance from the source's split lines in standard deviations of the
    source's plotted technologies,

    .. math:: x^{std}_t = (D_t - x_{split}) / \sigma_D, \qquad y^{std}_t = (\mathrm{CI}_t - y_{split}) / \sigma_{\mathrm{CI}}

    which keeps every technology in its quadrant (the split lines of all sources meet at 0, 0).
    Input: source name -> profile of **one** region (the same region for every source, unless
    ``same_region`` is false: a country standing in for one of its regions in some sources, see
    :func:`load_source`). Returns the stacked profiles with ``x_std`` and ``y_std``, in the order
    of the mapping.
    """
    if not profiles_by_source:
        raise InputError("summary_table: no source given; pass at least one profile")
    parts = []
    regions = set()
    for source, profile in profiles_by_source.items():
        _require_columns(profile, ("region", "technology", "density", "complexity", "x_split", "y_split", "quadrant", "rca"), f"summary_table: profile of {source!r}")
        if profile.empty:
            raise InputError(f"summary_table: the profile of {source!r} is empty")
        regions |= set(profile["region"])
        p = profile.copy()
        p["source"] = source
        for axis, value in (("x", "density"), ("y", "complexity")):
            ok = p[value].notna()
            sd = float(p.loc[ok, value].std(ddof=0)) if ok.sum() > 1 else 0.0
            p[f"{axis}_std"] = (p[value] - p[f"{axis}_split"]) / sd if sd > 0 else 0.0
        parts.append(p)
    if same_region and len(regions) != 1:
        raise InputError(f"summary_table: the profiles are of different regions ({_names(sorted(regions))}); give the profiles of one region")
    out = pd.concat(parts, ignore_index=True)
    out.attrs["notes"] = list(dict.fromkeys(n for p in profiles_by_source.values() for n in p.attrs.get("notes", [])))
    return out
