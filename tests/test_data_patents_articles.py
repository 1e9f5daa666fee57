"""The patents (WIPO 35 fields) and NCSES articles adapters on the real files, and bad inputs.

Real files: ../shared/data (or $HELPERS_RAW_DATA); the tests skip when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.data.adapters import articles_ncses, patents_wipo35
from helpers.data.canonical import build, read
from helpers.errors import InputError


def raw_data_dir() -> Path | None:
    env = os.environ.get("HELPERS_RAW_DATA")
    p = Path(env) if env else (Path(__file__).parents[1] / ".." / "shared" / "data").resolve()
    return p if (p / "patents_country_wipo35.csv").is_file() else None


RAW = raw_data_dir()
needs_raw = pytest.mark.skipif(RAW is None, reason="real data folder ../shared/data (or $HELPERS_RAW_DATA) not present")


@pytest.fixture(scope="module")
def canon(tmp_path_factory):
    if RAW is None:
        pytest.skip("real data folder not present")
    out = tmp_path_factory.mktemp("canon") / "data"
    build(RAW, out, sources=["patents", "publications"], progress=lambda m: None)
    return out


# ------------------------------------------------------------------ real files


@needs_raw
def test_patents_totals_match_awk(canon):
    act = read(canon, "activity", source="patents")
    # awk -F, 'NR>1{s+=$NF} END{print s}' patents_country_wipo35.csv  -> 36150123 (63559 rows)
    assert act["value"].sum() == 36150123
    # awk -F, '$2=="BEL"{s+=$NF}' -> 203417 ; with $1==2019 -> 14741
    bel = read(canon, "activity", source="patents", region="BEL")
    assert bel["value"].sum() == 203417
    assert bel.loc[bel["year"] == 2019, "value"].sum() == 14741
    # grep '^2019,BEL,Belgium,Pharmaceuticals,' -> 1195
    pharma = read(canon, "activity", source="patents", region="BEL", technology="Pharmaceuticals", years=(2019, 2019))
    assert pharma["value"].tolist() == [1195.0]
    # awk -F, '$2 ~ /^ *$/ {s+=$NF; n++}' -> 725 patents on 451 rows without a country: region UNK
    unk = read(canon, "activity", source="patents", region="UNK")
    assert unk["value"].sum() == 725
    # countries only (level=country): awk -F, '$1==2019 && $2 !~ /^ *$/ {s+=$NF}' -> 2259436
    world = read(canon, "activity", source="patents", level="country", years=(2019, 2019))
    assert world["value"].sum() == 2259436
    assert "UNK" not in set(world["region"])


@needs_raw
def test_patents_unknown_location_is_reported(canon):
    flags = read(canon, "quality_flags", flag="unknown_location")
    assert flags["value"].sum() == 725
    assert any("European Patent Office" in i for i in flags["item"])
    techs = read(canon, "technologies", classification="wipo35")
    assert len(techs) == 35
    assert techs.set_index("technology").loc["Pharmaceuticals", "technology_id"] == "W16"


@needs_raw
def test_articles_countries_never_include_aggregates(canon):
    regions = read(canon, "regions")
    lv = dict(zip(regions["region"], regions["level"]))
    assert lv["WLD"] == lv["EU27"] == lv["EU28"] == "aggregate"
    assert lv["PRI"] == "territory" and lv["UNK"] == "unknown" and lv["BEL"] == "country"
    # independent computation (csv module over the raw file, leaves of region_path minus aggregate
    # leaves and Puerto Rico): countries 2022 'All S&E fields' = 3333239.70 = World 3344037.0 - Unassigned 10797.29
    c = read(canon, "activity", source="publications", technology="all", level="country", years=(2022, 2022))
    assert c["value"].sum() == pytest.approx(3333239.70, abs=0.05)
    w = read(canon, "activity", source="publications", technology="all", region="WLD", years=(2022, 2022))
    assert w["value"].tolist() == [3344037.0]
    # grep 'All S&E fields,.*-> Belgium,' 2022 -> 17612.3 ; the 14 fields add up to 17612.31
    bel = read(canon, "activity", source="publications", region="BEL", years=(2022, 2022))
    assert bel.loc[bel["technology"] == "all", "value"].item() == pytest.approx(17612.3)
    assert bel.loc[bel["technology"] != "all", "value"].sum() == pytest.approx(17612.31, abs=0.01)
    assert len(read(canon, "activity", source="publications", classification="ncses_fields")) == 65100


@needs_raw
def test_articles_aggregate_mismatch_flagged(canon):
    flags = read(canon, "quality_flags", flag="aggregate_mismatch")
    # 'Other Europe, 2020' includes the UK although NCSES lists the UK elsewhere
    assert "NCSES_OEU2020" in set(flags["region"])
    assert "WLD" not in set(flags["region"])


# ------------------------------------------------------------------ bad inputs (nothing written)

PAT_HEADER = "year,country_iso3,country_name,wipo_field,patents\n"
GOOD = "2019,BEL,Belgium,Optics,3\n2019,NLD,Netherlands,Optics,4\n"


def _raw(tmp_path: Path, text: str, name: str = "patents_country_wipo35.csv") -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / name).write_text(text, encoding="utf-8")
    return raw


def _build_fails(tmp_path: Path, raw: Path, pattern: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(InputError, match=pattern) as exc:
        build(raw, out, progress=lambda m: None)
    assert "\n" not in str(exc.value)
    assert not out.exists(), "nothing may be written when validation fails"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")], "no temp folder left behind"


def test_good_fixture_builds(tmp_path):
    raw = _raw(tmp_path, PAT_HEADER + GOOD)
    build(raw, tmp_path / "out", progress=lambda m: None)
    assert read(tmp_path / "out", "activity")["value"].sum() == 7


def test_bad_missing_column(tmp_path):
    raw = _raw(tmp_path, "year,country_iso3,country_name,wipo_field\n2019,BEL,Belgium,Optics\n")
    _build_fails(tmp_path, raw, r"patents_country_wipo35\.csv: missing column\(s\) 'patents'")


def test_extra_column_ignored_with_a_note(tmp_path):
    # the layout of an export grows over the years: an extra column is ignored and named in the notes
    raw = _raw(tmp_path, "year,country_iso3,country_name,wipo_field,patents,unit\n2019,BEL,Belgium,Optics,3,thousands\n")
    man = build(raw, tmp_path / "out", progress=lambda m: None)
    assert read(tmp_path / "out", "activity")["value"].sum() == 3
    assert any("patents_country_wipo35.csv: ignored 1 column(s)" in n and "'unit'" in n for n in man["notes"])


def test_bad_clashing_extra_column(tmp_path):
    raw = _raw(tmp_path, "year,country_iso3,country_name,wipo_field,patents,patents\n2019,BEL,Belgium,Optics,3,4\n")
    _build_fails(tmp_path, raw, r"patents_country_wipo35\.csv: header \(line 1\): column 'patents' occurs twice \(columns 5 and 6\)")


def test_bad_wrong_type(tmp_path):
    raw = _raw(tmp_path, PAT_HEADER + "2019,BEL,Belgium,Optics,three\n")
    _build_fails(tmp_path, raw, r"patents_country_wipo35\.csv: column 'patents' has a non-numeric patent count 'three' at line 2")


def test_bad_negative_count(tmp_path):
    raw = _raw(tmp_path, PAT_HEADER + GOOD + "2018,BEL,Belgium,Optics,-2\n")
    _build_fails(tmp_path, raw, r"patents_country_wipo35\.csv: column 'patents' has a negative patent count '-2' at line 4.*cannot be negative")


def test_bad_nan_count(tmp_path):
    raw = _raw(tmp_path, PAT_HEADER + "2019,BEL,Belgium,Optics,\n")
    _build_fails(tmp_path, raw, r"patents_country_wipo35\.csv: column 'patents' is empty \(NaN\) at line 2")


def test_bad_duplicate_key(tmp_path):
    raw = _raw(tmp_path, PAT_HEADER + GOOD + "2019,BEL,Belgium,Optics,5\n")
    _build_fails(tmp_path, raw, r"patents_country_wipo35\.csv: duplicate row for \(year=2019, country_iso3=BEL, technology=Optics\) at line 4")


def test_bad_unknown_region_code(tmp_path):
    raw = _raw(tmp_path, PAT_HEADER + GOOD + "2019,XYZ,Nowhere,Optics,5\n")
    _build_fails(tmp_path, raw, r"patents_country_wipo35\.csv: unknown region code 'XYZ' in column 'country_iso3' at line 4")


def test_bad_unknown_technology_code(tmp_path):
    raw = _raw(tmp_path, PAT_HEADER + GOOD + "2019,BEL,Belgium,Opticks,5\n")
    _build_fails(tmp_path, raw, r"patents_country_wipo35\.csv: unknown technology code 'Opticks' in column 'wipo_field' at line 4")


def test_bad_year_out_of_range(tmp_path):
    raw = _raw(tmp_path, PAT_HEADER + "219,BEL,Belgium,Optics,5\n")
    _build_fails(tmp_path, raw, r"column 'year' has the year 219 at line 2")


def test_bad_empty_file(tmp_path):
    raw = _raw(tmp_path, PAT_HEADER)
    _build_fails(tmp_path, raw, r"patents_country_wipo35\.csv: no data rows")


ART_HEADER = "field,region_path,region,income_group,year,articles\n"


def test_articles_unknown_region_name(tmp_path):
    raw = _raw(
        tmp_path,
        ART_HEADER + "Physics,World,World,na,2020,10\nPhysics,World -> Atlantis,Atlantis,High,2020,10\n",
        name="articles_country_field.csv",
    )
    _build_fails(tmp_path, raw, r"articles_country_field\.csv: column 'region' has 1 region name\(s\) .*'Atlantis'.*NAME_OVERRIDES")


def test_articles_fixture_aggregates_and_html_names(tmp_path):
    raw = _raw(
        tmp_path,
        ART_HEADER
        + "Physics,World,World,na,2020,10.5\n"
        + "Physics,World -> Africa,Africa,na,2020,10.5\n"
        + "Physics,World -> Africa -> C&#244;te d&#8217;Ivoire,C&#244;te d&#8217;Ivoire,Lower-middle,2020,4.25\n"
        + "Physics,World -> Africa -> Kenya,Kenya,Lower-middle,2020,6.25\n",
        name="articles_country_field.csv",
    )
    out = tmp_path / "out"
    build(raw, out, progress=lambda m: None)
    c = read(out, "activity", level="country")
    assert sorted(c["region"]) == ["CIV", "KEN"] and c["value"].sum() == 10.5
    assert set(read(out, "activity", level="aggregate")["region"]) == {"WLD", "NCSES_AFR"}


def test_articles_negative_count(tmp_path):
    raw = _raw(tmp_path, ART_HEADER + "Physics,World,World,na,2020,-1\n", name="articles_country_field.csv")
    _build_fails(tmp_path, raw, r"articles_country_field\.csv: column 'articles' has a negative article count '-1' at line 2")


def test_adapter_load_is_pure(tmp_path):
    p = tmp_path / "p.csv"
    p.write_text(PAT_HEADER + GOOD, encoding="utf-8")
    res = patents_wipo35.load(p)
    assert list(tmp_path.iterdir()) == [p]
    assert res.tables["activity"]["value"].sum() == 7
    assert articles_ncses.technologies()["technology_id"].tolist()[0] == "N00"
