"""The Dutch book speaks Dutch: no English word, no label key or machine name, no True/False/nan on any page.

Scans every page of the built Dutch book (``book.html``): the text a reader sees (scripts, styles, code cells,
code blocks and math left out), the cells of every table and, in each chart's Vega-Lite spec, the titles,
subtitles, axis, legend and tooltip titles, the chart menu and the data values a reader sees (tooltips, text
marks, category axes and legends). It fails on

* a word from :data:`ENGLISH`: words that cannot be Dutch (Dutch false friends such as "of", "at", "is", "was",
  "plan", "rank", "code", "data" are left out of the list);
* a label key or machine name (``tech_col_x``, ``value_added``, ``focus_region``: :data:`KEY`), in the text or in
  inline code, except on the annexes that document the data's files and columns (:data:`KEY_PAGES`);
* ``True``, ``False``, ``nan``, ``NaN``, ``None`` or ``<NA>`` anywhere a reader looks;
* a number in a table cell written the English way (``0.59``, ``1.0``).

Not English text: names of programmes, reports, data sets and licences (:data:`PROPER_NAMES`), the table
columns and chart fields that quote a source in its own language (:data:`ORIGINAL_LANGUAGE`), a source's own
words between quotation marks (“Other Europe”), any element marked with another ``lang`` (or the class
``lang-en``), and code (inline code is checked for machine names only; file names and identifiers are
not words).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import Book

#: Words that are English and not Dutch (checked against Dutch false friends: no "of", "at", "is", "was", "been", "have",
#: "plan", "paper", "rank", "rating", "code", "data", "download", "patent", "per", "over", "most", "as", "an", "no", "it").
ENGLISH = frozenset("""
the and with from for this that these those which between than also only each every when where what how why not are were
has does would should could will into about before under other their they there its more all by to on or can new
patents publications publication region regions field fields share shares strength strengths strong weak year years
country countries value values growth source sources missing total number world technology technologies investment
investments funding programme programmes program flagged flags usable none yes true false left threshold agreement
specialisation specialization relatedness density complexity policy strategy strategies vision assessment show hide cell
contents flanders belgium germany netherlands sweden denmark france austria ireland bavaria europe european research
development science sciences engineering optimal priority priorities low high risk domain domains category categories
chart table page figure click save view mean median average above below stated computed published rows row column columns runs
""".split())

#: Names (programmes, reports, data sets, institutions) that keep their own wording in a Dutch text.
PROPER_NAMES = (
    "Contracts for Difference", "Science and Engineering Indicators", "SCImago Journal & Country Rank", "Harvard Growth Lab",
    "High-Tech Strategy", "High-Tech Agenda", "Hightech Agenda", "Industrial Strategy", "Competitiveness Compass", "Flanders Make",
    "Web of Science", "Open Access", "Growth Lab", "CC BY",
    # Eurostat data sets, cited by their codes
    "rd_e_gerdreg", "rd_e_berdindr2", "rd_p_persreg", "nama_10_a64_e", "nama_10_a64",
)

#: Table columns (machine names: the ``data-columns`` of a table's head) and chart fields that quote a source in its own language,
#: or list names as their source writes them (regions, companies, strategies).
ORIGINAL_LANGUAGE = frozenset({"quote", "priorities", "item_label", "name", "strategy_name", "organisation", "strategies",
                               "top_regions", "bottom_regions"})

#: Columns of those pages that hold what one types to rebuild the book: parameter names and values, adapters, files.
REPRODUCTION_COLUMNS = frozenset({"parameter", "value", "adapter", "file", "path", "package"})

#: Pages that document the data's files and columns or how to rebuild the book: machine names are their subject.
KEY_PAGES = ("generated/edition", "generated/data_dictionary", "generated/taxonomy", "book/annex_data", "book/annex_methods")

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: identifiers and file names (``patents_country_wipo35.csv``, ``helpers.data.regions``): not words of a text
IDENTIFIER = re.compile(r"[\w./-]*(?:_|\.csv|\.py|\.ya?ml|\.json|/)[\w./-]*")
KEY = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
RAW_VALUE = re.compile(r"(?<![\w<-])(True|False|nan|NaN|None)(?![\w-])|<NA>")
ENGLISH_NUMBER = re.compile(r"^[+\-\u2212]?\d+\.(\d{1,2}|\d{4,})%?$")
SKIP_TAGS = {"script", "style", "noscript", "pre", "template", "code"}
SKIP_CLASSES = {"cell_input", "math", "MathJax", "highlight"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return " ".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find(self, tag: str) -> Iterator[Node]:
        for c in self.children:
            if isinstance(c, Node):
                if c.tag == tag:
                    yield c
                yield from c.find(tag)


class _Tree(HTMLParser):
    """A page as a tree of :class:`Node` (enough of HTML for the built book)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    return tree.root


def _skipped(node: Node) -> bool:
    """Code, math, and text marked as another language (``lang="en"``, or the class ``lang-en`` of the annexes' Markdown)."""
    classes = set(node.attrs.get("class", "").split())
    lang = node.attrs.get("lang", "nl")
    other = any(c.startswith("lang-") and c != "lang-nl" for c in classes)
    return node.tag in SKIP_TAGS or bool(classes & SKIP_CLASSES) or other or (node.tag != "html" and not lang.startswith("nl"))


def visible_texts(node: Node) -> Iterator[str]:
    """The texts a reader sees outside tables and code, one block at a time (tables are checked cell by cell)."""
    for child in node.children:
        if isinstance(child, str):
            if child.strip():
                yield child
        elif not _skipped(child) and child.tag != "table":
            yield from visible_texts(child)


def shown_text(node: Node) -> str:
    """The text of ``node`` a reader sees (code, math and other languages left out)."""
    return " ".join(c if isinstance(c, str) else shown_text(c) for c in node.children if isinstance(c, str) or not _skipped(c))


def inline_code(node: Node) -> Iterator[str]:
    """The inline code a reader sees (outside code cells and code blocks)."""
    for child in node.children:
        if isinstance(child, Node) and child.tag == "code":
            yield child.text()
        elif isinstance(child, Node) and (not _skipped(child) or child.tag == "table"):
            yield from inline_code(child)


def table_cells(root: Node) -> Iterator[tuple[str, str, bool]]:
    """(column machine name, cell text, numeric) of every table cell a reader sees, headers and captions as column ``""``."""
    for table in root.find("table"):
        heads = [str(c) for head in table.find("thead") for c in json.loads(head.attrs.get("data-columns") or "[]")]
        for cap in table.find("caption"):
            yield "", shown_text(cap), False
        for th in table.find("th"):
            yield "", shown_text(th), False
        for tr in table.find("tr"):
            cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")]
            for i, cell in enumerate(cells):
                if cell.tag == "td" and not _skipped(cell):
                    yield (heads[i] if i < len(heads) else ""), shown_text(cell), "num" in cell.attrs.get("class", "").split()


#: a source's own words, quoted: “...” or „...”
QUOTED = re.compile(r"[“„][^”“„]*”")


def without_names(text: str) -> str:
    """``text`` without the names of :data:`PROPER_NAMES` and without quoted words."""
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    return QUOTED.sub(" ", text)


def english_words(text: str) -> list[str]:
    words = WORD.findall(IDENTIFIER.sub(" ", without_names(text)))
    return sorted({w for w in words if w.lower().strip("'’-") in ENGLISH})


# --------------------------------------------------------------------------------------------
# charts


def _titles(value: object) -> list[str]:
    """The strings of a Vega-Lite title (a string, a list of lines or a title object with ``text`` and ``subtitle``)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    if isinstance(value, dict):
        return _titles(value.get("text")) + _titles(value.get("subtitle"))
    return []


def chart_texts(spec: dict) -> tuple[list[tuple[str, str]], set[str]]:
    """(where, text) of every title, axis, legend, header and tooltip title and literal text of ``spec``, and the data
    fields whose values a reader sees (tooltips, text marks, category axes and legends without a label mapping)."""
    texts: list[tuple[str, str]] = []
    shown: set[str] = set()

    def channel(name: str, definition: dict) -> None:
        for t in _titles(definition.get("title")):
            texts.append((f"{name} title", t))
        for part in ("axis", "legend", "header"):
            sub = definition.get(part)
            if isinstance(sub, dict):
                texts.extend((f"{name} {part}", t) for t in _titles(sub.get("title")))
        fieldname = definition.get("field")
        if not isinstance(fieldname, str) or definition.get("aggregate"):
            return
        mapped = any(isinstance(definition.get(p), dict) and "labelExpr" in definition[p] for p in ("axis", "legend", "header"))
        hidden = any(p in definition and definition[p] is None for p in ("axis", "legend"))
        if name in ("tooltip", "text") or (definition.get("type") in ("nominal", "ordinal") and not mapped and not hidden
                                           and name in ("x", "y", "color", "shape", "row", "column", "facet", "fill")):
            shown.add(fieldname)

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "datasets":
                    continue
                if key == "title":
                    texts.extend(("title", t) for t in _titles(value))
                elif key == "encoding" and isinstance(value, dict):
                    for name, definition in value.items():
                        for d in definition if isinstance(definition, list) else [definition]:
                            if isinstance(d, dict):
                                channel(name, d)
                                if isinstance(d.get("condition"), dict):
                                    channel(name, d["condition"])
                elif key == "mark" and isinstance(value, dict) and isinstance(value.get("text"), str):
                    texts.append(("text mark", value["text"]))
                elif key == "labelExpr" and isinstance(value, str):
                    texts.extend(("label", v) for v in re.findall(r':\s*"((?:[^"\\]|\\.)*)"', value))
                walk(value)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return texts, shown


# --------------------------------------------------------------------------------------------
# the scan


def dutch_pages(book: Book) -> list[Path]:
    return sorted(p for p in book.html.rglob("*.html") if "_static" not in p.parts and p.name not in ("genindex.html", "search.html"))


def page_problems(path: Path, root: Path) -> list[str]:
    """Everything on one page of the Dutch book that is not Dutch (or is a machine value), one line each."""
    rel = path.relative_to(root).with_suffix("").as_posix()
    keys_allowed = rel.startswith(KEY_PAGES)
    html = path.read_text(encoding="utf-8")
    tree = parse(html)
    out: list[str] = []

    def check(where: str, text: str, *, words: bool = True) -> None:
        english = english_words(text) if words else []
        if english:
            out.append(f"{where}: English {english}: {text.strip()[:120]!r}")
        if words and not keys_allowed and KEY.search(without_names(text)):
            out.append(f"{where}: label key or machine name {KEY.findall(text)[:3]}: {text.strip()[:120]!r}")
        if RAW_VALUE.search(text):
            out.append(f"{where}: raw value {RAW_VALUE.search(text).group(0)!r}: {text.strip()[:120]!r}")

    for text in visible_texts(tree):
        check("text", text)
    for code in inline_code(tree):
        if not keys_allowed and KEY.search(without_names(code)):
            out.append(f"inline code: label key or machine name {KEY.findall(code)[:3]}: {code.strip()[:120]!r}")
    for column, text, numeric in table_cells(tree):
        if keys_allowed and column in REPRODUCTION_COLUMNS:
            continue
        check(f"table column {column or 'header'}", text, words=column not in ORIGINAL_LANGUAGE)
        if numeric and ENGLISH_NUMBER.match(text.strip()):
            out.append(f"table column {column}: English number {text.strip()!r}")
    for block in re.findall(r'<script type="application/json" class="vega-spec"[^>]*>(.*?)</script>', html, re.S):
        payload = json.loads(block)
        spec, options = payload["spec"], payload["options"]
        menu = options.get("i18n", {})
        if menu.get("SVG_ACTION", "Save as SVG") == "Save as SVG":
            out.append("chart menu: vega-embed's English words (no i18n option in Dutch)")
        texts, shown = chart_texts(spec)
        for where, text in texts:
            check(f"chart {where}", text)
        for rows in spec.get("datasets", {}).values():
            for name in shown - ORIGINAL_LANGUAGE:
                values = {r.get(name) for r in rows if name in r}
                for value in sorted((v for v in values if isinstance(v, str)), key=str)[:50]:
                    check(f"chart field {name}", value)
                if any(isinstance(v, bool) for v in values):
                    out.append(f"chart field {name}: true/false shown to readers")
    return sorted(set(out))


@pytest.fixture(scope="module")
def problems(book: Book) -> dict[str, list[str]]:
    return {p.relative_to(book.html).as_posix(): page_problems(p, book.html) for p in dutch_pages(book)}


def test_the_scan_sees_the_pages(book: Book, problems: dict[str, list[str]]):
    assert len(problems) >= 15, sorted(problems)
    assert any(p.startswith("notebooks/") for p in problems), "the chapters are scanned"


def test_the_scan_finds_english(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text('<html lang="nl"><body><p>De sterkte van de regio</p><p>Strength of the region</p>'
                    '<table><thead data-columns="[&quot;domain_id&quot;, &quot;quote&quot;]"><tr><th>id</th><th>citaat</th></tr></thead>'
                    '<tbody><tr><td class="txt">value_added</td><td class="txt">the quote</td></tr>'
                    '<tr><td class="num">0.59</td><td class="txt">True</td></tr></tbody></table>'
                    '<pre>for x in the list</pre><span lang="en">the English title</span><span class="lang-en">the title</span>'
                    '<p>de bron noemt het “Other Europe”</p></body></html>', encoding="utf-8")
    found = "\n".join(page_problems(page, tmp_path))
    assert "English ['Strength', 'of', 'region', 'the']" not in found  # "of" is Dutch ("or"): not in the list
    assert "English ['Strength', 'region', 'the']" in found
    assert "value_added" in found and "English number '0.59'" in found and "raw value 'True'" in found
    assert "the quote" not in found and "the list" not in found and "English title" not in found and "the title" not in found
    assert "Other Europe" not in found


@pytest.mark.parametrize("part", ["notebooks/", "book/", "generated/", "index"])
def test_dutch_book_has_no_english(problems: dict[str, list[str]], part: str):
    found = {page: lines for page, lines in problems.items() if page.startswith(part) and lines}
    report = "\n".join(f"{page}:\n  " + "\n  ".join(lines[:25]) + (f"\n  ... {len(lines) - 25} more" if len(lines) > 25 else "")
                       for page, lines in found.items())
    assert not found, f"English, machine names or raw values in the Dutch book:\n{report}"
