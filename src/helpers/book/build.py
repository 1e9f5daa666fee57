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
   ``jupyter-book build`` it: Sphinx's incremental build rewrites the changed pages only, and is not run
   when neither the stage (the edition page's build time aside) nor the code changed (:data:`SPHINX_STAMP`);
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

import fcntl
import filecmp
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from helpers.book import render
from helpers.book import provenance
from helpers.book import annexes
from helpers.book import guards
from helpers.book import pdf
from helpers.book import landing
from helpers.book import site
from helpers.book.execute import (NotebookTask, inputs_removed, memo_folder, merge_tables, notebook_tables,  # noqa: F401 (re-exported)
                                  prepare_for_book, run_notebook, run_notebooks, scrub_kernel_paths, with_narrative)
from helpers.book.cache import cache_key_of_files, cache_problem, common_inputs, notebooks_key, prune_cache, sphinx_key, store_cache, store_notebook, usable_cache  # noqa: F401 (re-exported)
from helpers.book.edition import BUILD_DIR, PROJECT_ROOT, Edition  # noqa: F401 (BUILD_DIR re-exported)
from helpers.errors import BuildError

Progress = Callable[[str], None]


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


def _stage_sources(stage: Path, edition: Edition, language: str) -> None:
    """Copy the book's text sources and offline assets into the stage of the ``language`` book.

    A page written per language is ``book/<name>.<language>.md``: it is staged as ``book/<name>.md``
    (the name ``_toc.yml`` lists), and the other languages' versions are left out.
    """
    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    if language == "en":
        config["title"] = "Flemish strengths in figures"
    else:  # the footer reads "Door <author>"
        config["author"] = "de makers van Vlaamse sterktes in cijfers"
    config["title"] = f"{config['title']} {edition.edition}"
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config["language"] = language
    sphinx_config["book_languages"] = list(edition.languages)
    toc = yaml.safe_load((PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):  # captions are "Dutch / English"
        nl, _, en = str(part.get("caption", "")).partition(" / ")
        part["caption"] = (en or nl) if language == "en" else nl
    sphinx_config["book_numbers"] = chapter_numbers(toc)
    (stage / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (stage / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    shutil.copytree(PROJECT_ROOT / "book", stage / "book", ignore=shutil.ignore_patterns("_static", "*.*.md"))
    for page in sorted((PROJECT_ROOT / "book").glob(f"*.{language}.md")):
        shutil.copy2(page, stage / "book" / page.name.replace(f".{language}.md", ".md"))
    shutil.copytree(PROJECT_ROOT / "book" / "_static", stage / "_static")
    render.write_bundle(stage / "_static", keep_in=stage.parent)  # (the stage is a folder of the build folder)
    mathjax = _mathjax_file()
    (stage / "_vendor" / "mathjax").mkdir(parents=True)
    shutil.copy2(mathjax, stage / "_vendor" / "mathjax" / "tex-svg.js")
    (stage / "notebooks").mkdir()
    (stage / "generated").mkdir()


def chapter_numbers(toc: dict[str, Any]) -> dict[str, str]:
    """Each page's number for its figures and tables: chapters 1, 2, ... in book order, the annexes (the last
    part) A, B, ...

    >>> chapter_numbers({"parts": [{"chapters": [{"file": "a"}, {"file": "b"}]}, {"chapters": [{"file": "x"}]}]})
    {'a': '1', 'b': '2', 'x': 'A'}
    """
    parts = toc.get("parts", [])
    numbers: dict[str, str] = {}
    for i, part in enumerate(parts):
        for chapter in part.get("chapters", []):
            annex = i == len(parts) - 1 and len(parts) > 1
            numbers[chapter["file"]] = chr(ord("A") + sum(1 for n in numbers.values() if n.isalpha())) if annex else str(
                sum(1 for n in numbers.values() if n.isdigit()) + 1)
    return numbers


def _mathjax_file() -> Path:
    try:
        import mathjax  # the django-static-mathjax wheel: MathJax 3 as plain files
    except ImportError:
        raise BuildError("MathJax is not installed; reinstall the project (pip install -e .) to get django-static-mathjax") from None
    path = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5" / "tex-svg.js"
    if not path.is_file():
        raise BuildError(f"MathJax not found at {path}; reinstall the project (pip install -e .)")
    return path


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
               progress: Progress = _say, build_dir: Path = BUILD_DIR, jobs: int = 1, use_cache: bool = True,
               with_pdf: bool = True) -> dict[str, Any]:
    """Run the whole pipeline; return timings. Raises InputError/BuildError; ``out`` changes only on success.
    ``with_pdf=False`` leaves the PDF editions out (and their links; a PDF kept from an earlier build is not published)."""
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
        t = time.perf_counter()
        data_dir = build_dir / "data"
        manifest = data_step(Path(edition.data_dir), data_dir, use_cache, progress)
        timings["data"] = time.perf_counter() - t
        progress(f"[data] done in {timings['data']:.1f} s")
        # an edition window beyond the years the data cover stops here, not as "no rows" in a chapter
        _check_windows_once(data_dir, {name: (window.start, window.end) for name, window in edition.windows}, manifest)
        notebooks = toc_notebooks()
        for entry in notebooks:
            if not (PROJECT_ROOT / f"{entry}.ipynb").is_file():
                raise BuildError(f"_toc.yml lists {entry} but {entry}.ipynb does not exist")
        site.drop_single_language_stage(build_dir / "stage")
        # one book per language: its notebooks, generated pages and Sphinx state in stage/<language>;
        # the notebooks of all languages run in one pool (a worker's kernel serves any language)
        plans = [_plan_language(edition, language, manifest, data_dir, notebooks, build_dir, use_cache, progress)
                 for language in edition.languages]
        tasks = [NotebookTask(entry, str(plan.work), plan.parameters, plan.language) for plan in plans for entry in plan.todo]
        shutil.rmtree(memo_folder(build_dir / "stage"), ignore_errors=True)  # results are shared within one build only
        ran = run_notebooks(tasks, jobs, progress) if tasks else {}
        for plan in plans:
            for entry in plan.todo:
                store_notebook(build_dir / "cache", plan.keys[entry], plan.work / f"{entry}.ipynb", notebook_tables(plan.tables_root, entry))
            _finish_language(edition, plan, edition_file, overrides, manifest, notebooks, build_dir, with_pdf)
        timings |= {f"{entry} ({language})" if len(edition.languages) > 1 else entry: value for (entry, language), value in ran.items()}
        prune_cache(build_dir / "cache", {key for plan in plans for key in plan.keys.values()})
        t = time.perf_counter()
        progress(f"[book] jupyter-book build ({', '.join(edition.languages)}) ...")
        sphinx_timings = site.run_per_language(edition.languages, lambda language: _sphinx_and_pdf(edition, language, build_dir, strict,
                                                                                                   progress, with_pdf, use_cache))
        timings |= {f"book+pdf ({language})": value for language, value in sphinx_timings.items()}
        timings["book"] = time.perf_counter() - t
        assembled = site.assemble(build_dir, {language: _stage(build_dir, language) / "_build" / "html" for language in edition.languages},
                                  edition.language, leave_out=() if with_pdf else ("*.pdf",))
        try:
            publish(assembled, out, progress)
        finally:
            shutil.rmtree(assembled, ignore_errors=True)
        timings["total"] = time.perf_counter() - start
        progress(f"[publish] {out} ({_size_mb(out):.1f} MB) in {timings['total']:.1f} s total; open {out / 'index.html'}")
    return timings


def _stage(build_dir: Path, language: str) -> Path:
    """The stage of one language's book: its Markdown and executed notebooks, and Sphinx's state in ``_build``."""
    return build_dir / "stage" / language


@dataclass
class LanguagePlan:
    """One language's book being assembled: its fresh source folder, its notebooks' parameters, tables
    folder and cache keys, and the notebooks to run (the others were copied from the cache)."""
    language: str
    work: Path
    tables_root: Path
    parameters: dict[str, Any]
    keys: dict[str, str]
    todo: list[str]


def _plan_language(edition: Edition, language: str, manifest: dict[str, Any], data_dir: Path, notebooks: list[str],
                   build_dir: Path, use_cache: bool, progress: Progress) -> LanguagePlan:
    """Start the source of the ``language`` book in a fresh folder: its sources, the stored notebooks whose
    inputs are unchanged; returns what is left to run."""
    # the source is assembled in a fresh folder, then synchronised into the stage that Sphinx keeps
    # between builds: unchanged pages keep their time stamps and Sphinx rebuilds the others only
    work, tables_root = build_dir / f"stage.next-{language}", build_dir / f"stage.tables-{language}"
    for folder in (work, tables_root):
        if folder.exists():
            shutil.rmtree(folder)
    work.mkdir(parents=True)
    _stage_sources(work, edition, language)
    parameters = edition.notebook_parameters() | {"language": language, "data_dir": str(data_dir), "tables_dir": str(tables_root)}
    common = common_inputs()  # (the package's code and project data: read once, not once per notebook)
    keys = {entry: notebooks_key([entry], parameters, manifest, common) for entry in notebooks}
    todo = _reuse_notebooks(notebooks, keys, work, tables_root, build_dir / "cache", use_cache,
                            progress, f"the {language} book: " if len(edition.languages) > 1 else "", language)
    return LanguagePlan(language, work, tables_root, parameters, keys, todo)


def _finish_language(edition: Edition, plan: LanguagePlan, edition_file: Path, overrides: list[str], manifest: dict[str, Any],
                     notebooks: list[str], build_dir: Path, with_pdf: bool = True) -> None:
    """Complete the ``plan``'s book once its notebooks ran (their tables, the generated pages, the landing
    page's summary), then synchronise it into its stage."""
    work, tables_root, language = plan.work, plan.tables_root, plan.language
    tables_dir = work / "_static" / "tables"
    merge_tables(tables_root, notebooks, tables_dir)
    for entry in notebooks:
        inputs_removed(work / f"{entry}.ipynb")
    found = {entry: landing.read_findings(notebook_tables(tables_root, entry)) for entry in notebooks}
    landing.write_landing(work / "generated" / "landing.md", found, language, pdf.pdf_name(language, edition.edition) if with_pdf else None)
    provenance.write_pages(work / "generated", edition, edition_file, overrides, manifest, tables_dir, language=language)
    (work / "generated" / "taxonomy.md").write_text(annexes.taxonomy_markdown(language=language), encoding="utf-8")
    sync_stage(work, _stage(build_dir, language))
    shutil.rmtree(tables_root)


def _sphinx_and_pdf(edition: Edition, language: str, build_dir: Path, strict: bool, progress: Progress, with_pdf: bool = True,
                    use_cache: bool = True) -> float:
    """Sphinx's (incremental) build of one language's stage, unless the stage and the code are those of its last
    complete build (:data:`SPHINX_STAMP`; ``use_cache=False`` runs it anyway), then its PDF edition (unless
    ``with_pdf`` is False); returns the seconds taken."""
    t = time.perf_counter()
    stage = _stage(build_dir, language)
    log = build_dir / (f"sphinx-{language}.log" if len(edition.languages) > 1 else "sphinx.log")
    stamp, key = stage / "_build" / SPHINX_STAMP, sphinx_key(strict)
    done = stamp.read_text(encoding="utf-8").split() if stamp.is_file() else []
    if use_cache and done[:1] == [key] and (stage / "_build" / "html" / "index.html").is_file():
        warnings = int(done[1])  # the stage and the code are those of the last complete Sphinx build
        progress(f"[book] {language}: the pages are those of the last build; reusing its HTML ({warnings} Sphinx warnings; log: {log})")
    else:
        stamp.unlink(missing_ok=True)
        try:
            warnings = _sphinx(stage, log, strict)
        except BaseException:
            shutil.rmtree(stage / "_build", ignore_errors=True)  # a half-written Sphinx state is never reused
            raise
        stamp.write_text(f"{key} {warnings}\n", encoding="utf-8")
        progress(f"[book] {language} done in {time.perf_counter() - t:.1f} s ({warnings} Sphinx warnings; log: {log})")
    if with_pdf:
        pdf.write_pdf(stage / "_build" / "html", language, edition.edition, progress, use_cache=use_cache)  # a failure publishes nothing
    else:
        progress(f"[pdf] {language}: left out (--no-pdf)")
    return time.perf_counter() - t


WINDOWS_STAMP = ".windows-checked"  # in the canonical folder: the key of the last window check that passed


def _check_windows_once(data_dir: Path, windows: dict[str, tuple[int, int]], manifest: dict[str, Any]) -> None:
    """:func:`helpers.data.windows.check_windows`, unless these windows passed it on these canonical tables (their
    checksums in ``manifest``) with this check's code: reading the tables' years costs half a second per build."""
    from importlib.util import find_spec

    code = Path(find_spec("helpers.data.windows").origin).read_bytes()
    key = hashlib.sha256(json.dumps([windows, manifest.get("tables", {})], sort_keys=True, default=str).encode() + code).hexdigest()
    stamp = data_dir / WINDOWS_STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == key:
        return
    from helpers.data import windows as checks

    checks.check_windows(data_dir, windows)
    stamp.write_text(key + "\n", encoding="utf-8")


DATA_STAMP = ".inputs"  # in the canonical folder: the digest of the raw files and code it was built from


def data_step(raw_dir: Path, data_dir: Path, use_cache: bool, progress: Progress) -> dict[str, Any]:
    """Build the canonical tables, or reuse them when the raw files (their bytes), the data layer's code
    and the project data are those of the last build and every table still matches its checksum."""
    from helpers.data import canonical

    key = _data_key(raw_dir)
    manifest = current_data(raw_dir, data_dir, key) if use_cache else None
    if manifest is not None:
        progress(f"[data] raw files and code unchanged since the last build: reusing the canonical tables in {data_dir}")
        return manifest
    progress(f"[data] canonical tables from {raw_dir}")
    manifest = canonical.build(raw_dir, data_dir, progress=lambda m: progress(f"       {m}"))
    (data_dir / DATA_STAMP).write_text(key, encoding="utf-8")
    return manifest


def current_data(raw_dir: Path, data_dir: Path, key: str | None = None) -> dict[str, Any] | None:
    """The manifest of the canonical folder ``data_dir`` if a build made it from today's ``raw_dir`` and code
    (:func:`data_step` would reuse it) and every table is intact; else None."""
    stamp = data_dir / DATA_STAMP
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != (key or _data_key(raw_dir)):
        return None
    return _intact_manifest(data_dir)


def _data_key(raw_dir: Path) -> str:
    return cache_key_of_files(sorted(p for p in raw_dir.rglob("*") if p.is_file()), raw_dir,
                              sorted((PROJECT_ROOT / "src" / "helpers" / "data").rglob("*.py"))
                              + [PROJECT_ROOT / "src" / "helpers" / "errors.py"]
                              + sorted(p for p in (PROJECT_ROOT / "data").rglob("*") if p.is_file()))


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


def _reuse_notebooks(notebooks: list[str], keys: dict[str, str], work: Path, tables_root: Path, cache_root: Path,
                     use_cache: bool, progress: Progress, which: str, language: str) -> list[str]:
    """Copy each notebook whose inputs are unchanged (:mod:`helpers.book.cache`) with its tables from the
    cache into ``work``, with the notebook's current text; return the others, to run (and store afterwards)."""
    todo = []
    for entry in notebooks:
        cached = usable_cache(cache_root, keys[entry], progress) if use_cache else None
        if cached is None:
            todo.append(entry)
            continue
        shutil.copy2(cached / "notebooks" / f"{Path(entry).name}.ipynb", work / f"{entry}.ipynb")
        if not with_narrative(work / f"{entry}.ipynb", PROJECT_ROOT / f"{entry}.ipynb", language):  # the current text
            todo.append(entry)
            continue
        shutil.copytree(cached / "tables", notebook_tables(tables_root, entry))
    if not todo:
        progress(f"[notebooks] {which}inputs unchanged since the last build: reusing its executed notebooks and tables ({cache_root}; --no-cache reruns them)")
    elif len(todo) < len(notebooks):
        progress(f"[notebooks] {which}reusing {len(notebooks) - len(todo)} of {len(notebooks)} executed notebooks whose inputs are unchanged")
    return todo


#: in a stage's Sphinx folder (``_build``): the key (:func:`helpers.book.cache.sphinx_key`) and the warnings of its
#: last complete Sphinx build; removed before the stage changes
SPHINX_STAMP = ".sphinx-done"
EDITION_PAGE = Path("generated") / "edition.md"


def sync_stage(new: Path, stage: Path) -> bool:
    """Make ``stage`` hold exactly the files of ``new`` (its ``_build`` folder kept), then delete ``new``; return
    whether the stage changed.

    A file whose bytes did not change keeps its time stamp, so Sphinx's incremental build rereads
    and rewrites only the pages that changed. When pages were added or removed, Sphinx's state is
    dropped (a full rebuild), so that no page of an earlier build lingers in the book. A stage that
    changes loses :data:`SPHINX_STAMP` first. When the edition page's build time is all that differs,
    the stage keeps its page: an unchanged rebuild keeps the time at which its pages were built.
    """
    from helpers.book.provenance import same_but_build_time

    def files(root: Path) -> set[Path]:
        return {p.relative_to(root) for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "_build"}

    def same(rel: Path) -> bool:
        source, target = new / rel, stage / rel
        return target.is_file() and target.stat().st_size == source.stat().st_size and filecmp.cmp(source, target, shallow=False)

    stage.mkdir(parents=True, exist_ok=True)
    fresh, old = files(new), files(stage)
    removed = old - fresh
    changed = [rel for rel in sorted(fresh) if not same(rel)]
    if changed == [EDITION_PAGE] and not removed and (stage / EDITION_PAGE).is_file() and same_but_build_time(
            (new / EDITION_PAGE).read_text(encoding="utf-8"), (stage / EDITION_PAGE).read_text(encoding="utf-8")):
        changed = []
    if changed or removed:
        (stage / "_build" / SPHINX_STAMP).unlink(missing_ok=True)
    pages = {f for f in fresh if f.suffix in (".md", ".ipynb")}
    if pages != {f for f in old if f.suffix in (".md", ".ipynb")}:
        shutil.rmtree(stage / "_build", ignore_errors=True)
    for rel in removed:
        (stage / rel).unlink()
    for rel in changed:
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(new / rel, target)
    shutil.rmtree(new)
    return bool(changed or removed)


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6
