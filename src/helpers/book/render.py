"""Offline rendering of charts in the built book.

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

from helpers.charts.style import enable_theme
from helpers.i18n import D3_LOCALES, book_language

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



def setup() -> None:
    """Enable the book theme, and the offline renderer when run by ``helpers build``."""
    enable_theme()
    if os.environ.get("HELPERS_BOOK_BUILD") == "1":
        alt.renderers.register("book", _book_renderer)
        alt.renderers.enable("book")
