"""Shared fixtures: where the raw data are, and one real build of the book per test session."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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
    build_dir: Path
    html: Path
    log: str

    @property
    def executed(self) -> Path:
        return self.build_dir / "stage" / "notebooks"


def build(tmp: Path, *extra: str) -> Book:
    raw = raw_data_or_skip()
    build_dir = tmp / "build"
    result = run_helpers("build", "--build-dir", str(build_dir), "--set", f"data_dir={raw}", *extra)
    assert result.returncode == 0, f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return Book(build_dir, build_dir / "html", result.stdout)


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    """The book built once from the default edition on the real data, by the real command."""
    return build(tmp_path_factory.mktemp("book"))
