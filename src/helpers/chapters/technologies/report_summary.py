"""The report's summary figure (Figuur 1 and 6) from the published values, the book's own summary by the same method, and the claims table.

The CEPS summary places each of the 38 technologies at its *composite relatedness density* (per
source the rank of the technology's density, summed over patents, publications and investments,
rescaled 0-100: :func:`helpers.methods.composite.composite_rank`) and its complexity. This module
recomputes the published composite from the published densities, builds the book's own summary
of the computed sources by the same method (``summary_method="composite_rank"``, the default) or
keeps the distance-from-the-split summary of the summary page (``"distance"``), and judges the
report's claims (:mod:`~helpers.chapters.technologies.report_claims`) on both.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import Markdown

from helpers.chapters.page import Table
from helpers.chapters.technologies.published import (STUDY_CATEGORY_IDS, Published, computed_by_technology, load_inputs,
                                                     published_profile, spearman, table_labels)
from helpers.chapters.technologies import stability as stab
from helpers.chapters.technologies.report_claims import judge_claims
from helpers.chapters.technologies.summary_pages import SummaryPage
from helpers.chapters.technologies.taxonomy_mapping import category_order
from helpers.charts import quadrants as quadrant_charts
from helpers.errors import InputError
from helpers.i18n import join_names, localise_number, md_text, t
from helpers.i18n.labels.published import STUDY_CATEGORIES
from helpers.methods.composite import composite_rank
from helpers.methods.quadrants import quadrants
from helpers.methods.robustness import composite_placements

SUMMARY_METHODS = ("composite_rank", "distance")
SOURCES = ("patents", "publications", "investments")


def _chart_frame(df: pd.DataFrame, language: str) -> pd.DataFrame:
    """The columns :func:`helpers.charts.quadrants.quadrant_chart` reads, for a table of the 38 technologies."""
    out = df.copy()
    for col in ("activity", "share_of_region"):
        out[col] = np.nan
    out["rca"] = out["rca"].fillna(0.0)
    return out


def computed_positions(page: SummaryPage, coarse: pd.DataFrame, technologies: pd.DataFrame, language: str,
                       published_summary: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Per source with data, the book's values of the 38 technologies (each from its main field), with
    the study's category (the taxonomy's when the study's values are absent) and the labels, placed by
    the median rule."""
    if published_summary is not None:
        meta = published_summary.set_index("technology")[["study_category", "label_nl", "label_en"]]
    else:
        study_name = {v: k for k, v in STUDY_CATEGORY_IDS.items()}
        meta = technologies.set_index("tech_id")[["label_nl", "label_en"]].assign(
            study_category=technologies.set_index("tech_id")["category_id"].map(study_name))
    out = {}
    for source, profile in page.profiles.items():
        scheme = str(profile["classification"].iloc[0]).replace("_rounds", "")
        comp = computed_by_technology(profile, coarse, scheme, technologies, reason="", language=language)
        out[source] = comp.join(meta, on="technology")
    return out


def computed_composite(positions: dict[str, pd.DataFrame], language: str) -> pd.DataFrame | None:
    """The book's own summary by the study's method: the composite rank of the computed densities
    over the sources with data, the complexity of the patents source (technological complexity, as
    in the study; else the first source) and the quadrant by the median rule. None without sources."""
    if not positions:
        return None
    densities = pd.DataFrame({s: p.set_index("technology")["density"] for s, p in positions.items()})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        composite = composite_rank(densities)
    base = positions.get("patents", next(iter(positions.values()))).set_index("technology")
    out = pd.DataFrame({"density": composite, "complexity": base["complexity"], "rca": base["rca"]})
    out = out.join(base[["study_category", "label_nl", "label_en"]])
    ok = out["density"].notna() & out["complexity"].notna()
    out["quadrant"], out["x_split"], out["y_split"] = None, np.nan, np.nan
    if ok.sum() >= 2:
        q = quadrants(out.loc[ok, "density"], out.loc[ok, "complexity"])
        out.loc[ok, "quadrant"], out.loc[ok, "x_split"], out.loc[ok, "y_split"] = q["quadrant"], q["x_split"], q["y_split"]
    out["category_id"] = out["study_category"].map(STUDY_CATEGORY_IDS)
    for lang in ("nl", "en"):
        out[f"category_{lang}"] = out["study_category"].map(lambda c: STUDY_CATEGORIES[c][lang])
        out[f"quadrant_{lang}"] = out["quadrant"].map(lambda k: t(f"claim_quadrant_{k}", lang) if isinstance(k, str) else "")
    for col in densities.columns:
        out[f"density_{col}"] = densities[col]
    return out.reset_index().rename(columns={"index": "technology"})


def _runs_by_technology(values: np.ndarray, stability: stab.Stability, position: pd.DataFrame, column: str) -> np.ndarray:
    """The runs' ``values`` (``runs x fields``, the columns of ``stability``) per technology of ``position`` (its main
    ``field``, as :func:`computed_by_technology`): ``runs x technologies``, NaN where the page itself has no ``column``."""
    idx = stability.columns.get_indexer(position["field"].fillna("").astype(str))
    out = np.where(idx >= 0, values[:, np.maximum(idx, 0)], np.nan)
    return np.where(position[column].notna().to_numpy()[None, :], out, np.nan)


def composite_stability(page: SummaryPage, positions: dict[str, pd.DataFrame], composite: pd.DataFrame | None) -> stab.Stability | None:
    """How sure each placement of the book's composite summary (:func:`computed_composite`) is. Run ``k`` of every
    source (the runs of the sources' pages, :attr:`SummaryPage.stabilities`: the same seed, paired by run) gives
    each technology its main field's density per source and complexity (patents, else the first source); the
    composite rank of the densities and the quadrant by the median follow per run
    (:func:`helpers.methods.robustness.composite_placements`). None without runs for every source."""
    found = [page.stabilities.get(source) for source in positions]
    if composite is None or not positions or any(f is None or f.runs is None for f in found):
        return None
    techs = composite["technology"]
    aligned = {s: p.set_index("technology").reindex(techs) for s, p in positions.items()}
    densities = np.stack([_runs_by_technology(f.runs.density, f, aligned[s], "density") for s, f in zip(positions, found)], axis=2)
    base = "patents" if "patents" in positions else next(iter(positions))
    complexity = _runs_by_technology(page.stabilities[base].runs.complexity, page.stabilities[base], aligned[base], "complexity")
    runs = composite_placements(densities, complexity)
    return stab.derived_stability(runs, composite.set_index("technology")["quadrant"], page.stabilities[base])


@dataclass
class ReportSummary:
    """Everything the summary page shows besides its own status tables (:func:`report_summary`)."""

    language: str
    summary_method: str
    page: SummaryPage
    published: Published
    technologies: pd.DataFrame
    pub_summary: pd.DataFrame | None = None
    recomputed: pd.DataFrame | None = None
    claims: pd.DataFrame | None = None
    composite: pd.DataFrame | None = None
    #: how sure each placement of ``composite`` is (:func:`composite_stability`); None without runs
    stability: stab.Stability | None = None

    def glue(self) -> dict[str, Any]:
        """``sum_text``: the summary in words (Markdown, wording from the numbers); the numbers too."""
        lang = self.language
        out: dict[str, Any] = {"sum_method": t(f"sum_method_{self.summary_method}", lang)}
        if self.pub_summary is None:
            return out | {"sum_text": Markdown(t("pub_absent", lang)), "sum_book_text": Markdown(self._book_text())} | self._stability_values()
        diff = float((self.recomputed["recomputed_composite"].round(2) - self.recomputed["published_composite"]).abs().max())
        claims = self.claims
        supported = claims["published_support"].eq(t("claim_support_yes", lang))
        same = claims["same_conclusion"].eq(t("pub_same", lang))
        parts = [t("sum_recomputed_text", lang, n=len(self.recomputed), diff=localise_number(f"{diff:.2f}", lang)),
                 t("sum_claims_text", lang, n=len(claims), supported=int(supported.sum()),
                   partly=int(claims["published_support"].eq(t("claim_support_partly", lang)).sum()), same=int(same.sum()))]
        if self.composite is not None:
            both = self.composite.set_index("technology").join(self.pub_summary.set_index("technology")[["density", "quadrant"]], suffixes=("", "_pub"))
            rho, n = spearman(both["density_pub"], both["density"])
            same_q = int((both["quadrant"] == both["quadrant_pub"]).sum())
            parts.append(t("sum_composite_text", lang, n=n, rho=localise_number(f"{rho:.2f}", lang) if np.isfinite(rho) else t("pub_no_value", lang),
                           same=same_q, sources=join_names([t(f"tech_source_{s}", lang) for s in self.page.profiles], lang)))
        return out | {"sum_text": Markdown("\n\n".join(parts)), "sum_book_text": Markdown(self._book_text()), "sum_composite_diff": diff,
                      "sum_claims_n": len(claims), "sum_claims_supported": int(supported.sum()), "sum_claims_same": int(same.sum())} \
            | self._stability_values()

    def _stability_values(self) -> dict[str, int]:
        """The counts of the composite's stability labels (``sum_stability_n_stable`` ...), 0 without runs."""
        placed = self.composite if self.stability is not None else None
        return {f"sum_{k}": v for k, v in stab.glue_values(placed, self.stability).items()}

    def _book_text(self) -> str:
        """The book's own summary in words: quadrant counts of the chosen summary method."""
        lang = self.language
        if self.summary_method == "composite_rank" and self.composite is not None:
            placed = self.composite[self.composite["quadrant"].notna()]
            counts = placed["quadrant"].value_counts()
            best = placed[placed["quadrant"] == "optimal"].sort_values(f"label_{lang}", kind="mergesort")
            # an undecided placement is said to be so, not counted as firmly in the quadrant
            undecided = best["stability_label"].eq("undecided") if "stability_label" in best.columns else pd.Series(False, index=best.index)
            optimal = [md_text(name) + (f" [{t('stab_label_undecided', lang)}]" if u else "") for name, u in zip(best[f"label_{lang}"], undecided)]
            text = t("sum_book_composite", lang, region=md_text(self.page.focus_name), n=len(placed),
                     sources=join_names([t(f"tech_source_{s}", lang) for s in self.page.profiles], lang),
                     n_optimal=int(counts.get("optimal", 0)), n_moonshot=int(counts.get("moonshot", 0)),
                     n_low_risk=int(counts.get("low_risk", 0)), n_low_priority=int(counts.get("low_priority", 0)),
                     optimal=join_names(optimal, lang) if optimal else t("tech_none", lang))
            if self.stability is not None:
                text += " " + stab.stability_text(self.composite, self.stability, lang, wording="stab_text_composite")
            return text
        g = self.page.glue()
        return t("sum_book_distance", lang, region=md_text(self.page.focus_name), n=g["n_points"], n_optimal=g["n_optimal"], n_moonshot=g["n_moonshot"],
                 n_low_risk=g["n_low_risk"], n_low_priority=g["n_low_priority"], optimal=md_text(g["list_optimal"]))

    def charts(self, label_top_n: int) -> dict[str, Any]:
        """``figure``: Figuur 1/6 from the published values; ``computed``: the book's own summary chart
        (by the composite method, or the page's distance chart)."""
        lang = self.language
        out: dict[str, Any] = {"figure": None, "computed": None}
        tips = {"label": t("pub_col_label", lang), "category": t("pub_col_study_category", lang), "quadrant": t("pub_col_quadrant", lang),
                "density": t("pub_x_title_summary", lang), "complexity": t("pub_col_complexity", lang),
                **{k: t(f"stab_tooltip_{key}", lang) for k, key in (("stability", "stability"), ("stability_label", "label"),
                                                                     ("density_interval", "density"), ("complexity_interval", "complexity"))}}
        common = dict(label_top_n=label_top_n, tooltip_titles=tips, category_order=category_order(), threshold=0.0)
        if self.pub_summary is not None:
            fig = _chart_frame(self.pub_summary.assign(rca=self.pub_summary["technology"].map(self._patent_rca())), lang)
            out["figure"] = quadrant_charts.quadrant_chart(fig, t("pub_figure_summary", lang), t("pub_x_title_summary", lang), t("pub_y_title", lang),
                                                           lang, subtitle=t("pub_figure_subtitle_summary", lang).split(" | "), **common)
        if self.summary_method == "composite_rank" and self.composite is not None and self.composite["quadrant"].notna().sum() >= 2:
            comp = _chart_frame(self.composite.dropna(subset=["density", "complexity"]), lang)
            comp[f"quadrant_{lang}"] = stab.shown_quadrant(comp, lang)  # an undecided placement reads "undecided (quadrant?)"
            runs = [t("stab_subtitle", lang, runs=self.stability.n_runs)] if self.stability is not None else []
            out["computed"] = quadrant_charts.quadrant_chart(
                comp, t("sum_computed_title", lang, region=self.page.focus_name), t("pub_x_title_summary", lang),
                t("sum_computed_y", lang), lang, subtitle=[*t("sum_computed_subtitle", lang).split(" | "), *self._patent_axis(), *runs], **common)
        elif self.summary_method == "distance":
            out["computed"] = self.page.charts(label_top_n)["quadrants"]
        return out

    def _patent_axis(self) -> list[str]:
        """The patents page's complexity and its check, for the subtitle of the computed chart."""
        axis = getattr(self.page, "axes", {}).get("patents")
        return [axis.subtitle(self.language, who=t("tech_source_patents", self.language))] if axis is not None else []

    def _patent_rca(self) -> pd.Series:
        pos = self.published.positions
        return pos[pos["source"] == "patents"].set_index("technology")["rca"]

    def tables(self) -> dict[str, Table]:
        """``recomputed`` (published vs recomputed composite), ``claims``, ``computed`` (the book's summary table) and, beside a
        composite summary, ``placements`` (the sources' placements with their stability, :meth:`SummaryPage.tables`)."""
        lang, labels = self.language, table_labels(self.language)
        out: dict[str, Table] = {}
        if self.pub_summary is not None:
            out["recomputed"] = Table(self.recomputed, "technologies_summary_published", labels=labels,
                                      formats={c: ".2f" for c in self.recomputed.columns if c not in ("label", "study_category", "technology")},
                                      caption=t("pub_summary_caption", lang), hidden=("technology",))
            out["claims"] = Table(self.claims, "technologies_summary_claims", labels=labels, wide=True, caption=t("sum_claims_caption", lang),
                                  hidden=("claim_id",))
        if self.summary_method == "composite_rank" and self.composite is not None:
            comp = self.composite
            table = comp.assign(label=comp[f"label_{lang}"], study_category=comp[f"category_{lang}"], quadrant=stab.shown_quadrant(comp, lang))
            sources = [c for c in comp.columns if c.startswith("density_") and c not in stab.STABILITY_COLUMNS]
            sure = self.stability is not None  # how sure each placement is: share of runs in it, label, 5-95% of the runs
            cols = ["label", "study_category", "quadrant", *(["stability", "stability_label"] if sure else []), "density",
                    *(["density_lo", "density_hi"] if sure else []), *sources, "complexity", *(["complexity_lo", "complexity_hi"] if sure else []),
                    "rca", "technology"]
            formats = {c: ".2f" for c in cols if c not in ("label", "study_category", "quadrant", "technology", "stability", "stability_label")}
            if sure:
                table = table.assign(stability_label=comp[f"stability_{lang}"])
                formats["stability"] = stab.TABLE_FORMATS["stability"]
            out["computed"] = Table(table[cols], "technologies_summary_composite", labels=labels | {"density": t("pub_col_recomputed_composite", lang),
                                    "complexity": t("sum_computed_y", lang), "rca": t("pub_rca_patents", lang)},
                                    formats=formats, caption=t("sum_computed_caption", lang, region=self.page.focus_name), hidden=("technology",))
            if self.page.stability_runs:  # the composite holds no placements: the sources' placements with how sure each is
                out["placements"] = self.page.tables()["summary"]
        elif self.summary_method == "distance":
            out["computed"] = self.page.tables()["summary"]
        return out


def _place_composite(out: ReportSummary, positions: dict[str, pd.DataFrame]) -> None:
    """``out.composite`` from the sources' ``positions``, with the stability of its placements when the sources have runs."""
    out.composite = computed_composite(positions, out.language)
    out.stability = composite_stability(out.page, positions, out.composite)
    if out.stability is not None:
        out.composite = stab.with_stability(out.composite, out.stability)


def report_summary(data_dir: str | Path, page: SummaryPage, *, summary_method: str = "composite_rank") -> ReportSummary:
    """The summary page's report figure, recomputed composite, the book's own composite summary and the claims (module doc)."""
    if summary_method not in SUMMARY_METHODS:
        raise InputError(f"summary_method {summary_method!r}: use one of {', '.join(SUMMARY_METHODS)}")
    lang = page.language
    published, technologies, coarse = load_inputs(data_dir)
    out = ReportSummary(language=lang, summary_method=summary_method, page=page, published=published, technologies=technologies)
    if not published.available:
        _place_composite(out, computed_positions(page, coarse, technologies, lang))
        return out
    out.pub_summary = published_profile(published, "summary", technologies)
    by_source = {s: published_profile(published, s, technologies) for s in SOURCES}
    densities = pd.DataFrame({s: p.set_index("technology")["density"] for s, p in by_source.items()})
    recomputed = composite_rank(densities)
    pub = out.pub_summary.set_index("technology")
    out.recomputed = pd.DataFrame({
        "label": pub[f"label_{lang}"], "study_category": pub[f"category_{lang}"],
        **{f"density_{s}": densities[s] for s in SOURCES}, "published_composite": pub["density"], "recomputed_composite": recomputed,
        "complexity": pub["complexity"], "technology": pub.index}).reset_index(drop=True)
    positions = computed_positions(page, coarse, technologies, lang, out.pub_summary)
    _place_composite(out, positions)
    computed = dict(positions)
    if out.composite is not None:
        computed["summary"] = out.composite
    out.claims = judge_claims(by_source | {"summary": out.pub_summary}, computed, lang)
    why = t("sum_why", lang, region=page.focus_name)
    out.claims.insert(len(out.claims.columns) - 1, "why", np.where(out.claims["same_conclusion"] == t("pub_same", lang), "", why))
    return out
