"""One Jupyter kernel per notebook worker, kept from one notebook to the next and reset in between.

Starting a kernel and importing pandas, scipy, altair and the book's package costs two to four
seconds of CPU, more than most chapters' own computations; the book runs some thirty notebooks per
build (one per page and language). A worker therefore keeps its kernel, and before every notebook
resets what a notebook could leave behind or depend on:

- the user namespace and the history session (IPython's ``reset(new_session=True)``: every name a
  notebook defined is gone, so a notebook that uses a name it does not define fails as it would in
  a fresh kernel; execution counts start again at 1, so the executed notebook is the same),
- the working folder and the book's language (``HELPERS_LANGUAGE``),
- the warning filters and the "already shown" registries (a warning shown once in an earlier
  notebook is shown again, so that :func:`helpers.book.execute.leaked_output` sees it).

Imported modules stay, which is the point; the package's module-level caches hand out copies
(:func:`helpers.data.canonical.read`) or immutable values. A kernel that died is replaced.
IPython's reset ends with a full garbage collection, which walks every object of the imported
modules (about 0.1 s each time); what survives the reset is then frozen (``gc.freeze``), so that the
next reset's collection, and the automatic ones while a notebook runs, walk only what notebooks made.
The kernel keeps no history database (``HistoryManager.enabled=False``): nothing reads it.

The kernel and its clients talk over Unix sockets in a private folder of the worker, not over TCP
ports: two workers starting their kernels at the same moment can be handed the same free port by the
system, and one kernel then receives the other's heartbeats on its control channel.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

_WORKER: dict[str, Any] = {"km": None, "sockets": None}

KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL",  # its TCP notice and shutdown interrupt are noise
                    "--HistoryManager.enabled=False"]  # no SQLite history of the cells: nothing reads it

# run (silently, not stored in the history) before every notebook in the worker's kernel
_RESET = """\
get_ipython().reset(new_session=True)
import gc as _book_gc, os as _book_os, warnings as _book_warnings
_book_gc.freeze()
_book_os.chdir({cwd!r})
_book_os.environ["HELPERS_LANGUAGE"] = {language!r}
if not hasattr(_book_warnings, "_book_filters"):
    _book_warnings._book_filters = list(_book_warnings.filters)
_book_warnings.filters[:] = _book_warnings._book_filters
_book_warnings._filters_mutated()
del _book_gc, _book_os, _book_warnings
"""


def worker_kernel(cwd: Path, language: str, log: Path) -> Any:
    """This worker's kernel manager, started if needed (its stderr appended to ``log``) and reset for a
    notebook run in ``cwd`` for the ``language`` book. A kernel that cannot be reset is replaced by a new one
    (once: a new kernel that fails too is an error)."""
    try:
        return _kernel(cwd, language, log)
    except RuntimeError:  # not ready in time, or the reset failed: the kernel is gone (reset() shut it down)
        shutdown()
        return _kernel(cwd, language, log)


def _kernel(cwd: Path, language: str, log: Path) -> Any:
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = _WORKER["km"]
    if km is not None and not run_sync(km.is_alive)():
        shutdown()
        km = None
    if km is None:
        # a short path: a Unix socket's path is limited to about 100 bytes
        _WORKER["sockets"] = sockets = tempfile.mkdtemp(prefix="book-kernel-")
        km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "k"),
                                connection_file=os.path.join(sockets, "kernel.json"))
        with open(log, "a") as handle:
            saved = os.dup(2)
            os.dup2(handle.fileno(), 2)  # the kernel inherits fd 2 for its lifetime
            try:
                run_sync(km.start_kernel)(extra_arguments=KERNEL_ARGUMENTS, cwd=str(cwd))
            finally:
                os.dup2(saved, 2)
                os.close(saved)
        if not _WORKER.get("registered"):
            atexit.register(shutdown)
            _WORKER["registered"] = True
        _WORKER["km"] = km
    reset(km, cwd, language)
    return km


async def ready(client: Any, timeout: float = 60.0) -> None:
    """Wait until ``client`` (blocking or async) is connected to the running kernel: its ``kernel_info`` request is
    answered on the shell channel and a message arrives on IOPub (the subscription is live).

    jupyter_client's ``wait_for_ready`` does the same and then reads IOPub until it has been silent for 0.2 s,
    which costs every notebook run (twice: the reset, then papermill's client) 0.2 to 0.4 s of waiting. The
    messages it would discard answer the ``kernel_info`` request; nbclient and ``execute_interactive`` match
    every message to their own request and pass over them.
    """
    import time
    from queue import Empty

    from jupyter_core.utils import ensure_async

    deadline = time.monotonic() + timeout
    while True:
        client.kernel_info()
        try:
            msg = await ensure_async(client.shell_channel.get_msg(timeout=1))
        except Empty:
            msg = None
        if msg is not None and msg["msg_type"] == "kernel_info_reply":
            try:
                await ensure_async(client.iopub_channel.get_msg(timeout=0.2))
            except Empty:  # not subscribed yet: ask again
                pass
            else:
                client._handle_kernel_info_reply(msg)
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"the notebook kernel did not answer in {timeout:.0f} s")


def reset(km: Any, cwd: Path, language: str) -> None:
    """Run :data:`_RESET` in the kernel; raise RuntimeError if it fails (the kernel is then not reused)."""
    from jupyter_client.blocking import BlockingKernelClient
    from jupyter_core.utils import run_sync

    client = BlockingKernelClient()
    client.load_connection_info(km.get_connection_info())
    client.start_channels()
    try:
        run_sync(ready)(client, 60)
        reply = client.execute_interactive(_RESET.format(cwd=str(cwd), language=language), store_history=False,
                                           output_hook=lambda msg: None, timeout=60)
    finally:
        client.stop_channels()
    if reply["content"]["status"] != "ok":
        shutdown()
        raise RuntimeError(f"resetting the notebook kernel failed: {reply['content'].get('evalue', '')}")


def shutdown() -> None:
    """Stop this worker's kernel (at the worker's exit, or when it died)."""
    from jupyter_core.utils import run_sync

    km, _WORKER["km"] = _WORKER["km"], None
    if km is not None:
        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # already gone; the build kills leftover processes itself
            pass
    sockets, _WORKER["sockets"] = _WORKER["sockets"], None
    if sockets:
        shutil.rmtree(sockets, ignore_errors=True)


def register_engine() -> str:
    """Register (once) a papermill engine that runs in the given kernel manager and closes its client's
    channels afterwards instead of leaving them open; returns its name."""
    from jupyter_core.utils import ensure_async, run_sync
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import remove_args

    name = "book-kept-kernel"
    if name in papermill_engines._engines:
        return name

    class _Client(PapermillNotebookClient):
        async def async_start_new_kernel_client(self) -> Any:  # nbclient's, with :func:`ready` for wait_for_ready
            from nbclient.util import run_hook

            self.kc = self.km.client()
            try:
                await ensure_async(self.kc.start_channels())
                await ready(self.kc, self.startup_timeout)
            except Exception:
                await self._async_cleanup_kernel()  # as nbclient does: a kernel that does not answer is stopped (the worker starts another)
                raise
            self.kc.allow_stdin = False
            await run_hook(self.on_notebook_start, notebook=self.nb)
            return self.kc

        start_new_kernel_client = run_sync(async_start_new_kernel_client)  # (nbclient binds its own at class level)

        def execute(self, **kwargs: Any) -> Any:
            try:
                return super().execute(**kwargs)
            finally:
                if self.kc is not None:
                    self.kc.stop_channels()
                    self.kc = None

    class _Engine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False, stdout_file: Any = None,
                                     stderr_file: Any = None, start_timeout: int = 60, execution_timeout: Any = None,
                                     **kwargs: Any) -> Any:
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            return _Client(nb_man, timeout=execution_timeout, startup_timeout=start_timeout, kernel_name=kernel_name, log=logger,
                           log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file, **kwargs).execute()

    papermill_engines.register(name, _Engine)
    return name
