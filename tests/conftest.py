"""Shared fixtures: where the raw data are, and one real build of the book per test session."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The suite runs builds (two notebooks at a time) beside in-process numerics: BLAS threads would only compete.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RAW_DATA = Path(os.environ.get("HELPERS_RAW_DATA", ROOT.parent / "shared" / "data")).resolve()
HELPERS = [sys.executable, "-m", "helpers.cli"]


def raw_data_or_skip() -> Path:
    if not RAW_DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"raw data folder {RAW_DATA} is missing; CI must have ../shared/data beside the clone")
        pytest.skip(f"raw data folder {RAW_DATA} not present (set HELPERS_RAW_DATA)")
    return RAW_DATA


def run_helpers(*args: str, cwd: Path = ROOT, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*HELPERS, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def tree_digest(path: Path) -> str:
    """One hash over every file's relative path and bytes (to prove a folder did not change)."""
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(path)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


@dataclass
class Book:
    """A built site: ``site`` holds one book per language (``nl/``, ``en/``); ``html`` is the Dutch book
    (the edition's default language), ``executed`` its executed notebooks."""

    build_dir: Path
    site: Path
    log: str
    language: str = "nl"

    @property
    def html(self) -> Path:
        return self.site / self.language

    def in_language(self, language: str) -> "Book":
        return Book(self.build_dir, self.site, self.log, language)

    @property
    def executed(self) -> Path:
        return self.build_dir / "stage" / self.language / "notebooks"


def build(tmp: Path, *extra: str) -> Book:
    """Build the book into ``tmp/build`` by the real command."""
    return build_into(tmp / "build", *extra)


@contextmanager
def one_build_at_a_time(build_dir: Path) -> Iterator[None]:
    """The test processes (``pytest -n``) build in ``build_dir`` one after the other (a build there refuses a second one)."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".tests.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def build_into(build_dir: Path, *extra: str, out: Path | None = None) -> Book:
    """Build the book with ``build_dir`` as its build folder (published to ``out``, by default ``build_dir/html``) by the real command."""
    with one_build_at_a_time(build_dir):
        return _build_command(build_dir, *extra, out=out)


def _build_command(build_dir: Path, *extra: str, out: Path | None = None) -> Book:
    raw = raw_data_or_skip()
    # the edition's own folder needs no override (an override would show on the edition page and change it)
    data = [] if raw == (ROOT.parent / "shared" / "data").resolve() else ["--set", f"data_dir={raw}"]
    site = out or build_dir / "html"
    result = run_helpers("build", "--edition", "editions/2026.yml", "--build-dir", str(build_dir), "--out", str(site), *data, *extra)  # as `make book`
    assert result.returncode == 0, f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return Book(build_dir, site, result.stdout)


@pytest.fixture(scope="session")
def real_canonical(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The canonical tables of every real source, made by the build's own data step (read them, never write there).

    They are the project build folder's (``_build/data``), which ``make book`` leaves: reused as a build reuses them,
    when they were made from today's raw files and code, else made there now (one test process at a time). So the
    modules that compute real pages share one folder of tables instead of each making those of a few sources.
    ``HELPERS_TEST_FRESH=1`` makes them in a temporary folder instead.
    """
    from helpers.book.build import current_data, data_step

    raw = raw_data_or_skip()
    if os.environ.get("HELPERS_TEST_FRESH"):
        folder = tmp_path_factory.mktemp("canonical") / "data"
        data_step(raw, folder, False, lambda m: None)
        return folder
    build_dir = ROOT / "_build"
    folder = build_dir / "data"
    if current_data(raw, folder) is None:  # (a build replaces the folder whole, then stamps it: no lock needed to read)
        with one_build_at_a_time(build_dir):
            data_step(raw, folder, True, lambda m: None)
    return folder


def with_canonical_tables(book: Book, build_dir: Path) -> Path:
    """``build_dir`` (new) holding the canonical tables of the session's ``book``, made from the same raw files and
    code: a test's own build reuses them instead of making them again (seconds of its run), as a second
    ``make book`` does."""
    shutil.copytree(book.build_dir / "data", build_dir / "data")
    return build_dir


def in_both_languages(memo_folder: Path, compute: Callable[[str], Any]) -> tuple[dict[str, Any], dict[str, set[str]]]:
    """``compute(language)`` for the Dutch and then the English book with the build's shared results in ``memo_folder``,
    as a build runs its pages; with the shared results stored after each language (file names)."""
    from helpers.chapters import memo

    out: dict[str, Any] = {}
    stored: dict[str, set[str]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(memo.ENV, str(memo_folder))
        for language in ("nl", "en"):
            out[language] = compute(language)
            stored[language] = {p.name for p in memo_folder.glob("*.pickle")}
    return out, stored


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory, testrun_uid: str) -> Book:
    """The book built from the default edition on the real data, by the real command, once per session.

    It is built in the project's own build folder (``_build``, as ``make book`` does), so after ``make book``
    every step whose inputs are unchanged is reused (canonical tables, executed notebooks, Sphinx's pages,
    the PDFs) and the pages checked are exactly those a build of this code gives. ``HELPERS_TEST_FRESH=1``
    builds everything again in a temporary folder instead.
    """
    if os.environ.get("HELPERS_TEST_FRESH"):
        return build(tmp_path_factory.mktemp("book"))
    build_dir = ROOT / "_build"
    # with several test processes (pytest -n) the first builds and the others use its book: a second build
    # would publish the same site again while the first process's tests read it
    marker = build_dir / f".tests-{testrun_uid}"
    with one_build_at_a_time(build_dir):
        if marker.is_file():
            return Book(build_dir, build_dir / "html", marker.read_text(encoding="utf-8"))
        built = _build_command(build_dir)
        for old in build_dir.glob(".tests-*"):
            old.unlink(missing_ok=True)
        marker.write_text(built.log, encoding="utf-8")
        return built


#: modules that take longest (their own builds, browsers, real pages in two languages): with one test process
#: per core (pytest -n, --dist loadfile --no-loadscope-reorder, as `make test` runs it) they start first, so that none of
#: them is left running alone at the end
SLOW_FIRST = ("test_security.py", "test_phone.py", "test_meaning_chapters.py", "test_meaning_technologies.py", "test_browser.py",
              "test_data_regpat_stream.py", "test_stability_ipc_summary.py", "test_build_robustness.py", "test_sector_pages.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    order = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: order.get(item.path.name, len(order)))  # (stable: the others keep their order)
