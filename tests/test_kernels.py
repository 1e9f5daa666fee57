"""A notebook worker keeps its kernel between notebooks (helpers.book.kernels); each notebook must still
run as in a fresh kernel: no names, warning filters, working folder, language or execution counts
carried over from the notebook before."""

from __future__ import annotations

import os
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


def test_a_stored_notebook_takes_the_new_text_and_keeps_its_outputs(tmp_path):
    """A text change reuses the executed notebook (helpers.book.execute.with_narrative): new Markdown, same outputs."""
    from helpers.book.execute import with_narrative

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_markdown_cell("Oude tekst.", metadata={"tags": ["lang-nl"]}),
                nbformat.v4.new_markdown_cell("Old text.", metadata={"tags": ["lang-en"]}),
                nbformat.v4.new_code_cell("print(x * 7)", metadata={"tags": ["remove-output"]})]
    source, target = tmp_path / "page.ipynb", tmp_path / "out" / "page.ipynb"
    target.parent.mkdir()
    nbformat.write(nb, source)
    run_notebook(source, target, {"x": 6}, "nl")
    nb.cells[1].source = "Nieuwe tekst."
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("Een tweede alinea.", metadata={"tags": ["lang-nl"]}))
    nbformat.write(nb, source)
    assert with_narrative(target, source, "nl")
    cells = nbformat.read(target, as_version=4).cells
    kinds = [(c.cell_type, c.source if c.cell_type == "markdown" else c.metadata.get("tags")) for c in cells]
    assert kinds == [("code", ["parameters", "remove-cell"]), ("code", ["injected-parameters", "remove-cell"]),
                     ("markdown", "Nieuwe tekst."), ("markdown", "Een tweede alinea."), ("code", ["remove-output"])]
    assert cells[-1].outputs[0]["text"].strip() == "42", "the outputs of the run are kept"
    stamp = target.stat().st_mtime_ns
    os.utime(target, ns=(stamp - 10**9, stamp - 10**9))
    assert with_narrative(target, source, "nl") and target.stat().st_mtime_ns == stamp - 10**9, "the same text: not written again"
    nb.cells[-1].source = "print(x * 8)"
    nbformat.write(nb, source)
    assert not with_narrative(target, source, "nl"), "changed code: the notebook runs again"


def test_a_stored_notebook_with_unchanged_text_is_the_same_bytes_as_its_run(tmp_path):
    """The page of a run and the same page rebuilt from the stored run (same text) are byte-identical, so the first
    rebuild after a run does not make Sphinx read every page again (papermill's timings on Markdown cells are dropped)."""
    from helpers.book.execute import with_narrative

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_markdown_cell("Tekst.", metadata={"tags": ["lang-nl"]}),
                nbformat.v4.new_markdown_cell("Text.", metadata={"tags": ["lang-en"]}),
                nbformat.v4.new_code_cell("print(x)", metadata={"tags": ["remove-output"]}),
                nbformat.v4.new_markdown_cell("Slot.")]
    source, target = tmp_path / "page.ipynb", tmp_path / "out" / "page.ipynb"
    target.parent.mkdir()
    nbformat.write(nb, source)
    run_notebook(source, target, {"x": 6}, "nl")
    ran = target.read_bytes()
    assert b'"papermill"' in ran, "the code cells keep papermill's record"
    assert with_narrative(target, source, "nl")
    assert target.read_bytes() == ran


def test_a_kernel_that_cannot_be_reset_is_replaced_once(tmp_path, monkeypatch):
    real_reset, calls = kernels.reset, []

    def flaky(km, cwd, language):
        calls.append(km)
        if len(calls) == 1:
            raise RuntimeError("not ready")
        real_reset(km, cwd, language)

    monkeypatch.setattr(kernels, "reset", flaky)
    try:
        km = kernels.worker_kernel(tmp_path, "nl", tmp_path / "kernels.log")
        assert len(calls) == 2 and calls[1] is km and calls[0] is not km, "a second, new kernel"
        monkeypatch.setattr(kernels, "reset", lambda *a: (_ for _ in ()).throw(RuntimeError("never ready")))
        kernels.shutdown()
        with pytest.raises(RuntimeError, match="never ready"):
            kernels.worker_kernel(tmp_path, "nl", tmp_path / "kernels.log")
    finally:
        kernels.shutdown()
