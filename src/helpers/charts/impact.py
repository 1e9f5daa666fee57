"""Specialisation against citation impact per field: a scatter with lines at 1 on both axes.

One bubble per field (area = documents): x = RCA of the documents, y = relative citation impact;
the dashed lines at the RCA threshold and at an impact of 1 (the world's citations per document)
split the plane into: specialised with high impact (top right), high impact without
specialisation (top left), and so on. Labels are placed where they fit.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers.charts.quadrants import (
    _domain,
    _label_layers,
    _title,
    _truncate,
    place_labels,
)
from helpers.charts.style import FOCUS_COLOUR


def impact_chart(areas: pd.DataFrame, title: str, x_title: str, y_title: str, language: str, *, threshold: float = 1.0,
                 tooltip_titles: dict[str, str], subtitle: str | list[str] | None = None, width: int = 560, height: int = 420) -> alt.LayerChart:
    """Scatter of ``areas`` (columns ``area``, ``label``, ``documents``, ``share``, ``rca``, ``impact``); rows without
    an impact are left out. ``language`` only selects nothing here (labels come translated) and is kept for symmetry."""
    df = areas.dropna(subset=["rca", "impact"]).copy()
    if df.empty:
        raise ValueError("impact_chart: no field has both an RCA and an impact")
    df["short"] = df["label"].astype(str).map(lambda s: _truncate(s, 28))
    big = float(df["documents"].max()) or 1.0
    df["_r"] = np.sqrt((20 + 600 * df["documents"] / big) / np.pi)
    xdom, ydom = _domain(df["rca"], threshold), _domain(df["impact"], 1.0)
    xs = alt.Scale(domain=list(xdom), nice=False, zero=False)
    ys = alt.Scale(domain=list(ydom), nice=False, zero=False)
    rules = [alt.Chart(pd.DataFrame({"v": [threshold]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(x=alt.X("v:Q", scale=xs)),
             alt.Chart(pd.DataFrame({"v": [1.0]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(y=alt.Y("v:Q", scale=ys))]
    order = list(df.sort_values(["documents", "label"], ascending=[False, True]).index)
    labels = place_labels(df, pd.Index(order), x="rca", y="impact", text="short", radius="_r", xdom=xdom, ydom=ydom, width=width,
                          height=height, reserved=[])
    tip = tooltip_titles
    points = alt.Chart(df[["area", "label", "documents", "share", "rca", "impact"]]).mark_circle(
        color=FOCUS_COLOUR, opacity=0.75, stroke="#333", strokeWidth=0.6).encode(
        x=alt.X("rca:Q", title=x_title, scale=xs), y=alt.Y("impact:Q", title=y_title, scale=ys),
        size=alt.Size("documents:Q", scale=alt.Scale(domain=[0, big], range=[20, 620]), legend=None),
        tooltip=[alt.Tooltip("label:N", title=tip.get("area", "field")), alt.Tooltip("documents:Q", title=tip.get("documents", "documents"), format=",.0f"),
                 alt.Tooltip("share:Q", title=tip.get("share", "share"), format=".1%"), alt.Tooltip("rca:Q", title=tip.get("rca", "RCA"), format=".2f"),
                 alt.Tooltip("impact:Q", title=tip.get("impact", "impact"), format=".2f")])
    chart = alt.layer(*rules, points, *_label_layers(labels, xdom, ydom, color="#222", clip=True))
    return chart.properties(title=_title(title, subtitle, width), width=width, height=height)
