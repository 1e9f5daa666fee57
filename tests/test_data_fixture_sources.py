"""Adapters for formats with no sample in ../shared/data, on fixture files written in their formats.

REGPAT (pipe-separated), OpenAlex (recorded API pages, no network), a current Crunchbase export,
Eurostat SDMX-ML. Expected numbers are worked out by hand in the comments.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.data.adapters import crunchbase, eurostat_sdmx, openalex, regpat
from helpers.data.canonical import build, read
from helpers.cli import main as helpers_main
from helpers.errors import InputError

FIX = Path(__file__).parent / "fixtures"
INV = FIX / "regpat" / "202307_EPO_Inv_reg.txt"
IPC = FIX / "regpat" / "202307_EPO_IPC.txt"
OA_FILTERS = {"institutions.country_code": "BE", "publication_year": "2020-2021"}


def fixture_raw(tmp_path: Path) -> Path:
    """A raw folder in the documented layout, assembled from every fixture."""
    raw = tmp_path / "raw"
    shutil.copytree(FIX / "regpat", raw / "regpat")
    shutil.copytree(FIX / "openalex" / "cache", raw / "openalex" / "cache")
    shutil.copytree(FIX / "crunchbase", raw / "crunchbase")
    shutil.copytree(FIX / "eurostat_sdmx", raw / "eurostat_sdmx")
    return raw


# ------------------------------------------------------------------ REGPAT


def test_regpat_counts():
    res = regpat.load(INV, IPC)
    act = res.tables["activity"].set_index(["region", "technology", "year"])["value"]
    # 1001 (2015): inventors BE211 and NL414 with inv_share 0.5 each; classes A61K (twice), A61P
    assert act[("BE2", "A61K", 2015)] == pytest.approx(0.5)
    assert act[("NL4", "A61P", 2015)] == pytest.approx(0.5)
    # 1002 (2015): BE242 alone, H01L -> BE2 gets 1; BEL at country level 0.5 + 0.5 + 1 in 2015
    assert act[("BE2", "H01L", 2015)] == 1.0
    assert act.xs(("BEL", 2015), level=("region", "year")).sum() == pytest.approx(2.0)
    # 1003 (2016): BE100, BE310, US06 (a US TL code, not NUTS) a third each; classes G06F and H04L
    assert act[("BE1", "G06F", 2016)] == pytest.approx(1 / 3)
    assert act[("BEL", "G06F", 2016)] == pytest.approx(2 / 3)
    assert act[("USA", "H04L", 2016)] == pytest.approx(1 / 3)
    # 1004: one inventor split over DE212 and DE21H (reg_share 0.5 each) -> DE21 counts 1
    assert act[("DE21", "B60L", 2016)] == 1.0
    # Greece and the UK: ISO GR/GB, NUTS EL/UK
    assert act[("EL30", "C07D", 2017)] == 1.0 and act[("GRC", "C07D", 2017)] == 1.0
    assert act[("UKI3", "G06N", 2017)] == 1.0
    # every application counts 1 per distinct class at country level: 2 + 1 + 2 + 1 + 1 + 1 = 8
    country = res.tables["activity"][res.tables["activity"]["region"].str.len() == 3]
    country = country[country["region"].isin(["BEL", "NLD", "USA", "DEU", "GRC", "GBR"])]
    assert country["value"].sum() == pytest.approx(8.0)
    docs = res.tables["documents"]
    assert len(docs) == 12 and set(docs["document_id"]) == {"1001", "1002", "1003", "1004", "1005", "1006"}
    flags = res.tables["quality_flags"]
    assert flags["value"].round(6).tolist() == [round(1 / 3, 6)] * 2  # the US inventor has no NUTS region


def test_regpat_fractional_and_app_year():
    res = regpat.load(INV, IPC, tech_weighting="fractional", year_column="app_year", levels=("country",), doc_level=None)
    act = res.tables["activity"]
    assert act["value"].sum() == pytest.approx(6.0)  # six applications, each split over its classes
    assert set(act["year"]) == {2015, 2016, 2017, 2018}
    assert "documents" not in res.tables


def test_regpat_build_and_cli(tmp_path):
    out = tmp_path / "out"
    assert helpers_main(["data", "regpat", str(INV), str(IPC), "--out", str(out), "-q"]) == 0
    a = read(out, "activity", region="BE2", classification="ipc4")
    assert a["value"].sum() == pytest.approx(2.0)
    regions = read(out, "regions").set_index("region")
    assert regions.loc["BE21", "parent"] == "BE2" and regions.loc["BE2", "parent"] == "BE"


@pytest.mark.parametrize(
    "inv_edit, cls_edit, pattern",
    [
        (lambda t: t.replace("|1|0.5\n", "|1|-0.5\n", 1), None, r"column 'inv_share' has the negative share '-0.5' at line 2"),
        (lambda t: t.replace("|BE211|BE|", "|BE211|QQ|"), None, r"unknown region code 'QQ' in column 'ctry_code' at line 2"),
        (lambda t: t.replace("reg_code|ctry_code", "region|ctry_code"), None, r"missing column\(s\) 'reg_code'"),
        (lambda t: t + t.splitlines()[1] + "\n", None, r"duplicate key \(appln_id=1001, person_id=501, reg_code=BE211\) at line 12"),
        (None, lambda t: t.replace("A61P  35/00", "XX1  35/00"), r"has the unknown technology code 'XX1\s+35/00' at line 3"),
        (None, lambda t: t.replace("1002|2015|", "1002||"), r"has the empty or non-numeric year"),
        (lambda t: t.replace("|1|1\n", "|1|\n", 1), None, r"column 'inv_share' has the empty or non-numeric share"),
    ],
)
def test_regpat_bad_inputs_write_nothing(tmp_path, inv_edit, cls_edit, pattern):
    raw = tmp_path / "raw" / "regpat"
    raw.mkdir(parents=True)
    it, ct = INV.read_text(), IPC.read_text()
    (raw / INV.name).write_text(inv_edit(it) if inv_edit else it)
    (raw / IPC.name).write_text(cls_edit(ct) if cls_edit else ct)
    with pytest.raises(InputError, match=pattern):
        build(raw.parent, tmp_path / "out", progress=lambda m: None)
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ OpenAlex


def test_openalex_from_recorded_cache(tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(FIX / "openalex" / "cache", cache)
    res = openalex.load(OA_FILTERS, cache, offline=True, per_page=3)
    act = res.tables["activity"]
    topic = act[act["classification"] == "openalex_topic"].set_index(["region", "technology", "year"])["value"]
    # W1 (2020): authors BE | BE+NL | US -> BEL 1/3 + 1/6 = 0.5, NLD 1/6, USA 1/3; topics T10001, T10002
    assert topic[("BEL", "T10001", 2020)] == pytest.approx(0.5)
    assert topic[("NLD", "T10002", 2020)] == pytest.approx(1 / 6)
    # W2 (2020): no 'countries', institution BE -> BEL 1 in T10003
    assert topic[("BEL", "T10003", 2020)] == 1.0
    # W3 (2021): an author without any country -> UNK 0.5, DE 0.5
    assert topic[("UNK", "T10001", 2021)] == 0.5 and topic[("DEU", "T10001", 2021)] == 0.5
    # totals: topics per work 2 + 1 + 1 + 2 = 6; subfields 1 + 1 + 1 + 2 = 5 (W5 has no year, W1 repeats)
    assert topic.sum() == pytest.approx(6.0)
    assert act[act["classification"] == "openalex_subfield"]["value"].sum() == pytest.approx(5.0)
    assert topic.xs("BEL", level="region").sum() == pytest.approx(4.0)
    flags = res.tables["quality_flags"].set_index("flag")["value"]
    assert flags["dropped"] == 1 and flags["aggregated_duplicates"] == 1
    docs = res.tables["documents"]
    assert set(docs["document_id"]) == {"W3000000001", "W3000000002", "W3000000003", "W3000000004"}
    techs = res.tables["technologies"].set_index(["classification", "technology"])
    assert techs.loc[("openalex_subfield", "1702"), "label"] == "Artificial Intelligence"


class FakeResponse:
    def __init__(self, text: str):
        self.text = text
        self.status_code = 200


class FakeSession:
    """Serves the recorded pages by cursor, records the URLs asked for."""

    def __init__(self, pages: dict[str, str]):
        self.pages = pages
        self.urls: list[str] = []

    def get(self, url, auth=None, timeout=None):
        self.urls.append(url)
        cursor = url.split("cursor=")[1]
        from urllib.parse import unquote

        return FakeResponse(self.pages[unquote(cursor)])


def test_openalex_fetches_pages_through_pyalex_and_caches(tmp_path, monkeypatch):
    from pyalex import api

    recorded = {}
    for cur in ("*", "IlsxNjA5NDU5MjAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzMwMDAwMDAwMDMnXSI="):
        recorded[cur] = (FIX / "openalex" / "cache" / openalex.page_key(OA_FILTERS, 3, cur)).read_text()
    session = FakeSession(recorded)
    monkeypatch.setattr(api, "_get_requests_session", lambda: session)
    cache = tmp_path / "cache"
    res = openalex.load(OA_FILTERS, cache, per_page=3)
    assert len(session.urls) == 2
    assert session.urls[0].startswith("https://api.openalex.org/works?filter=institutions.country_code:BE,publication_year:2020-2021")
    assert "select=id,publication_year,authorships,topics" in session.urls[0] and "per-page=3" in session.urls[0]
    assert json.loads((cache / "query.json").read_text())["filters"] == OA_FILTERS
    # second run: from the cache, no request
    session.urls.clear()
    res2 = openalex.load(OA_FILTERS, cache, per_page=3)
    assert session.urls == []
    pd.testing.assert_frame_equal(res.tables["activity"], res2.tables["activity"])


def test_openalex_offline_cache_miss_and_bad_page(tmp_path):
    with pytest.raises(InputError, match=r"is not in the cache and offline is set"):
        openalex.load({"publication_year": "1999"}, tmp_path / "c", offline=True)
    cache = tmp_path / "c2"
    shutil.copytree(FIX / "openalex" / "cache", cache)
    (cache / openalex.page_key(OA_FILTERS, 3, "*")).write_text("{not json")
    with pytest.raises(InputError, match=r"page-.*\.json: not valid JSON"):
        openalex.load(OA_FILTERS, cache, offline=True, per_page=3)


def test_openalex_empty_selection(tmp_path, monkeypatch):
    from pyalex import api

    empty = json.dumps({"meta": {"count": 0, "next_cursor": None, "per_page": 200}, "results": []})
    monkeypatch.setattr(api, "_get_requests_session", lambda: FakeSession({"*": empty}))
    with pytest.raises(InputError, match=r"the query returned no works .*empty selection"):
        openalex.load({"publication_year": "1800"}, tmp_path / "c")


# ------------------------------------------------------------------ Crunchbase (current export)


def test_crunchbase_current_export():
    res = crunchbase.load(FIX / "crunchbase" / "organizations.csv", FIX / "crunchbase" / "funding_rounds.csv")
    act = res.tables["activity"]
    usd = act[act["classification"] == "crunchbase_category"].set_index(["region", "technology", "year"])["value"]
    # Flemish AI (AI, ML): seed 2019 2M, series A 2021 10M; Leuven Biotech (Biotech, Health Care) 25M in 2019
    assert usd[("BEL", "Artificial Intelligence", 2019)] == 2e6 and usd[("BEL", "Machine Learning", 2021)] == 1e7
    assert usd[("BEL", "Health Care", 2019)] == 2.5e7
    # Bay Quantum (US, CA): country and state rows
    assert usd[("USA", "Quantum Computing", 2020)] == usd[("US-CA", "Quantum Computing", 2020)] == 1.5e7
    # country-level USD: (2 + 10) * 2 + 25 * 2 + 0 (Delft round without amount) + 15 = 89 million
    country = usd[usd.index.get_level_values("region").isin(["BEL", "NLD", "USA"])]
    assert country.sum() == 8.9e7
    rounds = act[(act["classification"] == "crunchbase_category_rounds") & act["region"].isin(["BEL", "NLD", "USA"])]
    assert rounds["value"].sum() == 9  # 2 + 2 + 2 + 2 + 1 (whole counting over categories)
    flags = res.tables["quality_flags"].set_index("item")["value"]
    assert flags["org_uuid not in organizations"] == 1 and flags["category_list empty"] == 1 and flags["raised_amount_usd empty"] == 1
    docs = res.tables["documents"]
    assert len(docs) == 7
    assert docs[docs["document_id"].str.endswith("3")]["year"].unique().tolist() == [2020]  # no founding date -> first round


def test_crunchbase_bad_inputs(tmp_path):
    orgs = (FIX / "crunchbase" / "organizations.csv").read_text()
    rounds = (FIX / "crunchbase" / "funding_rounds.csv").read_text()
    p_o, p_r = tmp_path / "o.csv", tmp_path / "r.csv"
    p_o.write_text(orgs.replace(",BEL,", ",BELX,", 1))
    p_r.write_text(rounds)
    with pytest.raises(InputError, match=r"o\.csv: unknown region code 'BELX' in column 'country_code' at line 2"):
        crunchbase.load(p_o, p_r)
    p_o.write_text(orgs)
    p_r.write_text(rounds.replace("2019-02-01", "01/02/2019"))
    with pytest.raises(InputError, match=r"r\.csv: column 'announced_on' has the date '01/02/2019' at line 2"):
        crunchbase.load(p_o, p_r)
    p_r.write_text(rounds.replace(",2000000,2000000,", ",-2000000,2000000,"))
    with pytest.raises(InputError, match=r"column 'raised_amount_usd' has a negative amount"):
        crunchbase.load(p_o, p_r)
    p_r.write_text(rounds + rounds.splitlines()[1] + "\n")
    with pytest.raises(InputError, match=r"r\.csv: duplicate row for \(uuid=9f000000-0000-4000-8000-000000000001\)"):
        crunchbase.load(p_o, p_r)


# ------------------------------------------------------------------ Eurostat SDMX


def test_eurostat_sdmx_files():
    res = eurostat_sdmx.load([FIX / "eurostat_sdmx" / "nama_10_a64_generic.xml", FIX / "eurostat_sdmx" / "rd_e_gerdreg_generic.xml"])
    si = res.tables["sector_indicators"].set_index(["region", "indicator", "year"])
    assert si.loc[("BE", "VA", 2021), "value"] == 11234.7 and si.loc[("BE", "VA", 2021), "unit"] == "MIO_EUR"
    assert si.loc[("EU27", "VA", 2020), "value"] == 120456.0  # EU27_2020 -> EU27
    assert si.loc[("BE", "VA", 2022), "flag"] == "missing"
    ri = res.tables["region_indicators"].set_index(["region", "indicator", "year"])["value"]
    assert ri[("BE2", "GERD", 2021)] == 11002.5 and ri[("BE2", "BERD", 2020)] == 7301.2
    assert ("BE2", "BERD", 2021) not in ri.index  # NaN left out, flagged
    assert len(res.tables["quality_flags"]) == 2


def test_eurostat_sdmx_fetch_uses_sdmx_client(tmp_path, monkeypatch):
    import sdmx

    calls = []

    class FakeClient:
        def __init__(self, source):
            calls.append(source)

        def data(self, dataset, key=None, params=None, tofile=None):
            calls.append((dataset, key, params))
            shutil.copy(FIX / "eurostat_sdmx" / "nama_10_a64_generic.xml", tofile)

    monkeypatch.setattr(sdmx, "Client", FakeClient)
    out = tmp_path / "out"
    assert helpers_main(["data", "eurostat-sdmx", "--dataset", "nama_10_a64", "--key", "A.CP_MEUR.C21..BE", "--param", "startPeriod=2020", "--cache", str(tmp_path / "c"), "--out", str(out), "-q"]) == 0
    assert calls == ["ESTAT", ("nama_10_a64", "A.CP_MEUR.C21..BE", {"startPeriod": "2020"})]
    assert read(out, "sector_indicators", region="BE", indicator="VA")["value"].max() == 11234.7


def test_eurostat_sdmx_bad_inputs(tmp_path):
    bad = tmp_path / "q.xml"
    text = (FIX / "eurostat_sdmx" / "nama_10_a64_generic.xml").read_text()
    bad.write_text(text.replace('id="freq" value="A"', 'id="freq" value="Q"', 1))
    with pytest.raises(InputError, match=r"q\.xml: column 'freq' has \['Q'\]; only annual data"):
        eurostat_sdmx.load([bad])
    bad.write_text(text.replace('value="EU27_2020"', 'value="ZZ_NOWHERE"'))
    with pytest.raises(InputError, match=r"unknown region code 'ZZ_NOWHERE' in dimension 'geo'"):
        eurostat_sdmx.load([bad])
    bad.write_text(text[:500])
    with pytest.raises(InputError, match=r"q\.xml: cannot read as SDMX-ML"):
        eurostat_sdmx.load([bad])


# ------------------------------------------------------------------ all fixture formats in one build


def test_build_detects_every_fixture_format(tmp_path):
    raw = fixture_raw(tmp_path)
    man = build(raw, tmp_path / "out", progress=lambda m: None)
    assert man["adapters"] == ["regpat", "openalex", "crunchbase", "eurostat_sdmx"]
    paths = {i["path"] for i in man["inputs"]}
    assert "regpat/202307_EPO_Inv_reg.txt" in paths and "crunchbase/funding_rounds.csv" in paths
    assert any(p.startswith("openalex/cache/page-") for p in paths)
    act = read(tmp_path / "out", "activity")
    assert set(act["source"]) == {"patents", "publications", "investments"}
    assert set(act["classification"]) == {"ipc4", "openalex_topic", "openalex_subfield", "crunchbase_category", "crunchbase_category_rounds"}
    docs = read(tmp_path / "out", "documents", source="patents")
    assert len(docs) == 12
    # documents carry the technologies of activity
    man2 = build(raw, tmp_path / "out2", progress=lambda m: None)
    assert man2["tables"] == man["tables"]
