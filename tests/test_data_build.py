"""canonical.build / read / check and the `helpers data` command: atomic, reproducible, provenance."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.data import canonical
from helpers.data.canonical import build, check, read
from helpers.cli import main as helpers_main
from helpers.errors import InputError

PAT_HEADER = "year,country_iso3,country_name,wipo_field,patents\n"


def raw_data_dir() -> Path | None:
    env = os.environ.get("HELPERS_RAW_DATA")
    p = Path(env) if env else (Path(__file__).parents[1] / ".." / "shared" / "data").resolve()
    return p if (p / "patents_country_wipo35.csv").is_file() else None


RAW = raw_data_dir()
needs_raw = pytest.mark.skipif(RAW is None, reason="real data folder ../shared/data (or $HELPERS_RAW_DATA) not present")


def small_raw(tmp_path: Path, rows: str = "2019,BEL,Belgium,Optics,3\n2019,NLD,Netherlands,Optics,4\n2018,BEL,Belgium,Control,1\n") -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "patents_country_wipo35.csv").write_text(PAT_HEADER + rows, encoding="utf-8")
    (raw / "README.md").write_text(
        "| file | what | coverage | source and licence |\n|---|---|---|---|\n"
        "| `patents_country_wipo35.csv` | x | y | Test source, CC0. |\n",
        encoding="utf-8",
    )
    return raw


def tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_inputs_give_byte_identical_outputs(tmp_path):
    raw = small_raw(tmp_path)
    build(raw, tmp_path / "a", progress=lambda m: None)
    build(raw, tmp_path / "b", progress=lambda m: None)
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert a == b
    text = a["activity.csv"].decode("utf-8")
    assert "\r" not in text and text.endswith("\n")
    assert text.splitlines()[1:] == [
        "patents,wipo35,BEL,Control,2018,1",
        "patents,wipo35,BEL,Optics,2019,3",
        "patents,wipo35,NLD,Optics,2019,4",
    ]


@needs_raw
def test_real_build_is_byte_identical(tmp_path):
    build(RAW, tmp_path / "a", sources=["patents", "publications"], progress=lambda m: None)
    build(RAW, tmp_path / "b", sources=["publications", "patents"], progress=lambda m: None)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_manifest_has_provenance(tmp_path):
    raw = small_raw(tmp_path)
    man = build(raw, tmp_path / "out", progress=lambda m: None)
    on_disk = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == json.loads(json.dumps(man))
    (inp,) = man["inputs"]
    assert inp["path"] == "patents_country_wipo35.csv"
    assert inp["rows_read"] == 3 and inp["adapter"] == "patents_wipo35"
    assert inp["source"] == "Test source, CC0."
    assert len(inp["sha256"]) == 64 and inp["size"] == (raw / "patents_country_wipo35.csv").stat().st_size
    assert man["tables"]["activity"]["rows"] == 3
    import hashlib

    assert man["tables"]["activity"]["sha256"] == hashlib.sha256((tmp_path / "out" / "activity.csv").read_bytes()).hexdigest()


def test_failed_build_leaves_previous_folder_untouched(tmp_path):
    raw = small_raw(tmp_path)
    out = tmp_path / "out"
    build(raw, out, progress=lambda m: None)
    before = tree(out)
    small_raw(tmp_path, rows="2019,BEL,Belgium,Optics,-3\n")
    with pytest.raises(InputError, match="negative"):
        build(raw, out, progress=lambda m: None)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "raw"]


def test_error_while_writing_leaves_previous_folder(tmp_path, monkeypatch):
    raw = small_raw(tmp_path)
    out = tmp_path / "out"
    build(raw, out, progress=lambda m: None)
    before = tree(out)

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(canonical, "_swap", boom)
    with pytest.raises(OSError):
        build(raw, out, progress=lambda m: None)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "raw"]


def test_rebuild_replaces_stale_files(tmp_path):
    raw = small_raw(tmp_path)
    out = tmp_path / "out"
    build(raw, out, progress=lambda m: None)
    (out / "stale.csv").write_text("x\n")
    build(raw, out, progress=lambda m: None)
    assert not (out / "stale.csv").exists()


def test_unknown_and_absent_sources(tmp_path):
    raw = small_raw(tmp_path)
    with pytest.raises(InputError, match="unknown source 'trademarks'"):
        build(raw, tmp_path / "out", sources=["trademarks"], progress=lambda m: None)
    with pytest.raises(InputError, match="source 'articles_ncses' was requested but articles_country_field.csv is not there"):
        build(raw, tmp_path / "out", sources=["publications"], progress=lambda m: None)
    with pytest.raises(InputError, match="raw data folder not found"):
        build(tmp_path / "nope", tmp_path / "out", progress=lambda m: None)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no known raw data files found"):
        build(empty, tmp_path / "out", progress=lambda m: None)
    assert not (tmp_path / "out").exists()


def test_read_filters_and_errors(tmp_path):
    raw = small_raw(tmp_path)
    out = tmp_path / "out"
    build(raw, out, progress=lambda m: None)
    df = read(out, "activity", region=["BEL", "NLD"], years=(2019, 2019))
    assert sorted(df["region"]) == ["BEL", "NLD"] and str(df["year"].dtype) == "Int64"
    assert len(read(out, "activity", level="country")) == 3
    with pytest.raises(InputError, match=r"empty selection: no rows with region=SWE; available region values: BEL, NLD"):
        read(out, "activity", region="SWE")
    with pytest.raises(InputError, match=r"empty selection for region='SWE'"):
        read(out, "activity", region=["BEL", "SWE"])
    with pytest.raises(InputError, match=r"years 2015-2019 are outside the data: it has years 2018-2019; choose a window within 2018-2019"):
        read(out, "activity", years=(2015, 2019))
    with pytest.raises(InputError, match=r"years 2019-2019 are outside the data: it has years 2018-2018 for technology='Control'"):
        read(out, "activity", technology="Control", years=(2019, 2019))
    with pytest.raises(InputError, match=r"unknown filter 'country'"):
        read(out, "activity", country="BEL")
    with pytest.raises(InputError, match=r"table 'activity' not found"):
        read(tmp_path / "nothing", "activity")


def test_read_validates_a_hand_edited_file(tmp_path):
    raw = small_raw(tmp_path)
    out = tmp_path / "out"
    build(raw, out, progress=lambda m: None)
    p = out / "activity.csv"
    p.write_text(p.read_text() + "patents,wipo35,BEL,Optics,2019,3\n")
    with pytest.raises(InputError, match=r"activity\.csv: duplicate key .* at line 5"):
        read(out, "activity")
    p.write_text("".join(p.read_text().splitlines(keepends=True)[:-1]).replace("NLD", "XXX"))
    with pytest.raises(InputError, match=r"unknown region code 'XXX' at line 4"):
        check(out, progress=lambda m: None)


def test_check_detects_changed_file(tmp_path):
    raw = small_raw(tmp_path)
    out = tmp_path / "out"
    build(raw, out, progress=lambda m: None)
    assert check(out, progress=lambda m: None)["activity"] == 3
    p = out / "activity.csv"
    p.write_text(p.read_text().replace(",3\n", ",5\n"))
    with pytest.raises(InputError, match=r"SHA-256 differs from manifest.json"):
        check(out, progress=lambda m: None)


def test_cli_build_check_and_error_line(tmp_path, capsys):
    raw = small_raw(tmp_path)
    out = tmp_path / "out"
    assert helpers_main(["data", "build", "--raw", str(raw), "--out", str(out), "-q"]) == 0
    assert helpers_main(["data", "check", str(out), "-q"]) == 0
    assert "ok (" in capsys.readouterr().out
    small_raw(tmp_path, rows="2019,BEL,Belgium,Optics,x\n")
    assert helpers_main(["data", "build", "--raw", str(raw), "--out", str(tmp_path / "o2"), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: patents_country_wipo35.csv: column 'patents'") and err.count("\n") == 1
    assert not (tmp_path / "o2").exists()


def test_cli_dictionary(tmp_path):
    p = tmp_path / "dict.md"
    assert helpers_main(["data", "dictionary", "--out", str(p)]) == 0
    assert "## `activity.csv`" in p.read_text(encoding="utf-8")


def test_console_script_runs(tmp_path):
    raw = small_raw(tmp_path)
    exe = Path(sys.executable).parent / "helpers"
    r = subprocess.run([str(exe), "data", "patents", str(raw / "patents_country_wipo35.csv"), "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "activity 3" in r.stdout
    assert "patents_wipo35: reading" in r.stderr
