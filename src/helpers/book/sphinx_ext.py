"""A small Sphinx extension for the book (enabled in ``_config.yml``).

Jupyter Book 1 always loads ``sphinx_thebe``, which adds its configuration script twice on every
page (the second copy throws "Identifier 'THEBE_JS_URL' has already been declared") and points at
a CDN for live code. The book has no live code, so both thebe scripts are dropped from each page,
and any other script included twice is kept once. Numbers glued into the text are written with the
separators of the book's language (Dutch: 61.648,5).
"""

from __future__ import annotations

from typing import Any


def _drop_thebe_and_duplicates(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[str, str]] = set()
    kept = []
    for script in scripts:
        filename = str(getattr(script, "filename", script) or "")
        body = str(getattr(script, "attributes", {}).get("body", ""))
        if "THEBE_JS_URL" in body or filename.endswith("sphinx-thebe.js"):
            continue
        key = (filename, body)
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    context["script_files"] = kept


def _localise_glued_numbers(app: Any, doctree: Any, docname: str) -> None:
    """Numbers glued into the text (myst-nb ``pasted-text``) in the book's language: Dutch 61.648,5."""
    from docutils import nodes

    from helpers.i18n import localise_number

    language = app.config.language or "en"
    for node in list(doctree.findall(nodes.inline)):
        if "pasted-text" in node.get("classes", []) and len(node.children) == 1 and isinstance(node.children[0], nodes.Text):
            text = node.astext()
            new = localise_number(text, language)
            if new != text:
                node.children[0] = nodes.Text(new)


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _drop_thebe_and_duplicates, priority=900)
    app.connect("doctree-resolved", _localise_glued_numbers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
