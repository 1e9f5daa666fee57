"""The pages of the sector-strengths and decision-framework chapters on the real data (helpers.chapters.sectors.page,
helpers.chapters.framework.page): what the notebooks glue and show, and that it agrees with the functions behind it."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from conftest import ROOT, raw_data_or_skip
from helpers.chapters import framework, sectors
from helpers.chapters.page import Table
from helpers.data.domains import load_published_ratings

WINDOWS = dict(sectors_window=[2014, 2018], patents_window=[2015, 2019], publications_window=[2018, 2022], rd_window=[2013, 2019])


@pytest.fixture(scope="module")
def canon(tmp_path_factory):
    from helpers.data import canonical

    raw = raw_data_or_skip()
    out = tmp_path_factory.mktemp("canon")
    canonical.build(raw, out, sources=["natacc", "eurostat_regional", "patents_wipo35", "articles_ncses", "patents_ipc4", "scimago"],
                    progress=lambda m: None)
    return out


def _glue_names(notebook: str) -> set[str]:
    """The glue names the narrative of ``notebooks/<notebook>.ipynb`` uses."""
    cells = json.loads((ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return set(re.findall(r"\{glue:text\}`([a-z_0-9]+)", text))


# ----------------------------------------------------------------------------- sector strengths
@pytest.fixture(scope="module")
def sector(canon):
    return sectors.sector_page(canon, focus_region="BEL", reference_region="EU27", language="en", **WINDOWS)


def test_sector_page_glues_every_name_of_the_text(sector):
    glue = sector.glue()
    assert _glue_names("sector_strengths") <= set(glue)
    assert glue["ss_cells"] == 54 == glue["ss_compared"] + glue["ss_not_compared"]
    assert glue["ss_compared"] == glue["ss_agree"] + glue["ss_disagree"]
    assert glue["ss_focus"] == "Belgium" and glue["ss_reference"] == "EU-27"
    # the default is the report's "relatief tussen de sectoren onderling": rank among the domains; thresholds the alternative
    assert glue["ss_rule"].startswith("rank among the domains with a value")
    assert glue["ss_alt_rule"].startswith("thresholds on the specialisation index: ++ from 1.5")
    assert glue["ss_rule_name"].startswith("rank rule") and glue["ss_alt_name"] == "threshold rule (specialisation index against EU-27)"
    assert glue["ss_flagged"] == int(sector.comparison["flagged"].sum())


def test_sector_page_tables_and_charts(sector):
    tables = sector.tables()
    assert {k: v.name for k, v in tables.items()} == {
        "table1": "sector_table1", "agreement": "sector_agreement", "values": "sector_values", "na_cells": "sector_na_cells",
        "quality_flags": "sector_quality_flags", "patents_mapping": "sector_mapping_nace_patents",
        "publications_mapping": "sector_mapping_asjc", "citation_impact": "sector_citation_impact", "values_by_year": "sector_values_by_year"}
    assert all(isinstance(v, Table) for v in tables.values())
    assert {k for k, v in tables.items() if v.wide} == {"values", "patents_mapping", "publications_mapping", "values_by_year"}
    labels = tables["values"].labels
    for table in tables.values():  # every column a reader sees has a header in the book's language
        assert set(table.df.columns) <= set(table.labels) == set(labels), table.name
    assert "EPO PATSTAT 2019 by NACE industry, 2004-2018" in tables["values"].caption
    assert "SCImago, Scopus subject areas, 2012-2016" in tables["values"].caption
    values = tables["values"].df
    assert list(values.columns[:2]) == ["domain", "indicator"] and list(values.columns[-2:]) == ["domain_id", "indicator_id"]
    assert set(values["rating_rank"]) <= {"++", "+", "+/-", "-", "na", ""} and "rating_threshold" in values.columns
    agreement = tables["agreement"].df.set_index("indicator")
    assert agreement.loc["all", "cells"] == 54 and agreement.loc["Patents", "cells"] == 9
    table1 = tables["table1"].df
    assert len(table1) == 54 and list(table1.columns[:3]) == ["domain", "indicator", "published"]
    assert set(table1["status_rank"]) <= {"agree", "disagree", "not compared (na)"}
    assert tables["na_cells"].df["cells"].sum() == int(sector.values["value"].isna().sum())
    charts = sector.charts()
    assert isinstance(charts["comparison"], alt.HConcatChart) and isinstance(charts["values"], alt.LayerChart)
    assert len(charts["comparison"].hconcat) == 3  # published, rank, thresholds
    html = sector.comparison_html()._repr_html_()
    assert html.count("<tr>") == 2 + 9 and "Table 1 as published and computed for Belgium: rank rule" in html


def test_sector_agreement_counts_only_cells_rated_on_both_sides(sector):
    """Agreement under each rule = same symbol among the cells where neither side is na (both-na cells are not agreements)."""
    glue = sector.glue()
    for kind, key in (("rank", "ss_agree"), ("threshold", "ss_alt_agree")):
        comp = sector.comparisons[kind]
        rated = (comp["computed"] != "na") & (comp["published"] != "na")
        assert glue["ss_compared"] == int(rated.sum())
        assert glue[key] == int((rated & (comp["computed"] == comp["published"])).sum())
    both_na = ((sector.comparison["computed"] == "na") & (sector.comparison["published"] == "na")).sum()
    assert both_na > 0 and glue["ss_not_compared"] == 54 - glue["ss_compared"]


def test_sector_na_reasons_are_in_the_books_language(canon):
    from helpers.chapters.sectors.reasons import reason_kind

    page = sectors.sector_page(canon, focus_region="BEL", reference_region="EU27", language="nl", **WINDOWS)
    kinds = {reason_kind(r, i) for r, i in zip(page.values["reason"], page.values["indicator_id"])} - {""}
    assert kinds and "other" not in kinds  # every technical reason of the real data has its reader sentence
    tables = page.tables()
    shown = set(tables["na_cells"].df["reason"]) | set(tables["values"].df["reason"]) | set(tables["table1"].df["reason"])
    shown -= {""}
    assert shown and all(not any(w in r for w in ("no ", "missing", "data folder", "adapter", ".csv", "NACE code of")) for r in shown), shown
    html = page.comparison_html()._repr_html_()
    assert "geen O&amp;O-cijfers per sector" in html and "rang 1 van" in html and "Tabel 1 zoals gepubliceerd" in html


def test_sector_page_threshold_rule_first_and_nothing_to_show(canon):
    page = sectors.sector_page(canon, focus_region="BEL", reference_region="EU27", language="nl", rating_rule="threshold", **WINDOWS)
    assert page.glue()["ss_rule"].startswith("drempels op de specialisatie-index: ++ vanaf 1,5")
    assert page.glue()["ss_alt_rule"].startswith("rang onder de domeinen met een waarde: aandeel domeinen vóór dit domein < 0,25")
    assert page.kinds == ["threshold", "rank"]
    page.flags, page.by_year = None, pd.DataFrame()
    tables = page.tables()
    assert tables["quality_flags"] is None and tables["values_by_year"] is None  # show(None) shows nothing
    assert page.glue()["ss_n_flags"] == 0


def _rows(page, indicator: str):
    return page.values[page.values["indicator_id"] == indicator].set_index("domain_id")


def test_sector_page_default_routes_nace_and_scimago(sector):
    patents, publications = _rows(sector, "patents"), _rows(sector, "publications")
    # Belgium's patents column comes from the NACE-coded patents (nace2_patstat) over the PATSTAT period
    assert set(patents["source"]) == {sectors.NACE_SOURCE} and set(patents["years"]) == {"2004-2018"}
    assert patents.loc["pharma", "basis"].startswith("NACE: 21; BEL ")
    assert patents["value"].notna().sum() == 7  # services M71 and M72 have no NACE code in the patent data
    assert set(publications["source"]) == {sectors.SCIMAGO_SOURCE} and set(publications["years"]) == {"2012-2016"}
    assert publications.loc["chemicals", "basis"].startswith("ASJC: 1600; 1500; BEL ")
    glue = sector.glue()
    assert (glue["ss_p_start"], glue["ss_p_end"], glue["ss_a_start"], glue["ss_a_end"]) == (2004, 2018, 2012, 2016)
    assert glue["ss_p_source"].startswith("EPO PATSTAT (2019 edition): patent applications by inventor country and NACE industry")
    assert glue["ss_a_source"].startswith("SCImago Journal & Country Rank")
    assert glue["ss_reference_note"] == ("For patents and publications, EU-27 is the sum of its 27 member states in the data, never an "
                                         "aggregate of the source. The patents by NACE industry and the SCImago publications exist by "
                                         "country only: EU-27 is not a region of those data.")
    impact = sector.tables()["citation_impact"].df.set_index("domain_id")
    assert impact.loc["pharma", "impact"] > 1 and impact.loc["pharma", "areas"] == "3000; 1300; 2700"
    assert glue["ss_impact_text"].startswith("Beside the publications, a separate table gives the relative citation impact of Belgium")


def test_sector_page_wipo_and_ncses_routes_are_todays(canon):
    page = sectors.sector_page(canon, focus_region="BEL", reference_region="EU27", language="nl", patents_source="wipo35",
                               publications_source="ncses", **WINDOWS)
    tables = page.tables()
    assert tables["patents_mapping"].name == "sector_concordance_wipo35" and tables["publications_mapping"].name == "sector_mapping_ncses"
    assert tables["citation_impact"] is None
    assert set(_rows(page, "patents")["years"]) == {"2015-2019"} and set(_rows(page, "publications")["years"]) == {"2018-2022"}
    # the same values as the call the decision framework makes (today's route, no source given)
    data = sectors.load_inputs(canon)
    values, _ = sectors.domain_indicators(
        sectors=data["sector_indicators"], domains=page.domains, focus="BEL", reference="EU27", sectors_window=WINDOWS["sectors_window"],
        patents=data["patents"], publications=data["publications"], patents_window=WINDOWS["patents_window"],
        publications_window=WINDOWS["publications_window"], rd_window=WINDOWS["rd_window"], region_indicators=data["region_indicators"])
    pd.testing.assert_frame_equal(page.values, values)
    glue = page.glue()
    assert glue["ss_p_source"].startswith("EPO PATSTAT via het Harvard Growth Lab") and glue["ss_a_source"].startswith("NSF/NCSES")
    assert glue["ss_impact_text"].startswith("De NCSES-data hebben geen citaties")
    assert (glue["ss_p_start"], glue["ss_a_start"]) == (2015, 2018)
    assert glue["ss_reference_note"] == "Voor octrooien en publicaties is EU-27 de som van haar 27 lidstaten in de data, nooit een aggregaat van de bron."


# ----------------------------------------------------------------------------- decision framework
class _Asked(Exception):
    pass


def test_sector_page_and_framework_ask_domain_indicators_the_same_question(canon, monkeypatch):
    """A build computes the domains' indicators once and shares them (memo): the two pages must call with equal arguments."""
    import joblib

    from helpers.chapters.sectors import page as sector_module

    asked = []

    def record(**kwargs):
        asked.append(joblib.hash(sorted(kwargs.items())))
        raise _Asked

    monkeypatch.setattr(sector_module, "domain_indicators", record)
    monkeypatch.setattr(sectors, "domain_indicators", record)
    for page in (sectors.sector_page, framework.framework_page):
        with pytest.raises(_Asked):
            page(canon, focus_region="BEL", reference_region="EU27", language="nl", **WINDOWS)
    assert len(asked) == 2 and asked[0] == asked[1]


@pytest.fixture(scope="module")
def domains_page(canon):
    return framework.framework_page(canon, focus_region="BEL", reference_region="EU27", language="en", **WINDOWS)


def test_framework_page_glues_every_name_of_the_text(domains_page, canon):
    tech = framework.technology_page(domains_page, canon, investments_window=[2009, 2013], patents_min_activity=1000,
                                     publications_min_activity=1000)
    glue = {**domains_page.glue(), **tech.glue()}
    assert _glue_names("decision_framework") <= set(glue)
    assert glue["df_n"] == 9
    assert glue["df_n_sterkte"] + glue["df_n_hiaat"] + glue["df_n_moonshot"] + glue["df_n_geen"] + glue["df_n_niet"] == 9
    assert glue["ft_n"] == glue["ft_n_patents"] + glue["ft_n_publications"] + glue["ft_n_investments"]
    assert glue["ft_region"] == "Belgium" and glue["ft_missing"] == "start-up investments"  # no investment data in these tables
    tables = tech.tables()
    assert {k: v.name for k, v in tables.items()} == {"portfolio": "framework_technologies_portfolio", "technologies": "framework_technologies"}
    assert tables["portfolio"].df["n"].sum() == glue["ft_n"] and tables["technologies"].wide
    assert list(tables["technologies"].df.columns) == ["source", "technology", "category", "path", "measured", "judgement", "unknown",
                                                       "technology_id"]


def test_framework_rates_with_the_sector_chapters_default_rule(domains_page, canon):
    """The framework's computed strengths come from the same ratings as Tabel 1's first rule (rank among the domains)."""
    sector = sectors.sector_page(canon, focus_region="BEL", reference_region="EU27", language="en", **WINDOWS)
    assert domains_page.rating_rule == "rank" and sector.kinds[0] == "rank"
    assert domains_page.glue()["df_ratings"] == "computed ratings under the rank rule (position among the domains)"
    how = domains_page.sources.set_index("input_id").loc["economic", "how"]
    assert "rank rule (position among the domains)" in how
    expected = framework.strengths_from_ratings(sector.comparison.rename(columns={"computed": "rating"})[["domain_id", "indicator_id", "rating"]],
                                                na="ignore").set_index("domain_id")
    got = domains_page.inputs.set_index("domain_id")
    for dim in ("economic", "innovation", "scientific"):
        assert got[dim].to_dict() == expected[dim].to_dict(), dim


def test_framework_page_tables_and_charts(domains_page):
    tables = domains_page.tables()
    assert {k: v.name for k, v in tables.items()} == {
        "input_sources": "framework_input_sources", "domains": "framework_domains", "portfolio": "framework_portfolio",
        "growth": "framework_growth", "inputs": "framework_inputs", "rules": "framework_rules"}
    assert {k for k, v in tables.items() if v.wide} == {"domains", "growth", "inputs", "rules"}
    assert len(tables["rules"].df) == 32 and set(tables["rules"].df["economic"]) == {"yes", "no"}
    assert set(tables["inputs"].df["growth"]) <= {"yes", "no", "unknown"}
    assert tables["portfolio"].df["n"].sum() == 9
    assert list(tables["domains"].df.columns) == ["domain", "category", "rule", "path", "action", "reason", "note", "domain_id"]
    charts = domains_page.charts()
    assert isinstance(charts["tree"], alt.LayerChart) and isinstance(charts["growth"], alt.LayerChart)
    assert domains_page.focus_warning() is None  # the transition priorities are Flanders'


def test_framework_page_other_region_and_published_ratings(canon):
    page = framework.framework_page(canon, focus_region="DEU", reference_region="EU27", language="nl", ratings_source="published",
                                    **WINDOWS)
    assert page.focus_warning().startswith("```{warning}\nDe transitieprioriteiten zijn die van de Vlaamse Regering")
    assert page.glue()["df_ratings"] == "gepubliceerde scores (Tabel 1)"
    # the strengths come from the published Tabel 1, not from the data of the focus region
    expected = framework.strengths_from_ratings(load_published_ratings()[["domain_id", "indicator_id", "rating"]], na="ignore")
    got = page.inputs.set_index("domain_id")[["economic", "innovation", "scientific"]]
    assert got.to_dict() == expected.set_index("domain_id")[["economic", "innovation", "scientific"]].to_dict()
