"""nbval (lax) over the executed notebooks of the session's build: they re-run without errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import Book


@pytest.mark.slow  # every notebook a second time; the build itself already fails on any error in a notebook
def test_executed_notebooks_rerun_with_nbval(book: Book):
    notebooks = sorted(book.executed.glob("*.ipynb"))
    assert notebooks, "the build left executed notebooks"
    # one notebook per core (pytest-xdist; all cells of a notebook on one worker), BLAS on one thread each
    workers = str(max(1, min(4, os.cpu_count() or 1)))
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    result = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q", "-n", workers, "--dist", "loadfile", *map(str, notebooks)],
                            capture_output=True, text=True, cwd=book.executed, timeout=900, env=env)
    assert result.returncode == 0, result.stdout[-4000:]
    assert " passed" in result.stdout
