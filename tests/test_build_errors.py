"""A failed build prints one line, exits non-zero and leaves the published book untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.book.build import publish, toc_notebooks
from helpers.errors import BuildError

from conftest import ROOT, Book, raw_data_or_skip, run_helpers, tree_digest, with_canonical_tables


@pytest.fixture
def previous_book(tmp_path: Path) -> Path:
    """A stand-in for an earlier, good book in the output folder."""
    out = tmp_path / "html"
    (out / "notebooks").mkdir(parents=True)
    (out / "index.html").write_text("<html>earlier book</html>")
    (out / "notebooks" / "overview.html").write_text("<html>earlier page</html>")
    return out


def _assert_one_line_failure(result, *expected: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for text in expected:
        assert text in lines[0], lines[0]


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("rca_threshold=-1", ["key 'rca_threshold'", "greater than 0"]),
        ("focus_region=XXX", ["key 'focus_region'", "unknown region code"]),
        ("windows.patents=[2019, 2010]", ["key 'windows.patents'"]),
        ("data_dir=/nonexistent/raw", ["key 'data_dir'", "/nonexistent/raw", "not a folder"]),
    ],
)
def test_bad_edition_leaves_previous_book(previous_book: Path, tmp_path: Path, override: str, expected: list[str]):
    before = tree_digest(previous_book)
    result = run_helpers("build", "--build-dir", str(tmp_path / "build"), "--out", str(previous_book), "--set", override)
    _assert_one_line_failure(result, *expected)
    assert tree_digest(previous_book) == before


def test_bad_edition_fails_before_the_build_is_imported():
    """The edition is read and checked before the build's modules (altair, the Jupyter and Sphinx machinery) are imported."""
    import subprocess
    import sys

    code = ("import sys\nfrom helpers.book import cli\n"
            "try:\n    cli.build(['--set', 'rca_threshold=-1'])\nexcept Exception as exc:\n    print(type(exc).__name__)\n"
            "print(sorted(m for m in ('helpers.book.build', 'altair', 'nbformat', 'papermill') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["InputError", "[]"], result.stdout + result.stderr


def test_window_beyond_the_data_stops_after_the_data_step(previous_book: Path, tmp_path: Path, book: Book):
    """A valid edition whose window has no data stops right after the data step, naming the window (the data step
    reuses the session book's canonical tables: the check reads the tables, however they were made)."""
    raw = raw_data_or_skip()
    before = tree_digest(previous_book)
    result = run_helpers("build", "--build-dir", str(with_canonical_tables(book, tmp_path / "build")), "--out", str(previous_book),
                         "--set", f"data_dir={raw}", "--set", "windows.patents=[1950, 1960]")
    _assert_one_line_failure(result, "windows.patents", "1950-1960", "unchanged")
    assert tree_digest(previous_book) == before
    assert "[data] done" in result.stdout and "[notebooks]" not in result.stdout


def test_failing_notebook_names_notebook_and_cell(tmp_path: Path):
    """A notebook that fails at run time is named with its failing cell and line (a real kernel)."""
    import nbformat

    from helpers.book.build import run_notebook

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("y = 2\nz = x / 0")]
    source = tmp_path / "failing.ipynb"
    nbformat.write(nb, source)
    (tmp_path / "out").mkdir()
    with pytest.raises(BuildError) as error:
        run_notebook(source, tmp_path / "out" / "failing.ipynb", {}, "nl")
    message = str(error.value)
    assert "\n" not in message
    for text in (str(source), "cell 2", "line 2", "'z = x / 0'", "ZeroDivisionError", "executed copy"):
        assert text in message, message


def test_a_warning_on_a_page_stops_the_build(tmp_path: Path):
    """A warning or printed line that would reach readers stops the build, naming the notebook and cell (a real kernel)."""
    import nbformat

    from helpers.book.build import run_notebook

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("import warnings\nwarnings.warn('dropped 1 region')"),
                nbformat.v4.new_code_cell("print('hidden')", metadata={"tags": ["remove-output"]})]
    source = tmp_path / "warns.ipynb"
    nbformat.write(nb, source)
    (tmp_path / "out").mkdir()
    with pytest.raises(BuildError, match=r"warns.ipynb: cell 2 writes stderr onto the page .*dropped 1 region"):
        run_notebook(source, tmp_path / "out" / "warns.ipynb", {}, "nl")
    nb.cells = [nb.cells[0], nb.cells[2]]
    nbformat.write(nb, source)
    run_notebook(source, tmp_path / "out" / "warns.ipynb", {}, "nl")  # a removed output is no leak


def test_publish_replaces_whole_folder(tmp_path: Path):
    new = tmp_path / "new"
    (new / "sub").mkdir(parents=True)
    (new / "index.html").write_text("new")
    (new / "sub" / "page.html").write_text("page")
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale.html").write_text("old")
    publish(new, out)
    assert sorted(p.name for p in out.rglob("*")) == ["index.html", "page.html", "sub"]
    assert not list(tmp_path.glob(".out.*")), "no temporary folder is left behind"


def test_publish_failure_keeps_old(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("old")
    before = tree_digest(out)
    with pytest.raises(BuildError, match="nothing to publish"):
        publish(tmp_path / "missing", out)
    assert tree_digest(out) == before


def test_toc_lists_existing_notebooks():
    entries = toc_notebooks()
    assert entries, "the book has at least one notebook"
    for entry in entries:
        assert (ROOT / f"{entry}.ipynb").is_file(), entry
