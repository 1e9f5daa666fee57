"""The study's own quadrant chart: bubbles coloured by RCA, red below 1, grey at 1, green above (VARIO figures 3 and 5).

Same axes, split lines and quadrant names as :func:`helpers.charts.quadrants.quadrant_chart`, but the
colour shows specialisation, as the CEPS study draws it, instead of the category.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from helpers.charts.quadrants import _corner_layers, _domain, _label_layers, _notable, _title, _truncate, place_labels
from helpers.methods.quadrants import QUADRANTS

#: RCA colours: red (no specialisation) through grey (RCA = 1) to green (strong specialisation)
RCA_RED, RCA_GREY, RCA_GREEN = "#c0392b", "#bdbdbd", "#1e8449"
_RADIUS = 7.0


def rca_colour_scale(rca_max: float) -> alt.Scale:
    """A diverging colour scale centred on RCA = 1 (0 red, 1 grey, the largest RCA green)."""
    top = max(float(rca_max), 1.5)
    return alt.Scale(domain=[0.0, 1.0, top], range=[RCA_RED, RCA_GREY, RCA_GREEN], type="linear", clamp=True)


def rca_quadrant_chart(positions: pd.DataFrame, title: str, x_title: str, y_title: str, language: str, *,
                       tooltip_titles: dict[str, str], subtitle: str | list[str] | None = None, rca_title: str = "RCA",
                       width: int = 560, height: int = 440) -> alt.LayerChart:
    """Quadrant chart of ``positions`` (one row per technology: ``density`` x, ``complexity`` y,
    ``rca``, ``x_split``, ``y_split``, ``label_<language>``, ``category_<language>``,
    ``quadrant_<language>``) with the bubbles coloured by RCA on a red-grey-green scale around 1
    and every label placed where it fits. A technology without an RCA is drawn hollow."""
    df = positions.dropna(subset=["density", "complexity"]).copy()
    if df.empty:
        raise ValueError("rca_quadrant_chart: no technology has both a density and a complexity")
    sx, sy = float(df["x_split"].iloc[0]), float(df["y_split"].iloc[0])
    df["label"] = df[f"label_{language}"].astype(str)
    df["short"] = df["label"].map(_truncate)
    df["category_label"] = df[f"category_{language}"].astype(str)
    df["quadrant_label"] = df[f"quadrant_{language}"].astype(str)
    df["_r"] = _RADIUS
    rank = df["rca"].fillna(0.0)
    df["rca_rank"] = rank
    xdom, ydom = _domain(df["density"], sx), _domain(df["complexity"], sy, pad=0.13, pad_high=0.2)
    xs = alt.Scale(domain=list(xdom), nice=False, zero=False)
    ys = alt.Scale(domain=list(ydom), nice=False, zero=False)
    corner_layers, reserved = _corner_layers({k: v[language] for k, v in QUADRANTS.items()}, xdom, ydom, width, height)
    order = _notable(df.assign(rca=rank), len(df), "density", "complexity")
    labels = place_labels(df, pd.Index(order), x="density", y="complexity", text="short", radius="_r", xdom=xdom, ydom=ydom,
                          width=width, height=height, reserved=reserved)
    names = tooltip_titles
    rules = [
        alt.Chart(pd.DataFrame({"v": [sx]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(x=alt.X("v:Q", scale=xs)),
        alt.Chart(pd.DataFrame({"v": [sy]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(y=alt.Y("v:Q", scale=ys)),
    ]
    tooltip: list[Any] = [
        alt.Tooltip("label:N", title=names.get("label", "technology")),
        alt.Tooltip("category_label:N", title=names.get("category", "category")),
        alt.Tooltip("quadrant_label:N", title=names.get("quadrant", "quadrant")),
        alt.Tooltip("rca:Q", title=rca_title, format=".2f"),
        alt.Tooltip("density:Q", title=names.get("density", "relatedness density"), format=".1f"),
        alt.Tooltip("complexity:Q", title=names.get("complexity", "complexity"), format=".2f"),
    ]
    cols = ["label", "category_label", "quadrant_label", "rca", "density", "complexity", "technology"]
    rca_max = float(np.nanmax(df["rca"].to_numpy(dtype=float))) if df["rca"].notna().any() else 1.5
    points = alt.Chart(df[cols]).mark_circle(size=np.pi * _RADIUS ** 2, stroke="#333", strokeWidth=0.7, opacity=0.95).encode(
        x=alt.X("density:Q", title=x_title, scale=xs),
        y=alt.Y("complexity:Q", title=y_title, scale=ys),
        color=alt.condition("isValid(datum.rca)", alt.Color("rca:Q", title=rca_title, scale=rca_colour_scale(rca_max),
                                                             legend=alt.Legend(orient="bottom", format=".1f", gradientLength=180)),
                            alt.value("#ffffff")),
        tooltip=tooltip,
    )
    chart = alt.layer(*rules, *corner_layers, points, *_label_layers(labels, xdom, ydom, color="#222"))
    return chart.properties(title=_title(title, subtitle, width), width=width, height=height)
