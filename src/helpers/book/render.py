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
import shutil
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from helpers.i18n import D3_LOCALES, book_language, t

if TYPE_CHECKING:  # (Altair is imported where charts are made: the build's own process makes none)
    import altair as alt

BUNDLE_NAME = "vega-bundle.js"

_counter = itertools.count(1)


#: The bundle declares top-level consts (n, t, ...); a function scope keeps them off the page's
#: global scope, where Sphinx's own scripts live. It still sets window.vegaEmbed/vega/vegaLite.
_WRAPPER = ("(function(){\n", "\n})();\n")


def javascript_bundle() -> str:
    """Vega + Vega-Lite + vega-embed as one classic script, wrapped so its top-level names stay private."""
    import vl_convert as vlc

    return _WRAPPER[0] + vlc.javascript_bundle() + _WRAPPER[1]


def write_bundle(static_dir: Path, keep_in: Path | None = None) -> Path:
    """Write the bundle into ``static_dir``; with ``keep_in`` (the build folder) a copy is kept there per
    vl-convert version and wrapper, and reused by the other language and the next build (vl-convert takes
    about a second to bundle it)."""
    import vl_convert as vlc

    static_dir.mkdir(parents=True, exist_ok=True)
    path = static_dir / BUNDLE_NAME
    wrapper = hashlib.sha256("".join(_WRAPPER).encode()).hexdigest()[:8]
    kept = keep_in / f"vega-bundle-{vlc.__version__}-{wrapper}.js" if keep_in is not None else None
    if kept is not None and kept.is_file():
        shutil.copyfile(kept, path)
        return path
    path.write_text(javascript_bundle(), encoding="utf-8")
    if kept is not None:
        tmp = kept.with_name(f".{kept.name}.{os.getpid()}")
        shutil.copyfile(path, tmp)
        os.replace(tmp, kept)  # (whole or absent: a killed build leaves no half-written copy to reuse)
    return path


#: characters of JSON that could end or confuse a ``<script>`` element or an HTML parser, as JSON escapes
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028 and
    U+2029 written as ``\\u003c``-style escapes (the same value for ``JSON.parse``), so no string in
    it (a label ``</script><script>...``) can close the element. Keys sorted, no spaces: deterministic."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.translate(str.maketrans(_SCRIPT_ESCAPES))


#: keys of a Vega-Lite spec that compose several views: such a chart keeps its own width and scrolls sideways in a narrow page
_COMPOSED = ("hconcat", "vconcat", "concat", "facet", "repeat")


def fits_container(spec: dict[str, Any]) -> bool:
    """Whether a chart can take the width of its container: one view (or layers of one view) whose width is a
    number or the default (not a step per category) and whose height is not a fixed number too. A chart drawn
    on a fixed canvas (width and height in pixels: quadrant charts, networks, the decision tree, whose labels are
    placed in pixels) keeps its size, as do composed charts (several views side by side or stacked).

    >>> fits_container({"mark": "bar", "width": 420, "height": {"step": 16}}), fits_container({"mark": "line"})
    (True, True)
    >>> fits_container({"hconcat": []}), fits_container({"width": {"step": 20}}), fits_container({"width": 560, "height": 420})
    (False, False, False)
    """
    if any(key in spec for key in (*_COMPOSED, "spec")):
        return False
    layers = [spec, *spec.get("layer", [])]
    if any(isinstance(layer.get("width"), dict) for layer in layers):
        return False
    return not (isinstance(spec.get("width"), (int, float)) and isinstance(spec.get("height"), (int, float)))


def responsive(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` sized to its container where it can be (:func:`fits_container`): width ``"container"`` and the
    ``fit-x`` autosize, so the plot shrinks to a phone's width and fills the page's column on a desktop; the height
    stays. Other charts are returned as they are (the page lets them scroll sideways in their own box).

    >>> responsive({"mark": "bar", "width": 420})["width"], responsive({"hconcat": []}) == {"hconcat": []}
    ('container', True)
    """
    if not fits_container(spec):
        return spec
    out = {**spec, "width": "container", "autosize": {"type": "fit-x", "contains": "padding"}}
    if "layer" in out:  # the width is the layer's, not each layer's
        out["layer"] = [{k: v for k, v in layer.items() if k != "width"} for layer in out["layer"]]
    if "title" in out:
        out["title"] = wrap_title(out["title"])
    return _narrow_labels(out)


#: the longest line of a chart's title and of its subtitle in a chart that follows its container (about a phone's width)
TITLE_LINE, SUBTITLE_LINE = 38, 52
#: the share of the container's width that the category labels of a chart's y axis may take (the rest is the plot)
LABEL_SHARE = 0.4


def _greedy(words: list[str], width: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _lines(text: str, width: int = TITLE_LINE) -> list[str]:
    """``text`` in as few lines of at most ``width`` characters as it needs, of about equal length, broken at spaces
    (a longer word keeps its own line)."""
    words = text.split()
    fewest = len(_greedy(words, width))
    for target in range(-(-len(text) // max(fewest, 1)), width + 1):  # the shortest line length that needs no more lines
        lines = _greedy(words, target)
        if len(lines) <= fewest:
            return lines
    return _greedy(words, width) or [text]


def wrap_title(title: Any, width: int = TITLE_LINE) -> Any:
    """A chart's title (a string, lines, or a title object with ``text`` and ``subtitle``) with every line longer than
    ``width`` characters (:data:`TITLE_LINE`, :data:`SUBTITLE_LINE` for the subtitle) broken into shorter ones: Vega
    does not wrap titles, and a narrow container cuts them.

    >>> wrap_title("Aandeel van België in de wetenschappelijke artikels van de wereld")
    ['Aandeel van België in', 'de wetenschappelijke', 'artikels van de wereld']
    >>> wrap_title({"text": "Kort", "subtitle": ["a b"]})
    {'text': 'Kort', 'subtitle': ['a b']}
    """
    if isinstance(title, dict):
        widths = {"text": TITLE_LINE, "subtitle": SUBTITLE_LINE}
        return {**title, **{k: wrap_title(title[k], widths[k]) for k in widths if k in title}}
    lines = [title] if isinstance(title, str) else title if isinstance(title, list) else None
    if lines is None or all(len(str(line)) <= width for line in lines):
        return title
    return [part for line in lines for part in _lines(str(line), width)]


def map_encodings(spec: Any, change: Callable[[str, Any], Any]) -> Any:
    """``spec`` with every channel definition of every view (layers and panels included; tooltip lists item by item)
    replaced by ``change(channel name, definition)``; the data are left as they are.

    >>> map_encodings({"layer": [{"encoding": {"x": {"field": "a"}}}]}, lambda name, d: {**d, "title": name})
    {'layer': [{'encoding': {'x': {'field': 'a', 'title': 'x'}}}]}
    """
    if isinstance(spec, list):
        return [map_encodings(v, change) for v in spec]
    if not isinstance(spec, dict):
        return spec
    out = {k: (v if k == "datasets" else map_encodings(v, change)) for k, v in spec.items()}
    if isinstance(out.get("encoding"), dict):
        out["encoding"] = {name: [change(name, d) for d in v] if isinstance(v, list) else change(name, v)
                           for name, v in out["encoding"].items()}
    return out


def _limit(own: dict[str, Any], default: float, expr: str) -> dict[str, Any]:
    """``own`` (an axis or legend) with its ``labelLimit`` (``default`` when unset) capped by the Vega expression ``expr``."""
    limit = own.get("labelLimit", default)
    if not isinstance(limit, (int, float)):
        return own
    return {**own, "labelLimit": {"expr": f"min({limit:g}, {expr})"}}


def _narrow_labels(spec: dict[str, Any]) -> dict[str, Any]:
    """A chart that follows its container, kept readable on a phone: the category labels of its y axis take at most
    :data:`LABEL_SHARE` of the container's width and its legends' labels the width itself (Vega expressions on
    ``containerSize()``, never more than the chart's own limits; a cut label ends in an ellipsis, the tooltip gives it
    whole), and a quantitative x axis has a tick per 60 pixels with overlapping labels dropped."""
    def channel(name: str, definition: Any) -> Any:
        if not isinstance(definition, dict):
            return definition
        kind = definition.get("type")
        if name == "y" and kind in ("nominal", "ordinal") and definition.get("axis", {}) is not None:
            return {**definition, "axis": _limit(definition.get("axis") or {}, 180, f"max(60, containerSize()[0] * {LABEL_SHARE})")}
        if name == "x" and kind == "quantitative" and definition.get("axis", {}) is not None:
            own = definition.get("axis") or {}
            return {**definition, "axis": {"tickCount": {"expr": "max(2, ceil(width / 60))"}, "labelOverlap": True, "labelSeparation": 8, **own}}
        if name in ("color", "fill", "shape", "size", "opacity") and isinstance(definition.get("legend"), dict):
            return {**definition, "legend": _limit(definition["legend"], 160, "max(80, containerSize()[0] - 50)")}
        return definition

    return map_encodings(spec, channel)


#: the number format of tooltips and text marks in the book (``_static/charts.js`` registers it with vega-embed): the
#: value in the book's number format, a missing value as a blank (Vega-Lite writes "null" or 0 otherwise)
FORMAT_TYPE = "bookFormat"


def blank_missing(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with every tooltip and text mark showing a missing value as a blank, never ``null``: quantitative
    fields through :data:`FORMAT_TYPE` (their format kept), ``None`` written as ``""`` in the data of nominal ones.

    >>> out = blank_missing({"datasets": {"d": [{"a": None, "b": None}]}, "encoding": {"tooltip": [
    ...     {"field": "a", "type": "nominal"}, {"field": "b", "type": "quantitative", "format": ".2f"}]}})
    >>> out["datasets"]["d"], out["encoding"]["tooltip"][1]["formatType"], out["config"]["customFormatTypes"]
    ([{'a': '', 'b': None}], 'bookFormat', True)
    """
    blank: set[str] = set()

    def shown(definition: Any) -> Any:
        if not isinstance(definition, dict) or not isinstance(definition.get("field"), str):
            return definition
        if definition.get("type") == "quantitative":
            return {**definition, "formatType": FORMAT_TYPE}
        if definition.get("type") in ("nominal", "ordinal"):
            blank.add(definition["field"])
        return definition

    out = map_encodings(spec, lambda name, d: shown(d) if name in ("tooltip", "text") else d)
    if blank and isinstance(out.get("datasets"), dict):
        out["datasets"] = {name: [{k: ("" if v is None and k in blank else v) for k, v in row.items()} if isinstance(row, dict) else row
                                  for row in rows] for name, rows in out["datasets"].items()}
    out["config"] = {**out.get("config", {}), "customFormatTypes": True}
    return out


#: vega-embed's words of the chart menu (``i18n`` option) -> label of :mod:`helpers.i18n.labels.common`
_MENU_LABELS = {"CLICK_TO_VIEW_ACTIONS": "chart_menu", "SVG_ACTION": "chart_save_svg", "PNG_ACTION": "chart_save_png",
                "SOURCE_ACTION": "chart_view_source", "COMPILED_ACTION": "chart_view_compiled", "EDITOR_ACTION": "chart_open_editor"}


def embed_options(language: str) -> dict[str, Any]:
    """vega-embed's options for the book in ``language``: SVG, the CSP-safe expression interpreter, only the export
    actions, and the chart menu and number format in the book's language."""
    # ast: Vega's expression interpreter instead of code generation (new Function), allowed without 'unsafe-eval'
    embed: dict[str, Any] = {"renderer": "svg", "ast": True,
                             "actions": {"export": True, "source": False, "compiled": False, "editor": False},
                             "i18n": {key: t(label, language) for key, label in _MENU_LABELS.items()}}
    locale = D3_LOCALES.get(language)
    if locale:
        embed["formatLocale"] = locale
    return embed


def embed_html(spec: dict[str, Any]) -> str:
    """HTML for one chart: a container and, in a ``<script type="application/json" class="vega-spec">``
    block, the spec (sized to its container where it can be, :func:`responsive`) and the embed options;
    ``_static/charts.js`` embeds it once vegaEmbed exists. The container's ``data-size`` says how it is sized:
    ``fit`` (the chart's width follows the container) or ``scroll`` (its own width, scrolling sideways in its box
    when the page is narrower).

    The container id is derived from the spec (plus a per-kernel counter for repeated charts), so
    the same notebook gives the same HTML on every run.
    """
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    div = f"vg-{digest}-{next(_counter)}"
    fit = fits_container(spec)
    data = script_json({"spec": blank_missing(responsive(spec)), "options": embed_options(book_language())})
    return (f'<div class="vega-chart" data-size="{"fit" if fit else "scroll"}" id="{div}"></div>\n'
            f'<script type="application/json" class="vega-spec" data-chart="{div}">{data}</script>')


def _book_renderer(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    return {"text/html": embed_html(spec)}


def offline() -> bool:
    """True in a notebook run by ``helpers build``: charts go through the book's offline renderer."""
    return os.environ.get("HELPERS_BOOK_BUILD") == "1"


def chart_output(chart: alt.TopLevelMixin) -> dict[str, str]:
    """The output of one chart in a notebook run by the build: what Altair's display gives with the book's
    renderer, without Altair's JSON-schema validation of the spec (a tenth of a build's notebook time). A spec
    that Vega cannot draw still stops the build: the PDF step waits for every chart to render in Chromium, and
    the chart tests validate the specs."""
    return {"text/html": embed_html(chart.to_dict(validate=False, context={"pre_transform": False})), "text/plain": repr(chart)}


def setup() -> None:
    """Enable the book theme, and the offline renderer when run by ``helpers build``; chart numbers start
    again at 1 (a page's charts are numbered the same whichever pages its kernel ran before)."""
    global _counter
    _counter = itertools.count(1)
    from helpers.charts.style import enable_theme

    enable_theme()
    if offline():
        import altair as alt

        alt.renderers.register("book", _book_renderer)
        alt.renderers.enable("book")
