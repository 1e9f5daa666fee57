"""Rating charts: a computed and a published rating table side by side, values per domain and indicator,
and growth against the total economy.

Pure functions from tidy tables to Altair charts: the chapter (:mod:`helpers.chapters.sectors`)
passes the rows with readers' names (``domain``, ``indicator``), the orders of the axes and every
title; nothing here reads files or knows which domains or indicators exist.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

#: Fill colour per rating symbol (strong green to weak red; ``na`` grey).
RATING_COLOURS: dict[str, str] = {"++": "#1a7f4b", "+": "#7cc48f", "+/-": "#f2e394", "-": "#e8896b", "na": "#e5e5e5"}
#: Colour per comparison status (keys of :data:`helpers.methods.ratings.COMPARISON_STATUSES`).
STATUS_COLOURS: dict[str, str] = {"agree": "#1a7f4b", "disagree": "#d1495b", "na_mismatch": "#f0a202"}
#: Bar colours of the growth chart: growth potential yes / no / unknown.
GROWTH_COLOURS: tuple[str, str, str] = ("#1a7f4b", "#e8896b", "#bdbdbd")


def rating_comparison_chart(cells: pd.DataFrame, *, x_order: Sequence[str], y_order: Sequence[str],
                            titles: Mapping[str, str] | None = None) -> alt.HConcatChart:
    """Computed and published ratings side by side (two heatmaps coloured by rating).

    ``cells``: one row per cell with ``domain`` and ``indicator`` (readers' names, ordered by
    ``y_order`` and ``x_order``), ``computed`` and ``published`` (rating symbols), ``status`` (agree,
    disagree, na_mismatch), ``flagged`` (bool), ``value``, ``reason``, ``flags`` and ``basis``.
    A cell whose symbols differ gets a red border in both panels, a cell where exactly one of the two
    is ``na`` an amber border; ``⚠`` after the computed symbol marks a flagged cell. ``titles``:
    computed_title, published_title, agree, disagree, na_mismatch, rating, status and the tooltip
    field names. About 620 pixels wide.
    """
    titles = dict(titles or {})
    df = cells.copy()
    df["status_label"] = df["status"].map({s: titles.get(s, s) for s in STATUS_COLOURS})
    df["computed_text"] = df["computed"] + np.where(df["flagged"], "⚠", "")
    df["value_text"] = [("" if pd.isna(v) else f"{v:.2f}") for v in df["value"]]
    for c in ("reason", "flags", "basis"):
        df[c] = df[c].fillna("")
    y_order, x_order = list(y_order), list(x_order)
    tooltip = [alt.Tooltip("domain:N", title=titles.get("domain", "domain")), alt.Tooltip("indicator:N", title=titles.get("indicator", "indicator")),
               alt.Tooltip("computed:N", title=titles.get("computed", "computed")), alt.Tooltip("published:N", title=titles.get("published", "published")),
               alt.Tooltip("status_label:N", title=titles.get("status", "status")),
               alt.Tooltip("value_text:N", title=titles.get("value", "value")), alt.Tooltip("basis:N", title=titles.get("basis", "basis")),
               alt.Tooltip("reason:N", title=titles.get("reason", "reason")), alt.Tooltip("flags:N", title=titles.get("flags", "flags"))]
    x = alt.X("indicator:N", sort=x_order, title=None, axis=alt.Axis(labelAngle=-45, orient="top", labelLimit=130, labelFontSize=11))
    rating_scale = alt.Scale(domain=list(RATING_COLOURS), range=list(RATING_COLOURS.values()))
    border = alt.Scale(domain=[titles.get(s, s) for s in STATUS_COLOURS], range=["#ffffff", STATUS_COLOURS["disagree"], STATUS_COLOURS["na_mismatch"]])

    rating_legend = alt.Legend(title=titles.get("rating", "rating"), orient="bottom")
    status_legend = alt.Legend(title=titles.get("status", "status"), orient="bottom", symbolType="square", symbolFillColor="#ffffff")

    def panel(field: str, text_field: str, title: str, show_y: bool) -> alt.LayerChart:
        y = alt.Y("domain:N", sort=y_order, title=None, axis=alt.Axis(labelLimit=170, labelFontSize=11) if show_y else None)
        base = alt.Chart(df).encode(x=x, y=y, tooltip=tooltip)
        rect = base.mark_rect(strokeWidth=2.5).encode(
            color=alt.Color(f"{field}:N", scale=rating_scale, legend=rating_legend),
            stroke=alt.Stroke("status_label:N", scale=border, legend=status_legend))
        text = base.mark_text(fontSize=11, fontWeight="bold", color="#222").encode(text=f"{text_field}:N")
        return alt.layer(rect, text).properties(width=len(x_order) * 29, height=alt.Step(26), title=title)

    c1 = panel("computed", "computed_text", titles.get("computed_title", "Computed"), True)
    c2 = panel("published", "published", titles.get("published_title", "Published"), False)
    return alt.hconcat(c1, c2, spacing=10).resolve_scale(color="shared", stroke="shared")


#: Border colour of a rated cell by its agreement with the published one (``not_compared``: no border).
VIEW_STATUS_COLOURS: dict[str, str] = {"agree": "#ffffff", "disagree": "#d1495b", "not_compared": "#ffffff"}


def rating_panels_chart(cells: pd.DataFrame, panels: Sequence[tuple[str, str, str | None]], *, x_order: Sequence[str],
                        y_order: Sequence[str], titles: Mapping[str, str] | None = None,
                        tooltip_fields: Sequence[tuple[str, str]] = (), title: str = "") -> alt.HConcatChart:
    """Several rating tables of the same cells side by side (heatmaps coloured by rating), e.g. the published
    table and two computed ones.

    ``cells``: one row per cell with ``domain`` and ``indicator`` (readers' names, ordered by ``y_order`` and
    ``x_order``) and the columns the panels name. ``panels``: (rating column, panel title, status column or
    ``None``); a status column holds ``agree`` / ``disagree`` / ``not_compared`` and a ``disagree`` cell gets a red
    border. Keep panel titles short (a panel is about 160 pixels wide); ``title`` goes above all. ``titles``: ``rating``, ``status``,
    ``domain``, ``indicator`` and the words for the statuses; ``tooltip_fields``: (column, title) shown on hover
    (text columns).
    """
    titles = dict(titles or {})
    df = cells.copy()
    y_order, x_order = list(y_order), list(x_order)
    status_words = [titles.get(s, s) for s in VIEW_STATUS_COLOURS]
    border = alt.Scale(domain=status_words, range=list(VIEW_STATUS_COLOURS.values()))
    rating_scale = alt.Scale(domain=list(RATING_COLOURS), range=list(RATING_COLOURS.values()))
    x = alt.X("indicator:N", sort=x_order, title=None, axis=alt.Axis(labelAngle=-45, orient="top", labelLimit=110, labelFontSize=10))
    base_tip = [alt.Tooltip("domain:N", title=titles.get("domain", "domain")), alt.Tooltip("indicator:N", title=titles.get("indicator", "indicator"))]
    extra_tip = [alt.Tooltip(f"{c}:N", title=title) for c, title in tooltip_fields]
    charts = []
    for i, (field, panel_title, status) in enumerate(panels):
        df[f"{field}_text"] = df[field]
        if status:
            df[f"{status}_label"] = df[status].map(lambda s: titles.get(s, s))
        tip = [*base_tip, alt.Tooltip(f"{field}:N", title=panel_title)]
        if status:
            tip.append(alt.Tooltip(f"{status}_label:N", title=titles.get("status", "status")))
        y = alt.Y("domain:N", sort=y_order, title=None, axis=alt.Axis(labelLimit=150, labelFontSize=11) if i == 0 else None)
        base = alt.Chart(df).encode(x=x, y=y, tooltip=tip + extra_tip)
        enc: dict = {"color": alt.Color(f"{field}:N", scale=rating_scale, legend=alt.Legend(title=titles.get("rating", "rating"), orient="bottom"))}
        if status:
            enc["stroke"] = alt.Stroke(f"{status}_label:N", scale=border,
                                       legend=alt.Legend(title=titles.get("status", "status"), orient="bottom", symbolType="square",
                                                         symbolFillColor="#ffffff", values=[titles.get("disagree", "disagree")]))
        rect = base.mark_rect(strokeWidth=2.5).encode(**enc)
        text = base.mark_text(fontSize=11, fontWeight="bold", color="#222").encode(text=f"{field}_text:N")
        charts.append(alt.layer(rect, text).properties(width=len(x_order) * 24, height=alt.Step(24), title=panel_title))
    out = alt.hconcat(*charts, spacing=8).resolve_scale(color="shared", stroke="shared")
    return out.properties(title=title) if title else out


def growth_difference_chart(growth: pd.DataFrame, *, order: Sequence[str], title: str = "", x_title: str = "",
                            labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """Difference between a domain's and the total economy's annual growth (bars, one per ``domain``
    in ``order``), coloured by the resulting growth-potential input (``growth``: True / False / None).

    ``growth``: ``domain``, ``growth``, ``difference``, ``sector_cagr``, ``total_cagr``, ``reason``.
    ``labels``: yes, no, unknown, legend and the tooltip field names (domain, sector, total,
    difference, reason).
    """
    labels = dict(labels or {})
    df = growth.copy()
    df["input"] = df["growth"].map(lambda g: labels.get("unknown", "unknown") if g is None or (isinstance(g, float) and math.isnan(g))
                                   else labels.get("yes", "yes") if g else labels.get("no", "no"))
    df["difference_plot"] = df["difference"].fillna(0.0)
    for c in ("sector_cagr", "total_cagr", "difference"):
        df[c + "_text"] = [("" if pd.isna(v) else f"{v:+.2%}") for v in df[c]]
    df["reason"] = df["reason"].fillna("")
    scale = alt.Scale(domain=[labels.get("yes", "yes"), labels.get("no", "no"), labels.get("unknown", "unknown")],
                      range=list(GROWTH_COLOURS))
    bars = alt.Chart(df).mark_bar().encode(
        y=alt.Y("domain:N", sort=list(order), title=None, axis=alt.Axis(labelLimit=190)),
        x=alt.X("difference_plot:Q", title=x_title, axis=alt.Axis(format="+.1%")),
        color=alt.Color("input:N", scale=scale, title=labels.get("legend", "growth potential")),
        tooltip=[alt.Tooltip("domain:N", title=labels.get("domain", "domain")),
                 alt.Tooltip("sector_cagr_text:N", title=labels.get("sector", "sector")),
                 alt.Tooltip("total_cagr_text:N", title=labels.get("total", "total economy")),
                 alt.Tooltip("difference_text:N", title=labels.get("difference", "difference")),
                 alt.Tooltip("reason:N", title=labels.get("reason", "reason"))],
    )
    rule = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#444").encode(x="x:Q")
    return alt.layer(bars, rule).properties(title=title, width=380, height=alt.Step(22))


def index_dot_chart(values: pd.DataFrame, *, order: Sequence[str], indicator_order: Sequence[str], title: str = "",
                    x_title: str = "", reference_lines: Sequence[float] = (1.0,),
                    labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """An index per domain (rows, in ``order``) and indicator (colours, in ``indicator_order``) on a
    log scale, with dashed reference lines (default 1).

    ``values``: ``domain``, ``indicator``, ``value``, ``years``, ``flags``; rows without a positive
    value are left out (a log scale has no place for them). ``labels``: the legend and tooltip field
    names (domain, indicator, value, years, flags).
    """
    labels = dict(labels or {})
    df = values[values["value"].notna() & (values["value"] > 0)].copy()
    df["flags"] = df["flags"].fillna("")
    present = set(df["indicator"])
    ind_order = [k for k in indicator_order if k in present]
    points = alt.Chart(df).mark_point(filled=True, size=70, opacity=0.85).encode(
        y=alt.Y("domain:N", sort=list(order), title=None, axis=alt.Axis(labelLimit=190)),
        x=alt.X("value:Q", scale=alt.Scale(type="log"), title=x_title),
        color=alt.Color("indicator:N", sort=ind_order, title=labels.get("indicator", "indicator"),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=260)),
        tooltip=[alt.Tooltip("domain:N", title=labels.get("domain", "domain")), alt.Tooltip("indicator:N", title=labels.get("indicator", "indicator")),
                 alt.Tooltip("value:Q", format=".2f", title=labels.get("value", "value")),
                 alt.Tooltip("years:N", title=labels.get("years", "years")), alt.Tooltip("flags:N", title=labels.get("flags", "flags"))],
    )
    rules = alt.Chart(pd.DataFrame({"x": list(reference_lines)})).mark_rule(color="#666", strokeDash=[4, 3]).encode(x="x:Q")
    return alt.layer(rules, points).properties(title=title, width=360, height=alt.Step(26))
