"""Heatmaps: who prioritises what (items x countries or strategies), with a narrow panel of positions beside it."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from helpers.charts.style import QUADRANT_COLOURS, label_expr


def priority_heatmap(df: pd.DataFrame, x: str, y: str, value: str, title: str, *, x_order: list[str], y_order: list[str],
                     value_title: str, tooltip: list[Any], x_title: str | None = None, show_y_labels: bool = True,
                     step: int = 17, x_step: int | None = None, label_angle: int = -40, x_label_limit: int = 180,
                     y_label_limit: int = 330, scheme: str = "blues", subtitle: str | list[str] | None = None) -> alt.LayerChart:
    """Heatmap of counts (``value``) for ``y`` (rows, e.g. taxonomy items) x ``x`` (columns, e.g. countries).

    ``df`` holds every cell, zeros included: zero cells are drawn light grey and carry no tooltip,
    non-zero cells are coloured by count and labelled with it. ``x_order`` and ``y_order`` fix the
    order (and, with ``step``, the size), so that several heatmaps with the same ``y_order`` line up
    in an ``alt.hconcat``. The x axis is on top, labels angled, so long column names stay readable.
    """
    base = alt.Chart(df).encode(
        x=alt.X(f"{x}:N", sort=x_order, title=x_title, axis=alt.Axis(orient="top", labelAngle=label_angle, labelLimit=x_label_limit, labelAlign="left")),
        y=alt.Y(f"{y}:N", sort=y_order, title=None, axis=alt.Axis(labelLimit=y_label_limit) if show_y_labels else None),
    )
    zero = base.transform_filter(f"datum['{value}'] <= 0").mark_rect(color="#F2F2F2", stroke="#FFFFFF", strokeWidth=1)
    cells = base.transform_filter(f"datum['{value}'] > 0").mark_rect(stroke="#FFFFFF", strokeWidth=1).encode(
        color=alt.Color(f"{value}:Q", title=value_title, scale=alt.Scale(scheme=scheme, domainMin=0),
                        legend=alt.Legend(orient="bottom", format="d", tickMinStep=1, titleLimit=200, gradientLength=120)),
        tooltip=tooltip,
    )
    labels = base.transform_filter(f"datum['{value}'] > 0").mark_text(fontSize=10).encode(
        text=alt.Text(f"{value}:Q", format="d"),
        color=alt.condition(f"datum['{value}'] >= 3", alt.value("white"), alt.value("#222")),
        tooltip=tooltip,
    )
    props: dict[str, Any] = {"width": alt.Step(x_step or step + 9), "height": alt.Step(step)}
    if title:
        props["title"] = alt.TitleParams(title, subtitle=subtitle) if subtitle else title
    return alt.layer(zero, cells, labels).properties(**props)


def position_panel(df: pd.DataFrame, y: str, measure: str, label: str, quadrant: str, *, y_order: list[str], measure_order: list[str],
                   quadrant_labels: dict[str, str], quadrant_title: str, tooltip: list[Any], step: int = 17,
                   title: str = "", y_label_limit: int = 280, cell_width: int | None = None, legend_limit: int = 130) -> alt.LayerChart:
    """A narrow grid beside a heatmap: per row, cells for a few measures (``measure``/``label`` long
    form, e.g. quadrant, RCA, density) coloured by the row's ``quadrant`` (keys of
    :data:`QUADRANT_COLOURS`; ``quadrant_labels`` gives the legend text)."""
    keys = [k for k in QUADRANT_COLOURS if k in quadrant_labels]
    base = alt.Chart(df).encode(
        x=alt.X(f"{measure}:N", sort=measure_order, title=None, axis=alt.Axis(orient="top", labelAngle=-50, labelLimit=150, labelAlign="left")),
        y=alt.Y(f"{y}:N", sort=y_order, title=None, axis=alt.Axis(labelLimit=y_label_limit)),
        tooltip=tooltip,
    )
    cells = base.mark_rect(stroke="#FFFFFF", strokeWidth=1).encode(
        color=alt.Color(f"{quadrant}:N", title=quadrant_title,
                        scale=alt.Scale(domain=keys, range=[QUADRANT_COLOURS[k] for k in keys]),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelExpr=label_expr(quadrant_labels), titleLimit=legend_limit,
                                          labelLimit=legend_limit)),
    )
    text = base.mark_text(fontSize=10, color="#222").encode(text=alt.Text(f"{label}:N"))
    props: dict[str, Any] = {"width": alt.Step(cell_width or step + 31), "height": alt.Step(step)}
    if title:
        props["title"] = title
    return alt.layer(cells, text).properties(**props)


def _title(title: str, subtitle: str | list[str] | None) -> alt.TitleParams | str:
    return alt.TitleParams(title, subtitle=subtitle) if subtitle else title


def heatmap_with_positions(heatmap: alt.LayerChart, panel: alt.LayerChart | None = None, *, title: str,
                           subtitle: str | list[str] | None = None, spacing: int = 6) -> alt.LayerChart | alt.HConcatChart:
    """A heatmap (:func:`priority_heatmap`) with the :func:`position_panel` of the same rows on its
    left (when ``panel`` is given; give the heatmap no y labels then, the panel carries them),
    colour scales kept apart, under one ``title``."""
    view: Any = alt.hconcat(panel, heatmap, spacing=spacing).resolve_scale(color="independent") if panel is not None else heatmap
    return view.properties(title=_title(title, subtitle))


def stacked_heatmaps(panels: list[Any], *, title: str, subtitle: str | list[str] | None = None, spacing: int = 18) -> alt.VConcatChart:
    """Heatmaps (:func:`priority_heatmap`, e.g. one per row of strategies) stacked top to bottom under one ``title``."""
    return alt.vconcat(*panels, spacing=spacing).properties(title=_title(title, subtitle))
