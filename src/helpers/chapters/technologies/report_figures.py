"""The report's figure of one source from the study's published values, and the book's computation held against it.

:func:`report_figures` takes a source page of the chapter (:func:`~helpers.chapters.technologies.source_pages.read_source_page`)
and returns what the page shows besides its own chart: the report's figure (Figuur 3 for patents,
Figuur 5 for start-up investments, the study's publications chart), a table with, for each of the
38 technologies, the published and the computed RCA, density, complexity and quadrant, the
agreement in words and numbers, the study's domain-space network (patents, publications) and the
study's list of Flemish companies (investments). The measures are in
:mod:`~helpers.chapters.technologies.published`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import Markdown

from helpers.chapters.page import Table
from helpers.chapters.technologies.published import (Published, agreement, agreement_word, category_differences, comparison,
                                                     computed_by_technology, load_inputs, published_profile, table_labels)
from helpers.chapters.technologies.source_pages import SourcePage
from helpers.charts import network as network_charts
from helpers.charts import rca_quadrants
from helpers.charts.style import PALETTE
from helpers.i18n import localise_number, md_names, md_text, t
from helpers.i18n.labels.published import STUDY_CATEGORIES

NETWORK_SOURCES = ("patents", "publications")
_FORMATS = {"published_rca": ".2f", "published_density": ".1f", "published_complexity": ".2f", "computed_rca": ".2f",
            "computed_density": ".1f", "computed_complexity": ".2f"}


def _num(value: float, spec: str, language: str) -> str:
    return localise_number(format(value, spec), language) if np.isfinite(value) else t("pub_no_value", language)


@dataclass
class ReportFigures:
    """The report's figure of one source and its comparison with the book's page (:func:`report_figures`)."""

    source: str
    language: str
    published: Published
    computed_region: str
    profile: pd.DataFrame | None = None
    table: pd.DataFrame | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    technologies: pd.DataFrame | None = None

    @property
    def available(self) -> bool:
        return self.profile is not None

    def glue(self) -> dict[str, Any]:
        """``pub_text``: the comparison in words (Markdown, wording chosen from the numbers), and the numbers themselves."""
        lang = self.language
        if not self.available:
            return {"pub_text": Markdown(t("pub_absent", lang))}
        s = self.stats
        source_name = t(f"tech_source_{self.source}", lang)
        counts = self.profile["quadrant"].value_counts()
        words = {m: agreement_word(s[f"rho_{m}"], lang) for m in ("rca", "density", "complexity")}
        parts = [t("pub_published_text", lang, n=len(self.profile), source=source_name,
                   n_optimal=int(counts.get("optimal", 0)), n_moonshot=int(counts.get("moonshot", 0)),
                   n_low_risk=int(counts.get("low_risk", 0)), n_low_priority=int(counts.get("low_priority", 0)),
                   optimal=md_names(sorted(self.profile.loc[self.profile["quadrant"] == "optimal", f"label_{lang}"]), lang))]
        if s["n_compared"]:
            parts.append(t("pub_agreement_text", lang, region=md_text(self.computed_region), n=s["n_compared"], source=source_name,
                           rho_rca=_num(s["rho_rca"], ".2f", lang), rho_density=_num(s["rho_density"], ".2f", lang),
                           rho_complexity=_num(s["rho_complexity"], ".2f", lang), word_rca=words["rca"], word_density=words["density"],
                           word_complexity=words["complexity"], n_same=s["n_same_quadrant"],
                           share_same=localise_number(f"{s['share_same_quadrant'] * 100:.0f}", lang)))
        else:
            parts.append(t("pub_nothing_computed", lang, region=md_text(self.computed_region), source=source_name))
        if self.source in ("publications", "investments"):
            parts.append(t("pub_own_density", lang, source=source_name))
        if note := self.category_note():
            parts.append(note)
        return {"pub_text": Markdown("\n\n".join(parts)), "pub_n_compared": s["n_compared"], "pub_n_same": s["n_same_quadrant"],
                "pub_rho_rca": s["rho_rca"], "pub_rho_density": s["rho_density"], "pub_rho_complexity": s["rho_complexity"]}

    def charts(self) -> dict[str, Any]:
        """``figure``: the report's figure from the published values; ``network``: the study's domain space (patents, publications)."""
        if not self.available:
            return {"figure": None, "network": None}
        lang = self.language
        source_name = t(f"tech_source_{self.source}", lang)
        subtitle = t("pub_figure_subtitle", lang) if self.source == "patents" else t("pub_figure_subtitle_own", lang, source=source_name)
        titles = table_labels(lang)
        tooltip = {"label": titles["label"], "category": titles["study_category"], "quadrant": titles["quadrant"],
                   "density": t("pub_x_title", lang), "complexity": t("pub_y_title", lang)}
        figure = rca_quadrants.rca_quadrant_chart(self.profile, t(f"pub_figure_{self.source}", lang), t("pub_x_title", lang),
                                                  t("pub_y_title", lang), lang, tooltip_titles=tooltip, subtitle=subtitle.split(" | "),
                                                  rca_title=t(f"pub_rca_{self.source}", lang))
        return {"figure": figure, "network": self._network() if self.source in NETWORK_SOURCES else None}

    def _network(self) -> Any:
        lang = self.language
        layout = self.published.layout[self.published.layout["source"] == self.source]
        links = self.published.network[self.published.network["source"] == self.source]
        if layout.empty:
            return None
        names = self.technologies.set_index("tech_id")[f"label_{lang}"]
        nodes = pd.DataFrame({"node": layout["technology"], "label": layout["technology"].map(names), "x": layout["x"], "y": -layout["y"],
                              "category": layout["study_category"].map(lambda c: STUDY_CATEGORIES[c][lang])})
        order = [v[lang] for v in STUDY_CATEGORIES.values()]
        edges = pd.DataFrame({"source": links["technology_a"], "target": links["technology_b"], "weight": links["weight"]})
        source_name = t(f"tech_source_{self.source}", lang)
        return network_charts.network_chart(
            nodes, edges, title=t("pub_network_title", lang, source=source_name), subtitle=t("pub_network_subtitle", lang).split(" | "), width=560,
            category_order=order, category_colours=PALETTE[: len(order)], category_title=t("pub_category", lang),
            tooltip_titles={"node": t("pub_node", lang), "category": t("pub_category", lang), "source": t("pub_link_from", lang),
                            "target": t("pub_link_to", lang), "weight": t("pub_col_weight", lang)})

    def tables(self) -> dict[str, Table]:
        """``comparison`` (the 38 technologies, published beside computed), ``network`` (the study's links)
        and, for investments, ``companies`` (the study's partial list)."""
        if not self.available:
            return {}
        lang, labels = self.language, table_labels(self.language)
        source_name = t(f"tech_source_{self.source}", lang)
        out = {"comparison": Table(self.table, f"technologies_{self.source}_published", formats=_FORMATS, labels=labels, wide=True,
                                   caption=t("pub_comparison_caption", lang, region=self.computed_region, source=source_name),
                                   hidden=("technology",))}
        names = self.technologies.set_index("tech_id")[f"label_{lang}"]
        if self.source in NETWORK_SOURCES:
            links = self.published.network[self.published.network["source"] == self.source]
            links = pd.DataFrame({"technology_a": links["technology_a"].map(names), "technology_b": links["technology_b"].map(names),
                                  "weight": links["weight"]}).sort_values(["weight", "technology_a"], ascending=[False, True], kind="mergesort")
            out["network"] = Table(links.reset_index(drop=True), f"technologies_{self.source}_published_network", formats={"weight": ".2f"},
                                   labels=labels, folded=t("pub_network_caption", lang, source=source_name))
        if self.source == "investments":
            companies = self.published.companies
            table = pd.DataFrame({"label": companies["technology"].map(names), "organisation": companies["organisation"],
                                  "amount": companies["amount"], "technology": companies["technology"]})
            table = table.sort_values(["label", "amount", "organisation"], ascending=[True, False, True], kind="mergesort").reset_index(drop=True)
            out["companies"] = Table(table, "technologies_investments_published_companies", formats={"amount": ",.0f"}, labels=labels,
                                     caption=t("pub_companies_caption", lang, n=int(companies["technology"].nunique())), hidden=("technology",))
        return out

    def category_note(self) -> str:
        """A sentence (Markdown) on the technologies that the study files under another category than the taxonomy does ("" when none)."""
        if not self.available:
            return ""
        differ = category_differences(self.published, self.technologies)
        if differ.empty:
            return ""
        names = self.technologies.set_index("tech_id")[f"label_{self.language}"]
        return t("pub_category_note", self.language, n=len(differ), names=md_names([names[x] for x in differ["technology"]], self.language))


def report_figures(data_dir: str | Path, page: SourcePage, *, region_names: Mapping[str, str] | None = None) -> ReportFigures:
    """The report's figure of ``page``'s source from the published values in ``data_dir`` and the
    comparison with the page's computed profile (see the module doc)."""
    source, lang = page.data.source, page.language
    published, technologies, coarse = load_inputs(data_dir)
    computed_region = page.name if page.data.available else page.focus_name
    out = ReportFigures(source=source, language=lang, published=published, computed_region=computed_region, technologies=technologies)
    if not published.available:
        return out
    out.profile = published_profile(published, source, technologies)
    scheme = page.data.classification.replace("_rounds", "") if page.data.available else None
    reason = "" if page.data.available else t("pub_why_no_data", lang, source=t(f"tech_source_{source}", lang), region=page.focus_name)
    profile = page.computed if page.computed is not None else page.profile
    computed = computed_by_technology(profile, coarse, scheme, technologies, reason=reason, language=lang)
    field_names = dict(zip(page.profile["technology"], page.profile[f"label_{lang}"])) if page.profile is not None else {}
    out.table = comparison(out.profile, computed, lang, field_names=field_names)
    out.stats = agreement(out.table)
    return out

