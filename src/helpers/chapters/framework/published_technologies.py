"""The decision framework applied to the report's 38 technologies with the CEPS study's published inputs.

Inputs per technology (Flanders, published values of the study, :mod:`helpers.data.adapters.ceps_vario`):
technological strength = patent RCA >= threshold, scientific strength = publication RCA >=
threshold, economic / entrepreneurial strength = start-up investment RCA >= threshold, growth
potential = published complexity above the median of the 38 (the study reads complexity as
economic value), transition contribution as in the rest of the chapter (judgement: carried over
from the domains that the technology's main WIPO field is linked to). The report's worked examples
(semiconductors an ecosystem gap, high-performance computing a moonshot, pharma a pronounced
strength at domain level) are held against the categories the rules give.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from IPython.display import Markdown

from helpers.chapters.framework.categories import CATEGORIES
from helpers.chapters.framework.rules import INPUT_NAMES
from helpers.chapters.framework.technology_framework import classify_technologies, technology_transitions
from helpers.chapters.page import Table
from helpers.chapters.sectors import patent_field_map
from helpers.chapters.technologies.published import load_inputs
from helpers.data.domains import load_concordance
from helpers.i18n import join_names, localise_number, t

if TYPE_CHECKING:  # the page module uses this one
    from helpers.chapters.framework.page import FrameworkPage

#: the report's worked examples: (kind, id, the category the report gives), VARIO 2026, recommendation 1.3 (Figuur 11-12)
EXAMPLES: tuple[tuple[str, str, str], ...] = (
    ("technology", "semiconductors", "hiaat_ecosysteem"),
    ("technology", "hpc", "moonshot"),
    ("domain", "pharma", "uitgesproken_sterkte"),
)
_INPUT_KEYS = ("economic", "innovation", "scientific", "growth", "transition")


def published_inputs(positions: pd.DataFrame) -> pd.DataFrame:
    """One row per technology: ``rca_patents``, ``rca_publications``, ``rca_investments``, the composite
    ``density`` (summary) and ``complexity``, from the canonical ``published_positions``."""
    rca = positions[positions["source"] != "summary"].pivot(index="technology", columns="source", values="rca").add_prefix("rca_")
    summary = positions[positions["source"] == "summary"].set_index("technology")[["density", "complexity"]]
    return rca.join(summary).reset_index()


@dataclass
class PublishedFramework:
    """The framework on the 38 technologies with published inputs (:func:`published_framework`)."""

    language: str
    classified: pd.DataFrame
    examples: pd.DataFrame
    rca_threshold: float

    @property
    def available(self) -> bool:
        return len(self.classified) > 0

    def glue(self) -> dict[str, Any]:
        """``fp_text``: the outcome in words (Markdown; a note when the edition has no published values)."""
        lang = self.language
        if not self.available:
            return {"fp_text": Markdown(t("pub_absent", lang))}
        counts = self.classified["category"].value_counts()
        parts = [f"{int(n)} × {getattr(CATEGORIES[k], f'label_{lang}').lower()}" for k, n in counts.items()]
        matched = int((self.examples["same"] == t("pub_same", lang)).sum())
        text = t("fp_text", lang, n=len(self.classified), threshold=localise_number(f"{self.rca_threshold:g}", lang),
                 counts=join_names(parts, lang), same=matched, n_examples=len(self.examples))
        return {"fp_text": Markdown(text)}

    def tables(self) -> dict[str, Table]:
        if not self.available:
            return {}
        lang = self.language
        words = {True: t("yes", lang), False: t("no", lang), None: t("unknown", lang)}
        df = self.classified
        table = pd.DataFrame({
            "label": df["label"], "category": df["category"].map(lambda k: getattr(CATEGORIES[k], f"label_{lang}")),
            "rca_patents": df["rca_patents"], "rca_publications": df["rca_publications"], "rca_investments": df["rca_investments"],
            "complexity": df["complexity"], **{k: df[k].map(lambda v: words[None if v is None or v != v else bool(v)]) for k in _INPUT_KEYS},
            "domains": df["domains"], "path": df[f"path_{lang}"], "technology": df["technology"]})
        labels = {"label": t("pub_col_label", lang), "category": t("fp_col_category", lang), "rca_patents": t("pub_rca_patents", lang),
                  "rca_publications": t("pub_rca_publications", lang), "rca_investments": t("pub_rca_investments", lang),
                  "complexity": t("pub_col_complexity", lang), "domains": t("fp_col_domains", lang), "path": t("fp_col_path", lang),
                  "technology": t("pub_col_technology", lang), **{k: t(f"fp_col_{k}", lang) for k in _INPUT_KEYS}}
        examples = self.examples.drop(columns=["kind"])
        ex_labels = {"item": t("fp_col_item", lang), "report": t("fp_col_report", lang), "book": t("fp_col_book", lang),
                     "same": t("pub_col_same_quadrant", lang).replace(t("pub_col_quadrant", lang), t("fp_col_category", lang)),
                     "difference": t("fp_col_difference", lang), "id": t("pub_col_technology", lang)}
        return {"technologies": Table(table, "framework_published_technologies", wide=True, labels=labels,
                                      formats={"rca_patents": ".2f", "rca_publications": ".2f", "rca_investments": ".2f", "complexity": ".2f"},
                                      caption=t("fp_caption", lang), hidden=("technology",)),
                "examples": Table(examples, "framework_published_examples", labels=ex_labels, wide=True, caption=t("fp_examples_caption", lang),
                                  hidden=("id",))}


def _difference(row: pd.Series, report: str, language: str) -> str:
    """Which inputs separate the category the rules give from the one the report names (the report's
    category read as the inputs its definition requires)."""
    needs = {
        "uitgesproken_sterkte": {"economic": True, "innovation": True, "scientific": True, "growth": True},
        # the report's semiconductors example is its case (2): technological and scientific strength, economic activity underdeveloped
        "hiaat_ecosysteem": {"economic": False, "innovation": True, "scientific": True, "growth": True, "transition": True},
        "moonshot": {"economic": False, "growth": True, "transition": True},
    }[report]
    off = [f"{t(f'fp_col_{k}', language).lower()} = {t('yes' if row[k] else 'no', language) if row[k] is not None else t('unknown', language)}"
           for k, v in needs.items() if row[k] is not v]
    return join_names(off, language) if off else ""


def published_framework(data_dir: str | Path, page: FrameworkPage, *, rca_threshold: float = 1.0) -> PublishedFramework:
    """The framework on the 38 technologies with the study's published inputs, and the report's worked
    examples (the pharma domain from ``page``'s own domain classification)."""
    lang = page.language
    published, technologies, coarse = load_inputs(data_dir)
    if not published.available:
        return PublishedFramework(lang, pd.DataFrame(), pd.DataFrame(), rca_threshold)
    table = published_inputs(published.positions)
    primary = coarse[(coarse["scheme"] == "wipo35") & (coarse["strength"] == "primary")].drop_duplicates("tech_id")
    field_map, _ = patent_field_map(load_concordance(), page.domains)
    tech_map = primary.merge(field_map, left_on="code", right_on="technology", suffixes=("", "_field"))[["domain_id", "tech_id"]]
    names = dict(zip(page.domains["domain_id"], page.domains[f"domain_{lang}"]))
    transitions = technology_transitions(table["technology"], tech_map.rename(columns={"tech_id": "technology"}), page.transitions, domain_names=names)
    classified = classify_technologies(table, rca_threshold=rca_threshold, split="median",
                                       transition=dict(zip(transitions["technology"], transitions["transition"])),
                                       decide_when_unambiguous=page.decide_when_unambiguous, source="published inputs")
    labels = technologies.set_index("tech_id")[f"label_{lang}"]
    classified = classified.merge(table, on="technology").merge(transitions[["technology", "domains"]], on="technology")
    classified.insert(1, "label", classified["technology"].map(labels))
    rows = []
    domains = page.classified.set_index("domain_id")
    for kind, item, report in EXAMPLES:
        if kind == "technology":
            row = classified.set_index("technology").loc[item]
            name = labels[item]
        else:
            row = domains.loc[item]
            name = row[f"domain_{lang}"]
        book = row["category"]
        same = book == report
        rows.append({"kind": kind, "item": name, "report": getattr(CATEGORIES[report], f"label_{lang}"),
                     "book": getattr(CATEGORIES[book], f"label_{lang}"), "same": t("pub_same" if same else "pub_different", lang),
                     "difference": "" if same else _difference(row, report, lang), "id": item})
    return PublishedFramework(lang, classified.sort_values("technology", kind="mergesort").reset_index(drop=True), pd.DataFrame(rows), rca_threshold)


__all__ = ["EXAMPLES", "INPUT_NAMES", "PublishedFramework", "published_framework", "published_inputs"]
