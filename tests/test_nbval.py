"""nbval (lax) over the executed notebooks of the session's build: they re-run without errors."""

from __future__ import annotations

import subprocess
import sys

from conftest import Book


def test_executed_notebooks_rerun_with_nbval(book: Book):
    notebooks = sorted(book.executed.glob("*.ipynb"))
    assert notebooks, "the build left executed notebooks"
    result = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q", *map(str, notebooks)],
                            capture_output=True, text=True, cwd=book.executed, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:]
    assert " passed" in result.stdout
