"""Shared fixtures: where the raw data are, and one real build of the book per test session."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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


def _seed_from_project_build(build_dir: Path) -> None:
    """Start from the stored notebooks and canonical tables of the project's own ``_build`` (``make book``).

    The build reuses an entry only when everything it depends on is unchanged (keys over the raw
    files, code, parameters and notebooks), so the pages checked are those a fresh build gives;
    ``HELPERS_TEST_FRESH=1`` builds everything again.
    """
    if os.environ.get("HELPERS_TEST_FRESH"):
        return
    for name in ("cache", "data"):
        source = ROOT / "_build" / name
        if source.is_dir():
            shutil.copytree(source, build_dir / name, ignore=shutil.ignore_patterns(".new-*", ".old-*"))


def build(tmp: Path, *extra: str, reuse: bool = False) -> Book:
    """Build the book into ``tmp/build`` by the real command (``reuse``: seeded from ``_build``)."""
    raw = raw_data_or_skip()
    build_dir = tmp / "build"
    if reuse:
        _seed_from_project_build(build_dir)
    result = run_helpers("build", "--build-dir", str(build_dir), "--set", f"data_dir={raw}", *extra)
    assert result.returncode == 0, f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return Book(build_dir, build_dir / "html", result.stdout)


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    """The book built once from the default edition on the real data, by the real command."""
    return build(tmp_path_factory.mktemp("book"), reuse=True)
