"""The publications page on citation impact: specialisation and relative citation impact per Scopus
subject area (SCImago), for the focus country and the comparison countries (:func:`read_citation_page`).

Per area ``a`` over the window's years: RCA of the documents against all countries
(:func:`helpers.methods.specialisation.rca`; SCImago counts whole documents, so a paper with
authors in two countries counts for both, and the "world" is the sum over countries), and the
relative citation impact (:func:`helpers.methods.impact.relative_citation_impact`): the country's
citations over those expected at the world's citations per document in the same area and year.
Citations are counted up to the data's collection date, so each year is compared within itself.
An area where the country is specialised (RCA >= threshold) with an impact above 1 is a strength
in volume and in reach.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import Markdown

from helpers.chapters.page import Table
from helpers.chapters.technologies.page_text import read_region_names
from helpers.charts import impact as impact_charts
from helpers.data import canonical
from helpers.data.regions import describe_region
from helpers.errors import InputError
from helpers.i18n import column_labels, localise_number, md_names, md_text, region_name, t
from helpers.i18n.labels.ipc import ASJC_NAMES_NL
from helpers.methods import specialisation
from helpers.methods.impact import relative_citation_impact

DOCUMENTS, CITATIONS = "scimago_asjc", "scimago_asjc_citations"
_FORMATS = {"documents": ",.0f", "share": ".1%", "rca": ".2f", "citations": ",.0f", "expected_citations": ",.0f", "impact": ".2f"}


@dataclass
class CitationPage:
    """The citation-impact page (:func:`citation_page`)."""

    language: str
    name: str
    window: tuple[int, int]
    rca_threshold: float
    areas: pd.DataFrame | None = None
    regions: pd.DataFrame | None = None
    #: why there are no data, in Markdown (data values escaped)
    reason: str = ""

    @property
    def available(self) -> bool:
        return self.areas is not None

    def glue(self) -> dict[str, Any]:
        """``cit_text``: the findings in words (Markdown, wording chosen from the numbers), and the key numbers."""
        lang = self.language
        if not self.available:
            return {"cit_text": Markdown(t("cit_absent", lang, reason=self.reason)), "cit_overall": float("nan")}
        a, (start, end) = self.areas, self.window
        num = lambda v, spec: localise_number(format(float(v), spec), lang)
        spec = a[a["rca"] >= self.rca_threshold]
        strong = spec[spec["impact"] > 1].sort_values("impact", ascending=False)
        weak = spec[spec["impact"] <= 1].sort_values("impact")
        top = a.sort_values(["impact", "area"], ascending=[False, True]).iloc[0]
        overall = self.regions.set_index("region").loc[self.regions["region"].iloc[0]]
        rank = int((self.regions["impact"] > overall["impact"]).sum()) + 1
        text = t("cit_text", lang, region=md_text(self.name), start=start, end=end, documents=num(a["documents"].sum(), ",.0f"), n=len(a),
                 overall=num(overall["impact"], ".2f"), word=t("cit_above" if overall["impact"] > 1 else "cit_below", lang),
                 rank=rank, n_regions=len(self.regions), n_spec=len(spec), threshold=f"{self.rca_threshold:g}", n_strong=len(strong),
                 strong=md_names(list(strong[f"label_{lang}"]), lang) if len(strong) else t("ipc_none", lang),
                 top=md_text(top[f"label_{lang}"]), top_impact=num(top["impact"], ".2f"))
        if len(weak):
            text += " " + t("cit_weak" if len(weak) > 1 else "cit_weak_one", lang, n=len(weak), weak=md_names(list(weak[f"label_{lang}"]), lang))
        return {"cit_text": Markdown(text), "cit_overall": float(overall["impact"]), "cit_n_strong": len(strong), "cit_n_spec": len(spec)}

    def tables(self) -> dict[str, Table]:
        """``areas`` (the focus country per area) and ``regions`` (overall impact of the focus and comparison countries)."""
        if not self.available:
            return {}
        lang, labels = self.language, column_labels(self.language, "ipc")
        a = self.areas
        areas = pd.DataFrame({"area": a[f"label_{lang}"], "documents": a["documents"], "share": a["share"], "rca": a["rca"],
                              "citations": a["citations"], "expected_citations": a["expected_citations"], "impact": a["impact"],
                              "asjc": a["area"]}).sort_values(["impact", "area"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
        regions = self.regions.assign(region=[region_name(r, lang) for r in self.regions["region"]])
        start, end = self.window
        return {"areas": Table(areas, "technologies_publications_impact", formats=_FORMATS, labels=labels,
                               caption=t("cit_areas_caption", lang, region=self.name, start=start, end=end)),
                "regions": Table(regions, "technologies_publications_impact_regions", formats=_FORMATS, labels=labels,
                                 caption=t("cit_regions_caption", lang, start=start, end=end))}

    def charts(self) -> dict[str, Any]:
        """``impact``: RCA (x) against relative citation impact (y) per area, bubble = documents."""
        if not self.available:
            return {"impact": None}
        lang, (start, end) = self.language, self.window
        tips = {k: t(f"ipc_col_{k}", lang) for k in ("area", "documents", "rca", "impact", "share")}
        return {"impact": impact_charts.impact_chart(
            self.areas.assign(label=self.areas[f"label_{lang}"]), t("cit_chart_title", lang, region=self.name, start=start, end=end),
            t("cit_x_title", lang), t("cit_y_title", lang), lang, threshold=self.rca_threshold, tooltip_titles=tips,
            subtitle=t("cit_chart_subtitle", lang).split(" | "))}


def _window_rows(activity: pd.DataFrame, classification: str, window: tuple[int, int]) -> pd.DataFrame:
    rows = activity[activity["classification"] == classification]
    years = rows["year"].astype(int)
    if rows.empty:
        raise InputError(f"publications {classification}: no rows; the data folder has no SCImago data")
    lo, hi = int(years.min()), int(years.max())
    if window[0] < lo or window[1] > hi:
        raise InputError(f"SCImago publications: the window {window[0]}-{window[1]} lies outside the data ({lo}-{hi}); choose years within {lo}-{hi}")
    return rows[(years >= window[0]) & (years <= window[1])]


def citation_page(activity: pd.DataFrame, technologies: pd.DataFrame, *, focus: str, comparison: Sequence[str], language: str, name: str,
                  window: Sequence[int], rca_threshold: float = 1.0) -> CitationPage:
    """The page from canonical activity rows of the two SCImago classifications (countries only) (pure)."""
    start, end = int(window[0]), int(window[1])
    page = CitationPage(language, name, (start, end), float(rca_threshold))
    docs = _window_rows(activity, DOCUMENTS, (start, end))
    cits = _window_rows(activity, CITATIONS, (start, end))
    if focus not in set(docs["region"].unique()):
        page.reason = t("cit_no_region", language, region=md_text(name))  # Markdown: the reason goes into cit_text
        return page
    x = docs.pivot_table(index="region", columns="technology", values="value", aggfunc="sum", fill_value=0.0)
    rca = specialisation.rca(x).loc[focus]
    impact = relative_citation_impact(docs[["region", "technology", "year", "value"]], cits[["region", "technology", "year", "value"]])
    mine = impact[impact["region"] == focus].set_index("technology")
    labels = technologies[technologies["classification"] == DOCUMENTS].set_index("technology")["label"]
    areas = pd.DataFrame({"area": x.columns.astype(str)})
    areas["label_en"] = areas["area"].map(labels).fillna(areas["area"])
    areas["label_nl"] = areas["area"].map(ASJC_NAMES_NL).fillna(areas["label_en"])
    for col in ("documents", "citations", "expected_citations", "impact"):
        areas[col] = areas["area"].map(mine[col]).to_numpy(dtype=float)
    areas["share"] = areas["documents"] / areas["documents"].sum()
    areas["rca"] = areas["area"].map(rca).to_numpy(dtype=float)
    # overall impact per country: all areas together (observed over expected citations)
    totals = impact.groupby("region")[["documents", "citations", "expected_citations"]].sum()
    wanted = [focus] + [c for c in comparison if c in totals.index and c != focus]
    regions = totals.loc[wanted].reset_index()
    with np.errstate(divide="ignore", invalid="ignore"):
        regions["impact"] = regions["citations"] / regions["expected_citations"]
    page.areas, page.regions = areas, regions[["region", "documents", "citations", "expected_citations", "impact"]]
    return page


def read_citation_page(data_dir: Path | str, *, focus_region: str, comparison_regions: Sequence[str], language: str, window: Sequence[int],
                       rca_threshold: float = 1.0) -> CitationPage:
    """The citation page from the canonical tables in ``data_dir``; a sub-national focus region is stood in for by its country."""
    names = read_region_names(data_dir)
    techs = canonical.read(data_dir, "technologies")
    if not (techs["classification"] == DOCUMENTS).any():
        page = CitationPage(language, region_name(focus_region, language, names), (int(window[0]), int(window[1])), float(rca_threshold))
        page.reason = t("cit_no_data", language)
        return page
    activity = canonical.read(data_dir, "activity", source="publications", classification=[DOCUMENTS, CITATIONS], level=["country", "territory"])
    focus = focus_region
    if focus not in set(activity["region"].unique()):
        info = describe_region(focus_region) or {}
        focus = info.get("iso3") or focus_region
    return citation_page(activity, techs, focus=focus, comparison=list(comparison_regions), language=language,
                         name=region_name(focus, language, names), window=window, rca_threshold=rca_threshold)
