"""The "other countries" chapter: who prioritises what, Flemish budgets, R&D intensity and country profiles (seed ch. 4, TNO 2025).

Pure functions on the cited project data of :mod:`helpers.data.policy` (``data/policy/*.csv``) and on
the canonical tables (Eurostat regional R&D, patents). The chapter's notebooks
(``notebooks/countries_*.ipynb``) each call one page builder; every number they show comes from here.

Modules, by concern:

* :mod:`~helpers.chapters.countries.selection`: which strategies (:func:`select_strategies`,
  :func:`policy_codes`, :class:`Selection`) and how they are packed into heatmap rows (:func:`pack_rows`).
* :mod:`~helpers.chapters.countries.priorities`: who prioritises what (:func:`priorities_long`,
  :func:`priorities_matrix`, :func:`shared_items`, :func:`flemish_specificities`, :func:`item_detail`,
  :func:`who_prioritises`) and the heatmaps' rows and cells (:func:`item_order`, :func:`cell_grid`,
  :func:`heatmap_rows`).
* :mod:`~helpers.chapters.countries.item_counts`: counts straight on the policy tables
  (:func:`item_matrix`, :func:`convergence`, :func:`unmapped_items`, :func:`taxonomy_labels`).
* :mod:`~helpers.chapters.countries.budgets`: stated totals recomputed (:func:`budget_totals`,
  :func:`budget_checks`), yearly paths, plan compositions and year allocations.
* :mod:`~helpers.chapters.countries.rd`: R&D intensity (:func:`rd_regions`, :func:`rd_intensity`,
  :func:`rd_summary`, :func:`rd_target`).
* :mod:`~helpers.chapters.countries.positions`: Flanders' (and each country's) positions on the
  prioritised technologies (:func:`attach_positions`, :func:`priorities_by_position`,
  :func:`focus_positions`, :func:`spotlight_position`).
* one page module per notebook: :func:`priorities_page`, :func:`budgets_page`, :func:`profiles_page`.

Bad input raises :class:`helpers.errors.InputError` with one line.
"""

from __future__ import annotations

from helpers.chapters.countries.budgets import (
                                                budget_checks,
                                                budget_rows,
                                                budget_totals,
                                                budget_years,
                                                plan_composition,
                                                programme_path,
                                                year_allocations,
)
from helpers.chapters.countries.budgets_page import BudgetsPage, budgets_page
from helpers.chapters.countries.item_counts import (
                                                convergence,
                                                item_matrix,
                                                taxonomy_labels,
                                                unmapped_items,
)
from helpers.chapters.countries.positions import (
                                                POSITION_QUADRANTS,
                                                attach_positions,
                                                focus_positions,
                                                format_value,
                                                item_names,
                                                position_cells,
                                                position_measures,
                                                priorities_by_position,
                                                spotlight_position,
)
from helpers.chapters.countries.priorities import (
                                                HeatmapRow,
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
from helpers.chapters.countries.priorities_page import PrioritiesPage, priorities_page
from helpers.chapters.countries.profiles_page import ProfilesPage, profiles_page
from helpers.chapters.countries.rd import (
                                                EU_RD,
                                                RD_TARGET_FACT,
                                                ROLE_ORDER,
                                                rd_intensity,
                                                rd_regions,
                                                rd_summary,
                                                rd_target,
)
from helpers.chapters.countries.selection import (
                                                EU,
                                                EU_ALIASES,
                                                FLANDERS,
                                                FLANDERS_NUTS,
                                                Selection,
                                                pack_rows,
                                                policy_codes,
                                                select_strategies,
                                                strategies_per_column,
)

__all__ = [
    "EU", "EU_ALIASES", "EU_RD", "FLANDERS", "FLANDERS_NUTS", "POSITION_QUADRANTS", "RD_TARGET_FACT", "ROLE_ORDER",
    "BudgetsPage", "HeatmapRow", "PrioritiesPage", "ProfilesPage", "Selection",
    "attach_positions", "budget_checks", "budget_rows", "budget_totals", "budget_years", "budgets_page", "cell_grid", "convergence",
    "flemish_specificities", "focus_positions", "format_value", "heatmap_rows", "item_detail", "item_matrix", "item_names", "item_order",
    "pack_rows", "plan_composition", "policy_codes", "position_cells", "position_measures", "priorities_by_position", "priorities_long",
    "priorities_matrix", "priorities_page", "profiles_page", "programme_path", "rd_intensity", "rd_regions", "rd_summary", "rd_target",
    "select_strategies", "shared_items", "spotlight_position", "strategies_per_column", "taxonomy_labels", "unmapped_items",
    "who_prioritises", "year_allocations",
]
