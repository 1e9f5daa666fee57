"""The reproducibility record: the generated edition page of the book, in the language of its book.

It says how to recompute a page (the commands), and lists the parameters used (marking command-line
overrides), every input file with its provenance, licence, size and SHA-256, the project's own data
files, the package versions and the git commit of the code. The same facts are published as CSV tables
next to the others (machine names, the same in every language). The data dictionary, written beside
it, comes from :func:`helpers.book.annexes.data_dictionary_markdown`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import platform
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.book import annexes
from helpers.book.edition import PROJECT_ROOT, Edition
from helpers.book.publish import table_html, write_csv
from helpers.i18n import localise_number

PACKAGES = ["helpers", "numpy", "pandas", "scipy", "altair", "vl-convert-python", "jupyter-book", "sphinx", "myst-nb",
            "papermill", "pydantic", "pyarrow", "duckdb", "pycountry", "django-static-mathjax"]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def git_commit(root: Path = PROJECT_ROOT) -> str:
    """``<commit>`` or ``<commit>+dirty`` (uncommitted changes), or ``unknown`` outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def package_versions() -> pd.DataFrame:
    rows = [{"package": "python", "version": platform.python_version()}]
    for name in PACKAGES:
        try:
            rows.append({"package": name, "version": metadata.version(name)})
        except metadata.PackageNotFoundError:
            rows.append({"package": name, "version": "not installed"})
    rows.append({"package": "vega-lite (schema)", "version": vega_lite_schema()})
    return pd.DataFrame(rows)


def vega_lite_schema() -> str:
    """The Vega-Lite schema version of the installed Altair (``altair.SCHEMA_VERSION``), read from the module that
    ``altair.vegalite`` takes it from, without importing Altair (a quarter to half a second of every build)."""
    from importlib.util import find_spec

    try:
        root = Path(find_spec("altair").origin).parent / "vegalite"
        major = re.search(r"^from \.(v\d+) import \*", (root / "__init__.py").read_text(encoding="utf-8"), re.M).group(1)
        text = (root / major / "schema" / "__init__.py").read_text(encoding="utf-8")
        return re.search(r'^SCHEMA_VERSION = "([^"]+)"', text, re.M).group(1)
    except (AttributeError, OSError, TypeError):  # laid out otherwise: ask Altair
        import altair

        return altair.SCHEMA_VERSION


def _flat(value: Any, key: str = "") -> dict[str, Any]:
    """The edition as ``{dotted key: value}``, one entry per key that ``--set`` takes (a window as ``[start, end]``)."""
    if isinstance(value, dict) and set(value) == {"start", "end"}:
        return {key: [value["start"], value["end"]]}
    if isinstance(value, dict) and value:
        return {k: v for sub, item in value.items() for k, v in _flat(item, f"{key}.{sub}" if key else str(sub)).items()}
    return {key: value}


def parameter_table(edition: Edition, overrides: list[str]) -> pd.DataFrame:
    """Every parameter of the edition (dotted key, value as written on the command line) and where it was set."""
    overridden = {pair.partition("=")[0].strip() for pair in overrides}
    rows = []
    for key, value in _flat(edition.model_dump(mode="json")).items():
        by_command = any(key == o or key.startswith(o + ".") for o in overridden)
        rows.append({"parameter": key, "value": value if isinstance(value, str) else json.dumps(value, ensure_ascii=False),
                     "set_by": "command line" if by_command else "edition file"})
    return pd.DataFrame(rows, columns=["parameter", "value", "set_by"])


def shown_value(value: Any, language: str) -> str:
    """A parameter's value as a reader sees it: words for yes/no, a blank for none, numbers in the language's format.

    >>> shown_value([0.25, True, None], "nl"), shown_value({"x": 1.5}, "en"), shown_value(2026, "nl")
    ('0,25, ja', 'x: 1.5', '2026')
    """
    if isinstance(value, bool):
        return TEXT["yes" if value else "no"][language]
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return localise_number(format(value, "g"), language)
    if isinstance(value, list):
        return ", ".join(filter(None, (shown_value(item, language) for item in value)))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {shown_value(v, language)}" for k, v in value.items())
    return str(value)


def input_table(manifest: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for item in manifest.get("inputs", []):
        rows.append({
            "file": item.get("path", ""), "adapter": item.get("adapter", ""), "rows": item.get("rows_read", item.get("rows")),
            "bytes": item.get("size"), "sha256": item.get("sha256", ""),
            "source and licence": item.get("source", "") + (f" Licence: {item['licence']}" if item.get("licence") else ""),
            "download": item.get("download", ""),
        })
    return pd.DataFrame(rows, columns=["file", "adapter", "rows", "bytes", "sha256", "source and licence", "download"])


def project_data_table(root: Path = PROJECT_ROOT / "data") -> pd.DataFrame:
    files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
    return pd.DataFrame([{"file": str(p.relative_to(PROJECT_ROOT)), "bytes": p.stat().st_size, "sha256": sha256(p)} for p in files],
                        columns=["file", "bytes", "sha256"])


#: the words of the edition page: key -> {"nl": ..., "en": ...}
TEXT: dict[str, dict[str, str]] = {
    "title": {"nl": "Editie {edition}: herkomst en herberekening", "en": "Edition {edition}: record and reproduction"},
    "lead": {"nl": "Wat dit boek maakte: de parameters, de invoerbestanden, de versies van de software en van de code, en hoe u "
                   "elke pagina opnieuw berekent.",
             "en": "What produced this book: the parameters, the input files, the versions of the software and of the code, and "
                   "how to recompute every page."},
    "edition_file": {"nl": "Editiebestand", "en": "Edition file"},
    "with_overrides": {"nl": ", aangepast op de opdrachtregel met", "en": ", changed on the command line by"},
    "commit": {"nl": "Versie van de code (git-commit)", "en": "Code commit"},
    "built": {"nl": "Gebouwd op", "en": "Built"},
    "raw_dir": {"nl": "Map met de ruwe data", "en": "Raw data folder"},
    "how": {"nl": "Een pagina opnieuw berekenen", "en": "How to recompute a page"},
    "how_book": {
        "nl": "Het boek wordt in één keer gemaakt, in beide talen en met de pdf-uitgaven. Vanuit de hoofdmap van de code:",
        "en": "The book is made in one go, in both languages and with the PDF editions. From the root folder of the code:"},
    "how_book_after": {
        "nl": "Dat installeert wat nodig is, leest het editiebestand en de ruwe data hierboven, voert elk hoofdstuk uit en "
              "publiceert het boek pas wanneer alles gelukt is; wat sinds de vorige keer niet veranderde, wordt hergebruikt. "
              "Een pagina opnieuw berekenen is dus het boek opnieuw bouwen. Om een parameter anders te kiezen zonder het "
              "editiebestand te wijzigen, geeft u hem mee op de opdrachtregel, met zijn naam uit de tabel hieronder en een "
              "waarde zoals in het editiebestand, bijvoorbeeld:",
        "en": "This installs what is needed, reads the edition file and the raw data above, runs every chapter and publishes "
              "the book only when everything succeeded; what did not change since the last time is reused. Recomputing a "
              "page therefore means building the book again. To choose a parameter differently without editing the edition "
              "file, give it on the command line, with its name from the table below and a value as in the edition file, "
              "for example:"},
    "how_after": {
        "nl": "Elke pagina toont dan de resultaten van die keuze, en deze bijlage vermeldt welke parameters van de "
              "opdrachtregel kwamen. Een nieuwe editie begint met een kopie van het editiebestand, dat u vooraf controleert "
              "met `helpers validate --edition <bestand>`. Alleen de datatabellen bouwen kan met `helpers data build --raw "
              "<map met ruwe data> --out <map>`, en `helpers data check <map>` controleert zo'n map.",
        "en": "Every page then shows the results of that choice, and this annex records which parameters came from the "
              "command line. A new edition starts from a copy of the edition file, which `helpers validate --edition <file>` "
              "checks beforehand. The data tables alone are built with `helpers data build --raw <raw data folder> --out "
              "<folder>`, and `helpers data check <folder>` checks such a folder."},
    "parameters": {"nl": "Parameters", "en": "Parameters"},
    "inputs": {"nl": "Invoerbestanden", "en": "Input files"},
    "inputs_lead": {
        "nl": "Elk bestand dat de datalaag las, met zijn SHA-256-controlegetal. Herkomst en licentie van elke bron staan in de "
              "bijlage over de databronnen; de beschrijving uit de map met ruwe data staat in het CSV-bestand.",
        "en": "Each file the data layer read, with its source, licence and SHA-256 checksum."},
    "project": {"nl": "Projectdata", "en": "Project data"},
    "project_lead": {
        "nl": "Feiten uit het VARIO-advies en de andere geciteerde documenten, elke rij met de pagina of paragraaf waar ze "
              "vandaan komt, in de datamap van het project.",
        "en": "Facts taken from the VARIO report and the other cited documents, each row citing the page or section it comes "
              "from, in the project's data folder."},
    "software": {"nl": "Software", "en": "Software"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "not installed": {"nl": "niet geïnstalleerd", "en": "not installed"},
    "command line": {"nl": "opdrachtregel", "en": "command line"},
    "edition file": {"nl": "editiebestand", "en": "edition file"},
}
#: readers' column headers of the edition tables (the CSV files keep the machine names)
HEADERS: dict[str, dict[str, str]] = {
    "nl": {"parameter": "parameter", "value": "waarde", "set_by": "ingesteld in", "file": "bestand", "adapter": "inleesmodule",
           "rows": "rijen", "bytes": "grootte (bytes)", "sha256": "SHA-256", "package": "pakket", "version": "versie"},
    "en": {"parameter": "parameter", "value": "value", "set_by": "set by", "file": "file", "adapter": "adapter", "rows": "rows",
           "bytes": "size (bytes)", "sha256": "SHA-256", "source and licence": "source and licence", "download": "download",
           "package": "package", "version": "version"},
}


def write_pages(generated: Path, edition: Edition, edition_file: Path, overrides: list[str], manifest: dict[str, Any], tables_dir: Path,
                language: str = "nl") -> None:
    """Write ``generated/edition.md`` (its tables as CSV into ``tables_dir``) and ``generated/data_dictionary.md`` in
    ``language`` into the staged book of that language."""
    generated.mkdir(parents=True, exist_ok=True)
    tables = {
        "edition_parameters": parameter_table(edition, overrides),
        "edition_inputs": input_table(manifest),
        "edition_project_data": project_data_table(),
        "edition_packages": package_versions(),
    }
    for name, df in tables.items():
        write_csv(df, tables_dir / f"{name}.csv")
    (generated / "edition.md").write_text(edition_markdown(edition, edition_file, overrides, tables, language), encoding="utf-8")
    (generated / "data_dictionary.md").write_text(annexes.data_dictionary_markdown(language), encoding="utf-8")


def edition_markdown(edition: Edition, edition_file: Path, overrides: list[str], tables: dict[str, pd.DataFrame], language: str) -> str:
    """The edition page in ``language``: what produced the book, how to recompute a page, and the tables ``tables``."""
    text = {key: value[language] for key, value in TEXT.items()}
    shown_file = _project_path(edition_file)
    example = f"focus_region={edition.comparison_regions[0]}" if edition.comparison_regions else f"rca_threshold={edition.rca_threshold:g}"
    values = _flat(edition.model_dump(mode="json"))  # the rows of the parameter table, in its order
    parameters = tables["edition_parameters"].assign(value=[shown_value(values[k], language) for k in tables["edition_parameters"]["parameter"]],
                                                     set_by=[text[v] for v in tables["edition_parameters"]["set_by"]])
    inputs = tables["edition_inputs"] if language == "en" else tables["edition_inputs"].drop(columns=["source and licence", "download"])
    packages = tables["edition_packages"].assign(version=[text.get(v, v) for v in tables["edition_packages"]["version"]])
    overridden = f"{text['with_overrides']} `{' '.join(overrides)}`" if overrides else ""

    def table(df: pd.DataFrame, name: str, formats: dict[str, str] | None = None) -> str:
        with _numbers_in(language):
            return _raw(table_html(df, formats=formats, download=f"../_static/tables/{name}.csv", labels=HEADERS[language]))

    lines = [
        f"# {text['title'].format(edition=edition.edition)}", "", text["lead"], "",
        f"- **{text['edition_file']}**: `{shown_file}`{overridden}",
        f"- **{text['commit']}**: `{git_commit()}`",
        # the time is shown by CSS from an attribute, so that Sphinx's search index (which reads
        # the text) is the same for two builds of the same inputs; only this line of the page differs
        f'- **{text["built"]}**: <span class="build-time" data-built="{html.escape(build_time())}"></span>',
        f"- **{text['raw_dir']}**: `{edition.data_dir}`", "",
        f"## {text['how']}", "", text["how_book"], "", "```bash", "make book", "```", "", text["how_book_after"], "",
        "```bash", f".venv/bin/helpers build --edition {shown_file} --set {example}", f'make book SET="--set {example}"', "```", "",
        text["how_after"], "",
        f"## {text['parameters']}", "", table(parameters, "edition_parameters"),
        f"## {text['inputs']}", "", text["inputs_lead"], "", table(inputs, "edition_inputs", {"rows": ",d", "bytes": ",d"}),
        f"## {text['project']}", "", text["project_lead"], "", table(tables["edition_project_data"], "edition_project_data", {"bytes": ",d"}),
        f"## {text['software']}", "", table(packages, "edition_packages"),
        _raw("<style>.build-time::after{content:attr(data-built)}</style>"),
    ]
    return "\n".join(lines) + "\n"


def _project_path(path: Path) -> str:
    """``path`` relative to the project root when it lies inside it (``editions/2026.yml``), else as given."""
    try:
        return Path(path).resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


@contextmanager
def _numbers_in(language: str) -> Iterator[None]:
    """Let :func:`helpers.book.publish.table_html` write numbers in ``language`` (it follows the book's language,
    ``HELPERS_LANGUAGE``, which the build sets for the notebooks only); the variable is restored afterwards."""
    before = os.environ.get("HELPERS_LANGUAGE")
    os.environ["HELPERS_LANGUAGE"] = language
    try:
        yield
    finally:
        if before is None:
            del os.environ["HELPERS_LANGUAGE"]
        else:
            os.environ["HELPERS_LANGUAGE"] = before


def same_but_build_time(a: str, b: str) -> bool:
    """Whether two edition pages (their Markdown) are the same but for their build time.

    >>> same_but_build_time('x <span data-built="2026-01-02 09:30 UTC"></span>', 'x <span data-built="2026-01-02 17:30 UTC"></span>')
    True
    >>> same_but_build_time('x <span data-built="2026-01-02 09:30 UTC"></span>', 'y <span data-built="2026-01-02 09:30 UTC"></span>')
    False
    """
    return without_build_time(a) == without_build_time(b)


def without_build_time(text: str) -> str:
    """An edition page (Markdown or HTML, or a document holding it) without its build time.

    >>> without_build_time('<span class="build-time" data-built="2026-01-02 09:30 UTC"></span>')
    '<span class="build-time" ></span>'
    """
    return _BUILT.sub("", text)


_BUILT = re.compile(r'data-built="[^"]*"')


def build_time() -> str:
    """When the book was built (UTC, to the minute): the one line of the edition page that differs
    between two builds of the same inputs; everything else on it is a fact about the inputs."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _raw(markup: str) -> str:
    return "```{raw} html\n" + markup + "\n```\n"
