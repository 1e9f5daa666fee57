"""The decision tree of recommendation 1.3 as a chart, each classified domain (or technology) listed at its leaf.

The framework's questions (:data:`~helpers.chapters.framework.rules.TREE`), leaves, category labels,
rules and policy actions become the texts, colours and tooltips of :mod:`helpers.charts.tree`, which
lays out and draws the tree.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.chapters.framework.categories import CATEGORIES
from helpers.chapters.framework.rules import LEAF_LABELS, LEAVES, NO_WORD, RULES, TREE, TREE_ROOT, YES_WORD
from helpers.charts import tree as tree_charts
from helpers.errors import InputError
from helpers.methods.ratings import require_columns

#: Leaf colour per category (the three portfolio categories as in the quadrant chart; white: not decided).
CATEGORY_COLOURS: dict[str, str] = {
    "uitgesproken_sterkte": "#009E73",
    "hiaat_ecosysteem": "#56B4E9",
    "moonshot": "#CC79A7",
    "geen_beleidsfocus": "#D9D9D9",
    "internationalisering": "#E69F00",
    "partnerschappen": "#F0E442",
    "niet_beslist": "#FFFFFF",
}
_TITLES = {"nl": "Beslissingsboom – strategische domeinen (VARIO 2026, aanbeveling 1.3, figuren 11 en 12)",
           "en": "Decision tree – strategic domains (VARIO 2026, recommendation 1.3, figures 11 and 12)"}
_UNKNOWN_EDGE = {"nl": "input onbekend", "en": "input unknown"}


def _members(classified: pd.DataFrame | None, id_column: str, name_column: str | None, lang: str) -> dict[str, list[str]]:
    """The names listed at each leaf (``name_column``, default ``domain_<lang>`` / ``technology_<lang>`` if present, else the id)."""
    members: dict[str, list[str]] = {leaf: [] for leaf in LEAVES}
    if classified is None:
        return members
    require_columns(classified, (id_column, "leaf"), "classified domains")
    if name_column is None:
        name_column = next((c for c in (f"domain_{lang}", f"technology_{lang}") if c in classified.columns), id_column)
    require_columns(classified, (name_column,), "classified domains")
    for name, leaf in zip(classified[name_column], classified["leaf"]):
        if leaf not in members:
            raise InputError(f"classified domains: unknown leaf {leaf!r}; use the output of classify_domains")
        members[leaf].append(str(name))
    return members


def tree_layout(classified: pd.DataFrame | None = None, *, id_column: str = "domain_id", name_column: str | None = None,
                lang: str = "nl") -> dict[str, pd.DataFrame]:
    """Coordinates of the tree for :func:`tree_chart`: tables ``nodes``, ``edges``, ``labels``, ``lists``, ``size``.

    Questions sit in columns by depth, all leaves in one column, and each leaf's domains are listed
    to its right; a leaf's height grows with the number of domains listed
    (:func:`helpers.charts.tree.tree_layout`). An "input unknown" edge leads from the root to the
    leaf of missing inputs.
    """
    if lang not in ("nl", "en"):
        raise InputError(f"tree_chart: lang={lang!r}; use 'nl' or 'en'")
    col = 0 if lang == "nl" else 1
    questions = {key: tree_charts.Question(node.question_nl if lang == "nl" else node.question_en, node.yes, node.no)
                 for key, node in TREE.items()}
    leaves = {}
    for leaf, category in LEAVES.items():
        cat = CATEGORIES[category]
        rule_ids = [r.rule_id for r in RULES.values() if r.leaf == leaf]
        label = cat.label_nl if lang == "nl" else cat.label_en
        action = cat.action_title_nl if lang == "nl" else cat.action_title_en
        leaves[leaf] = tree_charts.Leaf(LEAF_LABELS.get(leaf, (cat.label_nl, cat.label_en))[col], CATEGORY_COLOURS[category],
                                        f"{label} ({', '.join(rule_ids)}). {action}")
    return tree_charts.tree_layout(questions, TREE_ROOT, leaves, _members(classified, id_column, name_column, lang),
                                   yes=YES_WORD[lang], no=NO_WORD[lang], extra_children={TREE_ROOT: [("L_onbekend", _UNKNOWN_EDGE[lang])]})


def tree_chart(classified: pd.DataFrame | None = None, *, id_column: str = "domain_id", name_column: str | None = None,
               lang: str = "nl") -> alt.LayerChart:
    """The decision tree of recommendation 1.3 as a Vega-Lite diagram, each domain listed at its leaf.

    Question boxes (grey), edges with ja/nee labels, leaf boxes coloured by category, and the names
    of the classified domains (``name_column``, default ``domain_nl``/``domain_en`` if present, else
    the id) to the right of their leaf. Tooltips give the rules and the policy action.
    """
    layout = tree_layout(classified, id_column=id_column, name_column=name_column, lang=lang)
    return tree_charts.tree_chart(layout, _TITLES[lang])
