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
    canonical.build(raw, out, sources=["natacc", "eurostat_regional", "patents_wipo35", "articles_ncses"], progress=lambda m: None)
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
    assert glue["ss_cells"] == 54 == glue["ss_agree"] + glue["ss_disagree"] + glue["ss_na_mismatch"]
    assert glue["ss_focus"] == "Belgium" and glue["ss_reference"] == "EU-27"
    assert glue["ss_rule"].startswith("thresholds on the specialisation index: ++ from 1.5")
    assert glue["ss_flagged"] == int(sector.comparison["flagged"].sum())


def test_sector_page_tables_and_charts(sector):
    tables = sector.tables()
    assert {k: v.name for k, v in tables.items()} == {
        "agreement": "sector_agreement", "values": "sector_values", "na_cells": "sector_na_cells",
        "quality_flags": "sector_quality_flags", "concordance": "sector_concordance_wipo35", "ncses_mapping": "sector_mapping_ncses",
        "values_by_year": "sector_values_by_year"}
    assert all(isinstance(v, Table) for v in tables.values())
    assert {k for k, v in tables.items() if v.wide} == {"values", "concordance", "ncses_mapping", "values_by_year"}
    values = tables["values"].df
    assert list(values.columns[:2]) == ["domain", "indicator"] and list(values.columns[-2:]) == ["domain_id", "indicator_id"]
    assert set(values["status"]) - {""} <= {"agree", "disagree", "one of the two na"}
    agreement = tables["agreement"].df.set_index("indicator")
    assert agreement.loc["all", "cells"] == 54 and agreement.loc["Patents", "cells"] == 9
    assert tables["na_cells"].df["cells"].sum() == int(sector.values["value"].isna().sum())
    charts = sector.charts()
    assert isinstance(charts["comparison"], alt.HConcatChart) and isinstance(charts["values"], alt.LayerChart)
    html = sector.comparison_html()._repr_html_()
    assert html.count("<tr>") == 1 + 9 and "Table 1 computed for Belgium against EU-27" in html


def test_sector_page_rank_rule_and_nothing_to_show(canon):
    page = sectors.sector_page(canon, focus_region="BEL", reference_region="EU27", language="nl", rating_rule="rank", **WINDOWS)
    assert page.glue()["ss_rule"].startswith("rang onder de domeinen")
    page.flags, page.by_year = None, pd.DataFrame()
    tables = page.tables()
    assert tables["quality_flags"] is None and tables["values_by_year"] is None  # show(None) shows nothing
    assert page.glue()["ss_n_flags"] == 0


# ----------------------------------------------------------------------------- decision framework
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
