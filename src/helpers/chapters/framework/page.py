"""The decision-framework chapter's pages: the nine domains of Tabel 1 through the tree, then the technologies.

:func:`framework_page` gathers the five inputs per domain (strengths from the computed or published
Tabel 1, growth potential from the national accounts, the transition contribution from
``data/domain_transitions.csv``) and classifies the domains; :func:`technology_page` applies the
same framework to the technologies of the technology chapter. Each page hands the notebook the
numbers of the text (``glue()``), the published tables (``tables()``) and the charts (``charts()``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import Markdown

from helpers.chapters import sectors
from helpers.chapters import technologies as tech
from helpers.chapters.framework.categories import CATEGORIES
from helpers.chapters.framework.published_technologies import PublishedFramework, published_framework
from helpers.chapters.framework.inputs import framework_input_sources, framework_inputs, strengths_from_ratings, transition_inputs
from helpers.chapters.framework.rules import INPUT_NAMES, NOTES_NL, all_combinations, classify_domains, outcome_counts, portfolio
from helpers.chapters.framework.technology_framework import technology_counts, technology_framework, technology_transitions
from helpers.chapters.framework.tree import tree_chart
from helpers.chapters.page import Table
from helpers.chapters.sectors.reader_text import reader_notes
from helpers.data.domains import TRANSITIONS, load_concordance, load_domain_transitions, load_domains, load_ncses_mapping, load_published_ratings
from helpers.chapters.technologies import stability as stab
from helpers.chapters.technologies.checks import _window
from helpers.chapters.technologies.source_pages import source_stability
from helpers.i18n import column_labels, region_name, t
from helpers.methods.quadrants import QUADRANTS
from helpers.methods.ratings import INDICATORS

#: Focus regions whose transition priorities are those of ``data/domain_transitions.csv`` (the Flemish Government's).
FLEMISH_REGIONS: tuple[str, ...] = ("BEL", "BE", "BE2")
_GROWTH_FORMATS = {"sector_cagr": "+.2%", "total_cagr": "+.2%", "difference": "+.2%", "coverage": ".0%", "sector_start": ",.0f",
                   "sector_end": ",.0f", "total_start": ",.0f", "total_end": ",.0f", "start_year": ".0f", "end_year": ".0f"}


def _basis_names(text: object, col: int) -> str:
    """``"value_added ++, patents na"`` with the indicators' names (``col`` 0: Dutch, 1: English)."""
    if not isinstance(text, str) or not text:
        return ""
    parts = [part.rsplit(" ", 1) for part in text.split(", ")]
    return ", ".join(f"{INDICATORS.get(p[0], (p[0], p[0]))[col]} {p[1]}" if len(p) == 2 else p[0] for p in parts)


def _yes_no(values: pd.Series, language: str) -> pd.Series:
    """True / False / None (or NaN) as the words yes / no / unknown in ``language``."""
    words = {True: t("yes", language), False: t("no", language), None: t("unknown", language)}
    return values.map(lambda v: words[None if v is None or v != v else bool(v)])


@dataclass
class FrameworkPage:
    """The decision framework applied to the nine domains of Tabel 1 (:func:`framework_page`)."""

    language: str
    focus_region: str
    focus_name: str
    reference_name: str
    sectors_window: tuple[int, int]
    patents_window: Sequence[int]
    publications_window: Sequence[int]
    growth_measure: str
    ratings_source: str
    decide_when_unambiguous: bool
    region_names: pd.Series
    domains: pd.DataFrame
    sources: pd.DataFrame
    growth: pd.DataFrame
    transitions: pd.DataFrame
    inputs: pd.DataFrame
    classified: pd.DataFrame
    portfolio: pd.DataFrame
    #: the rule that rated the computed strengths (rank among the domains by default, as the sector chapter)
    rating_rule: str = "rank"

    def _labels(self) -> dict[str, str]:
        return column_labels(self.language, "sectors")

    def glue(self) -> dict[str, Any]:
        """The numbers and words of the chapter's text (the ``df_`` glue names)."""
        lang = self.language
        return dict(
            df_focus=self.focus_name, df_reference=self.reference_name,
            df_ratings=(t("ratings_computed", lang, rule=t(f"sector_rule_name_{self.rating_rule}", lang, reference=self.reference_name))
                        if self.ratings_source == "computed" else t("ratings_published", lang)),
            df_measure=self.growth_measure, df_s_start=self.sectors_window[0], df_s_end=self.sectors_window[1],
            **outcome_counts(self.classified, self.growth, self.transitions, name_column=f"domain_{lang}"),
        )

    def focus_warning(self) -> str | None:
        """A Markdown warning when the focus region is not Belgian (the transition priorities are Flemish); else ``None``."""
        return None if self.focus_region in FLEMISH_REGIONS else t("framework_focus_warning", self.language)

    def domain_outcomes(self) -> pd.DataFrame:
        """Per domain: category, rule, path, policy action, reason and note, in the page's language."""
        lang = self.language
        shown = self.classified[[f"domain_{lang}", f"label_{lang}", "rule", f"path_{lang}", f"action_title_{lang}", f"reason_{lang}", "note",
                                 "domain_id"]]
        if lang == "nl":
            shown = shown.assign(note=[NOTES_NL.get(r, n) if n else "" for r, n in zip(self.classified["rule"], shown["note"])])
        return shown.rename(columns={f"domain_{lang}": "domain", f"label_{lang}": "category", f"path_{lang}": "path",
                                     f"action_title_{lang}": "action", f"reason_{lang}": "reason"})

    def portfolio_table(self) -> pd.DataFrame:
        """Per category: its label, the number of domains, their names and the policy action."""
        lang, port = self.language, self.portfolio
        port = port.assign(category=port["category"].map(lambda k: getattr(CATEGORIES[k], f"label_{lang}")),
                           action=port["category"].map(lambda k: getattr(CATEGORIES[k], f"action_title_{lang}")))
        return port[["category", "n", "domains", "action"]]

    def input_table(self) -> pd.DataFrame:
        """The five inputs per domain as yes / no / unknown, the contributing transitions and the ratings behind each strength."""
        basis_cols = [c for c in self.inputs.columns if c.endswith("_basis")]
        tab = self.inputs.merge(self.transitions[["domain_id", "transitions"]], on="domain_id", how="left")
        tab = sectors.with_names(tab[["domain_id", *INPUT_NAMES, "transitions", *basis_cols]], self.domains, self.language)
        for c in INPUT_NAMES:
            tab[c] = _yes_no(tab[c], self.language)
        col = 0 if self.language == "nl" else 1
        tab["transitions"] = tab["transitions"].map(
            lambda ids: ", ".join(TRANSITIONS.get(i, (i, i))[col] for i in str(ids).split(", ")) if isinstance(ids, str) and ids else "")
        for c in basis_cols:  # "value_added ++, export +": the indicators by their readers' names
            tab[c] = tab[c].map(lambda text: _basis_names(text, col))
        return tab

    def rules_table(self) -> pd.DataFrame:
        """All 32 combinations of the five inputs with their rule, category and path (inputs as yes / no)."""
        lang = self.language
        rules = all_combinations()[[*INPUT_NAMES, "rule", f"label_{lang}", f"path_{lang}"]]
        rules = rules.rename(columns={f"label_{lang}": "category", f"path_{lang}": "path"})
        for c in INPUT_NAMES:
            rules[c] = rules[c].map({True: t("yes", lang), False: t("no", lang)})
        return rules

    def tables(self) -> dict[str, Table]:
        """The published tables: input sources, domain outcomes, portfolio, growth, inputs and all rules."""
        lang, labels = self.language, self._labels()
        return {
            "input_sources": Table(self.sources[["input", "how", "kind"]], "framework_input_sources", caption=t("framework_sources_caption", lang),
                                   labels=labels),
            "domains": Table(self.domain_outcomes(), "framework_domains", caption=t("framework_domains_caption", lang), labels=labels, wide=True,
                             hidden=("domain_id",)),
            "portfolio": Table(self.portfolio_table(), "framework_portfolio", caption=t("framework_portfolio_caption", lang), labels=labels),
            "growth": Table(reader_notes(sectors.with_names(self.growth, self.domains, lang), ("basis", "flags", "reason"), lang), "framework_growth",
                            caption=t("framework_growth_caption", lang, reference=self.reference_name), labels=labels, formats=_GROWTH_FORMATS,
                            wide=True, hidden=("domain_id",)),
            "inputs": Table(self.input_table(), "framework_inputs", caption=t("framework_inputs_caption", lang), labels=labels, wide=True,
                            hidden=("domain_id",)),
            "rules": Table(self.rules_table(), "framework_rules", caption=t("framework_rules_caption", lang), labels=labels, wide=True),
        }

    def charts(self) -> dict[str, Any]:
        """The decision tree with each domain at its leaf (``tree``) and the growth of each domain against the economy (``growth``)."""
        lang, labels = self.language, self._labels()
        growth = sectors.growth_chart(
            reader_notes(self.growth, ("reason", "flags", "basis"), lang), self.domains, language=lang, title=t("framework_growth_title", lang, reference=self.reference_name),
            x_title=t("framework_growth_axis", lang, measure=self.growth_measure),
            labels={"yes": t("yes", lang), "no": t("no", lang), "unknown": t("unknown", lang), "legend": t("growth_legend", lang),
                    "domain": labels["domain"], "sector": labels["sector_cagr"], "total": labels["total_cagr"],
                    "difference": labels["difference"], "reason": labels["reason"]})
        return {"tree": tree_chart(self.classified, lang=lang), "growth": growth}


def framework_page(data_dir: str | Path, *, focus_region: str, reference_region: str, sectors_window: Sequence[int],
                   patents_window: Sequence[int], publications_window: Sequence[int], rd_window: Sequence[int], language: str,
                   rating_rule: str = "rank", thresholds: Sequence[float] = (1.5, 1.1, 0.9),
                   rank_cuts: Sequence[float] = (0.25, 0.5, 0.75), min_coverage: float = 0.6, growth_measure: str = "VA",
                   growth_margin: float = 0.0, ratings_source: str = "computed", na: str = "ignore",
                   transition_basis: Sequence[str] = ("seed text", "judgement"), decide_when_unambiguous: bool = True,
                   patents_source: str = "nace", publications_source: str = "scimago", patents_ipc_window: Sequence[int] = (2004, 2018),
                   publications_scimago_window: Sequence[int] = (2012, 2016)) -> FrameworkPage:
    """The decision framework for the nine domains of Tabel 1 from the canonical tables in ``data_dir``.

    Strengths: the ratings of Tabel 1, computed as in the sector chapter (``ratings_source="computed"``,
    with the edition's rule: by default the rank among the domains) or as published (``"published"``); ``na``: how an ``na`` rating counts
    (:func:`~helpers.chapters.framework.inputs.strengths_from_ratings`). Growth potential: growth of
    ``growth_measure`` in the reference above the economy's by more than ``growth_margin`` a year.
    Transition contribution: the rows of ``data/domain_transitions.csv`` whose basis is in
    ``transition_basis``.
    """
    data = sectors.load_inputs(data_dir)
    names = data["regions"].set_index("region")["name"]
    reference_name = region_name(reference_region, language, names)
    domains = load_domains()
    sources = framework_input_sources(ratings_source=ratings_source, growth_measure=growth_measure, reference=reference_name,
                                      sectors_window=sectors_window, transition_basis=transition_basis, na=na, language=language,
                                      rule=t(f"sector_rule_name_{rating_rule}", language, reference=reference_name))
    if ratings_source == "computed":
        routed = sectors.load_inputs(data_dir, patents_source=patents_source, publications_source=publications_source)
        values, _ = sectors.domain_indicators(
            sectors=data["sector_indicators"], domains=domains, focus=focus_region, reference=reference_region,
            sectors_window=sectors_window, patents=routed["patents"], publications=routed["publications"],
            patents_window=patents_ipc_window if patents_source == "nace" else patents_window,
            publications_window=publications_scimago_window if publications_source == "scimago" else publications_window,
            rd_window=rd_window, region_indicators=data["region_indicators"], min_coverage=min_coverage,
            patents_source=patents_source, publications_source=publications_source,
            **sectors.domain_mappings(domains, patents_source=patents_source, publications_source=publications_source))
        strength_ratings = sectors.rate_domains(values, sectors.make_rule(rating_rule, thresholds, rank_cuts))
    else:
        strength_ratings = load_published_ratings()
    strengths = strengths_from_ratings(strength_ratings[["domain_id", "indicator_id", "rating"]], na=na)
    growth = sectors.growth_potential(data["sector_indicators"], domains, reference_region, sectors_window, measure=growth_measure,
                                      margin=growth_margin, region_indicators=data["region_indicators"])
    transitions = transition_inputs(load_domain_transitions(domains=domains["domain_id"]), basis=transition_basis)
    inputs = framework_inputs(strengths, growth=dict(zip(growth["domain_id"], growth["growth"])), transition=transitions)
    inputs = inputs.merge(domains[["domain_id", "domain_nl", "domain_en"]], on="domain_id")
    classified = classify_domains(inputs, decide_when_unambiguous=decide_when_unambiguous)
    return FrameworkPage(
        language=language, focus_region=focus_region, focus_name=region_name(focus_region, language, names), reference_name=reference_name,
        sectors_window=(int(sectors_window[0]), int(sectors_window[1])), patents_window=patents_window,
        publications_window=publications_window, growth_measure=growth_measure, ratings_source=ratings_source,
        decide_when_unambiguous=decide_when_unambiguous, region_names=names, domains=domains, sources=sources, growth=growth,
        transitions=transitions, inputs=inputs, classified=classified, portfolio=portfolio(classified, name_column=f"domain_{language}"),
        rating_rule=rating_rule,
    )


# --------------------------------------------------------------------------------------------
# the framework applied to technologies
# --------------------------------------------------------------------------------------------


@dataclass
class TechnologyFrameworkPage:
    """The decision framework applied to the technologies of the focus region (:func:`technology_page`)."""

    language: str
    region_name: str
    rca_threshold: float
    missing: list[str]
    classified: pd.DataFrame
    portfolio: pd.DataFrame
    #: the framework on the report's 38 technologies with the CEPS study's published inputs
    published: PublishedFramework | None = None
    #: the resampling runs behind the stability of the placements (0: none)
    stability_runs: int = 0

    def stability_glue(self) -> dict[str, Any]:
        """How sure the placements are: ``ft_stability_n_stable`` ... over every source, ``ft_stability_runs`` and the
        sentence ``ft_stability_text`` (Markdown; empty without runs)."""
        c = stab.counts(self.classified) if self.stability_runs else stab.counts(pd.DataFrame())
        text = (t("ft_stab_text", self.language, runs=self.stability_runs, n=c["n_placed"], n_stable=c["n_stable"], n_leaning=c["n_leaning"],
                  n_undecided=c["n_undecided"]) if self.stability_runs and c["n_placed"] else "")
        return {f"ft_stability_{k}": v for k, v in c.items()} | {"ft_stability_runs": self.stability_runs, "ft_stability_text": Markdown(text)}

    def glue(self) -> dict[str, Any]:
        """The numbers and words of the text on technologies (the ``ft_`` glue names; ``fp_text`` for the published inputs)."""
        lang = self.language
        return dict(ft_region=self.region_name, ft_threshold=float(self.rca_threshold),
                    ft_missing=", ".join(t(f"tech_source_{s}", lang) for s in self.missing) or t("framework_tech_missing", lang),
                    **technology_counts(self.classified), **(self.published.glue() if self.published is not None else {}),
                    **self.stability_glue())

    def technology_outcomes(self) -> pd.DataFrame:
        """Per technology: source, label, category, path, the measured inputs, the judgement and the unknown inputs."""
        lang, classified = self.language, self.classified
        shown = classified.assign(source=classified["source"].map(lambda s: t(f"tech_Source_{s}", lang)),
                                  category=classified[f"label_{lang}"], path=classified[f"path_{lang}"])
        columns = ["source", "label", "category", "path", "measured", "judgement", "unknown", "technology"]
        if "stability_label" in classified.columns:  # the quadrant with how sure it is; an undecided one reads "undecided (quadrant?)"
            names = classified["placement"].map(lambda q: QUADRANTS[q][lang] if isinstance(q, str) else "")
            shown = shown.assign(quadrant=stab.shown_quadrant(classified.assign(**{f"quadrant_{lang}": names}), lang),
                                 stability_label=classified["stability_label"].map(lambda v: t(f"stab_label_{v}", lang) if isinstance(v, str) else ""))
            columns[3:3] = ["quadrant", "stability", "stability_label"]
        return shown[columns].rename(columns={"label": "technology", "technology": "technology_id"})

    def tables(self) -> dict[str, Table]:
        """The published tables: technologies per category (``portfolio``) and the outcome per technology (``technologies``)."""
        lang, labels = self.language, column_labels(self.language, "sectors")
        port = self.portfolio.assign(category=self.portfolio[f"label_{lang}"])[["category", "n"]]
        published = self.published.tables() if self.published is not None else {}
        return {
            "portfolio": Table(port, "framework_technologies_portfolio", caption=t("framework_tech_portfolio_caption", lang), labels=labels),
            "technologies": Table(self.technology_outcomes(), "framework_technologies", formats={"stability": ".0%"},
                                  caption=t("framework_tech_caption", lang, region=self.region_name), labels=labels, wide=True,
                                  hidden=("technology_id",)),
            **{f"published_{k}": v for k, v in published.items()},
        }


def technology_page(page: FrameworkPage, data_dir: str | Path, *, investments_window: Sequence[int], patents_min_activity: float = 0,
                    publications_min_activity: float = 0, investments_min_activity: float = 0, investments_measure: str = "amount",
                    rca_threshold: float = 1.0, quadrant_split: Any = "median", complexity_method: str = "eigenvector",
                    relatedness: str = "cosine", robustness_runs: int = 0, robustness_seed: int = 0) -> TechnologyFrameworkPage:
    """The framework applied to the technologies of ``page``'s focus region, per source (as in the technology chapter).

    Each source with data for the region gets its profile (:func:`helpers.chapters.technologies.source_profile`
    with the windows and minimum activity given here and ``page``'s patent and publication windows);
    the transition contribution of a WIPO or NCSES field is carried over from the domains it is
    linked to (the sector chapter's concordance and NCSES mapping, and ``page``'s transitions).
    ``robustness_runs`` > 0: the stability of every placement, the same runs (and seed) as the technology
    chapter's pages; the framework then places each technology by that placement and an undecided one in no quadrant.
    """
    lang, domains = page.language, page.domains
    windows = {"patents": page.patents_window, "publications": page.publications_window, "investments": investments_window}
    minimum = {"patents": patents_min_activity, "publications": publications_min_activity, "investments": investments_min_activity}
    source_data = {s: tech.load_source(data_dir, s, page.focus_region, measure=investments_measure) for s in tech.SOURCES}
    profiles = {s: tech.source_profile(d, windows[s], rca_threshold=rca_threshold, quadrant_split=quadrant_split,
                                       complexity_method=complexity_method, relatedness=relatedness, min_activity=minimum[s])
                for s, d in source_data.items() if d.available}
    if robustness_runs:  # the same runs as the source's own page (same seed): the same labels
        for s, p in profiles.items():
            axis = p.attrs.get("axis")
            stability = source_stability(source_data[s], _window(windows[s], f"{s} window"), p, axis=axis, rca_threshold=rca_threshold,
                                         relatedness=relatedness, complexity_method=axis.computed_method if axis else complexity_method,
                                         min_activity=minimum[s], quadrant_split=quadrant_split, n_runs=robustness_runs, seed=robustness_seed)
            profiles[s] = stab.with_stability(p, stability)
    field_maps = {"wipo35": sectors.patent_field_map(load_concordance(), domains)[0],
                  "ncses_fields": sectors.publication_field_map(load_ncses_mapping(domains=domains["domain_id"]), domains)[0]}
    domain_names = dict(zip(domains["domain_id"], domains[f"domain_{lang}"]))
    transitions = {s: technology_transitions(p["technology"], field_maps.get(source_data[s].classification), page.transitions,
                                             domain_names=domain_names) for s, p in profiles.items()}
    classified = technology_framework(profiles, transitions=transitions, rca_threshold=rca_threshold, split=quadrant_split,
                                      decide_when_unambiguous=page.decide_when_unambiguous, lang=lang)
    region = source_data[next(iter(profiles))].region
    return TechnologyFrameworkPage(
        language=lang, region_name=region_name(region, lang, page.region_names), rca_threshold=rca_threshold,
        missing=[s for s in tech.SOURCES if s not in profiles], classified=classified,
        portfolio=portfolio(classified, id_column="technology", name_column="label"),
        published=published_framework(data_dir, page, rca_threshold=rca_threshold), stability_runs=int(robustness_runs),
    )
