"""Stored script injection: data values reach the page as text, never as markup or script.

The project data (``data/*.csv``: technology, category, domain, priority and budget labels) and the raw
data folder (a Crunchbase category, a country name) get script payloads; the book is built from a
copy of the repository with that data (``data/`` belongs to the project, so the copy is the only way
to change it without touching the clone) and every page is loaded in headless chromium from
127.0.0.1: no dialog may open, no page may throw, charts still render, and each payload must appear
on some page as literal text. Every page carries the book's Content-Security-Policy. That build and its
browser pass are marked slow (``make test-all`` and CI run them); the unit tests of the escaping helpers are not.

Unit tests of the escaping helpers run without a build.
"""

from __future__ import annotations

import csv
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, raw_data_or_skip
from test_browser import QuietHandler, browser  # noqa: F401 (the shared headless-chromium fixture)

P1 = "<script>alert(1)</script>"
P2 = "</script><script>alert(2)</script>"
P3 = "<img src=x onerror=alert(3)>"
P4 = "javascript:alert(4)"
PAYLOADS = (P1, P2, P3, P4)


# --------------------------------------------------------------------------------------------
# unit tests (no build)

def test_script_json_cannot_close_its_script_element():
    from helpers.book.render import embed_html, script_json

    value = {"label": P2 + " & \u2028\u2029 <!-- -->"}
    text = script_json(value)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == value
    html = embed_html({"title": P2, "data": {"values": [{"a": P1}]}})
    assert "</script><script>" not in html and "<script>alert" not in html
    assert "<script>" not in html, "no inline executable script: the charts are embedded by _static/charts.js"


def test_md_text_escapes_markup_and_keeps_text():
    from markdown_it import MarkdownIt

    from helpers.i18n import md_text

    md = MarkdownIt("commonmark")
    for value in (*PAYLOADS, "**bold** _x_ [a](javascript:alert(5)) `code` $x$ {role}`y` | # ~ \\ &amp;", "a\n\n<div>b</div>"):
        html = md.render("Text " + md_text(value) + " end.")
        assert "<script" not in html and "<img" not in html and "<a " not in html and "<strong" not in html and "<em" not in html
        assert "<code" not in html and "<div" not in html
        plain = md.render("Text " + md_text(value) + " end.").removeprefix("<p>").removesuffix("</p>\n")
        import html as html_lib

        assert html_lib.unescape(plain) == "Text " + " ".join(value.split()) + " end."


def test_md_names_joins_escaped_names():
    from helpers.i18n import md_names

    assert md_names([P3, "b_c", "R&D"], "en") == "\\<img src=x onerror=alert(3)\\>, b\\_c and R&D"
    assert md_names([], "nl") == "—"


def test_published_tables_escape_cells():
    import pandas as pd

    from helpers.book.publish import table_html

    html = table_html(pd.DataFrame({P1: [P3], "b": [P2]}), caption=P4, labels={"b": P2})
    for payload in (P1, P2, P3):
        assert payload not in html


def test_policy_allows_only_the_themes_inline_scripts():
    """Inline scripts and handlers are hashed only outside the page's content; the content's own are reported."""
    import base64
    import hashlib

    from helpers.book.sphinx_ext import page_policy

    sha = lambda text: "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"  # noqa: E731
    page = ('<html><head><meta charset="utf-8" /><script>var theme=1;</script><script src="_static/x.js"></script></head><body>'
            '<button onclick="go()">x</button><!--M--><script>alert(1)</script><img src=x onerror="alert(3)">'
            '<script type="application/json" class="vega-spec">{}</script><!--/M--></body></html>')
    out, policy, blocked = page_policy(page, "M")
    script_src = policy.split("script-src ", 1)[1].split(";")[0]
    assert sha("var theme=1;") in script_src and sha("go()") in script_src and "'unsafe-hashes'" in script_src
    assert sha("alert(1)") not in script_src and sha("alert(3)") not in script_src and "'unsafe-inline'" not in script_src
    assert blocked == ["<script>alert(1)</script>"] and "<!--M-->" not in out and "<!--/M-->" not in out


def test_taxonomy_annex_escapes_labels(tmp_path):
    """The annex from a copy of data/ with payloads in labels, rendered by markdown-it: text, no markup."""
    import html as html_lib

    from markdown_it import MarkdownIt

    from helpers.book.annexes import taxonomy_markdown

    shutil.copytree(ROOT / "data", tmp_path / "data")
    _poison_project_data(tmp_path / "data")
    page = MarkdownIt("commonmark").enable("table").render(taxonomy_markdown(tmp_path / "data"))
    assert "<script" not in page and "<img" not in page and "<a " not in page
    text = html_lib.unescape(page)
    for payload in PAYLOADS:
        assert payload in text, payload


# --------------------------------------------------------------------------------------------
# the build with payloads

def _edit_csv(path: Path, changes: dict[tuple[str, str], str], key: str) -> None:
    """Set ``changes[(row key, column)]`` in the CSV at ``path`` (rows found by their ``key`` column)."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    done = set()
    for row in rows:
        for (row_key, column), value in changes.items():
            if row[key] == row_key:
                row[column] = value
                done.add((row_key, column))
    assert done == set(changes), f"{path}: rows not found: {set(changes) - done}"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _copy_repository(target: Path) -> None:
    """The working tree's files that git knows or would add (tracked and untracked, not ignored)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _poison_project_data(data: Path) -> None:
    _edit_csv(data / "technologies.csv", {
        ("artificial_intelligence", "label_nl"): P1, ("artificial_intelligence", "label_en"): P1,
        ("quantum_computing", "label_nl"): P2, ("quantum_computing", "label_en"): P2,
        ("advanced_materials", "label_nl"): P3, ("advanced_materials", "label_en"): P3,
        ("advanced_manufacturing", "label_nl"): P4, ("advanced_manufacturing", "label_en"): P4,
    }, "tech_id")
    _edit_csv(data / "technology_categories.csv", {("digital_ai", "label_nl"): P3, ("digital_ai", "label_en"): P3,
                                                   ("life_sciences_biotech", "label_nl"): P2}, "category_id")
    _edit_csv(data / "domains.csv", {("pharma", "domain_nl"): P2, ("pharma", "domain_en"): P2,
                                     ("it_programming", "domain_nl"): P1}, "domain_id")
    priorities = list(csv.DictReader(open(data / "policy" / "priorities.csv", newline="", encoding="utf-8")))
    _edit_csv(data / "policy" / "priorities.csv", {(priorities[0]["item_id"], "item_label"): P3,
                                                   (priorities[0]["item_id"], "item_label_en"): P3}, "item_id")
    budgets = list(csv.DictReader(open(data / "policy" / "budgets.csv", newline="", encoding="utf-8")))
    _edit_csv(data / "policy" / "budgets.csv", {(b["budget_id"], "programme"): P2 for b in budgets[:1]} |
              {(b["budget_id"], "programme_en"): P2 for b in budgets[:1]}, "budget_id")
    strategies = list(csv.DictReader(open(data / "policy" / "strategies.csv", newline="", encoding="utf-8")))
    _edit_csv(data / "policy" / "strategies.csv", {(strategies[0]["strategy_id"], "name"): P1}, "strategy_id")
    # the Crunchbase categories renamed in the raw data (below) keep their place in the taxonomy
    text = (data / "technology_coarse_map.csv").read_text(encoding="utf-8")
    for old, new in CRUNCHBASE.items():
        assert f",crunchbase_2013_category,{old}," in text, old
        text = text.replace(f",crunchbase_2013_category,{old},", f",crunchbase_2013_category,{new},")
    (data / "technology_coarse_map.csv").write_text(text, encoding="utf-8")


#: Crunchbase 2013 categories renamed to payloads: for California (US-CA) the investments findings name the first three
#: in the optimal, moonshot and low-risk quadrants and the fourth as the strongest specialisation
CRUNCHBASE = {"semiconductor": P3, "security": P1, "manufacturing": P2, "automotive": P4}


def _poison_raw_data(raw: Path) -> None:
    """Crunchbase categories (they name the investments page's fields) and a country name of the patents file."""
    for name in ("crunchbase-companies.csv", "crunchbase-rounds.csv"):
        path = raw / "crunchbase_2013" / name
        data = path.read_bytes()
        for old, new in CRUNCHBASE.items():
            assert f",{old},".encode() in data, (name, old)
            data = data.replace(f",{old},".encode(), f",{new},".encode())
        path.write_bytes(data)
    # a country name (the book shows ISO 3166 names from pycountry, its own names of former countries such as SUN, and the
    # file's names only for other codes; no page of this edition lists SUN): read and carried through without harm
    path = raw / "patents_country_wipo35.csv"
    text = path.read_text(encoding="utf-8")
    assert ",SUN,Soviet Union," in text
    path.write_text(text.replace(",SUN,Soviet Union,", f",SUN,{P3} Soviet Union,"), encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book built from a copy of the repository with payloads in its project data and raw data folder."""
    raw_source = raw_data_or_skip()
    tmp = tmp_path_factory.mktemp("security")
    repo, raw = tmp / "repo", tmp / "raw"
    _copy_repository(repo)
    shutil.copytree(raw_source, raw)
    _poison_project_data(repo / "data")
    _poison_raw_data(raw)
    env = dict(os.environ, PYTHONPATH=str(repo / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = tmp / "html"
    # US-CA: the investments page has data (the 2013 Crunchbase export is US only), so its findings name categories
    result = subprocess.run([sys.executable, "-m", "helpers.cli", "build", "--build-dir", str(tmp / "build"), "--out", str(out),
                             # no resampling: the stability of the placements is not what this build checks
                             "--set", f"data_dir={raw}", "--set", "focus_region=US-CA", "--set", "robustness.runs=0",
                             "--set", "languages=[nl]", "--no-cache", "--no-pdf"],  # (the pages are checked, not the PDF)
                            cwd=repo, env=env, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return out / "nl"  # (one language: the pages of both are written by the same code)


@pytest.fixture(scope="module")
def server(poisoned_book: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(poisoned_book)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


#: the page's visible text: text nodes outside script, style and template elements (SVG text of the charts included)
_VISIBLE_TEXT = """() => {
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT, {acceptNode(node) {
    const p = node.parentElement && node.parentElement.closest('script,style,template,noscript');
    return p ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }});
  const parts = []; let n; while ((n = walker.nextNode())) parts.push(n.nodeValue);
  return parts.join(' ');
}"""


def _pages(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.html") if not p.relative_to(root).parts[0].startswith("_"))


@pytest.mark.slow  # a second build of the book (one language) and a browser pass over it: `make test-all` and CI
def test_payloads_stay_text_in_every_page(poisoned_book: Path, server: str, browser):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    pages = _pages(poisoned_book)
    assert len(pages) > 15, pages
    seen: dict[str, list[str]] = {p: [] for p in PAYLOADS}
    problems: list[str] = []
    for page_path in pages:
        page = browser.new_page()
        dialogs: list[str] = []
        errors: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{server}/{page_path}", wait_until="load")
        charts = page.locator("div.vega-chart")
        for i in range(charts.count()):
            try:
                charts.nth(i).locator("svg.marks, canvas").first.wait_for(state="attached", timeout=20_000)
            except PlaywrightTimeout:
                problems.append(f"{page_path}: chart {i + 1} of {charts.count()} not rendered")
        page.wait_for_timeout(200)  # onerror of a broken <img> fires after load
        text = " ".join(page.evaluate(_VISIBLE_TEXT).split())
        for payload in PAYLOADS:
            if payload in text:
                seen[payload].append(page_path)
        injected = page.evaluate("document.querySelectorAll('img[src=x], img[onerror], a[href^=\"javascript:\"]').length")
        if dialogs or errors or injected:
            problems.append(f"{page_path}: dialogs {dialogs}, errors {errors}, injected elements {injected}")
        if page_path == "notebooks/technologies_investments.html":
            # the findings paragraph (glued Markdown) lists the renamed categories by quadrant
            findings = " ".join(page.locator("article li").all_inner_texts())
            missing = [p for p in (P3, P1, P2) if p not in findings]
            if missing:
                problems.append(f"{page_path}: the findings do not show {missing} as text: {findings[:500]!r}")
        page.close()
    assert not problems, "\n".join(problems)
    missing = [p for p, where in seen.items() if not where]
    assert not missing, f"payloads not shown as text on any page: {missing}"
    # the places the issue names: the charts' pages, the taxonomy annex, the investments findings
    for page_path, payload in [("notebooks/countries_priorities.html", P3), ("generated/taxonomy.html", P1),
                               ("notebooks/technologies_investments.html", P3)]:
        assert page_path in seen[payload], (page_path, payload, seen[payload])


@pytest.mark.slow  # (the poisoned build; the session's book is checked for its policy in test_book)
def test_every_page_has_the_content_security_policy(poisoned_book: Path):
    for page_path in _pages(poisoned_book):
        html = (poisoned_book / page_path).read_text(encoding="utf-8")
        head = html[: html.find("<script")]
        assert 'http-equiv="Content-Security-Policy"' in head, f"{page_path}: no CSP before the first script"
        policy = head.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
        assert "'unsafe-eval'" not in policy and "object-src 'none'" in policy and "base-uri 'self'" in policy
