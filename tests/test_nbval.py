"""nbval (lax) over the executed notebooks of the session's build: they re-run without errors."""

from __future__ import annotations

import os
import re
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
    def nbval(paths: list[str], n: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q", "-n", n, "--dist", "loadfile", *paths],
                              capture_output=True, text=True, cwd=book.executed, timeout=900, env=env)

    result = nbval([str(p) for p in notebooks], workers)
    # two kernels starting at once can race for the same ports (jupyter_client): such a notebook never ran a cell,
    # so it alone is run again, one at a time; a notebook that ran and failed fails the test
    died = sorted({m for m in re.findall(r"ERROR (\S+\.ipynb)::Cell \d+ - RuntimeError: Kernel died before", result.stdout)})
    if result.returncode != 0 and died and not re.search(r"FAILED \S+\.ipynb", result.stdout):
        result = nbval(died, "1")
    assert result.returncode == 0, result.stdout[-4000:]
    assert " passed" in result.stdout
