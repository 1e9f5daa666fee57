"""Results shared by the notebooks of one build: a heavy computation that several pages make with the
same inputs (the resampling runs of a source's placements: on its own page, the summary and the
decision framework, in both languages) is made once per build and read back by the others.

:func:`shared` wraps a pure function. When ``helpers build`` runs the notebooks it sets
``HELPERS_MEMO_DIR`` to a folder it empties at the start of every build; a call then looks for its
result there under a key over the function, the package's code and the arguments' contents
(``joblib.hash``), computes and stores it when absent (written whole or not at all), and returns a
fresh copy on a hit. Two notebooks that need the same result at the same time do not both compute it: the
second waits for the first (a lock per key) and reads its result. The warnings the computation gave are stored with it and given again on every
call, so that a page that records them (as notes for readers) shows the same whether it computed or
read the result. Outside a build (a notebook run by hand, the tests) the function simply runs.
Arguments that cannot be hashed, or a folder that cannot be written, also just run the function.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import os
import pickle
import tempfile
import warnings
from pathlib import Path
from collections.abc import Iterator
from typing import Any, Callable, TypeVar

ENV = "HELPERS_MEMO_DIR"
F = TypeVar("F", bound=Callable[..., Any])


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 over the package's Python files (a changed line gives other keys)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def shared(func: F) -> F:
    """``func`` with its results shared between the notebooks of one build (see the module).

    >>> calls = []
    >>> @shared
    ... def double(x):
    ...     calls.append(x)
    ...     return 2 * x
    >>> double(2), double(2), len(calls)   # outside a build: no folder, so it runs every time
    (4, 4, 2)
    """
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        folder = os.environ.get(ENV)
        if not folder:
            return func(*args, **kwargs)
        import joblib

        try:
            key = joblib.hash((func.__module__, func.__qualname__, code_digest(), args, sorted(kwargs.items())))
        except Exception:  # an argument that cannot be pickled: no sharing
            return func(*args, **kwargs)
        path = Path(folder) / f"{func.__name__}-{key}.pickle"
        found = _load(path)
        if found is None:
            # notebooks run side by side: the first to need a result computes it, the others wait for it and read it
            with _key_lock(path):
                found = _load(path)
                if found is None:
                    records: list[warnings.WarningMessage] = []
                    try:
                        with warnings.catch_warnings(record=True) as records:
                            warnings.simplefilter("always")
                            value = func(*args, **kwargs)
                    except BaseException:
                        for w in records:  # a failed computation's warnings still reach the caller
                            warnings.warn(str(w.message), w.category, stacklevel=2)
                        raise
                    found = (value, [(str(w.message), w.category) for w in records])
                    _store(path, found)
        result, caught = found
        # the warnings of the computation, on a hit too: a page that records them as notes shows the same notes
        for message, category in caught:
            warnings.warn(message, category, stacklevel=2)
        return result

    return wrapper  # type: ignore[return-value]


def _load(path: Path) -> Any:
    """The stored (result, warnings) at ``path``, or None (absent, or not readable as one)."""
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return None


@contextlib.contextmanager
def _key_lock(path: Path) -> Iterator[None]:
    """Hold ``<path>.lock`` (an advisory lock, released if the process dies); without a writable folder or file locks, no lock."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path.with_name(path.name + ".lock"), "w")
    except OSError:
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: each computes, as before
            pass
        yield


def _store(path: Path, value: Any) -> None:
    """Pickle ``value`` to ``path`` whole or not at all (a folder that cannot be written: not at all)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # a concurrent reader sees the whole result or none
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
