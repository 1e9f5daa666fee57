"""Canonical tables and project data are validated once per file version and process (issue 17):
a changed file is read again, and callers get copies they may change."""

from __future__ import annotations

import os
from pathlib import Path

from helpers.data import policy
from helpers.data.canonical import build, read

from test_data_build import small_raw


def test_a_canonical_table_is_read_again_when_its_file_changes(tmp_path: Path, monkeypatch):
    out = tmp_path / "data"
    build(small_raw(tmp_path), out, progress=lambda m: None)
    calls: list[str] = []
    real = policy.pd.read_csv  # the canonical reader also goes through pandas.read_csv

    first = read(out, "activity")
    first.loc[first.index[0], "value"] = -1.0  # the caller's copy: not the cached frame
    again = read(out, "activity")
    assert (again["value"] >= 0).all()
    assert len(again) == 3
    import helpers.data.canonical as canonical

    monkeypatch.setattr(canonical, "_load_raw", lambda path, _real=canonical._load_raw: calls.append(path.name) or _real(path))
    read(out, "activity")
    assert "activity.csv" not in calls, "unchanged file: validated frame reused"
    path = out / "activity.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n", "\n", 1) + text.splitlines()[-1].replace("2019", "2017") + "\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    changed = read(out, "activity")
    assert "activity.csv" in calls and len(changed) == 4, "a changed file is read and validated again"
    assert real is policy.pd.read_csv


def test_project_data_are_checked_once_and_copied(tmp_path: Path, monkeypatch):
    spec = policy.FileSpec(name="t", relpath="t.csv", required=("id", "citation"), key="id", ids=("id",))
    path = tmp_path / "t.csv"
    path.write_text("id,citation\na,p. 1\nb,p. 2\n", encoding="utf-8")
    calls: list[Path] = []
    monkeypatch.setattr(policy, "_read_csv", lambda p, s, _real=policy._read_csv: calls.append(p) or _real(p, s))
    one = policy.read_csv(path, spec)
    one.loc[0, "id"] = "changed"
    two = policy.read_csv(path, spec)
    assert len(calls) == 1 and two.loc[0, "id"] == "a"
    path.write_text("id,citation\na,p. 1\nb,p. 2\nc,p. 3\n", encoding="utf-8")
    assert len(policy.read_csv(path, spec)) == 3 and len(calls) == 2


def test_another_process_reads_the_validated_table_from_disk(tmp_path: Path, monkeypatch):
    """A second process (here: the in-process memory cleared) reads the validated table back from
    ``.validated/`` without validating; the frame is exactly the validated one; a changed file, or a
    damaged stored file, is validated again."""
    import pandas as pd

    import helpers.data.canonical as canonical

    out = tmp_path / "data"
    build(small_raw(tmp_path), out, progress=lambda m: None)
    canonical._VALIDATED.clear()
    first = read(out, "activity")
    stored = sorted((out / ".validated").glob("activity-*.parquet"))
    assert len(stored) == 1, "the first read stores the validated table"
    canonical._VALIDATED.clear()
    calls: list[str] = []
    monkeypatch.setattr(canonical, "validate", lambda *a, _real=canonical.validate, **k: calls.append(a[1]) or _real(*a, **k))
    again = read(out, "activity")
    assert "activity" not in calls, "read from disk, not validated again"
    pd.testing.assert_frame_equal(first, again, check_exact=True)
    assert list(first.dtypes) == list(again.dtypes)
    stored[0].write_bytes(b"not parquet")
    canonical._VALIDATED.clear()
    pd.testing.assert_frame_equal(read(out, "activity"), first, check_exact=True)
    assert calls.count("activity") == 1, "a damaged stored file is ignored and the table validated again"
    path = out / "activity.csv"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    canonical._VALIDATED.clear()
    read(out, "activity")
    assert calls.count("activity") == 2, "a changed file version is validated again"
