"""Offline rendering of charts in the built book.

Altair's default HTML loads vega, vega-lite and vega-embed from a CDN when a page is viewed. The
book instead ships one JavaScript bundle (from the ``vl-convert-python`` wheel, so it matches the
installed Vega-Lite) in ``_static/``. Each chart's output is a ``<div>`` plus its spec and embed
options in a non-executable ``<script type="application/json">`` block; ``_static/charts.js``
(``book/_static/charts.js``) finds the blocks and calls ``window.vegaEmbed`` with Vega's CSP-safe
expression interpreter (``ast: true``). No inline script runs, so the book's Content-Security-Policy
(:mod:`helpers.book.sphinx_ext`) forbids inline scripts and ``eval``, and the JSON is escaped
(:func:`script_json`) so that no label can close the block. No network is needed to build or view.

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


#: characters of JSON that could end or confuse a ``<script>`` element or an HTML parser, as JSON escapes
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028 and
    U+2029 written as ``\\u003c``-style escapes (the same value for ``JSON.parse``), so no string in
    it (a label ``</script><script>...``) can close the element. Keys sorted, no spaces: deterministic."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.translate(str.maketrans(_SCRIPT_ESCAPES))


def embed_html(spec: dict[str, Any]) -> str:
    """HTML for one chart: a container and, in a ``<script type="application/json" class="vega-spec">``
    block, the spec and the embed options; ``_static/charts.js`` embeds it once vegaEmbed exists.

    The container id is derived from the spec (plus a per-kernel counter for repeated charts), so
    the same notebook gives the same HTML on every run.
    """
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    div = f"vg-{digest}-{next(_counter)}"
    # ast: Vega's expression interpreter instead of code generation (new Function), allowed without 'unsafe-eval'
    embed: dict[str, Any] = {"renderer": "svg", "ast": True,
                             "actions": {"export": True, "source": False, "compiled": False, "editor": False}}
    locale = D3_LOCALES.get(book_language())
    if locale:
        embed["formatLocale"] = locale
    data = script_json({"spec": spec, "options": embed})
    return (f'<div class="vega-chart" id="{div}"></div>\n'
            f'<script type="application/json" class="vega-spec" data-chart="{div}">{data}</script>')


def _book_renderer(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    return {"text/html": embed_html(spec)}



def setup() -> None:
    """Enable the book theme, and the offline renderer when run by ``helpers build``."""
    enable_theme()
    if os.environ.get("HELPERS_BOOK_BUILD") == "1":
        alt.renderers.register("book", _book_renderer)
        alt.renderers.enable("book")
