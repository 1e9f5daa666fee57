"""The technology chapter's summary page: every source with data for the focus region in one quadrant chart (seed figure 6).

:func:`read_summary_page` reads what the notebook's parameters point at (the focus region's name,
every source via :func:`~helpers.chapters.technologies.sources.load_source`) and builds the page
with :func:`summary_page`: the profiles of the sources on a common scale
(:func:`~helpers.chapters.technologies.profiles.summary_table`), a status row per source and the
coverage of the taxonomy, with the glued values, tables and charts as methods of the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from IPython.display import Markdown

from helpers.chapters.page import Table
from helpers.chapters.technologies.checks import Split, _window
from helpers.chapters.technologies.page_text import (_BY_RCA, _COVERAGE_FORMATS, COVERAGE_TABLE_COLUMNS, read_region_names, stand_in_text,
                                                     table_labels, taxonomy_size, tooltip_labels)
from helpers.chapters.technologies import stability as stab
from helpers.chapters.technologies.profiles import summary_table
from helpers.chapters.technologies.source_pages import source_stability
from helpers.chapters.technologies.sources import SOURCES, SourceData, _source_coverage, load_source, seed_coverage_percent, source_profile
from helpers.chapters.technologies.taxonomy_mapping import category_order, has_selection
from helpers.charts import quadrants as quadrant_charts
from helpers.errors import InputError
from helpers.i18n import LABELS, join_names, region_name, t


@dataclass
class SummaryPage:
    """Everything the chapter's summary page shows (:func:`summary_page`)."""

    language: str
    focus_name: str
    profiles: dict[str, pd.DataFrame]
    #: :func:`summary_table` of ``profiles``
    summary: pd.DataFrame
    #: one row per source: whether it has data for the focus region, whose, in which classification, and why not
    status: pd.DataFrame
    #: the coverage rows of the sources whose classification has a taxonomy selection (``None`` when none has)
    coverage_table: pd.DataFrame | None
    #: whose data the page shows, in one sentence
    stand_in: str
    complexity_method: Any = "eigenvector"
    #: the number of technologies of the taxonomy, which the text cites
    n_taxonomy: int = 0
    #: per source the complexity on the y axis (:class:`helpers.chapters.technologies.axis.Axis`)
    axes: dict[str, Any] = field(default_factory=dict)
    #: the resampling runs behind the stability labels (0: none)
    stability_runs: int = 0
    #: per source the stability of its placements, with the runs (the summary's composite is placed from them)
    stabilities: dict[str, stab.Stability] = field(default_factory=dict)

    @property
    def source_names(self) -> dict[str, str]:
        """Source key -> its name, capitalised, in the page's language."""
        return {s: t(f"tech_Source_{s}", self.language) for s in SOURCES}

    def _listing(self, part: pd.DataFrame) -> str:
        """The labels of ``part``, ``"; "``-joined, each tagged with its source when the page has several."""
        names, lang = self.source_names, self.language
        tag = (lambda r: f" ({names[r['source']].lower()})") if len(self.profiles) > 1 else (lambda r: "")
        # an undecided placement is said to be so, not counted as firmly in the quadrant
        sure = (lambda r: f" [{t('stab_label_undecided', lang)}]" if r.get("stability_label") == "undecided" else "")
        return "; ".join(f"{r[f'label_{lang}']}{tag(r)}{sure(r)}" for _, r in part.iterrows()) or t("tech_none", lang)

    def _top_category(self, part: pd.DataFrame) -> tuple[str, int]:
        """The category with the most technologies in ``part`` and their number (``none``, 0 when empty)."""
        counts = part[f"category_{self.language}"].value_counts()
        return (counts.index[0], int(counts.iloc[0])) if len(counts) else (t("tech_none", self.language), 0)

    def glue(self) -> dict[str, Any]:
        """The numbers and words of the page's text, as Python scalars and strings; ``stand_in`` (whose data
        the page shows) as Markdown for ``{glue:md}``."""
        s, lang, names = self.summary, self.language, self.source_names
        quad_counts = s["quadrant"].value_counts()
        optimal = s[s["quadrant"] == "optimal"].sort_values(**_BY_RCA)
        moonshot = s[s["quadrant"] == "moonshot"].sort_values(**_BY_RCA)
        opt_cat, opt_cat_n = self._top_category(optimal)
        moon_cat, moon_cat_n = self._top_category(moonshot)
        best = s.sort_values(**_BY_RCA).iloc[0]
        return {f"stability_{k}": v for k, v in stab.counts(s).items()} | {"stability_runs": self.stability_runs} | dict(
            n_taxonomy=self.n_taxonomy, stand_in=Markdown(self.stand_in),
            region_name=self.focus_name, n_sources=len(self.profiles), sources_text=", ".join(names[x].lower() for x in self.profiles),
            missing_text=", ".join(names[x].lower() for x in SOURCES if x not in self.profiles) or t("tech_none", lang),
            n_points=len(s), n_optimal=int(quad_counts.get("optimal", 0)), n_moonshot=int(quad_counts.get("moonshot", 0)),
            n_low_risk=int(quad_counts.get("low_risk", 0)), n_low_priority=int(quad_counts.get("low_priority", 0)),
            list_optimal=self._listing(optimal), list_moonshot=self._listing(moonshot), opt_category=opt_cat, opt_category_n=opt_cat_n,
            moon_category=moon_cat, moon_category_n=moon_cat_n,
            best_label=f"{best[f'label_{lang}']} ({names[best['source']].lower()})", best_rca=float(best["rca"]),
            complexity_text=t("axis_summary", lang, items=join_names([t("axis_summary_item", lang, name=t(f"axis_name_{a.method}", lang),
                                                                                   source=t(f"tech_source_{x}", lang)) for x, a in self.axes.items()], lang))
            if self.axes else t(f"tech_complexity_{self.complexity_method}", lang),
        )

    def charts(self, label_top_n: int) -> dict[str, Any]:
        """``quadrants``: the summary quadrant chart of every source (:func:`helpers.charts.quadrants.summary_quadrant_chart`);
        ``zoom``: the same zoomed on the corner where the points crowd, ``None`` when they do not."""
        s, lang, names = self.summary, self.language, self.source_names
        common = dict(source_labels=names, label_top_n=label_top_n, tooltip_titles=tooltip_labels(lang), category_order=category_order())
        x_title, y_title = t("tech_summary_x", lang), t("tech_summary_y", lang)
        chart = quadrant_charts.summary_quadrant_chart(
            s, t("tech_summary_title", lang, region=self.focus_name, sources=", ".join(names[x].lower() for x in self.profiles)),
            x_title, y_title, lang, subtitle=[t("tech_summary_subtitle", lang), *self._axis_lines()], **common)
        zoom = quadrant_charts.quadrant_zoom_domain(s, "x_std", "y_std", split=(0.0, 0.0))
        if zoom is not None:
            zoom = quadrant_charts.summary_quadrant_chart(s, t("tech_zoom_title", lang), x_title, y_title, lang,
                                                          subtitle=[t("tech_zoom_subtitle", lang), *self._axis_lines()], domain=zoom, **common)
        return {"quadrants": chart, "zoom": zoom}

    def _axis_lines(self) -> list[str]:
        """Per source the complexity on its y axis and whether it passed the check."""
        names = self.source_names
        return [a.subtitle(self.language, who=names[x].lower()) for x, a in self.axes.items()]

    def tables(self) -> dict[str, Table]:
        """The page's published tables, headed by :func:`table_labels`: ``summary`` (every technology of every
        source on the common scale), ``sources`` (the status of each source) and, when a source has a
        taxonomy selection, ``coverage``."""
        s, lang, names = self.summary, self.language, self.source_names
        labels = table_labels(lang)
        table = s.assign(source=s["source"].map(names), label=s[f"label_{lang}"], category=s[f"category_{lang}"], quadrant=stab.shown_quadrant(s, lang))
        columns = ["source", "label", "category", "quadrant", "rca", "density", "complexity", "x_std", "y_std", "technology"]
        if "stability" in s.columns:  # how sure each placement is; an undecided one reads "undecided (quadrant?)"
            table = table.assign(stability_label=s[f"stability_{lang}"])
            columns[4:4] = ["stability", "stability_label"]
        table = table[columns]
        out = {
            "summary": Table(table, "technologies_summary", caption=t("tech_summary_caption", lang), labels=labels,
                             formats={"rca": ".2f", "density": ".1f", "complexity": ".2f", "x_std": ".2f", "y_std": ".2f", "stability": ".0%"},
                             hidden=("technology",)),
            "sources": Table(self.status, "technologies_summary_sources", caption=t("tech_sources_caption", lang, region=self.focus_name),
                             labels=labels),
        }
        if self.coverage_table is not None:
            cover = self.coverage_table.assign(source=self.coverage_table["source"].map(names))[["source", *COVERAGE_TABLE_COLUMNS]]
            cover = cover.assign(classification=cover["classification"].map(lambda c: t(f"tech_class_{c}", lang) if f"tech_class_{c}" in LABELS else c))
            out["coverage"] = Table(cover, "technologies_summary_coverage", formats=_COVERAGE_FORMATS, labels=labels,
                                    caption=t("tech_coverage_caption", lang, region=self.focus_name))
        return out

def summary_page(sources: Mapping[str, SourceData], windows: Mapping[str, Sequence[int]], min_activity: Mapping[str, float], *,
                 language: str, focus_name: str, rca_threshold: float = 1.0, quadrant_split: Split = "median",
                 complexity_method: str = "eigenvector", relatedness: str = "cosine", seed_coverage: Mapping[str, float] | None = None,
                 region_names: Mapping[str, str] | None = None, n_taxonomy: int | None = None, robustness_runs: int = 0,
                 robustness_seed: int = 0) -> SummaryPage:
    """The chapter's summary page from :func:`load_source`'s data per source (in the order given):
    the profile of every source with data, stacked on a common scale (:func:`summary_table`; a
    country may stand in for the focus region in some sources), a status row per source, the
    coverage of the sources with a taxonomy selection (with the seed's figure, ``seed_coverage``
    in percent per source, by default from ``data/figures.csv``) and one stand-in sentence.
    ``n_taxonomy`` defaults to the number of technologies of ``data/technologies.csv``.
    :class:`InputError` when no source has data.
    """
    profiles: dict[str, pd.DataFrame] = {}
    stabilities: dict[str, stab.Stability] = {}
    covers, status, available = [], [], []
    for source, data in sources.items():
        start, end = _window(windows[source], f"{source} window")
        status.append({"source": t(f"tech_Source_{source}", language),
                       "available": t("tech_available_yes" if data.available else "tech_available_no", language),
                       "region": region_name(data.region, language, region_names) if data.available else "",
                       "classification": t(f"tech_class_{data.classification}", language) if data.classification else "", "window": f"{start}-{end}",
                       "reason": t(f"tech_reason_{data.reason_key}", language, **data.reason_values) if not data.available else ""})
        if not data.available:
            continue
        available.append(data)
        profiles[source] = source_profile(data, windows[source], rca_threshold=rca_threshold, quadrant_split=quadrant_split,
                                           complexity_method=complexity_method, relatedness=relatedness, min_activity=min_activity[source])
        if robustness_runs:  # the same runs as the source's own page (same seed): the same labels
            axis = profiles[source].attrs.get("axis")
            stability = source_stability(data, (start, end), profiles[source], axis=axis, rca_threshold=rca_threshold, relatedness=relatedness,
                                         complexity_method=axis.computed_method if axis else complexity_method, min_activity=min_activity[source],
                                         quadrant_split=quadrant_split, n_runs=robustness_runs, seed=robustness_seed)
            profiles[source], stabilities[source] = stab.with_stability(profiles[source], stability), stability
        if has_selection(data.classification):
            seed = seed_coverage[source] if seed_coverage is not None else seed_coverage_percent(source)
            covers.append(_source_coverage(data, windows[source]).assign(seed_coverage=seed / 100))
    if not profiles:
        raise InputError(f"technologies summary: no data source has data for {focus_name}; choose a region present in the data")
    standing = [d for d in available if d.stand_in]
    if standing:  # one sentence: which country stands in for the focus region, in which sources
        stand_text = t("tech_stand_in_parent", language, region=region_name(standing[0].region, language, region_names), focus=focus_name,
                        source=f" {t('tech_and', language)} ".join(t(f"tech_source_{d.source}", language) for d in standing))
    else:
        stand_text = stand_in_text(available[0], focus_name, language, region_names)
    axes = {s: p.attrs["axis"] for s, p in profiles.items() if "axis" in p.attrs}
    return SummaryPage(language=language, focus_name=focus_name, profiles=profiles, summary=summary_table(profiles, same_region=False), axes=axes,
                       status=pd.DataFrame(status), coverage_table=pd.concat(covers, ignore_index=True) if covers else None, stand_in=stand_text,
                       complexity_method=complexity_method, n_taxonomy=n_taxonomy if n_taxonomy is not None else taxonomy_size(),
                       stability_runs=int(robustness_runs), stabilities=stabilities)


def read_summary_page(data_dir: Path | str, *, focus_region: str, language: str, windows: Mapping[str, Sequence[int]],
                      min_activity: Mapping[str, float], measure: Literal["amount", "rounds"] = "amount", rca_threshold: float = 1.0,
                      quadrant_split: Split = "median", complexity_method: str = "eigenvector", relatedness: str = "cosine",
                      robustness_runs: int = 0, robustness_seed: int = 0) -> SummaryPage:
    """The summary page from the canonical tables in ``data_dir`` and the notebook's parameters: the
    region names of ``regions``, the focus region's name in ``language``, every source of
    :data:`SOURCES` for the focus region (:func:`load_source`, ``measure`` for investments) and
    :func:`summary_page` over each source's window and minimum activity (``windows``,
    ``min_activity``: source -> value).
    """
    names = read_region_names(data_dir)
    sources = {source: load_source(data_dir, source, focus_region, measure=measure) for source in SOURCES}
    return summary_page(sources, windows, min_activity, language=language, focus_name=region_name(focus_region, language, names),
                        region_names=names, rca_threshold=rca_threshold, quadrant_split=quadrant_split,
                        complexity_method=complexity_method, relatedness=relatedness, robustness_runs=robustness_runs,
                        robustness_seed=robustness_seed)
