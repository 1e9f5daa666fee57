"""Descriptive profiles of one region's activity against the world (the overview chapter).

All functions take the canonical ``activity`` table of one source and classification, restricted
to countries (``canonical.read(..., level="country")``): the world is the sum over those rows,
never an aggregate row (World, EU-27) of the source, so shares are consistent between sources.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from helpers.chapters.page import Table
from helpers.charts import bars as bar_charts
from helpers.data import canonical
from helpers.errors import InputError
from helpers.i18n import FIELD_NAMES_NL, profile_labels, region_name, t
from helpers.methods import specialisation


def in_window(activity: pd.DataFrame, window: Sequence[int], what: str = "activity") -> pd.DataFrame:
    """Rows with ``window[0] <= year <= window[1]``; an empty selection is an error naming the available years."""
    start, end = int(window[0]), int(window[1])
    out = activity[(activity["year"] >= start) & (activity["year"] <= end)]
    if out.empty:
        years = activity["year"]
        span = f"{years.min()}-{years.max()}" if len(years) else "none"
        raise InputError(f"{what}: no rows in the window {start}-{end}; the data cover {span}: change the window in the edition file")
    return out


def _require_region(activity: pd.DataFrame, region: str, what: str) -> None:
    if not (activity["region"] == region).any():
        raise InputError(f"{what}: region {region!r} has no rows; choose a region present in the data (see regions.csv)")


def data_region(activity: pd.DataFrame, region: str, regions: pd.DataFrame, what: str = "activity") -> str:
    """The region whose rows describe ``region``: itself when the table has it, otherwise the
    country that contains it (``iso3`` in the canonical regions table), as Belgium stands in for
    the Flemish Region (BE2) in country-level patent data. An error when neither has rows."""
    present = set(activity["region"])
    if region in present:
        return region
    country = regions.set_index("region")["iso3"].get(region)
    if isinstance(country, str) and country in present:
        return country
    raise InputError(f"{what}: region {region!r} has no rows, nor does a country containing it; choose a region present in the data (see regions.csv)")


def yearly_share(activity: pd.DataFrame, region: str, what: str = "activity") -> pd.DataFrame:
    """Per year: the region's total, the world total and ``share = region / world``."""
    _require_region(activity, region, what)
    world = activity.groupby("year")["value"].sum()
    own = activity[activity["region"] == region].groupby("year")["value"].sum()
    out = pd.DataFrame({"region_value": own, "world_value": world}).fillna({"region_value": 0.0}).dropna()
    out["share_of_world"] = out["region_value"] / out["world_value"]
    return out.reset_index().rename(columns={"index": "year"})


def field_profile(activity: pd.DataFrame, region: str, what: str = "activity") -> pd.DataFrame:
    """Per technology (field), summed over the rows given:

    - ``region_value`` = X_rt, ``world_value`` = sum over countries X_ct;
    - ``share_of_region`` = X_rt / sum_t X_rt (the region's mix);
    - ``share_of_world`` = X_rt / sum_c X_ct (the region's weight in the field);
    - ``world_mix`` = sum_c X_ct / sum_ct X_ct and ``rca`` = :func:`helpers.methods.specialisation.rca` of the
      country x technology matrix (= share_of_region / world_mix, Balassa).
    Sorted by ``region_value`` descending, then technology.
    """
    _require_region(activity, region, what)
    matrix = activity.pivot_table(index="region", columns="technology", values="value", aggfunc="sum", fill_value=0.0)
    world = matrix.sum(axis=0)
    own = matrix.loc[region]
    out = pd.DataFrame({"region_value": own, "world_value": world})
    out["share_of_region"] = out["region_value"] / out["region_value"].sum()
    out["share_of_world"] = out["region_value"] / out["world_value"]
    out["world_mix"] = out["world_value"] / out["world_value"].sum()
    with warnings.catch_warnings():  # fields without activity anywhere are dropped from RCA with a warning
        warnings.simplefilter("ignore")
        out["rca"] = specialisation.rca(matrix, what).loc[region].reindex(out.index)
    out = out.reset_index().rename(columns={"index": "technology"})
    return out.sort_values(["region_value", "technology"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


# ----------------------------------------------------------------------------------- the chapter's page
#: A field needs at least this many patents in the window to count as the region's strongest specialisation.
MIN_PATENTS_FOR_TOP_RCA = 50
_COUNT_FORMATS = {"region_value": ",.0f", "world_value": ",.0f", "share_of_region": ".2%", "share_of_world": ".3%", "world_mix": ".2%", "rca": ".2f"}


@dataclass
class OverviewPage:
    """The overview chapter: the focus region's patents and articles by year and by field (:func:`overview_page`)."""

    language: str
    name: str
    note: str
    patents_window: tuple[int, int]
    publications_window: tuple[int, int]
    pat_years: pd.DataFrame
    pat_fields: pd.DataFrame
    art_years: pd.DataFrame
    art_fields: pd.DataFrame

    def glue(self) -> dict[str, Any]:
        """The numbers and words of the chapter's text."""
        pat, art = self.pat_fields, self.art_fields
        top_pat, top_art = pat.iloc[0], art.iloc[0]
        top_rca = pat[pat["region_value"] >= MIN_PATENTS_FOR_TOP_RCA].sort_values("rca", ascending=False).iloc[0]
        (p_start, p_end), (a_start, a_end) = self.patents_window, self.publications_window
        return dict(
            region_name=self.name, stand_in_note=self.note, p_start=p_start, p_end=p_end, a_start=a_start, a_end=a_end,
            pat_total=float(pat["region_value"].sum()), pat_share=float(pat["region_value"].sum() / pat["world_value"].sum() * 100),
            pat_top_field=top_pat["technology"], pat_top_share=float(top_pat["share_of_region"] * 100),
            pat_rca_field=top_rca["technology"], pat_rca_value=float(top_rca["rca"]), pat_rca_min=MIN_PATENTS_FOR_TOP_RCA,
            pat_n_specialised=int((pat["rca"] >= 1).sum()), pat_n_fields=len(pat),
            art_total=float(art["region_value"].sum()), art_share=float(art["region_value"].sum() / art["world_value"].sum() * 100),
            art_top_field=top_art["technology"], art_top_share=float(top_art["share_of_region"] * 100),
        )

    def _labels(self) -> dict[str, str]:
        return profile_labels(self.language, self.name)

    def tables(self) -> dict[str, Table]:
        """The published tables: patents and articles by year and by field."""
        labels = self._labels()
        return {name: Table(df, f"overview_{name}", formats=_COUNT_FORMATS, labels=labels) for name, df in {
            "patents_by_year": self.pat_years, "patents_by_field": self.pat_fields, "articles_by_field": self.art_fields}.items()}

    def charts(self) -> dict[str, Any]:
        """The share of the world over the years and the RCA per field, for patents and articles."""
        lang, name = self.language, self.name
        (p_start, p_end), (a_start, a_end) = self.patents_window, self.publications_window

        labels = self._labels()

        def fields(df: pd.DataFrame, title: str) -> Any:
            tooltip = [alt.Tooltip("technology:N", title=labels["technology"]),
                       alt.Tooltip("region_value:Q", format=",.0f", title=labels["region_value"]),
                       alt.Tooltip("share_of_region:Q", format=".2%", title=labels["share_of_region"]),
                       alt.Tooltip("share_of_world:Q", format=".3%", title=labels["share_of_world"]),
                       alt.Tooltip("rca:Q", format=".2f", title=labels["rca"])]
            return bar_charts.share_bar_chart(df, "technology", "rca", alt.TitleParams(title, subtitle=t("overview_fields_subtitle", lang, region=name)),
                                              t("specialisation", lang), x_format=".2f", reference=1.0, tooltip=tooltip)

        return {
            "patents_trend": bar_charts.trend_chart(self.pat_years, "year", "share_of_world", t("overview_patents_share_trend", lang, region=name),
                                                    t("share_of_world", lang), y_format=".2%",
                                                    x_tooltip=t("year", lang)),
            "patents_fields": fields(self.pat_fields, t("overview_patents_fields", lang, region=name, start=p_start, end=p_end)),
            "articles_trend": bar_charts.trend_chart(self.art_years, "year", "share_of_world", t("overview_articles_trend", lang, region=name),
                                                     t("share_of_world", lang), y_format=".2%",
                                                     x_tooltip=t("year", lang)),
            "articles_fields": fields(self.art_fields, t("overview_articles_fields", lang, region=name, start=a_start, end=a_end)),
        }


def _field_names(fields: pd.DataFrame, language: str) -> pd.DataFrame:
    """The WIPO and NCSES field names in the book's language (:data:`helpers.i18n.FIELD_NAMES_NL` for Dutch)."""
    if language != "nl":
        return fields
    return fields.assign(technology=fields["technology"].map(lambda f: FIELD_NAMES_NL.get(f, f)))


def overview_page(data_dir: str | Path, *, focus_region: str, patents_window: Sequence[int], publications_window: Sequence[int],
                  language: str) -> OverviewPage:
    """The overview chapter from the canonical tables in ``data_dir``: patents (WIPO 35 fields) and
    articles (NCSES fields, without the "All S&E fields" total) of the countries; the focus
    region's country stands in when the data have no rows for the region itself."""
    regions = canonical.read(data_dir, "regions")
    names = regions.set_index("region")["name"]
    patents = canonical.read(data_dir, "activity", source="patents", classification="wipo35", level="country")
    articles = canonical.read(data_dir, "activity", source="publications", classification="ncses_fields", level="country")
    articles = articles[articles["technology"] != "all"]  # the NCSES "All S&E fields" total is not a field
    used = data_region(patents, focus_region, regions, "patents")
    name, focus_name = region_name(used, language, names), region_name(focus_region, language, names)
    if focus_region in ("BEL", "BE2"):
        note = t("overview_note_flanders", language, used=name)
    elif used != focus_region:
        note = t("overview_note_stand_in", language, used=name, focus=focus_name)
    else:
        note = t("overview_note_focus", language, focus=name)
    return OverviewPage(
        language=language, name=name, note=note,
        patents_window=(int(patents_window[0]), int(patents_window[1])),
        publications_window=(int(publications_window[0]), int(publications_window[1])),
        pat_years=yearly_share(patents, used, "patents"),
        pat_fields=_field_names(field_profile(in_window(patents, patents_window, "patents"), used, "patents"), language),
        art_years=yearly_share(articles, used, "publications"),
        art_fields=_field_names(field_profile(in_window(articles, publications_window, "publications"), used, "publications"), language),
    )
