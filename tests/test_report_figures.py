"""The report's figures from the CEPS study's published values, the comparison with the book's computation, the claims and the framework with published inputs."""

from __future__ import annotations

import csv
import statistics

import numpy as np
import pandas as pd
import pytest

from helpers.chapters import framework, technologies
from helpers.chapters.framework.categories import CATEGORIES
from helpers.chapters.framework.published_technologies import published_inputs
from helpers.chapters.technologies import published as pub
from helpers.chapters.technologies.report_claims import (category_central, category_in_quadrant, category_low_feasibility,
                                                         most_feasible_in_category, named_in_quadrant, reachable_with_rca)
from helpers.charts.network import network_chart
from helpers.charts.rca_quadrants import rca_colour_scale
from helpers.data.canonical import build

from conftest import RAW_DATA, raw_data_or_skip

WINDOWS = {"patents": [2015, 2019], "publications": [2018, 2022], "investments": [2009, 2013]}
MINIMUM = {"patents": 1000, "publications": 1000, "investments": 0}


@pytest.fixture(scope="module")
def canon(real_canonical):
    return real_canonical


@pytest.fixture(scope="module")
def canon_without_study(tmp_path_factory):
    raw_data_or_skip()
    out = tmp_path_factory.mktemp("nostudy") / "data"
    build(RAW_DATA, out, sources=["patents", "publications"], progress=lambda m: None)
    return out


def _page(data_dir, source, language="nl"):
    return technologies.read_source_page(data_dir, source, focus_region="BEL", language=language, window=WINDOWS[source],
                                         min_activity=MINIMUM[source], required=source != "investments")


def _raw(name):
    with open(RAW_DATA / "ceps_vario_2026" / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# ------------------------------------------------------------------------------------------------- per source
def test_report_figure_quadrants_follow_the_study_rule(canon):
    """Independently of the code: medians of the raw summary.csv columns give the same quadrant counts."""
    rows = _raw("summary.csv")
    x = [float(r["density_publications"]) for r in rows]
    y = [float(r["complexity"]) for r in rows]
    mx, my = statistics.median(x), statistics.median(y)
    optimal = sum(a >= mx and b >= my for a, b in zip(x, y))
    moonshot = sum(a < mx and b >= my for a, b in zip(x, y))
    report = technologies.report_figures(canon, _page(canon, "publications"))
    counts = report.profile["quadrant"].value_counts()
    assert (counts["optimal"], counts["moonshot"]) == (optimal, moonshot)
    assert report.profile["x_split"].iloc[0] == mx and report.profile["y_split"].iloc[0] == my


def test_comparison_table_has_every_technology_and_says_when_it_agrees(canon):
    report = technologies.report_figures(canon, _page(canon, "patents"))
    table = report.table
    assert len(table) == 38 and table["technology"].is_unique
    compared = table[table["same_quadrant"] != ""]
    same = compared["published_quadrant"] == compared["computed_quadrant"]
    assert (compared.loc[same, "same_quadrant"] == "ja").all() and (compared.loc[~same, "same_quadrant"] == "nee").all()
    stats = report.stats
    assert stats["n_compared"] == len(compared) and stats["n_same_quadrant"] == int(same.sum())
    # the semiconductors row carries the study's values and the WIPO field "Semiconductors" of Belgium's profile
    semi = table.set_index("technology").loc["semiconductors"]
    raw = {r["technology"]: r for r in _raw("patents.csv")}["Semiconductors"]
    assert semi["published_rca"] == float(raw["rca"])
    profile = _page(canon, "patents").profile.set_index("technology")
    assert semi["computed_rca"] == pytest.approx(float(profile.loc["Semiconductors", "rca"]))
    assert semi["field"] == profile.loc["Semiconductors", "label_nl"]
    text = report.glue()["pub_text"].data
    assert "Spearman" in text and "38" in text
    assert "3 technologieën anders in" in text  # cybersecurity, food technology, sensor technologies
    tables, charts = report.tables(), report.charts()
    assert set(tables) == {"comparison", "network"} and charts["figure"] is not None and charts["network"] is not None
    assert tables["network"].df["weight"].is_monotonic_decreasing


def test_investments_page_without_computed_values_says_so(canon):
    report = technologies.report_figures(canon, _page(canon, "investments"))
    assert report.stats["n_compared"] == 0
    assert report.table["note"].str.contains("geen gegevens van start-up-investeringen").all()
    tables = report.tables()
    assert set(tables) == {"comparison", "companies"}
    companies = tables["companies"]
    assert len(companies.df) == len(_raw("ecosystem_investments.csv"))
    assert "13 van de 38" in companies.caption
    assert "geen waarden" in report.glue()["pub_text"].data


def test_pages_without_the_study_folder_show_a_note(canon_without_study):
    report = technologies.report_figures(canon_without_study, _page(canon_without_study, "patents"))
    assert not report.available
    assert report.tables() == {} and report.charts() == {"figure": None, "network": None}
    assert "niet in de gegevens" in report.glue()["pub_text"].data
    summary = technologies.read_summary_page(canon_without_study, focus_region="BEL", language="en", windows=WINDOWS, min_activity=MINIMUM)
    rs = technologies.report_summary(canon_without_study, summary)
    glue = rs.glue()
    assert "not in this edition's data" in glue["sum_text"].data and "composite" not in rs.tables() and rs.tables()["computed"].df.shape[0] == 38
    assert rs.charts(10)["figure"] is None and rs.charts(10)["computed"] is not None


# ------------------------------------------------------------------------------------------------- measures, hand-worked
def test_computed_by_technology_and_agreement_by_hand():
    techs = pd.DataFrame({"tech_id": ["a", "b", "c", "d"], "label_nl": list("ABCD"), "label_en": list("ABCD")})
    coarse = pd.DataFrame({"tech_id": ["a", "b", "c", "c"], "scheme": "wipo35", "code": ["F1", "F2", "F2", "F3"],
                           "strength": ["primary", "primary", "primary", "secondary"]})
    profile = pd.DataFrame({"technology": ["F1", "F2"], "rca": [2.0, 0.5], "density": [10.0, 30.0], "complexity": [1.0, -1.0]})
    out = pub.computed_by_technology(profile, coarse, "wipo35", techs, reason="", language="en").set_index("technology")
    assert out.loc["c", "rca"] == 0.5 and out.loc["b", "density"] == 30.0  # c takes its primary field F2
    assert np.isnan(out.loc["d", "rca"]) and "no field" in out.loc["d", "note"]
    # median over the three placed technologies: density 30, complexity -1; a value on the split counts as high
    assert out.loc["a", "quadrant"] == "moonshot" and out.loc["b", "quadrant"] == "optimal"
    table = pd.DataFrame({"published_rca": [1.0, 2.0, 3.0, 4.0], "computed_rca": [1.0, 2.0, 3.0, np.nan],
                          "published_density": [1.0, 2.0, 3.0, 4.0], "computed_density": [3.0, 2.0, 1.0, 0.0],
                          "published_complexity": [1.0, 1.0, 1.0, 1.0], "computed_complexity": [1.0, 2.0, 3.0, 4.0],
                          "published_quadrant": ["x", "y", "x", "x"], "computed_quadrant": ["x", "x", "x", ""],
                          "same_quadrant": ["ja", "nee", "ja", ""]})
    stats = pub.agreement(table)
    assert stats["rho_rca"] == pytest.approx(1.0) and stats["n_rca"] == 3
    assert stats["rho_density"] == pytest.approx(-1.0)
    assert np.isnan(stats["rho_complexity"])  # a constant column has no rank correlation
    assert (stats["n_compared"], stats["n_same_quadrant"]) == (3, 2)
    assert [pub.agreement_word(r, "en") for r in (0.8, 0.5, 0.2, 0.0, -0.3, -0.8, np.nan)] == [
        "strong", "moderate", "weak", "no relation", "slightly opposite", "opposite", "no value"]


def _positions() -> pd.DataFrame:
    return pd.DataFrame({
        "technology": ["a", "b", "c", "d", "e", "f"], "label_en": list("ABCDEF"), "label_nl": list("ABCDEF"),
        "study_category": ["Digital & AI"] * 3 + ["Security & Space"] * 3,
        "rca": [1.2, 0.5, 0.9, 0.1, 0.2, 3.0], "density": [60.0, 10.0, 40.0, 5.0, 20.0, 70.0],
        "complexity": [80.0, 90.0, 30.0, 10.0, 20.0, 50.0], "quadrant": ["optimal", "moonshot", "low_risk", "low_priority", "low_priority", "optimal"]})


def test_claim_judges_by_hand():
    pos = _positions()
    v = named_in_quadrant(("a", "b", "f"), "optimal")(pos, "en")
    assert v.support == "partly" and v.text.startswith("2 of the 3")
    assert category_in_quadrant("Digital & AI", "moonshot")(pos, "en").support == "partly"  # 1 of 3: not most
    assert most_feasible_in_category(("a", "c"), "Digital & AI")(pos, "en").support == "yes"
    assert reachable_with_rca("a", "Digital & AI")(pos, "en").support == "yes"
    assert reachable_with_rca("c", "Digital & AI")(pos, "en").support == "no"  # rank 2, RCA 0.9
    # median density of all 30; Security & Space: 5 and 20 below, 70 above
    low = category_low_feasibility("Security & Space")(pos, "en")
    assert low.support == "partly" and low.text.startswith("2 of 3")
    assert category_central("Digital & AI")(pos, "en").support in ("yes", "partly", "no")


def test_summary_recomputes_the_composite_and_judges_the_claims(canon):
    summary = technologies.read_summary_page(canon, focus_region="BEL", language="nl", windows=WINDOWS, min_activity=MINIMUM)
    rs = technologies.report_summary(canon, summary)
    rec = rs.recomputed
    assert (rec["recomputed_composite"].round(2) - rec["published_composite"]).abs().max() < 1e-9
    assert len(rs.claims) == 9 and rs.claims["claim_id"].is_unique
    assert set(rs.claims["published_support"]) <= {"ondersteund", "deels", "niet ondersteund", "geen gegevens"}
    # the AI / cybersecurity / NLP claim: the published patents page puts all three among the moonshots
    rows = {r["technology"]: r for r in _raw("patents.csv")}
    x = [float(r["density_plotted"]) for r in rows.values()]
    y = [float(r["complexity"]) for r in rows.values()]
    mx, my = statistics.median(x), statistics.median(y)
    moon = sum(float(rows[n]["density_plotted"]) < mx and float(rows[n]["complexity"]) >= my
               for n in ("Artificial Intelligence", "Cybersecurity", "Natural Language Processing"))
    claim = rs.claims.set_index("claim_id").loc["digital_moonshots_patents"]
    assert claim["published"].startswith(f"{moon} van de 3")
    # the book's own summary by the composite method: 38 technologies, two sources with data for Belgium
    assert len(rs.composite) == 38 and {"density_patents", "density_publications"} <= set(rs.composite.columns)
    assert rs.tables()["computed"].name == "technologies_summary_composite"
    distance = technologies.report_summary(canon, summary, summary_method="distance")
    assert distance.tables()["computed"].name == "technologies_summary"
    with pytest.raises(Exception, match="summary_method"):
        technologies.report_summary(canon, summary, summary_method="average")


def test_framework_with_published_inputs(canon):
    page = framework.framework_page(canon, focus_region="BEL", reference_region="EU27", sectors_window=[2014, 2018],
                                    patents_window=[2015, 2019], publications_window=[2018, 2022], rd_window=[2013, 2019], language="en")
    tech = framework.technology_page(page, canon, investments_window=[2009, 2013], patents_min_activity=1000, publications_min_activity=1000)
    pf = tech.published
    assert pf.available and len(pf.classified) == 38
    raw = {name: {r["technology"]: float(r["rca"]) for r in _raw(f"{name}.csv")} for name in ("patents", "publications", "investments")}
    row = pf.classified.set_index("technology").loc["semiconductors"]
    assert row["innovation"] is (raw["patents"]["Semiconductors"] >= 1)
    assert row["scientific"] is (raw["publications"]["Semiconductors"] >= 1)
    assert row["economic"] is (raw["investments"]["Semiconductors"] >= 1)
    complexity = [float(r["complexity"]) for r in _raw("summary.csv")]
    assert row["growth"] is (73.83 > statistics.median(complexity))
    examples = pf.examples.set_index("id")
    assert list(examples.index) == ["semiconductors", "hpc", "pharma"]
    for item, ex in examples.iterrows():
        same = ex["report"] == ex["book"]
        assert ex["same"] == ("yes" if same else "no") and (ex["difference"] == "") == same
    assert examples.loc["semiconductors", "book"] == CATEGORIES[row["category"]].label_en
    tables = tech.tables()
    assert {"published_technologies", "published_examples"} <= set(tables)
    assert "decision tree gives" in tech.glue()["fp_text"].data
    inputs = published_inputs(pd.read_csv(canon / "published_positions.csv"))
    assert list(inputs.columns) == ["technology", "rca_investments", "rca_patents", "rca_publications", "density", "complexity"]


# ------------------------------------------------------------------------------------------------- charts
def test_network_chart_needs_positions_for_every_link():
    nodes = pd.DataFrame({"node": ["a", "b"], "label": ["A", "B"], "category": ["x", "y"], "x": [0.0, 1.0], "y": [0.0, 1.0]})
    links = pd.DataFrame({"source": ["a"], "target": ["c"], "weight": [1.0]})
    titles = {"node": "n", "category": "c", "source": "s", "target": "t", "weight": "w"}
    with pytest.raises(ValueError, match="c"):
        network_chart(nodes, links, title="t", category_order=["x"], category_colours=["#000"], tooltip_titles=titles)
    chart = network_chart(nodes, links.assign(target="b"), title="t", category_order=["x"], category_colours=["#000"], tooltip_titles=titles)
    spec = chart.to_dict()
    assert len(spec["layer"]) == 3


def test_rca_colours_are_centred_on_one():
    scale = rca_colour_scale(3.0).to_dict()
    assert scale["domain"] == [0.0, 1.0, 3.0] and scale["range"][1] == "#bdbdbd"
    assert rca_colour_scale(0.4).to_dict()["domain"][-1] == 1.5
