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
import pandas as pd

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
    options = json.dumps({"renderer": "svg", "actions": {"export": True, "source": False, "compiled": False, "editor": False}})
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
