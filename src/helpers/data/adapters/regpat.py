"""OECD REGPAT: patent applications by inventor region (NUTS 3 / TL3) x IPC or CPC code.

REGPAT is distributed by the OECD on request (free for research) as pipe-separated text files with a
header, one pair per patent authority (EPO, PCT), e.g. ``202307_EPO_Inv_reg.txt`` and
``202307_EPO_IPC.txt``. The columns this adapter uses (others are ignored)::

    *_Inv_reg.txt   app_nbr|appln_id|pub_nbr|person_id|inv_name|address|city|postal_code|reg_code|ctry_code|reg_share|inv_share
    *_IPC.txt       appln_id|prio_year|app_year|IPC          (IPC like "A61K  31/00")
    (a CPC file with a CPC column instead of IPC is read the same way, classification cpc4)

Counting (documented in the data annex):

- region weight of an application: the sum over its inventor rows in the region of
  ``reg_share * inv_share`` (fractional counting: an inventor's share of the application times the share
  of the inventor's address in the region), divided by the application's total so that every
  application counts 1 in total; without ``inv_share``/``reg_share`` columns every inventor row counts
  equally;
- technologies: the distinct classes of the application cut to ``digits`` characters (4 = IPC subclass,
  e.g. ``A61K``); every class counts the full region weight (whole counting over classes; pass
  ``tech_weighting="fractional"`` to split 1/n over the n classes instead);
- year: ``prio_year`` (or ``app_year``);
- regions: ISO alpha-3 of ``ctry_code`` (level *country*, every application with a known country) and
  NUTS 1/2/3 codes cut from ``reg_code`` for the European countries that have NUTS codes (other
  countries' TL codes are not NUTS: they appear at country level only). Inventor rows without a usable
  region at a NUTS level are reported in quality_flags.csv.

Large files are read and aggregated by DuckDB (never row by row in Python). ``documents`` holds one row
per application, region (at ``doc_level``) and class, for within-document co-occurrence.

Every sum of fractional counts is exact: each term is scaled to a 128-bit integer (``2**96`` units, see
:func:`_xsum`), the integers are summed (addition of integers does not depend on the order) and the sum
turned back into a float. DuckDB's parallel aggregation adds the terms in an order that varies from run
to run, and a float sum in another order can differ in the last digit: without this the same inputs
would not give byte-identical tables.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pandas as pd
import pycountry

from helpers.data.ducktable import DuckTable
from helpers.data.adapters import AdapterResult, InputFile, Progress, _quiet, flags_frame, require_file, technologies_frame
from helpers.errors import InputError
from helpers.data.regions import ISO2_TO_EUROSTAT, _iso3_codes

NAME = "regpat"
ALIASES = ("regpat_patents",)
FILES = ("regpat/*_Inv_reg.txt", "regpat/*_IPC.txt (or *_CPC.txt)")
SOURCE = "OECD REGPAT database (derived from EPO PATSTAT); OECD terms: free for research, cite 'OECD, REGPAT database, <edition>'."
DOWNLOAD = (
    "OECD REGPAT database: request access at oecd.org (Science, technology and innovation > Intellectual property "
    "statistics > REGPAT); the download holds pipe-separated files such as 202307_EPO_Inv_reg.txt and 202307_EPO_IPC.txt; "
    "place one inventor file and one IPC (or CPC) file in <raw>/regpat/."
)
INV_COLUMNS = ["appln_id", "reg_code", "ctry_code"]
# countries whose REGPAT reg_code is a NUTS code (EU, EFTA, UK, candidate countries)
NUTS_COUNTRIES = (
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK "
    "GB IS LI NO CH ME MK AL RS TR"
).split()
LEVELS = ("country", "nuts0", "nuts1", "nuts2", "nuts3")
CLASS_RE = r"^[A-H][0-9][0-9][A-Z]"
#: from this many inventor rows on, activity and documents stay in DuckDB (see ``load(stream=...)``)
STREAM_ROWS = 1_000_000


def _cols(con: duckdb.DuckDBPyConnection, path: Path, label: str) -> list[str]:
    try:
        rel = con.sql(f"SELECT * FROM read_csv('{_q(path)}', delim='|', header=true, all_varchar=true, quote='\"', sample_size=-1) LIMIT 0")
    except duckdb.Error as exc:
        located = _where_unreadable(con, path)
        if located:
            raise InputError(f"{label}: {located}") from None
        raise InputError(f"{label}: cannot read as a pipe-separated REGPAT file ({' '.join(str(exc).split())[:200]}); check the file") from None
    return [c for c in rel.columns]


def _where_unreadable(con: duckdb.DuckDBPyConnection, path: Path) -> str | None:
    """The line DuckDB's sniffer stumbled on, why, and what to do (a message without the file), or None.

    The sniffer (which reads the whole file to find the dialect) only says that no dialect fits, e.g.
    when one record has a field more than the header. Reading again with the header's names given and
    detection off makes DuckDB name the line (counted in the file: blank lines and quoted line breaks
    included) and the problem; the header line itself is the only part read in Python.
    """
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        header = next(csv.reader([fh.readline().lstrip("\ufeff").rstrip("\r\n")], delimiter="|", quotechar='"'), [])
    if not header:
        return None
    columns = {f"c{i}": "VARCHAR" for i in range(len(header))}  # the names may be empty or repeated
    try:
        # min over every column: count(*) alone would not decode the values
        con.sql(f"SELECT min(COLUMNS(*)) FROM read_csv('{_q(path)}', delim='|', header=true, quote='\"', auto_detect=false, columns={columns})").fetchall()
    except duckdb.Error as exc:
        text = str(exc)
        line = re.search(r"CSV Error on Line: (\d+)", text)
        if line is None:
            return None
        n = int(line.group(1))
        count = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
        if count and int(count.group(2)) > int(count.group(1)):
            return (f"line {n} has {count.group(2)} fields but the header has {count.group(1)}: a value holds the delimiter '|' "
                    f"without quotes, or the record has a field too many; quote the value or remove the extra field")
        if count:
            return (f"line {n} has {count.group(2)} field(s) but the header has {count.group(1)}: the record is incomplete "
                    f"(a cut-off file or a missing delimiter); complete or remove the line")
        # the reason is the first sentence after the echoed record ("Value with unterminated quote found.")
        reason = next((ln.strip() for ln in text.splitlines()[2:] if ln.rstrip().endswith(".") and not ln.startswith(("Possible", "*", " "))), "")
        return f"cannot read line {n} as a pipe-separated REGPAT file ({reason[:160]}); fix or remove the line"
    return None


#: 2**96 as a DOUBLE: the unit of the exact sums. A term (a share, a weight, a count split over classes)
#: lies in [0, 1] and is kept to 2**-96 (exactly when it is above about 2**-43); a sum may reach 2**31
#: before the 128-bit integer overflows (DuckDB raises an error then, it never wraps).
_UNIT = "CAST(79228162514264337593543950336 AS DOUBLE)"


def _xsum(expr: str) -> str:
    """SQL for the exact, order-independent sum of ``expr`` (a DOUBLE), as a DOUBLE (NULL over no rows)."""
    return f"(CAST(sum(CAST(({expr}) * {_UNIT} AS HUGEINT)) AS DOUBLE) / {_UNIT})"


def _q(path: Path) -> str:
    return str(path).replace("'", "''")


def _first(con, sql: str):
    return con.execute(sql).fetchone()


def _check(con, table: str, cond: str, label: str, column: str, what: str, fix: str) -> None:
    """Raise on the first row (in file order) where cond holds."""
    r = _first(con, f"SELECT rn, {column}, (SELECT count(*) FROM {table} WHERE {cond}) FROM {table} WHERE {cond} ORDER BY rn LIMIT 1")
    if r is not None:
        raise InputError(f"{label}: column '{column}' {what} {r[1]!r} at line {r[0] + 1} ({r[2]} such rows); {fix}")


def load(
    inventors: Path,
    classes: Path,
    *,
    levels: tuple[str, ...] = ("country", "nuts1", "nuts2"),
    doc_level: str | None = "nuts2",
    year_column: str = "prio_year",
    digits: int = 4,
    tech_weighting: str = "whole",
    labels: tuple[str, str] | None = None,
    progress: Progress = _quiet,
    memory_limit: str | None = None,
    stream: bool | None = None,
) -> AdapterResult:
    """Read a REGPAT inventor file and class file into activity (+ documents) rows (see module doc).

    ``stream``: return activity and documents as :class:`~helpers.data.ducktable.DuckTable` (kept in
    DuckDB, validated and written by :mod:`helpers.data.canonical` without pandas) instead of DataFrames;
    None (the default) streams from :data:`STREAM_ROWS` inventor rows on. Both give the same files.
    """
    inventors, classes = Path(inventors), Path(classes)
    li, lc = labels or (str(inventors), str(classes))
    require_file(inventors, "REGPAT inventor file")
    require_file(classes, "REGPAT class file")
    for lv in list(levels) + ([doc_level] if doc_level else []):
        if lv not in LEVELS:
            raise InputError(f"regpat: unknown region level {lv!r}; use {', '.join(LEVELS)}")
    if tech_weighting not in ("whole", "fractional"):
        raise InputError(f"regpat: tech_weighting must be 'whole' or 'fractional', not {tech_weighting!r}")
    if not 3 <= digits <= 4:
        raise InputError(f"regpat: digits must be 3 (class) or 4 (subclass), not {digits}")
    con = duckdb.connect()
    if memory_limit:
        con.execute(f"SET memory_limit='{memory_limit}'")
    con.execute("SET preserve_insertion_order=true")

    icols = _cols(con, inventors, li)
    missing = [c for c in INV_COLUMNS if c not in icols]
    if missing:
        raise InputError(f"{li}: missing column(s) {', '.join(repr(m) for m in missing)}; a REGPAT inventor file has {'|'.join(INV_COLUMNS + ['reg_share', 'inv_share'])}: use the *_Inv_reg.txt file")
    ccols = _cols(con, classes, lc)
    code_col = next((c for c in ("IPC", "ipc", "CPC", "cpc", "cpc_class") if c in ccols), None)
    if "appln_id" not in ccols or code_col is None or year_column not in ccols:
        need = ["appln_id", year_column, "IPC (or CPC)"]
        raise InputError(f"{lc}: missing column(s) among {', '.join(need)}; the file has {', '.join(ccols)}: use the *_IPC.txt (or CPC) file")
    scheme = "cpc" if code_col.lower().startswith("cpc") else "ipc"
    classification = f"{scheme}{digits}"
    has_shares = "reg_share" in icols and "inv_share" in icols

    progress(f"regpat: reading {li}")
    share = "reg_share, inv_share" if has_shares else "'1' AS reg_share, '1' AS inv_share"
    person = "person_id" if "person_id" in icols else "NULL AS person_id"
    con.execute(
        f"CREATE TEMP TABLE inv_raw AS SELECT row_number() OVER () AS rn, appln_id, {person}, reg_code, ctry_code, {share} "
        f"FROM read_csv('{_q(inventors)}', delim='|', header=true, all_varchar=true, quote='\"')"
    )
    n_inv = con.execute("SELECT count(*) FROM inv_raw").fetchone()[0]
    if n_inv == 0:
        raise InputError(f"{li}: no data rows; the file has a header only: use a complete REGPAT file")
    _check(con, "inv_raw", "TRY_CAST(appln_id AS BIGINT) IS NULL", li, "appln_id", "has the non-integer value", "application ids are whole numbers")
    for col in ("reg_share", "inv_share"):
        _check(con, "inv_raw", f"TRY_CAST({col} AS DOUBLE) IS NULL OR isnan(TRY_CAST({col} AS DOUBLE))", li, col, "has the empty or non-numeric share", "write a share between 0 and 1")
        _check(con, "inv_raw", f"TRY_CAST({col} AS DOUBLE) < 0", li, col, "has the negative share", "shares cannot be negative: correct the row")
        _check(con, "inv_raw", f"TRY_CAST({col} AS DOUBLE) > 1", li, col, "has the share above 1", "shares are fractions between 0 and 1")
    # country codes
    iso = pd.DataFrame([(c.alpha_2, c.alpha_3) for c in pycountry.countries], columns=["iso2", "iso3"])
    iso = pd.concat([iso, pd.DataFrame({"iso2": ["EL", "UK", "XK"], "iso3": ["GRC", "GBR", "XKX"]})], ignore_index=True)
    con.register("iso_map", iso)
    r = _first(
        con,
        "SELECT rn, ctry_code, (SELECT count(*) FROM inv_raw i2 WHERE upper(trim(coalesce(i2.ctry_code,''))) NOT IN (SELECT iso2 FROM iso_map)) "
        "FROM inv_raw WHERE upper(trim(coalesce(ctry_code,''))) NOT IN (SELECT iso2 FROM iso_map) ORDER BY rn LIMIT 1",
    )
    if r is not None:
        raise InputError(f"{li}: unknown region code {r[1]!r} in column 'ctry_code' at line {r[0] + 1} ({r[2]} such rows); use ISO 3166 alpha-2 country codes")
    if "person_id" in icols:
        dup = _first(
            con,
            "SELECT max(rn), appln_id, person_id, reg_code, min(rn) FROM inv_raw GROUP BY appln_id, person_id, reg_code "
            "HAVING count(*) > 1 ORDER BY 5 LIMIT 1",
        )
        if dup is not None:
            raise InputError(
                f"{li}: duplicate key (appln_id={dup[1]}, person_id={dup[2]}, reg_code={dup[3]}) at line {dup[0] + 1} "
                f"(same as line {dup[4] + 1}); "
                f"each inventor-region pair of an application may occur once: remove the duplicate rows"
            )

    nuts_prefix = pd.DataFrame({"iso2": NUTS_COUNTRIES, "prefix": [ISO2_TO_EUROSTAT.get(c, c) for c in NUTS_COUNTRIES]})
    con.register("nuts_prefix", nuts_prefix)
    con.execute(
        "CREATE TEMP TABLE inv AS SELECT CAST(i.appln_id AS BIGINT) AS appln_id, m.iso3, upper(trim(i.ctry_code)) AS iso2, "
        "upper(replace(trim(coalesce(i.reg_code, '')), ' ', '')) AS reg, "
        "CAST(i.reg_share AS DOUBLE) * CAST(i.inv_share AS DOUBLE) AS w, n.prefix "
        "FROM inv_raw i JOIN iso_map m ON upper(trim(i.ctry_code)) = m.iso2 LEFT JOIN nuts_prefix n ON upper(trim(i.ctry_code)) = n.iso2"
    )
    con.execute("DROP TABLE inv_raw")

    progress(f"regpat: reading {lc}")
    con.execute(
        f"CREATE TEMP TABLE cls_raw AS SELECT row_number() OVER () AS rn, appln_id, {year_column} AS yr, {code_col} AS code "
        f"FROM read_csv('{_q(classes)}', delim='|', header=true, all_varchar=true, quote='\"')"
    )
    if con.execute("SELECT count(*) FROM cls_raw").fetchone()[0] == 0:
        raise InputError(f"{lc}: no data rows; the file has a header only: use a complete REGPAT file")
    _check(con, "cls_raw", "TRY_CAST(appln_id AS BIGINT) IS NULL", lc, "appln_id", "has the non-integer value", "application ids are whole numbers")
    _check(con, "cls_raw", "TRY_CAST(yr AS INTEGER) IS NULL", lc, "yr", f"({year_column}) has the empty or non-numeric year", "every application needs a year")
    _check(con, "cls_raw", "TRY_CAST(yr AS INTEGER) NOT BETWEEN 1900 AND 2100", lc, "yr", f"({year_column}) has the year", "years must lie between 1900 and 2100")
    _check(
        con, "cls_raw", f"NOT regexp_matches(upper(replace(coalesce(code, ''), ' ', '')), '{CLASS_RE}')", lc, "code",
        f"({code_col}) has the unknown technology code", f"{scheme.upper()} codes start with section, class and subclass, e.g. A61K 31/00",
    )
    con.execute(
        f"CREATE TEMP TABLE cls AS SELECT DISTINCT CAST(appln_id AS BIGINT) AS appln_id, "
        f"left(upper(replace(code, ' ', '')), {digits}) AS tech FROM cls_raw"
    )
    con.execute("CREATE TEMP TABLE yrs AS SELECT CAST(appln_id AS BIGINT) AS appln_id, min(CAST(yr AS INTEGER)) AS year FROM cls_raw GROUP BY 1")
    n_cls = con.execute("SELECT count(*) FROM cls_raw").fetchone()[0]
    con.execute("DROP TABLE cls_raw")
    if tech_weighting == "fractional":
        con.execute("CREATE TEMP TABLE clsw AS SELECT appln_id, tech, 1.0 / count(*) OVER (PARTITION BY appln_id) AS tw FROM cls")
    else:
        con.execute("CREATE TEMP TABLE clsw AS SELECT appln_id, tech, 1.0 AS tw FROM cls")
    con.execute(f"CREATE TEMP TABLE tot AS SELECT appln_id, {_xsum('w')} AS wt FROM inv GROUP BY 1 HAVING {_xsum('w')} > 0")

    iso3s = sorted(_iso3_codes())
    con.register("iso3_codes", pd.DataFrame({"code": iso3s}))

    def region_expr(level: str) -> str:
        if level == "country":
            return "iso3"
        k = int(level[-1])
        raw = f"left(reg, {2 + k})"
        return (
            f"CASE WHEN prefix IS NOT NULL AND starts_with(reg, prefix) AND length(reg) >= {2 + k} "
            f"THEN (CASE WHEN {raw} IN (SELECT code FROM iso3_codes) THEN 'NUTS:' || {raw} ELSE {raw} END) END"
        )

    flags = []
    const = f"'patents' AS source, '{classification}' AS classification"
    con.execute("CREATE TEMP TABLE act_out (source VARCHAR, classification VARCHAR, region VARCHAR, technology VARCHAR, year INTEGER, value DOUBLE)")
    has_docs = False
    orphan = con.execute("SELECT count(*) FROM (SELECT appln_id FROM tot EXCEPT SELECT appln_id FROM yrs)").fetchone()[0]
    if orphan:
        flags.append(dict(file=li, table="activity", region=None, item="appln_id without class", year=None, value=float(orphan), flag="dropped",
                          reason=f"{orphan} applications of the inventor file have no row in the class file: left out"))
    for level in dict.fromkeys(list(levels) + ([doc_level] if doc_level else [])):
        progress(f"regpat: aggregating at level {level}")
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE rw AS SELECT i.appln_id, {region_expr(level)} AS region, {_xsum('i.w')} / any_value(t.wt) AS weight "
            f"FROM inv i JOIN tot t USING (appln_id) GROUP BY 1, 2"
        )
        lost = con.execute(f"SELECT count(DISTINCT appln_id), coalesce({_xsum('weight')}, 0) FROM rw WHERE region IS NULL").fetchone()
        if lost[0] and level != "country":
            flags.append(
                dict(file=li, table="activity", region=None, item=f"reg_code at {level}", year=None, value=float(lost[1]), flag="unknown_location",
                     reason=f"{lost[0]} applications ({lost[1]:.2f} fractional counts) have inventors without a {level} NUTS region (non-NUTS country or short reg_code): counted at country level only")
            )
        if level in levels:
            con.execute(
                f"INSERT INTO act_out SELECT {const}, r.region, c.tech AS technology, y.year, {_xsum('r.weight * c.tw')} AS value "
                "FROM rw r JOIN clsw c USING (appln_id) JOIN yrs y USING (appln_id) WHERE r.region IS NOT NULL GROUP BY ALL"
            )
        if level == doc_level:
            con.execute(
                f"CREATE TEMP TABLE docs_out AS SELECT {const}, CAST(r.appln_id AS VARCHAR) AS document_id, r.region, r.weight, "
                "c.tech AS technology, y.year "
                "FROM rw r JOIN cls c USING (appln_id) JOIN yrs y USING (appln_id) WHERE r.region IS NOT NULL"
            )
            has_docs = True
    n_apps = con.execute("SELECT count(*) FROM tot").fetchone()[0]
    techs = con.execute("SELECT DISTINCT tech FROM cls ORDER BY 1").df()["tech"].tolist()
    for t in ("inv", "cls", "clsw", "yrs", "tot", "rw"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    res = AdapterResult(adapter=NAME)
    names = ["activity"] + (["documents"] if has_docs else [])
    for name, rel in zip(names, ("act_out", "docs_out")):
        rows = con.execute(f"SELECT count(*) FROM {rel}").fetchone()[0]
        res.tables[name] = DuckTable(con, rel, rows) if stream or (stream is None and n_inv >= STREAM_ROWS) else con.execute(f"SELECT * FROM {rel}").df()
    if not any(isinstance(t, DuckTable) for t in res.tables.values()):
        con.close()
    res.tables["technologies"] = technologies_frame(
        [dict(classification=classification, technology=t, technology_id=t, label=t, group=t[0]) for t in techs]
    )
    res.tables["quality_flags"] = flags_frame(flags)
    res.inputs += [InputFile(path=inventors, adapter=NAME, rows_read=int(n_inv)), InputFile(path=classes, adapter=NAME, rows_read=int(n_cls))]
    res.notes.append(
        f"{li}: {n_inv} inventor rows, {n_apps} applications; {lc}: {n_cls} class rows; classification {classification}, "
        f"year {year_column}, {tech_weighting} counting over classes, levels {', '.join(levels)}"
    )
    progress(f"regpat: {len(res.tables['activity'])} activity rows, {len(res.tables['documents']) if has_docs else 0} document rows")
    return res


def detect(raw_dir: Path) -> list[Path] | None:
    d = Path(raw_dir) / "regpat"
    if not d.is_dir():
        return None
    inv = sorted(d.glob("*Inv_reg*.txt"))
    cls = sorted(d.glob("*IPC*.txt")) or sorted(d.glob("*CPC*.txt"))
    if len(inv) == 1 and len(cls) == 1:
        return [inv[0], cls[0]]
    if inv or cls:
        raise InputError(f"{d}: expected exactly one *Inv_reg*.txt and one *IPC*.txt (or *CPC*.txt) file, found {len(inv)} and {len(cls)}; keep one pair")
    return None


def load_from_raw(raw_dir: Path, files: list[Path], progress: Progress = _quiet) -> AdapterResult:
    labels = (files[0].relative_to(raw_dir).as_posix(), files[1].relative_to(raw_dir).as_posix())
    return load(files[0], files[1], labels=labels, progress=progress)
