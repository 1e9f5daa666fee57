"""The decision framework of VARIO (2026), recommendation 1.3 (figures 11 and 12), as explicit rules, applied
to the nine domains of Tabel 1 and to the technologies of the focus region.

Modules, by concern:

* :mod:`~helpers.chapters.framework.categories` -- the outcomes and the policy action of each;
* :mod:`~helpers.chapters.framework.rules` -- the rules quoting the seed, the tree, :func:`classify`
  and the classification of a table of domains (the decision logic);
* :mod:`~helpers.chapters.framework.inputs` -- the five inputs per domain: strengths from ratings,
  the transition contribution, growth, and which of them are measured;
* :mod:`~helpers.chapters.framework.technology_framework` -- the framework applied to technologies;
* :mod:`~helpers.chapters.framework.tree` -- the tree as a chart (drawn by :mod:`helpers.charts.tree`);
* :mod:`~helpers.chapters.framework.page` -- the chapter's pages: tables, charts, text.

The transition priorities and ``data/domain_transitions.csv`` are project data, read by
:mod:`helpers.data.domains`.
"""

from helpers.chapters.framework.categories import CATEGORIES, CATEGORY_ORDER, SEED, SEED_TEXT, SOURCE_13, Category
from helpers.chapters.framework.inputs import (
    DEFAULT_DIMENSIONS,
    SEED_11_DIMENSIONS,
    framework_input_sources,
    framework_inputs,
    strengths_from_ratings,
    transition_inputs,
)
from helpers.chapters.framework.page import (
    FLEMISH_REGIONS,
    FrameworkPage,
    TechnologyFrameworkPage,
    framework_page,
    technology_page,
)
from helpers.chapters.framework.rules import (
    INPUT_NAMES,
    INPUTS,
    LEAF_LABELS,
    LEAVES,
    RULES,
    TRANSITIONS_SOURCE,
    TREE,
    TREE_ROOT,
    UNDECIDED_REASONS_NL,
    Node,
    Outcome,
    Rule,
    all_combinations,
    as_bool,
    classify,
    classify_domains,
    names_in_category,
    outcome_counts,
    portfolio,
    rule_for,
    walk,
)
from helpers.chapters.framework.technology_framework import (
    SOURCE_DIMENSION,
    TECHNOLOGY_INPUTS,
    classify_technologies,
    technology_counts,
    technology_framework,
    technology_transitions,
)
from helpers.chapters.framework.tree import CATEGORY_COLOURS, tree_chart, tree_layout
from helpers.data.domains import TRANSITIONS

__all__ = [
    "CATEGORIES", "CATEGORY_COLOURS", "CATEGORY_ORDER", "DEFAULT_DIMENSIONS", "FLEMISH_REGIONS", "INPUTS", "INPUT_NAMES", "LEAF_LABELS",
    "LEAVES", "RULES", "SEED", "SEED_11_DIMENSIONS", "SEED_TEXT", "SOURCE_13", "SOURCE_DIMENSION", "TECHNOLOGY_INPUTS", "TRANSITIONS",
    "TRANSITIONS_SOURCE", "TREE", "TREE_ROOT", "UNDECIDED_REASONS_NL", "Category", "FrameworkPage", "Node", "Outcome", "Rule",
    "TechnologyFrameworkPage", "all_combinations", "as_bool", "classify", "classify_domains", "classify_technologies",
    "framework_input_sources", "framework_inputs", "framework_page", "names_in_category", "outcome_counts", "portfolio", "rule_for",
    "strengths_from_ratings", "technology_counts", "technology_framework", "technology_page", "technology_transitions",
    "transition_inputs", "tree_chart", "tree_layout", "walk",
]
