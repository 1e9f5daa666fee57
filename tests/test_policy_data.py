"""The cited project data (technologies, strategies, priorities, crosswalk, budgets, figures).

Checks the data itself (citations, ids, the 38 technologies, totals recomputed from their parts,
seed quotes really in the seed text) and the validators' one-line errors on broken copies of the
files (tmp_path). What the chapter computes from these tables (priority counts, convergence, budget
totals) is tested in ``test_landscape.py``.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from helpers.data import policy
from helpers.errors import InputError

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SEEDS = REPO.parent / "shared" / "seeds"
SEED_FILES = {"VARIO2026": "000_58134484e03f4a01.txt", "TNO2025": "003_8b346ce8bee1b0e4.txt"}
NUMBER_WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10}


@pytest.fixture(scope="module")
def data() -> policy.PolicyData:
    return policy.load_policy_data(DATA)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("**", ""), ("*", "")):
        text = text.replace(a, b)
    return " ".join(text.split()).casefold()


@pytest.fixture(scope="module")
def seed_text() -> dict[str, str]:
    if not all((SEEDS / f).is_file() for f in SEED_FILES.values()):
        pytest.skip(f"seed documents not found in {SEEDS}")
    return {k: _norm((SEEDS / f).read_text(encoding="utf-8")) for k, f in SEED_FILES.items()}


def _numbers(quote: str) -> list[float]:
    nums = [float(t.replace(",", ".")) for t in re.findall(r"\d+(?:[.,]\d+)?", quote)]
    nums += [v for w, v in NUMBER_WORDS.items() if re.search(rf"\b{w}\b", quote.casefold())]
    return nums


def _source(citation: str) -> str:
    return citation.split(",", 1)[0].strip()


# ----------------------------------------------------------------------------- the data
def test_every_row_has_a_citation_with_a_known_source(data):
    known = set(data.sources["source_id"])
    for name in ("categories", "technologies", "strategies", "priorities", "budgets", "figures"):
        df = getattr(data, name)
        assert (df["citation"].str.strip() != "").all(), name
        assert df["citation"].map(_source).isin(known).all(), name


def test_38_technologies_each_with_a_category(data, seed_text):
    tech = data.technologies
    assert len(tech) == 38
    assert tech["tech_id"].is_unique
    assert sorted(tech["annex_order"].tolist()) == list(range(1, 39))
    assert tech["category_id"].isin(data.categories["category_id"]).all()
    assert set(tech["category_id"]) == set(data.categories["category_id"])  # every category used
    assert set(tech["category_basis"]) <= {"seed", "judgement"}
    # labels exactly as in the seed's annex, in the annex order
    annex = seed_text["VARIO2026"].split("bijlage – 38 technologie studie")[1]
    positions = [annex.find(_norm(label)) for label in tech.sort_values("annex_order")["label_en"]]
    assert all(p >= 0 for p in positions)
    assert positions == sorted(positions)


def test_seed_stated_categories_are_quoted(data, seed_text):
    seed_rows = data.technologies[data.technologies["category_basis"] == "seed"]
    assert len(seed_rows) >= 10
    for _, row in seed_rows.iterrows():
        assert row["category_quote"], row["tech_id"]
        assert _norm(row["category_quote"]) in seed_text["VARIO2026"], row["tech_id"]


def test_every_mapped_taxonomy_id_exists(data):
    cw = data.crosswalk
    techs = cw.loc[cw["tech_id"] != "", "tech_id"]
    doms = cw.loc[cw["domain_id"] != "", "domain_id"]
    assert techs.isin(data.technologies["tech_id"]).all()
    assert doms.isin(policy.DOMAIN_IDS).all()
    assert cw["item_id"].isin(data.priorities["item_id"]).all()
    assert ((cw["tech_id"] != "") | (cw["domain_id"] != "")).all()
    assert set(cw["mapping_basis"]) <= {"seed", "judgement"}
    assert data.priorities["strategy_id"].isin(data.strategies["strategy_id"]).all()
    assert data.budgets["strategy_id"].isin(data.strategies["strategy_id"]).all()
    assert data.figures["strategy_id"].isin(data.strategies["strategy_id"]).all()


def test_seed_quotes_are_literally_in_the_seed(data, seed_text):
    frames = {
        "priorities": data.priorities[data.priorities["source_type"] == "seed"],
        "budgets": data.budgets,
        "figures": data.figures,
        "categories": data.categories[data.categories["quote"] != ""],
    }
    checked = 0
    for name, df in frames.items():
        for _, row in df.iterrows():
            src = _source(row["citation"])
            assert src in seed_text, f"{name}: {row['citation']}"
            assert _norm(row["quote"]) in seed_text[src], f"{name}: {row['quote']!r} not in {src}"
            checked += 1
    assert checked > 250


def test_external_rows_are_marked_and_rated(data):
    sources = data.sources.set_index("source_id")["source_type"]
    pr = data.priorities
    cited_type = pr["citation"].map(_source).map(sources)
    assert (cited_type == pr["source_type"]).all()
    ext = pr[pr["source_type"] == "external"]
    assert len(ext) > 0
    assert ext["confidence"].isin(["high", "medium", "low"]).all()
    assert (pr.loc[pr["source_type"] == "seed", "confidence"] == "").all()
    # every HTS edition and the Bavarian agendas have priorities
    for sid in ("deu_hts_2006", "deu_hts_2010", "deu_hts_2014", "deu_hts_2018", "deu_zukunftsstrategie_2023",
                "deu_hightech_agenda_2025", "by_hta_2019", "by_hta_plus_2020", "by_hta_transfer_2023"):
        assert (pr["strategy_id"] == sid).any(), sid


def test_budget_amounts_are_numbers_written_in_their_quote(data):
    for _, row in data.budgets.iterrows():
        assert row["unit"] == "EUR million"
        amount = float(row["amount"])
        candidates = _numbers(row["quote"])
        ok = any(abs(n - amount) < 1e-9 or abs(n / 1e6 - amount) < 1e-9 or abs(n * 1000 - amount) < 1e-9 for n in candidates)
        assert ok, f"{row['budget_id']}: {amount} not written in {row['quote']!r}"


def test_figure_values_are_numbers_written_in_their_quote(data):
    for _, row in data.figures.iterrows():
        assert any(abs(n - float(row["value"])) < 1e-9 for n in _numbers(row["quote"])), row["fact_id"]


def test_budget_totals_recomputed_from_rows_equal_stated_totals(data):
    b = data.budgets
    totals = b[b["is_total"]]
    assert len(totals) >= 5
    for _, tot in totals.iterrows():
        parts = b[b["total_id"] == tot["budget_id"]]
        computed = float((parts["amount"] * parts["n_years"]).sum())
        stated = float(tot["amount"])
        check = tot["total_check"]
        if check == "exact":
            assert len(parts) > 0 and computed == pytest.approx(stated), tot["budget_id"]
        elif check == "parts_incomplete":
            assert 0 < len(parts) and computed < stated, tot["budget_id"]
        elif check == "parts_not_in_seed":
            assert len(parts) == 0, tot["budget_id"]
        else:  # a documented mismatch of the seed's own numbers
            assert check == "mismatch"
            assert computed != pytest.approx(stated) and tot["note"], tot["budget_id"]
    # the chapter's recomputation (helpers.chapters.countries.budget_totals) is checked against these rows in test_landscape.py


def test_defence_growth_path_per_year(data):
    b = data.budgets
    path = b[b["budget_id"].str.startswith("defence_")].sort_values("year")
    assert path["year"].tolist() == [2025, 2026, 2027, 2028, 2029]
    assert path["amount"].tolist() == [5, 15, 24.8, 39.92, 49.92]
    assert path["amount"].is_monotonic_increasing
    assert float(path["amount"].sum()) == pytest.approx(134.64)


# ----------------------------------------------------------------------------- validators on broken copies
@pytest.fixture()
def copy_dir(tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    (dst / "policy").mkdir(parents=True)
    for name in ("technologies.csv", "technology_categories.csv"):
        shutil.copy(DATA / name, dst / name)
    for f in (DATA / "policy").glob("*.csv"):
        shutil.copy(f, dst / "policy" / f.name)
    return dst


def _edit(path: Path, fn) -> None:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    fn(df)
    df.to_csv(path, index=False)


def _error(copy_dir: Path) -> str:
    with pytest.raises(InputError) as info:
        policy.load_policy_data(copy_dir)
    msg = str(info.value)
    assert "\n" not in msg
    return msg


def test_the_unbroken_copy_loads(copy_dir):
    assert len(policy.load_policy_data(copy_dir).technologies) == 38


def test_missing_column_is_named(copy_dir):
    _edit(copy_dir / "policy" / "priorities.csv", lambda df: df.pop("citation"))
    msg = _error(copy_dir)
    assert "priorities.csv" in msg and "column 'citation' is missing" in msg and "add it" in msg


def test_empty_citation_names_file_line_and_fix(copy_dir):
    def blank(df):
        df.loc[3, "citation"] = ""
    _edit(copy_dir / "policy" / "budgets.csv", blank)
    msg = _error(copy_dir)
    assert "budgets.csv: line 5" in msg and "'citation' is empty" in msg and "source id, section and page" in msg


def test_empty_technology_citation(copy_dir):
    def blank(df):
        df.loc[0, "citation"] = "   "
    _edit(copy_dir / "technologies.csv", blank)
    msg = _error(copy_dir)
    assert "technologies.csv: line 2" in msg and "advanced_manufacturing" in msg


def test_unknown_tech_id_in_crosswalk(copy_dir):
    def bad(df):
        df.loc[0, "tech_id"] = "warp_drive"
    _edit(copy_dir / "policy" / "crosswalk.csv", bad)
    msg = _error(copy_dir)
    assert "crosswalk.csv: line 2" in msg and "'warp_drive'" in msg and "technologies.csv" in msg


def test_unknown_domain_id_in_crosswalk(copy_dir):
    def bad(df):
        df.loc[1, "tech_id"] = ""
        df.loc[1, "domain_id"] = "tourism"
    _edit(copy_dir / "policy" / "crosswalk.csv", bad)
    msg = _error(copy_dir)
    assert "'tourism'" in msg and "domain_id" in msg and "pharma" in msg


def test_unknown_item_id_in_crosswalk(copy_dir):
    def bad(df):
        df.loc[2, "item_id"] = "no_such_item"
    _edit(copy_dir / "policy" / "crosswalk.csv", bad)
    msg = _error(copy_dir)
    assert "'no_such_item'" in msg and "priorities.csv" in msg


def test_unknown_strategy_and_category(copy_dir):
    def bad(df):
        df.loc[0, "strategy_id"] = "deu_hts_1999"
    _edit(copy_dir / "policy" / "priorities.csv", bad)
    assert "'deu_hts_1999'" in _error(copy_dir)


def test_unknown_category_of_a_technology(copy_dir):
    def bad(df):
        df.loc[5, "category_id"] = "magic"
    _edit(copy_dir / "technologies.csv", bad)
    msg = _error(copy_dir)
    assert "technologies.csv: line 7" in msg and "'magic'" in msg


def test_negative_and_non_numeric_amounts(copy_dir):
    path = copy_dir / "policy" / "budgets.csv"
    original = path.read_text(encoding="utf-8")

    def neg(df):
        df.loc[0, "amount"] = "-3"
    _edit(path, neg)
    assert "is negative" in _error(copy_dir)
    path.write_text(original, encoding="utf-8")

    def text(df):
        df.loc[0, "amount"] = "about 5"
    _edit(path, text)
    msg = _error(copy_dir)
    assert "'amount'" in msg and "not a number" in msg


def test_duplicate_id_and_unknown_total(copy_dir):
    path = copy_dir / "policy" / "strategies.csv"

    def dup(df):
        df.loc[1, "strategy_id"] = df.loc[0, "strategy_id"]
    _edit(path, dup)
    assert "duplicate key" in _error(copy_dir)


def test_part_pointing_to_a_non_total(copy_dir):
    def bad(df):
        df.loc[df["budget_id"] == "ai_plan_research_2024", "total_id"] = "carbon_leakage_2024"
    _edit(copy_dir / "policy" / "budgets.csv", bad)
    msg = _error(copy_dir)
    assert "'carbon_leakage_2024'" in msg and "is_total=true" in msg


def test_citation_with_unknown_source(copy_dir):
    def bad(df):
        df.loc[0, "citation"] = "Some blog, p. 3"
    _edit(copy_dir / "policy" / "figures.csv", bad)
    msg = _error(copy_dir)
    assert "figures.csv: line 2" in msg and "source_id" in msg


def test_missing_file_and_not_utf8(copy_dir):
    (copy_dir / "policy" / "figures.csv").unlink()
    assert "figures.csv: file not found" in _error(copy_dir)
    (copy_dir / "policy" / "figures.csv").write_bytes("fact_id,strategy_id\n\xe9t\xe9,x\n".encode("latin-1"))
    assert "not UTF-8" in _error(copy_dir)


def test_seed_priority_without_quote(copy_dir):
    def bad(df):
        i = df.index[df["source_type"] == "seed"][0]
        df.loc[i, "quote"] = ""
    _edit(copy_dir / "policy" / "priorities.csv", bad)
    assert "'quote' is empty for a seed row" in _error(copy_dir)


def test_domain_ids_join_with_domains_csv():
    path = DATA / "domains.csv"
    if not path.is_file():
        pytest.skip("data/domains.csv not present")
    ids = pd.read_csv(path, dtype=str)["domain_id"]
    assert sorted(ids) == sorted(policy.DOMAIN_IDS)


# ----------------------------------------------------------------------------- what the budget and priorities pages draw
@pytest.fixture(scope="module")
def rd_canon(real_canonical):
    return real_canonical


def test_budget_step_chart_stacks_only_the_parts_the_report_names(rd_canon, data):
    """The 2025 step (50) is one bar of the parts the report presents as parts of it (SOCs 17.9, ITG/Meise 6.5: rows with
    total_id = the step) and the rest it does not break down; the other 2025 amounts are bars of their own, never on the step."""
    from helpers.chapters import countries

    page = countries.budgets_page(rd_canon, focus_region="BEL", comparison_regions=["NLD"], rd_window=[2013, 2019], language="nl")
    rows = page.step_chart_rows
    step_bar = rows[rows["category"] == rows["category"].iloc[0]]
    parts = data.budgets[data.budgets["total_id"] == "budget_step_2025_total"]
    assert set(step_bar.loc[step_bar["component"] == "part", "budget_id"]) == set(parts["budget_id"])
    assert set(step_bar["component"]) == {"part", "rest"} and step_bar["amount"].sum() == pytest.approx(50.0)
    assert step_bar.loc[step_bar["component"] == "rest", "amount"].iloc[0] == pytest.approx(50.0 - parts["amount"].sum())
    others = rows[rows["component"] == "same_year"]
    assert len(others) and (others["category"] != step_bar["category"].iloc[0]).all() and others["stated"].isna().all()
    assert "defence_2025" in set(others["budget_id"])
    assert set(page.tables()["step"].df["component"]) <= set(page.step_table["component_label"])  # readers' words, not codes
    title = page.charts()["step"].to_dict()["title"]
    assert "24,4" in title["subtitle"][0] and "25,6" in title["subtitle"][0]  # Dutch number format
