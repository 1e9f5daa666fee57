"""Executing the book's notebooks: each in its own worker process and kernel, ``jobs`` at a time, with
papermill; the executed copy is prepared for readers (other languages' cells dropped, parameter cells and
code inputs removed) and each notebook's tables land in a folder of its own.

Used by :mod:`helpers.book.build` (step 4); the workers' stderr goes to ``logs/`` beside the stage.
"""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
import os
import re
import shutil
import signal
import threading
import time
from pathlib import Path
from typing import Any, Callable, NamedTuple

import nbformat

from helpers.book import guards, kernels
from helpers.book.edition import PROJECT_ROOT
from helpers.chapters import memo
from helpers.errors import BuildError

Progress = Callable[[str], None]


def prepare_for_book(nb: nbformat.NotebookNode, language: str) -> None:
    """Drop cells tagged ``lang-xx`` for other languages (narrative is written in nl and en) and
    hide the parameter cells (the edition page lists the parameters; injected paths are local).
    Markdown cells lose papermill's timing record, so that the page of a run and the same page rebuilt
    from its stored run with the source's text (:func:`with_narrative`) are the same bytes, and Sphinx
    does not read every page again at the first rebuild after a run."""
    nb.cells = [
        cell for cell in nb.cells
        if not any(tag.startswith("lang-") and tag != f"lang-{language}" for tag in cell.get("metadata", {}).get("tags", []))
    ]
    for cell in nb.cells:
        if cell.get("cell_type") == "markdown":
            cell.get("metadata", {}).pop("papermill", None)
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if ("parameters" in tags or "injected-parameters" in tags) and "remove-cell" not in tags:
            tags.append("remove-cell")


def with_narrative(executed: Path, source: Path, language: str) -> bool:
    """Give the executed notebook ``executed`` the narrative (Markdown cells) of ``source`` as the ``language``
    book shows it, keeping its code cells and their outputs; True when done.

    The cache key of a notebook covers its code cells only (:func:`helpers.book.cache.notebook_in_language`),
    so a stored notebook is reused after a change of its text: its outputs are those the same code gives, and
    the glued numbers in the new text are resolved by Jupyter Book from them. False (the notebook must run)
    when the code cells of the two do not line up.
    """
    try:
        text, done = _read(source), _read(executed)
    except Exception:  # unreadable or not a notebook: run it
        return False
    prepare_for_book(text, language)
    queue = [cell for cell in done.cells if cell.get("cell_type") == "code"]

    def injected(cells: list[Any]) -> list[Any]:  # papermill's parameters cell, right after the notebook's own
        taken = []
        while queue and "injected-parameters" in queue[0].get("metadata", {}).get("tags", []):
            taken.append(queue.pop(0))
        return taken

    cells = injected([])
    for cell in text.cells:
        if cell.get("cell_type") != "code":
            cells.append(cell)
            continue
        if not queue or queue[0].get("source") != cell.get("source"):
            return False
        cells.append(queue.pop(0))
        cells += injected(cells)
    if queue:
        return False
    if cells != done.cells:  # (the text changed since the notebook ran; else it is left as it is)
        done.cells = cells
        nbformat.write(done, executed)
    return True


def _read(path: Path) -> Any:
    """A version-4 notebook, read without nbformat's schema validation (a changed notebook is validated when
    written); another version is converted by nbformat."""
    nb = nbformat.from_dict(json.loads(path.read_text(encoding="utf-8")))
    return nb if nb.get("nbformat") == 4 and isinstance(nb.get("cells"), list) else nbformat.read(path, as_version=4)


def inputs_removed(path: Path) -> None:
    """Remove every code cell's input from the executed notebook's page (tag ``remove-input`` instead of
    ``hide-input``): readers get the results, never a "show code" toggle; the notebooks in the repository
    hold the code. Done on the staged copy, so that a stored notebook is presented the same way."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") == "code" and "hide-input" in tags:
            cell["metadata"]["tags"] = ["remove-input" if tag == "hide-input" else tag for tag in tags]
            changed = True
    if changed:
        path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def run_notebook(source: Path, target: Path, parameters: dict[str, Any], language: str, km: Any = None) -> None:
    """Execute one notebook with papermill, in a fresh kernel or in the kernel of ``km`` (a worker's kept kernel,
    :mod:`helpers.book.kernels`); raise a one-line :class:`BuildError` naming the failing cell."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    declared = pm.inspect_notebook(str(source))
    params = {k: v for k, v in parameters.items() if k in declared}
    in_kernel = {} if km is None else {"km": km, "engine_name": kernels.register_engine()}
    try:
        pm.execute_notebook(str(source), str(target), parameters=params, kernel_name="python3", progress_bar=False,
                            cwd=str(target.parent), request_save_on_cell_execute=False,
                            extra_arguments=kernels.KERNEL_ARGUMENTS, **in_kernel)
    except PapermillExecutionError as exc:
        rel = source.relative_to(PROJECT_ROOT) if source.is_relative_to(PROJECT_ROOT) else source
        evalue = exc.evalue.strip().splitlines()[0] if exc.evalue.strip() else ""
        raise BuildError(f"{rel}: cell {exc.exec_count}, {_failing_line(exc)} failed with {exc.ename}: {evalue} "
                         f"[executed copy with the traceback: {target}]") from None
    nb = nbformat.read(target, as_version=4)
    prepare_for_book(nb, language)
    scrub_kernel_paths(nb)
    nbformat.write(nb, target)
    leaked = leaked_output(nb)
    if leaked:
        rel = source.relative_to(PROJECT_ROOT) if source.is_relative_to(PROJECT_ROOT) else source
        raise BuildError(f"{rel}: cell {leaked[0]} writes {leaked[1]} onto the page ({leaked[2]!r}); readers must not see warnings or "
                         f"log lines: catch it in the chapter, or tag the cell remove-output [executed copy: {target}]")


def leaked_output(nb: nbformat.NotebookNode) -> tuple[int, str, str] | None:
    """The first output that is a warning or log line shown to readers: printed text (stdout or stderr) of a
    code cell whose output is not removed from the page; as (cell number, stream, first line), or None."""
    for number, cell in enumerate(nb.cells, 1):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") != "code" or {"remove-output", "remove-cell"} & set(tags):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and str(output.get("text", "")).strip():
                return number, str(output.get("name", "stdout")), str(output["text"]).strip().splitlines()[0][:120]
    return None


# where IPython keeps a cell's code for tracebacks and warnings: <tmp>/ipykernel_<pid>/<hash>.py
_KERNEL_CELL_FILE = re.compile(r"[^\s\"'<>()]*ipykernel_\d+[\\/]\d+\.py")


def scrub_kernel_paths(nb: nbformat.NotebookNode) -> None:
    """Replace the kernel's temporary cell file names (``/tmp/ipykernel_1234/5678.py``) in the
    outputs by ``<cell>``: they change with every run and would make two identical builds differ."""
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return _KERNEL_CELL_FILE.sub("<cell>", value)
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        return value

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for field in ("text", "traceback", "evalue", "data"):
                if field in output:
                    output[field] = clean(output[field])


def _failing_line(exc: Any) -> str:
    """``line N (`code`)`` of the cell where the error was raised, from the kernel's traceback."""
    for line in (re.sub(r"\x1b\[[0-9;]*m", "", entry) for entry in exc.traceback):
        for row in line.splitlines():
            match = re.match(r"^-+> ?(\d+)\s+(.*)$", row.strip())
            if match:
                return f"line {match.group(1)} ({match.group(2).strip()[:80]!r})"
    first = next((row for row in exc.source.splitlines() if row.strip() and not row.startswith("#")), "")
    return f"starting {first.strip()[:60]!r}"


class NotebookTask(NamedTuple):
    """One notebook to run for one language's book: its ``_toc.yml`` entry, the folder it is written to
    (that book's stage), its parameters and the book's language."""
    entry: str
    stage: str
    parameters: dict[str, Any]
    language: str


def _run_one(entry: str, stage: str, parameters: dict[str, Any], language: str) -> float:
    """Run one notebook in a worker process (in the worker's kept kernel); returns the seconds it took.

    The worker's own stderr (ZeroMQ and papermill messages) goes to ``<stage>/../logs/<notebook>.log``
    and its kernel's to ``logs/kernels.log``, so that the terminal shows the build's progress and its
    one-line errors only.
    """
    log = _logs(stage) / f"{Path(entry).name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as handle:
        os.dup2(handle.fileno(), 2)
    os.environ["HELPERS_BOOK_BUILD"] = "1"  # the kernel inherits it: charts use the offline renderer
    os.environ["HELPERS_LANGUAGE"] = language  # and number formats follow the book's language
    os.environ[memo.ENV] = str(memo_folder(stage))  # and results are shared between the build's notebooks
    # ``jobs`` notebooks run side by side, one per core: BLAS threads in each kernel would only compete
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    tables = notebook_tables(parameters["tables_dir"], entry)
    tables.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    target = Path(stage) / f"{entry}.ipynb"
    km = kernels.worker_kernel(target.parent, language, _logs(stage) / "kernels.log")
    run_notebook(PROJECT_ROOT / f"{entry}.ipynb", target, parameters | {"tables_dir": str(tables)}, language, km=km)
    return time.perf_counter() - t


def notebook_tables(tables_root: str | Path, entry: str) -> Path:
    """Where notebook ``entry`` writes its CSV tables: its own folder, so that its cache entry holds
    exactly its tables (:func:`merge_tables` gathers them for the book)."""
    return Path(tables_root) / Path(entry).name


def merge_tables(tables_root: Path, notebooks: list[str], target: Path) -> None:
    """Copy every notebook's tables into the book's one tables folder; two notebooks that publish
    different tables under one name stop the build (one would silently replace the other)."""
    target.mkdir(parents=True, exist_ok=True)
    owner: dict[str, str] = {}
    for entry in notebooks:
        folder = notebook_tables(tables_root, entry)
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.name.startswith("_"):  # the page's findings, gathered for the landing page instead
                continue
            dest = target / path.name
            if path.name in owner and dest.read_bytes() != path.read_bytes():
                raise BuildError(f"{entry}.ipynb and {owner[path.name]}.ipynb both publish a table named {path.name} with different "
                                 "contents; give one of them another name")
            owner[path.name] = entry
            shutil.copy2(path, dest)


def memo_folder(stage: str | Path) -> Path:
    """Where the notebooks of a build share results (:mod:`helpers.chapters.memo`): beside the stage, emptied by every build."""
    return Path(stage).parent / "memo"


def _logs(stage: str | Path) -> Path:
    return Path(stage).parent / "logs"


def run_notebooks(tasks: list[NotebookTask], jobs: int, progress: Progress) -> dict[tuple[str, str], float]:
    """Execute the notebooks of every language's book, ``jobs`` at a time: ``jobs`` worker processes,
    each keeping one kernel that it resets between notebooks (:mod:`helpers.book.kernels`); returns the
    seconds each took, by (entry, language).

    The first failure stops the run: notebooks not yet started are cancelled, those running are
    let finish, and the one-line :class:`BuildError` of the failing notebook that comes first in
    ``tasks`` (the first language's book first, each in book order) is raised (the same notebook whatever the timing), with the
    count of other failures.

    A Ctrl-C (or any other exception in this process) kills the workers and their kernels at once
    and is raised again. The workers ignore Ctrl-C themselves and write their stderr to
    ``logs/workers.log`` (then each notebook's own log), never to the terminal.
    """
    timings: dict[tuple[str, str], float] = {}
    failures: dict[int, BaseException] = {}
    n = len(tasks)
    languages = len({task.language for task in tasks}) > 1
    context = multiprocessing.get_context("spawn")
    # each worker keeps one kernel and resets it between notebooks (helpers.book.kernels): the imports are paid once per worker
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=max(1, min(jobs, n)), mp_context=context, initializer=guards.worker_init)
    try:
        with guards.stderr_to(_logs(tasks[0].stage) / "workers.log"):
            futures = {}
            for i, task in enumerate(tasks, 1):
                futures[pool.submit(_run_one, *task)] = (i, task)
            progress(f"[notebooks] {n} to run, {max(1, min(jobs, n))} at a time")
            for future in concurrent.futures.as_completed(futures):
                i, (entry, stage, _, language) = futures[future]
                if future.cancelled():
                    continue
                error = future.exception()
                if isinstance(error, concurrent.futures.process.BrokenProcessPool):
                    error = BuildError(f"{entry}.ipynb: the process running it stopped unexpectedly; see {_logs(stage) / Path(entry).name}.log")
                if error is not None:
                    failures[i] = error
                    for other in futures:
                        other.cancel()
                    continue
                timings[entry, language] = seconds = future.result()
                progress(f"[{i}/{n}] {entry}.ipynb{f' ({language})' if languages else ''} done in {seconds:.1f} s")
    except BaseException:
        _stop_pool(pool)
        raise
    pool.shutdown(wait=True)
    if failures:
        first = failures[min(failures)]
        if len(failures) > 1 and isinstance(first, BuildError):
            raise BuildError(f"{first} (and {len(failures) - 1} more notebook(s) failed)")
        raise first
    return timings


def _stop_pool(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """Kill the pool's workers and their kernels now (not after their notebooks end) and wait, a few
    seconds at most, for the pool's manager thread. A second Ctrl-C meanwhile is ignored."""
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main else None
    try:
        processes = pool._processes if pool._processes is not None else {}  # the pool keeps this dict up to date
        manager = pool._executor_manager_thread
        pool.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + 10
        while True:
            guards.stop_processes(list(processes.copy()))
            if manager is None or time.monotonic() > deadline:
                break
            manager.join(timeout=0.2)
            if not manager.is_alive():
                break
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous)
