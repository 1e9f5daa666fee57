"""Budget charts: a programme's yearly path and stated totals split into their quantified lines."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd

from helpers.charts.style import FOCUS_COLOUR


def budget_path_chart(df: pd.DataFrame, x: str, y: str, title: str, y_title: str, *, color: str | None = None, color_title: str | None = None,
                      color_order: list[str] | None = None, tooltip: list[Any] | None = None, subtitle: str | list[str] | None = None,
                      y_format: str = ",.1f", value_labels: bool = False) -> alt.Chart | alt.LayerChart:
    """Bars per year (stacked by ``color`` when given), e.g. a budget growth path in EUR million;
    ``value_labels`` writes each bar's value above it (unstacked bars only)."""
    enc: dict[str, Any] = {
        "x": alt.X(f"{x}:O", title=None, axis=alt.Axis(labelAngle=0)),
        "y": alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format), stack="zero"),
        "tooltip": tooltip or [alt.Tooltip(f"{x}:O"), alt.Tooltip(f"{y}:Q", format=y_format)],
    }
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=color_title, sort=color_order, scale=alt.Scale(domain=color_order) if color_order else alt.Undefined,
                                 legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=420))
    chart: Any = (alt.Chart(df).mark_bar() if color else alt.Chart(df).mark_bar(color=FOCUS_COLOUR)).encode(**enc)
    if value_labels and not color:
        text = alt.Chart(df).mark_text(dy=-7, fontSize=11, color="#222").encode(
            x=alt.X(f"{x}:O"), y=alt.Y(f"{y}:Q"), text=alt.Text(f"{y}:Q", format=y_format))
        chart = alt.layer(chart, text)
    return chart.properties(title=alt.TitleParams(title, subtitle=subtitle) if subtitle else title, width=alt.Step(38), height=260)


def budget_composition_chart(df: pd.DataFrame, category: str, value: str, component: str, title: str, x_title: str, *,
                             component_order: list[str], component_colours: list[str], stated: str | None = None,
                             category_order: list[str] | None = None, tooltip: list[Any] | None = None,
                             subtitle: str | list[str] | None = None, component_title: str | None = None,
                             width: int = 360, label_limit: int = 240, stated_title: str | None = None,
                             category_title: str | None = None) -> alt.LayerChart | alt.Chart:
    """Horizontal stacked bars: each ``category`` (a stated total) split into its ``component`` rows;
    ``stated`` (a column with the stated total per category) draws a black tick where the source's
    total is, so a gap (unquantified part) or an overshoot stays visible; ``stated_title`` and ``category_title`` head its tooltip."""
    bars = alt.Chart(df).mark_bar().encode(
        y=alt.Y(f"{category}:N", sort=category_order, title=None, axis=alt.Axis(labelLimit=label_limit)),
        x=alt.X(f"sum({value}):Q", title=x_title, stack="zero"),
        color=alt.Color(f"{component}:N", title=component_title, sort=component_order,
                        scale=alt.Scale(domain=component_order, range=component_colours),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=420)),
        order=alt.Order("_order:Q"),
        tooltip=tooltip or [alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{component}:N"), alt.Tooltip(f"{value}:Q", format=",.2f")],
    ).transform_calculate(_order=f"indexof({json.dumps(component_order, ensure_ascii=False)}, datum['{component}'])")
    layers: list[Any] = [bars]
    if stated:
        ticks = alt.Chart(df).mark_tick(color="#000", thickness=3, size=26).encode(
            y=alt.Y(f"{category}:N", sort=category_order),
            x=alt.X(f"max({stated}):Q"),
            tooltip=[alt.Tooltip(f"{category}:N", title=category_title or category), alt.Tooltip(f"max({stated}):Q", title=stated_title or stated, format=",.2f")],
        )
        layers.append(ticks)
    chart = alt.layer(*layers) if len(layers) > 1 else bars
    return chart.properties(title=alt.TitleParams(title, subtitle=subtitle) if subtitle else title, width=width, height=alt.Step(34))
