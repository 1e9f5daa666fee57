"""The landing page's executive summary, written from the findings every chapter recorded.

Each chapter notebook ends with "Wat betekent dit voor Vlaanderen?" / "What this means for Flanders":
findings computed from its results (:class:`helpers.chapters.page.Finding`), which
:func:`helpers.book.notebook.findings` also records as ``_findings.json`` beside the page's tables. The
build gathers them per language and writes ``generated/landing.md``, which the landing page
(``book/intro.<language>.md``) includes: the headline findings sorted by theme (strengths,
opportunities, moonshots, ecosystem gaps, agreement with the VARIO report, context), each linking to
its chapter, and the link to the PDF edition. No number is written here: the texts are the chapters'.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from helpers.book.publish import FINDINGS_FILE
from helpers.book.site import LANGUAGE_NAMES
from helpers.chapters.page import THEMES, Finding
from helpers.errors import BuildError

__all__ = ["LANGUAGE_NAMES", "landing_markdown", "read_findings", "write_landing"]

#: the summary's heading per theme, in the order of :data:`helpers.chapters.page.THEMES`
THEME_TITLES = {
    "strength": {"nl": "Sterktes", "en": "Strengths"},
    "opportunity": {"nl": "Kansen", "en": "Opportunities"},
    "moonshot": {"nl": "Moonshots", "en": "Moonshots"},
    "gap": {"nl": "Ecosysteemkloven", "en": "Ecosystem gaps"},
    "agreement": {"nl": "Waar de publieke data en het VARIO-advies overeenkomen of verschillen",
                  "en": "Where the public data and the VARIO report agree or differ"},
    "context": {"nl": "Verder", "en": "Also"},
}
TEXT = {
    "summary": {"nl": "Samenvatting", "en": "Executive summary"},
    "lead": {"nl": "Wat de analyses van dit boek zeggen over Vlaanderen. Elke bevinding is berekend uit de data en "
                   "verwijst naar het hoofdstuk erachter.",
             "en": "What the analyses of this book say about Flanders. Every finding is computed from the data and "
                   "links to the chapter behind it."},
    "none": {"nl": "De hoofdstukken van deze editie leverden geen bevindingen op.",
             "en": "The chapters of this edition gave no findings."},
    "pdf": {"nl": '**Als pdf**: <a class="pdf-edition" href="../{name}">het volledige rapport in één bestand</a>, om af te drukken of te bewaren.',
            "en": '**As PDF**: <a class="pdf-edition" href="../{name}">the whole report in one file</a>, to print or to keep.'},
    "chapter": {"nl": "hoofdstuk", "en": "chapter"},
}


def read_findings(folder: Path) -> list[Finding]:
    """The findings a notebook recorded in ``folder`` (none if it recorded none); a malformed file is one
    :class:`BuildError` naming it."""
    path = folder / FINDINGS_FILE
    if not path.is_file():
        return []
    try:
        return [Finding(str(item["text"]), str(item["theme"]), bool(item["headline"])) for item in json.loads(path.read_text(encoding="utf-8"))]
    except (ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"{path}: not a list of findings ({exc}); rerun the build with --no-cache") from None


def landing_markdown(found: Mapping[str, list[Finding]], language: str, pdf_file: str | None) -> str:
    """The summary in MyST Markdown: the headline findings of the chapters (``found``: notebook entry ->
    findings, in book order) under one heading per theme, each ending with a link to its chapter.

    >>> md = landing_markdown({"notebooks/regions": [Finding("Flanders leads.", "strength", True)]}, "en", "book.pdf")
    >>> "### Strengths" in md and "{doc}`/notebooks/regions`" in md
    True
    """
    lines = [f"## {TEXT['summary'][language]}", "", TEXT["lead"][language], ""]
    by_theme: dict[str, list[str]] = {theme: [] for theme in THEMES}
    for entry, findings in found.items():
        for finding in findings:
            if finding.headline:
                by_theme[finding.theme].append(f"- {finding.text} ({TEXT['chapter'][language]} {{doc}}`/{entry}`)")
    if not any(by_theme.values()):
        lines += [TEXT["none"][language], ""]
    for theme in THEMES:
        if by_theme[theme]:
            lines += [f"### {THEME_TITLES[theme][language]}", "", *by_theme[theme], ""]
    if pdf_file:  # (a build with --no-pdf has none)
        lines += [TEXT["pdf"][language].format(name=pdf_file), ""]
    return "\n".join(lines)


def write_landing(path: Path, found: Mapping[str, list[Finding]], language: str, pdf_file: str | None) -> None:
    """Write :func:`landing_markdown` to ``path`` (``generated/landing.md`` of the staged book)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(landing_markdown(found, language, pdf_file), encoding="utf-8")
