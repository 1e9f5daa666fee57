"""The canonical tables: their schemas as data, validation, and the data dictionary page.

Every notebook reads the same small set of tidy (long) tables from a data folder built by
``helpers data build`` (see :mod:`helpers.data.canonical`). Each table has a :class:`TableSchema`
here: its columns with type, description and allowed values, and its key;
:func:`helpers.data.validation.validate` checks a table against it. :func:`data_dictionary_markdown`
renders every schema as a MyST page for the book.
"""

from __future__ import annotations

from dataclasses import dataclass, field


from helpers.errors import InputError

# ---------------------------------------------------------------------------------------------
# schema objects


@dataclass(frozen=True)
class Column:
    """One column of a canonical table."""

    name: str
    dtype: str  # "str" | "int" | "float"
    description: str
    nullable: bool = False
    allowed: tuple[str, ...] | None = None
    min_value: float | None = None
    max_value: float | None = None
    #: a column added later: a table written before it existed is read with the column empty (needs ``nullable``)
    optional: bool = False


@dataclass(frozen=True)
class TableSchema:
    """A canonical table: file name, columns, key columns and what it is for."""

    name: str
    filename: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    produced_by: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


SOURCES = ("patents", "publications", "investments")
REGION_LEVELS = (
    "country",  # ISO 3166 alpha-3 country (also historic codes such as SUN, YUG; documented X.. codes)
    "territory",  # a country-like unit that a source counts inside another country (Puerto Rico in the US)
    "aggregate",  # World, EU27, EU28, NCSES world regions: never summed with countries
    "nuts0",  # Eurostat country code (NUTS 0; Eurostat's country codes also for JP, US, ...)
    "nuts1",
    "nuts2",
    "nuts3",
    "us_state",  # US-CA (ISO 3166-2)
    "city",  # a city or metropolitan area as the source names it (US:SF Bay)
    "unknown",  # UNK: the source gives no location
)
SECTOR_FLAGS = ("zero_suspect", "zero_series", "jump_suspect", "negative", "missing")
FLAG_KINDS = SECTOR_FLAGS + ("dropped", "unknown_location", "aggregated_duplicates", "aggregate_mismatch")

_S, _I, _F = "str", "int", "float"

ACTIVITY = TableSchema(
    name="activity",
    filename="activity.csv",
    description=(
        "Activity counts of a region in a technology and year, per data source and classification: "
        "the region x technology matrices X of the methods (RCA, relatedness, complexity)."
    ),
    columns=(
        Column("source", _S, "Kind of activity.", allowed=SOURCES),
        Column(
            "classification",
            _S,
            "Technology classification of the source: wipo35 (35 WIPO fields, Schmoch 2008), ncses_fields "
            "(14 NCSES S&E fields plus the total 'all'), crunchbase_2013_category (USD raised) and "
            "crunchbase_2013_category_rounds (number of funding rounds), ipc4 / cpc4 (REGPAT), "
            "openalex_topic / openalex_subfield, crunchbase_category(_rounds) (current export).",
        ),
        Column(
            "region",
            _S,
            "Region code, see regions.csv: ISO 3166 alpha-3 for countries, NUTS codes, US-XX for US states, "
            "explicit codes for aggregates (WLD, EU27, EU28, NCSES_*), US:<metro> for metropolitan areas and UNK for an unknown location.",
        ),
        Column(
            "technology",
            _S,
            "Code or label of the technology in its classification (the WIPO field name as in the source, "
            "the NCSES field name or 'all', the Crunchbase category code, the IPC subclass, the OpenAlex "
            "topic id); technologies.csv gives a stable id and label.",
        ),
        Column("year", _I, "Year (priority/filing year for patents, publication year, funding year); for a source that "
               "publishes totals over a period, the period's first year."),
        Column("value", _F, "Count or amount; fractional counts allowed; never negative.", min_value=0.0),
        Column("year_last", _I, "Last year of the period when the value is a total over several years (EPO PATSTAT "
               "aggregates by period: 1974-1988, 1989-2003, 2004-2018); empty for a single year.", nullable=True, optional=True),
    ),
    key=("source", "classification", "region", "technology", "year"),
    produced_by="patents_wipo35, patents_ipc4, articles_ncses, scimago, crunchbase2013, regpat, openalex, crunchbase",
    notes=(
        "Aggregates (level 'aggregate' in regions.csv) and countries are both rows of this table: "
        "select by level before summing (helpers.data.canonical.read(..., level='country')).",
        "ncses_fields: technology 'all' is NCSES's 'All S&E fields' total, kept beside the 14 fields; "
        "exclude it when building a region x field matrix.",
    ),
)

DOCUMENTS = TableSchema(
    name="documents",
    filename="documents.csv",
    description=(
        "Document-level technology incidence for within-document co-occurrence: one row per document, "
        "region and technology. A document with technologies i and j counts once for the pair (i, j)."
    ),
    columns=(
        Column("source", _S, "Kind of activity.", allowed=SOURCES),
        Column("classification", _S, "Technology classification, as in activity.csv."),
        Column("document_id", _S, "Identifier of the document in its source (REGPAT appln_id, OpenAlex work id, Crunchbase company permalink or uuid)."),
        Column("region", _S, "Region code (see regions.csv)."),
        Column("weight", _F, "Share of the document attributed to the region (fractional count, 0..1).", min_value=0.0, max_value=1.0),
        Column("technology", _S, "Technology code in its classification."),
        Column("year", _I, "Year of the document."),
    ),
    key=("source", "classification", "document_id", "region", "technology"),
    produced_by="regpat, openalex, crunchbase (current export); the real files in ../shared/data have no document-level data",
    notes=(
        "Written as documents.parquet instead of CSV when it has more than 2,000,000 rows; "
        "helpers.data.canonical.read() reads either.",
    ),
)

COOCCURRENCE = TableSchema(
    name="cooccurrence",
    filename="cooccurrence.csv",
    description=(
        "A precomputed technology x technology co-occurrence matrix: the number of documents that carry both codes "
        "(within the same patent), for sources that publish the matrix instead of the documents. Symmetric: both "
        "orders are rows. The input of relatedness when there are no document-level data."
    ),
    columns=(
        Column("source", _S, "Kind of activity.", allowed=SOURCES),
        Column("classification", _S, "Classification of both codes, as in activity.csv (ipc4_patstat, nace2_patstat)."),
        Column("code_a", _S, "One technology code."),
        Column("code_b", _S, "The other technology code (code_a = code_b: the diagonal, as the source counts it)."),
        Column("count", _F, "Number of documents carrying both codes (pooled over the years below).", min_value=0.0),
        Column("year_first", _I, "First year of the documents counted."),
        Column("year_last", _I, "Last year of the documents counted."),
    ),
    key=("source", "classification", "code_a", "code_b"),
    produced_by="patents_ipc4",
    notes=(
        "The diagonal of the EPO PATSTAT matrix counts one row per application x IPC code, so it is larger than the "
        "number of applications in the subclass; relatedness ignores the diagonal.",
    ),
)

REGIONS = TableSchema(
    name="regions",
    filename="regions.csv",
    description="Every region code used in the other tables, with its name, level and parent.",
    columns=(
        Column("region", _S, "Region code."),
        Column("name", _S, "Name (pycountry for countries, Eurostat/NCSES/Crunchbase names otherwise)."),
        Column("level", _S, "Kind of region; only 'country' rows may be summed to a world total.", allowed=REGION_LEVELS),
        Column("parent", _S, "Enclosing region (NUTS parent, USA for US states, NCSES hierarchy for aggregates).", nullable=True),
        Column("iso2", _S, "ISO 3166 alpha-2 code of the country the region lies in.", nullable=True),
        Column("iso3", _S, "ISO 3166 alpha-3 code of the country the region lies in (links NUTS 0 'BE' to 'BEL').", nullable=True),
    ),
    key=("region",),
    produced_by="helpers.data.regions (all adapters)",
)

TECHNOLOGIES = TableSchema(
    name="technologies",
    filename="technologies.csv",
    description="Every (classification, technology) pair used in activity.csv and documents.csv, with a stable id and label.",
    columns=(
        Column("classification", _S, "Classification."),
        Column("technology", _S, "Technology code or label as used in activity.csv."),
        Column("technology_id", _S, "Stable id: WIPO field number W01..W35, NCSES N01..N14 (N00 = all fields), the code itself otherwise."),
        Column("label", _S, "Human-readable label (English)."),
        Column("group", _S, "Higher-level group (WIPO sector, NCSES total, OpenAlex field, ...).", nullable=True),
    ),
    key=("classification", "technology"),
    produced_by="all activity adapters",
)

SECTOR_INDICATORS = TableSchema(
    name="sector_indicators",
    filename="sector_indicators.csv",
    description="Economic indicators of a region in a NACE Rev. 2 sector and year (national accounts, trade, business R&D).",
    columns=(
        Column("region", _S, "Region code (Eurostat country code, NUTS 0: BE, DE, EL, UK, ...)."),
        Column("sector", _S, "NACE Rev. 2 code or group as in the source (C21, C24_C25, C10-C12, TOTAL)."),
        Column("indicator", _S, "VA value added, EMP employment, PROD production value, EXP exports, BERD business R&D, ..."),
        Column("year", _I, "Year."),
        Column("value", _F, "Value in unit; empty only where flag = missing.", nullable=True),
        Column("unit", _S, "MIO_EUR (million euro), MIO_NAC (million national currency: members outside the euro area), THS_HW (thousand hours worked)."),
        Column("flag", _S, "Empty when the value looks sound, else why it must not be used silently (see quality_flags.csv).", nullable=True, allowed=SECTOR_FLAGS),
    ),
    key=("region", "sector", "indicator", "year"),
    produced_by="natacc, eurostat_sdmx",
    notes=(
        "zero_suspect: 0 where the same series has non-zero values (or an export total of 0); zero_series: the whole "
        "series is 0; jump_suspect: a year-to-year change by a factor of 3 or more, on the value furthest from the "
        "series median; negative: below 0 (value added can be negative, counts cannot); missing: no value.",
    ),
)

REGION_INDICATORS = TableSchema(
    name="region_indicators",
    filename="region_indicators.csv",
    description="Indicators of a region (NUTS 0/1/2/3 or aggregate) and year: R&D expenditure and personnel, EPO applications.",
    columns=(
        Column("region", _S, "Region code (NUTS; EU27 for the EU of 27 member states)."),
        Column("indicator", _S, "GERD, BERD (MIO_EUR or PC_GDP), RD_PERS, BES_RD_PERS (FTE), EPO_APPL (number)."),
        Column("year", _I, "Year."),
        Column("value", _F, "Value in unit."),
        Column("unit", _S, "MIO_EUR, PC_GDP, FTE, NR."),
    ),
    key=("region", "indicator", "unit", "year"),
    produced_by="eurostat_regional, eurostat_sdmx",
)

QUALITY_FLAGS = TableSchema(
    name="quality_flags",
    filename="quality_flags.csv",
    description="Every value or input row that an adapter flagged, dropped or re-coded, with the reason.",
    columns=(
        Column("file", _S, "Input file, relative to the raw data folder."),
        Column("table", _S, "Canonical table concerned."),
        Column("region", _S, "Region code (or the raw value when it could not be mapped).", nullable=True),
        Column("item", _S, "Sector/indicator, technology or other item concerned.", nullable=True),
        Column("year", _I, "Year concerned.", nullable=True),
        Column("value", _F, "The flagged value (or the summed count of dropped rows).", nullable=True),
        Column("flag", _S, "Kind of flag.", allowed=FLAG_KINDS),
        Column("reason", _S, "Why, in words."),
    ),
    key=("file", "table", "region", "item", "year", "flag"),
    produced_by="all adapters",
)

TAXONOMY = TableSchema(
    name="taxonomy",
    filename="taxonomy.csv",
    description="The selected technologies (the seed's 38 by default): category and, per source, the classification codes that define each.",
    columns=(
        Column("technology_id", _S, "Stable id of the selected technology."),
        Column("name_nl", _S, "Name in Dutch."),
        Column("name_en", _S, "Name in English."),
        Column("category", _S, "Category (life sciences & biotech, digital & AI, ...)."),
        Column("source", _S, "Data source the codes apply to.", allowed=SOURCES),
        Column("classification", _S, "Classification of the codes (as in activity.csv)."),
        Column("codes", _S, "Technology codes in that classification, separated by ';'."),
        Column("citation", _S, "Where the definition comes from."),
    ),
    key=("technology_id", "source", "classification"),
    produced_by="project data (data/)",
)

PRIORITIES = TableSchema(
    name="priorities",
    filename="priorities.csv",
    description="Priority items of national and regional strategies, mapped onto the common taxonomy.",
    columns=(
        Column("strategy", _S, "Strategy or policy document."),
        Column("country", _S, "Country or region code."),
        Column("year", _I, "Year of the strategy."),
        Column("item", _S, "Priority item as the strategy names it."),
        Column("taxonomy_items", _S, "Mapped taxonomy technology_ids, separated by ';'.", nullable=True),
        Column("citation", _S, "Source of the row."),
    ),
    key=("strategy", "country", "year", "item"),
    produced_by="project data (data/)",
)

BUDGETS = TableSchema(
    name="budgets",
    filename="budgets.csv",
    description="Budgets of policy programmes.",
    columns=(
        Column("programme", _S, "Programme."),
        Column("country", _S, "Country or region code."),
        Column("year", _I, "Year (first year for multi-year budgets)."),
        Column("amount", _F, "Amount.", min_value=0.0),
        Column("unit", _S, "Currency and scale, e.g. MIO_EUR."),
        Column("kind", _S, "Kind of amount (annual, multi-annual, ...)."),
        Column("citation", _S, "Source of the row."),
    ),
    key=("programme", "country", "year", "kind"),
    produced_by="project data (data/)",
)

PUBLISHED_SOURCES = ("patents", "publications", "investments", "summary")

PUBLISHED_POSITIONS = TableSchema(
    name="published_positions",
    filename="published_positions.csv",
    description=(
        "Published values of a study's technology quadrants (the CEPS study behind the VARIO report, figures 1, 3, 5, 6): "
        "per source and technology the region's RCA, the relatedness density and the technology complexity. Reference "
        "data: the book shows them beside what it computes, it never fits anything to them."
    ),
    columns=(
        Column("study", _S, "Which study published the values (ceps_vario_2026)."),
        Column("source", _S, "patents, publications, investments, or summary (the study's composite over the three sources).", allowed=PUBLISHED_SOURCES),
        Column("region", _S, "Region code (BE2: the Flemish Region)."),
        Column("technology", _S, "tech_id of data/technologies.csv (through data/ceps_technology_map.csv)."),
        Column("study_name", _S, "The technology's name on the study's pages."),
        Column("study_category", _S, "The study's category of the technology (its colour on the study's charts)."),
        Column("rca", _F, "Published RCA of the region in this source (empty for summary).", nullable=True, min_value=0.0),
        Column("density", _F, "Relatedness density of the technology for the region in THIS source (0-100); for summary the "
               "composite relatedness density (0-100).", min_value=0.0, max_value=100.0),
        Column("density_plotted", _F, "The x value the study's page of this source plots (the patent density on the "
               "publications and investments pages, see the data README).", nullable=True, min_value=0.0, max_value=100.0),
        Column("complexity", _F, "Published technology complexity (y axis; one value per technology, the same in every source).", min_value=0.0),
        Column("published_rank", _F, "The study's rank of the density in this source (1 = lowest, ties averaged); for summary "
               "the sum of the three ranks.", nullable=True, min_value=0.0),
        Column("page", _S, "The study's page the row comes from (path in its repository, with the commit)."),
    ),
    key=("study", "source", "region", "technology"),
    produced_by="ceps_vario",
)

PUBLISHED_NETWORK = TableSchema(
    name="published_network",
    filename="published_network.csv",
    description="The study's 'domain space': weighted links between technologies, per source (relatedness from co-occurrence).",
    columns=(
        Column("study", _S, "Which study published the network."),
        Column("source", _S, "patents or publications.", allowed=("patents", "publications")),
        Column("technology_a", _S, "tech_id of one end (the smaller id of the pair)."),
        Column("technology_b", _S, "tech_id of the other end."),
        Column("weight", _F, "Link weight as published (the normalisation is not stated on the study's page).", min_value=0.0),
        Column("page", _S, "The study's page the row comes from."),
    ),
    key=("study", "source", "technology_a", "technology_b"),
    produced_by="ceps_vario",
)

PUBLISHED_LAYOUT = TableSchema(
    name="published_layout",
    filename="published_layout.csv",
    description="Where the study's network chart draws each technology (layout coordinates), per source.",
    columns=(
        Column("study", _S, "Which study published the layout."),
        Column("source", _S, "patents or publications.", allowed=("patents", "publications")),
        Column("technology", _S, "tech_id."),
        Column("study_category", _S, "The study's category of the technology."),
        Column("x", _F, "Horizontal layout coordinate."),
        Column("y", _F, "Vertical layout coordinate."),
        Column("page", _S, "The study's page the row comes from."),
    ),
    key=("study", "source", "technology"),
    produced_by="ceps_vario",
)

PUBLISHED_COMPANIES = TableSchema(
    name="published_companies",
    filename="published_companies.csv",
    description="Companies of the region that the study lists per technology (partial: not every technology's page is stored).",
    columns=(
        Column("study", _S, "Which study published the list."),
        Column("technology", _S, "tech_id."),
        Column("organisation", _S, "Company name as published."),
        Column("amount", _F, "Amount shown with the company (presumably funding raised in USD; the page does not say).", min_value=0.0),
        Column("page", _S, "The study's page the row comes from."),
    ),
    key=("study", "technology", "organisation"),
    produced_by="ceps_vario",
)

PUBLISHED_REGIONAL = TableSchema(
    name="published_regional",
    filename="published_regional.csv",
    description=(
        "Published patents of European NUTS-2 regions in a study's technologies, with the region's published RCA and the "
        "technology's published complexity (CEPS/Balland, smart specialisation opportunities in 42 green and digital "
        "technologies). The RCA's denominators are all the region's patents, not only these technologies."
    ),
    columns=(
        Column("study", _S, "Which study published the values (ceps_keytech42)."),
        Column("region", _S, "NUTS-2 region code (NUTS 2013; London as NUTS 2010 UKI1, UKI2)."),
        Column("technology", _S, "The technology's name as the study writes it."),
        Column("transition", _S, "digital or green (the study's twin-transition group).", allowed=("digital", "green")),
        Column("patents", _F, "The region's patents in the technology (years and counting rule not stated by the study).", min_value=0.0),
        Column("rca", _F, "The region's published RCA in the technology (0 where it has no patents).", min_value=0.0),
        Column("complexity", _F, "The technology's published complexity (0-100; the same for every region).", min_value=0.0, max_value=100.0),
        Column("page", _S, "The study's page the row comes from (path in its repository, with the commit)."),
    ),
    key=("study", "region", "technology"),
    produced_by="nuts2_keytech42",
    notes=("A region's share of all patents is recovered from the cells with patents as patents / (rca x technology total); "
           "see helpers.chapters.regions.",),
)

TABLES: dict[str, TableSchema] = {
    t.name: t
    for t in (
        ACTIVITY,
        DOCUMENTS,
        COOCCURRENCE,
        REGIONS,
        TECHNOLOGIES,
        SECTOR_INDICATORS,
        REGION_INDICATORS,
        QUALITY_FLAGS,
        TAXONOMY,
        PRIORITIES,
        BUDGETS,
        PUBLISHED_POSITIONS,
        PUBLISHED_NETWORK,
        PUBLISHED_LAYOUT,
        PUBLISHED_COMPANIES,
        PUBLISHED_REGIONAL,
    )
}
# the tables that `helpers data build` writes (the others are project data in data/)
BUILT_TABLES = ("activity", "documents", "cooccurrence", "regions", "technologies", "sector_indicators", "region_indicators", "quality_flags",
                "published_positions", "published_network", "published_layout", "published_companies", "published_regional")


def get_schema(table: str) -> TableSchema:
    try:
        return TABLES[table]
    except KeyError:
        raise InputError(f"unknown table '{table}'; known tables: {', '.join(TABLES)}") from None


# ---------------------------------------------------------------------------------------------
# data dictionary


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def data_dictionary_markdown() -> str:
    """A MyST markdown page documenting every canonical table and column."""
    lines = [
        "(data-dictionary)=",
        "# Data dictionary",
        "",
        "The book reads a data folder of tidy, long CSV tables built by `helpers data build` from the raw "
        "source files (see the data annex for the sources and adapters). Every file is UTF-8 with `\\n` line "
        "endings, sorted by its key, with numbers written with up to 15 significant digits, so that the "
        "same inputs give byte-identical files. `manifest.json` in the folder records every input file "
        "(path, SHA-256, size, rows read, adapter, source and licence) and every output table (rows, SHA-256).",
        "",
        "Types: `str` text, `int` whole number, `float` number. An empty cell is allowed only where the "
        "column says *may be empty*. Every table is validated when it is written and again when it is read "
        "(`helpers.data.canonical.read`), and `helpers data check DIR` validates a whole folder.",
        "",
    ]
    for t in TABLES.values():
        lines += [f"## `{t.filename}` ({t.name})", "", t.description, ""]
        lines += [f"Key: {', '.join(f'`{k}`' for k in t.key)}. Produced by: {t.produced_by}.", ""]
        lines += ["| column | type | description | allowed values |", "|---|---|---|---|"]
        for c in t.columns:
            desc = c.description + (" May be empty." if c.nullable else "")
            allowed = ", ".join(f"`{a}`" for a in c.allowed) if c.allowed else ""
            rng = []
            if c.min_value is not None:
                rng.append(f">= {c.min_value:g}")
            if c.max_value is not None:
                rng.append(f"<= {c.max_value:g}")
            if rng:
                allowed = (allowed + " " if allowed else "") + " and ".join(rng)
            lines.append(f"| `{c.name}` | {c.dtype} | {_md_escape(desc)} | {_md_escape(allowed)} |")
        lines.append("")
        for n in t.notes:
            lines += [f"- {n}"]
        if t.notes:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
