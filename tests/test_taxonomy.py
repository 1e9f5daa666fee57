"""The technology taxonomy's code lists (data/technology_codes.csv, technology_coarse_map.csv, wipo35_fields.csv)
and helpers.data.taxonomy: loading, validation, code matching, coarse mappings, the annex page.

Real files: ../shared/data (or $HELPERS_RAW_DATA); the tests that need them skip when it is absent.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.book import annexes
from helpers.data import policy
from helpers.data import taxonomy as tx
from helpers.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = ("technology_codes.csv", "technology_coarse_map.csv", "wipo35_fields.csv", "technologies.csv",
         "technology_categories.csv", "domains.csv")


def raw_data_dir() -> Path | None:
    env = os.environ.get("HELPERS_RAW_DATA")
    p = Path(env) if env else (Path(__file__).parents[1] / ".." / "shared" / "data").resolve()
    return p if (p / "patents_country_wipo35.csv").is_file() else None


RAW = raw_data_dir()
needs_raw = pytest.mark.skipif(RAW is None, reason="real data folder ../shared/data (or $HELPERS_RAW_DATA) not present")


@pytest.fixture(scope="module")
def techs() -> pd.DataFrame:
    return policy.load_technologies()


@pytest.fixture(scope="module")
def codes() -> pd.DataFrame:
    return tx.load_codes()


@pytest.fixture(scope="module")
def coarse() -> pd.DataFrame:
    return tx.load_coarse_map()


@pytest.fixture(scope="module")
def wipo35() -> pd.DataFrame:
    return tx.load_wipo35()


# ----------------------------------------------------------------------------- the project files
def test_files_load(codes, coarse, wipo35):
    assert len(codes) > 300
    assert len(coarse) >= 100
    assert len(wipo35) == 35


def test_every_technology_has_codes_for_every_source(techs, codes):
    for source in tx.SOURCES:
        have = set(codes.loc[codes["source"] == source, "tech_id"])
        missing = sorted(set(techs["tech_id"]) - have)
        assert not missing, f"no {source} codes for {missing}"


def test_every_technology_has_one_primary_wipo_field(techs, coarse):
    wipo = coarse[coarse["scheme"] == "wipo35"]
    assert set(wipo["tech_id"]) == set(techs["tech_id"])
    primaries = wipo[wipo["strength"] == "primary"].groupby("tech_id").size()
    assert (primaries == 1).all() and len(primaries) == len(techs)


def test_every_technology_has_an_ncses_field(techs, coarse):
    assert set(coarse.loc[coarse["scheme"] == "ncses_fields", "tech_id"]) == set(techs["tech_id"])


def test_citations_and_labels_non_empty(codes, coarse, wipo35):
    for df in (codes, coarse, wipo35):
        assert (df["citation"].str.strip().str.len() > 20).all()
    assert (codes["label"].str.strip() != "").all()


def test_code_formats(codes):
    patent = codes[codes["source"] == "patents"]
    assert patent["scheme"].isin(["cpc", "ipc"]).all()
    for code in patent["code"]:
        assert re.fullmatch(r"[A-HY]\d{2}([A-Z]([1-9]\d{0,3}(/\d{2,6})?)?)?", code), code
        assert tx.normalise_patent_code(code) == code, f"{code} is not written in normalised form"
    subfields = codes[codes["scheme"] == "openalex_subfield"]
    assert subfields["code"].str.fullmatch(r"\d{4}").all()
    assert subfields["code"].str[:2].astype(int).between(11, 36).all()
    assert (codes.loc[codes["source"] != "patents", "match"] == "exact").all()
    assert set(codes["basis"]) <= {"published", "judgement"}
    assert set(codes["verification"]) <= {"verified", "unverified"}


def test_ipc_rows_are_ipc_compatible(codes):
    ipc = codes[codes["scheme"] == "ipc"]
    assert ipc["code"].map(tx.ipc_compatible).all(), "Y section or CPC indexing codes must be scheme cpc"


def test_same_subfield_has_one_name(codes):
    sub = codes[codes["scheme"] == "openalex_subfield"]
    names = sub.groupby("code")["label"].nunique()
    assert (names == 1).all(), names[names > 1]


def test_published_definitions_present(codes):
    """The definitions the book leans on: WIPO field 13/16/8 as medical devices / pharmaceuticals / semiconductors,
    the Y02/Y04S tags, the classification-defined subclasses."""
    def has(tech, code):
        return ((codes["tech_id"] == tech) & (codes["code"] == code) & (codes["basis"] == "published")).any()

    assert has("medical_devices", "A61B") and has("pharmaceuticals", "A61P") and has("semiconductors", "H01L")
    assert has("smart_grids", "Y04S") and has("wind_energy", "Y02E10/70") and has("nuclear_energy", "Y02E30")
    assert has("bioinformatics", "G16B") and has("iot", "G16Y") and has("drones", "B64U")
    assert has("quantum_computing", "G06N10") and has("generative_ai", "G06N3/045")
    assert not ((codes["tech_id"] == "artificial_intelligence") & (codes["code"].str.startswith("G06N10"))).any()


# ----------------------------------------------------------------------------- WIPO fields
def test_wipo35_structure(wipo35):
    assert list(wipo35["field_id"]) == list(range(1, 36))
    sectors = wipo35.groupby("sector")["field_id"].agg(["min", "max"])
    assert sectors.loc["Electrical engineering"].tolist() == [1, 8]
    assert sectors.loc["Instruments"].tolist() == [9, 13]
    assert sectors.loc["Chemistry"].tolist() == [14, 24]
    assert sectors.loc["Mechanical engineering"].tolist() == [25, 32]
    assert sectors.loc["Other fields"].tolist() == [33, 35]
    conc = tx.wipo_concordance(wipo35)
    assert conc["code"].is_unique and len(conc) > 700


@pytest.mark.parametrize("code, field", [
    ("A61K 8/02", 14), ("A61K31/00", 16), ("A61K 39/395", 16), ("A61P35/00", 16), ("G01N33/53", 11), ("G01N21/64", 10),
    ("B01D53/62", 24), ("B01D61/00", 23), ("H04N21/234", 4), ("H04N1/00", 3), ("H04N5/232", 2), ("E01F8/00", 24),
    ("E01F9/00", 35), ("G06N3/08", 6), ("G06Q10/00", 7), ("H01L21/02", 8), ("C13B10/00", 18), ("C13B5/00", 29),
    ("F03D1/00", 27), ("B25J9/16", 25), ("G16H50/20", 13),
])
def test_wipo_fields_of_codes(wipo35, code, field):
    out = tx.wipo_fields(pd.Series([code]), wipo35=wipo35)
    assert out["field_id"].iloc[0] == field
    assert out["wipo_field"].iloc[0] == wipo35.set_index("field_id").at[field, "label"]


def test_wipo_fields_unknown_codes(wipo35):
    out = tx.wipo_fields(pd.Series(["G16B30/00", "Y02E10/70", "not a code", None], index=[5, 6, 7, 8]), wipo35=wipo35)
    assert out["field_id"].isna().all()
    assert list(out.index) == [5, 6, 7, 8]


def test_wipo_mapping_follows_the_codes(codes, coarse, wipo35):
    """Every WIPO field a technology is mapped to holds at least one of its patent codes, unless the note says why not."""
    conc = tx.wipo_concordance(wipo35)
    patent_codes = codes.loc[codes["source"] == "patents", "code"].drop_duplicates().tolist()
    labels = dict(zip(patent_codes, tx.wipo_fields(pd.Series(patent_codes), wipo35=wipo35)["wipo_field"]))  # (one call for all codes)

    def fields_of(code: str) -> set[str]:
        if len(code) == 3 or (len(code) == 4 and not conc["code"].eq(code).any()):
            return set(conc.loc[conc["code"].str.startswith(code), "label"])
        label = labels[code]
        return set() if pd.isna(label) else {label}

    for r in coarse[coarse["scheme"] == "wipo35"].itertuples():
        tech_codes = codes.loc[(codes["tech_id"] == r.tech_id) & (codes["source"] == "patents"), "code"]
        fields = set().union(*(fields_of(c) for c in tech_codes))
        if r.code not in fields:
            assert "not derived from a code" in r.note or "not in the table's version" in r.note, (r.tech_id, r.code)


@needs_raw
def test_wipo_labels_are_those_of_the_real_file(wipo35, coarse):
    real = set(pd.read_csv(RAW / "patents_country_wipo35.csv", usecols=["wipo_field"])["wipo_field"].unique())
    assert set(wipo35["label"]) == real
    assert set(coarse.loc[coarse["scheme"] == "wipo35", "code"]) <= real


@needs_raw
def test_ncses_fields_exist_in_the_real_file(coarse):
    real = set(pd.read_csv(RAW / "articles_country_field.csv", usecols=["field"])["field"].unique())
    used = set(coarse.loc[coarse["scheme"] == "ncses_fields", "code"])
    assert used <= real - {"All S&E fields"}, used - real


@needs_raw
def test_crunchbase_2013_categories_exist_in_the_real_file(coarse):
    path = RAW / "crunchbase_2013" / "crunchbase-companies.csv"
    real = set(pd.read_csv(path, usecols=["category_code"], encoding="latin-1")["category_code"].dropna().unique())
    used = set(coarse.loc[coarse["scheme"] == "crunchbase_2013_category", "code"])
    assert used and used <= real, used - real


# ----------------------------------------------------------------------------- normalisation and matching
@pytest.mark.parametrize("raw, norm", [
    ("G06N   3/08", "G06N3/08"), ("g06n 3/08", "G06N3/08"), ("G06N0003080000", "G06N3/08"), ("H01M0010000000", "H01M10/00"),
    ("H01M 10/052", "H01M10/052"), ("A61K39/395", "A61K39/395"), ("G06N", "G06N"), ("F41", "F41"), ("H01M10", "H01M10"),
    ("G06N 3/8", "G06N3/80"), ("Y02E 10/70", "Y02E10/70"), ("not a code", None), ("", None),
])
def test_normalise_patent_code(raw, norm):
    assert tx.normalise_patent_code(raw) == norm
    if norm is not None:
        assert tx.normalise_patent_codes(pd.Series([raw]))["norm"].iloc[0] == norm


def test_match_codes_hand_made_set():
    docs = pd.Series(["G06N3/08", "G06N 3/084", "G06N0003080000", "G06N30/00", "H01M10/052", "G06N10/40",
                      "A61K 39/395", "C12N15/86", "F41H 5/04", "B33Y 10/00", "Y02E10/727", "F03D 1/06",
                      "G16B 40/00", "H04L 9/40", "XYZ", None], index=[f"d{i}" for i in range(16)])
    got = tx.match_codes(docs, "cpc")
    pairs = set(zip(got.index, got["tech_id"]))
    expected = {
        ("d0", "artificial_intelligence"), ("d1", "artificial_intelligence"), ("d2", "artificial_intelligence"),
        ("d5", "quantum_computing"), ("d6", "immunotherapy"), ("d6", "pharmaceuticals"), ("d6", "biotechnology"),
        ("d7", "atmp"), ("d7", "biotechnology"), ("d8", "defence_technologies"), ("d9", "advanced_manufacturing"),
        ("d10", "wind_energy"), ("d11", "wind_energy"), ("d12", "bioinformatics"), ("d13", "cybersecurity"),
    }
    assert pairs == expected
    assert "d3" not in got.index  # G06N30 is not main group 3
    assert got.loc["d1", "code"] == "G06N 3/084"
    assert list(got.columns) == ["code", "tech_id"]


def test_match_codes_ipc_skips_cpc_only_definitions():
    docs = pd.Series(["Y02E10/727", "F03D1/06", "C12N2310/20"])
    got = tx.match_codes(docs, "ipc")
    # Y02 and the CPC indexing group C12N2310/20 (genomics) do not apply to IPC data; the IPC subclass C12N does.
    assert set(zip(got.index, got["tech_id"])) == {(1, "wind_energy"), (2, "biotechnology")}
    assert set(tx.match_codes(docs, "cpc")["tech_id"]) == {"wind_energy", "genomics_gene_editing", "biotechnology"}


def _defs(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"tech_id": t, "source": "patents", "scheme": "cpc", "code": c, "match": m} for t, c, m in rows])


def test_match_codes_prefix_and_exact_semantics():
    defs = _defs([("batteries", "H01M10", "prefix"), ("li_ion", "H01M10/052", "prefix"), ("only_group", "H01M10/05", "exact"),
                  ("main_only", "H01M4", "exact"), ("weapons", "F41", "prefix"), ("sub_exact", "G06N", "exact")])
    docs = pd.Series(["H01M10/052", "H01M 10/0525", "H01M10/05", "H01M100/00", "H01M1/00", "H01M4/00", "H01M4/13",
                      "F41H5/04", "F42B1/00", "G06N", "G06N3/08"])
    got = tx.match_codes(docs, "cpc", definitions_table=defs)
    by = got.groupby(level=0)["tech_id"].apply(set).to_dict()
    assert by[0] == {"batteries", "li_ion"}
    assert by[1] == {"batteries", "li_ion"}
    assert by[2] == {"batteries", "only_group"}
    assert 3 not in by and 4 not in by  # H01M100 and H01M1 are other main groups
    assert by[5] == {"main_only"} and 6 not in by
    assert by[7] == {"weapons"} and 8 not in by
    assert by[9] == {"sub_exact"} and 10 not in by


def test_match_codes_publications_and_investments():
    subs = pd.Series(["https://openalex.org/subfields/2311", "2105", "9999", None])
    got = tx.match_codes(subs, "openalex_subfield")
    assert set(zip(got.index, got["tech_id"])) == {(0, "waste_management"), (1, "wind_energy")}
    cb = pd.Series(["  cyber security ", "Quantum Computing", "Pets"])
    got = tx.match_codes(cb, "crunchbase_industry")
    assert set(zip(got.index, got["tech_id"])) == {(0, "cybersecurity"), (1, "quantum_computing")}


def test_match_codes_empty_and_unknown_scheme():
    assert tx.match_codes(pd.Series([], dtype=object), "cpc").empty
    assert tx.match_codes(pd.Series(["nothing"]), "cpc").empty
    with pytest.raises(InputError):
        tx.match_codes(pd.Series(["G06N"]), "ecla")


def test_match_codes_is_vectorised():
    rng = np.random.default_rng(1)
    pool = np.array(["G06N3/08", "H01L21/02", "A61K39/395", "B25J9/16", "C12N15/11", "A47B1/00", "Y02E10/72"])
    docs = pd.Series(rng.choice(pool, 300_000))
    start = time.perf_counter()
    got = tx.match_codes(docs, "cpc")
    assert time.perf_counter() - start < 20
    assert got.index.isin(docs.index).all()
    assert not got.index.isin(docs.index[docs == "A47B1/00"]).any()


def test_codes_for(codes):
    assert tx.codes_for("wind_energy", "cpc", codes=codes) == ["Y02E10/70", "Y02E10/72", "Y02E10/74", "Y02E10/76"]
    assert "F03D" in tx.codes_for("wind_energy", "ipc", codes=codes)
    assert tx.codes_for("quantum_computing", "crunchbase_industry", codes=codes) == ["Quantum Computing"]
    with pytest.raises(InputError):
        tx.codes_for("warp_drive", "cpc", codes=codes)
    with pytest.raises(InputError):
        tx.codes_for("wind_energy", "ecla", codes=codes)


def test_coarse_map_function():
    wipo = tx.coarse_map("wipo35")
    assert list(wipo.columns) == ["tech_id", "code", "strength", "basis", "citation", "note"]
    assert wipo.loc[wipo["tech_id"] == "medical_devices", "code"].tolist() == ["Medical technology"]
    with pytest.raises(InputError):
        tx.coarse_map("nace")


# ----------------------------------------------------------------------------- bad input
@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, func) -> None:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    func(df).to_csv(path, index=False)


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.drop(columns=["citation"]), "column 'citation' is missing"),
    (lambda d: d.assign(tech_id=d["tech_id"].where(d.index != 3, "warp_drive")), "warp_drive"),
    (lambda d: d.assign(code=d["code"].where(d.index != 0, "B33Y 10")), "not a well-formed cpc code"),
    (lambda d: d.assign(scheme=d["scheme"].where(d.index != 0, "openalex_subfield")), "does not belong to source"),
    (lambda d: d.assign(match=d["match"].where(d["source"] != "investments", "prefix")), "only patent codes use prefix"),
    (lambda d: d.assign(citation=d["citation"].where(d.index != 5, "")), "column 'citation' is empty"),
    (lambda d: pd.concat([d, d.iloc[[0]]]), "duplicate key"),
    (lambda d: d.assign(verification=d["verification"].where(d.index != 2, "maybe")), "verification"),
])
def test_bad_codes_file(data_copy, edit, message):
    _edit(data_copy / "technology_codes.csv", edit)
    with pytest.raises(InputError) as err:
        tx.load_codes(data_copy)
    text = str(err.value)
    assert message in text and "technology_codes.csv" in text and "\n" not in text


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.assign(code=d["code"].where(d.index != 0, "Rocket science")), "WIPO field label"),
    (lambda d: d.assign(scheme=d["scheme"].where(d.index != 0, "nace")), "coarse scheme"),
    (lambda d: d.assign(strength=d["strength"].where(d.index != 0, "huge")), "strength"),
])
def test_bad_coarse_file(data_copy, edit, message):
    _edit(data_copy / "technology_coarse_map.csv", edit)
    with pytest.raises(InputError) as err:
        tx.load_coarse_map(data_copy)
    assert message in str(err.value) and "technology_coarse_map.csv" in str(err.value)


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.iloc[1:], "1..35"),
    (lambda d: d.assign(label=d["label"].where(d.index != 1, d["label"].iloc[0])), "label is used twice"),
    (lambda d: d.assign(ipc_definition=d["ipc_definition"].where(d.index != 0, "H01M 10/00")), "not a normalised IPC code"),
    (lambda d: d.assign(ipc_definition=d["ipc_definition"].where(d.index != 0, d["ipc_definition"].iloc[0] + "; G06N")), "two fields"),
    (lambda d: d.assign(sector=d["sector"].where(d.index != 0, "Software")), "WIPO sector"),
])
def test_bad_wipo35_file(data_copy, edit, message):
    _edit(data_copy / "wipo35_fields.csv", edit)
    with pytest.raises(InputError) as err:
        tx.load_wipo35(data_copy)
    assert message in str(err.value) and "wipo35_fields.csv" in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        tx.load_wipo35(tmp_path)


# ----------------------------------------------------------------------------- the annex page
@pytest.mark.parametrize("language, sources, field", [("en", "## Sources", "Medical technology"),
                                                     ("nl", "## Bronnen", "Medische technologie")])
def test_taxonomy_markdown(techs, language, sources, field):
    md = annexes.taxonomy_markdown(language=language)
    assert re.match(r"(```\{role\} en\n.*?```\n+)?# ", md, re.S), "the title first (after the role that marks English quotations)"
    for label in techs[f"label_{language}"]:
        assert f"### {label}\n" in md
    for cat in policy.load_categories()[f"label_{language}"]:
        assert f"## {cat}\n" in md
    assert sources in md and f"| {field} |" in md
    assert "nan" not in re.findall(r"\bnan\b", md.lower().replace("nanotech", ""))
    refs = re.findall(r"\[(\d+)\]", md)
    listed = re.findall(r"^(\d+)\. ", md, flags=re.M)
    assert set(refs) == set(listed)
