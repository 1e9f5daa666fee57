"""The sector-strengths chapter's page: Tabel 1 computed, compared with the published table, and every value behind it.

:func:`sector_page` computes everything from the canonical tables and the project data;
:class:`SectorPage` hands the notebook the numbers of the text (:meth:`~SectorPage.glue`), the
published tables (:meth:`~SectorPage.tables`), the charts (:meth:`~SectorPage.charts`) and the
coloured comparison table (:meth:`~SectorPage.comparison_html`). The chart wrappers
(:func:`comparison_chart`, :func:`values_chart`, :func:`growth_chart`) put readers' names on the
tables and call :mod:`helpers.charts.ratings`.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from helpers.chapters.page import Table
from helpers.chapters.sectors.indicators import domain_indicators, domain_mappings, load_inputs
from helpers.chapters.sectors.quality import flags_for_cells
from helpers.chapters.sectors.rating import comparison_table, make_rule, rate_domains
from helpers.chapters.sectors.reader_text import flag_explanation, flag_word, reader_notes
from helpers.chapters.sectors.reasons import reader_reasons
from helpers.chapters.sectors.regions import reference_members
from helpers.chapters.sectors.sources import domain_citation_impact
from helpers.chapters.sectors.table1 import agreement_by_rule, rule_kinds, table1_html, view_cells
from helpers.chapters.sectors.values import ALL_INDICATORS, with_names
from helpers.charts import ratings as rating_charts
from helpers.data.domains import load_domains, load_published_ratings
from helpers.i18n import FIELD_NAMES_NL, LABELS, column_labels, localise_number, region_name, t
from helpers.i18n.labels.ipc import ASJC_NAMES_NL
from helpers.i18n.labels.sectors import NACE_NAMES_NL
from helpers.methods.ratings import COMPARISON_STATUSES, INDICATORS, RankRule, ThresholdRule, agreement_summary


@dataclass(frozen=True, repr=False)
class Html:
    """A fragment of HTML for the page (shown as it is by the notebook's ``show``)."""

    text: str

    def _repr_html_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<Html: {len(self.text):,} characters>"


def _names(domains: pd.DataFrame, language: str) -> dict[str, str]:
    return dict(zip(domains["domain_id"], domains[f"domain_{language}"]))


# --------------------------------------------------------------------------------------------
# charts: readers' names on the tables, then helpers.charts.ratings
# --------------------------------------------------------------------------------------------


def comparison_chart(comparison: pd.DataFrame, domains: pd.DataFrame, *, language: str = "nl",
                     titles: Mapping[str, str] | None = None) -> alt.HConcatChart:
    """Computed and published ratings of :func:`~helpers.chapters.sectors.rating.comparison_table`
    side by side, domains in the order of ``domains``, Tabel 1's indicators in the seed's order
    (:func:`helpers.charts.ratings.rating_comparison_chart`; ``titles`` as there)."""
    col = 0 if language == "nl" else 1
    names = _names(domains, language)
    ind_names = {k: v[col] for k, v in INDICATORS.items()}
    df = comparison.copy()
    df["domain"] = df["domain_id"].map(names)
    df["indicator"] = df["indicator_id"].map(ind_names)
    return rating_charts.rating_comparison_chart(df, x_order=[ind_names[k] for k in INDICATORS],
                                                 y_order=[names[d] for d in domains["domain_id"]], titles=titles)


def values_chart(values: pd.DataFrame, domains: pd.DataFrame, *, language: str = "nl", title: str = "", x_title: str = "",
                 reference_lines: Sequence[float] = (1.0,), labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """Specialisation index per domain (rows) and indicator (colours), log scale, with reference lines
    (:func:`helpers.charts.ratings.index_dot_chart`)."""
    col = 0 if language == "nl" else 1
    names = _names(domains, language)
    df = values.copy()
    df["domain"] = df["domain_id"].map(names)
    df["indicator"] = df["indicator_id"].map(lambda k: ALL_INDICATORS[k][col])
    return rating_charts.index_dot_chart(df, order=[names[d] for d in domains["domain_id"]],
                                         indicator_order=[v[col] for v in ALL_INDICATORS.values()], title=title, x_title=x_title,
                                         reference_lines=reference_lines, labels=labels)


def growth_chart(growth: pd.DataFrame, domains: pd.DataFrame, *, language: str = "nl", title: str = "", x_title: str = "",
                 labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """Difference between the domain's and the total economy's annual growth in the reference (bars),
    coloured by the resulting growth-potential input (:func:`helpers.charts.ratings.growth_difference_chart`)."""
    names = _names(domains, language)
    df = growth.copy()
    df["domain"] = df["domain_id"].map(names)
    return rating_charts.growth_difference_chart(df, order=[names[d] for d in domains["domain_id"]], title=title, x_title=x_title,
                                                 labels=labels)


# --------------------------------------------------------------------------------------------
# tables
# --------------------------------------------------------------------------------------------

#: Background of a comparison cell by status (lighter than the chart's border colours).
COMPARISON_BACKGROUNDS: dict[str, str] = {"agree": "#d8f0df", "disagree": "#f8d7dc", "na_mismatch": "#fde9c4"}


def comparison_html(comparison: pd.DataFrame, domains: pd.DataFrame, *, language: str = "nl", caption: str = "",
                    labels: Mapping[str, str] | None = None) -> str:
    """Tabel 1 as a styled HTML table: per cell ``computed / published``, coloured by agreement.

    Green = same symbol, red = different symbols, amber = one of the two is ``na``; ``⚠`` marks a
    cell touched by a data-quality flag (see the values table). Hover shows value, reason and flags.
    ``labels["legend"]``: a line under the table.
    """
    labels = dict(labels or {})
    col = 0 if language == "nl" else 1
    names = _names(domains, language)
    cells = {(r.domain_id, r.indicator_id): r for r in comparison.itertuples(index=False)}
    head = "".join(f'<th style="padding:0.2rem 0.3rem;text-align:center">{html_lib.escape(v[col])}</th>' for v in INDICATORS.values())
    body = []
    for d in domains["domain_id"]:
        tds = []
        for k in INDICATORS:
            r = cells.get((d, k))
            if r is None:
                tds.append("<td></td>")
                continue
            value = "" if pd.isna(r.value) else f"{r.value:.2f}"
            tip = " | ".join(x for x in (value, r.basis if isinstance(r.basis, str) else "", r.reason, r.flags) if x)
            warn = " ⚠" if r.flagged else ""
            tds.append(f'<td style="background:{COMPARISON_BACKGROUNDS[r.status]};text-align:center;white-space:nowrap;padding:0.2rem 0.3rem" '
                       f'title="{html_lib.escape(tip)}"><b>{html_lib.escape(r.computed)}</b>{warn} / {html_lib.escape(r.published)}</td>')
        body.append(f'<tr><th style="text-align:left;font-weight:normal;padding:0.2rem 0.4rem">{html_lib.escape(names.get(d, d))}</th>{"".join(tds)}</tr>')
    cap = f"<caption>{html_lib.escape(caption)}</caption>" if caption else ""
    legend = labels.get("legend", "")
    leg = f'<p style="font-size:0.85rem">{html_lib.escape(legend)}</p>' if legend else ""
    return (f'<div class="book-table"><table class="sector-compare" style="font-size:0.8rem;border-collapse:collapse">{cap}<thead><tr><th></th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>{leg}</div>")


def na_summary(values: pd.DataFrame, domains: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """The ``na`` cells of ``values`` grouped by reason: reason, cells (number), which (domain: indicator; ...)."""
    col = 0 if language == "nl" else 1
    names = _names(domains, language)
    na = values[values["value"].isna()]
    rows = []
    for reason, g in na.groupby("reason", sort=False):
        which = "; ".join(f"{names.get(d, d)}: {ALL_INDICATORS.get(k, (k, k))[col]}" for d, k in zip(g["domain_id"], g["indicator_id"]))
        rows.append({"reason": reason, "cells": len(g), "which": which})
    return pd.DataFrame(rows, columns=["reason", "cells", "which"])


def rule_text(rule: ThresholdRule | RankRule, language: str) -> str:
    """The rating rule in words, for the text (cut points in the language's number format)."""
    def n(x: float) -> str:
        return localise_number(f"{x:g}", language)
    if isinstance(rule, ThresholdRule):
        return t("rule_threshold", language, a=n(rule.very_strong), b=n(rule.strong), c=n(rule.neutral))
    return t("rule_rank", language, a=n(rule.cuts[0]), b=n(rule.cuts[1]), c=n(rule.cuts[2]))


# --------------------------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------------------------

#: machine ids of the sector tables: in the CSV, not shown on the page
_IDS = ("domain_id", "indicator_id")
_VALUE_TABLE_COLUMNS = ["domain", "indicator", "value", "published", "rating_rank", "rating_threshold", "flags", "reason", "years",
                        "focus_share", "reference_share", "reference_coverage", "basis", "source", "domain_id", "indicator_id"]
_CONCORDANCE_COLUMNS = ["wipo_id", "wipo_field", "nace_group", "nace_rev2", "link", "schmoch2003_field", "note", "citation"]
_IMPACT_TABLE_COLUMNS = ["domain", "areas", "years", "documents", "citations", "expected_citations", "impact", "reference_impact",
                         "reason", "domain_id"]


@dataclass
class SectorPage:
    """The sector-strengths chapter (:func:`sector_page`): indicator values, ratings and their comparison with Tabel 1."""

    language: str
    focus_name: str
    reference_name: str
    sectors_window: tuple[int, int]
    patents_window: tuple[int, int]
    publications_window: tuple[int, int]
    min_coverage: float
    rule: ThresholdRule | RankRule
    domains: pd.DataFrame
    concordance: pd.DataFrame
    ncses_mapping: pd.DataFrame
    values: pd.DataFrame
    by_year: pd.DataFrame
    comparison: pd.DataFrame
    summary: pd.DataFrame
    flags: pd.DataFrame | None
    #: the routes of the patents and publications columns (:mod:`~helpers.chapters.sectors.sources`)
    patents_source: str = "wipo35"
    publications_source: str = "ncses"
    nace_mapping: pd.DataFrame | None = None
    asjc_mapping: pd.DataFrame | None = None
    #: relative citation impact per domain (SCImago route only, else ``None``)
    citation_impact: pd.DataFrame | None = None
    #: the reference's code (EU27, ...): the text says how many member countries make it up
    reference_code: str = ""
    #: both rules (kind -> rule, the edition's first) and their comparisons with the published table
    rules: dict[str, ThresholdRule | RankRule] = field(default_factory=dict)
    comparisons: dict[str, pd.DataFrame] = field(default_factory=dict)

    def _labels(self) -> dict[str, str]:
        return column_labels(self.language, "sectors")

    def _status_words(self) -> dict[str, str]:
        return {s: t(f"status_{s}", self.language) for s in COMPARISON_STATUSES}

    @property
    def kinds(self) -> list[str]:
        """The rule kinds of the view, the edition's first (only the edition's rule when the page was built without both)."""
        return list(self.comparisons) or ["threshold" if isinstance(self.rule, ThresholdRule) else "rank"]

    def rule_name(self, kind: str) -> str:
        """The short name of a rule kind (``rangregel ...``, ``drempelregel ... t.o.v. EU-27``)."""
        return t(f"sector_rule_name_{kind}", self.language, reference=self.reference_name)

    @cached_property
    def view(self) -> pd.DataFrame:
        """Tabel 1 under both rules (:func:`~helpers.chapters.sectors.table1.view_cells`) with ``reader_reason``."""
        cells = view_cells(self.comparisons or {self.kinds[0]: self.comparison})
        cells["reader_reason"] = reader_reasons(cells, self.language, focus=self.focus_name, reference=self.reference_name)
        return cells

    @cached_property
    def agreement_view(self) -> pd.DataFrame:
        """Agreement with the published table per indicator and rule, counted where both sides are rated."""
        return agreement_by_rule(self.view, self.kinds)

    def glue(self) -> dict[str, Any]:
        """The numbers and words of the chapter's text (the ``ss_`` glue names): the edition's rule (``ss_rule``, ``ss_agree``,
        ``ss_share_agree``, ...) and the alternative (``ss_alt_rule``, ``ss_alt_agree``, ...), counted where both sides are rated."""
        lang, kinds = self.language, self.kinds
        main, alt = kinds[0], kinds[-1]
        overall = self.agreement_view.set_index("indicator_id").loc["all"]
        n = int(overall["compared"])

        def pct(x: float) -> float:
            return float(x * 100) if n else 0.0
        share_main, share_alt = float(overall[f"share_{main}"]), float(overall[f"share_{alt}"])
        comparison, view = self.comparison, self.view
        words = dict(main=t(f"sector_rule_short_{main}", lang), alt=t(f"sector_rule_short_{alt}", lang))
        compare_key = ("sector_compare_equal" if not n or int(overall[f"agree_{main}"]) == int(overall[f"agree_{alt}"])
                       else "sector_compare_more" if share_main > share_alt else "sector_compare_less")
        (s_start, s_end), (p_start, p_end), (a_start, a_end) = self.sectors_window, self.patents_window, self.publications_window
        return dict(
            ss_focus=self.focus_name, ss_reference=self.reference_name, ss_rule=rule_text(self.rule, lang),
            ss_rule_name=self.rule_name(main), ss_alt_name=self.rule_name(alt),
            ss_alt_rule=rule_text(self.rules[alt], lang) if alt in self.rules else rule_text(self.rule, lang),
            ss_s_start=s_start, ss_s_end=s_end, ss_p_start=p_start, ss_p_end=p_end, ss_a_start=a_start, ss_a_end=a_end,
            ss_cells=int(overall["cells"]), ss_compared=n, ss_not_compared=int(overall["not_compared"]), ss_both_rated=n,
            ss_agree=int(overall[f"agree_{main}"]), ss_disagree=n - int(overall[f"agree_{main}"]),
            ss_share_agree=pct(share_main), ss_share_agree_rated=pct(share_main), ss_share_within_one=pct(float(overall[f"within_one_{main}"])),
            ss_alt_agree=int(overall[f"agree_{alt}"]), ss_alt_share_agree=pct(share_alt),
            ss_alt_share_within_one=pct(float(overall[f"within_one_{alt}"])), ss_compare_text=t(compare_key, lang, **words),
            ss_na_computed=int((view[f"rating_{main}"] == "na").sum()), ss_na_published=int((view["published"] == "na").sum()),
            ss_flagged=int(comparison["flagged"].sum()), ss_min_coverage=float(self.min_coverage * 100),
            ss_n_flags=0 if self.flags is None else len(self.flags), **self._source_words(),
        )

    def _source_names(self) -> dict[str, str]:
        """Short names of the sources of the patents and publications columns, for table notes."""
        (p_start, p_end), (a_start, a_end) = self.patents_window, self.publications_window
        return dict(patents=t(f"sector_patents_name_{self.patents_source}", self.language, start=p_start, end=p_end),
                    publications=t(f"sector_publications_name_{self.publications_source}", self.language, start=a_start, end=a_end))

    def _source_words(self) -> dict[str, str]:
        """The sentences of the text that depend on the routes of the patents and publications columns."""
        lang, (p_start, p_end), (a_start, a_end) = self.language, self.patents_window, self.publications_window
        p, a = self.patents_source, self.publications_source
        n_members = len(reference_members(self.reference_code)) if self.reference_code else 1
        reference_note = (t("sector_reference_group", lang, reference=self.reference_name, n=n_members) if n_members > 1
                          else t("sector_reference_single", lang, reference=self.reference_name))
        if n_members > 1 and (p == "nace" or a == "scimago"):
            reference_note += " " + t("sector_reference_countries_only", lang, reference=self.reference_name)
        impact = self.citation_impact
        return dict(
            ss_p_source=t(f"sector_patents_source_{p}", lang, start=p_start, end=p_end),
            ss_a_source=t(f"sector_publications_source_{a}", lang, start=a_start, end=a_end),
            ss_p_method=t(f"sector_patents_method_{p}", lang), ss_a_method=t(f"sector_publications_method_{a}", lang),
            ss_p_na=t(f"sector_patents_na_{p}", lang), ss_reference_note=reference_note,
            ss_impact_text=(t("sector_impact_text", lang, region=self.focus_name, reference=self.reference_name, start=a_start, end=a_end)
                            if impact is not None else t("sector_impact_none", lang)),
        )

    def agreement(self) -> pd.DataFrame:
        """Agreement with the published table per indicator and overall (row ``alle`` / ``all``) under both rules, readers'
        indicator names; a cell counts only where both sides are rated."""
        col = 0 if self.language == "nl" else 1
        columns = ["indicator", "cells", "compared", "not_compared"] + [f"{c}_{k}" for k in self.kinds for c in ("agree", "share", "within_one")]
        out = self.agreement_view.rename(columns={"indicator_id": "indicator"})[columns]
        out["indicator"] = out["indicator"].map(lambda k: INDICATORS.get(k, ("alle", "all"))[col])
        return out

    def table1(self) -> pd.DataFrame:
        """Tabel 1 per cell for readers and the CSV: published, each rule's symbol and agreement, value and the reason of an na."""
        status = {s: t(f"status_{s}", self.language) for s in ("agree", "disagree", "not_compared")}
        view = self.view.copy()
        for k in self.kinds:
            view[f"status_{k}"] = view[f"status_{k}"].map(status)
        view["reason"] = view["reader_reason"]
        columns = ["published"] + [f"{c}_{k}" for k in self.kinds for c in ("rating", "status")] + ["value", "reason", "domain_id", "indicator_id"]
        return with_names(view[columns], self.domains, self.language)

    def cells(self) -> pd.DataFrame:
        """Every indicator value with its published rating and the ratings under both rules, readers' names first."""
        ratings = self.view[["domain_id", "indicator_id", "published"] + [f"rating_{k}" for k in self.kinds]]
        cells = self.values.merge(ratings, on=["domain_id", "indicator_id"], how="left")
        for c in ("published", "rating_rank", "rating_threshold"):
            cells[c] = cells[c].fillna("") if c in cells.columns else ""
        cells["reason"] = reader_reasons(cells, self.language, focus=self.focus_name, reference=self.reference_name)
        cells["source"] = cells["source"].map(lambda s: t(f"sector_source_{s}", self.language) if f"sector_source_{s}" in LABELS else s)
        cells = reader_notes(cells, ("flags", "reference_coverage", "basis"), self.language)
        return with_names(cells, self.domains, self.language)[_VALUE_TABLE_COLUMNS]

    def flag_rows(self) -> pd.DataFrame:
        """The quality flags of the focus region's domain sectors for readers: domain names, flag words and what they mean."""
        lang, names = self.language, _names(self.domains, self.language)
        flags = self.flags.rename(columns={"reason": "explanation"})
        domains = [t("sector_all_domains", lang) if ids == "all domains" else ", ".join(names.get(d, d) for d in ids.split(", "))
                   for ids in flags["domain_id"]]
        flags.insert(0, "domain", domains)
        flags["explanation"] = [flag_explanation(f, lang) or e for f, e in zip(flags["flag"], flags["explanation"])]
        flags["flag"] = flags["flag"].map(lambda f: flag_word(f, lang))
        flags["sector"] = flags["sector"].map(lambda c: flag_word(c, lang))
        return flags

    def _rule_labels(self) -> dict[str, str]:
        """Table headers that name the reference (the threshold rule's)."""
        labels, ref = self._labels(), self.reference_name
        return {k: f"{labels[k]} {ref}" if k.endswith("_threshold") else labels[k]
                for k in ("rating_threshold", "status_threshold", "agree_threshold", "share_threshold", "within_one_threshold")}

    def tables(self) -> dict[str, Table | None]:
        """The published tables; ``quality_flags`` and ``values_by_year`` are ``None`` when there is nothing to show."""
        lang, labels = self.language, self._labels()
        flags = None
        if self.flags is not None and len(self.flags):
            (start, end) = self.sectors_window
            flags = Table(self.flag_rows(), "sector_quality_flags", labels=labels, formats={"value": ",.1f"},
                          caption=t("sector_flags_caption", lang, region=self.focus_name, start=start, end=end), hidden=_IDS)
        by_year = None
        if len(self.by_year):
            by_year = Table(reader_notes(with_names(self.by_year, self.domains, lang), ("focus_status",), lang), "sector_values_by_year",
                            caption=t("sector_by_year_caption", lang), labels=labels,
                            formats={"focus_value": ".4f", "reference_value": ".4f", "reference_coverage": ".0%", "si": ".2f"}, wide=True,
                            hidden=_IDS)
        rule_labels = labels | self._rule_labels()
        shares = {f"{c}_{k}": ".0%" for k in self.kinds for c in ("share", "within_one")}
        return {
            "table1": Table(self.table1(), "sector_table1", caption=t("sector_table1_csv_caption", lang), labels=rule_labels,
                            formats={"value": ".2f"}, folded=t("sector_table1_csv_caption", lang), hidden=_IDS),
            "agreement": Table(self.agreement(), "sector_agreement", caption=t("sector_agreement_caption", lang), labels=rule_labels,
                               formats=shares),
            "values": Table(self.cells(), "sector_values", labels=rule_labels,
                            caption=t("sector_values_caption", lang) + t("sector_values_sources", lang, **self._source_names()),
                            formats={"value": ".2f", "focus_share": ".4f", "reference_share": ".4f"}, wide=True, hidden=_IDS),
            "na_cells": Table(na_summary(self.values.assign(reason=reader_reasons(self.values, lang, focus=self.focus_name,
                                                                                   reference=self.reference_name)), self.domains, lang),
                              "sector_na_cells", caption=t("sector_na_caption", lang), labels=labels, hidden=_IDS),
            "quality_flags": flags,
            "patents_mapping": self._patents_mapping(),
            "publications_mapping": self._publications_mapping(),
            "citation_impact": self._impact_table(),
            "values_by_year": by_year,
        }

    def _mapping(self, table: pd.DataFrame, name: str, caption: str) -> Table:
        """A mapping table of the project data for readers: names and words in the book's language; the ids, and in the
        Dutch book the English rationale, notes and citations of the project data, in the CSV only."""
        lang = self.language
        out = with_names(table, self.domains, lang) if "domain_id" in table.columns else table.copy()
        for column, prefix in (("basis", "sector_basis_word_"), ("link", "sector_link_")):
            if column in out.columns:
                out[column] = out[column].map(lambda v, p=prefix: t(f"{p}{v}", lang) if f"{p}{v}" in LABELS else v)
        if lang == "nl":
            for column, code, names in (("nace2_label", "nace2_patstat", NACE_NAMES_NL), ("area_name", "asjc_area", ASJC_NAMES_NL)):
                if column in out.columns:
                    out[column] = [names.get(str(c), n) for c, n in zip(out[code], out[column])]
            for column in ("ncses_field", "wipo_field"):
                if column in out.columns:
                    out[column] = out[column].map(lambda f: FIELD_NAMES_NL.get(f, f))
        english = ("rationale", "citation", "note", "schmoch2003_field") if lang == "nl" else ()
        return Table(out, name, caption=caption, labels=self._labels(), wide=True, hidden=(*_IDS, *english))

    def _patents_mapping(self) -> Table:
        lang = self.language
        if self.patents_source == "nace" and self.nace_mapping is not None:
            return self._mapping(self.nace_mapping, "sector_mapping_nace_patents", t("sector_nace_mapping_caption", lang))
        return self._mapping(self.concordance[_CONCORDANCE_COLUMNS], "sector_concordance_wipo35", t("sector_concordance_caption", lang))

    def _publications_mapping(self) -> Table:
        lang = self.language
        if self.publications_source == "scimago" and self.asjc_mapping is not None:
            return self._mapping(self.asjc_mapping, "sector_mapping_asjc", t("sector_asjc_caption", lang))
        return self._mapping(self.ncses_mapping, "sector_mapping_ncses", t("sector_ncses_caption", lang))

    def _impact_table(self) -> Table | None:
        if self.citation_impact is None:
            return None
        lang, (start, end) = self.language, self.publications_window
        impact = self.citation_impact.assign(reason=reader_reasons(self.citation_impact.assign(indicator_id="publications"), lang,
                                                                   focus=self.focus_name, reference=self.reference_name))
        return Table(with_names(impact, self.domains, lang)[_IMPACT_TABLE_COLUMNS], "sector_citation_impact", hidden=_IDS,
                     caption=t("sector_impact_caption", lang, region=self.focus_name, reference=self.reference_name, start=start, end=end),
                     labels=self._labels(), formats={"documents": ",.0f", "citations": ",.0f", "expected_citations": ",.0f",
                                                     "impact": ".2f", "reference_impact": ".2f"})

    def charts(self) -> dict[str, Any]:
        """Tabel 1 as published and under both rules side by side (``comparison``) and the values behind them (``values``)."""
        lang, labels = self.language, self._labels()
        col = 0 if lang == "nl" else 1
        names = _names(self.domains, lang)
        ind_names = {k: v[col] for k, v in INDICATORS.items()}
        view = self.view.assign(domain=self.view["domain_id"].map(names), indicator=self.view["indicator_id"].map(ind_names),
                                value_text=[("" if pd.isna(v) else localise_number(f"{v:.2f}", lang)) for v in self.view["value"]])
        panels = [("published", t("sector_compare_published", lang), None)] + [
            (f"rating_{k}", t(f"sector_panel_{k}", lang, reference=self.reference_name), f"status_{k}") for k in self.kinds]
        comparison = rating_charts.rating_panels_chart(
            view, panels, x_order=list(ind_names.values()), y_order=[names[d] for d in self.domains["domain_id"]],
            titles={"rating": t("rating", lang), "status": t("status", lang), "domain": labels["domain"], "indicator": labels["indicator"],
                    **{s: t(f"status_{s}", lang) for s in ("agree", "disagree", "not_compared")}},
            tooltip_fields=[("value_text", labels["value"]), ("reader_reason", labels["reason"])],
            title=t("sector_panels_title", lang, region=self.focus_name))
        values = values_chart(reader_notes(self.values, ("flags",), lang), self.domains, language=lang,
                              title=t("sector_values_title", lang, region=self.focus_name, reference=self.reference_name),
                              x_title=t("sector_values_axis", lang, reference=self.reference_name),
                              labels={k: labels[k] for k in ("domain", "indicator", "value", "years", "flags")})
        return {"comparison": comparison, "values": values}

    def comparison_html(self) -> Html:
        """Tabel 1 as one coloured HTML table: per indicator the published symbol and both rules' symbols (:func:`table1_html`)."""
        lang, kinds = self.language, self.kinds
        headers = {"published": t("sector_head_published", lang), **{k: t(f"sector_head_{k}", lang) for k in kinds}}
        caption = t("sector_table1_caption", lang, region=self.focus_name, main=self.rule_name(kinds[0]), alt=self.rule_name(kinds[-1]))
        return Html(table1_html(self.view, self.domains, kinds, language=lang, caption=caption, headers=headers,
                                legend=t("sector_table1_legend", lang, first=t(f"sector_head_{kinds[0]}", lang))))


def _window(window: Sequence[int]) -> tuple[int, int]:
    return int(window[0]), int(window[1])


def sector_page(data_dir: str | Path, *, focus_region: str, reference_region: str, sectors_window: Sequence[int],
                patents_window: Sequence[int], publications_window: Sequence[int], rd_window: Sequence[int], language: str,
                rating_rule: str = "rank", thresholds: Sequence[float] = (1.5, 1.1, 0.9),
                rank_cuts: Sequence[float] = (0.25, 0.5, 0.75), min_coverage: float = 0.6, patents_source: str = "nace",
                publications_source: str = "scimago", patents_ipc_window: Sequence[int] = (2004, 2018),
                publications_scimago_window: Sequence[int] = (2012, 2016)) -> SectorPage:
    """The sector-strengths chapter from the canonical tables in ``data_dir`` and the project data.

    Computes every indicator of the nine domains (:func:`~helpers.chapters.sectors.indicators.domain_indicators`),
    rates Tabel 1's six with the edition's rule (:func:`~helpers.chapters.sectors.rating.make_rule`; by default the
    rank among the domains, the report's "relatief tussen de sectoren onderling") and with the other rule beside it,
    compares both with the published table and lists the data-quality flags of the focus
    region's domain sectors in the sector window.

    The patents column comes from the NACE-coded patents over ``patents_ipc_window``
    (``patents_source="nace"``) or from the WIPO fields over ``patents_window`` (``"wipo35"``); the
    publications column from SCImago over ``publications_scimago_window`` (``"scimago"``, with the
    relative citation impact beside it) or from NCSES over ``publications_window`` (``"ncses"``).
    """
    data = load_inputs(data_dir, patents_source=patents_source, publications_source=publications_source)
    names = data["regions"].set_index("region")["name"]
    domains = load_domains()
    mappings = domain_mappings(domains, patents_source=patents_source, publications_source=publications_source)
    concordance, ncses_mapping, nace_mapping, asjc_mapping = (mappings[k] for k in ("concordance", "ncses_mapping", "nace_mapping",
                                                                                     "asjc_mapping"))
    p_window = patents_ipc_window if patents_source == "nace" else patents_window
    a_window = publications_scimago_window if publications_source == "scimago" else publications_window
    values, by_year = domain_indicators(
        sectors=data["sector_indicators"], domains=domains, focus=focus_region, reference=reference_region,
        sectors_window=sectors_window, patents=data["patents"], publications=data["publications"],
        patents_window=p_window, publications_window=a_window, rd_window=rd_window,
        region_indicators=data["region_indicators"], min_coverage=min_coverage, patents_source=patents_source,
        publications_source=publications_source, **mappings)
    impact = None
    if publications_source == "scimago" and data["publications"] is not None and data["citations"] is not None:
        impact = domain_citation_impact(data["publications"], data["citations"], asjc_mapping, domains, focus_region, reference_region,
                                        a_window)
    rules = {kind: make_rule(kind, thresholds, rank_cuts) for kind in rule_kinds(rating_rule)}
    published = load_published_ratings()
    comparisons = {kind: comparison_table(rate_domains(values, r), published, values) for kind, r in rules.items()}
    rule, comparison = rules[rating_rule], comparisons[rating_rule]
    flags = (flags_for_cells(data["quality_flags"], domains, focus_region, sectors_window)
             if data["quality_flags"] is not None else None)
    return SectorPage(
        language=language, focus_name=region_name(focus_region, language, names),
        reference_name=region_name(reference_region, language, names), sectors_window=_window(sectors_window),
        patents_window=_window(p_window), publications_window=_window(a_window), min_coverage=min_coverage,
        rule=rule, domains=domains, concordance=concordance, ncses_mapping=ncses_mapping, values=values, by_year=by_year,
        comparison=comparison, summary=agreement_summary(comparison), flags=flags, patents_source=patents_source,
        publications_source=publications_source, nace_mapping=nace_mapping, asjc_mapping=asjc_mapping, citation_impact=impact,
        reference_code=reference_region, rules=rules, comparisons=comparisons,
    )
