"""One source page of the technology chapter (patents, publications, start-up investments).

:func:`read_source_page` reads what the notebook's parameters point at (the focus region's name,
the source via :func:`~helpers.chapters.technologies.sources.load_source`) and builds the page with
:func:`source_page`: the profile, its coverage and quadrant summary, and as methods the glued
values of the text, the published tables (:class:`~helpers.chapters.page.Table`), the quadrant
charts (:mod:`helpers.charts.quadrants`) and the notes of the measures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import warnings

import pandas as pd
from IPython.display import HTML, Markdown

from helpers.chapters.page import Table
from helpers.chapters.technologies.axis import Axis, axis_for
from helpers.chapters.technologies.checks import Split, _window
from helpers.chapters.technologies.page_text import (_BY_RCA, _COVERAGE_FORMATS, _PROFILE_FORMATS, COVERAGE_TABLE_COLUMNS, PROFILE_TABLE_COLUMNS,
                                                     notes_block, read_region_names, stand_in_text, table_labels, taxonomy_size, tooltip_labels)
from helpers.chapters.technologies import stability as stab
from helpers.chapters.technologies.profiles import quadrant_summary, technology_profile
from helpers.chapters.technologies.space import technology_space
from helpers.chapters.technologies.sources import SourceData, _source_coverage, load_source, seed_coverage_percent, source_profile
from helpers.chapters.technologies.taxonomy_mapping import category_order
from helpers.charts import quadrants as quadrant_charts
from helpers.data import policy
from helpers.errors import InputError
from helpers.i18n import LABELS, localise_number, md_text, region_name, t


def _md_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The reason's values for a Markdown label: the region codes and names (from the data) escaped; the
    classification and level names are the book's own."""
    return {k: md_text(v) if k in ("region", "regions") else v for k, v in values.items()}


@dataclass
class SourcePage:
    """Everything one source page of the technology chapter shows (:func:`source_page`): the
    values of its text (:meth:`glue`), its tables (:meth:`tables`), its quadrant charts
    (:meth:`charts`) and the notes of the measures (:meth:`notes`).

    ``profile``, ``cover`` and ``quadrants`` are ``None`` when the source has no data for the
    focus region (``data.available`` false); ``name`` is then the focus region's name.
    """

    data: SourceData
    language: str
    name: str
    focus_name: str
    start: int
    end: int
    rca_threshold: float
    quadrant_split: Split
    complexity_method: str
    relatedness: str
    min_activity: float
    seed_coverage: float
    profile: pd.DataFrame | None = None
    cover: pd.DataFrame | None = None
    quadrants: pd.DataFrame | None = None
    #: :func:`stand_in_text` of the data
    stand_in: str = ""
    #: region code -> name from the data (``regions``), for codes without an ISO 3166 name (SCG: Serbia and Montenegro)
    region_names: Mapping[str, str] | None = None
    #: the number of technologies of the taxonomy, which the text cites
    n_taxonomy: int = 0
    #: the complexity on the y axis and its check (:mod:`helpers.chapters.technologies.axis`)
    axis: Axis | None = None
    #: the profile with the computed complexity (the comparison with the published values uses it when the y axis is the published one)
    computed: pd.DataFrame | None = None
    #: how sure each placement is (:mod:`helpers.chapters.technologies.stability`); None when no runs were asked for
    stability: stab.Stability | None = None

    @property
    def source_label(self) -> str:
        """The source's name in running text (``patents``, ``octrooien``)."""
        return t(f"tech_source_{self.data.source}", self.language)

    def _basis(self) -> str:
        """Where relatedness comes from: within-document co-occurrence or co-location of specialisations."""
        docs = self.data.documents
        if docs is not None and len(docs):
            return t("tech_basis_documents", self.language)
        return t("tech_basis_colocation", self.language, threshold=localise_number(f"{self.rca_threshold:g}", self.language))

    def tables(self) -> dict[str, Table]:
        """The page's published tables: ``profile``, ``quadrants`` and ``coverage``, headed by
        :func:`table_labels`; none without data for the focus region."""
        lang, source, p = self.language, self.data.source, self.profile
        if p is None:
            return {}
        labels = table_labels(lang)
        table = p.assign(label=p[f"label_{lang}"], category=p[f"category_{lang}"], quadrant=stab.shown_quadrant(p, lang))
        columns, formats = list(PROFILE_TABLE_COLUMNS), dict(_PROFILE_FORMATS)
        if self.stability is not None:  # the stability beside the quadrant, the intervals beside density and complexity
            table = table.assign(stability_label=p[f"stability_{lang}"])
            at = columns.index("quadrant") + 1
            columns = columns[:at] + ["stability", "stability_label"] + columns[at:]
            at = columns.index("complexity") + 1
            columns = columns[:at] + ["density_lo", "density_hi", "complexity_lo", "complexity_hi"] + columns[at:]
            formats |= stab.TABLE_FORMATS
        names = policy.load_technologies().set_index("tech_id")[f"label_{lang}"]  # the taxonomy's technologies by their names
        table = table.assign(taxonomy_technologies=table["taxonomy_technologies"].map(
            lambda ids: ", ".join(str(names.get(i, i)) for i in str(ids).split(";") if i) if isinstance(ids, str) else ""))[columns]
        cover = self.cover.assign(seed_coverage=self.seed_coverage / 100)[COVERAGE_TABLE_COLUMNS]
        cover = cover.assign(classification=cover["classification"].map(lambda c: t(f"tech_class_{c}", lang) if f"tech_class_{c}" in LABELS else c))
        quadrants = self.quadrants.drop(columns="quadrant").rename(columns={"label": "quadrant"})
        out = {
            "profile": Table(table, f"technologies_{source}_profile", formats=formats, labels=labels,
                             caption=t("tech_table_caption", lang, region=self.name, source=self.source_label, start=self.start, end=self.end),
                             hidden=("technology",)),
            "quadrants": Table(quadrants, f"technologies_{source}_quadrants", caption=t("tech_quadrant_caption", lang), labels=labels),
            "coverage": Table(cover, f"technologies_{source}_coverage", formats=_COVERAGE_FORMATS, labels=labels,
                              caption=t("tech_coverage_caption", lang, region=self.name)),
        }
        if self.stability is not None:
            out["sensitivity"] = Table(stab.sensitivity_table(p, self.stability, lang), f"technologies_{source}_sensitivity", labels=labels,
                                       caption=t("stab_sensitivity_caption", lang, region=self.name), **stab.SENSITIVITY_TABLE)
        return out

    def charts(self, label_top_n: int) -> dict[str, Any]:
        """``quadrants``: the quadrant chart (:func:`helpers.charts.quadrants.quadrant_chart`; the ``label_top_n``
        technologies with the highest RCA labelled first); ``zoom``: the same chart zoomed on the corner where
        the points crowd, ``None`` when they do not. Both ``None`` without data for the focus region."""
        lang, p = self.language, self.profile
        if p is None:
            return {"quadrants": None, "zoom": None}
        split = self.quadrant_split if isinstance(self.quadrant_split, str) else "fixed"
        y_title = self.axis.y_title(lang) if self.axis else t("tech_y_title", lang, method=t(f"tech_complexity_short_{self.complexity_method}", lang))
        axis_line = [self.axis.subtitle(lang)] if self.axis else []
        if self.stability is not None:
            axis_line.append(t("stab_subtitle", lang, runs=self.stability.n_runs))
        common = dict(label_top_n=label_top_n, threshold=self.rca_threshold, tooltip_titles=tooltip_labels(lang), category_order=category_order())
        chart = quadrant_charts.quadrant_chart(
            p, t("tech_chart_title", lang, region=self.name, source=self.source_label, start=self.start, end=self.end),
            t("tech_x_title", lang), y_title, lang,
            subtitle=[t("tech_chart_subtitle", lang, threshold=localise_number(f"{self.rca_threshold:g}", lang), split=t(f"tech_split_{split}", lang),
                        n=int((p["density"].notna() & p["complexity"].notna()).sum())), *axis_line], **common)
        zoom = quadrant_charts.quadrant_zoom_domain(p)
        if zoom is not None:
            zoom = quadrant_charts.quadrant_chart(p, t("tech_zoom_title", lang), t("tech_x_title", lang), y_title, lang, domain=zoom,
                                                  subtitle=[t("tech_zoom_subtitle", lang), *axis_line], **common)
        return {"quadrants": chart, "zoom": zoom}

    def notes(self) -> HTML | None:
        """The notes of the measures, folded (:func:`notes_html`); ``None`` when there are none or no data."""
        return notes_block(self.profile, self.language, self.region_names)

    def _stability_text(self) -> str:
        if self.profile is None or self.stability is None:
            return ""
        sensitivity = stab.sensitivity_table(self.profile, self.stability, self.language)
        return stab.stability_text(self.profile, self.stability, self.language, sensitivity=sensitivity)

    def glue(self) -> dict[str, Any]:
        """The numbers and words of the page's text, as Python scalars and strings; ``stand_in``
        (whose data the page shows) as Markdown for ``{glue:md}``. Without data for the focus
        region only ``n_taxonomy`` and ``stand_in``."""
        lang, p, data = self.language, self.profile, self.data
        text = {"n_taxonomy": self.n_taxonomy, "stand_in": Markdown(self.stand_in),
                "axis_text": Markdown(self.axis.text(lang) if self.axis is not None and p is not None else ""),
                "stability_text": Markdown(self._stability_text())} | stab.glue_values(p, self.stability)
        if p is None:
            return text
        by_rca = p.sort_values(**_BY_RCA)
        top = by_rca.iloc[0]
        optimal = by_rca[by_rca["quadrant"] == "optimal"]
        opt_top = (optimal if len(optimal) else by_rca).iloc[0]
        count = dict(zip(self.quadrants["quadrant"], self.quadrants["count"]))
        names = dict(zip(self.quadrants["quadrant"], self.quadrants["technologies"]))
        opt_categories = optimal[f"category_{lang}"].value_counts()
        digital = p[p["category_id"] == "digital_ai"]
        return text | dict(
            region_name=self.name, start=self.start, end=self.end, total=float(p["activity"].sum()), n_tech=len(p),
            n_regions=int(p["n_regions"].iloc[0]), n_space=int(p["n_regions_space"].iloc[0]), min_activity=float(self.min_activity),
            threshold=float(self.rca_threshold), classification_text=t(f"tech_class_{data.classification}", lang),
            complexity_text=t("axis_published_bullet", lang) if self.axis and self.axis.method == "published" else t(f"tech_complexity_{self.complexity_method}", lang),
            relatedness_text=t(f"tech_relatedness_{self.relatedness}", lang),
            basis_text=self._basis(), x_split=float(p["x_split"].iloc[0]), y_split=float(p["y_split"].iloc[0]),
            n_optimal=count["optimal"], n_moonshot=count["moonshot"], n_low_risk=count["low_risk"], n_low_priority=count["low_priority"],
            list_optimal=names["optimal"], list_moonshot=names["moonshot"], list_low_risk=names["low_risk"], list_low_priority=names["low_priority"],
            top_label=top[f"label_{lang}"], top_rca=float(top["rca"]), n_specialised=int(p["specialised"].sum()),
            opt_top_label=opt_top[f"label_{lang}"], opt_top_rca=float(opt_top["rca"]),
            opt_category=opt_categories.index[0] if len(opt_categories) else t("tech_none", lang),
            opt_category_n=int(opt_categories.iloc[0]) if len(opt_categories) else 0,
            coverage=float(self.cover["coverage"].iloc[0] * 100), n_selected=int(self.cover["n_selected"].iloc[0]),
            seed_coverage=float(self.seed_coverage),
            digital_n=len(digital), digital_low=int((digital["complexity"] < digital["y_split"]).sum()),
            digital_mean=float(digital["complexity"].mean()) if len(digital) else float("nan"),
        )


@dataclass
class InvestmentsPage(SourcePage):
    """The start-up investments page. Its data may be missing (the 2013 Crunchbase export has only
    US companies), so its text is one generated paragraph (:meth:`findings`): what the data show,
    or why there are none; tables, charts and notes are then empty."""

    def findings(self) -> str:
        """The findings in one paragraph (the investments page, whose data may be missing), in MyST markdown;
        data values (region name, category labels) escaped with :func:`~helpers.i18n.md_text`."""
        lang, data, p = self.language, self.data, self.profile
        if p is None:
            return t("tech_no_data", lang, source=self.source_label, region=md_text(self.name),
                      reason=t(f"tech_reason_{data.reason_key}", lang, **_md_values(data.reason_values)))
        count = dict(zip(self.quadrants["quadrant"], self.quadrants["count"]))
        names = {k: md_text(v) for k, v in zip(self.quadrants["quadrant"], self.quadrants["technologies"])}
        top = p.sort_values(**_BY_RCA).iloc[0]
        total = float(p["activity"].sum())
        rounds = data.classification.endswith("_rounds")
        text = (self.stand_in + "\n\n" if data.stand_in else "") + t(
            "tech_findings", lang, start=self.start, end=self.end, region=md_text(self.name),
            total=t("tech_findings_rounds" if rounds else "tech_findings_amount", lang, total=f"{total:,.0f}"),
            n=len(p), classification=t(f"tech_class_{data.classification}", lang),
            n_regions=int(p["n_regions"].iloc[0]), level=t(f"tech_level_{data.level}", lang),
            n_optimal=count["optimal"], optimal=names["optimal"], n_moonshot=count["moonshot"], moonshot=names["moonshot"],
            n_low_risk=count["low_risk"], low_risk=names["low_risk"], n_low_priority=count["low_priority"],
            top_label=md_text(top[f"label_{lang}"]), top_rca=f"{top['rca']:.2f}", threshold=f"{self.rca_threshold:g}",
            n_specialised=int(p["specialised"].sum()), coverage=f"{self.cover['coverage'].iloc[0] * 100:.0f}%")
        return text + "\n\n" + t("tech_findings_method", lang, n_space=int(p["n_regions_space"].iloc[0]),
                                  complexity=t(f"tech_complexity_{self.complexity_method}", lang),
                                  relatedness=t(f"tech_relatedness_{self.relatedness}", lang), basis=self._basis())

    def glue(self) -> dict[str, Any]:
        """The values of the page's text: ``n_taxonomy`` and the findings (``investments_findings``, Markdown for ``{glue:md}``)."""
        return {"n_taxonomy": self.n_taxonomy, "investments_findings": Markdown(self.findings()),
                "stability_text": Markdown(self._stability_text())} | stab.glue_values(self.profile, self.stability)


def source_page(data: SourceData, window: Sequence[int], *, language: str, focus_name: str, rca_threshold: float = 1.0,
                quadrant_split: Split = "median", complexity_method: str = "eigenvector", relatedness: str = "cosine",
                min_activity: float = 0, seed_coverage: float | None = None, region_names: Mapping[str, str] | None = None,
                required: bool = True, n_taxonomy: int | None = None, axis: Axis | None = None, robustness_runs: int = 0,
                robustness_seed: int = 0) -> SourcePage:
    """One source page of the technology chapter from :func:`load_source`'s ``data``: the profile
    (:func:`technology_profile`), its coverage (:func:`coverage`) and quadrant summary
    (:func:`quadrant_summary`), with the page's text values, tables and charts as methods of the
    returned :class:`SourcePage` (:class:`InvestmentsPage` for start-up investments).
    ``seed_coverage`` (percent) defaults to the seed's figure for the source, ``n_taxonomy`` to the
    number of technologies of ``data/technologies.csv``. ``robustness_runs`` > 0: the stability of every
    placement over that many runs from ``robustness_seed`` (:func:`source_stability`). Without data for the focus region:
    :class:`InputError` when ``required``, else a page without profile
    (:meth:`InvestmentsPage.findings` says why).
    """
    if not data.available and required:
        raise InputError(f"{data.source}: {data.reason}")
    start, end = _window(window, f"{data.source} page")
    page_type = InvestmentsPage if data.source == "investments" else SourcePage
    page = page_type(data=data, language=language, focus_name=focus_name, start=start, end=end, rca_threshold=rca_threshold,
                     quadrant_split=quadrant_split, complexity_method=complexity_method, relatedness=relatedness, min_activity=min_activity,
                     seed_coverage=seed_coverage if seed_coverage is not None else seed_coverage_percent(data.source),
                     name=region_name(data.region, language, region_names) if data.available else focus_name,
                     stand_in=stand_in_text(data, focus_name, language, region_names), region_names=region_names,
                     n_taxonomy=n_taxonomy if n_taxonomy is not None else taxonomy_size())
    page.axis = axis
    if data.available:
        page.computed = source_profile(data, window, rca_threshold=rca_threshold, quadrant_split=quadrant_split,
                                       complexity_method=axis.computed_method if axis else complexity_method, relatedness=relatedness,
                                       min_activity=min_activity)
        page.profile = axis.apply(page.computed) if axis is not None else page.computed
        if axis is not None:
            page.complexity_method = axis.computed_method
        page.cover = _source_coverage(data, window)
        page.quadrants = quadrant_summary(page.profile, language)
        if robustness_runs:
            page.stability = source_stability(data, (start, end), page.profile, axis=axis, rca_threshold=rca_threshold, relatedness=relatedness,
                                              complexity_method=page.complexity_method, min_activity=min_activity, quadrant_split=quadrant_split,
                                              n_runs=robustness_runs, seed=robustness_seed)
            page.profile = stab.with_stability(page.profile, page.stability)
    return page


def source_stability(data: SourceData, window: tuple[int, int], profile: pd.DataFrame, *, axis: Axis | None, rca_threshold: float,
                     relatedness: str, complexity_method: str, min_activity: float, quadrant_split: Split, n_runs: int,
                     seed: int) -> stab.Stability:
    """The stability of a source page's placements (:func:`helpers.chapters.technologies.stability.space_stability`) on the
    source's technology space, with the window one period earlier as one more rule change (none when the data do not reach it)."""
    options = dict(classification=data.classification, rca_threshold=rca_threshold, relatedness_method=relatedness,
                   complexity_method=complexity_method, min_activity=min_activity, documents=data.documents, source=data.source)
    earlier_window = stab.earlier_window(window)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        space = technology_space(data.activity, window, **options)
        try:
            earlier = technology_profile(data.activity, data.region, earlier_window, split=quadrant_split, technologies=data.technologies, **options)
            earlier = axis.apply(earlier) if axis is not None else earlier
        except InputError:
            earlier = None
        return stab.space_stability(space, data.region, profile, n_runs=n_runs, seed=seed, split=quadrant_split,
                                    scale=stab.SCALES.get(data.source, 1.0), earlier=earlier, earlier_window=earlier_window)


def read_source_page(data_dir: Path | str, source: str, *, focus_region: str, language: str, window: Sequence[int],
                     min_activity: float = 0, measure: Literal["amount", "rounds"] = "amount", required: bool = True,
                     rca_threshold: float = 1.0, quadrant_split: Split = "median", complexity_method: str | Mapping[str, str] = "auto",
                     relatedness: str = "cosine", robustness_runs: int = 0, robustness_seed: int = 0) -> SourcePage:
    """The page of ``source`` (``patents``, ``publications``, ``investments``) from the canonical
    tables in ``data_dir`` and the notebook's parameters: the region names of ``regions``, the
    focus region's name in ``language``, the source's data for the focus region
    (:func:`load_source`, ``measure`` for investments) and :func:`source_page` over ``window``.
    ``required=False`` for a page that shows why its data are missing instead of failing (the
    investments page outside the United States).
    """
    names = read_region_names(data_dir)
    data = load_source(data_dir, source, focus_region, measure=measure)
    axis = axis_for(data, window, complexity_method, min_activity=min_activity, rca_threshold=rca_threshold, relatedness=relatedness,
                    check=True) if data.available else None
    return source_page(data, window, language=language, focus_name=region_name(focus_region, language, names), region_names=names,
                       min_activity=min_activity, required=required, rca_threshold=rca_threshold, quadrant_split=quadrant_split,
                       complexity_method=axis.computed_method if axis else "eigenvector", relatedness=relatedness, axis=axis,
                       robustness_runs=robustness_runs, robustness_seed=robustness_seed)
