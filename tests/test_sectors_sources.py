"""The finer sources of Tabel 1's patents and publications columns (helpers.chapters.sectors.sources):
NACE-coded patents and SCImago's Scopus areas, by hand on tiny tables, the mapping files, the choice of
route, and Belgium on the real data recomputed independently from the raw CSV files.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from conftest import raw_data_or_skip
from helpers.chapters import sectors
from helpers.chapters.sectors import sources
from helpers.data.domains import load_domains, load_ncses_mapping
from helpers.errors import InputError

# ------------------------------------------------------------------------------------------
# NACE-coded patents by hand
# ------------------------------------------------------------------------------------------

DOMAINS = pd.DataFrame({"domain_id": ["pharma", "it", "chemicals", "research"], "nace": ["C21", "J", "C20", "M72"]})
NACE_MAP = pd.DataFrame({
    "domain_id": ["pharma", "it", "chemicals", "chemicals", "research"],
    "nace2_patstat": ["21", "62", "20.1", "20.42", ""],
    "rationale": ["", "", "", "", "research has no code of its own"],
})


def nace_patents() -> pd.DataFrame:
    # 2004-2018: BEL 100 patents, DEU 1000, FRA 1000 (USA is not in the EU-27); 1989-2003 lies outside the window
    rows = [("BEL", "21", 30), ("BEL", "20.1", 10), ("BEL", "20.42", 10), ("BEL", "26.1", 40), ("BEL", "62", 10),
            ("DEU", "21", 50), ("DEU", "20.1", 200), ("DEU", "20.42", 50), ("DEU", "26.1", 600), ("DEU", "62", 100),
            ("FRA", "21", 100), ("FRA", "20.1", 100), ("FRA", "26.1", 700), ("FRA", "62", 100), ("USA", "21", 5000)]
    act = [{"region": r, "technology": c, "year": 2004, "year_last": 2018, "value": float(v)} for r, c, v in rows]
    act.append({"region": "BEL", "technology": "21", "year": 1989, "year_last": 2003, "value": 1000.0})
    return pd.DataFrame(act)


def test_nace_patents_specialisation_by_hand():
    out = sources.nace_patents_specialisation(nace_patents(), NACE_MAP, DOMAINS, "BEL", "EU27", [2004, 2018]).set_index("domain_id")
    # EU-27 = BEL + DEU + FRA: 100 + 1000 + 1000 = 2100 patents
    # pharma (21): BEL 30/100 = 0.30; EU-27 (30 + 50 + 100)/2100 = 180/2100 -> 0.30 * 2100 / 180 = 3.5
    assert out.loc["pharma", "value"] == pytest.approx(3.5)
    assert out.loc["pharma", "focus_share"] == pytest.approx(0.30)
    # chemicals (20.1 + 20.42): BEL 20/100 = 0.20; EU-27 (20 + 250 + 100)/2100 = 370/2100 -> 420/370
    assert out.loc["chemicals", "value"] == pytest.approx(420 / 370)
    # it (62): BEL 10/100 = 0.10; EU-27 (10 + 100 + 100)/2100 = 0.10 -> 1.0
    assert out.loc["it", "value"] == pytest.approx(1.0)
    # the 1989-2003 rows do not count (else pharma would be 1030/1100 for BEL), nor does the USA
    assert math.isnan(out.loc["research", "value"]) and out.loc["research", "reason"] == "research has no code of its own"
    assert set(out["years"]) == {"2004-2018"} and set(out["n_years"]) == {15}
    assert set(out["source"]) == {sources.NACE_SOURCE}
    assert out.loc["chemicals", "basis"].startswith("NACE: 20.1; 20.42; BEL 20.0 of 100.0, EU27 370.0 of 2,100.0")
    assert out.loc["pharma", "reference_coverage"] == "3 of 27"


def test_nace_periods_inside_the_window():
    # both periods: pharma BEL (1000 + 30) / 1100; EU-27 (1000 + 180) / 3100
    out = sources.nace_patents_specialisation(nace_patents(), NACE_MAP, DOMAINS, "BEL", "EU27", [1989, 2018]).set_index("domain_id")
    assert out.loc["pharma", "value"] == pytest.approx((1030 / 1100) / (1180 / 3100))
    assert out.loc["pharma", "years"] == "1989-2018" and out.loc["pharma", "n_years"] == 30
    with pytest.raises(InputError, match="no period lies within the window 2005-2018; the data's periods are 1989-2003, 2004-2018"):
        sources.nace_patents_specialisation(nace_patents(), NACE_MAP, DOMAINS, "BEL", "EU27", [2005, 2018])


def test_nace_mapping_must_hold_every_code_of_the_domain():
    partial = NACE_MAP[NACE_MAP["nace2_patstat"] != "20.42"]
    with pytest.raises(InputError, match="NACE 20.42 of the patent data lies inside chemicals's NACE C20 but has no row"):
        sources.nace_patents_specialisation(nace_patents(), partial, DOMAINS, "BEL", "EU27", [2004, 2018])
    unknown = pd.concat([NACE_MAP, pd.DataFrame({"domain_id": ["pharma"], "nace2_patstat": ["21.9"], "rationale": [""]})])
    with pytest.raises(InputError, match="unknown technology '21.9'"):
        sources.nace_patents_specialisation(nace_patents(), unknown, DOMAINS, "BEL", "EU27", [2004, 2018])


@pytest.mark.parametrize("code,group,inside", [
    ("21", "C21", True), ("21.1", "C21", True), ("26.11", "C26", True), ("26.11", "C26.1", True), ("26.2", "C26.1", False),
    ("62", "J", True), ("62", "M72", False), ("11", "C10-C12", True), ("13", "C10-C12", False), ("25.94", "C24_C25", True),
    ("27.1", "C26", False), ("2", "C21", False),
])
def test_nace_in_group(code: str, group: str, inside: bool):
    assert sources.nace_in_group(code, group) is inside


# ------------------------------------------------------------------------------------------
# SCImago by hand
# ------------------------------------------------------------------------------------------

ASJC_MAP = pd.DataFrame({"domain_id": ["pharma", "pharma", "pharma", "chemicals", "research"],
                         "asjc_area": ["3000", "1300", "2700", "1600", ""], "basis": ["judgement", "seed text", "seed text", "seed text", "judgement"],
                         "rationale": ["", "", "", "", "every field"]})
SCI_DOMAINS = pd.DataFrame({"domain_id": ["pharma", "chemicals", "research"], "nace": ["C21", "C20", "M72"]})


def scimago_documents() -> pd.DataFrame:
    # per year: BEL 1300 20, 1600 10, 2700 50, 3000 20 (100); DEU 100, 200, 500, 200 (1000); 2014 lies outside the window
    per_year = {"BEL": (20, 10, 50, 20), "DEU": (100, 200, 500, 200), "USA": (900, 900, 900, 900)}
    rows = [{"region": r, "technology": a, "year": y, "value": float(v)}
            for y in (2015, 2016) for r, vals in per_year.items() for a, v in zip(("1300", "1600", "2700", "3000"), vals)]
    rows.append({"region": "BEL", "technology": "1600", "year": 2014, "value": 5000.0})
    return pd.DataFrame(rows)


def test_scimago_specialisation_by_hand():
    out = sources.scimago_specialisation(scimago_documents(), ASJC_MAP, SCI_DOMAINS, "BEL", "EU27", [2015, 2016]).set_index("domain_id")
    # total = sum of the areas: BEL 200, EU-27 (BEL + DEU) 2200
    # pharma (3000, 1300, 2700): BEL 180/200 = 0.9; EU-27 (180 + 1600)/2200 -> 0.9 * 2200 / 1780
    assert out.loc["pharma", "value"] == pytest.approx(0.9 * 2200 / 1780)
    # chemicals (1600): BEL 20/200 = 0.1; EU-27 (20 + 400)/2200 -> 220/420
    assert out.loc["chemicals", "value"] == pytest.approx(220 / 420)
    assert math.isnan(out.loc["research", "value"]) and "every field" in out.loc["research", "reason"]
    assert set(out["source"]) == {sources.SCIMAGO_SOURCE} and out.loc["pharma", "years"] == "2015-2016"
    assert out.loc["chemicals", "basis"].startswith("ASJC: 1600;")


def test_citation_impact_by_hand():
    # area 1600. 2015: BEL 10 docs 30 cit., DEU 200/200, USA 90/170: world rate 400/300; BEL expects 13.33
    #            2016: BEL 10 docs 10 cit., DEU 100/50,  USA 90/40:  world rate 100/200; BEL expects 5
    # BEL: 40 / 18.33 = 2.1818; EU-27 (BEL + DEU): 290 / (210 * 4/3 + 110 * 0.5) = 290 / 335
    d = pd.DataFrame({"region": ["BEL", "DEU", "USA"] * 2, "technology": "1600", "year": [2015] * 3 + [2016] * 3,
                      "value": [10.0, 200.0, 90.0, 10.0, 100.0, 90.0]})
    c = d.assign(value=[30.0, 200.0, 170.0, 10.0, 50.0, 40.0])
    out = sources.domain_citation_impact(d, c, ASJC_MAP, SCI_DOMAINS, "BEL", "EU27", [2015, 2016]).set_index("domain_id")
    assert out.loc["chemicals", "impact"] == pytest.approx(40 / (40 / 3 + 5))
    assert out.loc["chemicals", "reference_impact"] == pytest.approx(290 / 335)
    assert out.loc["chemicals", "documents"] == 20 and out.loc["chemicals", "areas"] == "1600"
    # pharma's areas have no documents: na with the reason, not an error; research has no area
    assert math.isnan(out.loc["pharma", "impact"]) and out.loc["pharma", "reason"] == "BEL has no documents in these areas in 2015-2016"
    assert "every field" in out.loc["research", "reason"] and math.isnan(out.loc["research", "documents"])


# ------------------------------------------------------------------------------------------
# the route follows the edition's choice
# ------------------------------------------------------------------------------------------


def _patents_row(values: pd.DataFrame, domain: str, indicator: str = "patents") -> pd.Series:
    return values.set_index(["domain_id", "indicator_id"]).loc[(domain, indicator)]


def test_patents_source_selects_the_route():
    nace = sectors.domain_indicators(sectors=None, domains=DOMAINS, focus="BEL", reference="EU27", sectors_window=[2014, 2018],
                                     patents=nace_patents(), patents_window=[2004, 2018], patents_source="nace", nace_mapping=NACE_MAP)[0]
    row = _patents_row(nace, "pharma")
    assert row["value"] == pytest.approx(3.5) and row["source"] == sources.NACE_SOURCE
    # the WIPO route reads WIPO fields through the concordance: pharma is field 'Pharmaceuticals'
    wipo = pd.DataFrame({"region": ["BEL", "BEL", "DEU", "DEU"], "technology": ["Pharmaceuticals", "Optics"] * 2, "year": 2015,
                         "value": [30.0, 70.0, 100.0, 900.0]})
    old = sectors.domain_indicators(sectors=None, domains=DOMAINS.iloc[:1], focus="BEL", reference="EU27", sectors_window=[2014, 2018],
                                    patents=wipo, patents_window=[2015, 2015], patents_source="wipo35")[0]
    row = _patents_row(old, "pharma")
    assert row["value"] == pytest.approx(0.30 / (130 / 1100)) and row["source"] == "patents" and row["basis"].startswith("fields:")
    # the default is today's WIPO route (what the decision framework calls)
    default = sectors.domain_indicators(sectors=None, domains=DOMAINS.iloc[:1], focus="BEL", reference="EU27", sectors_window=[2014, 2018],
                                        patents=wipo, patents_window=[2015, 2015])[0]
    pd.testing.assert_frame_equal(default, old)
    with pytest.raises(InputError, match="sectors.patents_source: 'ipc'"):
        sectors.domain_indicators(sectors=None, domains=DOMAINS, focus="BEL", reference="EU27", sectors_window=[2014, 2018],
                                  patents_source="ipc")


def test_publications_source_selects_the_route():
    values = sectors.domain_indicators(sectors=None, domains=SCI_DOMAINS, focus="BEL", reference="EU27", sectors_window=[2014, 2018],
                                       publications=scimago_documents(), publications_window=[2015, 2016], publications_source="scimago",
                                       asjc_mapping=ASJC_MAP)[0]
    row = _patents_row(values, "chemicals", "publications")
    assert row["value"] == pytest.approx(220 / 420) and row["source"] == sources.SCIMAGO_SOURCE
    # NCSES: shares of the 'all' row, fields from the NCSES mapping (chemicals -> Chemistry)
    ncses = pd.DataFrame({"region": ["BEL"] * 2 + ["DEU"] * 2, "technology": ["Chemistry", "all"] * 2, "year": 2020,
                          "value": [10.0, 40.0, 10.0, 100.0]})
    old = sectors.domain_indicators(sectors=None, domains=SCI_DOMAINS.iloc[[1]], focus="BEL", reference="EU27", sectors_window=[2014, 2018],
                                    publications=ncses, publications_window=[2020, 2020], publications_source="ncses",
                                    ncses_mapping=load_ncses_mapping())[0]
    row = _patents_row(old, "chemicals", "publications")
    assert row["value"] == pytest.approx(0.25 / (20 / 140)) and row["source"] == "publications"
    with pytest.raises(InputError, match="sectors.publications_source: 'openalex'"):
        sectors.domain_indicators(sectors=None, domains=SCI_DOMAINS, focus="BEL", reference="EU27", sectors_window=[2014, 2018],
                                  publications_source="openalex")


def test_missing_source_is_na_with_the_source_named():
    values = sectors.domain_indicators(sectors=None, domains=DOMAINS, focus="BEL", reference="EU27", sectors_window=[2014, 2018],
                                       patents_source="nace", publications_source="scimago")[0]
    assert "EPO PATSTAT, patents_country_ipc4" in _patents_row(values, "pharma")["reason"]
    assert "publications_scimago" in _patents_row(values, "pharma", "publications")["reason"]


# ------------------------------------------------------------------------------------------
# the mapping files
# ------------------------------------------------------------------------------------------


def test_mapping_files():
    domains = load_domains()
    nace = sources.load_nace_patents_mapping(domains=domains)
    assert set(nace["domain_id"]) == set(domains["domain_id"]) and (nace["citation"].str.len() > 50).all()
    assert nace.query("domain_id == 'pharma'")["nace2_patstat"].tolist() == ["21"]
    assert nace.query("domain_id == 'it_programming'")["nace2_patstat"].tolist() == ["62"]
    assert set(nace.loc[nace["basis"] == "no code", "domain_id"]) == {"scientific_rd", "architects_engineers"}
    asjc = sources.load_asjc_mapping(domains=domains["domain_id"])
    assert set(asjc["domain_id"]) == set(domains["domain_id"]) and (asjc["citation"].str.len() > 50).all()
    assert set(asjc.query("domain_id == 'pharma'")["asjc_area"]) == {"3000", "1300", "2700"}
    assert asjc.query("domain_id == 'scientific_rd'")["asjc_area"].tolist() == [""]


def test_mapping_file_checks(tmp_path: Path):
    domains = load_domains()
    good = sources.load_nace_patents_mapping()
    cases = {
        "outside": (good.assign(nace2_patstat=good["nace2_patstat"].where(good["nace2_patstat"] != "21", "27.1")),
                    "NACE 27.1 is not inside pharma's NACE C21"),
        "basis": (good.assign(basis="guess"), "column 'basis' has 'guess'"),
        "citation": (good.assign(citation=""), "empty 'citation'"),
        "missing_domain": (good[good["domain_id"] != "food"], "domain 'food' has no row"),
        "empty_code": (good.assign(basis="definition"), "must be empty exactly when basis is 'no code'"),
    }
    for name, (df, message) in cases.items():
        path = tmp_path / f"{name}.csv"
        df.to_csv(path, index=False)
        with pytest.raises(InputError, match=message):
            sources.load_nace_patents_mapping(path, domains=domains)
    asjc = sources.load_asjc_mapping()
    path = tmp_path / "asjc.csv"
    asjc.assign(asjc_area=asjc["asjc_area"].replace("1600", "Chemistry")).to_csv(path, index=False)
    with pytest.raises(InputError, match="asjc_area 'Chemistry'; use the four-digit area code"):
        sources.load_asjc_mapping(path, domains=domains["domain_id"])


# ------------------------------------------------------------------------------------------
# real data: Belgium against the EU-27, recomputed from the raw CSV files
# ------------------------------------------------------------------------------------------

EU27_ISO2 = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL",
             "PT", "RO", "SK", "SI", "ES", "SE"]
EU27_NAMES = ["Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czech Republic", "Denmark", "Estonia", "Finland", "France",
              "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta", "Netherlands", "Poland",
              "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden"]


@pytest.fixture(scope="module")
def canon(real_canonical):
    return real_canonical


def _si(rows, own, member, selected, key, value):
    f = f_tot = r = r_tot = 0.0
    for row in rows:
        n = float(row[value])
        if own(row):
            f_tot += n
            f += n if selected(row[key]) else 0.0
        if member(row):
            r_tot += n
            r += n if selected(row[key]) else 0.0
    return (f / f_tot) / (r / r_tot)


@pytest.mark.parametrize("domain", ["pharma", "chemicals", "computers_electronics", "it_programming"])
def test_real_nace_patents_belgium_vs_eu27(canon, domain: str):
    domains = load_domains()
    group = domains.set_index("domain_id").loc[domain, "nace"]
    with open(raw_data_or_skip() / "patents_country_ipc4" / "country_nace2_patents.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["period"] == "2004-2018"]
    # a domain is every NACE code of the data inside its NACE definition (the mapping file must say the same)
    expected = _si(rows, lambda r: r["ctry_code"] == "BE", lambda r: r["ctry_code"] in EU27_ISO2,
                   lambda code: sources.nace_in_group(code.replace(",", "."), group), "nace2", "patents_frac")
    data = sectors.load_inputs(canon, patents_source="nace", publications_source="scimago")
    assert set(data["patents"]["technology"]) >= {"21", "62"}
    values, _ = sectors.domain_indicators(sectors=None, domains=domains, focus="BEL", reference="EU27", sectors_window=[2014, 2018],
                                          patents=data["patents"], patents_window=[2004, 2018], patents_source="nace")
    row = _patents_row(values, domain)
    assert row["value"] == pytest.approx(expected, rel=1e-9)
    assert row["source"] == sources.NACE_SOURCE and row["years"] == "2004-2018" and row["reference_coverage"] == "27 of 27"


@pytest.mark.parametrize("domain,areas", [("chemicals", {"1600", "1500"}), ("pharma", {"3000", "1300", "2700"})])
def test_real_scimago_belgium_vs_eu27(canon, domain: str, areas: set[str]):
    with open(raw_data_or_skip() / "publications_scimago" / "country_asjc_area_year.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if 2012 <= int(r["year"]) <= 2016]
    expected = _si(rows, lambda r: r["country"] == "Belgium", lambda r: r["country"] in EU27_NAMES, lambda a: a in areas,
                   "asjc_area", "documents")
    data = sectors.load_inputs(canon, patents_source="nace", publications_source="scimago")
    values, _ = sectors.domain_indicators(sectors=None, domains=load_domains(), focus="BEL", reference="EU27", sectors_window=[2014, 2018],
                                          publications=data["publications"], publications_window=[2012, 2016], publications_source="scimago")
    row = _patents_row(values, domain, "publications")
    assert row["value"] == pytest.approx(expected, rel=1e-9) and row["source"] == sources.SCIMAGO_SOURCE
    impact = sources.domain_citation_impact(data["publications"], data["citations"], sources.load_asjc_mapping(), load_domains(), "BEL",
                                            "EU27", [2012, 2016]).set_index("domain_id")
    assert impact.loc[domain, "impact"] > 0 and impact.loc[domain, "documents"] > 1000


def test_real_mapping_covers_the_patent_data(canon):
    data = sectors.load_inputs(canon, patents_source="nace", publications_source="scimago")
    domains = load_domains()
    fmap, reasons = sources.nace_patent_map(sources.load_nace_patents_mapping(domains=domains), domains,
                                            codes=pd.unique(data["patents"]["technology"]))
    assert set(reasons) == {"scientific_rd", "architects_engineers"}
    assert set(fmap["technology"]) <= set(data["patents"]["technology"])
