"""Canonical tables held in DuckDB: large adapter results checked and written without pandas.

An adapter whose output runs to millions of rows (REGPAT) puts a :class:`DuckTable` in
``AdapterResult.tables`` instead of a DataFrame: a table in the adapter's DuckDB connection.
:func:`helpers.data.canonical.merge_results` then checks it in SQL (:func:`passes`) and
:func:`helpers.data.canonical.write_folder` writes it sorted by key straight from DuckDB
(:func:`write_csv`, :func:`write_parquet`), with the bytes the pandas path writes.

The SQL checks are a superset of :func:`helpers.data.validation.validate`'s: a table passes only when
``validate`` would accept it and return its values unchanged (no blank text to turn into NaN, no NaN in
a number column). On any doubt the table goes to pandas (:meth:`DuckTable.df`) and ``validate``, which
raises its usual message (or, had the check been too strict, accepts it): the error messages are the
pandas path's, only a well-formed table takes the fast path.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

import duckdb
import pandas as pd

from helpers.data.schema import get_schema
from helpers.data.tablewriter import QUOTED, _ident, _sql_str, copy_csv

#: the characters ``str.strip()`` removes: a text of these only is blank for ``validate``
SPACES = tuple(ord(ch) for ch in map(chr, range(0x110000)) if ch.isspace())
#: :data:`SPACES` as an RE2 class
WHITESPACE = "[" + "".join(f"\\x{{{c:x}}}" for c in SPACES) + "]*"
_TYPES = {
    "str": ("VARCHAR",),
    "int": ("TINYINT", "SMALLINT", "INTEGER", "BIGINT"),
    "float": ("DOUBLE",),
}


class DuckTable:
    """A table (or view) ``relation`` of the DuckDB connection ``con``, with ``rows`` rows.

    ``parts``: when the table unites an adapter's DuckTable with other adapters' DataFrames
    (:func:`combine`), the original parts in build order, for the pandas fallback. ``ordered``: the
    creator's promise that a plain scan of the relation gives the rows in key order (a table filled
    sorted, or a projection of one), so that they are written without sorting again.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, relation: str, rows: int | None = None, parts: list | None = None, ordered: bool = False):
        self.con = con
        self.relation = relation
        self._rows = rows
        self.parts = parts
        self.ordered = ordered
        self._distinct: dict[str, set[str]] = {}
        #: text columns that :func:`passes` found without NULL and without a value the CSV writer quotes
        self.plain: set[str] = set()

    def __len__(self) -> int:
        if self._rows is None:
            self._rows = int(self.con.execute(f"SELECT count(*) FROM {self.relation}").fetchall()[0][0])
        return self._rows

    @property
    def columns(self) -> list[str]:
        return [d[0] for d in self.con.execute(f"SELECT * FROM {self.relation} LIMIT 0").description]

    def types(self) -> dict[str, str]:
        rel = self.con.sql(f"SELECT * FROM {self.relation}")
        return {name: str(t).upper() for name, t in zip(rel.columns, rel.types)}

    def df(self) -> pd.DataFrame:
        """The table as the DataFrame the adapter's pandas path returns."""
        return self.con.execute(f"SELECT * FROM {self.relation}").df()

    def distinct(self, column: str) -> set[str]:
        """The values of ``column`` other than NULL, as texts (kept: the relation does not change once built)."""
        if column not in self._distinct:
            rows = self.con.execute(f"SELECT DISTINCT CAST({_ident(column)} AS VARCHAR) FROM {self.relation} WHERE {_ident(column)} IS NOT NULL").fetchall()
            self._distinct[column] = {r[0] for r in rows}
        return set(self._distinct[column])


def combine(parts: list, table: str) -> DuckTable | None:
    """One DuckTable for the (non-empty) parts of ``table`` when one of them is a DuckTable, else None.

    DataFrame parts (other adapters' rows, already coerced to the schema) are registered in the
    DuckTable's connection and appended with UNION ALL. Two DuckTables of different connections give
    None: the caller takes the pandas path.
    """
    ducks = [p for p in parts if isinstance(p, DuckTable)]
    if len(ducks) != 1:
        return None
    duck = ducks[0]
    if len(parts) == 1:
        return DuckTable(duck.con, duck.relation, len(duck), parts=parts, ordered=duck.ordered)
    names = get_schema(table).column_names
    have = set(duck.columns)
    selects = [", ".join(_ident(n) if n in have else f"NULL AS {_ident(n)}" for n in names) + f" FROM {duck.relation}"]
    for i, p in enumerate(parts):
        if isinstance(p, DuckTable):
            continue
        view = f"_part_{table}_{i}"
        duck.con.register(view, p[[n for n in names if n in p.columns]])
        selects.append(", ".join(_ident(n) if n in p.columns else f"NULL AS {_ident(n)}" for n in names) + f" FROM {view}")
    rel = f"_merged_{table}"
    duck.con.execute(f"CREATE OR REPLACE TEMP VIEW {rel} AS " + " UNION ALL ".join(f"SELECT {s}" for s in selects))
    return DuckTable(duck.con, rel, None, parts=parts)


def frame(t: DuckTable | pd.DataFrame) -> pd.DataFrame:
    return t.df() if isinstance(t, DuckTable) else t


def checked(t: DuckTable | pd.DataFrame, table: str, regions: set[str] | None, technologies: pd.DataFrame | None) -> DuckTable | pd.DataFrame:
    """``t`` when it is a DuckTable that :func:`passes`; else the DataFrame the pandas path validates (its parts, coerced, concatenated)."""
    if not isinstance(t, DuckTable):
        return t
    if passes(t, table, regions, technologies):
        return t
    from helpers.data.validation import coerce

    return pd.concat([coerce(frame(p), table) for p in (t.parts or [t])], ignore_index=True)


def passes(t: DuckTable, table: str, regions: set[str] | None = None, technologies: pd.DataFrame | None = None) -> bool:
    """Whether ``validate(t.df(), table, regions=..., technologies=...)`` surely accepts the table unchanged.

    Checks the columns and their DuckDB types, empty values, NaN and infinite numbers, minimum and
    maximum, allowed values, duplicate keys, unknown regions and (classification, technology) pairs.
    Text columns with few values (allowed values and the technology pair: grouped on in the scan of
    the other checks; the regions: :meth:`DuckTable.distinct`) are checked once per value in Python,
    and those without a value that the CSV writer quotes are noted in ``t.plain``.
    """
    schema = get_schema(table)
    types = t.types()
    extra = [c for c in types if c not in schema.column_names]
    if extra:
        return False
    check_regions = regions is not None and "region" in types and table not in ("regions", "quality_flags")
    check_techs = technologies is not None and {"classification", "technology"} <= set(types)
    grouped = [c.name for c in schema.columns if c.name in types and c.dtype == "str" and (c.allowed is not None or (check_techs and c.name in ("classification", "technology")))]
    conds = []
    for c in schema.columns:
        if c.name not in types:
            if not (c.optional and c.nullable):
                return False
            continue
        if not types[c.name].startswith(_TYPES[c.dtype]):
            return False
        col = _ident(c.name)
        if c.name in grouped:
            continue  # its values are checked in Python
        if c.dtype == "str" and check_regions and c.name == "region":
            conds.append(f"{col} IS NULL")  # its other values are checked in Python
        elif c.dtype == "str":
            blank = _blank_sql(col)
            conds.append(f"{col} IS NULL OR {blank}" if not c.nullable else blank)
        else:
            if not c.nullable:
                conds.append(f"{col} IS NULL")
            if c.dtype == "float":
                conds.append(f"isnan({col}) OR isinf({col})")
            if c.min_value is not None:
                conds.append(f"{col} < {float(c.min_value)!r}")
            if c.max_value is not None:
                conds.append(f"{col} > {float(c.max_value)!r}")
        if c.allowed is not None:
            conds.append(f"{col} NOT IN ({', '.join(_sql_str(a) for a in c.allowed)})")
    con, rel = t.con, t.relation
    bad = " OR ".join(f"({x})" for x in conds) or "false"
    rows: list[tuple] = []
    if grouped:
        rows = con.execute(f"SELECT {', '.join(map(_ident, grouped))}, count_if({bad}) FROM {rel} GROUP BY ALL").fetchall()
        if any(r[-1] for r in rows):
            return False
    elif conds and con.execute(f"SELECT 1 FROM {rel} WHERE {bad} LIMIT 1").fetchall():
        return False
    values = {name: {r[i] for r in rows} for i, name in enumerate(grouped)}
    for c in schema.columns:
        if c.name in values and not _texts_pass(values[c.name], c.nullable, c.allowed):
            return False
    if check_techs:
        known = technologies[["classification", "technology"]].astype(str)
        i, j = grouped.index("classification"), grouped.index("technology")
        if {(r[i], r[j]) for r in rows} - set(zip(known["classification"], known["technology"])):
            return False
    if check_regions:
        values["region"] = t.distinct("region")  # (NULL: in the SQL conditions)
        if not values["region"] <= regions or not _texts_pass(values["region"], True, None):
            return False
    if not (t.ordered and _increasing(t, schema.key)):
        t.ordered = False  # a promise that does not hold: the writer sorts
        if _duplicate_keys(t, schema.key):
            return False
    t.plain = {name for name, vals in values.items() if not any(ch in v for v in vals if v is not None for ch in QUOTED)}
    return True


def _texts_pass(values: set[str | None], nullable: bool, allowed: tuple[str, ...] | None) -> bool:
    """Whether the distinct values of a text column pass ``validate`` unchanged: no NULL (unless nullable), no blank text, only allowed values.

    A blank text is one that ``str.strip()`` empties (the characters of :data:`SPACES`); NULL is not
    checked against ``allowed`` (SQL's ``NOT IN`` lets it through).

    >>> _texts_pass({"patents", None}, True, ("patents",)), _texts_pass({"a", None}, False, None), _texts_pass({"a", "\u2003"}, False, None)
    (True, False, False)
    """
    if None in values and not nullable:
        return False
    texts = [v for v in values if v is not None]
    return all(v.strip() for v in texts) and (allowed is None or all(v in allowed for v in texts))


def _blank_sql(col: str) -> str:
    """SQL: whether the text ``col`` is empty or white space only (false for NULL); the pattern runs only on texts that start with a space."""
    return (
        f"CASE WHEN {col} = '' THEN true WHEN ord({col}) IN ({', '.join(map(str, SPACES))}) "
        f"THEN regexp_full_match({col}, {_sql_str(WHITESPACE)}) ELSE false END"
    )


def _increasing(t: DuckTable, key: tuple[str, ...]) -> bool:
    """Whether a scan of the relation gives the keys strictly increasing (so sorted and unique), none of them NULL.

    ``lag() OVER ()`` runs as DuckDB's streaming window, which sees the rows in the order of the scan.
    (A struct compares field by field like ORDER BY, but puts NULL last: a NULL key gives False.)
    """
    cols = ", ".join(_ident(k) for k in key)
    nulls = " OR ".join(f"{_ident(k)} IS NULL" for k in key)
    t.con.execute("SET preserve_insertion_order=true")
    bad = t.con.execute(
        f"SELECT count_if(k IS NULL OR NOT (k > p)) FROM (SELECT k, lag(k) OVER () AS p FROM "
        f"(SELECT CASE WHEN {nulls} THEN NULL ELSE ({cols}) END AS k FROM {t.relation}))"
    ).fetchall()[0][0]
    return bad == 0


def _duplicate_keys(t: DuckTable, key: tuple[str, ...]) -> bool:
    """Whether two rows share a key: a hash of the key first (cheap), the key itself only when two hashes are equal."""
    cols = ", ".join(_ident(k) for k in key)
    if not t.con.execute(f"SELECT 1 FROM {t.relation} GROUP BY hash({cols}) HAVING count(*) > 1 LIMIT 1").fetchall():
        return False
    return bool(t.con.execute(f"SELECT 1 FROM {t.relation} GROUP BY {cols} HAVING count(*) > 1 LIMIT 1").fetchall())


def _present(t: DuckTable, table: str) -> list[tuple[str, str]]:
    """(name, dtype) of the columns to write: an optional column without a value is left out (as the pandas path does)."""
    schema = get_schema(table)
    have = set(t.columns)
    out = []
    for c in schema.columns:
        if c.name not in have:
            continue
        if c.optional:
            col = _ident(c.name)
            used = f"{col} IS NOT NULL" + (f" AND NOT isnan({col})" if c.dtype == "float" else "")
            if not t.con.execute(f"SELECT 1 FROM {t.relation} WHERE {used} LIMIT 1").fetchall():
                continue
        out.append((c.name, c.dtype))
    return out


def _sorted_sql(t: DuckTable, table: str, columns: list[tuple[str, str]]) -> str:
    select = f"SELECT {', '.join(_ident(n) for n, _ in columns)} FROM {t.relation}"
    if t.ordered:  # in key order already (preserve_insertion_order keeps the order of the scan)
        return f"({select})"
    order = ", ".join(f"{_ident(k)} ASC NULLS FIRST" for k in get_schema(table).key)
    return f"({select} ORDER BY {order})"


def write(t: DuckTable, table: str, folder: Path, parquet_above: int | None, row_group_size: int) -> tuple[str, int]:
    """Write the table into ``folder``: parquet when it has more than ``parquet_above`` rows (None: never), else CSV."""
    if parquet_above is not None and len(t) > parquet_above:
        return f"{table}.parquet", write_parquet(t, table, Path(folder) / f"{table}.parquet", row_group_size)
    fname = get_schema(table).filename
    return fname, write_csv(t, table, Path(folder) / fname)


def write_csv(t: DuckTable, table: str, path: Path) -> int:
    """Write the table sorted by key as the pandas path's CSV (:func:`helpers.data.tablewriter.write_frame_csv`)."""
    columns = _present(t, table)
    texts = [(n, "text" if dtype == "str" and n in t.plain else dtype) for n, dtype in columns]  # no value to quote: no test per row
    copy_csv(t.con, _sorted_sql(t, table, columns), texts, path)
    return len(t)


def write_parquet(t: DuckTable, table: str, path: Path, row_group_size: int) -> int:
    """Write the table sorted by key as ``pq.write_table(pa.Table.from_pandas(df), compression="zstd")`` does.

    The schema (types and pandas metadata) is that of ``pa.Table.from_pandas`` on the validated first
    rows; the rows go out in row groups of ``row_group_size``, each one contiguous chunk, which is how
    the writer slices the one-chunk table of the pandas path.
    """
    import pyarrow as pa

    from helpers.data.validation import validate

    columns = _present(t, table)
    names = [n for n, _ in columns]
    sample = validate(t.con.execute(f"SELECT * FROM {t.relation} LIMIT 100").df(), table)[names]
    schema = pa.Table.from_pandas(sample, preserve_index=False).schema
    t.con.execute("SET preserve_insertion_order=true")
    large = t.con.execute("SELECT value FROM duckdb_settings() WHERE name = 'arrow_large_buffer_size'").fetchall()[0][0]
    t.con.execute("SET arrow_large_buffer_size=true")  # texts as large_string, the type pandas' schema has: no copy to cast
    try:
        _write_row_groups(t, path, schema, _sorted_sql(t, table, columns), row_group_size)
    finally:
        t.con.execute(f"SET arrow_large_buffer_size={large}")
    return len(t)


def _write_row_groups(t: DuckTable, path: Path, schema, relation_sql: str, row_group_size: int) -> None:
    """Write the rows of ``relation_sql`` with the pyarrow ``schema`` in row groups of ``row_group_size``, each one contiguous chunk."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = schema.names
    reader = t.con.sql(f"SELECT * FROM {relation_sql}").to_arrow_reader(min(row_group_size, 1 << 17))
    pending: list = []
    held = 0

    def flush(writer, batches) -> None:
        tbl = pa.Table.from_batches(batches)
        arrays = [tbl.column(i).cast(schema.field(i).type).combine_chunks() for i in range(len(names))]
        writer.write_table(pa.Table.from_arrays(arrays, schema=schema), row_group_size=row_group_size)

    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in _read_ahead(reader):
            pending.append(batch)
            held += batch.num_rows
            while held >= row_group_size:
                tbl = pa.Table.from_batches(pending)
                flush(writer, tbl.slice(0, row_group_size).to_batches())
                rest = tbl.slice(row_group_size)
                pending, held = rest.to_batches(), rest.num_rows
        if held or len(t) == 0:
            flush(writer, pending or [pa.RecordBatch.from_pylist([], schema=reader.schema)])


def _read_ahead(reader, depth: int = 4):
    """The batches of ``reader`` in order, read in a thread ahead of the caller (DuckDB makes the next ones while pyarrow writes).

    >>> import pyarrow as pa
    >>> batches = [pa.record_batch({"x": [i]}) for i in range(20)]
    >>> [b["x"][0].as_py() for b in _read_ahead(iter(batches), depth=2)] == list(range(20))
    True
    """
    items: queue.Queue = queue.Queue(maxsize=depth)
    end, stop = object(), threading.Event()

    def offer(item) -> bool:
        while not stop.is_set():
            try:
                items.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False  # the caller has stopped reading

    def produce() -> None:
        try:
            for batch in reader:
                if not offer(batch):
                    return
            offer(end)
        except BaseException as exc:  # handed to the caller
            offer(exc)

    worker = threading.Thread(target=produce, name="duckdb-read-ahead", daemon=True)
    worker.start()
    try:
        while (item := items.get()) is not end:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()
