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
#: DuckDB's allocator (jemalloc on Linux) keeps freed memory for about a second before giving it back,
#: which let the resident memory of a 5-million-row run reach some 400 MiB above what DuckDB held:
#: purged in the background, and after every task or large release (the same output, no slower)
ALLOCATOR_SETTINGS = (
    "SET allocator_background_threads=true",
    "SET allocator_flush_threshold='16MB'",
    "SET allocator_bulk_deallocation_flush_threshold='16MB'",
)


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


def _xsum_of(integers: str) -> str:
    """SQL turning the sum of ``integers`` (terms of :func:`_xsum`, or partial sums of them) into the DOUBLE :func:`_xsum` gives."""
    return f"(CAST(sum({integers}) AS DOUBLE) / {_UNIT})"


def _q(path: Path) -> str:
    return str(path).replace("'", "''")


def _first(con, sql: str):
    return con.execute(sql).fetchone()


def _check(con, table: str, cond: str, label: str, column: str, what: str, fix: str) -> None:
    """Raise on the first row (in file order) where cond holds."""
    r = _first(con, f"SELECT rn, {column}, (SELECT count(*) FROM {table} WHERE {cond}) FROM {table} WHERE {cond} ORDER BY rn LIMIT 1")
    if r is not None:
        raise InputError(f"{label}: column '{column}' {what} {r[1]!r} at line {r[0] + 1} ({r[2]} such rows); {fix}")


class _Unsure(Exception):
    """The fast reading cannot vouch for the input: the checked reading reads it again and names the problem."""


def _reader(path: Path) -> str:
    return f"read_csv('{_q(path)}', delim='|', header=true, all_varchar=true, quote='\"')"


def _layout(icols: list[str], ccols: list[str], li: str, lc: str, year_column: str) -> tuple[str, str, bool]:
    """(class column, scheme ipc/cpc, whether the shares are there) from the two headers; InputError when a column is missing."""
    missing = [c for c in INV_COLUMNS if c not in icols]
    if missing:
        raise InputError(f"{li}: missing column(s) {', '.join(repr(m) for m in missing)}; a REGPAT inventor file has {'|'.join(INV_COLUMNS + ['reg_share', 'inv_share'])}: use the *_Inv_reg.txt file")
    code_col = next((c for c in ("IPC", "ipc", "CPC", "cpc", "cpc_class") if c in ccols), None)
    if "appln_id" not in ccols or code_col is None or year_column not in ccols:
        need = ["appln_id", year_column, "IPC (or CPC)"]
        raise InputError(f"{lc}: missing column(s) among {', '.join(need)}; the file has {', '.join(ccols)}: use the *_IPC.txt (or CPC) file")
    scheme = "cpc" if code_col.lower().startswith("cpc") else "ipc"
    return code_col, scheme, "reg_share" in icols and "inv_share" in icols


def _register_codes(con: duckdb.DuckDBPyConnection) -> None:
    """The country tables: iso_map (ISO alpha-2 and REGPAT's EL/UK/XK -> alpha-3), nuts_prefix, iso3_codes."""
    iso = pd.DataFrame([(c.alpha_2, c.alpha_3) for c in pycountry.countries], columns=["iso2", "iso3"])
    iso = pd.concat([iso, pd.DataFrame({"iso2": ["EL", "UK", "XK"], "iso3": ["GRC", "GBR", "XKX"]})], ignore_index=True)
    con.register("iso_map", iso)
    con.register("nuts_prefix", pd.DataFrame({"iso2": NUTS_COUNTRIES, "prefix": [ISO2_TO_EUROSTAT.get(c, c) for c in NUTS_COUNTRIES]}))
    con.register("iso3_codes", pd.DataFrame({"code": sorted(_iso3_codes())}))


def _stage_checked(con, inventors: Path, classes: Path, li: str, lc: str, year_column: str, digits: int, progress: Progress) -> tuple[int, int, str]:
    """Read both files row by row checked (line numbers kept for the messages) into inv, cls and yrs; (inventor rows, class rows, scheme)."""
    icols = _cols(con, inventors, li)
    ccols = _cols(con, classes, lc)
    code_col, scheme, has_shares = _layout(icols, ccols, li, lc, year_column)

    progress(f"regpat: reading {li}")
    share = "reg_share, inv_share" if has_shares else "'1' AS reg_share, '1' AS inv_share"
    person = "person_id" if "person_id" in icols else "NULL AS person_id"
    con.execute(f"CREATE TEMP TABLE inv_raw AS SELECT row_number() OVER () AS rn, appln_id, {person}, reg_code, ctry_code, {share} FROM {_reader(inventors)}")
    n_inv = con.execute("SELECT count(*) FROM inv_raw").fetchone()[0]
    if n_inv == 0:
        raise InputError(f"{li}: no data rows; the file has a header only: use a complete REGPAT file")
    _check(con, "inv_raw", "TRY_CAST(appln_id AS BIGINT) IS NULL", li, "appln_id", "has the non-integer value", "application ids are whole numbers")
    for col in ("reg_share", "inv_share"):
        _check(con, "inv_raw", f"TRY_CAST({col} AS DOUBLE) IS NULL OR isnan(TRY_CAST({col} AS DOUBLE))", li, col, "has the empty or non-numeric share", "write a share between 0 and 1")
        _check(con, "inv_raw", f"TRY_CAST({col} AS DOUBLE) < 0", li, col, "has the negative share", "shares cannot be negative: correct the row")
        _check(con, "inv_raw", f"TRY_CAST({col} AS DOUBLE) > 1", li, col, "has the share above 1", "shares are fractions between 0 and 1")
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
    con.execute("CREATE TEMP TABLE inv AS SELECT CAST(appln_id AS BIGINT) AS appln_id, ctry_code, reg_code, CAST(reg_share AS DOUBLE) * CAST(inv_share AS DOUBLE) AS w FROM inv_raw")
    con.execute("DROP TABLE inv_raw")

    progress(f"regpat: reading {lc}")
    con.execute(f"CREATE TEMP TABLE cls_raw AS SELECT row_number() OVER () AS rn, appln_id, {year_column} AS yr, {code_col} AS code FROM {_reader(classes)}")
    if con.execute("SELECT count(*) FROM cls_raw").fetchone()[0] == 0:
        raise InputError(f"{lc}: no data rows; the file has a header only: use a complete REGPAT file")
    _check(con, "cls_raw", "TRY_CAST(appln_id AS BIGINT) IS NULL", lc, "appln_id", "has the non-integer value", "application ids are whole numbers")
    _check(con, "cls_raw", "TRY_CAST(yr AS INTEGER) IS NULL", lc, "yr", f"({year_column}) has the empty or non-numeric year", "every application needs a year")
    _check(con, "cls_raw", "TRY_CAST(yr AS INTEGER) NOT BETWEEN 1900 AND 2100", lc, "yr", f"({year_column}) has the year", "years must lie between 1900 and 2100")
    _check(
        con, "cls_raw", f"NOT regexp_matches(upper(replace(coalesce(code, ''), ' ', '')), '{CLASS_RE}')", lc, "code",
        f"({code_col}) has the unknown technology code", f"{scheme.upper()} codes start with section, class and subclass, e.g. A61K 31/00",
    )
    con.execute(f"CREATE TEMP TABLE cls AS SELECT DISTINCT CAST(appln_id AS BIGINT) AS appln_id, left(upper(replace(code, ' ', '')), {digits}) AS tech FROM cls_raw")
    con.execute("CREATE TEMP TABLE yrs AS SELECT CAST(appln_id AS BIGINT) AS appln_id, min(CAST(yr AS INTEGER)) AS year FROM cls_raw GROUP BY 1")
    n_cls = con.execute("SELECT count(*) FROM cls_raw").fetchone()[0]
    con.execute("DROP TABLE cls_raw")
    return n_inv, n_cls, scheme


def _bad_share(x: str) -> str:
    return f"{x} IS NULL OR isnan({x}) OR {x} < 0 OR {x} > 1"


def _stage_fast(con, inventors: Path, classes: Path, li: str, lc: str, year_column: str, digits: int, progress: Progress) -> tuple[int, int, str]:
    """What :func:`_stage_checked` makes, each file read once, without line numbers; :class:`_Unsure` when any check fails.

    Every check of the checked reading is a flag here (a duplicate inventor row: two equal hashes of the
    raw key; a country or class code: once per distinct code), so an input passes here only when it
    passes there, and both give the same tables.
    """
    try:
        icols = con.sql(f"SELECT * FROM {_reader(inventors)} LIMIT 0").columns
        ccols = con.sql(f"SELECT * FROM {_reader(classes)} LIMIT 0").columns
        code_col, scheme, has_shares = _layout(icols, ccols, li, lc, year_column)
    except (duckdb.Error, InputError):
        raise _Unsure from None
    progress(f"regpat: reading {li}")
    share = "TRY_CAST(reg_share AS DOUBLE) AS rs, TRY_CAST(inv_share AS DOUBLE) AS s" if has_shares else "1.0::DOUBLE AS rs, 1.0::DOUBLE AS s"
    key = "hash(appln_id, person_id, reg_code)" if "person_id" in icols else "NULL::UBIGINT"
    con.execute(
        f"CREATE TEMP TABLE inv AS SELECT a AS appln_id, ctry_code, reg_code, rs * s AS w, (a IS NULL OR {_bad_share('rs')} OR {_bad_share('s')}) AS bad, h "
        f"FROM (SELECT TRY_CAST(appln_id AS BIGINT) AS a, ctry_code, reg_code, {share}, {key} AS h FROM {_reader(inventors)})"
    )
    n_inv, bad, keys = con.execute("SELECT count(*), count_if(bad), count(DISTINCT h) FROM inv").fetchone()
    unknown = con.execute("SELECT count(*) FROM (SELECT DISTINCT ctry_code FROM inv) WHERE upper(trim(coalesce(ctry_code, ''))) NOT IN (SELECT iso2 FROM iso_map)").fetchone()[0]
    if n_inv == 0 or bad or unknown or ("person_id" in icols and keys != n_inv):
        raise _Unsure
    con.execute("ALTER TABLE inv DROP COLUMN bad; ALTER TABLE inv DROP COLUMN h")

    progress(f"regpat: reading {lc}")
    con.execute(
        f"CREATE TEMP TABLE cls_raw AS SELECT TRY_CAST(appln_id AS BIGINT) AS appln_id, TRY_CAST({year_column} AS INTEGER) AS year, {code_col} AS code FROM {_reader(classes)}"
    )
    con.execute("CREATE TEMP TABLE cd AS SELECT code, upper(replace(coalesce(code, ''), ' ', '')) AS norm FROM (SELECT DISTINCT code FROM cls_raw)")
    n_cls, bad = con.execute("SELECT count(*), count_if(appln_id IS NULL OR year IS NULL OR year NOT BETWEEN 1900 AND 2100 OR code IS NULL) FROM cls_raw").fetchone()
    if n_cls == 0 or bad or con.execute(f"SELECT 1 FROM cd WHERE NOT regexp_matches(norm, '{CLASS_RE}') LIMIT 1").fetchall():
        raise _Unsure
    con.execute(f"CREATE TEMP TABLE cls AS SELECT DISTINCT r.appln_id, left(d.norm, {digits}) AS tech FROM cls_raw r JOIN cd d USING (code)")
    con.execute("CREATE TEMP TABLE yrs AS SELECT appln_id, min(year) AS year FROM cls_raw GROUP BY 1")
    con.execute("DROP TABLE cls_raw; DROP TABLE cd")
    return n_inv, n_cls, scheme


def _region_expr(level: str) -> str:
    """SQL for the region code at ``level`` from the columns iso3, prefix and reg (NULL: no region at that level)."""
    if level == "country":
        return "iso3"
    k = int(level[-1])
    raw = f"left(reg, {2 + k})"
    return (
        f"CASE WHEN prefix IS NOT NULL AND starts_with(reg, prefix) AND length(reg) >= {2 + k} "
        f"THEN (CASE WHEN {raw} IN (SELECT code FROM iso3_codes) THEN 'NUTS:' || {raw} ELSE {raw} END) END"
    )


def _text_order(col: str, smallest: int | None, largest: int | None) -> str:
    """SQL sorting the BIGINT ``col`` as its text (``'10' < '9'``); numerically when its values lie in [0, 10**17).

    A number's text sorts like its digits padded on the right to 17 places, the shorter text first
    on a tie (``1`` before ``10``): that number times 32 plus the length, a BIGINT.

    >>> import duckdb
    >>> q = f"SELECT list(x ORDER BY {_text_order('x', 0, 100)}) FROM (VALUES (9), (10), (1), (100), (0), (91)) t(x)"
    >>> duckdb.sql(q).fetchall()[0][0]
    [0, 1, 10, 100, 9, 91]
    """
    if smallest is None or largest is None or smallest < 0 or largest >= 10**17:
        return f"CAST({col} AS VARCHAR)"
    digits = f"length(CAST({col} AS VARCHAR))"
    return f"({col} * CAST(pow(10, 17 - {digits}) AS BIGINT) * 32 + {digits})"


def _codes(values: list[str]) -> str:
    """A SQL list literal of ``values``: ``<list>[i]`` is the i-th value (from 1)."""
    return "CAST([" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "] AS VARCHAR[])"


def _aggregate(con, levels: tuple[str, ...], doc_level: str | None, tech_weighting: str, classification: str, li: str, progress: Progress) -> tuple[list[dict], int, list[str], bool]:
    """From inv, cls and yrs: the views act_out and docs_out (rows in key order) over integer-coded tables; (flags, applications, technologies, documents?).

    Regions and classes are numbered in the order of their codes, so sorting by the numbers sorts by
    the codes. The exact sums are integer sums, which may be taken in steps: an application's share of
    a region at any level is the sum of the integers of its (region code, inventor) rows.
    """
    con.execute("SET preserve_insertion_order=false")
    con.execute("CREATE TEMP TABLE td AS SELECT tech, CAST(row_number() OVER (ORDER BY tech) AS INTEGER) AS tid FROM (SELECT DISTINCT tech FROM cls)")
    # whole counting: no table in between (the weight 1.0 is a constant)
    clsw = "(SELECT appln_id, tech, 1.0 / count(*) OVER (PARTITION BY appln_id) AS tw FROM cls)" if tech_weighting == "fractional" else "(SELECT appln_id, tech, 1.0 AS tw FROM cls)"
    con.execute(f"CREATE TEMP TABLE clsy AS SELECT c.appln_id, d.tid, c.tw, y.year FROM {clsw} c JOIN td d USING (tech) JOIN yrs y USING (appln_id)")
    con.execute("DROP TABLE cls")
    con.execute(
        "CREATE TEMP TABLE combo AS SELECT CAST(row_number() OVER () AS INTEGER) AS cid, c.ctry_code, c.reg_code, m.iso3, n.prefix, "
        "upper(replace(trim(coalesce(c.reg_code, '')), ' ', '')) AS reg FROM (SELECT DISTINCT ctry_code, reg_code FROM inv) c "
        "JOIN iso_map m ON upper(trim(c.ctry_code)) = m.iso2 LEFT JOIN nuts_prefix n ON upper(trim(c.ctry_code)) = n.iso2"
    )
    con.execute(
        f"CREATE TEMP TABLE ar AS SELECT i.appln_id, c.cid, sum(CAST((i.w) * {_UNIT} AS HUGEINT)) AS hs FROM inv i "
        "JOIN combo c ON i.ctry_code = c.ctry_code AND i.reg_code IS NOT DISTINCT FROM c.reg_code GROUP BY 1, 2"
    )
    con.execute("DROP TABLE inv")
    con.execute(f"CREATE TEMP TABLE tot AS SELECT appln_id, {_xsum_of('hs')} AS wt FROM ar GROUP BY 1 HAVING {_xsum_of('hs')} > 0")
    orphan = con.execute("SELECT count(*) FROM (SELECT appln_id FROM tot EXCEPT SELECT appln_id FROM yrs)").fetchone()[0]
    n_apps = con.execute("SELECT count(*) FROM tot").fetchone()[0]
    con.execute("CREATE TEMP TABLE arw AS SELECT a.appln_id, a.cid, a.hs, t.wt FROM ar a JOIN tot t USING (appln_id)")
    con.execute("DROP TABLE yrs; DROP TABLE ar; DROP TABLE tot")
    wanted = list(dict.fromkeys(list(levels) + ([doc_level] if doc_level else [])))
    con.execute("CREATE TEMP TABLE cm AS SELECT cid, " + ", ".join(f"{_region_expr(lv)} AS r_{lv}" for lv in wanted) + " FROM combo")
    union = " UNION ".join(f"SELECT r_{lv} AS region FROM cm" for lv in wanted)
    con.execute(f"CREATE TEMP TABLE rd AS SELECT region, CAST(row_number() OVER (ORDER BY region) AS INTEGER) AS rid FROM (SELECT DISTINCT region FROM ({union})) WHERE region IS NOT NULL")
    con.execute("CREATE TEMP TABLE cmi AS SELECT cid, " + ", ".join(f"(SELECT rid FROM rd WHERE region = r_{lv}) AS rid_{lv}" for lv in wanted) + " FROM cm")
    regions = [r[0] for r in con.execute("SELECT region FROM rd ORDER BY rid").fetchall()]
    techs = [r[0] for r in con.execute("SELECT tech FROM td ORDER BY tid").fetchall()]

    id_range = con.execute("SELECT min(appln_id), max(appln_id) FROM arw").fetchone()
    flags = []
    if orphan:
        flags.append(dict(file=li, table="activity", region=None, item="appln_id without class", year=None, value=float(orphan), flag="dropped",
                          reason=f"{orphan} applications of the inventor file have no row in the class file: left out"))
    con.execute("CREATE TEMP TABLE act_parts (rid INTEGER, tid INTEGER, year INTEGER, value DOUBLE)")
    for level in wanted:
        progress(f"regpat: aggregating at level {level}")
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE rw AS SELECT a.appln_id, m.rid_{level} AS rid, {_xsum_of('a.hs')} / any_value(a.wt) AS weight "
            f"FROM arw a JOIN cmi m USING (cid) GROUP BY a.appln_id, m.rid_{level}"
        )
        if level == wanted[-1]:
            con.execute("DROP TABLE arw")
        if level != "country":
            lost = con.execute(f"SELECT count(DISTINCT appln_id), coalesce({_xsum('weight')}, 0) FROM rw WHERE rid IS NULL").fetchone()
            if lost[0]:
                flags.append(
                    dict(file=li, table="activity", region=None, item=f"reg_code at {level}", year=None, value=float(lost[1]), flag="unknown_location",
                         reason=f"{lost[0]} applications ({lost[1]:.2f} fractional counts) have inventors without a {level} NUTS region (non-NUTS country or short reg_code): counted at country level only")
                )
        if level in levels:
            con.execute(
                f"INSERT INTO act_parts SELECT r.rid, c.tid, c.year, {_xsum('r.weight * c.tw')} AS value "
                "FROM rw r JOIN clsy c USING (appln_id) WHERE r.rid IS NOT NULL GROUP BY 1, 2, 3"
            )
        if level == doc_level:
            con.execute("ALTER TABLE rw RENAME TO rw_doc")
    for t in ("rw", "combo", "cm", "cmi", "rd", "td"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    con.execute("SET preserve_insertion_order=true")  # the tables below are filled in key order
    con.execute("CREATE TEMP TABLE act_codes AS SELECT * FROM act_parts ORDER BY rid, tid, year")
    con.execute("DROP TABLE act_parts")
    if doc_level:
        con.execute(
            "CREATE TEMP TABLE docs_codes AS SELECT r.appln_id, r.rid, r.weight, c.tid, c.year FROM rw_doc r JOIN clsy c USING (appln_id) "
            f"WHERE r.rid IS NOT NULL ORDER BY {_text_order('r.appln_id', *id_range)}, r.rid, c.tid"
        )
        con.execute("DROP TABLE rw_doc")
    con.execute("DROP TABLE clsy")
    const = f"'patents' AS source, '{classification}' AS classification"
    region, tech = f"({_codes(regions)})[rid] AS region", f"({_codes(techs)})[tid] AS technology"
    con.execute(f"CREATE TEMP VIEW act_out AS SELECT {const}, {region}, {tech}, year, value FROM act_codes")
    if doc_level:
        con.execute(f"CREATE TEMP VIEW docs_out AS SELECT {const}, CAST(appln_id AS VARCHAR) AS document_id, {region}, weight, {tech}, year FROM docs_codes")
    return flags, n_apps, techs, bool(doc_level)


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
    Each file is read once; only when a check fails are both read again, row by row, to name the line.
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

    def connect() -> duckdb.DuckDBPyConnection:
        con = duckdb.connect()
        if memory_limit:
            con.execute(f"SET memory_limit='{memory_limit}'")
        for setting in ALLOCATOR_SETTINGS:
            con.execute(setting)
        con.execute("SET preserve_insertion_order=false")
        _register_codes(con)
        return con

    con = connect()
    try:
        n_inv, n_cls, scheme = _stage_fast(con, inventors, classes, li, lc, year_column, digits, progress)
    except (_Unsure, duckdb.Error):
        con.close()
        con = connect()
        n_inv, n_cls, scheme = _stage_checked(con, inventors, classes, li, lc, year_column, digits, progress)
    classification = f"{scheme}{digits}"
    flags, n_apps, techs, has_docs = _aggregate(con, levels, doc_level, tech_weighting, classification, li, progress)
    res = AdapterResult(adapter=NAME)
    names = ["activity"] + (["documents"] if has_docs else [])
    duck = stream or (stream is None and n_inv >= STREAM_ROWS)
    for name, rel, codes in zip(names, ("act_out", "docs_out"), ("act_codes", "docs_codes")):
        rows = con.execute(f"SELECT count(*) FROM {codes}").fetchone()[0]
        res.tables[name] = DuckTable(con, rel, rows, ordered=True) if duck else con.execute(f"SELECT * FROM {rel}").df()
    if not duck:
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
