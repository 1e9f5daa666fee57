"""Incremental builds (issue 17): per-notebook cache, reused canonical tables, a stage synchronised
for Sphinx's incremental build, and the gathering of each notebook's tables. On fakes of the data
step, the notebooks and Sphinx: fast, and each assertion fails if its mechanism breaks."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from helpers.book import build as build_mod
from helpers.book.edition import load_edition
from helpers.errors import BuildError

from conftest import ROOT


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch):
    """A raw folder with one file; fake data step, notebooks and Sphinx that record what they did."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "counts.csv").write_text("a\n1\n")
    calls: dict[str, list] = {"data": [], "notebooks": [], "languages": [], "pdf": [], "sphinx": [], "windows": []}

    def data_step(raw_dir, data_dir, progress=None):
        calls["data"].append(1)
        data_dir = Path(data_dir)
        if data_dir.exists():
            shutil.rmtree(data_dir)
        data_dir.mkdir(parents=True)
        (data_dir / "activity.csv").write_text("x\n1\n")
        import hashlib
        manifest = {"tables": {"activity": {"file": "activity.csv", "rows": 1, "sha256": hashlib.sha256(b"x\n1\n").hexdigest()}}}
        (data_dir / "manifest.json").write_text(json.dumps(manifest))
        return manifest

    def notebooks(tasks, jobs, progress):
        # one pool for every language's notebooks; recorded per language
        for language in dict.fromkeys(task.language for task in tasks):
            mine = [task for task in tasks if task.language == language]
            calls["notebooks"].append([task.entry for task in mine])
            calls["languages"].append((language, mine[0].parameters["language"]))
        for entry, stage, parameters, language in tasks:
            _executed(entry, Path(stage), language)
            folder = Path(parameters["tables_dir"], Path(entry).name)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{Path(entry).name}_table.csv").write_text("x\n1\n")
        return {}

    def sphinx(stage, log, strict):
        calls["sphinx"].append(Path(stage).name)
        html = Path(stage) / "_build" / "html"
        html.mkdir(parents=True, exist_ok=True)
        shutil.copytree(Path(stage) / "_static", html / "_static", dirs_exist_ok=True)
        (html / "index.html").write_text("<html>book</html>")
        return 0

    monkeypatch.setattr("helpers.data.canonical.build", data_step)
    monkeypatch.setattr("helpers.data.windows.check_windows", lambda *a, **k: calls["windows"].append(1))
    monkeypatch.setattr(build_mod, "run_notebooks", notebooks)
    monkeypatch.setattr(build_mod, "_sphinx", sphinx)
    def write_pdf(site, language, edition, progress, use_cache=True):  # the fake site has no pages to print: a file stands for the PDF
        calls["pdf"].append(language if use_cache else f"{language} (no cache)")
        (Path(site) / build_mod.pdf.pdf_name(language, edition)).write_text("%PDF")
        return 0.0

    monkeypatch.setattr(build_mod.pdf, "write_pdf", write_pdf)
    build_dir, out = tmp_path / "build", tmp_path / "html"

    def build(*extra: str, **options: object) -> list[str]:
        lines: list[str] = []
        edition = load_edition(ROOT / "editions" / "2026.yml", [f"data_dir={raw}", *extra])
        build_mod.build_book(edition, ROOT / "editions" / "2026.yml", list(extra), out, progress=lines.append, build_dir=build_dir, **options)
        return lines

    return raw, build_dir, out, calls, build


def test_a_second_build_reuses_data_and_notebooks(fakes):
    raw, build_dir, out, calls, build = fakes
    build()
    everything = build_mod.toc_notebooks()
    assert calls["data"] == [1] and calls["notebooks"] == [everything, everything], "once per language"
    assert calls["languages"] == [("nl", "nl"), ("en", "en")], "each language's notebooks get their language"
    lines = build()
    assert calls["data"] == [1] and calls["notebooks"] == [everything, everything], "nothing ran again"
    assert any("reusing the canonical tables" in line for line in lines)
    assert sum("reusing its executed notebooks" in line for line in lines) == 2
    for language in ("nl", "en"):
        published = {p.name for p in (out / language / "_static" / "tables").glob("*.csv")}
        assert {f"{Path(e).name}_table.csv" for e in everything} <= published, f"every notebook's tables are in the {language} book"


def test_the_windows_are_checked_again_only_when_they_or_the_tables_changed(fakes):
    raw, build_dir, out, calls, build = fakes
    build()
    build()
    assert len(calls["windows"]) == 1, "the same windows on the same tables: checked once"
    build("windows.patents=[2014,2018]")
    assert len(calls["windows"]) == 2, "another window"
    (raw / "counts.csv").write_text("a\n3\n")
    build("windows.patents=[2014,2018]")
    assert len(calls["data"]) == 2 and len(calls["windows"]) == 3, "new canonical tables"


def test_a_changed_parameter_reruns_every_notebook_but_not_the_data_step(fakes):
    raw, build_dir, out, calls, build = fakes
    build()
    build("rca_threshold=1.25")
    assert len(calls["data"]) == 1 and len(calls["notebooks"]) == 4
    assert calls["notebooks"][2:] == [build_mod.toc_notebooks()] * 2


def test_a_changed_or_tampered_input_rebuilds_the_canonical_tables(fakes):
    raw, build_dir, out, calls, build = fakes
    build()
    (raw / "counts.csv").write_text("a\n2\n")
    build()
    assert len(calls["data"]) == 2, "a changed raw file"
    (build_dir / "data" / "activity.csv").write_text("x\n9\n")
    build()
    assert len(calls["data"]) == 3, "a canonical table that no longer matches its checksum"
    lines: list[str] = []
    edition = load_edition(ROOT / "editions" / "2026.yml", [f"data_dir={raw}"])
    build_mod.build_book(edition, ROOT / "editions" / "2026.yml", [], out, progress=lines.append, build_dir=build_dir, use_cache=False)
    assert len(calls["data"]) == 4, "--no-cache rebuilds the data too"
    assert calls["pdf"][-2:] and all(call.endswith("(no cache)") for call in calls["pdf"][-2:]), "and prints the PDFs whole"


def test_a_text_change_in_one_notebook_reruns_that_notebook_only(fakes, monkeypatch, tmp_path: Path):
    raw, build_dir, out, calls, build = fakes
    build()
    entries = build_mod.toc_notebooks()
    changed = entries[3]
    real_key = build_mod.notebooks_key

    def key(notebooks, parameters, manifest, common=None):  # as if the notebook's file had another sentence
        return real_key(notebooks, parameters | ({"edited": 1} if notebooks == [changed] else {}), manifest, common)

    monkeypatch.setattr(build_mod, "notebooks_key", key)
    lines = build()
    assert calls["notebooks"][-2:] == [[changed], [changed]], "in each language"
    assert sum(f"reusing {len(entries) - 1} of {len(entries)} executed notebooks" in line for line in lines) == 2, lines
    assert len(list((build_dir / "cache").iterdir())) == 2 * len(entries), "the replaced entries are pruned"


def test_sync_keeps_unchanged_files_and_drops_sphinx_state_when_pages_change(tmp_path: Path):
    stage, new = tmp_path / "stage", tmp_path / "new"
    for root in (stage, new):
        (root / "notebooks").mkdir(parents=True)
        (root / "notebooks" / "a.ipynb").write_text("same")
    (stage / "notebooks" / "b.ipynb").write_text("old")
    (new / "notebooks" / "b.ipynb").write_text("new text")
    (stage / "gone.txt").write_text("x")
    (stage / "_build" / "html").mkdir(parents=True)
    old = time.time() - 1000
    os.utime(stage / "notebooks" / "a.ipynb", (old, old))
    build_mod.sync_stage(new, stage)
    assert not new.exists() and not (stage / "gone.txt").exists()
    assert (stage / "notebooks" / "b.ipynb").read_text() == "new text"
    assert (stage / "notebooks" / "a.ipynb").stat().st_mtime == pytest.approx(old), "unchanged: time stamp kept"
    assert (stage / "_build" / "html").is_dir(), "same pages: Sphinx's state kept"
    new.mkdir()
    shutil.copytree(stage / "notebooks", new / "notebooks")
    (new / "notebooks" / "c.ipynb").write_text("a new page")
    build_mod.sync_stage(new, stage)
    assert not (stage / "_build").exists(), "a page added: full Sphinx rebuild"


def test_sync_says_whether_the_stage_changed_and_a_new_build_time_alone_changes_nothing(tmp_path: Path):
    stage, new = tmp_path / "stage", tmp_path / "new"
    page = '- **Gebouwd op**: <span class="build-time" data-built="{}"></span>\n'
    for root, built in ((stage, "2026-01-02 09:30 UTC"), (new, "2026-01-02 17:30 UTC")):
        (root / "generated").mkdir(parents=True)
        (root / "generated" / "edition.md").write_text("# Editie\n" + page.format(built))
    (stage / "_build").mkdir()
    (stage / "_build" / build_mod.SPHINX_STAMP).write_text("key 0\n")
    assert build_mod.sync_stage(new, stage) is False
    assert "09:30" in (stage / "generated" / "edition.md").read_text(), "the stage keeps the time its pages were built"
    assert (stage / "_build" / build_mod.SPHINX_STAMP).is_file()
    new.mkdir()
    (new / "generated").mkdir()
    (new / "generated" / "edition.md").write_text("# Editie 2027\n" + page.format("2026-01-02 17:30 UTC"))
    assert build_mod.sync_stage(new, stage) is True
    assert "17:30" in (stage / "generated" / "edition.md").read_text()
    assert not (stage / "_build" / build_mod.SPHINX_STAMP).exists(), "a changed stage is built by Sphinx again"


def test_sphinx_runs_only_when_the_stage_or_the_code_changed(fakes, monkeypatch):
    from helpers.book import provenance

    raw, build_dir, out, calls, build = fakes
    monkeypatch.setattr(provenance, "build_time", lambda: "2026-01-02 09:30 UTC")
    build()
    assert calls["sphinx"] == ["nl", "en"] or calls["sphinx"] == ["en", "nl"]
    monkeypatch.setattr(provenance, "build_time", lambda: "2026-01-02 17:30 UTC")
    lines = build()
    assert len(calls["sphinx"]) == 2, "nothing changed: the pages of the last build are reused"
    assert sum("reusing its HTML" in line for line in lines) == 2, lines
    assert "09:30" in (build_dir / "stage" / "nl" / "generated" / "edition.md").read_text(), "their build time with them"
    build("rca_threshold=1.25")
    assert len(calls["sphinx"]) == 4 and "17:30" in (build_dir / "stage" / "en" / "generated" / "edition.md").read_text()
    monkeypatch.setattr(build_mod, "sphinx_key", lambda strict: "other code")
    build("rca_threshold=1.25")
    assert len(calls["sphinx"]) == 6, "another code or Sphinx version: Sphinx runs"
    edition = load_edition(ROOT / "editions" / "2026.yml", [f"data_dir={raw}", "rca_threshold=1.25"])
    build_mod.build_book(edition, ROOT / "editions" / "2026.yml", ["rca_threshold=1.25"], out, progress=lambda m: None,
                         build_dir=build_dir, use_cache=False)
    assert len(calls["sphinx"]) == 8, "--no-cache runs Sphinx too"


def test_two_notebooks_publishing_different_tables_under_one_name_stop_the_build(tmp_path: Path):
    root = tmp_path / "tables"
    for entry, text in (("notebooks/a", "x\n1\n"), ("notebooks/b", "x\n2\n")):
        folder = build_mod.notebook_tables(root, entry)
        folder.mkdir(parents=True)
        (folder / "shared.csv").write_text(text)
    with pytest.raises(BuildError, match="a.ipynb and notebooks/a.ipynb|both publish a table named shared.csv"):
        build_mod.merge_tables(root, ["notebooks/a", "notebooks/b"], tmp_path / "out")


def test_build_only_modules_are_never_loaded_by_a_notebook():
    """The notebook key leaves out the build's own modules: a fresh interpreter importing everything a
    notebook imports (the book's notebook helpers and every chapter) must load none of them."""
    import subprocess
    import sys

    from helpers.book.cache import BUILD_ONLY

    code = ("import sys, pkgutil, importlib, helpers.chapters\n"
            "import helpers.book.notebook\n"
            "for m in pkgutil.walk_packages(helpers.chapters.__path__, 'helpers.chapters.'): importlib.import_module(m.name)\n"
            "print('\\n'.join(sorted(n for n in sys.modules if n.startswith('helpers'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    build_only = {name[:-3].replace("/", ".") for name in BUILD_ONLY}
    assert "helpers.chapters.overview" in loaded
    assert not build_only & set(loaded), build_only & set(loaded)


def test_a_sentence_reruns_no_notebook_and_code_of_one_language_that_language_only(tmp_path: Path, monkeypatch):
    """The key of a notebook in one language's book covers its code cells, without the other language's cells."""
    from helpers.book import cache

    nb = {"cells": [{"cell_type": "markdown", "metadata": {"tags": ["lang-nl"]}, "source": "Een zin."},
                    {"cell_type": "markdown", "metadata": {"tags": ["lang-en"]}, "source": "A sentence."},
                    {"cell_type": "code", "metadata": {}, "source": "x = 1"}], "metadata": {}}
    (tmp_path / "notebooks").mkdir()
    path = tmp_path / "notebooks" / "page.ipynb"
    monkeypatch.setattr(cache, "PROJECT_ROOT", tmp_path)
    (tmp_path / "src" / "helpers").mkdir(parents=True)
    (tmp_path / "data").mkdir()

    def keys() -> tuple[str, str]:
        path.write_text(json.dumps(nb))
        return tuple(cache.notebooks_key(["notebooks/page"], {"language": lang}, {}) for lang in ("nl", "en"))

    nl, en = keys()
    nb["cells"][0]["source"] = "Een andere zin."
    nl2, en2 = keys()
    assert (nl2, en2) == (nl, en), "a sentence reruns nothing: the stored notebook gets the new text (with_narrative)"
    nb["cells"][2]["source"] = "x = 2"
    nl3, en3 = keys()
    assert nl3 != nl2 and en3 != en2, "code runs in both"
    nb["cells"].insert(0, {"cell_type": "code", "metadata": {"tags": ["lang-nl"]}, "source": "y = 1"})
    nl4, en4 = keys()
    assert nl4 != nl3 and en4 == en3, "code of one language runs in that language's book only"


def _executed(entry: str, stage: Path, language: str) -> None:
    """A stand-in for an executed notebook: the notebook itself as its language's book runs it (no outputs)."""
    import nbformat

    from helpers.book.execute import prepare_for_book

    nb = nbformat.read(ROOT / f"{entry}.ipynb", as_version=4)
    prepare_for_book(nb, language)
    nbformat.write(nb, stage / f"{entry}.ipynb")


def test_no_pdf_leaves_the_pdf_and_its_link_out(fakes):
    """``helpers build --no-pdf``: no PDF is printed or published (not even one kept from the last build), no link to it."""
    raw, build_dir, out, calls, build = fakes
    build()
    assert sorted(calls["pdf"]) == ["en", "nl"] and (out / "nl" / "vlaamse-sterktes-2026.pdf").is_file()  # (side by side)
    landing = (build_dir / "stage" / "nl" / "generated" / "landing.md").read_text(encoding="utf-8")
    assert "vlaamse-sterktes-2026.pdf" in landing
    lines = build(with_pdf=False)
    assert len(calls["pdf"]) == 2, "nothing printed"
    assert any("left out (--no-pdf)" in line for line in lines)
    assert not list(out.rglob("*.pdf")), "the PDF kept in the stage is not published"
    assert "pdf" not in (build_dir / "stage" / "nl" / "generated" / "landing.md").read_text(encoding="utf-8").lower()
    build()
    assert len(calls["pdf"]) == 4 and (out / "en" / "flemish-strengths-2026.pdf").is_file()
