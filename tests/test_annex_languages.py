"""The annexes in one language each: the written annexes (``book/<annex>.<language>.md``) and the generated pages
(edition record, data dictionary, taxonomy), Dutch in the Dutch book and English in the English one.

Running text is checked outside what is not language (formulas, code, the labels of sections) and outside what a
page marks as a quotation in the other language (the role ``{en}`` in a Dutch page, ``{nl}`` in an English one).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.book import annexes, provenance
from helpers.book.edition import DEFAULT_EDITION, load_edition
from helpers.data.schema import TABLES

from conftest import ROOT, raw_data_or_skip, run_helpers

BOOK = ROOT / "book"
ANNEXES = ("annex_methods", "annex_data")
LANGUAGES = ("nl", "en")

#: words that are English and not Dutch (no "of", "over", "per", "via", "is", "data", "test": Dutch words too)
ENGLISH_ONLY = frozenset("""
the and with which where when this that these those from for each every not than only but its their there into after
before between without within above below also both either whether while because such same other others more most less
many some any none have has been being were are should would could must cannot may might will about against through
using used patents technology technologies region regions relatedness density complexity field fields file files folder
count counts share source sources table tables build built chapter chapters page pages annex edition methods default
otherwise value values year years number numbers how what see run runs written read
""".split())
#: words that are Dutch and not English (no "van": a part of names, van Eck)
DUTCH_ONLY = frozenset("""
de het een voor met niet zijn wordt worden ook naar bij uit deze die dat wat waar hoe welke elke tussen zonder
octrooien verwantschap dichtheid complexiteit bijlage bron bronnen tabel tabellen kolom waarde waarden standaard editie
bestand bestanden pagina opnieuw herkomst gebouwd soort beschrijving toegelaten sleutel gemaakt door veld velden
""".split())
OTHER = {"nl": "en", "en": "nl"}
FOREIGN_WORDS = {"nl": ENGLISH_ONLY, "en": DUTCH_ONLY}


def running_text(markdown: str, language: str) -> str:
    """The text a reader reads as ``language`` in a MyST page: without code, formulas, section labels, HTML tags and the
    parts marked as quotations in the other language.

    >>> running_text('A `code` and $x$ ({en}`the`)', "nl")
    'A   and   ( )'
    """
    text = re.sub(rf"\{{{OTHER[language]}\}}`[^`\n]*`", " ", markdown)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$\n]+\$", " ", text)
    text = re.sub(r"`[^`\n]+`", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"^\([a-z0-9-]+\)=$", " ", text, flags=re.M)


def foreign_words(markdown: str, language: str) -> list[tuple[int, str, str]]:
    """(line, word, line text) for every word of the other language in the running text of a ``language`` page."""
    found = []
    for number, line in enumerate(running_text(markdown, language).splitlines(), 1):
        found += [(number, word, line.strip()[:120]) for word in re.findall(r"[^\W\d_]+", line) if is_foreign(word, language)]
    return found


def is_foreign(word: str, language: str) -> bool:
    """A word of the other language (written in lower case or capitalised: ``DE`` is a country code, not Dutch)."""
    return not word.isupper() and word.lower() in FOREIGN_WORDS[language]


def outline(markdown: str) -> list[str]:
    """The structure of a page: its section labels and heading levels, its display formulas, tables and code blocks,
    in order (the definition of a role is no content)."""
    parts = []
    in_code = False
    for line in re.sub(r"```\{role\}.*?```\n", "", markdown, flags=re.S).splitlines():
        if line.startswith("```"):
            in_code = not in_code
            parts += ["code"] if in_code else []
        elif in_code:
            continue
        elif re.fullmatch(r"\([a-z0-9-]+\)=", line):
            parts.append(line)
        elif line.startswith("#"):
            parts.append(line.split(" ", 1)[0])
        elif re.match(r"\s*\|[-|]+\|\s*$", line):
            parts.append("table")
    parts.append(f"formulas: {markdown.count('$$')}")
    return parts


def headings(markdown: str) -> list[str]:
    """The headings of a page and the header rows of its tables (Markdown and HTML)."""
    found = [line for line in markdown.splitlines() if line.startswith("#")]
    lines = markdown.splitlines()
    found += [lines[i - 1] for i, line in enumerate(lines) if re.match(r"\|[-|]+\|$", line)]
    return found + re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", markdown)


# ------------------------------------------------------------------------------------------------- written annexes

@pytest.mark.parametrize("name", ANNEXES)
def test_each_annex_exists_in_both_languages_with_the_same_sections(name):
    assert not (BOOK / f"{name}.md").exists(), f"book/{name}.md: the annex is written per language now"
    pages = {language: (BOOK / f"{name}.{language}.md").read_text(encoding="utf-8") for language in LANGUAGES}
    nl, en = (outline(pages[language]) for language in LANGUAGES)
    assert len([p for p in nl if p.startswith("#")]) >= 5
    assert nl == en, "the Dutch and English versions differ in their sections, formulas, tables or code blocks"


@pytest.mark.parametrize("name", ANNEXES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_annex_is_written_in_its_language(name, language):
    page = (BOOK / f"{name}.{language}.md").read_text(encoding="utf-8")
    assert foreign_words(page, language) == []
    # nor words the rules keep off every page
    assert not re.search(r"\bseed\b", running_text(page, language), re.I)


#: numbers that can only be written the English way: a decimal point with other than three decimals or after a 0, two or
#: more thousands commas, a thousands comma and a decimal point (a version number is written with points in both languages)
ENGLISH_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}|0\.\d+|\d+\.(?:\d{1,2}|\d{4,})(?![\d.]))(?![\w.,]\d)")
VERSION = re.compile(r"(?i)\b(?:python|numpy|scipy|pandas|ecomplexity|sdmx|cc by|versie|version)\s+\d+(?:\.\d+)+|\bdoi\s+\S+")


@pytest.mark.parametrize("name", ANNEXES)
def test_dutch_annex_writes_numbers_the_dutch_way(name):
    page = VERSION.sub(" ", running_text((BOOK / f"{name}.nl.md").read_text(encoding="utf-8"), "nl"))
    assert ENGLISH_NUMBER.findall(page) == []
    assert ENGLISH_NUMBER.findall("0.999 and 1,385,783 and 3,333,239.70 and 2.64") == ["0.999", "1,385,783", "3,333,239.70", "2.64"]
    dutch = {"annex_methods": ["10.385.783", "2,641754", "0,999"], "annex_data": ["36.150.123", "3.333.239,70", "9.350,475"]}[name]
    assert all(number in page for number in dutch)


def test_the_word_lists_find_the_other_language():
    """The checks above could fail: an English sentence in a Dutch page is found, and a quotation marked as English is not."""
    assert [w for _, w, _ in foreign_words("Dit is de tabel with the sources.\n", "nl")] == ["with", "the", "sources"]
    assert foreign_words("Bron: {en}`The product space`.\n", "nl") == []
    assert [w for _, w, _ in foreign_words("Bron: {en}`The product space` with the data.\n", "nl")] == ["with", "the"]
    assert [w for _, w, _ in foreign_words("The data in de bijlage.\n", "en")] == ["de", "bijlage"]


# ------------------------------------------------------------------------------------------------- generated pages

@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, dict[str, str]]:
    """The edition page, the data dictionary and the taxonomy in each language (and the edition's CSV files), written
    from the real edition, the project data and the manifest of a data folder built from two of the real sources."""
    raw = raw_data_or_skip()
    tmp = tmp_path_factory.mktemp("annexes")
    result = run_helpers("data", "build", "-q", "--raw", str(raw), "--out", str(tmp / "data"), "--sources", "patents_wipo35", "articles_ncses")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp / "data" / "manifest.json").read_text(encoding="utf-8"))
    overrides = ["rca_threshold=1.1"]
    edition = load_edition(DEFAULT_EDITION, [f"data_dir={raw}", *overrides])
    pages = {}
    for language in LANGUAGES:
        target = tmp / language
        provenance.write_pages(target / "generated", edition, DEFAULT_EDITION, overrides, manifest, target / "tables", language=language)
        pages[language] = {name: (target / "generated" / f"{name}.md").read_text(encoding="utf-8") for name in ("edition", "data_dictionary")}
        pages[language]["taxonomy"] = annexes.taxonomy_markdown(language=language)
        pages[language]["tables"] = sorted(p.read_bytes() for p in (target / "tables").glob("*.csv"))
    return pages


@pytest.mark.parametrize("page", ["edition", "data_dictionary", "taxonomy"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_page_is_in_its_language(generated, page, language):
    text = generated[language][page]
    found = [(h, w) for h in headings(text) for w in re.findall(r"[^\W\d_]+", running_text(h, language)) if is_foreign(w, language)]
    assert found == [], found
    assert foreign_words(text, language) == []
    assert outline(text) == outline(generated[OTHER[language]][page]), "the two languages have the same sections"


def test_edition_page_says_how_to_recompute_in_its_language(generated):
    nl, en = generated["nl"]["edition"], generated["en"]["edition"]
    assert nl.startswith("# Editie 2026") and en.startswith("# Edition 2026")
    for page in (nl, en):
        assert "make book" in page and "--edition editions/2026.yml --set " in page and "helpers data build" in page
        assert "`rca_threshold=1.1`" in page  # the override, named where it was set
    # numbers and words of the tables in the page's language; the CSV files are the same in both books
    assert re.search(r'data-sort="65100">65\.100<', nl) and re.search(r'data-sort="65100">65,100<', en)
    assert ">opdrachtregel<" in nl and ">command line<" in en and ">True<" not in nl + en and ">None<" not in nl + en
    assert generated["nl"]["tables"] == generated["en"]["tables"]


def test_dutch_data_dictionary_describes_every_table_and_column():
    for name, table in TABLES.items():
        dutch = annexes.TABLES_NL[name]
        assert set(dutch["columns"]) == set(table.column_names), name
        assert len(dutch["notes"]) == len(table.notes), name
    page = annexes.data_dictionary_markdown("nl")
    assert page.startswith("(data-dictionary)=\n# Datawoordenboek")
    assert all(f"## `{t.filename}`" in page for t in TABLES.values())
    assert "| `value` | getal | " in page and "Mag leeg zijn." in page


@pytest.mark.parametrize("module", [annexes, provenance])
def test_docstring_examples(module):
    import doctest

    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_the_edition_page_reads_altairs_schema_version_without_importing_it():
    """The edition page's package table names Altair's Vega-Lite schema, read from Altair's files (the build's own
    process does not import Altair): it must be the version Altair itself gives."""
    import altair

    assert provenance.vega_lite_schema() == altair.SCHEMA_VERSION
    table = provenance.package_versions()
    assert table.loc[table["package"] == "vega-lite (schema)", "version"].tolist() == [altair.SCHEMA_VERSION]
