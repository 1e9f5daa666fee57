"""Sector strengths (seed section 3.2, Tabel 1): indicator values per domain, with a reason for every gap.

The seed rates nine domains on six indicators (value added, export, R&D expenditure, R&D personnel,
patents, publications). This chapter computes those indicators for a focus region against a
reference from the canonical tables, so that :mod:`helpers.methods.ratings` can rate them and the book
can compare the result with the published Tabel 1. Every cell either has a number or is ``NaN`` with a
``reason`` in words; every data-quality flag that touches a cell is listed in its ``flags`` text.
A flagged value is never used: it is left out, and the cell says so.

Modules, by concern:

* :mod:`~helpers.chapters.sectors.regions` -- reference groups (EU27, EU28), Eurostat codes, the
  common euro scale of money values and the weight (GDP) of each member;
* :mod:`~helpers.chapters.sectors.values` -- the value table's columns, indicator names and the
  checks every part shares;
* :mod:`~helpers.chapters.sectors.quality` -- implausible scales and the adapter's flags per cell;
* :mod:`~helpers.chapters.sectors.national_accounts` -- value added, export, employment,
  productivity (and R&D with sector detail) as specialisation indices;
* :mod:`~helpers.chapters.sectors.fields` -- patents and publications through the WIPO-NACE
  concordance and the NCSES mapping;
* :mod:`~helpers.chapters.sectors.sources` -- the finer routes of those two columns: NACE-coded
  patents (EPO PATSTAT) and SCImago's Scopus areas with their citation impact, and their mapping files;
* :mod:`~helpers.chapters.sectors.indicators` -- all indicators of all domains, and the canonical
  tables they come from;
* :mod:`~helpers.chapters.sectors.rating` -- the edition's rating rule and the comparison with
  the published table;
* :mod:`~helpers.chapters.sectors.growth` -- growth potential (an input of the decision framework);
* :mod:`~helpers.chapters.sectors.page` -- the chapter's page: tables, charts, text.

The project data (domains, published Tabel 1, concordance, NCSES mapping) are read by
:mod:`helpers.data.domains`; the NACE-patents and ASJC mappings by :mod:`~helpers.chapters.sectors.sources`.
"""

from helpers.chapters.sectors.fields import activity_specialisation, patent_field_map, publication_field_map
from helpers.chapters.sectors.growth import GROWTH_MEASURES, growth_potential
from helpers.chapters.sectors.indicators import domain_indicators, domain_mappings, load_inputs
from helpers.chapters.sectors.national_accounts import (
    RD_NA_REASON,
    SECTOR_MEASURES,
    Measure,
    sector_shares_by_year,
    sector_specialisation,
    summarise_sector_years,
)
from helpers.chapters.sectors.page import (
    Html,
    SectorPage,
    comparison_chart,
    comparison_html,
    growth_chart,
    na_summary,
    rule_text,
    sector_page,
    values_chart,
)
from helpers.chapters.sectors.quality import SCALE_FLAG, flags_for_cells, plausibility_flags
from helpers.chapters.sectors.rating import RULE_KINDS, comparison_table, make_rule, rate_domains
from helpers.chapters.sectors.sources import (
    NACE_SOURCE,
    PATENTS_SOURCES,
    PUBLICATIONS_SOURCES,
    SCIMAGO_SOURCE,
    asjc_publication_map,
    domain_citation_impact,
    load_asjc_mapping,
    load_nace_patents_mapping,
    nace_in_group,
    nace_patent_map,
    nace_patents_specialisation,
    scimago_specialisation,
)
from helpers.chapters.sectors.regions import (
    EU27_MEMBERS,
    EU28_MEMBERS,
    MONEY_INDICATORS,
    REFERENCE_GROUPS,
    country_weights,
    euro_factors,
    eurostat_code,
    reference_members,
)
from helpers.chapters.sectors.values import ALL_INDICATORS, EXTRA_INDICATORS, VALUE_COLUMNS, with_names

__all__ = [
    "ALL_INDICATORS", "EU27_MEMBERS", "EU28_MEMBERS", "EXTRA_INDICATORS", "GROWTH_MEASURES", "MONEY_INDICATORS", "NACE_SOURCE",
    "PATENTS_SOURCES", "PUBLICATIONS_SOURCES", "RD_NA_REASON", "REFERENCE_GROUPS", "RULE_KINDS", "SCALE_FLAG", "SCIMAGO_SOURCE",
    "SECTOR_MEASURES", "VALUE_COLUMNS", "Html", "Measure", "SectorPage", "asjc_publication_map", "domain_citation_impact",
    "load_asjc_mapping", "load_nace_patents_mapping", "nace_in_group", "nace_patent_map", "nace_patents_specialisation",
    "scimago_specialisation",
    "activity_specialisation", "comparison_chart", "comparison_html", "comparison_table", "country_weights", "domain_indicators", "domain_mappings",
    "euro_factors", "eurostat_code", "flags_for_cells", "growth_chart", "growth_potential", "load_inputs", "make_rule", "na_summary",
    "patent_field_map", "plausibility_flags", "publication_field_map", "rate_domains", "reference_members", "rule_text",
    "sector_page", "sector_shares_by_year", "sector_specialisation", "summarise_sector_years", "values_chart", "with_names",
]
