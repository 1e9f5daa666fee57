"""Bars, lines and dots: trends over years, sorted bars, a dot plot per field and side-by-side line panels."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from helpers.charts.style import CONTEXT_COLOUR, FOCUS_COLOUR, PALETTE


def trend_chart(df, x: str, y: str, title: str, y_title: str, x_title: str = "", color: str | None = None, y_format: str = ",.0f",
                x_tooltip: str = "") -> alt.Chart:
    """Line chart over years with tooltips; ``color`` names the series column if there are several; ``x_tooltip``: the
    tooltip's title of ``x`` when the axis has none (e.g. "jaar")."""
    enc: dict[str, Any] = {
        "x": alt.X(f"{x}:Q", title=x_title or None, axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False)),
        "y": alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format)),
        "tooltip": [alt.Tooltip(f"{x}:Q", title=x_title or x_tooltip or x, format="d")] + ([alt.Tooltip(f"{color}:N")] if color else []) + [alt.Tooltip(f"{y}:Q", title=y_title, format=y_format)],
    }
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=None)
    return alt.Chart(df).mark_line(point=True, color=None if color else FOCUS_COLOUR).encode(**enc).properties(title=title)


def share_bar_chart(df, category: str, value: str, title: str, x_title: str, highlight: str | None = None, tooltip: list[Any] | None = None,
                    x_format: str = ".1%", reference: float | None = None, width: int = 420) -> alt.Chart | alt.LayerChart:
    """Horizontal bars sorted by value; ``highlight`` is a boolean column drawn in the focus colour;
    ``reference`` draws a vertical rule (e.g. RCA = 1); ``width`` in pixels."""
    colour: Any = alt.value(FOCUS_COLOUR)
    if highlight:
        colour = alt.condition(f"datum.{highlight}", alt.value(FOCUS_COLOUR), alt.value(CONTEXT_COLOUR))
    bars = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y(f"{category}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X(f"{value}:Q", title=x_title, axis=alt.Axis(format=x_format)),
            color=colour,
            tooltip=tooltip or [alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", format=x_format)],
        )
    )
    if reference is not None:
        rule = alt.Chart(pd.DataFrame({"reference": [reference]})).mark_rule(color="#444", strokeDash=[4, 3]).encode(x="reference:Q")
        return alt.layer(bars, rule).properties(title=title, width=width, height=alt.Step(16))
    return bars.properties(title=title, width=width, height=alt.Step(16))



def profile_dot_plot(df: pd.DataFrame, y: str, x: str, series: str, title: str, x_title: str, *, y_order: list[str], series_order: list[str],
                     highlight: str, tooltip: list[Any], log: bool = False, reference: float | None = None, x_format: str = ".2f",
                     subtitle: str | list[str] | None = None, width: int = 460, show_y_labels: bool = True,
                     x_values: list[float] | None = None) -> alt.LayerChart | alt.Chart:
    """Dot plot: one row per ``y`` (e.g. WIPO field), one dot per ``series`` (country) at ``x``;
    ``highlight`` (a boolean column) draws the focus region's dots larger and outlined; ``reference``
    draws a dashed vertical rule (e.g. RCA = 1)."""
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(series_order))]
    dots = alt.Chart(df).mark_point(filled=True, opacity=0.85).encode(
        y=alt.Y(f"{y}:N", sort=y_order, title=None, axis=alt.Axis(labelLimit=230, grid=True, labels=show_y_labels, ticks=show_y_labels)),
        x=alt.X(f"{x}:Q", title=x_title, scale=alt.Scale(type="log") if log else alt.Scale(zero=False),
                axis=alt.Axis(format=x_format, values=x_values) if x_values else alt.Axis(format=x_format)),
        color=alt.Color(f"{series}:N", title=None, sort=series_order, scale=alt.Scale(domain=series_order, range=colours), legend=alt.Legend(orient="bottom")),
        size=alt.condition(f"datum.{highlight}", alt.value(120), alt.value(45)),
        stroke=alt.condition(f"datum.{highlight}", alt.value("#000"), alt.value(None)),
        tooltip=tooltip,
    )
    layers: list[Any] = [dots]
    if reference is not None:
        layers.append(alt.Chart(pd.DataFrame({"reference": [reference]})).mark_rule(color="#444", strokeDash=[4, 3]).encode(x="reference:Q"))
    chart = alt.layer(*layers) if len(layers) > 1 else dots
    return chart.properties(title=alt.TitleParams(title, subtitle=subtitle) if subtitle else title, width=width, height=alt.Step(15))


def rd_intensity_chart(df: pd.DataFrame, *, panels: list[tuple[str, str]], x: str, y: str, series: str, series_order: list[str],
                       highlight: str, y_title: str, tooltip: list[Any], reference: float | None = None,
                       reference_label: str = "", reference_panel: str | None = None, title: str = "",
                       panel_field: str = "indicator", panel_width: int = 270) -> alt.HConcatChart:
    """Side-by-side line charts (one per ``panels`` entry: (value of ``panel_field``, panel title)), one
    line per ``series`` (region), with a shared y scale; ``highlight`` (a boolean column) draws the
    focus lines thicker, ``reference`` a dashed rule (e.g. the 3% R&D target) in ``reference_panel``."""
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(series_order))]
    charts = []
    for i, (panel, panel_title) in enumerate(panels):
        sub = df[df[panel_field] == panel]
        lines = alt.Chart(sub).mark_line(point=True).encode(
            x=alt.X(f"{x}:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1),
                    scale=alt.Scale(domain=[int(df[x].min()), int(df[x].max())], nice=False)),
            y=alt.Y(f"{y}:Q", title=y_title if i == 0 else None, scale=alt.Scale(zero=True)),
            color=alt.Color(f"{series}:N", title=None, sort=series_order, scale=alt.Scale(domain=series_order, range=colours),
                            legend=alt.Legend(orient="bottom", columns=4, labelLimit=200)),
            strokeWidth=alt.condition(f"datum.{highlight}", alt.value(3.5), alt.value(1.6)),
            tooltip=tooltip,
        )
        layers: list[Any] = [lines]
        if reference is not None and (reference_panel is None or reference_panel == panel):
            ref = pd.DataFrame({"reference": [reference], "label": [reference_label]})
            layers.append(alt.Chart(ref).mark_rule(color="#444", strokeDash=[4, 3]).encode(y="reference:Q", tooltip=[alt.Tooltip("label:N", title=" ")]))
            layers.append(alt.Chart(ref).mark_text(align="left", dx=4, dy=-6, fontSize=11, color="#444").encode(
                y="reference:Q", x=alt.value(0), text="label:N"))
        charts.append(alt.layer(*layers).properties(title=panel_title, width=panel_width, height=280))
    out = alt.hconcat(*charts).resolve_scale(y="shared")
    return out.properties(title=title) if title else out


def side_by_side(*charts: Any, title: str, subtitle: str | list[str] | None = None, spacing: int = 10) -> alt.HConcatChart:
    """Charts next to each other (e.g. two :func:`profile_dot_plot` panels on the same rows) under one ``title``."""
    return alt.hconcat(*charts, spacing=spacing).properties(title=alt.TitleParams(title, subtitle=subtitle) if subtitle else title)
