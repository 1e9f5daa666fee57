"""A notebook worker keeps its kernel between notebooks (helpers.book.kernels); each notebook must still
run as in a fresh kernel: no names, warning filters, working folder, language or execution counts
carried over from the notebook before."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from helpers.book import kernels
from helpers.book.execute import run_notebook
from helpers.errors import BuildError


def _notebook(path: Path, *sources: str) -> Path:
    """Code cells whose printed output is not shown (tag remove-output), except those starting with ``# shown``."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source, metadata={"tags": [] if source.startswith("# shown") else ["remove-output"]})
                for source in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _outputs(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return ["".join(out.get("text", "")) for cell in nb.cells for out in cell.get("outputs", [])]


@pytest.fixture
def kept(tmp_path):
    def run(name: str, language: str, *sources: str) -> Path:
        folder = tmp_path / language
        folder.mkdir(exist_ok=True)
        source = _notebook(tmp_path / f"{name}.ipynb", *sources)
        target = folder / f"{name}.ipynb"
        run_notebook(source, target, {}, language, km=kernels.worker_kernel(folder, language, tmp_path / "kernels.log"))
        return target

    yield run
    kernels.shutdown()


def test_the_kept_kernel_runs_each_notebook_as_a_fresh_one(kept, tmp_path):
    first = kept("first", "nl",
                 "import os, warnings\nleftover = 1\nwarnings.filterwarnings('ignore')\nos.chdir('/')",
                 "import os\nprint(os.getpid(), os.environ['HELPERS_LANGUAGE'])")
    pid, language = _outputs(first)[0].split()
    assert language == "nl"

    second = kept("second", "en",
                  "import os\nprint(os.getpid(), os.environ['HELPERS_LANGUAGE'], os.getcwd())",
                  "print('leftover' in globals())")
    again_pid, language, cwd = _outputs(second)[0].split()
    assert again_pid == pid, "the worker's kernel was not kept"
    assert (language, Path(cwd)) == ("en", tmp_path / "en"), "language and working folder are those of this notebook"
    assert _outputs(second)[1].strip() == "False", "a name of the notebook before is gone"
    counts = [cell.execution_count for cell in nbformat.read(second, as_version=4).cells]
    assert counts == [1, 2], "execution counts start at 1 as in a fresh kernel"

    # the filter 'ignore' set by the first notebook is gone: the warning reaches the page, and the build stops
    with pytest.raises(BuildError, match="writes stderr onto the page"):
        kept("third", "en", "# shown\nimport warnings\nwarnings.warn('shown again')")


def test_a_name_left_by_the_notebook_before_is_not_found(kept):
    kept("defines", "nl", "only_here = 1")
    with pytest.raises(BuildError, match="NameError"):
        kept("uses", "nl", "only_here + 1")


def test_a_dead_kernel_is_replaced(kept):
    first = kept("dies", "nl", "import os\nprint(os.getpid())")
    pid = _outputs(first)[0].strip()
    kernel = kernels._WORKER["km"]
    kernel.provisioner.process.kill()
    kernel.provisioner.process.wait()
    second = kept("after", "nl", "import os\nprint(os.getpid())")
    assert _outputs(second)[0].strip() != pid
