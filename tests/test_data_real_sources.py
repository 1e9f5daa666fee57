"""Eurostat regional R&D, national accounts and Crunchbase 2013 adapters on the real files; bad inputs.

Real files: ../shared/data (or $HELPERS_RAW_DATA); the tests skip when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from helpers.data.adapters import natacc
from helpers.data.canonical import build, read
from helpers.errors import InputError


def raw_data_dir() -> Path | None:
    env = os.environ.get("HELPERS_RAW_DATA")
    p = Path(env) if env else (Path(__file__).parents[1] / ".." / "shared" / "data").resolve()
    return p if (p / "patents_country_wipo35.csv").is_file() else None


RAW = raw_data_dir()
needs_raw = pytest.mark.skipif(RAW is None, reason="real data folder ../shared/data (or $HELPERS_RAW_DATA) not present")


@pytest.fixture(scope="module")
def canon(real_canonical):
    return real_canonical


@needs_raw
def test_eurostat_regional_real(canon):
    ri = read(canon, "region_indicators")
    # awk -F, 'NR>1 && $6!=""' regional_rd_eurostat.csv | wc -l -> 100630 (955 empty values left out)
    assert len(ri) == 100630
    assert len(read(canon, "quality_flags", table="region_indicators", flag="missing")) == 955
    # grep '^rd_e_gerdreg_total_mio_eur,BE2,' | grep ',2019,' -> 9350.475 (BE2 = Flemish Region)
    be2 = read(canon, "region_indicators", region="BE2", indicator="GERD", unit="MIO_EUR", years=(2019, 2019))
    assert be2["value"].tolist() == [9350.475]
    regions = read(canon, "regions").set_index("region")
    assert regions.loc["BE2", "level"] == "nuts1" and regions.loc["BE2", "parent"] == "BE"
    assert regions.loc["BE", "iso3"] == "BEL" and regions.loc["EL", "iso2"] == "GR"
    assert regions.loc["EU27", "level"] == "aggregate"
    assert regions.loc["NUTS:FRA", "level"] == "nuts1"  # NUTS 2013 FRA is not France (ISO FRA)
    assert regions.loc["FRA", "level"] == "country" if "FRA" in regions.index else True


@needs_raw
def test_natacc_real_flags(canon):
    si = read(canon, "sector_indicators", region="BE", sector="C21")
    f = si.set_index(["indicator", "year"])["flag"]
    # the README's known defects: BE C21 exports 0 in 2011-2013, employment 2010 too low (3472 vs ~36000)
    assert [f[("EXP", y)] for y in (2011, 2012, 2013)] == ["zero_suspect"] * 3
    assert f[("EMP", 2010)] == "jump_suspect"
    assert pd.isna(f[("EMP", 2011)]) and pd.isna(f[("VA", 2015)])
    v = si.set_index(["indicator", "year"])["value"]
    assert v[("EMP", 2010)] == 3472.0  # value kept, flagged, not silently used
    allsi = read(canon, "sector_indicators")
    counts = allsi["flag"].value_counts()
    # awk -F, '$5==""' -> 14232 ; '$5!="" && $5==0' -> 4657 ; '$5<0' -> 6
    assert counts["missing"] == 14232
    assert counts["zero_suspect"] + counts["zero_series"] == 4657
    assert counts["negative"] == 6
    assert allsi["value"].isna().sum() == 14232
    assert set(allsi["unit"]) == {"MIO_EUR", "MIO_NAC", "THS_HW"}
    # members outside the euro area are in national currency: Sweden's 2015 value added is SEK
    se = allsi[(allsi["region"] == "SE") & (allsi["indicator"] == "VA")]
    assert set(se["unit"]) == {"MIO_NAC"}
    assert set(allsi.loc[(allsi["region"] == "BE") & (allsi["indicator"] == "VA"), "unit"]) == {"MIO_EUR"}
    q = read(canon, "quality_flags", table="sector_indicators")
    assert len(q) == allsi["flag"].notna().sum()


@needs_raw
def test_crunchbase2013_real(canon):
    usd = read(canon, "activity", source="investments", classification="crunchbase_2013_category", level="us_state")
    # python csv over the Mac Roman file: rounds with a category and a state raised 275352361652 USD
    assert usd["value"].sum() == pytest.approx(275352361652.0)
    ca = usd[(usd["region"] == "US-CA") & (usd["technology"] == "biotech") & (usd["year"] == 2012)]
    assert ca["value"].item() == pytest.approx(3866508276.0)  # csv: CA biotech 2012, 285 rounds
    n = read(canon, "activity", source="investments", classification="crunchbase_2013_category_rounds", region="US-CA", technology="biotech", years=(2012, 2012))
    assert n["value"].item() == 285
    usa = read(canon, "activity", source="investments", classification="crunchbase_2013_category_rounds", region="USA")
    assert usa["value"].sum() == 31215  # 31679 rounds - 464 without category
    sf = read(canon, "activity", source="investments", classification="crunchbase_2013_category_rounds", region="US:SF Bay")
    assert sf["value"].sum() == 9367
    assert len(read(canon, "technologies", classification="crunchbase_2013_category")) == 42
    dropped = read(canon, "quality_flags", flag="dropped", item="category_code empty")
    assert dropped["reason"].item().startswith("464 rounds")


# ------------------------------------------------------------------ bad inputs


def _write(tmp_path: Path, rel: str, text: str, encoding="utf-8") -> Path:
    raw = tmp_path / "raw"
    p = raw / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode(encoding))
    return raw


def _fails(tmp_path, raw, pattern):
    with pytest.raises(InputError, match=pattern):
        build(raw, tmp_path / "out", progress=lambda m: None)
    assert not (tmp_path / "out").exists()


EUR = "indicator,region_id,region_level,region_year_spec,year,value\n"


def test_eurostat_regional_bad_inputs(tmp_path):
    raw = _write(tmp_path, "regional_rd_eurostat.csv", EUR + "rd_e_gerdreg_total_mio_eur,BE2,1,2010,2019,\nrd_e_gerdreg_total_mio_eur,BE2,1,2010,2018,12.5\n")
    out = tmp_path / "ok"
    build(raw, out, progress=lambda m: None)
    assert read(out, "region_indicators")["value"].tolist() == [12.5]
    _write(tmp_path, "regional_rd_eurostat.csv", EUR + "rd_e_gerdreg_total_mio_eur,QQ9,1,2010,2019,1\n")
    _fails(tmp_path, raw, r"regional_rd_eurostat\.csv: unknown region code 'QQ9' in column 'region_id' at line 2")
    _write(tmp_path, "regional_rd_eurostat.csv", EUR + "gdp_per_head,BE2,1,2010,2019,1\n")
    _fails(tmp_path, raw, r"unknown indicator 'gdp_per_head' in column 'indicator' at line 2")
    _write(tmp_path, "regional_rd_eurostat.csv", EUR + "rd_e_gerdreg_total_mio_eur,BE2,1,2010,2019,-1\n")
    _fails(tmp_path, raw, r"column 'value' has a negative value '-1' at line 2")
    with pytest.raises(InputError, match=r"no rows with region=BE3"):
        read(out, "region_indicators", region="BE3")


NAT = "year,country,indicator,nace,value\n"


def test_natacc_flags_on_fixture_and_bad_inputs(tmp_path):
    rows = "".join(f"{y},BE,EMP,C21,{v}\n" for y, v in zip(range(2010, 2018), [3472, 35522, 36787, 0, 37383, 37798, 40708, ""]))
    raw = _write(tmp_path, "sectors_natacc_eu28.csv", NAT + rows)
    out = tmp_path / "ok"
    build(raw, out, progress=lambda m: None)
    flags = read(out, "sector_indicators").set_index("year")["flag"]
    assert flags[2010] == "jump_suspect" and flags[2013] == "zero_suspect" and flags[2017] == "missing"
    assert flags[[2011, 2012, 2014, 2015, 2016]].isna().all()
    _write(tmp_path, "sectors_natacc_eu28.csv", NAT + "2010,BE,EMP,C2x,1\n")
    _fails(tmp_path, raw, r"unknown NACE code 'C2x' in column 'nace' at line 2: it is not a NACE Rev. 2 code")
    _write(tmp_path, "sectors_natacc_eu28.csv", NAT + "2010,BE,EMP,C21,1\n2010,BE,EMP,C21,2\n")
    _fails(tmp_path, raw, r"duplicate row for \(region=BE, sector=C21, indicator=EMP, year=2010\) at line 3")
    _write(tmp_path, "sectors_natacc_eu28.csv", NAT + "2010,Belgium,EMP,C21,1\n")
    _fails(tmp_path, raw, r"unknown region code 'Belgium' in column 'country' at line 2")


def test_natacc_whole_series_flagged_when_no_majority():
    vals = pd.DataFrame({"series": "s", "year": range(9), "value": [39766, 39257, 380943, 37339, 36389, 353463, 346076, 33427, 326371]})
    assert (natacc.flag_series(vals) == "jump_suspect").all()


COMP = "permalink,name,category_code,funding_total_usd,status,country_code,state_code,region,city\n/company/a,A,biotech,10,operating,USA,CA,SF Bay,Palo Alto\n"
ROUNDS = (
    "company_permalink,company_name,company_category_code,company_country_code,company_state_code,company_region,company_city,"
    "funding_round_type,funded_at,funded_month,funded_quarter,funded_year,raised_amount_usd\n"
)


def test_crunchbase2013_fixture_mac_roman_cr(tmp_path):
    rounds = ROUNDS + "/company/a,Condé,biotech,USA,CA,SF Bay,Palo Alto,angel,2012-01-01,2012-01,2012-Q1,2012,100\n" \
        + "/company/b,B,web,USA,,unknown,,seed,2012-01-01,2012-01,2012-Q1,2012,\n"
    raw = _write(tmp_path, "crunchbase_2013/crunchbase-rounds.csv", rounds.replace("\n", "\r"), encoding="mac_roman")
    _write(tmp_path, "crunchbase_2013/crunchbase-companies.csv", COMP.replace("\n", "\r"), encoding="mac_roman")
    out = tmp_path / "ok"
    build(raw, out, progress=lambda m: None)
    act = read(out, "activity")
    assert act[(act["region"] == "USA") & (act["classification"] == "crunchbase_2013_category_rounds")]["value"].sum() == 2
    assert act[(act["region"] == "US-CA") & (act["classification"] == "crunchbase_2013_category")]["value"].sum() == 100
    assert set(act["region"]) == {"USA", "US-CA", "US:SF Bay"}
    _write(tmp_path, "crunchbase_2013/crunchbase-rounds.csv", ROUNDS + "/company/a,A,biotech,USA,CA,SF Bay,x,angel,2012-01-01,2012-01,2012-Q1,2012,-5\n")
    _fails(tmp_path, raw, r"crunchbase-rounds\.csv: column 'raised_amount_usd' has a negative amount '-5' at line 2")
    _write(tmp_path, "crunchbase_2013/crunchbase-rounds.csv", ROUNDS + "/company/a,A,biotech,USA,QQ,SF Bay,x,angel,2012-01-01,2012-01,2012-Q1,2012,5\n")
    _fails(tmp_path, raw, r"unknown region code 'US-QQ' in column 'company_state_code' at line 2")
    _write(tmp_path, "crunchbase_2013/crunchbase-rounds.csv", ROUNDS.replace("raised_amount_usd", "amount"))
    _fails(tmp_path, raw, r"crunchbase-rounds\.csv: missing column\(s\) 'raised_amount_usd'")
    _write(tmp_path, "crunchbase_2013/crunchbase-rounds.csv", ROUNDS)
    _fails(tmp_path, raw, r"crunchbase-rounds\.csv: no funding rounds")
