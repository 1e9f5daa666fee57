"""The page "Other countries: who prioritises what?" (``notebooks/countries_priorities.ipynb``).

:func:`priorities_page` selects the strategies, counts their priorities on the common taxonomy, finds
what they share and where Flanders differs, and joins the focus region's technology positions
(the technology chapter's measures on the WIPO 35 patent fields); :class:`PrioritiesPage` hands the
notebook the numbers of its text (:meth:`~PrioritiesPage.glue`), its tables and its charts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from helpers.chapters.technologies.axis import AXIS_NAMES
from helpers.chapters import technologies
from helpers.chapters.countries.item_counts import unmapped_items
from helpers.chapters.countries.positions import (
    POSITION_QUADRANTS,
    focus_positions,
    item_names,
    position_cells,
    position_measures,
    spotlight_position,
)
from helpers.chapters.countries.priorities import (
    cell_grid,
    flemish_specificities,
    heatmap_rows,
    item_detail,
    item_order,
    priorities_long,
    priorities_matrix,
    shared_items,
    who_prioritises,
)
from helpers.chapters.countries.reader_text import code_word, reader_citations
from helpers.chapters.countries.selection import (
    FLANDERS,
    Selection,
    pack_rows,
    select_strategies,
    strategies_per_column,
)
from helpers.chapters.page import Table
from helpers.charts import heatmaps
from helpers.data import canonical, policy, taxonomy
from helpers.errors import InputError
from helpers.i18n import (
    column_labels,
    in_text,
    join_names,
    policy_region_name,
    strategy_short_name,
    t,
    taxonomy_label,
)

#: At most this many strategies side by side in one row of the per-strategy heatmaps (a country is never split).
STRATEGIES_PER_ROW = 16
#: Strategy kinds (``strategies.csv``) that are analyses, not policy: the Swedish IVA/CEPS study and the CEPS study for
#: Flanders. They are marked in the charts (``land_analysis_mark``), and so is a column made of analyses only.
ANALYSIS_KINDS: tuple[str, ...] = ("technology_assessment",)


@dataclass
class PrioritiesPage:
    """Who prioritises what, for the selected strategies (:func:`priorities_page`).

    ``by_country`` is the country matrix (number of strategies per item and column), ``cells`` and
    ``strategy_cells`` the non-empty cells by country and by strategy (:func:`priorities_long`),
    ``row_ids`` the heatmap rows in order, ``positions`` the focus region's position per row
    (:func:`focus_positions`; every measure empty when ``has_positions`` is false), ``missing_names``
    the names of the asked regions without a strategy.
    """

    language: str
    selection: Selection
    column_name: dict[str, str]
    short_name: dict[str, str]
    item_label: dict[str, str]
    tech_ids: list[str]
    row_ids: list[str]
    by_country: pd.DataFrame
    cells: pd.DataFrame
    strategy_cells: pd.DataFrame
    selected_items: pd.DataFrame
    unmapped: pd.DataFrame
    min_shared: int
    shared: pd.DataFrame
    specific: pd.DataFrame
    specific_max_others: int
    gap_share: float
    spotlight: str
    spotlight_detail: pd.DataFrame
    positions: pd.DataFrame
    has_positions: bool
    no_position_reason: str
    focus_name: str
    missing_names: list[str]
    patents_window: tuple[int, int]
    complexity_method: str
    relatedness: str
    #: the selected strategies that are analyses (:data:`ANALYSIS_KINDS`), and the columns made of analyses only
    analysis_ids: list[str] = field(default_factory=list)
    analysis_columns: list[str] = field(default_factory=list)

    # ------------------------------------------------------------------------------ helpers
    @property
    def _labels(self) -> dict[str, str]:
        """The chapter's table headers in the page's language."""
        return column_labels(self.language, "landscape")

    @property
    def column_order(self) -> list[str]:
        """The reader names of the columns, in display order."""
        return [self.column_name[c] for c in self.selection.columns]

    def _names(self, columns: str) -> str:
        """``"NLD;DEU"`` -> ``"Nederland, Duitsland"``."""
        return ", ".join(self.column_name[c] for c in columns.split(";") if c)

    def _chart_column_name(self, column: str) -> str:
        """A column's name on the charts: marked as an analysis when all its strategies are analyses."""
        name = self.column_name[column]
        return t("land_analysis_mark", self.language, name=name) if column in self.analysis_columns else name

    @cached_property
    def country_grid(self) -> pd.DataFrame:
        """Every (item, country) cell of the heatmap with the item's and the country's reader names."""
        grid = cell_grid(self.cells, self.row_ids, self.selection.columns)
        grid["item"] = grid["taxonomy_id"].map(self.item_label)
        grid["country_name"] = grid["column"].map(self.column_name)
        return self._readable(grid)

    @cached_property
    def strategy_grid(self) -> pd.DataFrame:
        """Every (item, strategy) cell of the per-strategy heatmaps with the item's reader name."""
        grid = cell_grid(self.strategy_cells.drop(columns=["country"]), self.row_ids, self.selection.strategy_ids, counts=("n_items",))
        grid["item"] = grid["taxonomy_id"].map(self.item_label)
        return self._readable(grid)

    # ------------------------------------------------------------------------------ text
    def glue(self) -> dict[str, Any]:
        """The numbers and words of the chapter's text (the ``cp_*`` names)."""
        lang, sel, matrix = self.language, self.selection, self.by_country
        n_cols = matrix.shape[1]
        shared_all = self.shared[self.shared["n"] == n_cols]
        fl_only = self.specific[self.specific["kind"] == "flanders_only"]
        gaps = self.specific[self.specific["kind"] == "others_not_flanders"]
        spot_others = [c for c in who_prioritises(matrix, self.spotlight) if c != FLANDERS]
        spot = spotlight_position(self.positions, self.spotlight, lang)
        fl_col = matrix[FLANDERS] if FLANDERS in matrix.columns else pd.Series(dtype=int)
        missing = t("land_missing", lang, codes=join_names(self.missing_names, lang)) if self.missing_names else ""
        return dict(
            cp_n_strategies=len(sel.strategies), cp_n_columns=n_cols, cp_columns=join_names([in_text(c, lang) for c in self.column_order], lang),
            cp_n_priorities=len(self.selected_items), cp_n_mapped=len(self.selected_items) - len(self.unmapped), cp_n_unmapped=len(self.unmapped),
            cp_n_rows=len(self.row_ids), cp_n_tech_rows=sum(r in self.tech_ids for r in self.row_ids), cp_n_techs=len(self.tech_ids),
            cp_missing=missing,
            cp_min_shared=self.min_shared, cp_n_shared=len(self.shared), cp_n_shared_all=len(shared_all),
            cp_shared_all=item_names(shared_all["taxonomy_id"], self.item_label, lang),
            cp_max_others=self.specific_max_others, cp_n_fl_only=len(fl_only), cp_fl_only=item_names(fl_only["taxonomy_id"], self.item_label, lang),
            cp_gap_pct=self.gap_share * 100, cp_n_gaps=len(gaps), cp_gaps=item_names(gaps["taxonomy_id"], self.item_label, lang),
            cp_spot=self.item_label[self.spotlight], cp_spot_n=len(spot_others), cp_spot_who=join_names([self.column_name[c] for c in spot_others], lang),
            cp_spot_fl_n=int(fl_col.get(self.spotlight, 0)), cp_spot_items=len(self.spotlight_detail),
            cp_focus=self.focus_name, cp_p_start=int(self.patents_window[0]), cp_p_end=int(self.patents_window[1]),
            cp_method=t(f"axis_name_{self.complexity_method}", lang) if self.complexity_method in AXIS_NAMES else self.complexity_method,
            cp_relatedness=t(f"tech_relatedness_{self.relatedness}", lang),
            cp_position_note="" if self.has_positions else t("land_no_position", lang, region=self.focus_name, reason=self.no_position_reason),
            cp_spot_field=spot["field"], cp_spot_quadrant=spot["quadrant"], cp_spot_rca=spot["rca"],
            cp_spot_density=spot["density"], cp_spot_complexity=spot["complexity"],
            cp_n_others=n_cols - 1,
            cp_analyses_note=self._analyses_note(),
        )

    def _analyses_note(self) -> str:
        """The sentence that names the analyses among the strategies (marked on the charts); empty without one."""
        if not self.analysis_ids:
            return ""
        country = self.selection.strategies.set_index("strategy_id")["country"]
        names = [f"{strategy_short_name(s, self.language, self.selection.strategies)} ({self.column_name.get(country[s], country[s])})"
                 for s in self.analysis_ids]
        return t("land_analyses_note", self.language, names=join_names(names, self.language))

    # ------------------------------------------------------------------------------ tables
    def tables(self) -> dict[str, Table]:
        """The published tables: the matrix, its cells, the spotlight item, shared and specific items,
        the cells by strategy, the selected strategies and the priorities outside the taxonomy. Ids, and in the
        Dutch book the English translations of the priorities and names, are in the CSV only."""
        lang, labels = self.language, self._labels
        hidden = ("taxonomy_id", "strategy_id", "item_id", "item_group", "proxy_field",
                  *(("priorities_en", "name_en", "item_label_en") if lang == "nl" else ()))
        wide = self.by_country.loc[self.row_ids].rename(columns=self.column_name).reset_index()
        wide.insert(1, "item", wide["taxonomy_id"].map(self.item_label))
        wide.insert(2, "kind", [code_word("item_kind_", "tech" if r in self.tech_ids else "domain", lang) for r in wide["taxonomy_id"]])
        if self.has_positions:
            wide = wide.merge(self.positions[["taxonomy_id", "proxy_field", "field_label", "rca", "density", "complexity", "quadrant"]],
                              on="taxonomy_id", how="left")
            wide["quadrant"] = wide["quadrant"].map(lambda q: code_word("quadrant_", q, lang))
        grid = self.country_grid
        cells = self._readable(grid[grid["n_strategies"] > 0][["taxonomy_id", "item", "column", "country_name", "n_strategies", "n_items",
                                                                "strategies", "priorities", "priorities_en", "citations", "bases"]])
        detail = self._readable(self.spotlight_detail)
        shared = self.shared.assign(item=self.shared["taxonomy_id"].map(self.item_label), columns=self.shared["columns"].map(self._names))
        specific = self.specific.assign(item=self.specific["taxonomy_id"].map(self.item_label),
                                        kind=self.specific["kind"].map(lambda k: t(f"kind_{k}", lang)),
                                        others=self.specific["others"].map(self._names))
        sgrid = self.strategy_grid
        by_strategy = self._readable(sgrid[sgrid["n_items"] > 0][["taxonomy_id", "item", "column", "strategies", "n_items", "priorities",
                                                                  "priorities_en", "citations", "bases"]].rename(columns={"column": "strategy_id"}))
        strategies = self._readable(self.selection.strategies[["strategy_id", "country", "name", "name_en", "year", "kind", "citation"]])
        unmapped = self._readable(self.unmapped[["strategy_id", "item_id", "item_group", "item_label", "item_label_en", "citation"]])
        return {
            "matrix": Table(wide, "countries_priorities_matrix", t("land_matrix_caption", lang),
                            {"rca": ".2f", "density": ".1f", "complexity": ".2f"}, labels, hidden=hidden),
            "cells": Table(cells, "countries_priorities_cells", labels=labels, folded=t("land_matrix_caption", lang), hidden=hidden),
            "spotlight": Table(detail.assign(country=detail["country"].map(self.column_name)), "countries_priorities_spotlight",
                               t("land_quantum_caption", lang, item=self.item_label[self.spotlight]), labels=labels, hidden=hidden),
            "shared": Table(shared[["taxonomy_id", "item", "n", "share", "total", "columns"]], "countries_priorities_shared",
                            t("land_shared_caption", lang, n=self.min_shared, total=self.by_country.shape[1]), {"share": ".0%"}, labels,
                            hidden=hidden),
            "specificities": Table(specific[["taxonomy_id", "item", "kind", "flanders", "n_others", "others_share", "others"]],
                                   "countries_priorities_specificities", t("land_specific_caption", lang), {"others_share": ".0%"}, labels,
                                   hidden=hidden),
            "by_strategy": Table(by_strategy, "countries_priorities_by_strategy", labels=labels, folded=t("land_strategy_matrix_caption", lang),
                                 hidden=hidden),
            "strategies": Table(strategies.assign(country=lambda d: d["country"].map(self.column_name)), "countries_strategies",
                                t("land_strategies_caption", lang), labels=labels, hidden=hidden),
            "unmapped": Table(unmapped, "countries_priorities_unmapped", labels=labels,
                              folded=f"{t('land_unmapped_caption', lang)} ({len(unmapped)})", hidden=hidden),
        }

    def _readable(self, table: pd.DataFrame) -> pd.DataFrame:
        """A table of the policy data for readers: codes (strategy kind, mapping basis, kind of source) as words, citations
        with their remarks in the page's language."""
        lang, out = self.language, table.reset_index(drop=True).copy()
        for column, prefix in (("kind", "strategy_kind_"), ("mapping_basis", "mapping_basis_"), ("source_type", "source_type_")):
            if column in out.columns:
                out[column] = out[column].map(lambda v, p=prefix: code_word(p, v, lang))
        if "bases" in out.columns:
            out["bases"] = out["bases"].map(lambda v: ", ".join(code_word("mapping_basis_", b, lang) for b in str(v).split(";") if b))
        for column in ("citation", "citations"):
            if column in out.columns:
                out[column] = reader_citations(out[column], lang)
        return out

    # ------------------------------------------------------------------------------ charts
    def _position_panel(self) -> alt.LayerChart:
        """The focus region's quadrant, RCA and density beside each heatmap row."""
        lang, labels = self.language, self._labels
        tooltip = [alt.Tooltip("item:N", title=labels["item"]), alt.Tooltip("field_label:N", title=labels["proxy_field"]),
                   alt.Tooltip("quadrant_label:N", title=labels["quadrant"]), alt.Tooltip("rca:Q", title="RCA", format=".2f"),
                   alt.Tooltip("density:Q", title=labels["density"], format=".1f"),
                   alt.Tooltip("complexity:Q", title=labels["complexity"], format=".2f")]
        return heatmaps.position_panel(position_cells(self.positions, self.item_label, lang), "item", "measure", "text", "quadrant",
                                       y_order=[self.item_label[r] for r in self.row_ids], measure_order=position_measures(lang),
                                       quadrant_labels={k: t(f"quadrant_legend_{k}", lang) for k in POSITION_QUADRANTS},
                                       quadrant_title=t("land_position_legend", lang, region=self.focus_name),
                                       tooltip=tooltip, y_label_limit=220, cell_width=40)

    def heatmap(self) -> Any:
        """Items x countries (number of strategies), with the focus region's positions on the left when it has them."""
        lang, labels = self.language, self._labels
        tooltip = [alt.Tooltip("item:N", title=labels["item"]), alt.Tooltip("country_name:N", title=labels["country_name"]),
                   alt.Tooltip("n_strategies:Q", title=labels["n_strategies"]), alt.Tooltip("strategies:N", title=labels["strategies"]),
                   alt.Tooltip("priorities:N", title=labels["priorities"]), alt.Tooltip("citations:N", title=labels["citations"]),
                   alt.Tooltip("bases:N", title=labels["bases"])]
        grid = self.country_grid.assign(country_name=self.country_grid["column"].map(self._chart_column_name))
        heat = heatmaps.priority_heatmap(grid, "country_name", "item", "n_strategies", "",
                                         x_order=[self._chart_column_name(c) for c in self.selection.columns],
                                         y_order=[self.item_label[r] for r in self.row_ids], value_title=t("n_strategies", lang), tooltip=tooltip,
                                         show_y_labels=not self.has_positions, x_step=24, label_angle=-50, x_label_limit=120, y_label_limit=220)
        panel = self._position_panel() if self.has_positions else None
        return heatmaps.heatmap_with_positions(heat, panel, title=t("land_heatmap_title", lang),
                                               subtitle=t("land_heatmap_subtitle", lang).split(" | "))

    def strategy_heatmaps(self, per_row: int = STRATEGIES_PER_ROW) -> alt.VConcatChart:
        """Items x strategies (number of priority items), one heatmap per row of countries (:func:`pack_rows`), stacked."""
        lang, labels, sel = self.language, self._labels, self.selection
        strategy_country = dict(zip(sel.strategies["strategy_id"], sel.strategies["country"]))
        rows = heatmap_rows(self.strategy_grid, pack_rows(sel.columns, strategies_per_column(sel), per_row), strategy_country,
                            self.short_name, self.row_ids, self.item_label)
        tooltip = [alt.Tooltip("item:N", title=labels["item"]), alt.Tooltip("strategies:N", title=labels["strategies"]),
                   alt.Tooltip("n_items:Q", title=labels["n_items"]), alt.Tooltip("priorities:N", title=labels["priorities"]),
                   alt.Tooltip("citations:N", title=labels["citations"]), alt.Tooltip("bases:N", title=labels["bases"])]
        panels = [heatmaps.priority_heatmap(row.cells, "strategy", "item", "n_items", "", x_order=row.x_order, y_order=row.y_order,
                                            value_title=t("n_items", lang), tooltip=tooltip, step=15, x_step=19, label_angle=-50,
                                            x_label_limit=140, y_label_limit=220,
                                            x_title=join_names([self.column_name[c] for c in row.columns], lang))
                  for row in rows]
        return heatmaps.stacked_heatmaps(panels, title=t("land_strategy_heatmap_title", lang),
                                         subtitle=t("land_strategy_heatmap_subtitle", lang).split(" | "))

    def charts(self) -> dict[str, Any]:
        """The heatmap by country (with the positions) and the heatmaps by strategy."""
        return {"heatmap": self.heatmap(), "by_strategy": self.strategy_heatmaps()}


def priorities_page(data_dir: str | Path, *, focus_region: str, comparison_regions: Sequence[str], patents_window: Sequence[int],
                    language: str, rca_threshold: float = 1.0, quadrant_split: str = "median", complexity_method: str = "eigenvector",
                    relatedness: str = "cosine", since_year: int | None = None, mapping_bases: Sequence[str] = ("seed", "judgement"),
                    shared_share: float = 0.5, specific_max_others: int = 1, gap_share: float = 0.5,
                    spotlight: str = "quantum_computing", min_activity: float = 0) -> PrioritiesPage:
    """The priorities page from the policy data (``data/policy``) and the canonical tables in ``data_dir``.

    Strategies of Flanders, the focus region, the comparison regions and the EU
    (:func:`select_strategies`, adopted since ``since_year``), counted with the crosswalk links of
    ``mapping_bases``. Shared items: those at least ``shared_share`` of the columns prioritise (at
    least two columns); Flemish specificities: Flanders and at most ``specific_max_others`` other
    columns, and the reverse, items at least ``gap_share`` of the other columns prioritise and
    Flanders does not. ``spotlight`` is the taxonomy item the text looks at in detail. The focus
    region's positions are the technology chapter's measures on its patents in ``patents_window``
    (``rca_threshold``, ``quadrant_split``, ``complexity_method``, ``relatedness``, ``min_activity``).
    """
    lang, mapping_bases = language, list(mapping_bases)
    data = policy.load_policy_data()
    names = canonical.read(data_dir, "regions").set_index("region")["name"]
    sel = select_strategies(data.strategies, focus_region, comparison_regions, since_year=since_year)
    analysis_ids = sel.strategies.loc[sel.strategies["kind"].isin(ANALYSIS_KINDS), "strategy_id"].tolist()
    short = {s: strategy_short_name(s, lang, data.strategies) for s in sel.strategy_ids}
    short |= {s: t("land_analysis_mark", lang, name=short[s]) for s in analysis_ids}
    kinds = sel.strategies.groupby("country")["kind"].agg(lambda k: bool(k.isin(ANALYSIS_KINDS).all()))
    analysis_columns = [c for c in sel.columns if bool(kinds.get(c, False))]
    by_country = priorities_matrix(data, sel, mapping_bases=mapping_bases)
    tech_ids = data.technologies["tech_id"].tolist()
    item_label = {i: taxonomy_label(i, lang, data.technologies, policy.DOMAINS) for i in tech_ids + list(policy.DOMAIN_IDS)}
    if spotlight not in item_label:
        raise InputError(f"landscape_spotlight {spotlight!r} is not a taxonomy id; use a tech_id of data/technologies.csv or a domain id")
    row_ids = item_order(by_country, tech_ids, item_label)
    selected_items = data.priorities[data.priorities["strategy_id"].isin(sel.strategy_ids)]
    crosswalk = data.crosswalk[data.crosswalk["mapping_basis"].isin(mapping_bases)]
    min_shared = max(2, math.ceil(shared_share * by_country.shape[1]))

    patents = technologies.load_source(data_dir, "patents", focus_region)
    profile = None
    if patents.available:
        profile = technologies.source_profile(patents, patents_window, rca_threshold=rca_threshold, quadrant_split=quadrant_split,
                                              complexity_method=complexity_method, relatedness=relatedness, min_activity=min_activity)
        complexity_method = profile.attrs["axis"].method
    return PrioritiesPage(
        language=lang, selection=sel, column_name={c: policy_region_name(c, lang, names) for c in sel.columns}, short_name=short,
        item_label=item_label, tech_ids=tech_ids, row_ids=row_ids, by_country=by_country,
        cells=priorities_long(data, sel, language=lang, mapping_bases=mapping_bases, strategy_names=short),
        strategy_cells=priorities_long(data, sel, by="strategy", language=lang, mapping_bases=mapping_bases, strategy_names=short),
        selected_items=selected_items, unmapped=unmapped_items(selected_items, crosswalk),
        min_shared=min_shared, shared=shared_items(by_country, min_shared),
        specific=flemish_specificities(by_country, max_others=specific_max_others, min_others_share=gap_share),
        specific_max_others=specific_max_others, gap_share=gap_share,
        spotlight=spotlight, spotlight_detail=item_detail(data, sel, spotlight, language=lang, mapping_bases=mapping_bases),
        positions=focus_positions(row_ids, profile, taxonomy.load_coarse_map(), language=lang, scheme=patents.classification),
        has_positions=profile is not None, no_position_reason=patents.reason,
        focus_name=policy_region_name(focus_region, lang, names), missing_names=[policy_region_name(c, lang, names) for c in sel.missing],
        patents_window=(int(patents_window[0]), int(patents_window[1])),
        complexity_method=complexity_method, relatedness=relatedness, analysis_ids=analysis_ids, analysis_columns=analysis_columns,
    )
