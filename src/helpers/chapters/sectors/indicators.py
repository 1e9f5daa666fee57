"""All indicators of all domains (Tabel 1's six plus employment and productivity), and the canonical tables they come from."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from helpers.chapters.memo import shared
from helpers.chapters.sectors.fields import activity_specialisation, patent_field_map, publication_field_map
from helpers.chapters.sectors.national_accounts import RD_NA_REASON, SECTOR_MEASURES, sector_shares_by_year, summarise_sector_years
from helpers.chapters.sectors.regions import eurostat_code, reference_regions
from helpers.chapters.sectors.sources import (CITATIONS_CLASSIFICATION, NACE_SOURCE, PATENTS_CLASSIFICATION, PATENTS_SOURCES,
                                              PUBLICATIONS_CLASSIFICATION, PUBLICATIONS_SOURCES, SCIMAGO_SOURCE, load_asjc_mapping,
                                              load_nace_patents_mapping, nace_patents_specialisation, scimago_specialisation)
from helpers.chapters.sectors.values import ALL_INDICATORS, check_domains, na_rows
from helpers.data import canonical
from helpers.data.domains import load_concordance, load_ncses_mapping
from helpers.errors import InputError


@shared  # the sector page and the framework, in both languages
def domain_indicators(*, sectors: pd.DataFrame | None, domains: pd.DataFrame, focus: str, reference: str, sectors_window: Sequence[int],
                      patents: pd.DataFrame | None = None, publications: pd.DataFrame | None = None,
                      patents_window: Sequence[int] | None = None, publications_window: Sequence[int] | None = None,
                      rd_window: Sequence[int] | None = None, concordance: pd.DataFrame | None = None,
                      ncses_mapping: pd.DataFrame | None = None, region_indicators: pd.DataFrame | None = None,
                      common_currency: bool = False, min_coverage: float = 0.6,
                      concordance_links: Iterable[str] = ("core", "partial"), patents_source: str = "wipo35",
                      publications_source: str = "ncses", nace_mapping: pd.DataFrame | None = None,
                      asjc_mapping: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every indicator of every domain: (values, yearly detail of the sector indicators).

    ``values`` has one row per domain and indicator of :data:`ALL_INDICATORS` (Tabel 1's six plus
    employment and productivity), columns :data:`VALUE_COLUMNS`. A region absent from a source gives
    ``na`` cells with the reason, not an error, so that the book builds for any focus region; bad
    input (unknown NACE code, missing indicator, empty window) raises :class:`InputError`.

    ``patents_source`` says what ``patents`` holds and how it reaches the domains: ``wipo35`` (WIPO
    fields through ``concordance``) or ``nace`` (NACE-coded patents through ``nace_mapping``, the
    periods inside ``patents_window``); ``publications_source`` likewise: ``ncses`` (NCSES fields
    through ``ncses_mapping``) or ``scimago`` (documents in the Scopus areas through ``asjc_mapping``).
    See :mod:`~helpers.chapters.sectors.sources`.
    """
    if patents_source not in PATENTS_SOURCES:
        raise InputError(f"sectors.patents_source: {patents_source!r}; use one of {', '.join(PATENTS_SOURCES)}")
    if publications_source not in PUBLICATIONS_SOURCES:
        raise InputError(f"sectors.publications_source: {publications_source!r}; use one of {', '.join(PUBLICATIONS_SOURCES)}")
    check_domains(domains)
    parts, detail = [], []
    focus_code = eurostat_code(focus)
    base = ["value_added", "export", "employment", "productivity"]
    sector_na = ""
    if sectors is None or sectors.empty:
        sector_na = "no sector data (sector_indicators) in the data folder"
    elif not (sectors["region"] == focus_code).any():
        sector_na = (f"{focus} has no rows in the sector data (sector_indicators); it covers "
                     f"{', '.join(sorted(pd.unique(sectors['region']))[:40])}")
    elif (not common_currency and region_indicators is None and len(reference_regions(sectors, reference)[0]) > 1):
        sector_na = (f"the reference {reference} is a sum of countries whose money values are in different currencies, and the data "
                     "folder has no GDP in euro (region_indicators: GERD in MIO_EUR and PC_GDP) to put them on one scale")
    if sector_na:
        for ind in base + ["rd_expenditure", "rd_personnel"]:
            parts.append(na_rows(domains, ind, sector_na, "sector_indicators"))
    else:
        kw = dict(region_indicators=region_indicators, common_currency=common_currency, min_coverage=min_coverage)
        present = set(sectors["indicator"])
        have = [i for i in base if all(c in present for c in SECTOR_MEASURES[i].codes)]
        for ind in base:
            if ind not in have:
                lacking = [c for c in SECTOR_MEASURES[ind].codes if c not in present]
                parts.append(na_rows(domains, ind, f"indicator {', '.join(lacking)} is not in the sector data (sector_indicators)",
                                      "sector_indicators"))
        if have:
            by_year = sector_shares_by_year(sectors, domains, focus, reference, sectors_window, have, **kw)
            detail.append(by_year)
            parts.append(summarise_sector_years(by_year, focus=focus, reference=reference, min_coverage=min_coverage))
        for ind in ("rd_expenditure", "rd_personnel"):
            code = SECTOR_MEASURES[ind].codes[0]
            rd_rows = sectors[(sectors["indicator"] == code) & (sectors["sector"] != "TOTAL")]
            if rd_rows.empty:
                parts.append(na_rows(domains, ind, RD_NA_REASON, "sector_indicators"))
                continue
            rd_by_year = sector_shares_by_year(sectors, domains, focus, reference, rd_window or sectors_window, [ind], **kw)
            detail.append(rd_by_year)
            parts.append(summarise_sector_years(rd_by_year, focus=focus, reference=reference, min_coverage=min_coverage))
    if patents is None or patents.empty:
        parts.append(na_rows(domains, "patents", "no NACE-coded patent data (EPO PATSTAT, patents_country_ipc4) in the data folder"
                             if patents_source == "nace" else "no patent data in the data folder", "patents"))
    elif patents_source == "nace":
        if not (patents["region"] == focus).any():
            parts.append(na_rows(domains, "patents", f"{focus} has no rows in the NACE-coded patent data", NACE_SOURCE))
        else:
            mapping = nace_mapping if nace_mapping is not None else load_nace_patents_mapping(domains=domains)
            parts.append(nace_patents_specialisation(patents, mapping, domains, focus, reference, patents_window or sectors_window))
    else:
        conc = concordance if concordance is not None else load_concordance()
        fmap, reasons = patent_field_map(conc, domains, links=concordance_links)
        if not (patents["region"] == focus).any():
            parts.append(na_rows(domains, "patents", f"{focus} has no rows in the patent data", "patents"))
        else:
            parts.append(activity_specialisation(patents, fmap, domains, focus, reference, patents_window or sectors_window, "patents",
                                                 unmapped=reasons, what="patents"))
    if publications is None or publications.empty:
        parts.append(na_rows(domains, "publications", "no SCImago data (publications_scimago) in the data folder"
                             if publications_source == "scimago" else "no publication data in the data folder", "publications"))
    elif publications_source == "scimago":
        if not (publications["region"] == focus).any():
            parts.append(na_rows(domains, "publications", f"{focus} has no rows in the SCImago data", SCIMAGO_SOURCE))
        else:
            mapping = asjc_mapping if asjc_mapping is not None else load_asjc_mapping(domains=domains["domain_id"])
            parts.append(scimago_specialisation(publications, mapping, domains, focus, reference, publications_window or sectors_window))
    else:
        mapping = ncses_mapping if ncses_mapping is not None else load_ncses_mapping(domains=domains["domain_id"])
        fmap, reasons = publication_field_map(mapping, domains)
        if not (publications["region"] == focus).any():
            parts.append(na_rows(domains, "publications", f"{focus} has no rows in the publication data", "publications"))
        else:
            parts.append(activity_specialisation(publications, fmap, domains, focus, reference, publications_window or sectors_window,
                                                 "publications", total_technology="all", unmapped=reasons, what="publications"))
    values = pd.concat(parts, ignore_index=True)
    order = {d: i for i, d in enumerate(domains["domain_id"])}
    ind_order = {k: i for i, k in enumerate(ALL_INDICATORS)}
    values = values.sort_values(["domain_id", "indicator_id"], key=lambda s: s.map(order if s.name == "domain_id" else ind_order))
    by_year = pd.concat(detail, ignore_index=True) if detail else pd.DataFrame()
    return values.reset_index(drop=True), by_year


def domain_mappings(domains: pd.DataFrame, *, patents_source: str = "wipo35",
                    publications_source: str = "ncses") -> dict[str, pd.DataFrame | None]:
    """The project's mappings from the sources' fields to ``domains``, as :func:`domain_indicators` reads them by default:
    concordance (WIPO fields), ncses_mapping, nace_mapping (``patents_source="nace"``), asjc_mapping
    (``publications_source="scimago"``). The sector page and the framework pass them both, so that they ask
    :func:`domain_indicators` the same question and a build computes it once (its key covers the arguments)."""
    return {"concordance": load_concordance(), "ncses_mapping": load_ncses_mapping(domains=domains["domain_id"]),
            "nace_mapping": load_nace_patents_mapping(domains=domains) if patents_source == "nace" else None,
            "asjc_mapping": load_asjc_mapping(domains=domains["domain_id"]) if publications_source == "scimago" else None}


def load_inputs(data_dir: str | Path, *, patents_source: str = "wipo35", publications_source: str = "ncses") -> dict[str, pd.DataFrame | None]:
    """The canonical tables the sector chapter reads; a source absent from the data folder is ``None``.

    Keys: sector_indicators, region_indicators, patents (countries; classification wipo35, or
    nace2_patstat for ``patents_source="nace"``), publications (countries; ncses_fields, or
    scimago_asjc documents for ``publications_source="scimago"``), citations (scimago_asjc_citations
    for ``scimago``, else ``None``), quality_flags, regions.
    """
    if patents_source not in PATENTS_SOURCES or publications_source not in PUBLICATIONS_SOURCES:
        raise InputError(f"sector sources {patents_source!r}, {publications_source!r}: use {' or '.join(PATENTS_SOURCES)} for patents "
                         f"and {' or '.join(PUBLICATIONS_SOURCES)} for publications")

    def read(table: str, **filters: object) -> pd.DataFrame | None:
        if not canonical.table_path(Path(data_dir), table).is_file():
            return None
        try:
            return canonical.read(Path(data_dir), table, **filters)
        except InputError as exc:
            if "empty selection" in str(exc):
                return None
            raise

    return {
        "sector_indicators": read("sector_indicators"),
        "region_indicators": read("region_indicators"),
        "patents": read("activity", source="patents", classification=PATENTS_CLASSIFICATION[patents_source], level="country"),
        "publications": read("activity", source="publications", classification=PUBLICATIONS_CLASSIFICATION[publications_source],
                             level="country"),
        "citations": (read("activity", source="publications", classification=CITATIONS_CLASSIFICATION, level="country")
                      if publications_source == "scimago" else None),
        "quality_flags": read("quality_flags"),
        "regions": read("regions"),
    }

