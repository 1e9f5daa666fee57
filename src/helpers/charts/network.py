"""A network of technologies at fixed positions: links as lines whose width follows their weight, nodes coloured by category."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from helpers.charts.style import CONTEXT_COLOUR


def network_chart(nodes: pd.DataFrame, links: pd.DataFrame, *, title: str, category_order: Sequence[str], category_colours: Sequence[str],
                  tooltip_titles: dict[str, str], subtitle: str | list[str] | None = None, width: int = 600, height: int = 460,
                  category_title: str = "") -> alt.LayerChart:
    """A node-link chart with the layout given (no layout is computed here).

    ``nodes``: one row per node with ``node`` (id), ``label``, ``category`` (reader's label) and the
    layout coordinates ``x``, ``y``. ``links``: ``source``, ``target`` (node ids), ``weight``; line
    width grows with the weight. Categories take ``category_colours`` in the order of
    ``category_order`` (others grey). Tooltips: the node's label and category; a link's two ends and
    weight (``tooltip_titles`` keys: ``node``, ``category``, ``source``, ``target``, ``weight``).
    """
    pos = nodes.set_index("node")[["x", "y", "label"]]
    missing = sorted((set(links["source"]) | set(links["target"])) - set(pos.index))
    if missing:
        raise ValueError(f"network_chart: links name nodes without a position: {', '.join(map(str, missing[:5]))}")
    edges = links.assign(x=links["source"].map(pos["x"]), y=links["source"].map(pos["y"]),
                         x2=links["target"].map(pos["x"]), y2=links["target"].map(pos["y"]),
                         source_label=links["source"].map(pos["label"]), target_label=links["target"].map(pos["label"]))
    pad_x = (nodes["x"].max() - nodes["x"].min()) * 0.08 or 1.0
    pad_y = (nodes["y"].max() - nodes["y"].min()) * 0.06 or 1.0
    xs = alt.Scale(domain=[float(nodes["x"].min() - pad_x), float(nodes["x"].max() + pad_x)], nice=False, zero=False)
    ys = alt.Scale(domain=[float(nodes["y"].min() - pad_y), float(nodes["y"].max() + pad_y)], nice=False, zero=False)
    no_axis: Any = None
    lines = alt.Chart(edges[["x", "y", "x2", "y2", "weight", "source_label", "target_label"]]).mark_rule(color="#9a9a9a", opacity=0.6).encode(
        x=alt.X("x:Q", scale=xs, axis=no_axis), y=alt.Y("y:Q", scale=ys, axis=no_axis), x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("weight:Q", scale=alt.Scale(range=[0.5, 6]), legend=None),
        tooltip=[alt.Tooltip("source_label:N", title=tooltip_titles["source"]), alt.Tooltip("target_label:N", title=tooltip_titles["target"]),
                 alt.Tooltip("weight:Q", title=tooltip_titles["weight"], format=".2f")],
    )
    order = list(category_order)
    present = [c for c in order if c in set(nodes["category"])] + sorted(set(nodes["category"]) - set(order))
    colours = [category_colours[order.index(c)] if c in order else CONTEXT_COLOUR for c in present]
    tooltip = [alt.Tooltip("label:N", title=tooltip_titles["node"]), alt.Tooltip("category:N", title=tooltip_titles["category"])]
    points = alt.Chart(nodes[["x", "y", "label", "category"]]).mark_circle(size=170, stroke="#333", strokeWidth=0.6, opacity=0.95).encode(
        x=alt.X("x:Q", scale=xs, axis=no_axis), y=alt.Y("y:Q", scale=ys, axis=no_axis),
        color=alt.Color("category:N", title=category_title or None, scale=alt.Scale(domain=present, range=colours),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=260)),
        tooltip=tooltip,
    )
    text = alt.Chart(nodes[["x", "y", "label"]]).mark_text(fontSize=10, dy=-10, color="#222").encode(
        x=alt.X("x:Q", scale=xs, axis=no_axis), y=alt.Y("y:Q", scale=ys, axis=no_axis), text="label:N")
    return alt.layer(lines, points, text).properties(width=width, height=height,
                                                     title=alt.TitleParams(title, subtitle=subtitle) if subtitle else title)
