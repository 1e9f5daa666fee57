"""Flanders' positions: the technology chapter's measures joined to the policy priorities.

:func:`attach_positions` joins, per technology, a region's position (RCA, relatedness density,
complexity, quadrant) measured on the technology's primary coarse field
(``data/technology_coarse_map.csv``): a proxy, never the technology itself;
:func:`priorities_by_position` does so for every profiled country against its own priorities;
:func:`focus_positions` and :func:`spotlight_position` give the focus region's positions for the
heatmap's panel and the text; :func:`position_cells` lays them out for the panel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from helpers.chapters.countries.selection import Selection
from helpers.errors import InputError
from helpers.i18n import join_names, localise_number, t


def attach_positions(items: pd.DataFrame, positions: pd.DataFrame, coarse_map: pd.DataFrame, *, scheme: str = "wipo35",
                     field_column: str = "technology") -> pd.DataFrame:
    """Join each technology of ``items`` (column ``taxonomy_id``) to the position of its primary coarse field.

    ``positions`` has one row per coarse field (``field_column``, e.g. the WIPO field name) with the
    focus region's measures (``rca``, ``density``, ``complexity``, ``quadrant``, ...);
    ``coarse_map`` is ``data/technology_coarse_map.csv``. Adds ``proxy_field`` and the measure
    columns; domains and technologies without a primary field get empty values. The measure is that
    of the whole field: a proxy for the technology, not the technology itself.
    """
    if "taxonomy_id" not in items.columns:
        raise InputError("attach_positions: items need a 'taxonomy_id' column")
    if field_column not in positions.columns:
        raise InputError(f"attach_positions: positions need a {field_column!r} column (the coarse field)")
    cm = coarse_map[(coarse_map["scheme"] == scheme) & (coarse_map["strength"] == "primary")]
    if cm.empty:
        raise InputError(f"attach_positions: the coarse map has no primary rows for scheme {scheme!r}")
    primary = cm.drop_duplicates("tech_id").set_index("tech_id")["code"]
    out = items.copy()
    out["proxy_field"] = out["taxonomy_id"].map(primary)
    pos = positions.rename(columns={field_column: "proxy_field"}).drop_duplicates("proxy_field")
    return out.merge(pos, on="proxy_field", how="left")


def priorities_by_position(matrix: pd.DataFrame, selection: Selection, profiles: pd.DataFrame, coarse_map: pd.DataFrame, *,
                           technologies: Sequence[str], scheme: str = "wipo35") -> pd.DataFrame:
    """For each profiled region, each technology: is it a policy priority there, and where is it in that region's own quadrants?

    ``matrix`` is the country matrix (:func:`priorities_matrix`, ``by="country"``); a region's
    priorities are those of the policy columns it selected (``selection.requested``, e.g. ``DEU``
    -> ``DEU`` and ``DE-BY``); ``profiles`` are stacked technology profiles (columns ``region``,
    ``technology`` = coarse field, ``rca``, ``density``, ``complexity``, ``quadrant``), e.g. from
    :func:`helpers.chapters.technologies.profiles_for_regions`. Each of ``technologies`` (tech ids) takes the
    values of its primary coarse field. Columns: ``region``, ``taxonomy_id``, ``proxy_field``,
    ``prioritised`` (bool), ``policy_columns``, ``rca``, ``density``, ``complexity``, ``quadrant``.
    """
    needed = {"region", "technology", "rca", "density", "complexity", "quadrant"}
    if not needed <= set(profiles.columns):
        raise InputError(f"priorities_by_position: profiles need columns {', '.join(sorted(needed))}")
    rows = []
    for region in dict.fromkeys(profiles["region"]):
        cols = [c for c in selection.requested.get(region, []) if c in matrix.columns]
        prof = profiles[profiles["region"] == region][["technology", "rca", "density", "complexity", "quadrant"]]
        part = attach_positions(pd.DataFrame({"taxonomy_id": list(technologies)}), prof, coarse_map, scheme=scheme)
        prio = matrix.reindex(index=list(technologies), columns=cols).fillna(0).sum(axis=1) > 0 if cols else pd.Series(False, index=list(technologies))
        part["prioritised"] = part["taxonomy_id"].map(prio).fillna(False).astype(bool)
        part["policy_columns"] = ";".join(cols)
        part.insert(0, "region", region)
        rows.append(part)
    if not rows:
        raise InputError("priorities_by_position: no profiled region; give at least one profile")
    cols = ["region", "taxonomy_id", "proxy_field", "prioritised", "policy_columns", "rca", "density", "complexity", "quadrant"]
    return pd.concat(rows, ignore_index=True)[cols]


#: Quadrant keys of a position, ``none`` for a technology without a primary field (or without data).
POSITION_QUADRANTS = ("optimal", "moonshot", "low_risk", "low_priority", "none")
_POSITION_COLUMNS = ["proxy_field", "field_label", "rca", "density", "complexity", "quadrant"]


def format_value(value: object, spec: str, language: str = "en") -> str:
    """``value`` formatted with ``spec`` (``".2f"``) in ``language``'s number format, or a dash when it is missing (``None``, NaN).

    >>> format_value(1.5, ".2f", "nl"), format_value(None, ".2f")
    ('1,50', '—')
    """
    return "—" if value is None or pd.isna(value) else localise_number(format(float(value), spec), language)


def item_names(ids: Iterable[str], item_labels: Mapping[str, str], language: str) -> str:
    """The labels of taxonomy ids as one phrase ("a, b and c" / "a, b en c")."""
    return join_names([item_labels[i] for i in ids], language)


def focus_positions(taxonomy_ids: Sequence[str], profile: pd.DataFrame | None, coarse_map: pd.DataFrame, *, language: str,
                    scheme: str = "wipo35") -> pd.DataFrame:
    """The focus region's position for each of ``taxonomy_ids``, through its primary coarse field (:func:`attach_positions`).

    ``profile`` is the focus region's :func:`helpers.chapters.technologies.technology_profile` on ``scheme``
    (``None`` when the source has no data: every measure empty). Columns: ``taxonomy_id``,
    ``proxy_field``, ``field_label`` (the field's label in ``language``), ``rca``, ``density``,
    ``complexity``, ``quadrant`` (``none`` without a position).
    """
    if profile is None:
        out = pd.DataFrame({"taxonomy_id": list(taxonomy_ids)} | {c: None for c in _POSITION_COLUMNS})
    else:
        measures = profile[["technology", f"label_{language}", "rca", "density", "complexity", "quadrant"]]
        out = attach_positions(pd.DataFrame({"taxonomy_id": list(taxonomy_ids)}), measures.rename(columns={f"label_{language}": "field_label"}),
                               coarse_map, scheme=scheme)
    out["quadrant"] = out["quadrant"].fillna("none")
    return out


def spotlight_position(positions: pd.DataFrame, taxonomy_id: str, language: str) -> dict[str, str]:
    """The spotlight item's position as text: ``field``, ``quadrant`` (its name in ``language``), ``rca``,
    ``density``, ``complexity``; a dash for each when the item has no position (:func:`focus_positions`)."""
    pos = positions.set_index("taxonomy_id")
    row = pos.loc[taxonomy_id] if taxonomy_id in pos.index else None
    if row is None or row["quadrant"] == "none":
        return dict.fromkeys(("field", "quadrant", "rca", "density", "complexity"), "—")
    return {"field": row["field_label"], "quadrant": t(f"quadrant_{row['quadrant']}", language),
            "rca": format_value(row["rca"], ".2f", language), "density": format_value(row["density"], ".1f", language),
            "complexity": format_value(row["complexity"], ".2f", language)}


def position_measures(language: str) -> list[str]:
    """The columns of the position panel beside the heatmap, in order: quadrant, RCA, density (names in ``language``)."""
    return [t("measure_quadrant", language), "RCA", t("measure_density", language)]


def position_cells(positions: pd.DataFrame, item_label: Mapping[str, str], language: str) -> pd.DataFrame:
    """The focus region's positions (:func:`focus_positions`) in long form for the panel beside the heatmap.

    One row per (item, measure of :func:`position_measures`) with ``item`` (its label),
    ``quadrant_label``, ``measure`` and ``text``: the quadrant's short name, the RCA (two decimals)
    or the density (no decimals), a dash where there is no value; ``field_label`` is a dash for an
    item without a primary field.
    """
    quadrant_label = {k: t(f"quadrant_{k}", language) for k in POSITION_QUADRANTS}
    short = {k: t(f"quadrant_short_{k}", language) for k in POSITION_QUADRANTS if k != "none"} | {"none": "—"}
    quadrant, rca, density = position_measures(language)
    panel = positions.copy()
    panel["item"] = panel["taxonomy_id"].map(item_label)
    panel["quadrant_label"] = panel["quadrant"].map(quadrant_label)
    return pd.concat([
        panel.assign(measure=quadrant, text=panel["quadrant"].map(short)),
        panel.assign(measure=rca, text=panel["rca"].map(lambda v: format_value(v, ".2f", language))),
        panel.assign(measure=density, text=panel["density"].map(lambda v: format_value(v, ".0f", language))),
    ], ignore_index=True).fillna({"field_label": "—"})
