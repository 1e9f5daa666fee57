"""The page "Other countries: technology profiles on the same measure" (``notebooks/countries_profiles.ipynb``).

:func:`profiles_page` measures the focus region and the comparison countries the way the technology
chapter measures one region (RCA, relatedness density, complexity and quadrant per WIPO field, on
patents) and puts each country's policy priorities against its own quadrants
(:func:`~helpers.chapters.countries.positions.priorities_by_position`). :class:`ProfilesPage` hands
the notebook the numbers of its text, its tables and its charts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from helpers.chapters.technologies.axis import AXIS_NAMES, axis_for
from helpers.chapters import technologies
from helpers.chapters.countries.positions import priorities_by_position
from helpers.chapters.countries.priorities import priorities_matrix
from helpers.chapters.countries.selection import select_strategies
from helpers.chapters.page import Table
from helpers.charts import bars
from helpers.charts import quadrants as quadrant_charts
from helpers.data import canonical, policy, taxonomy
from helpers.errors import InputError
from helpers.i18n import FIELD_NAMES_NL, column_labels, join_names, policy_region_name, t

#: The quadrants of a profile, in legend order.
QUADRANTS = ("optimal", "moonshot", "low_risk", "low_priority")
#: Quadrants where a prioritised technology counts as feasible (the region is already related to it).
FEASIBLE_QUADRANTS = ("optimal", "low_risk")
#: Ticks of the RCA axis (log scale).
RCA_TICKS = [0.1, 0.2, 0.5, 1, 2, 5, 10]


def profile_summary(profiles: pd.DataFrame, by_position: pd.DataFrame, regions: Sequence[str], region_label: Mapping[str, str]) -> pd.DataFrame:
    """One row per region of ``regions`` (in that order) from its technology profile and its priorities.

    Columns: ``region``, ``region_name``, ``n_fields``, ``n_specialised`` (fields with
    ``specialised``), ``top_field`` and ``top_rca`` (the field with the highest RCA), ``n_optimal``
    (fields in the optimal quadrant), ``n_prioritised`` (technologies the region's policy
    prioritises, :func:`priorities_by_position`) and ``n_prioritised_feasible`` (of those, the ones
    whose field is in a feasible quadrant, :data:`FEASIBLE_QUADRANTS`).
    """
    per_region = profiles.groupby("region", sort=False).agg(
        n_fields=("technology", "size"), n_specialised=("specialised", "sum"),
        n_optimal=("quadrant", lambda q: int((q == "optimal").sum())))
    top = profiles.sort_values("rca", ascending=False).drop_duplicates("region").set_index("region")
    prio = by_position[by_position["prioritised"]]
    feasible = prio.groupby("region")["quadrant"].apply(lambda q: int(q.isin(list(FEASIBLE_QUADRANTS)).sum()))
    prio_n = prio.groupby("region").size()
    return pd.DataFrame({
        "region": list(regions), "region_name": [region_label[r] for r in regions],
        "n_fields": [int(per_region.at[r, "n_fields"]) for r in regions],
        "n_specialised": [int(per_region.at[r, "n_specialised"]) for r in regions],
        "top_field": [top.at[r, "field"] for r in regions], "top_rca": [float(top.at[r, "rca"]) for r in regions],
        "n_optimal": [int(per_region.at[r, "n_optimal"]) for r in regions],
        "n_prioritised": [int(prio_n.get(r, 0)) for r in regions], "n_prioritised_feasible": [int(feasible.get(r, 0)) for r in regions],
    })


def quadrant_counts(profiles: pd.DataFrame, by_position: pd.DataFrame, quadrants: Sequence[str] = QUADRANTS) -> pd.DataFrame:
    """Per region: the number of fields in each quadrant (columns named after the quadrants) and the
    number of prioritised technologies in each (``prioritised_<quadrant>``); zeros where there are none."""
    counts = (profiles.groupby(["region", "region_name", "quadrant"], sort=False).size().unstack("quadrant")
              .reindex(columns=list(quadrants)).fillna(0).astype(int).reset_index())
    prio = by_position.groupby(["region", "quadrant"]).agg(n=("prioritised", "sum")).reset_index().pivot(index="region", columns="quadrant", values="n")
    prio = prio.reindex(columns=list(quadrants)).fillna(0).astype(int).add_prefix("prioritised_").reset_index()
    return counts.merge(prio, on="region", how="left")


@dataclass
class ProfilesPage:
    """Technology profiles of the focus region and the comparison countries (:func:`profiles_page`).

    ``profiles`` are the stacked profiles (with ``region_name``, ``focus``, ``field`` = the field's
    label and ``quadrant_label``), ``by_position`` every technology per region with its priority
    and position (with ``tech_label`` and ``region_name``), ``field_order`` the fields from most to
    least complex, ``summary`` :func:`profile_summary`.
    """

    language: str
    focus: str
    regions: list[str]
    region_label: dict[str, str]
    absent_names: list[str]
    profiles: pd.DataFrame
    by_position: pd.DataFrame
    field_order: list[str]
    summary: pd.DataFrame
    patents_window: tuple[int, int]
    complexity_method: str
    relatedness: str
    #: the complexity on the y axis and its check (:class:`helpers.chapters.technologies.axis.Axis`)
    axis: Any = None

    @property
    def _labels(self) -> dict[str, str]:
        """The chapter's table headers in the page's language."""
        return column_labels(self.language, "landscape")

    @property
    def _quadrant_label(self) -> dict[str, str]:
        """Reader names of the quadrants."""
        return {k: t(f"quadrant_{k}", self.language) for k in QUADRANTS}

    @property
    def series_order(self) -> list[str]:
        """The regions' names in display order (the focus region first)."""
        return [self.region_label[r] for r in self.regions]

    def glue(self) -> dict[str, Any]:
        """The numbers and words of the chapter's text (the ``cpr_*`` names)."""
        lang, summary, focus = self.language, self.summary, self.focus
        row = summary.set_index("region").loc[focus]
        others = summary[summary["region"] != focus].sort_values(["n_specialised", "region"], ascending=[False, True])
        return dict(
            cpr_n_regions=len(self.regions), cpr_regions=join_names(self.series_order, lang),
            cpr_start=int(self.patents_window[0]), cpr_end=int(self.patents_window[1]),
            cpr_n_fields=int(self.profiles.groupby("region", sort=False).size().iloc[0]), cpr_method=t(f"axis_name_{self.complexity_method}", lang) if self.complexity_method in AXIS_NAMES else self.complexity_method,
            cpr_relatedness=t(f"tech_relatedness_{self.relatedness}", lang), cpr_focus=self.region_label[focus], cpr_focus_spec=int(row["n_specialised"]),
            cpr_focus_optimal=int(row["n_optimal"]), cpr_focus_top=row["top_field"], cpr_focus_top_rca=float(row["top_rca"]),
            cpr_focus_prio=int(row["n_prioritised"]), cpr_focus_feasible=int(row["n_prioritised_feasible"]),
            cpr_other_top=others["region_name"].iloc[0] if len(others) else "—",
            cpr_other_top_spec=int(others["n_specialised"].iloc[0]) if len(others) else 0,
            cpr_most_complex=self.field_order[0], cpr_least_complex=self.field_order[-1],
            cpr_absent=t("land_profile_absent", lang, codes=join_names(self.absent_names, lang)) if self.absent_names else "",
            cpr_n_regions_space=int(self.profiles["n_regions_space"].iloc[0]),
        )

    def tables(self) -> dict[str, Table]:
        """The published tables: every profile, the quadrant counts, the summary per region and the 38 technologies per region."""
        lang, labels, q_label = self.language, self._labels, self._quadrant_label
        cols = ["region", "region_name", "technology", "field", "activity", "share_of_region", "rca", "specialised", "density", "complexity",
                "quadrant", "x_split", "y_split", "window_start", "window_end", "relatedness_method", "complexity_method", "rca_threshold", "min_activity"]
        items = ["region", "region_name", "taxonomy_id", "tech_label", "proxy_field", "prioritised", "policy_columns", "rca", "density",
                 "complexity", "quadrant"]
        prioritised = t("land_prioritised", lang)
        # the field's id, the region's code and the build's parameters are in the CSV only
        hidden = ("region", "technology", "taxonomy_id", "x_split", "y_split", "window_start", "window_end", "relatedness_method",
                  "complexity_method", "rca_threshold", "min_activity")
        quadrant = {k: v for k, v in q_label.items()}
        profiles = self.profiles[cols].assign(quadrant=lambda d: d["quadrant"].map(lambda q: quadrant.get(q, "")))
        by_position = self.by_position[items].assign(
            quadrant=lambda d: d["quadrant"].map(lambda q: quadrant.get(q, "")),
            proxy_field=lambda d: d["proxy_field"].map(lambda f: FIELD_NAMES_NL.get(f, f) if lang == "nl" else f))
        return {
            "profiles": Table(profiles, "countries_profiles",
                              formats={"activity": ",.0f", "share_of_region": ".2%", "rca": ".2f", "density": ".1f", "complexity": ".2f",
                                       "x_split": ".1f", "y_split": ".2f"},
                              labels=labels | {"field": labels["technology"], "activity": t("patents", lang).capitalize(),
                                               "share_of_region": t("land_share_of_region", lang), "specialised": t("land_specialised", lang)},
                              folded=t("land_profile_caption", lang), hidden=hidden),
            "quadrant_counts": Table(quadrant_counts(self.profiles, self.by_position, list(q_label)), "countries_profiles_quadrant_counts",
                                     t("land_profile_counts_caption", lang),
                                     labels=labels | q_label | {f"prioritised_{k}": f"{prioritised}: {v}" for k, v in q_label.items()}),
            "summary": Table(self.summary, "countries_profiles_summary", t("land_profile_summary_caption", lang), {"top_rca": ".2f"}, labels,
                             hidden=hidden),
            "technologies": Table(by_position, "countries_profiles_technologies",
                                  formats={"rca": ".2f", "density": ".1f", "complexity": ".2f"},
                                  labels=labels | {"prioritised": prioritised, "policy_columns": labels["columns"]},
                                  folded=t("land_profile_items_caption", lang), hidden=hidden),
        }

    def charts(self) -> dict[str, Any]:
        """RCA and density per field and country (dot plots side by side) and one quadrant chart per country."""
        lang, labels = self.language, self._labels
        start, end = self.patents_window
        tooltip = [alt.Tooltip("field:N", title=labels["technology"]), alt.Tooltip("region_name:N", title=labels["country"]),
                   alt.Tooltip("rca:Q", title="RCA", format=".2f"), alt.Tooltip("density:Q", title=labels["density"], format=".1f"),
                   alt.Tooltip("complexity:Q", title=labels["complexity"], format=".2f"), alt.Tooltip("quadrant_label:N", title=labels["quadrant"]),
                   alt.Tooltip("activity:Q", title=t("patents", lang), format=",.0f")]
        dots = dict(y_order=self.field_order, series_order=self.series_order, highlight="focus", tooltip=tooltip)
        rca = bars.profile_dot_plot(self.profiles[self.profiles["rca"] > 0], "field", "rca", "region_name", t("land_profile_rca", lang),
                                    t("land_profile_rca_axis", lang), log=True, reference=1.0, width=185, x_format="~g", x_values=RCA_TICKS, **dots)
        density = bars.profile_dot_plot(self.profiles, "field", "density", "region_name", t("land_profile_density", lang), labels["density"],
                                        x_format=".0f", width=165, show_y_labels=False, **dots)
        qtip = [alt.Tooltip("field:N", title=labels["technology"]), alt.Tooltip("region_name:N", title=labels["country"]),
                alt.Tooltip("quadrant_label:N", title=labels["quadrant"]), alt.Tooltip("rca:Q", title="RCA", format=".2f"),
                alt.Tooltip("density:Q", title=labels["density"], format=".1f"), alt.Tooltip("complexity:Q", title=labels["complexity"], format=".2f")]
        return {
            "fields": bars.side_by_side(rca, density, title=t("land_profile_title", lang, start=start, end=end),
                                        subtitle=t("land_profile_subtitle", lang), spacing=10),
            "quadrants": quadrant_charts.quadrant_small_multiples(
                self.profiles, "density", "complexity", "region_name", facet_order=self.series_order, quadrant="quadrant",
                quadrant_labels=self._quadrant_label, x_title=labels["density"], y_title=labels["complexity"], tooltip=qtip, size="rca",
                title=[t("land_profile_quadrants_title", lang, start=start, end=end), *([self.axis.subtitle(lang)] if self.axis else [])]),
        }


def profiles_page(data_dir: str | Path, *, focus_region: str, comparison_regions: Sequence[str], patents_window: Sequence[int], language: str,
                  rca_threshold: float = 1.0, quadrant_split: str = "median", complexity_method: str = "eigenvector",
                  relatedness: str = "cosine", min_activity: float = 0,
                  mapping_bases: Sequence[str] = ("seed", "judgement")) -> ProfilesPage:
    """The profiles page from the canonical patents in ``data_dir`` and the policy data (``data/policy``).

    The focus region (or the country standing in for it, Belgium for Flanders) and the comparison
    regions with patent data are profiled as in the technology chapter (``rca_threshold``,
    ``quadrant_split``, ``complexity_method``, ``relatedness``, ``min_activity``) over
    ``patents_window``; each country's priorities (crosswalk links of ``mapping_bases``) are put
    against its own quadrants. InputError when there are no patent data for the focus region or
    fewer than two regions with data.
    """
    lang = language
    names = canonical.read(data_dir, "regions").set_index("region")["name"]
    patents = technologies.load_source(data_dir, "patents", focus_region)
    if not patents.available:
        raise InputError(f"countries_profiles: no patent data for {focus_region}: {patents.reason}")
    present = set(patents.activity["region"])
    asked = [patents.region, *comparison_regions]  # the country standing in for a sub-national focus
    shown = [r for r in asked if r in present]
    absent = [r for r in asked if r not in present]
    if len(shown) < 2:
        raise InputError(f"countries_profiles: the comparison needs the focus and at least one comparison region with patent data; "
                         f"only {shown or 'none'} of {asked} have data: set comparison_regions in the edition file")
    axis = axis_for(patents, patents_window, complexity_method, min_activity=min_activity, rca_threshold=rca_threshold, relatedness=relatedness,
                    check=True)
    profiles = technologies.profiles_for_regions(
        patents.activity, shown, patents_window, classification=patents.classification, rca_threshold=rca_threshold,
        relatedness_method=relatedness, complexity_method=axis.computed_method, split=quadrant_split,
        min_activity=min_activity, documents=patents.documents, technologies=patents.technologies, source="patents")
    if axis.method == "published":  # each country's quadrants placed again on the published complexity
        profiles = pd.concat([axis.apply(g) for _, g in profiles.groupby("region", sort=False)], ignore_index=True)
    complexity_method = axis.method
    region_label = {r: policy_region_name(r, lang, names) for r in shown}
    profiles["region_name"] = profiles["region"].map(region_label)
    profiles["focus"] = profiles["region"] == patents.region
    profiles["field"] = profiles[f"label_{lang}"]
    profiles["quadrant_label"] = profiles["quadrant"].map({k: t(f"quadrant_{k}", lang) for k in QUADRANTS})
    # fields ordered by complexity (a property of the field, the same for every country)
    field_order = profiles.drop_duplicates("technology").set_index("field")["complexity"].sort_values(ascending=False).index.tolist()

    data = policy.load_policy_data()
    sel = select_strategies(data.strategies, focus_region, comparison_regions)
    matrix = priorities_matrix(data, sel, mapping_bases=list(mapping_bases), taxonomy="tech", mapped_only=False)
    by_position = priorities_by_position(matrix, sel, profiles, taxonomy.load_coarse_map(), technologies=data.technologies["tech_id"].tolist())
    by_position["tech_label"] = by_position["taxonomy_id"].map(data.technologies.set_index("tech_id")[f"label_{lang}"])
    by_position["region_name"] = by_position["region"].map(region_label)
    return ProfilesPage(
        language=lang, focus=patents.region, regions=shown, region_label=region_label,
        absent_names=[policy_region_name(c, lang, names) for c in absent], profiles=profiles, by_position=by_position,
        field_order=field_order, summary=profile_summary(profiles, by_position, shown, region_label),
        patents_window=(int(patents_window[0]), int(patents_window[1])), complexity_method=complexity_method, relatedness=relatedness, axis=axis,
    )
