"""Issue 16, "Interruption, caches, concurrency, permissions": a build that is interrupted, finds
a damaged cache or leftovers of a killed build, races another build, meets a read-only folder or
runs without a loopback interface says so in one line and never damages the published book.

Most tests run the build's pieces on fakes; two start the real command (the Ctrl-C test stops it
during the notebooks, the others fail before the data step).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from helpers.book import build as build_mod
from helpers.book import cache as cache_mod
from helpers.book import guards
from helpers.book.build import cache_problem, publish, scrub_kernel_paths, store_cache, usable_cache
from helpers.errors import BuildError

from conftest import HELPERS, ROOT, Book, raw_data_or_skip, tree_digest, with_canonical_tables


@pytest.fixture
def previous_book(tmp_path: Path) -> Path:
    out = tmp_path / "site" / "html"
    (out / "notebooks").mkdir(parents=True)
    (out / "index.html").write_text("<html>earlier book</html>")
    (out / "notebooks" / "overview.html").write_text("<html>earlier page</html>")
    return out


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# -- 1. Ctrl-C during the notebooks -------------------------------------------------------------

def _processes_with(tag: str) -> list[int]:
    found = []
    for pid in (p for p in Path("/proc").iterdir() if p.name.isdigit()):
        try:
            if tag.encode() in (pid / "environ").read_bytes():
                found.append(int(pid.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc to find the build's processes")
def test_ctrl_c_during_notebooks_stops_at_once(previous_book: Path, tmp_path: Path, book: Book):
    """Ctrl-C on the terminal (SIGINT to the whole process group) while the notebooks run: the
    workers and kernels are killed at once, one line, status 130, the earlier book untouched. (The build
    folder starts with the session book's canonical tables and no executed notebooks: every notebook runs.)"""
    raw = raw_data_or_skip()
    before = tree_digest(previous_book)
    tag = f"HELPERS_TEST_TAG={uuid.uuid4().hex}"
    env = dict(os.environ, HELPERS_TEST_TAG=tag.partition("=")[2])
    build_dir = with_canonical_tables(book, tmp_path / "build")
    proc = subprocess.Popen([*AS_FROM_A_TERMINAL, *HELPERS, "build", "--build-dir", str(build_dir), "--out", str(previous_book),
                             "--set", f"data_dir={raw}", "--jobs", "2"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    started = threading.Event()
    stdout: list[str] = []

    def read() -> None:
        for line in proc.stdout:
            stdout.append(line)
            if line.startswith("[notebooks]"):
                started.set()

    errors: list[str] = []

    def read_errors() -> None:  # drain stderr as it comes: a full pipe would block the build's exit
        for line in proc.stderr:
            errors.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    error_reader = threading.Thread(target=read_errors, daemon=True)
    error_reader.start()
    try:
        assert started.wait(300), "".join(stdout)
        deadline = time.monotonic() + 30  # let the kernels start: the interrupt must stop running notebooks
        while time.monotonic() < deadline and not any("ipykernel" in _cmdline(pid) for pid in _processes_with(tag)):
            time.sleep(0.2)
        time.sleep(1)
        sent = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            alive = [(pid, _cmdline(pid)[:120]) for pid in _processes_with(tag)]
            masks = _signal_masks(proc.pid)
            pytest.fail(f"the build did not stop within 30 s of Ctrl-C ({masks}); processes left: {alive}; "
                        f"stdout: {''.join(stdout)[-1500:]}; stderr: {''.join(errors)[-1500:]}")
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    error_reader.join(timeout=5)
    stderr = "".join(errors)
    assert code == 130, stderr
    assert took < 10, f"stopping took {took:.1f} s"
    line = _one_line(stderr)
    assert line.startswith("interrupted:") and "unchanged" in line, line
    assert tree_digest(previous_book) == before
    deadline = time.monotonic() + 5
    while _processes_with(tag) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _processes_with(tag), "no worker or kernel outlives the build"


#: runs the command given after it as a process started from a terminal gets it: Ctrl-C neither ignored nor blocked
#: (a pytest worker may have either inherited or set them; the build would then inherit them and never see Ctrl-C)
AS_FROM_A_TERMINAL = [sys.executable, "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT}); "
                      "signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"]


def _signal_masks(pid: int) -> str:
    """A process's blocked, ignored and caught signals (``/proc/<pid>/status``), for a failure's message."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return "process gone"
    return ", ".join(line.replace("\t", " ") for line in lines if line.startswith(("SigBlk", "SigIgn", "SigCgt")))


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def test_stop_processes_kills_the_tree():
    """The worker's children (the kernels) die with it, though they are in their own session."""
    code = ("import subprocess, time\n"
            "subprocess.Popen(['sleep', '60'], start_new_session=True)\n"
            "time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 10
        while not guards._children().get(parent.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        child = guards._children()[parent.pid][0]
        guards.stop_processes([parent.pid])
        parent.wait(timeout=5)
        deadline = time.monotonic() + 5
        while Path(f"/proc/{child}").exists() and _state(child) != "Z" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not Path(f"/proc/{child}").exists() or _state(child) == "Z"
    finally:
        if parent.poll() is None:
            parent.kill()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return ""


def test_keyboard_interrupt_is_one_line(monkeypatch, capsys, tmp_path: Path):
    from helpers import cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("helpers.book.cli.build_book", interrupted)
    code = cli.main(["build", "--build-dir", str(tmp_path / "b"), "--out", str(tmp_path / "never"), "--set", f"data_dir={ROOT / 'data'}"])
    assert code == 130
    line = _one_line(capsys.readouterr().err)
    assert line == f"interrupted: the build was stopped -- nothing was published to {tmp_path / 'never'}"


def test_sigint_is_held_back_during_the_swap():
    with pytest.raises(KeyboardInterrupt):
        with guards.sigint_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            reached = True  # the signal did not interrupt the block
    assert reached


# -- 2. the notebook cache -----------------------------------------------------------------------

def _executed(tmp_path: Path) -> tuple[Path, Path]:
    notebooks, tables = tmp_path / "stage" / "notebooks", tmp_path / "stage" / "tables"
    notebooks.mkdir(parents=True)
    tables.mkdir(parents=True)
    (notebooks / "overview.ipynb").write_text("{}")
    (tables / "a.csv").write_text("x\n1\n")
    (tables / "b.csv").write_text("y\n2\n")
    return notebooks, tables


def test_cache_is_stored_whole_and_checked(tmp_path: Path):
    notebooks, tables = _executed(tmp_path)
    root = tmp_path / "cache"
    (root / "oldkey").mkdir(parents=True)
    entry = store_cache(root, "k1", notebooks, tables)
    assert sorted(p.name for p in root.iterdir()) == ["k1"], "older entries and temporary folders are gone"
    assert cache_problem(entry) is None
    listed = json.loads((entry / cache_mod.CACHE_LIST).read_text())["files"]
    assert set(listed) == {"notebooks/overview.ipynb", "tables/a.csv", "tables/b.csv"}
    notes: list[str] = []
    assert usable_cache(root, "k1", notes.append) == entry and not notes


@pytest.mark.parametrize("damage", ["missing table", "truncated table", "no file list", "no tables folder"])
def test_damaged_cache_is_ignored_with_a_note(tmp_path: Path, damage: str):
    notebooks, tables = _executed(tmp_path)
    root = tmp_path / "cache"
    entry = store_cache(root, "k1", notebooks, tables)
    if damage == "missing table":
        (entry / "tables" / "b.csv").unlink()
    elif damage == "truncated table":
        (entry / "tables" / "a.csv").write_text("x\n")
    elif damage == "no file list":
        (entry / cache_mod.CACHE_LIST).unlink()
    else:
        shutil.rmtree(entry / "tables")
    notes: list[str] = []
    assert usable_cache(root, "k1", notes.append) is None
    assert len(notes) == 1 and "not reusing" in notes[0] and "running them again" in notes[0], notes
    assert not entry.exists(), "the damaged entry is removed"


def test_interrupted_store_leaves_no_entry(tmp_path: Path, monkeypatch):
    notebooks, tables = _executed(tmp_path)
    root = tmp_path / "cache"
    store_cache(root, "k1", notebooks, tables)
    real = shutil.copytree

    def copy(src, dst, *args, **kwargs):
        if Path(src) == tables:
            (Path(dst)).mkdir()
            shutil.copy2(tables / "a.csv", Path(dst) / "a.csv")  # half copied, then the build is killed
            raise KeyboardInterrupt
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(shutil, "copytree", copy)
    with pytest.raises(KeyboardInterrupt):
        store_cache(root, "k2", notebooks, tables)
    monkeypatch.setattr(shutil, "copytree", real)
    assert sorted(p.name for p in root.iterdir()) == ["k1"], "no half-stored entry, the previous one kept"
    assert usable_cache(root, "k2", lambda m: None) is None
    assert cache_problem(root / "k1") is None


def test_build_reruns_the_notebooks_when_the_cache_lost_a_table(tmp_path: Path, monkeypatch):
    """The whole build on fakes (data step, notebooks, Sphinx): a stored entry missing a table is
    ignored with a note, the notebooks run again and the published book has every CSV."""
    runs: list[int] = []

    def data_step(raw, data_dir, progress=None):
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        return {"tables": {}}

    def notebooks(tasks, jobs, progress):
        runs.append(len(tasks))
        for entry, stage, parameters, _ in tasks:
            _notebook_as_run(entry, Path(stage), "nl")
            Path(parameters["tables_dir"], Path(entry).name).mkdir(parents=True, exist_ok=True)
        Path(parameters["tables_dir"], "overview").mkdir(parents=True, exist_ok=True)
        Path(parameters["tables_dir"], "overview", "overview_table.csv").write_text("x\n1\n")
        return {}

    def sphinx(stage, log, strict):
        html = Path(stage) / "_build" / "html"
        shutil.copytree(Path(stage) / "_static", html / "_static", dirs_exist_ok=True)
        (html / "index.html").write_text("<html>book</html>")
        return 0

    monkeypatch.setattr("helpers.data.canonical.build", data_step)
    monkeypatch.setattr(build_mod, "run_notebooks", notebooks)
    monkeypatch.setattr(build_mod, "_sphinx", sphinx)
    monkeypatch.setattr(build_mod.pdf, "write_pdf", lambda *a, **k: 0.0)  # the fake site has no pages to print
    build_dir, out = tmp_path / "build", tmp_path / "html"

    def build() -> list[str]:
        lines: list[str] = []
        build_mod.build_book(_edition("languages=[nl]"), ROOT / "editions" / "2026.yml", [], out, progress=lines.append, build_dir=build_dir)
        return lines

    build()
    assert len(runs) == 1 and runs[0] == len(build_mod.toc_notebooks())
    (entry,) = [e for e in (build_dir / "cache").iterdir() if (e / "tables" / "overview_table.csv").is_file()]
    (entry / "tables" / "overview_table.csv").unlink()
    lines = build()
    assert runs == [runs[0], 1], "the overview notebook (only) ran again"
    assert any("not reusing the stored notebooks" in line and "overview_table.csv is missing" in line for line in lines), lines
    assert (out / "nl" / "_static" / "tables" / "overview_table.csv").is_file()
    lines = build()
    assert len(runs) == 2 and any("reusing its executed notebooks" in line for line in lines), lines
    assert (out / "nl" / "_static" / "tables" / "overview_table.csv").is_file()


# -- 3. leftovers of a killed data step ----------------------------------------------------------

def test_stale_temporary_folders_are_removed(tmp_path: Path):
    build_dir = tmp_path / "build"
    for name in (".data.tmp-abc", ".data.old-def"):
        (build_dir / name).mkdir(parents=True)
        (build_dir / name / "activity.csv").write_text("x\n")
    (build_dir / "data").mkdir()
    held = build_dir / ".data.tmp-live"
    held.mkdir()
    with open(held / "being_written.csv", "w"):  # a running process writes in it: not stale
        removed = guards.remove_stale(build_dir, [".data.tmp-*", ".data.old-*"])
    assert sorted(p.name for p in removed) == [".data.old-def", ".data.tmp-abc"]
    assert sorted(p.name for p in build_dir.iterdir()) == [".data.tmp-live", "data"]


def test_build_cleans_leftovers_before_it_starts(tmp_path: Path, monkeypatch, previous_book: Path):
    """The build removes them at its start (here it then stops at a fake data step)."""
    build_dir = tmp_path / "build"
    (build_dir / ".data.tmp-x1").mkdir(parents=True)
    (build_dir / "cache" / ".new-k-x2").mkdir(parents=True)
    lines: list[str] = []

    def data_step(*args, **kwargs):
        raise BuildError("stop here")

    monkeypatch.setattr("helpers.data.canonical.build", data_step)
    with pytest.raises(BuildError, match="stop here"):
        build_mod.build_book(_edition(), ROOT / "editions" / "2026.yml", [], previous_book, progress=lines.append, build_dir=build_dir)
    assert not (build_dir / ".data.tmp-x1").exists() and not (build_dir / "cache" / ".new-k-x2").exists()
    assert any(line.startswith("[clean] removed 2 temporary folder(s)") for line in lines), lines


def _edition(*overrides: str):
    from helpers.book.edition import load_edition

    return load_edition(ROOT / "editions" / "2026.yml", [f"data_dir={ROOT / 'data'}", *overrides])


# -- 4. two builds publishing to the same folder --------------------------------------------------

def _site(folder: Path, text: str) -> Path:
    for i in range(30):
        (folder / f"d{i}").mkdir(parents=True)
        (folder / f"d{i}" / "page.html").write_text(text * 200)
    (folder / "index.html").write_text(text)
    return folder


def _publish_many(html: str, out: str, rounds: int, errors) -> None:
    try:
        for _ in range(rounds):
            publish(Path(html), Path(out), progress=lambda m: None)
    except BaseException as exc:  # reported to the test
        errors.put(f"{type(exc).__name__}: {exc}")


def test_concurrent_publishes_take_turns(tmp_path: Path):
    out = tmp_path / "out"
    sites = [_site(tmp_path / f"build{i}" / "html", f"book {i}") for i in range(3)]
    # fork: the workers start at once, and start publishing at about the same time (the race needs that)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    errors = context.Queue()
    workers = [context.Process(target=_publish_many, args=(str(site), str(out), 4, errors)) for site in sites]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert not found, found
    assert tree_digest(out) in {tree_digest(site) for site in sites}, "the output is one whole book"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build0", "build1", "build2", "out", "out.lock"]


def test_publish_waits_for_the_lock_then_fails_in_one_line(tmp_path: Path, previous_book: Path):
    before = tree_digest(previous_book)
    site = _site(tmp_path / "new", "new book")
    import fcntl

    with open(previous_book.with_name("html.lock"), "a") as other:
        fcntl.flock(other, fcntl.LOCK_EX)
        lines: list[str] = []
        with pytest.raises(BuildError, match="another build has been publishing to .* for more than 1 s"):
            publish(site, previous_book, progress=lines.append, wait=1)
        assert lines and "waiting" in lines[0]
    assert tree_digest(previous_book) == before


# -- 5. read-only folders ----------------------------------------------------------------------------

def _read_only_command(folder: Path, *args: str) -> list[str]:
    """The command with ``folder`` read-only: a read-only bind mount in a user and mount namespace
    (works as root, where permission bits are not enforced), else a chmod (see the fixture)."""
    if os.geteuid() != 0:
        return [*HELPERS, *args]
    script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    return ["unshare", "-rm", "sh", "-c", script, str(folder), *HELPERS, *args]


def _can_make_read_only(tmp_path: Path) -> bool:
    if os.geteuid() != 0:
        return True
    if not shutil.which("unshare"):
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    result = subprocess.run(["unshare", "-rm", "sh", "-c", 'mount --bind -o ro "$0" "$0" && ! touch "$0/x"', str(probe)],
                            capture_output=True)
    return result.returncode == 0


@pytest.mark.parametrize("which", ["build folder", "output parent", "output folder"])
def test_read_only_folder_is_one_line_before_anything_runs(tmp_path: Path, previous_book: Path, which: str):
    if not _can_make_read_only(tmp_path):
        pytest.skip("cannot make a folder read-only here (root without user namespaces)")
    build_dir = tmp_path / "build"
    (build_dir / "stage").mkdir(parents=True)
    folder = {"build folder": build_dir, "output parent": previous_book.parent, "output folder": previous_book}[which]
    before = tree_digest(previous_book)
    if os.geteuid() != 0:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
    try:
        args = ("build", "--build-dir", str(build_dir), "--out", str(previous_book), "--set", f"data_dir={ROOT / 'data'}")
        started = time.monotonic()
        result = subprocess.run(_read_only_command(folder, *args), cwd=ROOT, capture_output=True, text=True, timeout=120)
        took = time.monotonic() - started
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
    assert result.returncode == 2, result.stdout + result.stderr
    line = _one_line(result.stderr)
    assert line.startswith("error: cannot write to the") and str(folder) in line and "read-only" in line, line
    assert "unchanged" in line
    assert "[data]" not in result.stdout and took < 60
    assert tree_digest(previous_book) == before


def test_old_book_that_cannot_be_deleted_does_not_fail_the_swap(tmp_path: Path, previous_book: Path, monkeypatch):
    """Deleting the old copy after the swap is the only step that may fail after it: a note, not an error."""
    site = _site(tmp_path / "new", "new book")
    real = shutil.rmtree

    def rmtree(path, *args, **kwargs):
        if Path(path).name == ".html.old":
            return None  # as if permission was denied: the folder stays
        return real(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", rmtree)
    lines: list[str] = []
    publish(site, previous_book, progress=lines.append)
    assert tree_digest(previous_book) == tree_digest(site)
    assert any("could not be deleted" in line for line in lines), lines


def test_failure_before_the_swap_is_one_line_and_keeps_the_book(tmp_path: Path, previous_book: Path, monkeypatch):
    site = _site(tmp_path / "new", "new book")
    before = tree_digest(previous_book)
    real = os.rename

    def rename(src, dst):
        if Path(src).name == ".html.new":  # the new book cannot be moved in
            raise PermissionError(13, "Permission denied", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(BuildError, match="cannot publish to .*Permission denied"):
        publish(site, previous_book, progress=lambda m: None)
    monkeypatch.setattr(os, "rename", real)
    assert tree_digest(previous_book) == before
    assert not previous_book.with_name(".html.new").exists()


def test_check_writable_sees_a_read_only_subfolder(tmp_path: Path, monkeypatch):
    (tmp_path / "build" / "stage" / "deep").mkdir(parents=True)
    locked = tmp_path / "build" / "stage" / "deep"
    real = os.access
    monkeypatch.setattr(guards.os, "access", lambda path, mode: False if Path(path) == locked else real(path, mode))
    with pytest.raises(BuildError, match=f"cannot write to the build folder {tmp_path / 'build'} \\({locked} is read-only\\)"):
        guards.check_writable(tmp_path / "build", "build folder", "hint")
    guards.check_writable(tmp_path / "not" / "yet", "build folder", "hint")  # created later: its parent is writable


# -- 6. no loopback interface ----------------------------------------------------------------------

def test_no_loopback_fails_at_once(monkeypatch, tmp_path: Path, previous_book: Path):
    monkeypatch.setattr(guards, "loopback_problem", lambda: "Network is unreachable")
    called = []
    monkeypatch.setattr("helpers.data.canonical.build", lambda *a, **k: called.append(1))
    with pytest.raises(BuildError, match=r"kernels need the loopback interface \(127\.0\.0\.1\).*Network is unreachable"):
        build_mod.build_book(_edition(), ROOT / "editions" / "2026.yml", [], previous_book, progress=lambda m: None,
                             build_dir=tmp_path / "build")
    assert not called, "nothing ran"


def test_loopback_probe_works_here():
    assert guards.loopback_problem() is None


def test_no_loopback_in_a_network_namespace(tmp_path: Path, previous_book: Path):
    """The real command in a namespace whose ``lo`` is down (where binding 127.0.0.1 still works)."""
    if not shutil.which("unshare") or subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode != 0:
        pytest.skip("no user and network namespaces here")
    before = tree_digest(previous_book)
    result = subprocess.run(["unshare", "-rn", *HELPERS, "build", "--build-dir", str(tmp_path / "build"), "--out", str(previous_book),
                             "--set", f"data_dir={ROOT / 'data'}"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    line = _one_line(result.stderr)
    assert "loopback interface" in line and "unchanged" in line, line
    assert "[data]" not in result.stdout
    assert tree_digest(previous_book) == before


# -- 7. the failure message when nothing had been published -----------------------------------------

@pytest.mark.parametrize("existed", [True, False])
def test_failure_message_says_what_was_kept(monkeypatch, capsys, tmp_path: Path, previous_book: Path, existed: bool):
    from helpers import cli

    def failing(*args, **kwargs):
        raise BuildError("notebooks/overview.ipynb: cell 3 failed")

    monkeypatch.setattr("helpers.book.cli.build_book", failing)
    out = previous_book if existed else tmp_path / "fresh"
    assert cli.main(["build", "--build-dir", str(tmp_path / "b"), "--out", str(out), "--set", f"data_dir={ROOT / 'data'}"]) == 2
    line = _one_line(capsys.readouterr().err)
    if existed:
        assert line.endswith(f"-- the previously published book in {out} is unchanged"), line
    else:
        assert line.endswith(f"-- nothing was published to {out}"), line
        assert "unchanged" not in line


# -- 8. nothing but the build time differs between two identical builds ------------------------------

def test_kernel_temp_paths_are_scrubbed():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x = 1")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="/tmp/ipykernel_12345/3456789.py:3: FutureWarning: soon\n  x = 1\n"),
        nbformat.v4.new_output("error", ename="ValueError", evalue="bad", traceback=["File /tmp/ipykernel_99/12.py:1", "ValueError: bad"]),
        nbformat.v4.new_output("display_data", data={"text/plain": "see C:\\Temp\\ipykernel_7\\8.py"}),
    ]
    nb.cells = [cell]
    scrub_kernel_paths(nb)
    text = json.dumps(nb)
    assert "ipykernel_" not in text
    assert cell.outputs[0]["text"].startswith("<cell>:3: FutureWarning: soon")
    assert cell.outputs[1]["traceback"][0] == "File <cell>:1"


def test_edition_page_differs_only_in_its_build_time(tmp_path: Path, monkeypatch):
    from helpers.book import provenance

    edition = _edition()
    manifest = {"inputs": [{"path": "patents.csv", "adapter": "patents", "rows_read": 3, "size": 10, "sha256": "ab"}]}
    pages = []
    for hour in (9, 17):
        monkeypatch.setattr(provenance, "build_time", lambda hour=hour: f"2026-01-02 {hour:02d}:30 UTC")
        target = tmp_path / f"run{hour}"
        provenance.write_pages(target / "generated", edition, ROOT / "editions" / "2026.yml", [], manifest, target / "tables")
        pages.append((target / "generated" / "edition.md").read_text().splitlines())
    differ = [(a, b) for a, b in zip(*pages) if a != b]
    assert len(pages[0]) == len(pages[1])
    assert differ == [('- **Gebouwd op**: <span class="build-time" data-built="2026-01-02 09:30 UTC"></span>',
                       '- **Gebouwd op**: <span class="build-time" data-built="2026-01-02 17:30 UTC"></span>')], differ
    tables = [sorted((tmp_path / f"run{h}" / "tables").glob("*.csv")) for h in (9, 17)]
    assert [p.read_bytes() for p in tables[0]] == [p.read_bytes() for p in tables[1]]


def test_publish_after_a_kill_between_the_renames_restores_the_old_book(tmp_path: Path, previous_book: Path, monkeypatch):
    """A build killed (SIGKILL) after renaming the old book away and before renaming the new one in
    left only ``.html.old``: the next publish to the folder puts it back first (here it then fails)."""
    site = _site(tmp_path / "new", "new book")
    before = tree_digest(previous_book)
    os.rename(previous_book, previous_book.with_name(".html.old"))

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copytree", full_disk)
    with pytest.raises(BuildError, match="No space left"):
        publish(site, previous_book, progress=lambda m: None)
    assert tree_digest(previous_book) == before


def test_build_time_stays_out_of_the_search_index(tmp_path: Path, monkeypatch):
    """Sphinx indexes the page's text: the time is shown from an attribute, so two builds' search
    indexes are equal and their edition pages differ in the time only."""
    from helpers.book import provenance

    edition = _edition()
    built = {}
    for hour in (9, 17):
        monkeypatch.setattr(provenance, "build_time", lambda hour=hour: f"2026-01-02 {hour:02d}:{hour * 3 + 1:02d} UTC")
        source = tmp_path / f"src{hour}"
        provenance.write_pages(source, edition, ROOT / "editions" / "2026.yml", [], {"inputs": []}, tmp_path / f"tables{hour}")
        (source / "conf.py").write_text('extensions = ["myst_parser"]\nroot_doc = "edition"\nexclude_patterns = ["data_dictionary.md"]\n')
        result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(tmp_path / f"html{hour}")],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        built[hour] = tmp_path / f"html{hour}"
    assert (built[9] / "searchindex.js").read_bytes() == (built[17] / "searchindex.js").read_bytes()
    first, second = ((built[h] / "edition.html").read_text().splitlines() for h in (9, 17))
    differ = [(a, b) for a, b in zip(first, second) if a != b]
    assert len(differ) == 1 and 'data-built="2026-01-02 09:28 UTC"' in differ[0][0], differ


def _notebook_as_run(entry: str, stage: Path, language: str) -> None:
    """A stand-in for an executed notebook: the notebook itself as its language's book runs it (no outputs)."""
    import nbformat

    from helpers.book.execute import prepare_for_book

    nb = nbformat.read(ROOT / f"{entry}.ipynb", as_version=4)
    prepare_for_book(nb, language)
    nbformat.write(nb, stage / f"{entry}.ipynb")
