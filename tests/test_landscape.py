"""The policy landscape (helpers.chapters.countries): priorities matrix, convergence, budgets, R&D intensity.

Counts and totals are recomputed here independently from the CSV files with the ``csv`` module, not
through pandas or helpers.data.policy, so that a bug in the loaders cannot hide itself.
"""

from __future__ import annotations

import ast
import csv
import math
from collections import defaultdict
from pathlib import Path

import altair as alt
import nbformat
import pandas as pd
import pytest
from conftest import RAW_DATA, ROOT

from helpers.chapters import countries as landscape
from helpers.data import canonical, policy
from helpers.errors import InputError

DATA = ROOT / "data"
DEFAULT = ["NLD", "DEU", "SWE", "GBR"]


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def data() -> policy.PolicyData:
    return policy.load_policy_data()


def _one_line(exc: pytest.ExceptionInfo) -> str:
    text = str(exc.value)
    assert "\n" not in text and text.strip(), text
    return text


# ----------------------------------------------------------------------------- selection and matrix
def test_default_selection_columns(data):
    sel = landscape.select_strategies(data.strategies, "BEL", DEFAULT)
    assert sel.columns == ["BE-VLG", "NLD", "DEU", "DE-BY", "SWE", "GBR", "EU"]
    assert sel.missing == []
    assert sel.requested["DEU"] == ["DEU", "DE-BY"] and sel.requested["BEL"] == ["BE-VLG"]
    # strategies come in column order
    order = {c: i for i, c in enumerate(sel.columns)}
    assert list(sel.strategies["country"].map(order)) == sorted(sel.strategies["country"].map(order))


def test_matrix_rebuilds_for_other_comparison_countries(data):
    full = landscape.priorities_matrix(data, landscape.select_strategies(data.strategies, "BEL", DEFAULT))
    sel = landscape.select_strategies(data.strategies, "BEL", ["DEU", "FRA"])
    assert sel.columns == ["BE-VLG", "DEU", "DE-BY", "EU"]  # NLD, SWE, GBR dropped; Flanders and the EU kept
    assert sel.missing == ["FRA"]  # a valid country without strategies gets no column, no error
    m = landscape.priorities_matrix(data, sel)
    assert list(m.columns) == sel.columns
    assert set(sel.strategies["country"]) == {"BE-VLG", "DEU", "DE-BY", "EU"}
    # a column does not depend on which other columns are selected
    for col in sel.columns:
        pd.testing.assert_series_equal(m[col], full.loc[m.index, col], check_names=False)
    # rows: only items some selected column prioritises
    assert (m > 0).any(axis=1).all()
    assert "photonics" in full.index and "photonics" in m.index  # Germany names photonics
    assert "food_technology" in m.index  # Flanders does
    # by strategy: exactly the selected strategies, in order
    ms = landscape.priorities_matrix(data, sel, by="strategy", value="n_items", mapped_only=False)
    assert list(ms.columns) == sel.strategy_ids
    # without sub-national strategies Bavaria disappears
    flat = landscape.select_strategies(data.strategies, "BEL", ["DEU"], include_subnational=False)
    assert flat.columns == ["BE-VLG", "DEU", "EU"]
    # since_year drops the old German editions but keeps Flemish rows without a year
    recent = landscape.select_strategies(data.strategies, "BEL", ["DEU"], since_year=2020)
    assert "deu_hts_2006" not in recent.strategy_ids and "deu_hightech_agenda_2025" in recent.strategy_ids
    assert "vlg_soc" in recent.strategy_ids


def test_matrix_counts_against_the_csv_files(data):
    sel = landscape.select_strategies(data.strategies, "BEL", DEFAULT)
    m = landscape.priorities_matrix(data, sel)
    country = {r["strategy_id"]: r["country"] for r in _rows("policy/strategies.csv")}
    strategy_of = {r["item_id"]: r["strategy_id"] for r in _rows("policy/priorities.csv")}
    strategies: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in _rows("policy/crosswalk.csv"):
        for tid in (r["tech_id"], r["domain_id"]):
            if tid:
                s = strategy_of[r["item_id"]]
                strategies[(tid, country[s])].add(s)
    for (tid, col), strats in strategies.items():
        if col in m.columns:
            assert m.at[tid, col] == len(strats), (tid, col)
    assert int(m.to_numpy().sum()) == sum(len(v) for (t, c), v in strategies.items() if c in m.columns)
    # the item counts agree with the matrix counted straight on the policy tables
    mi = landscape.priorities_matrix(data, sel, value="n_items", mapped_only=False)
    pm = landscape.item_matrix(data.priorities, data.crosswalk, sel.strategies, technologies=data.technologies, by="country")
    pd.testing.assert_frame_equal(mi, pm, check_names=False)


def test_quantum_who_and_where(data):
    sel = landscape.select_strategies(data.strategies, "BEL", DEFAULT)
    m = landscape.priorities_matrix(data, sel)
    assert landscape.who_prioritises(m, "quantum_computing") == ["NLD", "DEU", "DE-BY", "SWE", "EU"]
    detail = landscape.item_detail(data, sel, "quantum_computing")
    assert set(detail["country"]) == {"NLD", "DEU", "DE-BY", "SWE", "EU"}
    assert detail["citation"].str.len().gt(0).all()
    coarse = pd.read_csv(DATA / "technology_coarse_map.csv", dtype=str, keep_default_na=False)
    pos = landscape.attach_positions(pd.DataFrame({"taxonomy_id": ["quantum_computing", "pharma"]}),
                                     pd.DataFrame({"technology": ["Computer technology"], "rca": [0.3], "quadrant": ["low_priority"]}), coarse)
    assert pos.loc[0, "proxy_field"] == "Computer technology" and pos.loc[0, "rca"] == 0.3
    assert pd.isna(pos.loc[1, "proxy_field"])  # a sector domain has no technology field


def test_convergence_and_specificities(data):
    sel = landscape.select_strategies(data.strategies, "BEL", DEFAULT)
    m = landscape.priorities_matrix(data, sel)
    shared = landscape.shared_items(m, 4)
    assert (shared["n"] >= 4).all()
    for _, row in shared.iterrows():
        assert row["n"] == int((m.loc[row["taxonomy_id"]] > 0).sum())
    assert set(shared.loc[shared["n"] == m.shape[1], "taxonomy_id"]) == {t for t in m.index if (m.loc[t] > 0).all()}
    spec = landscape.flemish_specificities(m, max_others=1, min_others_share=0.5)
    only = spec[spec["kind"] == "flanders_only"]
    gaps = spec[spec["kind"] == "others_not_flanders"]
    assert (only["flanders"] > 0).all() and (only["n_others"] <= 1).all()
    assert (gaps["flanders"] == 0).all() and (gaps["others_share"] >= 0.5).all()
    assert "quantum_computing" in set(gaps["taxonomy_id"]) and "hpc" in set(only["taxonomy_id"])
    with pytest.raises(InputError):
        landscape.flemish_specificities(m.drop(columns=["BE-VLG"]))


# ----------------------------------------------------------------------------- counts straight on the policy tables (item_counts)
def test_matrix_rebuilds_for_another_selection(data):
    full = landscape.item_matrix(data.priorities, data.crosswalk, data.strategies, technologies=data.technologies)
    assert full.shape == (38 + 9, len(data.strategies))
    sel = data.strategies[data.strategies["country"].isin(["NLD", "SWE"])]
    m = landscape.item_matrix(data.priorities, data.crosswalk, sel, technologies=data.technologies, by="country")
    assert list(m.columns) == ["NLD", "SWE"]
    assert m.loc["semiconductors", "SWE"] == 2  # science-not-technology and Stockholm moonshot
    assert m.loc["quantum_computing"].gt(0).all()
    per_strategy = landscape.item_matrix(data.priorities, data.crosswalk, ["nld_nts_2024", "eu_competitiveness_compass_2025"],
                                         taxonomy="tech", binary=True)
    assert list(per_strategy.columns) == ["nld_nts_2024", "eu_competitiveness_compass_2025"]
    assert per_strategy.dtypes.eq(bool).all()
    assert per_strategy.loc["quantum_computing"].all()
    assert not set(per_strategy.index) & set(policy.DOMAIN_IDS)
    seed_only = landscape.item_matrix(data.priorities, data.crosswalk, data.strategies, mapping_bases=["seed"])
    assert seed_only.to_numpy().sum() < full.to_numpy().sum()
    de = landscape.item_matrix(data.priorities, data.crosswalk, data.strategies[data.strategies["country"] == "DEU"],
                               technologies=data.technologies, source_types=["external"])
    assert de.loc["artificial_intelligence", "deu_hightech_agenda_2025"] == 1


def test_matrix_on_a_small_hand_made_example():
    pr = pd.DataFrame({"strategy_id": ["a", "a", "b", "c"], "item_id": ["a1", "a2", "b1", "c1"],
                       "item_group": ["x", "y", "x", "x"], "source_type": ["seed"] * 4})
    cw = pd.DataFrame({"item_id": ["a1", "a2", "a2", "b1", "c1"], "tech_id": ["t1", "t1", "", "t2", "t1"],
                       "domain_id": ["", "", "food", "", ""], "mapping_basis": ["seed"] * 5})
    st = pd.DataFrame({"strategy_id": ["a", "b", "c"], "country": ["X", "Y", "X"]})
    m = landscape.item_matrix(pr, cw, st)
    assert m.loc["t1"].tolist() == [2, 0, 1]
    assert m.loc["food"].tolist() == [1, 0, 0]
    assert m.loc["pharma"].tolist() == [0, 0, 0]  # every domain is a row
    mc = landscape.item_matrix(pr, cw, st, by="country")
    assert mc.loc["t1"].to_dict() == {"X": 3, "Y": 0}
    mg = landscape.item_matrix(pr, cw, st, groups=["x"])
    assert mg.loc["t1", "a"] == 1
    conv = landscape.convergence(mc, min_strategies=1)
    assert conv.iloc[0]["taxonomy_id"] == "t1" and conv.iloc[0]["n"] == 1
    conv2 = landscape.convergence(m, min_strategies=2)
    assert conv2["taxonomy_id"].tolist() == ["t1"]
    assert conv2.iloc[0]["columns"] == "a;c"
    assert conv2.iloc[0]["share"] == pytest.approx(2 / 3)


def test_convergence_on_the_real_matrix(data):
    m = landscape.item_matrix(data.priorities, data.crosswalk, data.strategies, technologies=data.technologies, by="country")
    conv = landscape.convergence(m, min_strategies=4)
    assert len(conv) > 0
    assert conv["n"].is_monotonic_decreasing
    assert "artificial_intelligence" in set(conv["taxonomy_id"])
    assert (conv["n"] >= 4).all() and (conv["share"] <= 1).all()


def test_matrix_bad_arguments_are_input_errors(data):
    with pytest.raises(InputError, match="no strategies"):
        landscape.item_matrix(data.priorities, data.crosswalk, [])
    with pytest.raises(InputError, match="by="):
        landscape.item_matrix(data.priorities, data.crosswalk, data.strategies, by="year")
    with pytest.raises(InputError, match="not_a_strategy"):
        landscape.item_matrix(data.priorities, data.crosswalk, ["not_a_strategy"])


# ----------------------------------------------------------------------------- budgets
def test_budget_totals_recomputed_from_rows(data):
    rows = _rows("policy/budgets.csv")
    parts: dict[str, float] = defaultdict(float)
    for r in rows:
        if r["total_id"]:
            parts[r["total_id"]] += float(r["amount"]) * float(r["n_years"] or 1)
    stated = {r["budget_id"]: float(r["amount"]) for r in rows if r["is_total"] == "true"}
    checks = landscape.budget_checks(data.budgets).set_index("total_id")
    assert set(checks.index) == set(stated)
    for total, value in stated.items():
        assert math.isclose(checks.at[total, "computed"], parts.get(total, 0.0), abs_tol=1e-9), total
        assert checks.at[total, "stated"] == value
    # the seed's own mismatch stays visible: 100 + 200 x 10 = 2100, not the stated 2000
    assert math.isclose(parts["cfd_programme_total"], 2100) and stated["cfd_programme_total"] == 2000
    assert checks.at["cfd_programme_total", "status"] == "mismatch"
    assert checks.at["cfd_pilot_total", "status"] == "adds_up"
    assert checks.at["ai_plan_annual", "status"] == "parts_below_total"
    # defence growth path: one row per year, summed here
    defence = {int(r["year"]): float(r["amount"]) for r in rows if r["strategy_id"] == "vlg_defensie_2025"}
    path = landscape.programme_path(data.budgets, "vlg_defensie_2025")
    assert dict(zip(path["year"], path["amount"])) == defence
    assert math.isclose(path["cumulative"].iloc[-1], sum(defence.values())) and math.isclose(sum(defence.values()), 134.64)
    # AI plan: stated 32 = quantified lines + unquantified remainder
    ai = landscape.plan_composition(data.budgets, "ai_plan_annual")
    assert math.isclose(ai["amount"].sum(), stated["ai_plan_annual"])
    assert math.isclose(ai.loc[ai["component"] == "unquantified", "amount"].iloc[0], stated["ai_plan_annual"] - parts["ai_plan_annual"])
    cfd = landscape.plan_composition(data.budgets, "cfd_programme_total")
    assert math.isclose(cfd.loc[cfd["component"] == "excess", "amount"].iloc[0], -100)


def test_budget_step_allocations_from_rows(data):
    rows = _rows("policy/budgets.csv")
    strategies = {"vlg_begroting_2025", "vlg_defensie_2025"}
    same_year = sum(float(r["amount"]) for r in rows if r["year"] == "2025" and r["strategy_id"] in strategies
                    and r["is_total"] != "true" and r["kind"] in ("annual", "increase"))
    step = landscape.year_allocations(data.budgets, "budget_step_2025_total", strategies=sorted(strategies))
    assert math.isclose(step["allocated"].iloc[0], same_year) and math.isclose(same_year, 46.939)
    assert math.isclose(step["amount"].sum(), 50.0)  # allocated + unallocated = the stated step
    assert math.isclose(step.loc[step["component"] == "unallocated", "amount"].iloc[0], 50 - same_year)


def test_budget_years_spread_multi_year_rows(data):
    years = landscape.budget_years(data.budgets)
    pilot = years[years["budget_id"] == "cfd_pilot_annual"]
    assert list(pilot["year"]) == list(range(2025, 2035)) and math.isclose(pilot["amount"].sum(), 70)
    prog = years[years["total_id"] == "cfd_programme_total"]
    assert math.isclose(prog["amount"].sum(), 2100) and prog["year"].max() == 2038


# ----------------------------------------------------------------------------- R&D intensity
@pytest.fixture(scope="module")
def rd_folder(real_canonical) -> Path:
    raw = RAW_DATA / "regional_rd_eurostat.csv"
    if not raw.is_file():
        pytest.skip(f"{raw} not present")
    return real_canonical


def _raw_value(indicator: str, region: str, year: int) -> float:
    with open(RAW_DATA / "regional_rd_eurostat.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["indicator"] == indicator and row["region_id"] == region and int(row["year"]) == year:
                return float(row["value"])
    raise AssertionError(f"{indicator} {region} {year} not in the raw file")


def test_rd_intensity_matches_the_raw_file(rd_folder):
    regions = canonical.read(rd_folder, "regions")
    indicators = canonical.read(rd_folder, "region_indicators", unit="PC_GDP")
    shown = landscape.rd_regions("BEL", ["DEU", "GBR"], regions)
    assert list(shown["region"]) == ["BE2", "BE", "DE", "UK", "EU27"]
    assert list(shown["role"]) == ["flanders", "focus", "comparison", "comparison", "eu"]
    table, missing = landscape.rd_intensity(indicators, shown, [2013, 2019])
    assert missing == []
    got = table.set_index(["region", "indicator", "year"])["value"]
    assert got[("BE2", "GERD", 2019)] == _raw_value("rd_e_gerdreg_total_pc_gdp", "BE2", 2019)
    assert got[("BE2", "BERD", 2019)] == _raw_value("rd_e_gerdreg_bes_pc_gdp", "BE2", 2019)
    assert got[("EU27", "GERD", 2015)] == _raw_value("rd_e_gerdreg_total_pc_gdp", "EU27_2020", 2015)
    assert table["year"].between(2013, 2019).all()
    summary = landscape.rd_summary(table).set_index(["region", "indicator"])
    assert summary.at[("BE2", "GERD"), "last_year"] == 2019
    assert math.isclose(summary.at[("BE2", "GERD"), "change"], _raw_value("rd_e_gerdreg_total_pc_gdp", "BE2", 2019) - _raw_value("rd_e_gerdreg_total_pc_gdp", "BE2", 2013))


def test_rd_intensity_bad_input(rd_folder):
    regions = canonical.read(rd_folder, "regions")
    indicators = canonical.read(rd_folder, "region_indicators", unit="PC_GDP")
    with pytest.raises(InputError) as exc:
        landscape.rd_regions("BEL", ["XYZ1"], regions)
    assert "XYZ1" in _one_line(exc)
    shown = landscape.rd_regions("BEL", [], regions)
    with pytest.raises(InputError) as exc:
        landscape.rd_intensity(indicators, shown, [1950, 1960])
    assert "empty selection" in _one_line(exc)
    with pytest.raises(InputError) as exc:
        landscape.rd_intensity(indicators, shown, [2019, 2013])
    _one_line(exc)


# ----------------------------------------------------------------------------- bad input
def test_bad_selection_gives_one_line_errors(data):
    with pytest.raises(InputError) as exc:
        landscape.select_strategies(data.strategies, "BEL", ["DEU", "XXQ"])
    assert "XXQ" in _one_line(exc) and "unknown country code" in str(exc.value)
    with pytest.raises(InputError) as exc:
        landscape.select_strategies(data.strategies, "FRA", [], include_flanders=False, include_eu=False)
    assert "empty selection" in _one_line(exc)
    with pytest.raises(InputError) as exc:
        landscape.select_strategies(data.strategies, "BEL", [""])
    _one_line(exc)
    sel = landscape.select_strategies(data.strategies, "BEL", DEFAULT)
    with pytest.raises(InputError) as exc:
        landscape.item_detail(data, sel, "not_a_technology")
    _one_line(exc)
    with pytest.raises(InputError) as exc:
        landscape.priorities_matrix(data, sel, value="euros")
    _one_line(exc)
    with pytest.raises(InputError) as exc:
        landscape.shared_items(pd.DataFrame(index=["a"]))
    _one_line(exc)


def test_bad_budget_ids_give_one_line_errors(data):
    for call in (lambda: landscape.programme_path(data.budgets, "no_such_strategy"),
                 lambda: landscape.plan_composition(data.budgets, "no_such_total"),
                 lambda: landscape.plan_composition(data.budgets, "defence_2025"),  # a part, not a total
                 lambda: landscape.year_allocations(data.budgets, "ai_plan_annual"),  # a total without a year
                 lambda: landscape.budget_rows(data.budgets, budget_ids=["nope"]),
                 lambda: landscape.rd_target(data.figures, "nope")):
        with pytest.raises(InputError) as exc:
            call()
        _one_line(exc)


# ----------------------------------------------------------------------------- notebooks
@pytest.mark.parametrize("name", ["countries_priorities", "countries_budgets", "countries_profiles"])
def test_notebooks_are_thin_and_clean(name):
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert sum("parameters" in t for t in tags) == 1
    assert any("lang-nl" in t for t in tags) and any("lang-en" in t for t in tags)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None, "commit notebooks without outputs"
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    for key in ("focus_region", "language", "data_dir", "tables_dir"):
        assert f"{key} = " in params.source
    # the notebook shows what its page builds
    assert any(f"countries.{name.split('_')[1]}_page(" in c.source for c in nb.cells if c.cell_type == "code")


def test_every_published_table_has_a_countries_name():
    """Each Table a page module of the chapter builds is named ``countries_...`` (read from the source, no data needed)."""
    names = []
    for path in sorted((ROOT / "src" / "helpers" / "chapters" / "countries").glob("*_page.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Table":
                name = node.args[1]
                assert isinstance(name, ast.Constant), f"{path.name} line {node.lineno}: give the table name as a literal"
                names.append(name.value)
    assert len(names) == 8 + 9 + 4  # priorities 8, budgets 9, profiles 4
    assert all(n.startswith("countries_") for n in names), names
    assert len(set(names)) == len(names)


def test_priorities_by_position_uses_each_countrys_own_columns(data):
    sel = landscape.select_strategies(data.strategies, "BEL", ["DEU"])
    m = landscape.priorities_matrix(data, sel, taxonomy="tech", mapped_only=False)
    coarse = pd.read_csv(DATA / "technology_coarse_map.csv", dtype=str, keep_default_na=False)
    profiles = pd.DataFrame({"region": ["BEL", "DEU"], "technology": ["Computer technology"] * 2, "rca": [0.3, 0.9],
                             "density": [34.0, 50.0], "complexity": [-2.0, -2.0], "quadrant": ["low_priority", "low_risk"]})
    out = landscape.priorities_by_position(m, sel, profiles, coarse, technologies=["quantum_computing", "hpc"]).set_index(["region", "taxonomy_id"])
    assert not out.at[("BEL", "quantum_computing"), "prioritised"] and out.at[("BEL", "hpc"), "prioritised"]
    assert out.at[("DEU", "quantum_computing"), "prioritised"] and out.at[("DEU", "quantum_computing"), "policy_columns"] == "DEU;DE-BY"
    assert out.at[("DEU", "quantum_computing"), "quadrant"] == "low_risk"  # Germany's own position, not Belgium's


# ----------------------------------------------------------------------------- positions for the text
def test_format_value_and_item_names():
    assert landscape.format_value(1.23456, ".2f") == "1.23" and landscape.format_value(12, ".1f") == "12.0"
    assert landscape.format_value(None, ".2f") == "—" and landscape.format_value(float("nan"), ".2f") == "—"
    labels = {"a": "Alpha", "b": "Beta", "c": "Gamma"}
    assert landscape.item_names(["a", "b", "c"], labels, "en") == "Alpha, Beta and Gamma"
    assert landscape.item_names(["a", "b"], labels, "nl") == "Alpha en Beta"


def test_focus_positions_and_spotlight():
    coarse = pd.read_csv(DATA / "technology_coarse_map.csv", dtype=str, keep_default_na=False)
    profile = pd.DataFrame({"technology": ["Computer technology", "Optics"], "label_en": ["Computer technology", "Optics"],
                            "label_nl": ["Computertechnologie", "Optica"], "rca": [0.75, 1.5], "density": [34.25, 60.0],
                            "complexity": [-2.0, 1.0], "quadrant": ["low_priority", "optimal"]})
    pos = landscape.focus_positions(["quantum_computing", "hpc", "health"], profile, coarse, language="nl").set_index("taxonomy_id")
    assert pos.at["quantum_computing", "proxy_field"] == "Computer technology" and pos.at["quantum_computing", "field_label"] == "Computertechnologie"
    assert pos.at["hpc", "rca"] == 0.75 and pos.at["health", "quadrant"] == "none"  # a domain has no primary field
    spot = landscape.spotlight_position(pos.reset_index(), "quantum_computing", "en")
    assert spot == {"field": "Computertechnologie", "quadrant": "low priority", "rca": "0.75", "density": "34.2", "complexity": "-2.00"}
    assert landscape.spotlight_position(pos.reset_index(), "health", "en") == dict.fromkeys(["field", "quadrant", "rca", "density", "complexity"], "—")
    assert landscape.spotlight_position(pos.reset_index(), "not_there", "en")["rca"] == "—"
    empty = landscape.focus_positions(["quantum_computing"], None, coarse, language="en")
    assert empty["quadrant"].tolist() == ["none"] and empty["rca"].isna().all()


# ----------------------------------------------------------------------------- budget totals (moved from helpers.data.policy)
def test_budget_totals_agree_with_the_rows(data):
    res = landscape.budget_totals(data.budgets).set_index("total_id")
    assert res.loc["cfd_pilot_total", "computed"] == pytest.approx(70.0)
    assert res.loc["ai_plan_annual", "computed"] == pytest.approx(14.10 + 7.5)
    assert res.loc["cyber_plan_annual", "computed"] == pytest.approx(8.47 + 8.40)
    assert res.loc["budget_step_2025_total", "computed"] == pytest.approx(17.9 + 6.5)
    assert res.loc["cfd_programme_total", "computed"] == pytest.approx(2100.0)
    assert not res.loc["cfd_programme_total", "matches"]
    assert res.drop(index="cfd_programme_total")["matches"].all()


def test_unmapped_items_and_taxonomy_labels_on_a_tiny_example():
    pr = pd.DataFrame({"strategy_id": ["a", "a", "b"], "item_id": ["a1", "a2", "b1"]}, index=[5, 6, 7])
    cw = pd.DataFrame({"item_id": ["a1"], "tech_id": ["t1"], "domain_id": [""], "mapping_basis": ["seed"]})
    out = landscape.unmapped_items(pr, cw)
    assert out["item_id"].tolist() == ["a2", "b1"] and out.index.tolist() == [0, 1]
    techs = pd.DataFrame({"tech_id": ["t1"], "label_en": ["One"], "label_nl": ["Een"], "category_id": ["c"]})
    labels = landscape.taxonomy_labels(techs, "nl")
    assert labels.iloc[0].to_dict() == {"taxonomy_id": "t1", "kind": "tech", "label": "Een", "category_id": "c"}
    assert labels["kind"].tolist() == ["tech"] + ["domain"] * len(policy.DOMAIN_IDS)
    assert labels["taxonomy_id"].tolist()[1:] == list(policy.DOMAIN_IDS)


# ----------------------------------------------------------------------------- heatmap rows and cells, hand-worked
def test_pack_rows_never_splits_a_column():
    sizes = {"a": 3, "b": 2, "c": 4, "d": 1}
    assert landscape.pack_rows(["a", "b", "c", "d"], sizes, 5) == [["a", "b"], ["c", "d"]]  # 3+2=5 fits; 5+4>5 starts a row
    assert landscape.pack_rows(["a", "b", "c", "d"], sizes, 6) == [["a", "b"], ["c", "d"]]  # 3+2+4=9>6
    assert landscape.pack_rows(["a", "b", "c", "d"], sizes, 100) == [["a", "b", "c", "d"]]
    assert landscape.pack_rows(["c", "a"], sizes, 2) == [["c"], ["a"]]  # a column larger than a row gets a row of its own
    assert landscape.pack_rows([], sizes, 5) == []
    with pytest.raises(InputError) as exc:
        landscape.pack_rows(["a"], sizes, 0)
    _one_line(exc)


def test_strategies_per_column(data):
    sel = landscape.select_strategies(data.strategies, "BEL", ["DEU"])
    counts = landscape.strategies_per_column(sel)
    assert list(counts) == sel.columns
    assert counts == {c: int((sel.strategies["country"] == c).sum()) for c in sel.columns}
    assert sum(counts.values()) == len(sel.strategies)


def test_cell_grid_fills_every_cell():
    cells = pd.DataFrame({"taxonomy_id": ["t2"], "column": ["Y"], "n_strategies": [2], "n_items": [3], "strategies": ["s"]})
    grid = landscape.cell_grid(cells, ["t1", "t2"], ["X", "Y"])
    assert list(zip(grid["taxonomy_id"], grid["column"])) == [("t1", "X"), ("t1", "Y"), ("t2", "X"), ("t2", "Y")]
    assert grid["n_strategies"].tolist() == [0, 0, 0, 2] and grid["n_items"].tolist() == [0, 0, 0, 3]
    assert grid["n_items"].dtype.kind == "i"
    assert grid["strategies"].tolist() == ["", "", "", "s"]
    only_items = landscape.cell_grid(cells.drop(columns=["n_strategies"]), ["t2"], ["X", "Y"], counts=("n_items",))
    assert only_items["n_items"].tolist() == [0, 3]


def test_item_order_technologies_first_then_most_shared():
    matrix = pd.DataFrame({"X": [1, 0, 1, 1], "Y": [0, 1, 1, 1]}, index=["t_b", "t_a", "t_c", "food"])
    labels = {"t_a": "Alpha", "t_b": "Beta", "t_c": "Gamma", "food": "Food (sector)"}
    # t_c has two columns; t_a and t_b one each, then by label; the domain comes last although shared by both
    assert landscape.item_order(matrix, ["t_a", "t_b", "t_c"], labels) == ["t_c", "t_a", "t_b", "food"]


def test_heatmap_rows_label_and_trim_per_row():
    grid = pd.DataFrame({"taxonomy_id": ["t1", "t2"] * 3, "column": ["s1", "s1", "s2", "s2", "s3", "s3"],
                         "n_items": [1, 0, 0, 0, 0, 2]})
    country = {"s1": "X", "s2": "X", "s3": "Y"}
    short = {"s1": "One", "s2": "Two", "s3": "Three"}
    labels = {"t1": "Item 1", "t2": "Item 2"}
    one, two = landscape.heatmap_rows(grid, [["X"], ["Y"]], country, short, ["t1", "t2"], labels)
    assert one.x_order == ["One", "Two"] and one.y_order == ["Item 1"] and one.columns == ["X"]
    assert set(one.cells["taxonomy_id"]) == {"t1"} and one.cells["strategy"].tolist() == ["One", "Two"]
    assert two.x_order == ["Three"] and two.y_order == ["Item 2"]
    (both,) = landscape.heatmap_rows(grid, [["X", "Y"]], country, short, ["t2", "t1"], labels)
    assert both.x_order == ["X · One", "X · Two", "Y · Three"]  # several columns in a row: the column before the name
    assert both.y_order == ["Item 2", "Item 1"] and both.columns == ["X", "Y"]


def test_position_cells_three_measures_per_item():
    positions = pd.DataFrame({"taxonomy_id": ["a", "b"], "proxy_field": ["F", None], "field_label": ["Field", None],
                              "rca": [1.234, None], "density": [45.6, None], "complexity": [0.5, None], "quadrant": ["optimal", "none"]})
    cells = landscape.position_cells(positions, {"a": "A", "b": "B"}, "en")
    assert landscape.position_measures("en")[1] == "RCA" and len(cells) == 6
    assert cells["measure"].tolist() == [m for m in landscape.position_measures("en") for _ in range(2)]
    text = cells.set_index(["taxonomy_id", "measure"])["text"]
    assert text[("a", "RCA")] == "1.23" and text[("a", landscape.position_measures("en")[2])] == "46"
    assert text[("b", "RCA")] == "—" and text[("b", landscape.position_measures("en")[0])] == "—"
    assert cells.loc[cells["taxonomy_id"] == "b", "field_label"].eq("—").all()
    assert cells["item"].tolist()[:2] == ["A", "B"]


def test_profile_summary_and_quadrant_counts_by_hand():
    from helpers.chapters.countries.profiles_page import (
        profile_summary,
        quadrant_counts,
    )

    profiles = pd.DataFrame({"region": ["X", "X", "X", "Y", "Y", "Y"], "region_name": ["Ex"] * 3 + ["Why"] * 3,
                             "technology": ["f1", "f2", "f3"] * 2, "field": ["F1", "F2", "F3"] * 2,
                             "rca": [2.0, 0.5, 1.5, 0.2, 3.0, 0.9], "specialised": [True, False, True, False, True, False],
                             "quadrant": ["optimal", "low_risk", "optimal", "moonshot", "optimal", "low_priority"]})
    by_pos = pd.DataFrame({"region": ["X", "X", "Y", "Y"], "taxonomy_id": ["q", "h", "q", "h"], "prioritised": [True, True, True, False],
                           "quadrant": ["optimal", "moonshot", "low_priority", "optimal"]})
    summary = profile_summary(profiles, by_pos, ["X", "Y"], {"X": "Ex", "Y": "Why"}).set_index("region")
    assert summary.loc["X"].to_dict() == {"region_name": "Ex", "n_fields": 3, "n_specialised": 2, "top_field": "F1", "top_rca": 2.0,
                                          "n_optimal": 2, "n_prioritised": 2, "n_prioritised_feasible": 1}
    assert summary.loc["Y"].to_dict() == {"region_name": "Why", "n_fields": 3, "n_specialised": 1, "top_field": "F2", "top_rca": 3.0,
                                          "n_optimal": 1, "n_prioritised": 1, "n_prioritised_feasible": 0}
    counts = quadrant_counts(profiles, by_pos).set_index("region")
    assert counts.loc["X", ["optimal", "moonshot", "low_risk", "low_priority"]].tolist() == [2, 0, 1, 0]
    assert counts.loc["Y", ["optimal", "moonshot", "low_risk", "low_priority"]].tolist() == [1, 1, 0, 1]
    assert counts.loc["X", ["prioritised_optimal", "prioritised_moonshot"]].tolist() == [1, 1]
    assert counts.loc["Y", ["prioritised_optimal", "prioritised_low_priority"]].tolist() == [0, 1]


# ----------------------------------------------------------------------------- chart assembly (helpers.charts)
def _heat(rows: list[str]) -> alt.LayerChart:
    from helpers.charts import heatmaps

    df = pd.DataFrame({"item": rows, "country": ["X"] * len(rows), "n": [1] * len(rows)})
    return heatmaps.priority_heatmap(df, "country", "item", "n", "", x_order=["X"], y_order=rows, value_title="n", tooltip=["item:N"])


def test_heatmap_with_positions_puts_the_panel_left_with_its_own_colours():
    from helpers.charts import heatmaps

    panel_df = pd.DataFrame({"item": ["a"], "measure": ["RCA"], "text": ["1.00"], "quadrant": ["optimal"]})
    panel = heatmaps.position_panel(panel_df, "item", "measure", "text", "quadrant", y_order=["a"], measure_order=["RCA"],
                                    quadrant_labels={"optimal": "Optimal"}, quadrant_title="Q", tooltip=["item:N"])
    view = heatmaps.heatmap_with_positions(_heat(["a"]), panel, title="T", subtitle=["one", "two"]).to_dict()
    assert len(view["hconcat"]) == 2 and view["resolve"]["scale"]["color"] == "independent" and view["spacing"] == 6
    assert view["title"] == {"text": "T", "subtitle": ["one", "two"]}
    assert view["hconcat"][0]["layer"][0]["encoding"]["color"]["field"] == "quadrant"  # the panel first
    alone = heatmaps.heatmap_with_positions(_heat(["a"]), None, title="T").to_dict()
    assert "hconcat" not in alone and alone["title"] == "T"


def test_stacked_heatmaps_and_side_by_side():
    from helpers.charts import bars, heatmaps

    stacked = heatmaps.stacked_heatmaps([_heat(["a"]), _heat(["b", "c"])], title="T", subtitle=["s"]).to_dict()
    assert len(stacked["vconcat"]) == 2 and stacked["spacing"] == 18 and stacked["title"] == {"text": "T", "subtitle": ["s"]}
    pair = bars.side_by_side(_heat(["a"]), _heat(["a"]), title="P", subtitle="sub").to_dict()
    assert len(pair["hconcat"]) == 2 and pair["spacing"] == 10 and pair["title"] == {"text": "P", "subtitle": "sub"}
    narrow = bars.share_bar_chart(pd.DataFrame({"c": ["x"], "v": [1.0]}), "c", "v", "t", "v", width=340).to_dict()
    assert narrow["width"] == 340
