"""Hypothesis strategies for raw input files (issue 16, property-based tests).

Each adapter gets a small *valid* seed: a few real rows of its source (from ``../shared/data`` or the
fixtures in ``tests/fixtures/``, copied here so the tests run from a fresh clone). :func:`mutated`
turns a seed into a file's bytes after a few random mutations:

- table: a missing, renamed, extra (also a clashing name) or reordered column; a cell set to a wrong
  type, an empty/NaN/infinite/negative/huge number, an unknown code or odd text; a duplicated row
  (duplicate key); rows dropped (down to a header-only file) or shuffled; a row with one field too
  few or too many;
- lines: a blank line, an unbalanced quote, the header repeated inside the data;
- bytes: CRLF or CR line endings, no final newline, the last line truncated, a UTF-8 BOM, latin-1
  (or UTF-16) encoding, an empty or whitespace-only file.

The value lists below put the harmless choice first, so that hypothesis shrinks a failure towards
the smallest change of the valid seed.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Seed:
    """A small valid input file: header, rows, and what kind of values each column holds."""

    name: str  # path of the file relative to the raw folder
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[str] = frozenset()
    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # column -> unknown / odd codes to try
    sep: str = ","


@dataclass(frozen=True)
class RawFile:
    """A generated file: where it goes, its bytes, and the mutations that made it."""

    name: str
    data: bytes
    ops: tuple[str, ...]
    row_level: bool  # every mutation concerns rows or cells (the error must then name a line or column)

    def __repr__(self) -> str:  # what hypothesis prints for a falsifying example
        return f"RawFile(name={self.name!r}, ops={list(self.ops)!r}, data={self.data!r})"


def _seed(name: str, text: str, *, numeric=(), codes=None, sep: str = ",") -> Seed:
    rows = list(csv.reader(io.StringIO(text.strip("\n") + "\n"), delimiter=sep))
    return Seed(name, tuple(rows[0]), tuple(tuple(r) for r in rows[1:]), frozenset(numeric), dict(codes or {}), sep)


def _fixture_seed(rel: str, *, numeric=(), codes=None, sep: str = ",", keep: int | None = None) -> Seed:
    text = (FIXTURES / rel).read_text(encoding="utf-8")
    lines = text.splitlines()
    if keep is not None:
        lines = lines[: keep + 1]
    return _seed(Path(rel).name, "\n".join(lines), numeric=numeric, codes=codes, sep=sep)


# ---------------------------------------------------------------- seeds (real rows)

YEARS = ("1899", "2101", "0", "-2015", "2015.5", "2015.0", "20150", "99999999999999999999", "1e3", "MMXV")

WIPO35 = _seed(
    "patents_country_wipo35.csv",
    """
year,country_iso3,country_name,wipo_field,patents
2015,   ,Eurasian Patent Organization (EAPO),Civil engineering,1
2015,,,Biotechnology,4
2015,,,Biotechnology,10
2015,BEL,Belgium,Analysis of biological materials,115
2015,BEL,Belgium,Audio-visual technology,119
2015,BEL,Belgium,Basic communication processes,49
2015,NLD,Netherlands,Analysis of biological materials,145
2015,NLD,Netherlands,Audio-visual technology,669
""",
    numeric=("year", "patents"),
    codes={
        "country_iso3": ("ZZZ", "BE", "bel", " BEL ", "EU27", "UNK", "SUN", "XKX", "B3L", "BELG"),
        "wipo_field": ("Biotech", "biotechnology", "W15", "Pharmaceuticals ", "All fields"),
        "year": YEARS,
    },
)

NCSES = _seed(
    "articles_country_field.csv",
    """
field,region_path,region,income_group,year,articles
Chemistry,World,World,,2020,174954.0
Chemistry,World -> Europe,Europe,,2020,47207.34
Chemistry,World -> Europe -> EU-27 and United Kingdom,EU-27 and United Kingdom,,2020,36106.21
Chemistry,World -> Europe -> EU-27 and United Kingdom -> United Kingdom,United Kingdom,,2020,3957.95
Chemistry,World -> Europe -> EU-27 and United Kingdom -> EU-27,EU-27,,2020,32148.27
Chemistry,World -> Europe -> EU-27 and United Kingdom -> EU-27 -> Belgium,Belgium,,2020,898.98
Chemistry,World -> Europe -> EU-27 and United Kingdom -> EU-27 -> Netherlands,Netherlands,,2020,1159.86
All S&E fields,World -> Europe -> EU-27 and United Kingdom -> EU-27 -> Belgium,Belgium,High,2003,10883.66
""",
    numeric=("year", "articles"),
    codes={
        "field": ("Chemistry ", "chemistry", "All fields", "Alchemy"),
        "region_path": ("World -> Atlantis", "World ->", " -> Belgium", "World -> Europe -> Belgium", "World -> World", "Belgium"),
        "region": ("Atlantis", "Belgique", "belgium", "Belgium "),
        "year": YEARS,
    },
)

EUROSTAT = _seed(
    "regional_rd_eurostat.csv",
    """
indicator,region_id,region_level,region_year_spec,year,value
rd_e_gerdreg_total_mio_eur,AT,0,2010,1981,696.078
rd_e_gerdreg_total_mio_eur,BE2,1,2010,2002,3330.091
rd_e_gerdreg_total_mio_eur,BE2,1,2010,2003,3273.363
rd_e_gerdreg_total_mio_eur,BE21,2,2010,2018,
rd_e_gerdreg_total_mio_eur,EU27_2020,7,2010,2000,142339.258
pat_ep_rtot_nr,BE2,1,2010,1977,35.75
rd_p_persreg_bes_t_fte_total,BE2,1,2010,1985,12068.0
""",
    numeric=("year", "value", "region_level"),
    codes={
        "indicator": ("rd_e_gerdreg_total", "GERD", "rd_e_gerdreg_total_mio_eur "),
        "region_id": ("BE9", "XX", "be2", "EU28_2020", "FRA", "EU27", "UNK", "BEL"),
        "year": YEARS,
    },
)

NATACC = _seed(
    "sectors_natacc_eu28.csv",
    """
year,country,indicator,nace,value
2015,BE,EMP,C21,37798.0
2016,BE,EMP,C21,40708.0
2015,BE,VA,C26,1250.3
2016,BE,VA,C26,1451.4
2015,BE,VA,M72,1609.1
2011,BE,EXP,C21,0.0
2015,SE,VA,C21,
2010,AT,EMP,C10-C12,
""",
    numeric=("year", "value"),
    codes={
        "country": ("XX", "BEL", "be", "EU28", "EL", "UK", "GR", "EU27_2020"),
        "indicator": ("GVA", "emp", "VA "),
        "nace": ("C99", "Z01", "C21_", "c21", "C2", "TOTAL", "C24_C25", "A-U", "99"),
        "year": YEARS,
    },
)

KEYTECH42 = _seed(
    "patents_nuts2_keytech42/nuts2_keytech42.csv",
    """
region,technology,transition,patents,rca,complexity,source_repo,source_path,source_commit
BE21,5G,Digital transition,46,0.64,68.51,PABalland/PABalland.github.io,ceps/data-science/ideas-lab/3-smart-eu/3-smart-BE21.html,318b7b3b3dca154087d1d3dbf7ea38eb041c8f2b
BE21,Additive manufacturing (3D printing),Digital transition,26,0.89,34.51,PABalland/PABalland.github.io,ceps/data-science/ideas-lab/3-smart-eu/3-smart-BE21.html,318b7b3b3dca154087d1d3dbf7ea38eb041c8f2b
BE22,5G,Digital transition,4,0.23,68.51,PABalland/PABalland.github.io,ceps/data-science/ideas-lab/3-smart-eu/3-smart-BE22.html,318b7b3b3dca154087d1d3dbf7ea38eb041c8f2b
BE22,Additive manufacturing (3D printing),Digital transition,3,0.42,34.51,PABalland/PABalland.github.io,ceps/data-science/ideas-lab/3-smart-eu/3-smart-BE22.html,318b7b3b3dca154087d1d3dbf7ea38eb041c8f2b
AT11,5G,Digital transition,0,0.0,68.51,PABalland/PABalland.github.io,ceps/data-science/ideas-lab/3-smart-eu/3-smart-AT11.html,318b7b3b3dca154087d1d3dbf7ea38eb041c8f2b
""",
    numeric=("patents", "rca", "complexity"),
    codes={
        "region": ("BE2", "BE211", "BE", "XX11", "be21", "BEL"),
        "transition": ("Digital", "green transition", "Blue transition"),
    },
)

SCIMAGO = _seed(
    "publications_scimago/country_asjc_area_year.csv",
    """
asjc_area,area_name,year,country,documents,citable_documents,citations,self_citations,citations_per_doc,h_index
1300,"Biochemistry, Genetics and Molecular Biology",2010,Germany,18792,17963,617949,140921,32.88,656
1300,"Biochemistry, Genetics and Molecular Biology",2010,Netherlands,6506,6145,256078,38578,39.36,483
1300,"Biochemistry, Genetics and Molecular Biology",2010,Belgium,3545,3379,121827,15365,34.37,385
1600,Chemistry,2010,Netherlands,2540,2480,85925,12712,33.83,331
1600,Chemistry,2010,Belgium,2035,2006,46714,8148,22.96,233
1000,Multidisciplinary,1996,C?te d¡¯Ivoire,4,4,10,1,2.5,2
""",
    numeric=("asjc_area", "year", "documents", "citable_documents", "citations", "self_citations", "citations_per_doc", "h_index"),
    codes={
        "asjc_area": ("1301", "3700", "0", "13OO", "1300.0", "ASJC1300"),
        "country": ("Atlantis", "Belgique", "Korea", "Congo", "Netherlands Antilles", "Russian Federation", "Kosovo", "Côte d'Ivoire", "Ha?ti"),
        "area_name": ("Chemistry", "Medicine"),
        "year": YEARS,
    },
)

CB2013_COMPANIES = _seed(
    "crunchbase_2013/crunchbase-companies.csv",
    """
permalink,name,category_code,funding_total_usd,status,country_code,state_code,region,city,funding_rounds,founded_at,founded_month,founded_quarter,founded_year,first_funding_at,last_funding_at,last_milestone_at
/company/waywire,#waywire,news,1750000,operating,USA,NY,New York,New York,1,2012-06-01,2012-06,2012-Q2,2012,2012-06-30,2012-06-30,2013-09-06
/company/n-plusn,#NAME?,software,600000,operating,USA,NY,New York,New York,1,2012-01-01,2012-01,2012-Q1,2012,2012-08-29,2012-08-29,
/company/club-domains,.Club Domains,software,7000000,operating,USA,FL,Fort Lauderdale,Oakland Park,1,2011-10-10,2011-10,2011-Q4,2011,2013-05-31,2013-05-31,
/company/0xdata,0xdata,analytics,1700000,operating,USA,CA,SF Bay,Mountain View,1,2011-01-01,2011-01,2011-Q1,2011,2013-01-03,2013-01-03,
""",
    numeric=("funding_total_usd", "funding_rounds", "founded_year"),
    codes={"country_code": ("XX", "ZZZ", "usa"), "state_code": ("ZZ", "XX")},
)

CB2013_ROUNDS = _seed(
    "crunchbase_2013/crunchbase-rounds.csv",
    """
company_permalink,company_name,company_category_code,company_country_code,company_state_code,company_region,company_city,funding_round_type,funded_at,funded_month,funded_quarter,funded_year,raised_amount_usd
/company/waywire,#waywire,news,USA,NY,New York,New York,series-a,2012-06-30,2012-06,2012-Q2,2012,1750000
/company/n-plusn,#NAME?,software,USA,NY,New York,New York,angel,2012-08-29,2012-08,2012-Q3,2012,600000
/company/club-domains,.Club Domains,software,USA,FL,Fort Lauderdale,Oakland Park,series-b,2013-05-31,2013-05,2013-Q2,2013,7000000
/company/0xdata,0xdata,analytics,USA,CA,SF Bay,Mountain View,venture,2013-01-03,2013-01,2013-Q1,2013,1700000
/company/1-800-dentist,1-800-DENTIST,health,USA,CA,Los Angeles,Los Angeles,venture,2010-08-19,2010-08,2010-Q3,2010,
/company/waywire,#waywire,news,USA,NY,New York,New York,series-a,2012-06-30,2012-06,2012-Q2,2012,1750000
/company/le-cube,Le Cube,,FRA,,Paris,Paris,seed,2012-01-01,2012-01,2012-Q1,2012,100000
/company/nostate,No State,web,USA,,unknown,,angel,2011-05-05,2011-05,2011-Q2,2011,50000
""",
    numeric=("funded_year", "raised_amount_usd"),
    codes={
        "company_country_code": ("XX", "ZZZ", "usa", "US", "U"),
        "company_state_code": ("ZZ", "XX", "ny", "N"),
        "company_region": ("TBD", "SF Bay - Other", ""),
        "funded_year": YEARS,
    },
)

IPC4_DIR = "patents_country_ipc4"
IPC4_COUNTS = _seed(
    f"{IPC4_DIR}/country_ipc4_patents.csv",
    """
ctry_code,ipc4,patents_frac,period
BE,A61K,183.845694081248,1974-1988
BE,C12N,51.8038535526259,1974-1988
NL,A61K,158.748984072525,1974-1988
UK,A61K,0.388888888888889,1974-1988
EP,C12N,1.0,1974-1988
CS,A61K,2.0,1974-1988
BE,A61K,414.05514837018,1989-2003
""",
    numeric=("patents_frac",),
    codes={
        "ctry_code": ("QQ", "BEL", "be", "XX", "", "EL", "CS", "SU", "ZZ"),
        "ipc4": ("A61", "A61K1", "a61k", "I01A", "A61K 31/00", "C12n"),
        "period": ("1988-1974", "1974", "1974-1988-2003", "1974–1988", "x-y", "0-0", "99999-99999"),
    },
)
IPC4_COOC = _seed(
    f"{IPC4_DIR}/ipc4_cooccurrence_1974_2018.csv",
    """
a,b,cooc
A61K,A61K,230594455
A61K,C12N,6217826
C12N,A61K,6217826
C12N,C12N,41072739
""",
    numeric=("cooc",),
    codes={"a": ("A61", "a61k", "Z99Z", "A61K "), "b": ("A61", "C12", "H04L")},
)
NACE_COUNTS = _seed(
    f"{IPC4_DIR}/country_nace2_patents.csv",
    """
ctry_code,nace2,patents_frac,period
AD,13,1.5,1974-1988
AD,24,1.0,1974-1988
AD,"27,5",3.0,1974-1988
BE,27.5,12.25,2004-2018
""",
    numeric=("patents_frac",),
    codes={"ctry_code": ("QQ", "BEL", "XX"), "nace2": ("27,55,5", "A", "275", "27.", "27..5", "1", "27.500"), "period": ("2018-2004", "2004")},
)
NACE_COOC = _seed(
    f"{IPC4_DIR}/nace2_cooccurrence_1974_2018.csv",
    """
a,b,cooc
10.0,10,6822065
10.0,10.5,7226
10.5,10,7226
10.5,10.5,9000
""",
    numeric=("cooc",),
    codes={"a": ("10,5", "A", "10.55.5"), "b": ("10,5", "B")},
)
IPC4_WIPO = _seed(
    f"{IPC4_DIR}/ipc4_to_wipo35.csv",
    """
ipc_maingroup_symbol,field_nr,sector,field_name
A61K,16,Chemistry,Pharmaceuticals
A61K 8/00,33,Other fields,Furniture
C12N,15,Chemistry,Biotechnology
""",
    numeric=("field_nr",),
)
NACE_CONCORDANCE = _seed(
    f"{IPC4_DIR}/ipc_to_nace2_concordance.csv",
    """
ipc,not_with_ipc,unless_with_ipc,nace2_code,nace2_weight,nace2_descr
A01B,,,28.3,1,Manufacture of Agricultural and Forestry Machinery
A61K,,,21,1,Manufacture of basic pharmaceutical products
""",
    numeric=("nace2_weight",),
)

CB_ORGS = _fixture_seed(
    "crunchbase/organizations.csv",
    numeric=("rank", "num_funding_rounds", "total_funding_usd", "total_funding", "num_exits"),
    codes={"country_code": ("XX", "ZZZ", "be", "BE", "B"), "state_code": ("ZZ", "ca", "C"), "founded_on": ("2016-13-01", "2016", "01/05/2016", "0000-00-00")},
)
CB_ROUNDS = _fixture_seed(
    "crunchbase/funding_rounds.csv",
    numeric=("rank", "raised_amount_usd", "raised_amount", "post_money_valuation_usd", "investor_count"),
    codes={"announced_on": ("2019-02-30", "2019", "2019/02/01", "", "10000-01-01"), "org_uuid": ("0a1b2c3d-0009-4000-8000-000000000009", "")},
)

REGPAT_INV = _fixture_seed(
    "regpat/202307_EPO_Inv_reg.txt",
    sep="|",
    numeric=("appln_id", "person_id", "reg_share", "inv_share"),
    codes={"ctry_code": ("XX", "UK", "EL", "bel", "BEL", ""), "reg_code": ("", "XX999", "BE2", "be211", "US06 ")},
)
REGPAT_IPC = _fixture_seed(
    "regpat/202307_EPO_IPC.txt",
    sep="|",
    numeric=("appln_id", "prio_year", "app_year"),
    codes={"IPC": ("", "Z99Z  1/00", "a61k  31/00", "A61", "A61K"), "prio_year": YEARS},
)

# the CEPS study's folder, cut to three of the 38 technologies (with a name map of those three)
CEPS_DIR = "ceps_vario_2026"
_SRC = "PABalland/PABalland.github.io"
CEPS_MAP = _seed(
    "ceps_technology_map.csv",
    """
study_name,tech_id,match,note,citation
Advanced Manufacturing,advanced_manufacturing,same name,,"Balland (2026), CEPS"
Advanced Materials,advanced_materials,same name,,"Balland (2026), CEPS"
Advanced Therapy Medicinal Products (ATMP),atmp,same name,,"Balland (2026), CEPS"
""",
    codes={"tech_id": ("flying_cars", "", "atmp ")},
)
_TECH_CODES = {"technology": ("Flying Cars", "advanced manufacturing", "", "Advanced Materials ")}
CEPS_SUMMARY = _seed(
    f"{CEPS_DIR}/summary.csv",
    f"""
technology,category,category_colour,region,complexity,density_patents,density_publications,density_investments,rank_patents,rank_publications,rank_investments,rank_sum,composite_density,source_repo,source_path,source_commit
Advanced Manufacturing,Advanced Industry & Materials,#669999,Flanders (BE2),61,31.32,29.98,19.32,18,12,12,42,25.39,{_SRC},ceps/vario/smart/summary.html,c72f3c3c38202737a1397baa79f59bc250d5c4ad
Advanced Materials,Advanced Industry & Materials,#669999,Flanders (BE2),61.88,53.75,46.31,18.59,25,20,11,56,39.9,{_SRC},ceps/vario/smart/summary.html,c72f3c3c38202737a1397baa79f59bc250d5c4ad
Advanced Therapy Medicinal Products (ATMP),Health & Biotech,#800020,Flanders (BE2),64.79,91.88,82.53,66.37,37,34,36,107,92.75,{_SRC},ceps/vario/smart/summary.html,c72f3c3c38202737a1397baa79f59bc250d5c4ad
""",
    numeric=("complexity", "density_patents", "density_publications", "density_investments", "rank_patents", "rank_publications",
             "rank_investments", "rank_sum", "composite_density"),
    codes={**_TECH_CODES, "region": ("Flanders", "Flanders (BE9)", "Flanders (be2)", "Wallonia (BE3)", "(BE2)")},
)


def _ceps_source(name: str, page: str, rca: tuple[str, str, str]) -> Seed:
    return _seed(
        f"{CEPS_DIR}/{name}.csv",
        f"""
technology,rca,density_plotted,complexity,point_colour,source_repo,source_path,source_commit
Advanced Manufacturing,{rca[0]},31.32,61,#CAB8B8,{_SRC},ceps/vario/smart/{page},f4a9f992525229b216b9ee520167ea2cfd1d84cd
Advanced Materials,{rca[1]},53.75,61.88,#84A984,{_SRC},ceps/vario/smart/{page},f4a9f992525229b216b9ee520167ea2cfd1d84cd
Advanced Therapy Medicinal Products (ATMP),{rca[2]},91.88,64.79,#6C9D6C,{_SRC},ceps/vario/smart/{page},f4a9f992525229b216b9ee520167ea2cfd1d84cd
""",
        numeric=("rca", "density_plotted", "complexity"),
        codes=_TECH_CODES,
    )


def _ceps_network(source: str, page: str, layout: tuple[str, ...], weights: tuple[str, str]) -> tuple[Seed, Seed]:
    nodes = _seed(
        f"{CEPS_DIR}/network_{source}_nodes.csv",
        f"""
technology,category,category_colour,layout_x,layout_y,source_repo,source_path,source_commit
Advanced Manufacturing,Advanced Industry & Materials,#669999,{layout[0]},{layout[1]},{_SRC},ceps/vario/domain-space/{page},28a9a62e3a0803eeef6743d0d0e44f535fd19305
Advanced Materials,Advanced Industry & Materials,#669999,{layout[2]},{layout[3]},{_SRC},ceps/vario/domain-space/{page},28a9a62e3a0803eeef6743d0d0e44f535fd19305
Advanced Therapy Medicinal Products (ATMP),Health & Biotech,#800020,{layout[4]},{layout[5]},{_SRC},ceps/vario/domain-space/{page},28a9a62e3a0803eeef6743d0d0e44f535fd19305
""",
        numeric=("layout_x", "layout_y"),
        codes=_TECH_CODES,
    )
    links = _seed(
        f"{CEPS_DIR}/network_{source}_links.csv",
        f"""
source,target,weight,source_repo,source_path,source_commit
Advanced Manufacturing,Advanced Materials,{weights[0]},{_SRC},ceps/vario/domain-space/{page},28a9a62e3a0803eeef6743d0d0e44f535fd19305
Advanced Therapy Medicinal Products (ATMP),Advanced Materials,{weights[1]},{_SRC},ceps/vario/domain-space/{page},28a9a62e3a0803eeef6743d0d0e44f535fd19305
""",
        numeric=("weight",),
        codes={"source": _TECH_CODES["technology"], "target": _TECH_CODES["technology"]},
    )
    return nodes, links


CEPS_COMPANIES = _seed(
    f"{CEPS_DIR}/ecosystem_investments.csv",
    f"""
technology,organisation,amount,source_repo,source_path,source_commit
Advanced Materials,Aspect Analytics,11707450,{_SRC},ceps/vario/ecosystems/crunchbase/advanced-materials.html,bde2e6293617a2762ed5c8d53252beeef0a91a8b
Advanced Therapy Medicinal Products (ATMP),Oqton,40000000,{_SRC},ceps/vario/ecosystems/crunchbase/atmp.html,bde2e6293617a2762ed5c8d53252beeef0a91a8b
""",
    numeric=("amount",),
    codes=_TECH_CODES,
)
CEPS_SEEDS: tuple[Seed, ...] = (
    CEPS_MAP,
    CEPS_SUMMARY,
    _ceps_source("patents", "regpat.html", ("0.76", "1.38", "1.73")),
    _ceps_source("publications", "openalex.html", ("0.85", "1.09", "1.13")),
    _ceps_source("investments", "franz_highQ/crunchbase.html", ("1.83", "0.47", "0")),
    *_ceps_network("patents", "regpat.html", ("0.8828", "-0.0083", "1.0566", "-1.7703", "-2.3196", "0.084"), ("4.94", "5.66")),
    *_ceps_network("publications", "openalex.html", ("0.601", "-0.1761", "0.5414", "0.9248", "0.2019", "3.1063"), ("17.6", "3.31")),
    CEPS_COMPANIES,
)

# helpers metrics: a region x technology matrix (real patent counts, 2015, of four WIPO fields)
METRICS_MATRIX = _seed(
    "matrix.csv",
    """
region,Biotechnology,Pharmaceuticals,Computer technology,Civil engineering
BEL,304,312,243,160
NLD,347,347,1218,417
DEU,1223,1402,3111,2206
SWE,180,198,1046,305
DNK,262,251,155,118
""",
    numeric=("Biotechnology", "Pharmaceuticals", "Computer technology", "Civil engineering"),
    codes={"region": ("", "BEL", " ", "nld")},
)
METRICS_DOCUMENTS = _seed(
    "documents.csv",
    """
document,technology,weight
d1,Biotechnology,1
d1,Pharmaceuticals,0.5
d2,Computer technology,1
d2,Civil engineering,1
d3,Biotechnology,2
d3,Computer technology,1
""",
    numeric=("weight",),
    codes={"technology": ("", "Unknown field"), "document": ("",)},
)
METRICS_POPULATION = _seed(
    "population.csv",
    """
region,population
BEL,11600000
NLD,17500000
DEU,83200000
SWE,10400000
DNK,5900000
""",
    numeric=("population",),
)


# ---------------------------------------------------------------- values

NUMBER_VALUES = (
    "", " ", "abc", "NaN", "nan", "NA", "null", "None", "inf", "-inf", "Infinity", "-1", "-0", "-0.0", "0", "0.5", "1e308",
    "1e309", "-1e309", "1.7976931348623157e308", "5e-324", "99999999999999999999", "-99999999999999999999",
    "1" + "0" * 40, "1,5", "1 000", "1_000", "0x1F", "+5", " 12 ", "12abc", "True", "１２", "1e", "--1", "1.2.3", "٣",
)
TEXT_VALUES = (
    "", " ", "Zürich", "Côte d'Ivoire", "São Tomé", "a,b", 'say "hi"', "two\nlines", "\t", "<b>x</b>", "ZZ", "ZZZ", "nan",
    "NULL", "😀", "\u00a0", "x" * 300, "=1+2", "'quoted'", "\\", ";",
)
COLUMN_NAMES = ("extra", "note", "", "Unnamed: 0", "value ", "\u00e9t\u00e9")


def _value(draw, seed: Seed, column: str) -> str:
    choices: list[st.SearchStrategy[str]] = []
    if column in seed.codes:
        choices.append(st.sampled_from(seed.codes[column]))
    if column in seed.numeric:
        choices += [
            st.sampled_from(NUMBER_VALUES),
            st.floats(allow_nan=True, allow_infinity=True).map(repr),
            st.integers(-(10**30), 10**30).map(str),
        ]
    choices.append(st.sampled_from(TEXT_VALUES))
    choices.append(st.text(st.characters(blacklist_categories=("Cs",)), max_size=8))
    return draw(st.one_of(*choices))


# ---------------------------------------------------------------- mutations

# an op: (header, rows) -> (header, rows, description); header a list of names, rows lists of cells
# (dropping rows is not one: a missing row has no line, "no row for X" is the right message)
ROW_OPS = ("set_cell", "duplicate_row", "shuffle_rows", "short_row", "long_row")
COLUMN_OPS = ("drop_column", "rename_column", "add_column", "reorder_columns")
LINE_OPS = ("blank_line", "unbalanced_quote", "repeat_header")
# set_cell most often: column changes mostly stop at the header check, cells reach the adapter's own checks
TABLE_OPS = ("set_cell",) * 8 + ("duplicate_row",) * 3 + COLUMN_OPS + ("shuffle_rows", "drop_rows", "short_row", "long_row")
BYTE_DAMAGE = ("no_final_newline", "truncate", "truncate_keep_newline", "bom", "latin-1", "utf-16", "whole_file")


def _apply(draw, op: str, seed: Seed, header: list[str], rows: list[list[str]]) -> str:
    n = len(header)
    if op == "set_cell":
        if not rows or not n:
            return "set_cell: no cell"
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, n - 1))
        if c >= len(rows[r]):
            return "set_cell: short row"
        v = _value(draw, seed, header[c])
        rows[r][c] = v
        return f"set line {r + 2} column {header[c]!r} to {v!r}"
    if op == "duplicate_row":
        if not rows:
            return "duplicate_row: no rows"
        r = draw(st.integers(0, len(rows) - 1))
        at = draw(st.integers(0, len(rows)))
        copy = list(rows[r])
        num = [i for i, h in enumerate(header) if h in seed.numeric and i < len(copy)]
        if num and draw(st.booleans()):
            i = draw(st.sampled_from(num))
            copy[i] = draw(st.sampled_from(("7", "0", "1.25")))
        rows.insert(at, copy)
        return f"copy line {r + 2} to line {at + 2}"
    if op == "shuffle_rows":
        perm = draw(st.permutations(range(len(rows))))
        rows[:] = [rows[i] for i in perm]
        return "shuffle rows"
    if op == "drop_rows":
        keep = draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
        rows[:] = [r for r, k in zip(rows, keep) if k]
        return f"keep {len(rows)} rows"
    if op in ("short_row", "long_row"):
        if not rows:
            return f"{op}: no rows"
        r = draw(st.integers(0, len(rows) - 1))
        if op == "short_row" and rows[r]:
            rows[r].pop()
        else:
            rows[r].append(draw(st.sampled_from(("", "1", "x"))))
        return f"{op} at line {r + 2}"
    if op == "drop_column":
        if not n:
            return "drop_column: none"
        c = draw(st.integers(0, n - 1))
        name = header.pop(c)
        for row in rows:
            if c < len(row):
                row.pop(c)
        return f"drop column {name!r}"
    if op == "rename_column":
        if not n:
            return "rename_column: none"
        c = draw(st.integers(0, n - 1))
        old = header[c]
        new = draw(st.sampled_from((old.upper(), old + "_x", " " + old, old + " ", old.replace("_", " "), "", *header)))
        header[c] = new
        return f"rename column {old!r} to {new!r}"
    if op == "add_column":
        at = draw(st.integers(0, n))
        name = draw(st.sampled_from((*COLUMN_NAMES, *header)))
        value = draw(st.sampled_from(("", "1", "x", "-1", "a,b")))
        header.insert(at, name)
        for row in rows:
            row.insert(min(at, len(row)), value)
        return f"add column {name!r} at {at} with {value!r}"
    if op == "reorder_columns":
        perm = draw(st.permutations(range(n)))
        header[:] = [header[i] for i in perm]
        rows[:] = [[row[i] for i in perm] if len(row) == n else row for row in rows]
        return "reorder columns"
    raise AssertionError(op)


def _line(cells: list[str], sep: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="", quoting=csv.QUOTE_MINIMAL).writerow(cells)
    return buf.getvalue()


@st.composite
def mutated(draw, seed: Seed, max_ops: int = 3) -> RawFile:
    """The seed's file after 0..max_ops table mutations and a random serialisation (see the module doc).

    Byte-level damage (no final newline, a truncated last line, BOM, latin-1, UTF-16, a replaced file)
    comes in about one file out of four, so that most files reach the adapter's checks of rows and cells.
    """
    header = list(seed.header)
    rows = [list(r) for r in seed.rows]
    ops: list[str] = []
    kinds: list[str] = []
    for _ in range(draw(st.integers(0, max_ops))):
        kind = draw(st.sampled_from(TABLE_OPS))
        kinds.append(kind)
        ops.append(_apply(draw, kind, seed, header, rows))
    lines = [_line(header, seed.sep)] + [_line(r, seed.sep) for r in rows]
    if draw(st.integers(0, 9)) == 9:
        kind = draw(st.sampled_from(LINE_OPS))
        at = draw(st.integers(1, len(lines)))
        kinds.append(kind)
        if kind == "blank_line":
            lines.insert(at, "")
        elif kind == "unbalanced_quote":
            at = min(at, len(lines) - 1)
            lines[at] = '"' + lines[at]
        else:
            lines.insert(at, lines[0])
        ops.append(f"{kind} at line {at + 1}")
    newline = draw(st.sampled_from(("\n", "\r\n", "\r")))
    if newline != "\n":
        ops.append(f"line endings {newline!r}")
    damage = draw(st.sampled_from(BYTE_DAMAGE)) if draw(st.integers(0, 3)) == 3 else None
    final = damage not in ("no_final_newline", "truncate")
    if damage in ("truncate", "truncate_keep_newline") and len(lines) > 1 and len(lines[-1]) > 1:
        cut = draw(st.integers(1, len(lines[-1]) - 1))
        lines[-1] = lines[-1][:-cut]
        kinds.append("truncate")
        ops.append(f"last line cut by {cut} characters" + ("" if final else ", no line end"))
    elif damage == "no_final_newline":
        ops.append("no final newline")
    text = newline.join(lines) + (newline if final else "")
    encoding = {"bom": "utf-8-sig", "latin-1": "latin-1", "utf-16": "utf-16"}.get(damage or "", "utf-8")
    if encoding != "utf-8":
        ops.append(f"encoding {encoding}")
    data = text.encode(encoding, errors="replace")
    if damage == "whole_file":
        data = draw(st.sampled_from((b"", b"\n", b" \r\n\r\n", b"\xef\xbb\xbf", b"\x00\x01binary\xff", b"\xef\xbb\xbf\n")))
        kinds.append("whole_file")
        ops.append(f"whole file {data!r}")
    row_level = all(k in ROW_OPS or k == "truncate" for k in kinds) and encoding in ("utf-8", "utf-8-sig")
    return RawFile(seed.name, data, tuple(ops), row_level)


def serialise(seed: Seed) -> RawFile:
    """The seed itself, as written by the source (UTF-8, LF)."""
    text = "\n".join([_line(list(seed.header), seed.sep)] + [_line(list(r), seed.sep) for r in seed.rows]) + "\n"
    return RawFile(seed.name, text.encode("utf-8"), (), True)


def with_rows(seed: Seed, rows: list[list[str]] | list[tuple[str, ...]], header: tuple[str, ...] | None = None, name: str | None = None) -> Seed:
    """A seed with other rows (for explicit regression cases)."""
    return Seed(name or seed.name, tuple(header or seed.header), tuple(tuple(r) for r in rows), seed.numeric, seed.codes, seed.sep)


# ---------------------------------------------------------------- OpenAlex pages (JSON)

OPENALEX_DIR = FIXTURES / "openalex" / "cache"

JSON_VALUES = (None, "", "x", 0, -1, 2015.5, 10**20, True, [], {}, [None], {"id": None}, "BE", "XX", "2020", 1899, float("nan"))


@st.composite
def mutated_json(draw, name: str, text: str) -> RawFile:
    """A cached OpenAlex page after one or two structural edits (drop a key, change a value's type) or byte damage."""
    doc = json.loads(text)
    ops: list[str] = []
    for _ in range(draw(st.integers(0, 2))):
        # walk to a random container
        path: list = []
        node = doc
        for _depth in range(draw(st.integers(0, 6))):
            if isinstance(node, dict) and node:
                k = draw(st.sampled_from(sorted(node)))
            elif isinstance(node, list) and node:
                k = draw(st.integers(0, len(node) - 1))
            else:
                break
            path.append(k)
            node = node[k]
        if not path:
            continue
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        action = draw(st.sampled_from(("set", "drop")))
        if action == "drop":
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(JSON_VALUES)))
        ops.append(f"{action} {'/'.join(map(str, path))}" + (f" = {parent[path[-1]]!r}" if action == "set" else ""))
    out = json.dumps(doc)
    data = out.encode("utf-8")
    damage = draw(st.sampled_from((None, "truncate", "bom", "latin-1", "empty")))
    if damage == "truncate":
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == "bom":
        data = b"\xef\xbb\xbf" + data
    elif damage == "latin-1":
        data = out.replace("Belgium", "Belgi\u00eb").encode("latin-1", errors="replace") + b"\xe9"
    elif damage == "empty":
        data = b""
    if damage:
        ops.append(damage)
    return RawFile(name, data, tuple(ops), False)


# ---------------------------------------------------------------- SDMX-ML messages (XML)

SDMX_DIR = FIXTURES / "eurostat_sdmx"
XML_VALUES = ("", " ", "abc", "NaN", "-1", "1e309", "-inf", "2020.5", "20200", "2020-Q1", "XX", "BE9", "EU27_2020", "M", "B1G", "<", "&amp;", "\u00e9")


@st.composite
def mutated_xml(draw, name: str, text: str) -> RawFile:
    """An SDMX-ML message after edits of its lines (an attribute value, a line dropped or repeated) and byte damage."""
    lines = text.split("\n")
    ops: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(("value", "value", "drop", "repeat")))
        if action == "value" and 'value="' in lines[i]:
            v = draw(st.sampled_from(XML_VALUES))
            head, _, rest = lines[i].partition('value="')
            lines[i] = head + 'value="' + v + '"' + rest.partition('"')[2]
            ops.append(f"line {i + 1}: value={v!r}")
        elif action == "drop":
            ops.append(f"drop line {i + 1}: {lines.pop(i).strip()!r}")
        elif action == "repeat":
            lines.insert(i, lines[i])
            ops.append(f"repeat line {i + 1}")
    out = "\n".join(lines)
    damage = draw(st.sampled_from((None, "crlf", "truncate", "bom", "latin-1", "utf-16", "empty")))
    if damage == "crlf":
        data = out.replace("\n", "\r\n").encode("utf-8")
    elif damage == "truncate":
        data = out.encode("utf-8")[: draw(st.integers(0, len(out) - 1))]
    elif damage == "bom":
        data = b"\xef\xbb\xbf" + out.encode("utf-8")
    elif damage == "latin-1":
        data = out.replace("FIXTURE", "FIXTUR\u00c9").encode("latin-1")
    elif damage == "utf-16":
        data = out.encode("utf-16")
    elif damage == "empty":
        data = b""
    else:
        data = out.encode("utf-8")
    if damage:
        ops.append(damage)
    return RawFile(name, data, tuple(ops), False)
