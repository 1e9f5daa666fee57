"""Results shared between the notebooks of one build (helpers.chapters.memo)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from helpers.chapters import memo

CALLS: list[int] = []


@memo.shared
def _heavy(frame: pd.DataFrame, factor: int = 2) -> pd.DataFrame:
    CALLS.append(factor)
    if factor < 0:
        warnings.warn("negative factor", UserWarning)
    if factor == 0:
        warnings.warn("about to fail", UserWarning)
        raise ValueError("zero")
    return frame * factor


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(memo.ENV, str(tmp_path / "memo"))
    CALLS.clear()
    return tmp_path / "memo"


def test_a_second_call_with_equal_inputs_reads_the_stored_result(folder):
    first = _heavy(pd.DataFrame({"a": [1, 2]}))
    again = _heavy(pd.DataFrame({"a": [1, 2]}))  # an equal frame, another object
    assert CALLS == [2], "computed once"
    pd.testing.assert_frame_equal(first, again)
    assert again is not first
    assert len(list(folder.glob("_heavy-*.pickle"))) == 1


def test_other_inputs_compute_again(folder):
    _heavy(pd.DataFrame({"a": [1, 2]}))
    _heavy(pd.DataFrame({"a": [1, 3]}))
    _heavy(pd.DataFrame({"a": [1, 2]}), factor=3)
    assert CALLS == [2, 2, 3]


def test_the_warnings_are_given_again_on_a_hit(folder):
    for _ in range(2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _heavy(pd.DataFrame({"a": [1]}), factor=-1)
        assert [str(w.message) for w in caught] == ["negative factor"]
    assert CALLS == [-1]


def test_a_failure_is_not_stored_and_keeps_its_warnings(folder):
    for _ in range(2):
        with warnings.catch_warnings(record=True) as caught, pytest.raises(ValueError):
            warnings.simplefilter("always")
            _heavy(pd.DataFrame({"a": [1]}), factor=0)
        assert [str(w.message) for w in caught] == ["about to fail"]
    assert CALLS == [0, 0]


def test_outside_a_build_nothing_is_stored(tmp_path, monkeypatch):
    monkeypatch.delenv(memo.ENV, raising=False)
    CALLS.clear()
    _heavy(pd.DataFrame({"a": [1]}))
    _heavy(pd.DataFrame({"a": [1]}))
    assert CALLS == [2, 2]


def test_a_damaged_entry_is_computed_again(folder):
    _heavy(pd.DataFrame({"a": [5]}))
    (entry,) = folder.glob("_heavy-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert _heavy(pd.DataFrame({"a": [5]}))["a"].tolist() == [10]
    assert CALLS == [2, 2]


_TWICE = """
import os, sys, time
from helpers.chapters import memo

@memo.shared
def slow(x):
    with open(sys.argv[1], "a") as log:
        log.write(f"{os.getpid()}\\n")
    time.sleep(1.0)  # long enough for the other process to ask meanwhile
    return x * 3

print(slow(14))
"""


def test_two_processes_asking_at_once_compute_once(folder, tmp_path):
    """Notebooks run side by side: the second asks while the first computes, waits for it, and reads its result."""
    import subprocess
    import sys

    log = tmp_path / "computed.txt"
    procs = [subprocess.Popen([sys.executable, "-c", _TWICE, str(log)], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outs == ["42", "42"]
    assert len(log.read_text().split()) == 1, "computed by one process only"
