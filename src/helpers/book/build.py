"""``helpers build``: validate the edition, build the canonical data, run every notebook through
papermill, build the book with Jupyter Book 1 and publish it atomically.

Steps and where things go (all under ``_build/`` of the project unless ``--out`` says otherwise):

1. validate the edition file and ``--set`` overrides (:mod:`helpers.book.edition`);
2. build the canonical data tables from ``data_dir`` into ``_build/data`` (:mod:`helpers.data.canonical`);
3. assemble the book source in a fresh ``_build/stage.next``: ``_config.yml``, ``_toc.yml``, ``book/``,
   the offline JavaScript (Vega bundle, MathJax) and the executed notebooks;
4. run each notebook of ``_toc.yml`` with papermill, passing the edition's parameters it declares,
   unless its cache entry (:mod:`helpers.book.cache`: same notebook, code, data and parameters)
   can be reused; each notebook writes its tables into a folder of its own, gathered afterwards;
5. write the generated pages (edition record, data dictionary);
6. synchronise the new source into ``_build/stage`` (only changed files are rewritten) and
   ``jupyter-book build`` it: Sphinx's incremental build rewrites the changed pages only;
7. publish: copy the HTML next to the output folder and swap it in only when every step above
   succeeded. On any failure the previously published book is left exactly as it was.

Before step 2 the build checks that it can write the build folder and the output's folder and
that the kernels can reach 127.0.0.1 (:mod:`helpers.book.guards`), so that such a problem is one
line at once rather than a traceback minutes later. It then holds ``<build-dir>/.lock`` for the
whole run and removes the temporary folders a killed build left in the build folder
(``.data.tmp-*``, ``.data.old-*``, ``cache/.new-*``; :func:`helpers.book.guards.remove_stale` has
the rule). Publishing holds ``<out>.lock`` beside the output folder, so two builds with different
build folders publishing to the same place take turns. Ctrl-C stops the notebook workers and
their kernels at once; the command then prints one line and exits with status 130.
"""

from __future__ import annotations

import concurrent.futures
import fcntl
import filecmp
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import nbformat
import yaml

from helpers.book import render
from helpers.book import provenance
from helpers.book import annexes
from helpers.book import guards
from helpers.book import pdf
from helpers.book.cache import cache_key_of_files, cache_problem, notebooks_key, prune_cache, store_cache, store_notebook, usable_cache  # noqa: F401 (re-exported)
from helpers.book.edition import PROJECT_ROOT, Edition
from helpers.errors import BuildError

Progress = Callable[[str], None]
BUILD_DIR = PROJECT_ROOT / "_build"


def _say(msg: str) -> None:
    print(msg, flush=True)


@contextmanager
def _lock(build_dir: Path) -> Iterator[None]:
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build is running in {build_dir}; wait for it to finish") from None
        yield


def toc_notebooks(toc_path: Path = PROJECT_ROOT / "_toc.yml") -> list[str]:
    """The notebook entries of ``_toc.yml`` (``notebooks/<name>``), in book order."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("file", "root") and isinstance(value, str) and value.startswith("notebooks/"):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return found


def _stage_sources(stage: Path, edition: Edition) -> None:
    """Copy the book's text sources and offline assets into the stage."""
    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    if edition.language == "en":
        config["title"] = "Flemish strengths in figures"
    config["title"] = f"{config['title']} {edition.edition}"
    config.setdefault("sphinx", {}).setdefault("config", {})["language"] = edition.language
    (stage / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    shutil.copy2(PROJECT_ROOT / "_toc.yml", stage / "_toc.yml")
    shutil.copytree(PROJECT_ROOT / "book", stage / "book", ignore=shutil.ignore_patterns("_static"))
    shutil.copytree(PROJECT_ROOT / "book" / "_static", stage / "_static")
    render.write_bundle(stage / "_static")
    mathjax = _mathjax_file()
    (stage / "_vendor" / "mathjax").mkdir(parents=True)
    shutil.copy2(mathjax, stage / "_vendor" / "mathjax" / "tex-svg.js")
    (stage / "notebooks").mkdir()
    (stage / "generated").mkdir()


def _mathjax_file() -> Path:
    try:
        import mathjax  # the django-static-mathjax wheel: MathJax 3 as plain files
    except ImportError:
        raise BuildError("MathJax is not installed; reinstall the project (pip install -e .) to get django-static-mathjax") from None
    path = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5" / "tex-svg.js"
    if not path.is_file():
        raise BuildError(f"MathJax not found at {path}; reinstall the project (pip install -e .)")
    return path


def prepare_for_book(nb: nbformat.NotebookNode, language: str) -> None:
    """Drop cells tagged ``lang-xx`` for other languages (narrative is written in nl and en) and
    hide the parameter cells (the edition page lists the parameters; injected paths are local)."""
    nb.cells = [
        cell for cell in nb.cells
        if not any(tag.startswith("lang-") and tag != f"lang-{language}" for tag in cell.get("metadata", {}).get("tags", []))
    ]
    for cell in nb.cells:
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if ("parameters" in tags or "injected-parameters" in tags) and "remove-cell" not in tags:
            tags.append("remove-cell")


def run_notebook(source: Path, target: Path, parameters: dict[str, Any], language: str) -> None:
    """Execute one notebook with papermill; raise a one-line :class:`BuildError` naming the failing cell."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    declared = pm.inspect_notebook(str(source))
    params = {k: v for k, v in parameters.items() if k in declared}
    try:
        pm.execute_notebook(str(source), str(target), parameters=params, kernel_name="python3", progress_bar=False,
                            cwd=str(target.parent), request_save_on_cell_execute=False,
                            # the kernel's own log (TCP notice, interrupt at shutdown) is noise on the terminal; cell errors still arrive
                            extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
    except PapermillExecutionError as exc:
        rel = source.relative_to(PROJECT_ROOT) if source.is_relative_to(PROJECT_ROOT) else source
        evalue = exc.evalue.strip().splitlines()[0] if exc.evalue.strip() else ""
        raise BuildError(f"{rel}: cell {exc.exec_count}, {_failing_line(exc)} failed with {exc.ename}: {evalue} "
                         f"[executed copy with the traceback: {target}]") from None
    nb = nbformat.read(target, as_version=4)
    prepare_for_book(nb, language)
    scrub_kernel_paths(nb)
    nbformat.write(nb, target)


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


def _run_one(entry: str, stage: str, parameters: dict[str, Any], language: str) -> float:
    """Run one notebook in a worker process (its own kernel); returns the seconds it took.

    The worker's own stderr (kernel and ZeroMQ messages) goes to ``<stage>/../logs/<notebook>.log``
    so that the terminal shows the build's progress and its one-line errors only.
    """
    log = _logs(stage) / f"{Path(entry).name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    handle = open(log, "w")
    os.dup2(handle.fileno(), 2)
    os.environ["HELPERS_BOOK_BUILD"] = "1"  # the kernel inherits it: charts use the offline renderer
    os.environ["HELPERS_LANGUAGE"] = language  # and number formats follow the book's language
    # ``jobs`` notebooks run side by side, one per core: BLAS threads in each kernel would only compete
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    tables = notebook_tables(parameters["tables_dir"], entry)
    tables.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    run_notebook(PROJECT_ROOT / f"{entry}.ipynb", Path(stage) / f"{entry}.ipynb", parameters | {"tables_dir": str(tables)}, language)
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
            dest = target / path.name
            if path.name in owner and dest.read_bytes() != path.read_bytes():
                raise BuildError(f"{entry}.ipynb and {owner[path.name]}.ipynb both publish a table named {path.name} with different "
                                 "contents; give one of them another name")
            owner[path.name] = entry
            shutil.copy2(path, dest)


def _logs(stage: str | Path) -> Path:
    return Path(stage).parent / "logs"


def run_notebooks(notebooks: list[str], stage: Path, parameters: dict[str, Any], language: str, jobs: int,
                  progress: Progress) -> dict[str, float]:
    """Execute the notebooks, ``jobs`` at a time (each in its own process and kernel).

    The first failure stops the run: notebooks not yet started are cancelled, those running are
    let finish, and the one-line :class:`BuildError` of the failing notebook that comes first in
    the book is raised (the same notebook whatever the timing), with the count of other failures.

    A Ctrl-C (or any other exception in this process) kills the workers and their kernels at once
    and is raised again. The workers ignore Ctrl-C themselves and write their stderr to
    ``logs/workers.log`` (then each notebook's own log), never to the terminal.
    """
    timings: dict[str, float] = {}
    failures: dict[int, BaseException] = {}
    n = len(notebooks)
    context = multiprocessing.get_context("spawn")
    # one fresh process per notebook: no kernel or ZeroMQ state is carried from one notebook to the next
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=max(1, min(jobs, n)), mp_context=context, max_tasks_per_child=1,
                                                  initializer=guards.worker_init)
    try:
        with guards.stderr_to(_logs(stage) / "workers.log"):
            futures = {}
            for i, entry in enumerate(notebooks, 1):
                futures[pool.submit(_run_one, entry, str(stage), parameters, language)] = (i, entry)
            progress(f"[notebooks] {n} to run, {max(1, min(jobs, n))} at a time")
            for future in concurrent.futures.as_completed(futures):
                i, entry = futures[future]
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
                timings[entry] = future.result()
                progress(f"[{i}/{n}] {entry}.ipynb done in {timings[entry]:.1f} s")
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


def _sphinx(stage: Path, log: Path, strict: bool) -> int:
    exe = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(exe) if exe.exists() else "jupyter-book", "build", str(stage), "--builder", "html", "--path-output", str(stage)]
    if strict:
        cmd += ["--warningiserror", "--keep-going"]
    env = dict(os.environ, PYTHONHASHSEED="0")
    with open(log, "w") as out:
        result = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    text = log.read_text(errors="replace")
    warnings = sum(1 for line in text.splitlines() if "WARNING" in line)
    if result.returncode != 0 or not (stage / "_build" / "html" / "index.html").is_file():
        last = [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line or "Error" in line][-1:] or text.splitlines()[-1:]
        raise BuildError(f"jupyter-book build failed ({last[0].strip() if last else 'no output'}); full log: {log}")
    return warnings


def publish(html: Path, out: Path, progress: Progress = _say, wait: float | None = None) -> None:
    """Replace ``out`` with a copy of ``html`` so that ``out`` is never half-written.

    The copy is made beside ``out`` first; then the old folder is renamed away and the new one
    renamed in (two renames on one file system, which a Ctrl-C does not split), and only then is
    the old one deleted. Any failure before the swap leaves ``out`` as it was and is a one-line
    :class:`BuildError`; after the swap nothing fails (an old copy that cannot be deleted is a note).
    ``<out>.lock`` beside ``out`` is held throughout: another build publishing to the same folder
    waits for it (at most ``wait`` seconds, default :data:`helpers.book.guards.PUBLISH_WAIT`).
    """
    out = out.resolve()
    if not html.is_dir():
        raise BuildError(f"nothing to publish: {html} is not a folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot publish to {out}: creating {out.parent} failed ({exc.strerror or exc})") from None
    new = out.with_name(f".{out.name}.new")
    old = out.with_name(f".{out.name}.old")
    with guards.output_lock(out, progress, wait):
        try:
            if old.exists() and not out.exists():  # a build killed between the two renames: put the old book back
                os.rename(old, out)
            for leftover in (new, old):
                if leftover.exists():
                    shutil.rmtree(leftover)
            shutil.copytree(html, new)
            with guards.sigint_deferred():
                if out.exists():
                    os.rename(out, old)
                try:
                    os.rename(new, out)
                except BaseException:
                    if old.exists() and not out.exists():
                        os.rename(old, out)
                    raise
        except OSError as exc:
            shutil.rmtree(new, ignore_errors=True)
            raise BuildError(f"cannot publish to {out}: {exc.strerror or exc} ({exc.filename or out})") from None
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
            if old.exists():
                progress(f"[publish] note: the previous book could not be deleted completely from {old}; remove it by hand")


def build_book(edition: Edition, edition_file: Path, overrides: list[str], out: Path, strict: bool = False,
               progress: Progress = _say, build_dir: Path = BUILD_DIR, jobs: int = 1, use_cache: bool = True) -> dict[str, Any]:
    """Run the whole pipeline; return timings. Raises InputError/BuildError; ``out`` changes only on success."""
    from helpers.data import canonical

    timings: dict[str, float] = {}
    start = time.perf_counter()
    out = Path(out).resolve()
    # (the build overwrites .lock, sphinx.log and logs/*.log; everything else it deletes or replaces)
    guards.check_writable(build_dir, "build folder", "pass another --build-dir or make it writable", files_in=("", "logs"))
    guards.check_output(out)
    guards.check_loopback()
    with _lock(build_dir):
        removed = guards.remove_stale(build_dir, [".data.tmp-*", ".data.old-*"]) + guards.remove_stale(build_dir / "cache", [".new-*", ".old-*"])
        if removed:
            progress(f"[clean] removed {len(removed)} temporary folder(s) left by an interrupted build: {', '.join(p.name for p in removed)}")
        # the book's source is assembled in a fresh folder, then synchronised into the stage that Sphinx
        # keeps between builds: unchanged pages keep their time stamps and Sphinx rebuilds the others only
        stage, work, tables_root = build_dir / "stage", build_dir / "stage.next", build_dir / "stage.tables"
        for folder in (work, tables_root):
            if folder.exists():
                shutil.rmtree(folder)
        work.mkdir(parents=True)

        t = time.perf_counter()
        data_dir = build_dir / "data"
        manifest = _data_step(Path(edition.data_dir), data_dir, use_cache, progress)
        timings["data"] = time.perf_counter() - t
        progress(f"[data] done in {timings['data']:.1f} s")
        # an edition window beyond the years the data cover stops here, not as "no rows" in a chapter
        canonical.check_windows(data_dir, {name: (window.start, window.end) for name, window in edition.windows})

        _stage_sources(work, edition)
        tables_dir = work / "_static" / "tables"
        parameters = edition.notebook_parameters() | {"data_dir": str(data_dir), "tables_dir": str(tables_root)}
        notebooks = toc_notebooks()
        for entry in notebooks:
            if not (PROJECT_ROOT / f"{entry}.ipynb").is_file():
                raise BuildError(f"_toc.yml lists {entry} but {entry}.ipynb does not exist")
        timings |= _notebooks(notebooks, work, tables_root, parameters, manifest, build_dir / "cache", edition.language, jobs, use_cache, progress)
        merge_tables(tables_root, notebooks, tables_dir)

        provenance.write_pages(work / "generated", edition, edition_file, overrides, manifest, tables_dir)
        (work / "generated" / "taxonomy.md").write_text(annexes.taxonomy_markdown(), encoding="utf-8")
        sync_stage(work, stage)
        shutil.rmtree(tables_root)

        t = time.perf_counter()
        progress("[book] jupyter-book build ...")
        try:
            warnings = _sphinx(stage, build_dir / "sphinx.log", strict)
        except BaseException:
            shutil.rmtree(stage / "_build", ignore_errors=True)  # a half-written Sphinx state is never reused
            raise
        timings["book"] = time.perf_counter() - t
        progress(f"[book] done in {timings['book']:.1f} s ({warnings} Sphinx warnings; log: {build_dir / 'sphinx.log'})")

        timings["pdf"] = pdf.write_pdf(stage / "_build" / "html", edition.language, edition.edition, progress)  # a failure publishes nothing
        publish(stage / "_build" / "html", out, progress)
        timings["total"] = time.perf_counter() - start
        progress(f"[publish] {out} ({_size_mb(out):.1f} MB) in {timings['total']:.1f} s total; open {out / 'index.html'}")
    return timings


DATA_STAMP = ".inputs"  # in the canonical folder: the digest of the raw files and code it was built from


def _data_step(raw_dir: Path, data_dir: Path, use_cache: bool, progress: Progress) -> dict[str, Any]:
    """Build the canonical tables, or reuse them when the raw files (their bytes), the data layer's code
    and the project data are those of the last build and every table still matches its checksum."""
    from helpers.data import canonical

    key = cache_key_of_files(sorted(p for p in raw_dir.rglob("*") if p.is_file()), raw_dir,
                             sorted((PROJECT_ROOT / "src" / "helpers" / "data").rglob("*.py"))
                             + [PROJECT_ROOT / "src" / "helpers" / "errors.py"]
                             + sorted(p for p in (PROJECT_ROOT / "data").rglob("*") if p.is_file()))
    stamp = data_dir / DATA_STAMP
    if use_cache and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        manifest = _intact_manifest(data_dir)
        if manifest is not None:
            progress(f"[data] raw files and code unchanged since the last build: reusing the canonical tables in {data_dir}")
            return manifest
    progress(f"[data] canonical tables from {raw_dir}")
    manifest = canonical.build(raw_dir, data_dir, progress=lambda m: progress(f"       {m}"))
    stamp.write_text(key, encoding="utf-8")
    return manifest


def _intact_manifest(data_dir: Path) -> dict[str, Any] | None:
    """The canonical folder's manifest if every table it lists has its recorded SHA-256, else None."""
    try:
        manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["tables"].values():
            if hashlib.sha256((data_dir / entry["file"]).read_bytes()).hexdigest() != entry["sha256"]:
                return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return manifest


def _notebooks(notebooks: list[str], work: Path, tables_root: Path, parameters: dict[str, Any], manifest: dict[str, Any],
               cache_root: Path, language: str, jobs: int, use_cache: bool, progress: Progress) -> dict[str, float]:
    """Reuse each notebook whose inputs are unchanged (:mod:`helpers.book.cache`), run the others, store them."""
    keys = {entry: notebooks_key([entry], parameters, manifest) for entry in notebooks}
    todo = []
    for entry in notebooks:
        cached = usable_cache(cache_root, keys[entry], progress) if use_cache else None
        if cached is None:
            todo.append(entry)
            continue
        shutil.copy2(cached / "notebooks" / f"{Path(entry).name}.ipynb", work / f"{entry}.ipynb")
        shutil.copytree(cached / "tables", notebook_tables(tables_root, entry))
    if not todo:
        progress(f"[notebooks] inputs unchanged since the last build: reusing its executed notebooks and tables ({cache_root}; --no-cache reruns them)")
    elif len(todo) < len(notebooks):
        progress(f"[notebooks] reusing {len(notebooks) - len(todo)} of {len(notebooks)} executed notebooks whose inputs are unchanged")
    timings = run_notebooks(todo, work, parameters, language, jobs, progress) if todo else {}
    for entry in todo:
        store_notebook(cache_root, keys[entry], work / f"{entry}.ipynb", notebook_tables(tables_root, entry))
    prune_cache(cache_root, keys.values())
    return timings


def sync_stage(new: Path, stage: Path) -> None:
    """Make ``stage`` hold exactly the files of ``new`` (its ``_build`` folder kept), then delete ``new``.

    A file whose bytes did not change keeps its time stamp, so Sphinx's incremental build rereads
    and rewrites only the pages that changed. When pages were added or removed, Sphinx's state is
    dropped (a full rebuild), so that no page of an earlier build lingers in the book.
    """
    def files(root: Path) -> set[Path]:
        return {p.relative_to(root) for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "_build"}

    stage.mkdir(parents=True, exist_ok=True)
    fresh, old = files(new), files(stage)
    pages = {f for f in fresh if f.suffix in (".md", ".ipynb")}
    if pages != {f for f in old if f.suffix in (".md", ".ipynb")}:
        shutil.rmtree(stage / "_build", ignore_errors=True)
    for rel in old - fresh:
        (stage / rel).unlink()
    for rel in sorted(fresh):
        source, target = new / rel, stage / rel
        if target.is_file() and target.stat().st_size == source.stat().st_size and filecmp.cmp(source, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    shutil.rmtree(new)


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6
