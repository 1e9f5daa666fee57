"""The built book: pages, numbers in the text, the edition record, offline assets, determinism."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from helpers.book.edition import DEFAULT_EDITION
from helpers.i18n import FIELD_NAMES_NL

from conftest import RAW_DATA, ROOT, Book, build

EDITION = yaml.safe_load(DEFAULT_EDITION.read_text())


def _text(path: Path) -> str:
    """Visible text of a page, whitespace collapsed."""
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def _raw_patents(country: str, start: int, end: int) -> dict[str, float]:
    """Independent of the data layer: sum the raw CSV with the csv module."""
    totals: dict[str, float] = defaultdict(float)
    with open(RAW_DATA / "patents_country_wipo35.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["country_iso3"] == country and start <= int(row["year"]) <= end:
                totals[row["wipo_field"]] += float(row["patents"])
    return totals


def test_pages_exist(book: Book):
    for page in ["index.html", "book/intro.html", "notebooks/overview.html", "generated/edition.html"]:
        assert (book.html / page).is_file(), page
    # per-notebook progress with timing, unless every notebook was reused from `make book`'s store
    ran = "[1/" in book.log and "done in" in book.log
    assert ran or "reusing its executed notebooks" in book.log, book.log


def test_overview_numbers_come_from_the_data(book: Book):
    start, end = EDITION["windows"]["patents"]
    fields = _raw_patents(EDITION["focus_region"], start, end)
    total = sum(fields.values())
    top = max(fields, key=fields.get)
    text = _text(book.html / "notebooks" / "overview.html")
    # the Dutch book writes numbers the Dutch way: 61.648 and 9,8%
    dutch = str.maketrans({",": ".", ".": ","})
    assert f"{total:,.0f}".translate(dutch) in text, f"patent total {total:,.0f} not in the page"
    assert FIELD_NAMES_NL.get(top, top) in text, "the largest field, named in Dutch"
    assert f"{fields[top] / total * 100:.1f}%".translate(dutch) in text
    # one language only: the Dutch narrative, not the English one
    assert "Dit hoofdstuk toont" in text and "This chapter shows" not in text


def test_published_tables_match_the_page(book: Book):
    tables = book.html / "_static" / "tables"
    by_field = tables / "overview_patents_by_field.csv"
    assert by_field.is_file()
    start, end = EDITION["windows"]["patents"]
    raw = _raw_patents(EDITION["focus_region"], start, end)
    with open(by_field, newline="", encoding="utf-8") as handle:
        published = {row["technology"]: float(row["region_value"]) for row in csv.DictReader(handle)}
    assert {k: v for k, v in published.items() if v} == pytest.approx({FIELD_NAMES_NL.get(k, k): v for k, v in raw.items()})
    html = (book.html / "notebooks" / "overview.html").read_text(encoding="utf-8")
    for link in re.findall(r'href="([^"]+\.csv)"', html):
        assert (book.html / "notebooks" / link).resolve().is_file(), link


def test_edition_page_records_inputs_versions_and_commit(book: Book):
    text = _text(book.html / "generated" / "edition.html")
    for name in ["patents_country_wipo35.csv", "articles_country_field.csv"]:
        digest = hashlib.sha256((RAW_DATA / name).read_bytes()).hexdigest()
        assert name in text and digest in text, name
    assert re.search(r"Versie van de code \(git-commit\): [0-9a-f]{40}", text), "git commit"
    assert re.search(r"Code commit: [0-9a-f]{40}", _text(book.in_language("en").html / "generated" / "edition.html")), "git commit (en)"
    for package in ["pandas", "altair", "jupyter-book", "papermill"]:
        assert package in text
    assert "rca_threshold" in text and "focus_region" in text


def test_no_network_references(book: Book):
    """No page loads a script, style or font from outside the book."""
    external = re.compile(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)=["'](?:https?:)?//""", re.I)
    offenders = []
    for page in book.html.rglob("*.html"):
        found = external.findall(page.read_text(encoding="utf-8", errors="replace"))
        if found:
            offenders.append((page.relative_to(book.html), found[:2]))
    assert not offenders, offenders
    assert (book.html / "_static" / "vega-bundle.js").stat().st_size > 500_000
    assert (book.html / "mathjax" / "tex-svg.js").is_file()


def test_source_notebooks_have_no_outputs():
    import nbformat

    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), path


@pytest.mark.slow
def test_same_inputs_same_tables(book: Book, tmp_path: Path):
    """A second build from the same inputs, from scratch, publishes byte-identical data tables (the Dutch
    book's; the English book's are written by the same code)."""
    again = build(tmp_path, "--set", "languages=[nl]")
    first = sorted((book.html / "_static" / "tables").glob("*.csv"))
    second = sorted((again.html / "_static" / "tables").glob("*.csv"))
    assert [p.name for p in first] == [p.name for p in second] and first
    # (the edition's parameters table records the one override of this build: languages)
    different = [p.name for p, q in zip(first, second) if p.read_bytes() != q.read_bytes() and p.name != "edition_parameters.csv"]
    assert not different, different
    data_first = sorted((book.build_dir / "data").glob("*.csv"))
    assert data_first, "canonical tables were written"
    assert all(p.read_bytes() == (again.build_dir / "data" / p.name).read_bytes() for p in data_first)


def test_unchanged_rebuild_reuses_executed_notebooks(book: Book, tmp_path: Path):
    """A rebuild with nothing changed reuses the executed notebooks and publishes the same tables."""
    from conftest import build_into

    before = {p.name: p.read_bytes() for p in (book.html / "_static" / "tables").glob("*.csv")}
    # the same command as the session's build, published elsewhere: other test processes read the session's site
    again = build_into(book.build_dir, out=tmp_path / "site")
    assert again.log.count("reusing its executed notebooks") == 2, again.log  # (one per language)
    assert "reusing its PDF" in again.log
    after = {p.name: p.read_bytes() for p in (again.html / "_static" / "tables").glob("*.csv")}
    assert before == after


def test_notebook_cache_key_follows_every_input():
    from helpers.book.build import notebooks_key, toc_notebooks

    notebooks = toc_notebooks()
    params = {"rca_threshold": 1.0, "focus_region": "BEL"}
    manifest = {"tables": {"activity": {"sha256": "a"}}}
    key = notebooks_key(notebooks, params, manifest)
    assert key == notebooks_key(notebooks, dict(params), manifest)
    assert key != notebooks_key(notebooks, params | {"rca_threshold": 1.5}, manifest)
    assert key != notebooks_key(notebooks, params, {"tables": {"activity": {"sha256": "b"}}})
    assert key != notebooks_key(notebooks[:-1], params, manifest)
    from helpers.book.cache import common_inputs  # the code and project data, read once per build

    assert key == notebooks_key(notebooks, params, manifest, common_inputs())
    assert key != notebooks_key(notebooks, params, manifest, "another code or data")


def test_report_figures_beside_the_computation(book: Book):
    """Issue 11: each technology page shows the report's figure from the published values, the comparison
    table of the 38 technologies (CSV) and the agreement in words; the summary page the claims."""
    tables = book.html / "_static" / "tables"
    for source, figure in (("patents", "Figuur 3 van het VARIO-advies"), ("publications", "publicatiegrafiek van de CEPS-studie"),
                           ("investments", "Figuur 5 van het VARIO-advies")):
        page = (book.html / "notebooks" / f"technologies_{source}.html").read_text(encoding="utf-8")
        assert figure in page, source
        text = _text(book.html / "notebooks" / f"technologies_{source}.html")
        assert "Wat de studie publiceert" in text and "Wat dit boek berekent" in text, source
        with open(tables / f"technologies_{source}_published.csv", newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == 38 and len({r["technology"] for r in rows}) == 38
        assert f"technologies_{source}_published.csv" in page
    patents = _text(book.html / "notebooks" / "technologies_patents.html")
    assert re.search(r"Spearman\) tussen gepubliceerd en berekend is -?\d+,\d\d voor de RCA", patents)
    summary = _text(book.html / "notebooks" / "technologies_summary.html")
    assert "Figuur 1 en 6 van het VARIO-advies" in summary and "nagerekend" in summary
    with open(tables / "technologies_summary_claims.csv", newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 9
    framework = _text(book.html / "notebooks" / "decision_framework.html")
    assert "High-performance computing (HPC)" in framework and "Welke input het verschil maakt" in framework


def test_finer_data_pages(book: Book):
    """Issue 12: the IPC-subclass page (subclasses, the 38 technologies beside the published values with their
    agreement, the reference groups, movement over three periods) and the citation page, built from the real data."""
    tables = book.html / "_static" / "tables"
    ipc = _text(book.html / "notebooks" / "technologies_patents_ipc.html")
    assert "653 IPC-subklassen" in ipc and "samen voorkomen binnen dezelfde octrooien" in ipc
    assert re.search(r"de rangcorrelatie \(Spearman\) -?\d,\d\d voor de RCA", ipc)
    assert "Beweging over de tijd" in ipc and "vergelijkingsgroep" in ipc
    with open(tables / "technologies_ipc_published.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 38 and all(r["computed_rca"] for r in rows)
    with open(tables / "technologies_ipc_movement.csv", newline="", encoding="utf-8") as handle:
        moves = list(csv.DictReader(handle))
    assert len(moves) == 38 and {"rca_1989_2003", "rca_2004_2018"} <= set(moves[0])
    with open(tables / "technologies_ipc_subclasses.csv", newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 40
    impact = _text(book.html / "notebooks" / "technologies_publications_impact.html")
    assert re.search(r"keer zo vaak geciteerd als een gemiddeld document", impact)
    with open(tables / "technologies_publications_impact.csv", newline="", encoding="utf-8") as handle:
        areas = list(csv.DictReader(handle))
    assert len(areas) == 27 and all(float(a["impact"]) > 0 for a in areas)
    sector = _text(book.html / "notebooks" / "sector_strengths.html")
    assert "SCImago" in sector


def test_regions_chapter_and_complexity_annex(book: Book):
    """Issue 13: the regions chapter (Flanders from its provinces among 282 regions, the comparison regions, ranks,
    opportunities) and the complexity validation annex, built from the real data."""
    tables = book.html / "_static" / "tables"
    page = _text(book.html / "notebooks" / "regions.html")
    assert re.search(r"282 Europese NUTS-2-regio.s", page) and "Waar Vlaanderen staat" in page and "Waar het kan instappen" in page
    with open(tables / "regions_focus_profile.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 42 and {"BE21", "BE25"} <= set(rows[0])
    annex = _text(book.html / "notebooks" / "annex_complexity.html")
    assert re.search(r"Van de \d+ combinaties van bron en methode doorstaan er \d+ de toets", annex)
    with open(tables / "complexity_validation.csv", newline="", encoding="utf-8") as handle:
        checks = list(csv.DictReader(handle))
    assert len(checks) >= 9 and all(-1 <= float(c["rho"]) <= 1 for c in checks if c["rho"])


def test_every_page_has_one_policy_after_a_rebuild(book: Book):
    """The Content-Security-Policy is written once per page, also into pages that Sphinx kept from the last build
    (the session's build runs over the stage of earlier builds)."""
    counts = {p.relative_to(book.site).as_posix(): p.read_text(encoding="utf-8").count('http-equiv="Content-Security-Policy"')
              for p in book.site.rglob("*.html") if "_static" not in p.parts}
    assert counts and all(n == 1 for n in counts.values()), {page: n for page, n in counts.items() if n != 1}
