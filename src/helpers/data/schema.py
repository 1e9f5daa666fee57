"""The canonical tables: their schemas as data, validation, and the data dictionary page.

Every notebook reads the same small set of tidy (long) tables from a data folder built by
``helpers data build`` (see :mod:`helpers.data.canonical`). Each table has a :class:`TableSchema`
here: its columns with type, description and allowed values, and its key. :func:`validate`
checks a table against its schema and raises :class:`~helpers.errors.InputError` with one line
naming the file, the column or row, what is wrong and what to do. :func:`data_dictionary_markdown`
renders every schema as a MyST page for the book.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

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
        Column("year", _I, "Year (priority/filing year for patents, publication year, funding year)."),
        Column("value", _F, "Count or amount; fractional counts allowed; never negative.", min_value=0.0),
    ),
    key=("source", "classification", "region", "technology", "year"),
    produced_by="patents_wipo35, articles_ncses, crunchbase2013, regpat, openalex, crunchbase",
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

TABLES: dict[str, TableSchema] = {
    t.name: t
    for t in (
        ACTIVITY,
        DOCUMENTS,
        REGIONS,
        TECHNOLOGIES,
        SECTOR_INDICATORS,
        REGION_INDICATORS,
        QUALITY_FLAGS,
        TAXONOMY,
        PRIORITIES,
        BUDGETS,
    )
}
# the tables that `helpers data build` writes (the others are project data in data/)
BUILT_TABLES = ("activity", "documents", "regions", "technologies", "sector_indicators", "region_indicators", "quality_flags")


def get_schema(table: str) -> TableSchema:
    try:
        return TABLES[table]
    except KeyError:
        raise InputError(f"unknown table '{table}'; known tables: {', '.join(TABLES)}") from None


# ---------------------------------------------------------------------------------------------
# validation


def _where(file: str | Path | None) -> str:
    return str(file) if file is not None else "<table>"


def _row_ref(df: pd.DataFrame, pos: int, schema: TableSchema, from_file: bool) -> str:
    row = df.iloc[pos]
    key = ", ".join(f"{k}={row[k]}" for k in schema.key if k in df.columns)
    line = f"line {pos + 2} " if from_file else ""
    return f"{line}(row {key})"


def empty_frame(table: str) -> pd.DataFrame:
    """An empty DataFrame with the table's columns and dtypes."""
    schema = get_schema(table)
    return coerce(pd.DataFrame({c.name: pd.Series([], dtype=object) for c in schema.columns}), table)


def coerce(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Cast columns to the schema's dtypes (no checks): str -> object strings, int -> Int64, float -> float64."""
    schema = get_schema(table)
    out = {}
    for c in schema.columns:
        s = df[c.name]
        if c.dtype == "str":
            out[c.name] = s.astype("str")
        elif c.dtype == "int":
            out[c.name] = pd.to_numeric(s, errors="raise").astype("Int64")
        else:
            out[c.name] = pd.to_numeric(s, errors="raise").astype("float64")
    return pd.DataFrame(out, index=df.index)


def validate(
    df: pd.DataFrame,
    table_name: str,
    file: str | Path | None = None,
    *,
    regions: Iterable[str] | None = None,
    technologies: pd.DataFrame | None = None,
    from_file: bool = False,
) -> pd.DataFrame:
    """Check ``df`` against the schema of ``table_name``; return it with schema dtypes.

    Checks, in order: missing and extra columns, types, empty values, values below the minimum
    (negative counts) or above the maximum, allowed values, duplicate keys, and when given, region
    codes unknown to ``regions`` and (classification, technology) pairs unknown to ``technologies``.
    The first problem raises :class:`InputError` with one line: file, column or row, what is wrong,
    what to do. ``from_file`` makes row references give the line number in the file.
    """
    schema = get_schema(table_name)
    where = _where(file)
    cols = list(df.columns)
    missing = [c for c in schema.column_names if c not in cols]
    if missing:
        raise InputError(
            f"{where}: missing column(s) {', '.join(repr(m) for m in missing)} in table '{table_name}'; "
            f"expected columns {', '.join(schema.column_names)}: add them or rebuild the folder with `helpers data build`"
        )
    extra = [c for c in cols if c not in schema.column_names]
    if extra:
        raise InputError(
            f"{where}: unexpected column(s) {', '.join(repr(e) for e in extra)} in table '{table_name}'; "
            f"expected exactly {', '.join(schema.column_names)}: remove them or fix the header"
        )
    df = df[schema.column_names].reset_index(drop=True)
    out: dict[str, pd.Series] = {}
    for c in schema.columns:
        s = df[c.name]
        isnull = s.isna()
        if c.dtype == "str":
            st = s.astype("str")
            blank = st.isna() | st.str.strip().eq("")
            vals = st.where(~blank)
            isnull = blank
        else:
            if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
                txt = s.astype("str")
                blank = txt.isna() | txt.str.strip().eq("")
                num = pd.to_numeric(txt.where(~blank), errors="coerce")
                bad = (~blank) & num.isna()
                isnull = blank
            elif pd.api.types.is_bool_dtype(s.dtype):
                num = s.astype(float)
                bad = pd.Series(True, index=s.index)
            else:
                num = pd.to_numeric(s, errors="coerce")
                bad = pd.Series(False, index=s.index)
                isnull = num.isna()
            if bad.any():
                pos = int(np.flatnonzero(bad.to_numpy())[0])
                raise InputError(
                    f"{where}: column '{c.name}' has a non-numeric value {df[c.name].iloc[pos]!r} at "
                    f"{_row_ref(df, pos, schema, from_file)} ({int(bad.sum())} such rows); "
                    f"write a {'whole number' if c.dtype == 'int' else 'number'} there"
                )
            if c.dtype == "int":
                frac = (~isnull) & (num.fillna(0) % 1 != 0)
                if frac.any():
                    pos = int(np.flatnonzero(frac.to_numpy())[0])
                    raise InputError(
                        f"{where}: column '{c.name}' must hold whole numbers but has {float(num.iloc[pos]):g} at "
                        f"{_row_ref(df, pos, schema, from_file)}; write a whole number (e.g. a year as 2019)"
                    )
                vals = num.astype("Int64")
            else:
                vals = num.astype("float64")
                inf = np.isinf(vals.to_numpy(dtype=float, na_value=0.0))
                if inf.any():
                    pos = int(np.flatnonzero(inf)[0])
                    raise InputError(f"{where}: column '{c.name}' has an infinite value at {_row_ref(df, pos, schema, from_file)}; write a finite number")
        if not c.nullable and isnull.any():
            pos = int(np.flatnonzero(isnull.to_numpy())[0])
            what = "NaN/empty value" if c.dtype != "str" else "empty value"
            raise InputError(
                f"{where}: column '{c.name}' has an {what} at {_row_ref(df, pos, schema, from_file)} "
                f"({int(isnull.sum())} such rows); every row needs a {c.name}: fill it in or remove the row"
            )
        if c.dtype != "str":
            arr = vals.to_numpy(dtype=float, na_value=np.nan)
            if c.min_value is not None:
                below = arr < c.min_value
                if below.any():
                    pos = int(np.flatnonzero(below)[0])
                    what = "negative count" if c.min_value == 0 else f"value below {c.min_value}"
                    raise InputError(
                        f"{where}: column '{c.name}' has a {what} {float(arr[pos]):g} at {_row_ref(df, pos, schema, from_file)} "
                        f"({int(below.sum())} such rows); counts must be >= {c.min_value:g}: correct or remove the row"
                    )
            if c.max_value is not None:
                above = arr > c.max_value
                if above.any():
                    pos = int(np.flatnonzero(above)[0])
                    raise InputError(
                        f"{where}: column '{c.name}' has {float(arr[pos]):g} above the maximum {c.max_value:g} at "
                        f"{_row_ref(df, pos, schema, from_file)}; correct the value"
                    )
        if c.allowed is not None:
            ok = vals.isna() | vals.isin(list(c.allowed))
            if not ok.all():
                pos = int(np.flatnonzero(~ok.to_numpy())[0])
                raise InputError(
                    f"{where}: column '{c.name}' has the unknown value {vals.iloc[pos]!r} at "
                    f"{_row_ref(df, pos, schema, from_file)}; allowed: {', '.join(c.allowed)}"
                )
        out[c.name] = vals
    res = pd.DataFrame(out)
    dup = res.duplicated(list(schema.key), keep="first")
    if dup.any():
        pos = int(np.flatnonzero(dup.to_numpy())[0])
        raise InputError(
            f"{where}: duplicate key ({', '.join(schema.key)}) at {_row_ref(res, pos, schema, from_file)} "
            f"({int(dup.sum())} duplicate rows); each key may occur once: sum or remove the duplicates"
        )
    if regions is not None and "region" in res.columns and table_name not in ("regions", "quality_flags"):
        known = set(regions)
        unknown = ~res["region"].isin(known)
        if unknown.any():
            pos = int(np.flatnonzero(unknown.to_numpy())[0])
            n = res.loc[unknown, "region"].nunique()
            raise InputError(
                f"{where}: unknown region code {res['region'].iloc[pos]!r} at {_row_ref(res, pos, schema, from_file)} "
                f"({n} unknown codes); add it to regions.csv or map it in helpers.data.regions"
            )
    if technologies is not None and {"classification", "technology"} <= set(res.columns):
        pairs = pd.MultiIndex.from_frame(technologies[["classification", "technology"]].astype(str))
        mine = pd.MultiIndex.from_frame(res[["classification", "technology"]].astype(str))
        unknown = ~mine.isin(pairs)
        if unknown.any():
            pos = int(np.flatnonzero(unknown)[0])
            raise InputError(
                f"{where}: unknown technology code {res['technology'].iloc[pos]!r} of classification "
                f"{res['classification'].iloc[pos]!r} at {_row_ref(res, pos, schema, from_file)}; "
                f"add it to technologies.csv or fix the code"
            )
    return res


def sort_table(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Sort by the table's key (stable, deterministic), columns in schema order."""
    schema = get_schema(table)
    df = df[schema.column_names]
    return df.sort_values(list(schema.key), kind="mergesort", na_position="first").reset_index(drop=True)


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
