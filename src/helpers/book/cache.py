"""The notebook cache of ``helpers build``: one entry per notebook, reused while its inputs are unchanged.

An entry ``<build-dir>/cache/<key>/`` holds one executed notebook (``notebooks/<name>.ipynb``),
the CSV tables it wrote (``tables/``) and :data:`CACHE_LIST`, the list of its files with their
sizes, written last. The key (:func:`notebooks_key`) hashes everything the notebook's results
depend on, so a change in one notebook's text reruns that notebook only, while a change in the
package's code, the project data, the canonical tables or a parameter reruns them all.

Entries are stored atomically (copied into a temporary folder beside, then renamed) and checked
before reuse (:func:`cache_problem`): an interrupted store or a damaged entry is never used.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from helpers.book.edition import PROJECT_ROOT

Progress = Callable[[str], None]
CACHE_LIST = "files.json"  # in a stored cache entry: every file it holds, with its size
#: Parameters that are paths inside the build folder: they do not change what a notebook computes.
#: Modules that run the build around the notebooks, never inside a notebook's kernel: a change in them
#: does not change an executed notebook (``tests/test_build_cache.py`` checks that no notebook imports them).
BUILD_ONLY = frozenset(f"helpers/{name}.py" for name in ("cli", "book/build", "book/cache", "book/pdf", "book/cli", "book/guards",
                                                          "book/provenance", "book/annexes", "book/sphinx_ext", "book/landing", "book/execute",
                                                          "book/site"))
PATH_PARAMETERS = ("tables_dir", "data_dir")  # the canonical tables' contents are in the key (manifest)


def notebooks_key(notebooks: list[str], parameters: dict[str, Any], manifest: dict[str, Any], common: str | None = None) -> str:
    """SHA-256 of everything the executed notebooks depend on: the notebooks, their parameters, the
    canonical tables (their hashes in the manifest), the package's code, the project data and the
    versions of the packages that render output. Equal keys mean the notebooks would give the same
    results, so a rebuild may reuse them. ``common``: :func:`common_inputs` when the caller has it already
    (a build keys every notebook with the same one)."""
    digest = hashlib.sha256()
    kept = {k: v for k, v in parameters.items() if k not in PATH_PARAMETERS}
    digest.update(json.dumps(kept, sort_keys=True, default=str).encode())
    digest.update(json.dumps(manifest.get("tables", {}), sort_keys=True, default=str).encode())
    for entry in notebooks:  # the notebook as its language's book runs it: a sentence of the other language changes nothing here
        digest.update(entry.encode())
        digest.update(notebook_in_language(PROJECT_ROOT / f"{entry}.ipynb", parameters.get("language")))
    digest.update((common or common_inputs()).encode())
    return digest.hexdigest()[:16]


def common_inputs() -> str:
    """SHA-256 of what every notebook depends on alike: the package's code (without the build-only modules), the
    project data and the versions of the packages that render output."""
    from importlib import metadata

    digest = hashlib.sha256()
    for name in ("altair", "vl-convert-python", "pandas", "numpy", "scipy", "myst-nb", "papermill"):
        digest.update(f"{name}={metadata.version(name)}".encode())
    code = [p for p in sorted((PROJECT_ROOT / "src" / "helpers").rglob("*.py")) if p.relative_to(PROJECT_ROOT / "src").as_posix() not in BUILD_ONLY]
    for path in code + sorted(p for p in (PROJECT_ROOT / "data").rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def sphinx_key(strict: bool) -> str:
    """SHA-256 of what Sphinx's output depends on besides the stage's files: the whole package's code (the Sphinx
    extension and the pages' labels with it), the versions of the packages that turn the stage into HTML and
    whether warnings are errors. With the same stage and the same key, Sphinx would write the same pages."""
    from importlib import metadata
    import sys

    from helpers.chapters.memo import code_digest

    digest = hashlib.sha256(f"{sys.version}|strict={strict}|{code_digest()}".encode())
    for name in ("jupyter-book", "sphinx", "myst-nb", "myst-parser", "docutils", "sphinx-book-theme", "pydata-sphinx-theme"):
        digest.update(f"{name}={metadata.version(name)}".encode())
    return digest.hexdigest()


def notebook_in_language(path: Path, language: object) -> bytes:
    """The bytes of notebook ``path`` for the key of the ``language`` book: its code cells (and metadata) without
    the cells tagged for another language (``lang-xx``), which that book drops before running it; the file's bytes
    when it is not valid JSON. The narrative (Markdown cells) is left out: a stored notebook whose text changed is
    reused with the new text (:func:`helpers.book.execute.with_narrative`), since its code gives the same outputs."""
    raw = path.read_bytes()
    try:
        nb = json.loads(raw)
        nb["cells"] = [cell for cell in nb["cells"] if cell.get("cell_type") != "markdown"
                       and not (isinstance(language, str) and any(tag.startswith("lang-") and tag != f"lang-{language}"
                                                                  for tag in cell.get("metadata", {}).get("tags", [])))]
    except (ValueError, KeyError, TypeError, AttributeError):
        return raw
    return json.dumps(nb, sort_keys=True).encode()


def cache_key_of_files(raw: list[Path], raw_root: Path, code: list[Path]) -> str:
    """SHA-256 over the bytes of the ``raw`` files (named relative to ``raw_root``) and of the ``code`` files."""
    digest = hashlib.sha256()
    for path in raw:
        digest.update(b"raw:" + path.relative_to(raw_root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    for path in code:
        digest.update(b"code:" + str(path.relative_to(PROJECT_ROOT)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _store(cache_root: Path, key: str, fill: Callable[[Path], None]) -> Path:
    """Fill a temporary folder beside the entry, list its files last, rename it into place."""
    cache_root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".new-{key}-", dir=cache_root))
    target = cache_root / key
    try:
        fill(tmp)
        files = {p.relative_to(tmp).as_posix(): p.stat().st_size for p in sorted(tmp.rglob("*")) if p.is_file()}
        (tmp / CACHE_LIST).write_text(json.dumps({"key": key, "files": files}, indent=1, sort_keys=True), encoding="utf-8")
        if target.exists():
            _remove_folder(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def store_cache(cache_root: Path, key: str, notebooks_dir: Path, tables_dir: Path, prune: bool = True) -> Path:
    """Keep the executed notebooks of ``notebooks_dir`` and the tables of ``tables_dir`` as entry ``key``
    (with ``prune``, every other entry is removed)."""
    def fill(tmp: Path) -> None:
        shutil.copytree(notebooks_dir, tmp / "notebooks")
        shutil.copytree(tables_dir, tmp / "tables")

    target = _store(cache_root, key, fill)
    if prune:
        prune_cache(cache_root, {key})
    return target


def store_notebook(cache_root: Path, key: str, notebook: Path, tables_dir: Path) -> Path:
    """Keep one executed notebook and the tables it wrote as entry ``key``."""
    def fill(tmp: Path) -> None:
        (tmp / "notebooks").mkdir()
        shutil.copy2(notebook, tmp / "notebooks" / notebook.name)
        shutil.copytree(tables_dir, tmp / "tables")

    return _store(cache_root, key, fill)


def prune_cache(cache_root: Path, keep: Iterable[str]) -> None:
    """Remove every entry (and temporary folder) whose name is not in ``keep``."""
    keep = set(keep)
    if cache_root.is_dir():
        for other in cache_root.iterdir():
            if other.name not in keep:
                _remove_folder(other)


def _remove_folder(path: Path) -> None:
    """Rename ``path`` aside (one atomic step), then delete it: it is never seen half-deleted."""
    if path.is_dir() and not path.is_symlink():
        aside = Path(tempfile.mkdtemp(prefix=".old-", dir=path.parent))
        os.replace(path, aside)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def cache_problem(entry: Path) -> str | None:
    """Why the stored entry cannot be reused (its file list is missing, a listed file is missing or
    has another size), or ``None`` when it is complete."""
    try:
        listed = json.loads((entry / CACHE_LIST).read_text(encoding="utf-8"))["files"]
        items = sorted((str(name), int(size)) for name, size in listed.items())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return f"its list of files ({CACHE_LIST}) is missing or unreadable"
    if not any(name.startswith("notebooks/") for name, _ in items):
        return "it holds no executed notebook"
    for name, size in items:
        path = entry / name
        if not path.is_file():
            return f"{name} is missing"
        if path.stat().st_size != size:
            return f"{name} is incomplete ({path.stat().st_size} of {size} bytes)"
    return None


def usable_cache(cache_root: Path, key: str, progress: Progress) -> Path | None:
    """The stored entry for ``key`` if it is complete; an incomplete one is removed with a note."""
    entry = cache_root / key
    if not entry.is_dir():
        return None
    problem = cache_problem(entry)
    if problem is None:
        return entry
    progress(f"[notebooks] not reusing the stored notebooks in {entry}: {problem}; running them again")
    _remove_folder(entry)
    return None
