"""Chart styling and offline rendering for the book.

Altair's default HTML loads vega, vega-lite and vega-embed from a CDN when a page is viewed. The
book instead ships one JavaScript bundle (from the ``vl-convert-python`` wheel, so it matches the
installed Vega-Lite) in ``_static/`` and each chart's output is a ``<div>`` plus a small script that
calls ``window.vegaEmbed`` once the bundle is there. No network is needed to build or view.

Inside ``helpers build`` (environment variable ``HELPERS_BOOK_BUILD=1``) the ``book`` renderer is
active; in an interactive Jupyter session Altair's own renderer stays in place.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from helpers.i18n import D3_LOCALES, book_language

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
# Category colours (colour-blind safe, Okabe-Ito order); charts map categories onto these in order.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FOCUS_COLOUR = "#0072B2"
CONTEXT_COLOUR = "#B8B8B8"
BUNDLE_NAME = "vega-bundle.js"

_counter = itertools.count(1)


def javascript_bundle() -> str:
    """Vega + Vega-Lite + vega-embed as one classic script, wrapped so its top-level names stay private."""
    import vl_convert as vlc

    # The bundle declares top-level consts (n, t, ...); a function scope keeps them off the page's
    # global scope, where Sphinx's own scripts live. It still sets window.vegaEmbed/vega/vegaLite.
    return "(function(){\n" + vlc.javascript_bundle() + "\n})();\n"


def write_bundle(static_dir: Path) -> Path:
    static_dir.mkdir(parents=True, exist_ok=True)
    path = static_dir / BUNDLE_NAME
    path.write_text(javascript_bundle(), encoding="utf-8")
    return path


def embed_html(spec: dict[str, Any]) -> str:
    """HTML for one chart: a container and a script that embeds ``spec`` once vegaEmbed exists.

    The container id is derived from the spec (plus a per-kernel counter for repeated charts), so
    the same notebook gives the same HTML on every run.
    """
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    div = f"vg-{digest}-{next(_counter)}"
    embed: dict[str, Any] = {"renderer": "svg", "actions": {"export": True, "source": False, "compiled": False, "editor": False}}
    locale = D3_LOCALES.get(book_language())
    if locale:
        embed["formatLocale"] = locale
    options = json.dumps(embed, sort_keys=True)
    return (
        f'<div class="vega-chart" id="{div}"></div>\n'
        "<script>(function(){"
        f"var spec={text};var opt={options};var tries=0;"
        "function go(){if(window.vegaEmbed){window.vegaEmbed('#" + div + "',spec,opt).catch(function(e){"
        "document.getElementById('" + div + "').textContent='Chart error: '+e;});}"
        "else if(tries++<200){setTimeout(go,50);}else{document.getElementById('" + div + "').textContent="
        "'Chart library missing (_static/" + BUNDLE_NAME + ")';}}"
        "if(document.readyState==='loading'){document.addEventListener('DOMContentLoaded',go);}else{go();}"
        "})();</script>"
    )


def _book_renderer(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    return {"text/html": embed_html(spec)}


@alt.theme.register("flemish", enable=False)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 340},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#e6e6e6", "domainColor": "#888"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#555"},
            "range": {"category": PALETTE},
        }
    }


def setup() -> None:
    """Enable the book theme, and the offline renderer when run by ``helpers build``."""
    alt.theme.enable("flemish")
    alt.data_transformers.disable_max_rows()
    if os.environ.get("HELPERS_BOOK_BUILD") == "1":
        alt.renderers.register("book", _book_renderer)
        alt.renderers.enable("book")


def trend_chart(df, x: str, y: str, title: str, y_title: str, x_title: str = "", color: str | None = None, y_format: str = ",.0f") -> alt.Chart:
    """Line chart over years with tooltips; ``color`` names the series column if there are several."""
    enc: dict[str, Any] = {
        "x": alt.X(f"{x}:Q", title=x_title or None, axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False)),
        "y": alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format)),
        "tooltip": [alt.Tooltip(f"{x}:Q", title=x_title or x, format="d")] + ([alt.Tooltip(f"{color}:N")] if color else []) + [alt.Tooltip(f"{y}:Q", title=y_title, format=y_format)],
    }
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=None)
    return alt.Chart(df).mark_line(point=True, color=None if color else FOCUS_COLOUR).encode(**enc).properties(title=title)


def share_bar_chart(df, category: str, value: str, title: str, x_title: str, highlight: str | None = None, tooltip: list[Any] | None = None,
                    x_format: str = ".1%", reference: float | None = None) -> alt.Chart | alt.LayerChart:
    """Horizontal bars sorted by value; ``highlight`` is a boolean column drawn in the focus colour;
    ``reference`` draws a vertical rule (e.g. RCA = 1)."""
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
        return alt.layer(bars, rule).properties(title=title, width=420, height=alt.Step(16))
    return bars.properties(title=title, width=420, height=alt.Step(16))


# ----------------------------------------------------------------------------- other countries and the policy landscape
# (issue 7: helpers.chapters.countries, notebooks/countries_*.ipynb)
QUADRANT_COLOURS = {"optimal": "#009E73", "moonshot": "#CC79A7", "low_risk": "#56B4E9", "low_priority": "#D9D9D9", "none": "#FFFFFF"}


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
                        legend=alt.Legend(orient="bottom", direction="vertical", labelExpr=_label_expr(quadrant_labels), titleLimit=legend_limit,
                                          labelLimit=legend_limit)),
    )
    text = base.mark_text(fontSize=10, color="#222").encode(text=alt.Text(f"{label}:N"))
    props: dict[str, Any] = {"width": alt.Step(cell_width or step + 31), "height": alt.Step(step)}
    if title:
        props["title"] = title
    return alt.layer(cells, text).properties(**props)


def _label_expr(labels: dict[str, str]) -> str:
    """A Vega expression mapping legend values to reader labels."""
    return json.dumps(labels, ensure_ascii=False) + "[datum.label] || datum.label"


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
                             width: int = 360, label_limit: int = 240) -> alt.LayerChart | alt.Chart:
    """Horizontal stacked bars: each ``category`` (a stated total) split into its ``component`` rows;
    ``stated`` (a column with the stated total per category) draws a black tick where the source's
    total is, so a gap (unquantified part) or an overshoot stays visible."""
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
            tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"max({stated}):Q", title=stated, format=",.2f")],
        )
        layers.append(ticks)
    chart = alt.layer(*layers) if len(layers) > 1 else bars
    return chart.properties(title=alt.TitleParams(title, subtitle=subtitle) if subtitle else title, width=width, height=alt.Step(34))


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


# ----------------------------------------------------------------------------- strategic technologies
# (issue 5: helpers.chapters.technologies, notebooks/technologies_*.ipynb)
#: Shapes per data source in the summary chart (Vega-Lite point shapes).
SOURCE_SHAPES = {"patents": "circle", "publications": "square", "investments": "triangle-up"}
_QUADRANT_CORNERS = {"moonshot": ("left", "top"), "optimal": ("right", "top"), "low_priority": ("left", "bottom"), "low_risk": ("right", "bottom")}
_LABEL_FONT = 11
_CHAR_WIDTH = 6.0  # average width of a character at 11 px (system-ui), for label placement
_SIZE_RANGE = (25.0, 900.0)  # bubble area in px^2 for RCA 0 .. the largest RCA


def category_colours(categories: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(labels, colours) for a category colour scale: the taxonomy's categories in the order of
    ``data/technology_categories.csv`` take :data:`PALETTE` colours by position (the same colour on
    every page), ``other`` is grey. ``categories`` has ``category_id`` and ``category_label``."""
    try:
        from helpers.data.policy import load_categories

        order = list(load_categories()["category_id"])
    except Exception:  # pragma: no cover - the chart still draws without the project data
        order = sorted(categories["category_id"].unique())
    present = categories.drop_duplicates("category_id").set_index("category_id")["category_label"]
    labels, colours = [], []
    for i, cid in enumerate(order):
        if cid in present.index:
            labels.append(present[cid])
            colours.append(PALETTE[i % len(PALETTE)])
    for cid in present.index:
        if cid not in order:
            labels.append(present[cid])
            colours.append(CONTEXT_COLOUR)
    return labels, colours


def _domain(values: pd.Series, split: float, pad: float = 0.1, pad_high: float | None = None) -> tuple[float, float]:
    """Axis range over the values and the split, with margins (``pad_high`` above, default ``pad``)."""
    lo, hi = float(min(values.min(), split)), float(max(values.max(), split))
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    return lo - pad * span, hi + (pad if pad_high is None else pad_high) * span


def _bubble_radius(rca: pd.Series, rca_max: float) -> pd.Series:
    """Radius in px of the bubble of each RCA (area linear in RCA, as the size scale draws it)."""
    lo, hi = _SIZE_RANGE
    area = lo + (hi - lo) * rca.clip(lower=0) / rca_max if rca_max > 0 else pd.Series(lo, index=rca.index)
    return np.sqrt(area / np.pi)


def place_labels(points: pd.DataFrame, candidates: pd.Index, *, x: str, y: str, text: str, radius: str,
                 xdom: tuple[float, float], ydom: tuple[float, float], width: float, height: float,
                 reserved: list[tuple[float, float, float, float]] | None = None) -> pd.DataFrame:
    """Greedy label placement without overlaps, in pixel space.

    For each candidate row (in the order given: most important first), try positions right,
    left, above, below and the four diagonals of its bubble (2 px from its edge, then 9 px);
    take the first whose text box stays
    inside the plot and overlaps no bubble, no label placed before and no ``reserved`` box
    (x0, y0, x1, y1 in px). Labels that fit nowhere are left out (the tooltip still names the
    point). Returns rows with ``label``, ``tx``, ``ty`` (the text anchor in data units), ``align``
    and ``baseline``.
    """
    def px(vx: float, vy: float) -> tuple[float, float]:
        return (vx - xdom[0]) / (xdom[1] - xdom[0]) * width, (ydom[1] - vy) / (ydom[1] - ydom[0]) * height

    def data(pxx: float, pxy: float) -> tuple[float, float]:
        return xdom[0] + pxx / width * (xdom[1] - xdom[0]), ydom[1] - pxy / height * (ydom[1] - ydom[0])

    bubbles = []
    for _, row in points.iterrows():
        cx, cy = px(row[x], row[y])
        r = float(row[radius])
        bubbles.append((row.name, cx - r, cy - r, cx + r, cy + r))
    boxes = list(reserved or [])
    out = []
    th = _LABEL_FONT + 2
    for idx in candidates:
        row = points.loc[idx]
        cx, cy = px(row[x], row[y])
        tw = len(str(row[text])) * _CHAR_WIDTH
        options = []  # (anchor x, anchor y, align, baseline, box): beside the bubble first, a little further out next
        for gap in (2.0, 9.0):
            r = float(row[radius]) + gap
            d = r * 0.72
            options += [
                (cx + r, cy, "left", "middle", (cx + r, cy - th / 2, cx + r + tw, cy + th / 2)),
                (cx - r, cy, "right", "middle", (cx - r - tw, cy - th / 2, cx - r, cy + th / 2)),
                (cx, cy - r, "center", "bottom", (cx - tw / 2, cy - r - th, cx + tw / 2, cy - r)),
                (cx, cy + r, "center", "top", (cx - tw / 2, cy + r, cx + tw / 2, cy + r + th)),
                (cx + d, cy - d, "left", "bottom", (cx + d, cy - d - th, cx + d + tw, cy - d)),
                (cx - d, cy - d, "right", "bottom", (cx - d - tw, cy - d - th, cx - d, cy - d)),
                (cx + d, cy + d, "left", "top", (cx + d, cy + d, cx + d + tw, cy + d + th)),
                (cx - d, cy + d, "right", "top", (cx - d - tw, cy + d, cx - d, cy + d + th)),
            ]
        for ax, ay, align, baseline, box in options:
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if any(_overlap(box, b) for b in boxes):
                continue
            if any(_overlap(box, b[1:]) for b in bubbles if b[0] != idx):
                continue
            boxes.append(box)
            tx, ty = data(ax, ay)
            out.append({"_row": idx, "label": row[text], "tx": tx, "ty": ty, "align": align, "baseline": baseline})
            break
    return pd.DataFrame(out, columns=["_row", "label", "tx", "ty", "align", "baseline"])


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_layers(labels: pd.DataFrame, xdom: tuple[float, float], ydom: tuple[float, float], **text_props: Any) -> list[alt.Chart]:
    layers = []
    for (align, baseline), part in labels.groupby(["align", "baseline"], sort=True):
        layers.append(
            alt.Chart(part[["label", "tx", "ty"]]).mark_text(align=align, baseline=baseline, fontSize=_LABEL_FONT, **text_props).encode(
                x=alt.X("tx:Q", scale=alt.Scale(domain=list(xdom), nice=False, zero=False)),
                y=alt.Y("ty:Q", scale=alt.Scale(domain=list(ydom), nice=False, zero=False)),
                text="label:N",
            )
        )
    return layers


def _corner_layers(names: dict[str, str], xdom: tuple[float, float], ydom: tuple[float, float], width: float, height: float) -> tuple[list[alt.Chart], list[tuple[float, float, float, float]]]:
    """The quadrant names in the four corners (as text layers) and their boxes in px.

    A name with a qualifier in brackets ("Moonshots (high risk, high gain)") is set on two lines,
    so that the two names at the top (and at the bottom) do not run into each other.
    """
    layers, boxes = [], []
    inset_x = 6 / width * (xdom[1] - xdom[0])
    inset_y = 4 / height * (ydom[1] - ydom[0])
    for key, (side, level) in _QUADRANT_CORNERS.items():
        lines = names[key].replace(" (", "\n(").split("\n")
        xv = xdom[0] + inset_x if side == "left" else xdom[1] - inset_x
        yv = ydom[1] - inset_y if level == "top" else ydom[0] + inset_y
        tw = max(len(line) for line in lines) * (_CHAR_WIDTH + 0.6)
        th = 15 * len(lines)
        x0 = 6 if side == "left" else width - 6 - tw
        y0 = 4 if level == "top" else height - 4 - th
        boxes.append((x0, y0, x0 + tw, y0 + th))
        layers.append(
            alt.Chart(pd.DataFrame({"x": [xv], "y": [yv], "text": ["\n".join(lines)]})).mark_text(
                align=side, baseline=level, fontSize=12, fontWeight="bold", color="#6b6b6b", lineBreak="\n", lineHeight=14).encode(
                x=alt.X("x:Q", scale=alt.Scale(domain=list(xdom), nice=False, zero=False)),
                y=alt.Y("y:Q", scale=alt.Scale(domain=list(ydom), nice=False, zero=False)),
                text="text:N",
            )
        )
    return layers, boxes


def _notable(df: pd.DataFrame, label_top_n: int, x: str, y: str) -> list[Any]:
    """Rows to label, most important first: the top RCA, then the extremes of each quadrant
    (highest and lowest complexity, highest and lowest density) and the rest by RCA."""
    order = list(df.sort_values(["rca", "label"], ascending=[False, True], kind="mergesort").index)
    picked: list[Any] = order[: max(int(label_top_n), 0)]
    for _, part in df.groupby("quadrant", sort=True):
        for col, fn in ((y, "idxmax"), (y, "idxmin"), (x, "idxmax"), (x, "idxmin")):
            idx = getattr(part[col], fn)()
            if idx not in picked:
                picked.append(idx)
    return picked + [i for i in order if i not in picked]


def _wrap(text: str | list[str] | None, width: float, char_width: float) -> str | list[str] | None:
    """Break a title or subtitle into lines that fit ``width`` px (Vega does not wrap titles):
    after ': ', '; ' or ', ', else between words. Lists are taken as already broken."""
    if text is None or isinstance(text, list):
        return text
    limit = max(int(width / char_width), 20)
    if len(text) <= limit:
        return text
    lines: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = next((c for c in (rest.rfind(sep, 0, limit) for sep in (": ", "; ", ", ")) if c > 0.3 * limit), -1)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit)
        if cut <= 0:
            break
        sep_len = 2 if rest[cut:cut + 2] in (": ", "; ", ", ") else 1
        lines.append(rest[: cut + (1 if sep_len == 2 else 0)].rstrip())
        rest = rest[cut + sep_len:].lstrip()
    return lines + [rest]


def _title(title: str, subtitle: str | list[str] | None, width: float) -> alt.TitleParams | str | list[str]:
    text = _wrap(title, width + 60, 8.6)
    return alt.TitleParams(text, subtitle=_wrap(subtitle, width + 60, 6.4)) if subtitle else text


def _truncate(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quadrant_chart(
    profile: pd.DataFrame,
    title: str,
    x_title: str,
    y_title: str,
    language: str,
    split_x: float | None = None,
    split_y: float | None = None,
    *,
    label_top_n: int = 10,
    label_all: bool = True,
    subtitle: str | list[str] | None = None,
    tooltip_titles: dict[str, str] | None = None,
    threshold: float = 1.0,
    domain: tuple[tuple[float, float], tuple[float, float]] | None = None,
    width: int = 560,
    height: int = 440,
) -> alt.LayerChart:
    """The four-quadrant chart of the strategic investment framework (seed figures 2, 3, 5).

    ``profile``: one row per technology (:func:`helpers.chapters.technologies.technology_profile`): x =
    ``density`` (relatedness density, feasibility), y = ``complexity`` (economic value); dashed
    rules at ``split_x`` / ``split_y`` (default: the profile's ``x_split`` / ``y_split``), the
    four quadrant names (``language``) in the corners; bubble area = RCA, colour = category
    (:func:`category_colours`), opaque when RCA >= ``threshold``, light otherwise (say so in the
    subtitle: no legend, to keep the chart narrow enough for the page). Text labels:
    the ``label_top_n`` technologies with the highest RCA and the extremes of each quadrant first,
    then (``label_all``) every other technology where its label fits without overlapping
    (:func:`place_labels`). Tooltips give every value; the scales zoom and pan with the mouse
    (wheel, drag; double click resets). ``domain`` ((x0, x1), (y0, y1)) shows only that window
    (e.g. :func:`quadrant_zoom_domain`); points outside are clipped. Technologies without a
    density or complexity cannot be placed and are left out.
    """
    from helpers.methods.metrics import QUADRANTS

    names = tooltip_titles or {}
    df = profile.dropna(subset=["density", "complexity"]).copy()
    if df.empty:
        raise ValueError("quadrant_chart: no technology has both a density and a complexity")
    sx = float(df["x_split"].iloc[0] if split_x is None else split_x)
    sy = float(df["y_split"].iloc[0] if split_y is None else split_y)
    df["label"] = df[f"label_{language}"].astype(str)
    df["short"] = df["label"].map(_truncate)
    df["category_label"] = df[f"category_{language}"].astype(str)
    df["quadrant_label"] = df[f"quadrant_{language}"].astype(str)
    df["specialised_label"] = np.where(df["rca"] >= threshold * (1 - 1e-12), f"RCA ≥ {threshold:g}", f"RCA < {threshold:g}")
    rca_max = float(df["rca"].max()) if df["rca"].max() > 0 else 1.0
    df["_r"] = _bubble_radius(df["rca"], rca_max)
    cat_labels, cat_colours = category_colours(df)
    if domain is None:
        xdom, ydom = _domain(df["density"], sx), _domain(df["complexity"], sy, pad=0.13, pad_high=0.2)  # room for the quadrant names
    else:
        xdom, ydom = (float(domain[0][0]), float(domain[0][1])), (float(domain[1][0]), float(domain[1][1]))
    inside = df["density"].between(*xdom) & df["complexity"].between(*ydom)
    xs = alt.Scale(domain=list(xdom), nice=False, zero=False)
    ys = alt.Scale(domain=list(ydom), nice=False, zero=False)
    corner_layers, reserved = _corner_layers({k: v[language] for k, v in QUADRANTS.items()}, xdom, ydom, width, height)
    order = _notable(df, label_top_n, "density", "complexity")
    if not label_all:
        order = order[: max(int(label_top_n), 0)]
    order = [i for i in order if inside[i]]
    labels = place_labels(df[inside], pd.Index(order), x="density", y="complexity", text="short", radius="_r", xdom=xdom, ydom=ydom,
                          width=width, height=height, reserved=reserved)
    rules = [
        alt.Chart(pd.DataFrame({"v": [sx]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(x=alt.X("v:Q", scale=xs)),
        alt.Chart(pd.DataFrame({"v": [sy]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(y=alt.Y("v:Q", scale=ys)),
    ]
    cols = ["label", "category_label", "quadrant_label", "specialised_label", "rca", "density", "complexity", "activity", "share_of_region", "technology"]
    tooltip = [
        alt.Tooltip("label:N", title=names.get("label", "technology")),
        alt.Tooltip("category_label:N", title=names.get("category", "category")),
        alt.Tooltip("quadrant_label:N", title=names.get("quadrant", "quadrant")),
        alt.Tooltip("rca:Q", title="RCA", format=".2f"),
        alt.Tooltip("density:Q", title=names.get("density", "relatedness density"), format=".1f"),
        alt.Tooltip("complexity:Q", title=names.get("complexity", "complexity"), format=".2f"),
        alt.Tooltip("activity:Q", title=names.get("activity", "activity"), format=",.0f"),
        alt.Tooltip("share_of_region:Q", title=names.get("share_of_region", "share of the region"), format=".1%"),
    ]
    points = alt.Chart(df[cols]).mark_circle(stroke="#333", strokeWidth=0.7, clip=True).encode(
        x=alt.X("density:Q", title=x_title, scale=xs),
        y=alt.Y("complexity:Q", title=y_title, scale=ys),
        size=alt.Size("rca:Q", title="RCA", scale=alt.Scale(domain=[0, rca_max], range=list(_SIZE_RANGE), zero=True),
                      legend=alt.Legend(format=".1f", orient="bottom", values=_rca_legend_values(rca_max))),
        color=alt.Color("category_label:N", title=names.get("category", "category"), scale=alt.Scale(domain=cat_labels, range=cat_colours),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=330, symbolType="circle")),
        opacity=alt.Opacity("specialised_label:N", title=None, scale=alt.Scale(domain=[f"RCA ≥ {threshold:g}", f"RCA < {threshold:g}"], range=[0.9, 0.35]),
                            legend=None),
        tooltip=tooltip,
    ).add_params(alt.selection_interval(bind="scales"))
    chart = alt.layer(*rules, *corner_layers, points, *_label_layers(labels, xdom, ydom, color="#222", clip=True))
    return chart.properties(title=_title(title, subtitle, width), width=width, height=height).resolve_legend(
        size="independent", color="independent", opacity="independent")


def quadrant_zoom_domain(profile: pd.DataFrame, x: str = "density", y: str = "complexity", share: float = 0.6,
                         max_area: float = 0.35, split: tuple[float, float] | None = None) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """A window around the crossing of the split lines that holds the crowded core of the chart.

    Half-widths: the ``share`` quantile of each technology's distance to the split on that axis,
    plus 15% margin. Returns None when that window is not much smaller than the whole chart
    (its area above ``max_area`` of the full one), i.e. when a zoom would not help. ``split``:
    the split values (default: the profile's ``x_split`` and ``y_split``; ``(0, 0)`` for a
    :func:`summary_quadrant_chart`'s ``x_std`` / ``y_std``).
    """
    df = profile.dropna(subset=[x, y])
    if len(df) < 8:
        return None
    sx, sy = (float(df["x_split"].iloc[0]), float(df["y_split"].iloc[0])) if split is None else (float(split[0]), float(split[1]))
    hx = float((df[x] - sx).abs().quantile(share)) * 1.15
    hy = float((df[y] - sy).abs().quantile(share)) * 1.15
    fx, fy = _domain(df[x], sx), _domain(df[y], sy)
    if hx <= 0 or hy <= 0:
        return None
    xdom = (max(sx - hx, fx[0]), min(sx + hx, fx[1]))
    ydom = (max(sy - hy, fy[0]), min(sy + hy, fy[1]))
    area = (xdom[1] - xdom[0]) * (ydom[1] - ydom[0]) / ((fx[1] - fx[0]) * (fy[1] - fy[0]))
    return (xdom, ydom) if area <= max_area else None


def _rca_legend_values(rca_max: float) -> list[float]:
    steps = [0.5, 1, 2, 3, 5, 10, 20, 50]
    values = [v for v in steps if v <= rca_max]
    return values[-4:] if values else [round(rca_max, 1)]


def summary_quadrant_chart(
    summary: pd.DataFrame,
    title: str,
    x_title: str,
    y_title: str,
    language: str,
    *,
    source_labels: dict[str, str],
    label_top_n: int = 12,
    subtitle: str | list[str] | None = None,
    tooltip_titles: dict[str, str] | None = None,
    domain: tuple[tuple[float, float], tuple[float, float]] | None = None,
    width: int = 560,
    height: int = 460,
) -> alt.LayerChart:
    """All sources in one quadrant chart (seed figure 6).

    ``summary``: :func:`helpers.chapters.technologies.summary_table` (``x_std``, ``y_std``: distance from the
    source's split lines in standard deviations, so the split lines of every source are the axes
    at 0). Shape = source (:data:`SOURCE_SHAPES`, legend ``source_labels``), colour = category,
    size = RCA; quadrant names in the corners; labels on the highest RCAs and the quadrant
    extremes where they fit; tooltips with every value, including the source's own density and
    complexity. ``domain`` ((x0, x1), (y0, y1)) shows only that window (points outside clipped),
    e.g. ``quadrant_zoom_domain(summary, "x_std", "y_std", split=(0, 0))``.
    """
    from helpers.methods.metrics import QUADRANTS

    names = tooltip_titles or {}
    df = summary.dropna(subset=["x_std", "y_std"]).copy().reset_index(drop=True)
    if df.empty:
        raise ValueError("summary_quadrant_chart: no technology has a position")
    df["source_label"] = df["source"].map(lambda s: source_labels.get(s, s))
    df["label"] = df[f"label_{language}"].astype(str)
    df["short"] = df["label"].map(_truncate) + " (" + df["source_label"].str[:3].str.lower() + ")"
    df["category_label"] = df[f"category_{language}"].astype(str)
    df["quadrant_label"] = df[f"quadrant_{language}"].astype(str)
    if domain is None:
        xdom, ydom = _domain(df["x_std"], 0.0), _domain(df["y_std"], 0.0, pad=0.13, pad_high=0.2)
    else:
        xdom, ydom = (float(domain[0][0]), float(domain[0][1])), (float(domain[1][0]), float(domain[1][1]))
    inside = df["x_std"].between(*xdom) & df["y_std"].between(*ydom)
    rca_max = float(df["rca"].max()) if df["rca"].max() > 0 else 1.0
    df["_r"] = _bubble_radius(df["rca"], rca_max)
    cat_labels, cat_colours = category_colours(df)
    sources = [s for s in SOURCE_SHAPES if s in set(df["source"])] + sorted(set(df["source"]) - set(SOURCE_SHAPES))
    xs = alt.Scale(domain=list(xdom), nice=False, zero=False)
    ys = alt.Scale(domain=list(ydom), nice=False, zero=False)
    corner_layers, reserved = _corner_layers({k: v[language] for k, v in QUADRANTS.items()}, xdom, ydom, width, height)
    order = [i for i in _notable(df.assign(label=df["short"]), label_top_n, "x_std", "y_std") if inside[i]]
    labels = place_labels(df[inside], pd.Index(order), x="x_std", y="y_std", text="short", radius="_r", xdom=xdom, ydom=ydom,
                          width=width, height=height, reserved=reserved)
    rules = [
        alt.Chart(pd.DataFrame({"v": [0.0]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(x=alt.X("v:Q", scale=xs)),
        alt.Chart(pd.DataFrame({"v": [0.0]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(y=alt.Y("v:Q", scale=ys)),
    ]
    cols = ["source_label", "label", "category_label", "quadrant_label", "rca", "density", "complexity", "activity", "x_std", "y_std"]
    tooltip = [
        alt.Tooltip("source_label:N", title=names.get("source", "source")),
        alt.Tooltip("label:N", title=names.get("label", "technology")),
        alt.Tooltip("category_label:N", title=names.get("category", "category")),
        alt.Tooltip("quadrant_label:N", title=names.get("quadrant", "quadrant")),
        alt.Tooltip("rca:Q", title="RCA", format=".2f"),
        alt.Tooltip("density:Q", title=names.get("density", "relatedness density"), format=".1f"),
        alt.Tooltip("complexity:Q", title=names.get("complexity", "complexity"), format=".2f"),
        alt.Tooltip("activity:Q", title=names.get("activity", "activity"), format=",.0f"),
        alt.Tooltip("x_std:Q", title=names.get("x_std", "x (sd)"), format=".2f"),
        alt.Tooltip("y_std:Q", title=names.get("y_std", "y (sd)"), format=".2f"),
    ]
    points = alt.Chart(df[cols]).mark_point(filled=True, stroke="#333", strokeWidth=0.7, opacity=0.85, clip=True).encode(
        x=alt.X("x_std:Q", title=x_title, scale=xs),
        y=alt.Y("y_std:Q", title=y_title, scale=ys),
        shape=alt.Shape("source_label:N", title=names.get("source", "source"),
                        scale=alt.Scale(domain=[source_labels.get(s, s) for s in sources], range=[SOURCE_SHAPES.get(s, "diamond") for s in sources]),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        size=alt.Size("rca:Q", title="RCA", scale=alt.Scale(domain=[0, rca_max], range=list(_SIZE_RANGE), zero=True),
                      legend=alt.Legend(format=".1f", orient="bottom", values=_rca_legend_values(rca_max))),
        color=alt.Color("category_label:N", title=names.get("category", "category"), scale=alt.Scale(domain=cat_labels, range=cat_colours),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=330, symbolType="circle")),
        tooltip=tooltip,
    ).add_params(alt.selection_interval(bind="scales"))
    chart = alt.layer(*rules, *corner_layers, points, *_label_layers(labels, xdom, ydom, color="#222", clip=True))
    return chart.properties(title=_title(title, subtitle, width), width=width, height=height).resolve_legend(
        size="independent", color="independent", shape="independent")


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


def quadrant_small_multiples(df: pd.DataFrame, x: str, y: str, facet: str, *, facet_order: list[str], quadrant: str, quadrant_labels: dict[str, str],
                             x_title: str, y_title: str, tooltip: list[Any], title: str = "", columns: int = 3,
                             x_split: str = "x_split", y_split: str = "y_split", size: str | None = None,
                             width: int = 190, height: int = 170) -> alt.FacetChart:
    """One small quadrant chart per ``facet`` value (e.g. country): ``x`` (relatedness density) against
    ``y`` (complexity), points coloured by ``quadrant`` (keys of :data:`QUADRANT_COLOURS`), with each
    panel's own split lines from the ``x_split`` / ``y_split`` columns; same axes in every panel."""
    keys = [k for k in QUADRANT_COLOURS if k in quadrant_labels and k != "none"]
    enc: dict[str, Any] = {
        "x": alt.X(f"{x}:Q", title=x_title, scale=alt.Scale(zero=False)),
        "y": alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(zero=False)),
        "color": alt.Color(f"{quadrant}:N", title=None, scale=alt.Scale(domain=keys, range=[QUADRANT_COLOURS[k] for k in keys]),
                           legend=alt.Legend(orient="bottom", labelExpr=_label_expr(quadrant_labels))),
        "tooltip": tooltip,
    }
    if size:
        enc["size"] = alt.Size(f"{size}:Q", legend=None, scale=alt.Scale(range=[20, 260]))
    points = alt.Chart().mark_circle(opacity=0.85, stroke="#444", strokeWidth=0.5).encode(**enc)
    vrule = alt.Chart().mark_rule(color="#888", strokeDash=[4, 3]).encode(x=alt.X(f"mean({x_split}):Q"))
    hrule = alt.Chart().mark_rule(color="#888", strokeDash=[4, 3]).encode(y=alt.Y(f"mean({y_split}):Q"))
    layered = alt.layer(vrule, hrule, points, data=df).properties(width=width, height=height)
    chart = layered.facet(facet=alt.Facet(f"{facet}:N", sort=facet_order, title=None, header=alt.Header(labelFontSize=13, labelFontWeight="bold")), columns=columns)
    return chart.properties(title=title) if title else chart
