"""The EPO PATSTAT country x IPC subclass adapter: the real folder, and bad input that must stop with one line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import raw_data_or_skip
from helpers.data.adapters import patents_ipc4 as adapter
from helpers.data.canonical import merge_results
from helpers.errors import InputError


def _folder(tmp_path: Path, counts: str, cooc: str | None = None, nace: str | None = None) -> Path:
    folder = tmp_path / adapter.FOLDER
    folder.mkdir(parents=True)
    (folder / "country_ipc4_patents.csv").write_text(counts, encoding="utf-8")
    if cooc is not None:
        (folder / "ipc4_cooccurrence_1974_2018.csv").write_text(cooc, encoding="utf-8")
    if nace is not None:
        (folder / "country_nace2_patents.csv").write_text(nace, encoding="utf-8")
    return tmp_path


GOOD = "ctry_code,ipc4,patents_frac,period\nBE,C12N,2.5,2004-2018\nDE,C12N,1,2004-2018\nBE,H01L,0.5,1989-2003\nEP,H01L,1,2004-2018\n"
COOC = "a,b,cooc\nC12N,C12N,10\nC12N,H01L,3\nH01L,C12N,3\nH01L,H01L,7\n"


def _load(raw: Path):
    return adapter.load_from_raw(raw, adapter.detect(raw))


def test_small_folder_becomes_activity_and_cooccurrence(tmp_path):
    raw = _folder(tmp_path, GOOD, COOC, nace="ctry_code,nace2,patents_frac,period\nBE,\"27,5\",1.5,2004-2018\nBE,10.0,1,2004-2018\n")
    res = _load(raw)
    act = res.tables["activity"].set_index(["classification", "region", "technology", "year"])
    assert act.loc[("ipc4_patstat", "BEL", "C12N", 2004), "value"] == 2.5
    assert act.loc[("ipc4_patstat", "BEL", "C12N", 2004), "year_last"] == 2018
    assert act.loc[("ipc4_patstat", "BEL", "H01L", 1989), "year_last"] == 2003
    # the European Patent Office is no country: counted under UNK and flagged
    assert act.loc[("ipc4_patstat", "UNK", "H01L", 2004), "value"] == 1
    assert "ctry_code=EP" in set(res.tables["quality_flags"]["item"])
    # NACE codes as the files write them ("27,5", "10.0") become one form
    assert {"27.5", "10"} <= set(act.loc["nace2_patstat"].index.get_level_values("technology"))
    cooc = res.tables["cooccurrence"]
    assert len(cooc) == 4 and set(cooc["year_first"]) == {1974} and set(cooc["year_last"]) == {2018}
    tables = merge_results([res])  # validates against the canonical schemas
    assert tables["activity"]["year_last"].notna().all()


def test_withdrawn_codes_map_by_period():
    assert adapter.country_code("CS", 1988) == "CSK"
    assert adapter.country_code("CS", 2018) == "SCG"
    assert adapter.country_code("UK", 2018) == "GBR"
    assert adapter.country_code("QQ", 2018) is None


@pytest.mark.parametrize(
    "counts, cooc, message",
    [
        (GOOD.replace("DE,C12N", "QQ,C12N"), None, "unknown country code 'QQ' in column 'ctry_code' at line 3"),
        (GOOD.replace("DE,C12N", "DE,C12"), None, "unknown code 'C12' in column 'ipc4' at line 3"),
        (GOOD.replace("DE,C12N,1,", "DE,C12N,-1,"), None, "negative patent count '-1' at line 3"),
        (GOOD.replace("DE,C12N,1,", "DE,C12N,one,"), None, "non-numeric patent count 'one' at line 3"),
        (GOOD + "DE,C12N,4,2004-2018\n", None, "duplicate row for (ctry_code=DE, technology=C12N, period=2004-2018) at line 6"),
        (GOOD.replace("1989-2003", "2003-1989"), None, "column 'period' has '2003-1989' at line 4"),
        (GOOD, COOC.replace("H01L,C12N,3", "H01L,C12N,4"), "not symmetric at line 3: (C12N, H01L) = 3 but (H01L, C12N) = 4"),
        (GOOD, COOC.replace("H01L,C12N,3\n", ""), "not symmetric at line 3: (C12N, H01L) = 3 but (H01L, C12N) = missing"),
        (GOOD, COOC.replace("C12N,H01L,3", "C12N,H01L,x"), "non-numeric co-occurrence count 'x' at line 3"),
        (GOOD, COOC + "H01L,H01L,8\n", "duplicate row for (code_a=H01L, code_b=H01L) at line 6"),
        (GOOD.replace("patents_frac", "patents"), None, "missing column(s) 'patents_frac'"),
    ],
)
def test_bad_input_stops_with_one_line(tmp_path, counts, cooc, message):
    raw = _folder(tmp_path, counts, cooc)
    with pytest.raises(InputError) as err:
        _load(raw)
    text = str(err.value)
    assert message in text, text
    assert "\n" not in text
    assert text.startswith(f"{adapter.FOLDER}/")


def test_real_folder():
    raw = raw_data_or_skip()
    files = adapter.detect(raw)
    if files is None:
        pytest.skip("the raw folder has no patents_country_ipc4/")
    res = adapter.load_from_raw(raw, files)
    act = res.tables["activity"]
    ipc = act[act["classification"] == "ipc4_patstat"]
    assert ipc["technology"].nunique() == 653
    assert set(zip(ipc["year"], ipc["year_last"])) == {(1974, 1988), (1989, 2003), (2004, 2018)}
    bel = ipc[(ipc["region"] == "BEL") & (ipc["year"] == 2004)]
    # the README: Belgium has 19,331 applications in 2004-2018
    assert round(bel["value"].sum()) == 19331
    raw_counts = pd.read_csv(raw / adapter.FOLDER / "country_ipc4_patents.csv")
    assert ipc["value"].sum() == pytest.approx(raw_counts["patents_frac"].sum(), rel=1e-12)  # nothing dropped
    unk = ipc.loc[ipc["region"] == "UNK", "value"].sum()
    assert 0 < unk < 1e-4 * ipc["value"].sum()
    cooc = res.tables["cooccurrence"]
    c = cooc[cooc["classification"] == "ipc4_patstat"]
    assert c["code_a"].nunique() == 653
    nace = act[act["classification"] == "nace2_patstat"]
    assert nace["technology"].str.match(adapter.NACE_PATTERN).all()
