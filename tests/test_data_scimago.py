"""The SCImago adapter (documents and citations by country x ASJC area) on the real file and on bad inputs.

Real file: ../shared/data/publications_scimago/country_asjc_area_year.csv (or $HELPERS_RAW_DATA);
those tests skip when the folder is absent.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import RAW_DATA, raw_data_or_skip

from helpers.data.adapters import scimago
from helpers.data.canonical import merge_results
from helpers.data.regions import describe_region, is_country_code
from helpers.errors import InputError

REL = scimago.FILES[0]


@pytest.fixture(scope="module")
def real() -> tuple[Path, object]:
    raw = raw_data_or_skip()
    path = raw / REL
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return path, scimago.load(path, label=REL)


def _raw_rows(path: Path) -> list[dict[str, str]]:
    # independent of the adapter: the csv module (area names hold quoted commas, so no awk -F,)
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ------------------------------------------------------------------ real file


def test_every_country_name_maps(real):
    path, _ = real
    names = {r["country"] for r in _raw_rows(path)}
    assert len(names) == 239
    codes = {n: scimago.country_code(n) for n in names}
    assert not [n for n, c in codes.items() if c is None]
    assert all(is_country_code(c) and describe_region(c) is not None for c in codes.values())
    assert len(set(codes.values())) == 239  # no two spellings land on one code
    for name, code in [("Belgium", "BEL"), ("Russian Federation", "RUS"), ("South Korea", "KOR"), ("Iran", "IRN"),
                       ("Taiwan", "TWN"), ("Vatican City State", "VAT"), ("Macao", "MAC"), ("Palestine", "PSE"),
                       ("Netherlands Antilles", "ANT"), ("Democratic Republic Congo", "COD"), ("Congo", "COG"),
                       ("Virgin Islands (U.S.)", "VIR"), ("Ha?ti", "HTI"), ("C?te d¡¯Ivoire", "CIV")]:  # fmt: skip
        assert codes[name] == code, name


def test_belgium_and_totals(real):
    path, res = real
    rows = _raw_rows(path)
    act = res.tables["activity"]
    assert len(act) == 2 * len(rows) == 2 * 88383
    assert set(act["classification"]) == {"scimago_asjc", "scimago_asjc_citations"}
    assert set(act["source"]) == {"publications"}
    docs = act[act["classification"] == "scimago_asjc"]
    assert docs["region"].nunique() == 239
    bel = docs[docs["region"] == "BEL"]
    assert bel["technology"].nunique() == 27 and bel["year"].nunique() == 21
    assert len(bel) == 27 * 21
    # python csv over the raw file: Belgium 2016, 27 areas -> 53748 documents
    expected_2016 = sum(int(r["documents"]) for r in rows if r["country"] == "Belgium" and r["year"] == "2016")
    assert expected_2016 == 53748
    assert bel.loc[bel["year"] == 2016, "value"].sum() == expected_2016
    cits = act[(act["classification"] == "scimago_asjc_citations") & (act["region"] == "BEL")]
    assert cits["value"].sum() == sum(int(r["citations"]) for r in rows if r["country"] == "Belgium")
    one = docs[(docs["region"] == "BEL") & (docs["technology"] == "1300") & (docs["year"] == 2016)]["value"].tolist()
    assert one == [float(next(r["documents"] for r in rows if r["country"] == "Belgium" and r["year"] == "2016" and r["asjc_area"] == "1300"))]
    assert docs["value"].sum() == sum(int(r["documents"]) for r in rows)


def test_technologies_and_build_validation(real):
    _, res = real
    tech = res.tables["technologies"]
    assert len(tech) == 2 * 27
    row = tech[(tech["classification"] == "scimago_asjc") & (tech["technology"] == "1300")].iloc[0]
    assert row["technology_id"] == "ASJC1300"
    assert row["label"] == "Biochemistry, Genetics and Molecular Biology"
    assert row["group"] == "Scopus subject area"
    assert "88383 rows" in res.notes[0] and "239 countries" in res.notes[0] and "27 ASJC areas" in res.notes[0]
    out = merge_results([res], file_label="test")  # schema, keys, region and technology codes
    assert len(out["activity"]) == 2 * 88383
    assert len(out["regions"]) == 239


def test_detect_in_raw_folder():
    if not (RAW_DATA / REL).is_file():
        pytest.skip("real file not present")
    assert scimago.detect(RAW_DATA) == [RAW_DATA / REL]


# ------------------------------------------------------------------ bad inputs

HEADER = "asjc_area,area_name,year,country,documents,citable_documents,citations,self_citations,citations_per_doc,h_index\n"
GOOD = [
    '1300,"Biochemistry, Genetics and Molecular Biology",2016,Belgium,100,90,500,50,5.0,10\n',
    '1300,"Biochemistry, Genetics and Molecular Biology",2016,Russian Federation,200,180,400,80,2.0,12\n',
    "1700,Computer Science,2016,Belgium,50,45,100,10,2.0,5\n",
]


def _write(tmp_path: Path, lines: list[str], header: str = HEADER) -> Path:
    p = tmp_path / "country_asjc_area_year.csv"
    p.write_text(header + "".join(lines), encoding="utf-8")
    return p


def _error(path: Path) -> str:
    with pytest.raises(InputError) as exc:
        scimago.load(path, label="scimago.csv")
    msg = str(exc.value)
    assert "\n" not in msg and msg.startswith("scimago.csv: ")
    return msg


def test_small_good_file(tmp_path):
    res = scimago.load(_write(tmp_path, GOOD), label="scimago.csv")
    act = res.tables["activity"]
    assert len(act) == 6
    docs = act[act["classification"] == "scimago_asjc"].set_index(["region", "technology"])["value"]
    assert docs[("RUS", "1300")] == 200.0 and docs[("BEL", "1700")] == 50.0
    cits = act[act["classification"] == "scimago_asjc_citations"].set_index(["region", "technology"])["value"]
    assert cits[("BEL", "1300")] == 500.0
    assert res.tables["technologies"]["technology_id"].tolist() == ["ASJC1300", "ASJC1700"] * 2


def test_unknown_country(tmp_path):
    msg = _error(_write(tmp_path, GOOD + ["1700,Computer Science,2016,Atlantis,5,5,1,0,0.2,1\n"]))
    assert "column 'country'" in msg and "'Atlantis'" in msg and "line 5" in msg and "NAME_OVERRIDES" in msg


def test_duplicate_row(tmp_path):
    msg = _error(_write(tmp_path, GOOD + ["1700,Computer Science,2016,Belgium,7,5,1,0,0.2,1\n"]))
    assert "duplicate row" in msg and "country=Belgium" in msg and "line 5" in msg


def test_two_spellings_of_one_country(tmp_path):
    extra = ["1700,Computer Science,2016,Czech Republic,7,5,1,0,0.2,1\n", "1700,Computer Science,2016,Czechia,7,5,1,0,0.2,1\n"]
    msg = _error(_write(tmp_path, GOOD + extra))
    assert "column 'country'" in msg and "'Czechia' at line 6" in msg and "'Czech Republic'" in msg and "CZE" in msg


def test_negative_count(tmp_path):
    msg = _error(_write(tmp_path, GOOD + ["1700,Computer Science,2015,Belgium,-3,5,1,0,0.2,1\n"]))
    assert "column 'documents'" in msg and "negative" in msg and "line 5" in msg
    msg = _error(_write(tmp_path, GOOD + ["1700,Computer Science,2015,Belgium,3,5,-1,0,0.2,1\n"]))
    assert "column 'citations'" in msg and "line 5" in msg


def test_non_numeric_count(tmp_path):
    msg = _error(_write(tmp_path, ["1700,Computer Science,2016,Belgium,many,45,100,10,2.0,5\n"] + GOOD[:2]))
    assert "column 'documents'" in msg and "non-numeric" in msg and "'many'" in msg and "line 2" in msg
    msg = _error(_write(tmp_path, GOOD + ["1700,Computer Science,2015,Belgium,3,5,,0,0.2,1\n"]))
    assert "column 'citations'" in msg and "line 5" in msg


def test_missing_column(tmp_path):
    header = HEADER.replace("citations,self", "cites,self")
    msg = _error(_write(tmp_path, GOOD, header=header))
    assert "header (line 1): missing column" in msg and "'citations'" in msg
    # an extra column is ignored with a note (exports grow); one that clashes with a known name is an error
    rows = [r.replace("\n", ",x\n") for r in GOOD]
    res = scimago.load(_write(tmp_path, rows, header=HEADER.replace("h_index", "h_index,extra")), label="scimago.csv")
    assert any("ignored 1 column(s)" in n and "'extra'" in n for n in res.notes)
    msg = _error(_write(tmp_path, rows, header=HEADER.replace("h_index", "h_index,Documents")))
    assert "header (line 1): column 'Documents' clashes with the column 'documents'" in msg


def test_inconsistent_area_name(tmp_path):
    msg = _error(_write(tmp_path, GOOD + ["1700,Computing,2015,Belgium,3,5,1,0,0.2,1\n"]))
    assert "column 'area_name'" in msg and "'Computing'" in msg and "line 5" in msg and "line 4" in msg


def test_bad_area_code_and_year(tmp_path):
    msg = _error(_write(tmp_path, GOOD + ["1701,Computer Science,2015,Belgium,3,5,1,0,0.2,1\n"]))
    assert "column 'asjc_area'" in msg and "line 5" in msg
    msg = _error(_write(tmp_path, GOOD + ["1700,Computer Science,2216,Belgium,3,5,1,0,0.2,1\n"]))
    assert "column 'year'" in msg and "line 5" in msg and "1900-2100" in msg


def test_empty_file(tmp_path):
    assert "no data rows" in _error(_write(tmp_path, []))
    assert "empty" in _error(_write(tmp_path, [], header=""))
