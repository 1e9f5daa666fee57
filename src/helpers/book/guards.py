"""What keeps a build safe to interrupt, to run twice at once and to run where it cannot work.

- :func:`check_writable` and :func:`check_output`: the build folder and the output's folder are
  checked before anything runs, so a read-only folder stops the build with one line (and never
  after the new book was swapped in);
- :func:`check_loopback`: the notebooks' Jupyter kernels talk to papermill over 127.0.0.1; without
  a working loopback interface (``unshare -n``) they cannot start, which is said at once;
- :func:`output_lock`: two builds publishing to the same output folder take turns (``<out>.lock``
  beside it, an ``fcntl`` lock that the system drops when its process ends);
- :func:`remove_stale`: temporary folders left by a killed build are removed at the start of the
  next one (the rule is in its docstring);
- :func:`stop_processes`, :func:`sigint_deferred`, :func:`stderr_to`: Ctrl-C stops the notebook
  workers and their kernels at once, and never lands between the two renames of a publish.

This module imports only the standard library and :mod:`helpers.errors`: the notebook workers
import it first (:func:`worker_init`) and it must load fast.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from helpers.errors import BuildError

STALE_AGE = 3600.0  # seconds: a temporary folder this old is stale even where /proc cannot tell who holds it
PUBLISH_WAIT = 300.0  # seconds a build waits for another one that is publishing to the same folder


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _read_only_entry(folder: Path, files_in: tuple[str, ...]) -> Path | None:
    """The first folder under ``folder`` (itself included) that this process cannot change, or file
    directly in one of the subfolders ``files_in`` (``""``: ``folder`` itself) that it cannot write.
    Other files need not be writable: deleting a file takes write permission on its folder only."""
    if not os.access(folder, os.W_OK | os.X_OK):
        return folder
    for root, dirs, files in os.walk(folder):
        check_files = os.path.relpath(root, folder) in {name or "." for name in files_in}
        for name in dirs + (files if check_files else []):
            entry = Path(root) / name
            if entry.is_symlink():
                continue
            mode = os.W_OK | os.X_OK if name in dirs else os.W_OK
            if not os.access(entry, mode) and os.path.lexists(entry):  # (an entry deleted meanwhile is no problem)
                return entry
    return None


def _probe(folder: Path) -> str | None:
    """Create and remove a file in ``folder``; the reason when that fails (``os.access`` does not see every case)."""
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".write-probe-"):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def check_writable(folder: Path, what: str, hint: str, files_in: tuple[str, ...] = (), deep: bool = True) -> None:
    """Raise a one-line :class:`BuildError` unless the build can change ``folder`` and (``deep``) every
    folder in it, and write the files directly in its subfolders ``files_in`` (``""`` for ``folder``
    itself); when ``folder`` does not exist yet, its nearest existing parent must be writable."""
    folder = Path(folder).absolute()
    existing = _nearest_existing(folder)
    if not existing.is_dir():
        raise BuildError(f"the {what} {folder} cannot be created: {existing} is not a folder; {hint}")
    if existing == folder and deep:
        bad = _read_only_entry(folder, files_in)
    else:
        bad = None if os.access(existing, os.W_OK | os.X_OK) else existing
    if bad is not None:
        where = "it is read-only" if bad == folder else f"{bad} is read-only"
        raise BuildError(f"cannot write to the {what} {folder} ({where}); {hint}")
    reason = _probe(existing)
    if reason is not None:
        raise BuildError(f"cannot write to the {what} {folder} (creating a file in {existing} failed: {reason}); {hint}")


def check_output(out: Path) -> None:
    """The output folder is replaced by renaming its parent's entries and deleting the old copy:
    its parent must be writable, and so must the old book (or deleting it would fail after the swap)."""
    out = Path(out).absolute()
    if out.exists() and not out.is_dir():
        raise BuildError(f"the output {out} exists and is not a folder; choose another --out")
    hint = "choose another --out or make it writable"
    check_writable(out.parent, "output folder's parent", hint, deep=False)
    lock = out.with_name(f"{out.name}.lock")
    if lock.exists() and not os.access(lock, os.W_OK):
        raise BuildError(f"cannot write to the output's lock file {lock} (it is read-only); {hint}")
    if out.exists():
        check_writable(out, "output folder", hint)


def loopback_problem() -> str | None:
    """Why a TCP connection to 127.0.0.1 fails here, or ``None`` when it works.

    Binding alone is not enough: in a network namespace whose ``lo`` is down the bind succeeds
    and only the connection fails (``Network is unreachable``), as the kernels' would.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            with socket.create_connection(server.getsockname(), timeout=5):
                pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def check_loopback() -> None:
    problem = loopback_problem()
    if problem is not None:
        raise BuildError(f"the notebooks' Jupyter kernels need the loopback interface (127.0.0.1), which does not work here "
                         f"({problem}); build where it is up (not inside `unshare -n`; `ip link set lo up` brings it up)")


@contextmanager
def output_lock(out: Path, progress: Callable[[str], None], timeout: float | None = None) -> Iterator[Path]:
    """Hold ``<out>.lock`` beside ``out`` while publishing; wait up to ``timeout`` seconds for another build."""
    out = Path(out).absolute()
    timeout = PUBLISH_WAIT if timeout is None else timeout
    lock = out.with_name(f"{out.name}.lock")
    with open(lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress(f"[publish] another build is publishing to {out}; waiting for it (at most {timeout:.0f} s)")
            deadline = time.monotonic() + timeout
            while True:
                time.sleep(0.2)
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BuildError(f"another build has been publishing to {out} for more than {timeout:.0f} s "
                                         f"(it holds {lock}); try again when it has finished") from None
        yield lock


def _in_use(folders: list[Path]) -> set[Path] | None:
    """Which of ``folders`` a running process has a file open in or works in; ``None`` without ``/proc``."""
    proc = Path("/proc")
    if not (proc / "self" / "fd").is_dir():
        return None
    prefixes = {str(f.resolve()): f for f in folders}
    used: set[Path] = set()
    for pid in (p for p in proc.iterdir() if p.name.isdigit()):
        try:
            entries = [pid / "cwd", *(pid / "fd").iterdir()]
        except OSError:  # the process ended, or is not ours to read
            continue
        for entry in entries:
            try:
                link = os.readlink(entry)
            except OSError:  # closed meanwhile
                continue
            for prefix, folder in prefixes.items():
                if link == prefix or link.startswith(prefix + os.sep):
                    used.add(folder)
    return used


def remove_stale(folder: Path, patterns: list[str]) -> list[Path]:
    """Remove the temporary folders matching ``patterns`` in ``folder`` that were left by a killed build.

    The rule: the caller holds the build folder's lock, so no other ``helpers build`` is using
    them; a match is removed unless a running process still has a file open in it or works in it
    (read from ``/proc``); where ``/proc`` cannot tell, only matches older than :data:`STALE_AGE`
    (an hour) are removed. Returns the removed folders.
    """
    if not folder.is_dir():
        return []
    found = sorted({p for pattern in patterns for p in folder.glob(pattern) if p.is_dir() and not p.is_symlink()})
    if not found:
        return []
    used = _in_use(found)
    now = time.time()
    removed = []
    for path in found:
        if (used is not None and path in used) or (used is None and now - path.stat().st_mtime < STALE_AGE):
            continue
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(path)
    return removed


def worker_init() -> None:
    """First thing in a notebook worker: leave Ctrl-C to the main process, which stops the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def stderr_to(path: Path) -> Iterator[None]:
    """Point file descriptor 2 at ``path`` for the block: processes started meanwhile (the notebook
    workers) write there, not on the terminal, whatever happens to them (a Ctrl-C while one starts)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(path, "a") as log:
            os.dup2(log.fileno(), 2)
        yield
    finally:
        # a second Ctrl-C must not land before fd 2 is back (its one-line message would go to the log)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        tree.setdefault(ppid, []).append(int(stat.parent.name))
    return tree


def stop_processes(pids: list[int]) -> None:
    """Kill ``pids`` and every process they started (the kernels run in their own sessions, so a
    Ctrl-C on the terminal does not reach them). The processes are frozen first so that none starts
    another while the tree is read."""
    pids = [pid for pid in pids if pid and pid != os.getpid()]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGSTOP)
        except ProcessLookupError:
            pass
    tree = _children() if Path("/proc/self/stat").exists() else {}
    everyone, todo = [], list(pids)
    while todo:
        pid = todo.pop()
        if pid not in everyone:
            everyone.append(pid)
            todo.extend(tree.get(pid, []))
    leftovers = [f for pid in everyone if (f := _connection_file(pid))]
    for pid in everyone:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for path in leftovers:  # a killed kernel cannot remove its connection file (ports and key) itself
        if path.parent.name.startswith("book-kernel-"):  # nor a kept kernel its folder of sockets (helpers.book.kernels)
            shutil.rmtree(path.parent, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _connection_file(pid: int) -> Path | None:
    """The connection file of a Jupyter kernel (``... ipykernel_launcher -f <file>``), else ``None``."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return None
    if "ipykernel_launcher" in args and "-f" in args[:-1]:
        path = Path(args[args.index("-f") + 1])
        return path if path.suffix == ".json" and path.is_file() else None
    return None


@contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold a Ctrl-C back until the block is done (a publish's two renames); then raise it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt
