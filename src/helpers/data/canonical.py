"""Build and read the canonical data folder.

:func:`build` runs the adapters for the raw files present in a raw data folder, validates every
table (schema, keys, region and technology codes), and writes the folder atomically: everything is
written into a temporary folder beside the target, which then replaces the target. On any error
nothing is written and a previous folder is left untouched. ``manifest.json`` records the provenance
of every input (path, SHA-256, size, rows read, adapter, source and licence) and every output table.

:func:`read` loads one table, validates it and applies filters (``source="patents"``,
``region=[...]``, ``years=(2010, 2019)``, ``level="country"``); an empty selection or years outside the
data raise :class:`~helpers.errors.InputError` naming what is available. Validated tables are kept (:mod:`.validated`).
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd

import helpers
from helpers.data import ducktable, validated
from helpers.data.adapters import AdapterResult, sha256_file
from helpers.data.ducktable import DuckTable
from helpers.errors import InputError
from helpers.data.regions import regions_frame
from helpers.data.schema import BUILT_TABLES, TABLES, get_schema
from helpers.data.tablewriter import write_frame_csv
from helpers.data.validation import coerce, empty_frame, sort_table, validate

FORMAT = "helpers-canonical/1"
FLOAT_FORMAT = "%.15g"
PARQUET_THRESHOLD = 2_000_000  # documents with more rows are written as parquet
PARQUET_ROW_GROUP = 1_048_576  # rows per parquet row group (pyarrow's default)

#: the built tables whose region codes make up regions.csv
REGION_TABLES = ("activity", "documents", "sector_indicators", "region_indicators", "published_positions", "published_regional")

# adapter name -> module; order = build order
ADAPTERS: dict[str, str] = {
    "patents_wipo35": "helpers.data.adapters.patents_wipo35",
    "patents_ipc4": "helpers.data.adapters.patents_ipc4",
    "articles_ncses": "helpers.data.adapters.articles_ncses",
    "scimago": "helpers.data.adapters.scimago",
    "eurostat_regional": "helpers.data.adapters.eurostat_regional",
    "natacc": "helpers.data.adapters.natacc",
    "crunchbase2013": "helpers.data.adapters.crunchbase2013",
    "regpat": "helpers.data.adapters.regpat",
    "openalex": "helpers.data.adapters.openalex",
    "crunchbase": "helpers.data.adapters.crunchbase",
    "eurostat_sdmx": "helpers.data.adapters.eurostat_sdmx",
    "ceps_vario": "helpers.data.adapters.ceps_vario",
    "nuts2_keytech42": "helpers.data.adapters.nuts2_keytech42",
}


def adapter_module(name: str):
    return importlib.import_module(ADAPTERS[name])


def _available_adapters() -> dict[str, Any]:
    mods = {}
    for name, mod in ADAPTERS.items():
        try:
            mods[name] = importlib.import_module(mod)
        except ModuleNotFoundError as exc:  # an adapter not written yet must not break the others
            if exc.name != mod:
                raise
    return mods


def resolve_sources(sources: Iterable[str] | None) -> list[str] | None:
    """Adapter names from names or aliases (patents, publications, investments, rd, sectors)."""
    if sources is None:
        return None
    mods = _available_adapters()
    alias = {}
    for name, m in mods.items():
        alias[name] = [name]
        for a in getattr(m, "ALIASES", ()):
            alias.setdefault(a, []).append(name)
    out: list[str] = []
    for s in sources:
        for part in str(s).split(","):
            part = part.strip()
            if not part:
                continue
            if part not in alias:
                raise InputError(f"unknown source '{part}'; known sources: {', '.join(sorted(alias))}")
            for n in alias[part]:
                if n not in out:
                    out.append(n)
    return out


# ---------------------------------------------------------------------------------------------
# provenance


def readme_provenance(raw_dir: Path) -> dict[str, str]:
    """file name (or folder) -> 'source and licence' cell of the raw folder's README.md table."""
    readme = Path(raw_dir) / "README.md"
    out: dict[str, str] = {}
    if not readme.is_file():
        return out
    for line in readme.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        m = re.match(r"`([^`]+)`", cells[0])
        if m and len(cells) >= 2:
            out[m.group(1).rstrip("/")] = cells[-1]
    return out


def _provenance_for(rel: str, readme: dict[str, str], fallback: str) -> str:
    for key in sorted(readme, key=len, reverse=True):
        if rel == key or rel.startswith(key + "/"):
            return readme[key]
    return fallback


# ---------------------------------------------------------------------------------------------
# merging and writing


def merge_results(results: list[AdapterResult], *, file_label: str = "<build>") -> dict[str, pd.DataFrame]:
    """Concatenate the adapters' tables, derive regions.csv, validate everything; return sorted tables."""
    tables: dict[str, pd.DataFrame] = {}
    for name in BUILT_TABLES:
        if name == "regions":
            continue
        parts = [r.tables[name] for r in results if name in r.tables and len(r.tables[name])]
        tables[name] = ducktable.combine([p if isinstance(p, DuckTable) else coerce(p, name) for p in parts], name)  # None: pandas
        if tables[name] is not None:
            continue
        if parts:
            df = pd.concat([coerce(ducktable.frame(p), name) for p in parts], ignore_index=True)
        else:
            df = empty_frame(name)
        if name == "technologies":
            df = df.drop_duplicates()
        tables[name] = df
    codes: set[str] = set()
    for name in REGION_TABLES:
        t = tables[name]
        codes |= t.distinct("region") if isinstance(t, DuckTable) else set(t["region"].dropna().astype(str).unique())
    tables["regions"] = regions_frame(codes, file=file_label)
    out = {}
    region_codes = set(tables["regions"]["region"])
    out["regions"] = sort_table(validate(tables["regions"], "regions", f"{file_label}: regions.csv"), "regions")
    out["technologies"] = sort_table(validate(tables["technologies"], "technologies", f"{file_label}: technologies.csv"), "technologies")
    for name in (n for n in BUILT_TABLES if n not in ("regions", "technologies")):
        techs = out["technologies"] if name in ("activity", "documents") else None
        t = ducktable.checked(tables[name], name, region_codes, techs)  # a DuckTable that passed the checks in SQL, or a DataFrame
        out[name] = t if isinstance(t, DuckTable) else sort_table(validate(t, name, f"{file_label}: {get_schema(name).filename}", regions=region_codes, technologies=techs), name)
    return out


def _write_table(df: pd.DataFrame | DuckTable, folder: Path, table: str) -> tuple[str, int, str]:
    schema = get_schema(table)
    if isinstance(df, DuckTable):  # sorted by key straight from DuckDB, the same bytes as below
        fname, rows = ducktable.write(df, table, folder, PARQUET_THRESHOLD if table == "documents" else None, PARQUET_ROW_GROUP)
        return fname, rows, sha256_file(folder / fname)
    # an optional column that no row uses is left out, so folders without it stay as they were
    empty = [c.name for c in schema.columns if c.optional and c.name in df.columns and df[c.name].isna().all()]
    df = df.drop(columns=empty)
    if table == "documents" and len(df) > PARQUET_THRESHOLD:
        fname = "documents.parquet"
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), folder / fname, compression="zstd", row_group_size=PARQUET_ROW_GROUP)
    else:
        fname = schema.filename
        # DuckDB writes the same bytes as df.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
        write_frame_csv(df, folder / fname, {c.name: c.dtype for c in schema.columns})
    return fname, len(df), sha256_file(folder / fname)


def write_folder(
    out_dir: Path,
    tables: dict[str, pd.DataFrame],
    manifest: dict,
    progress: Callable[[str], None] = print,
) -> dict:
    """Write the tables and manifest.json into out_dir atomically (temp folder beside it, then swap)."""
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder; choose another --out")
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        manifest = dict(manifest)
        manifest["tables"] = {}
        for name in BUILT_TABLES:
            if name not in tables:
                continue
            progress(f"writing {name} ({len(tables[name])} rows)")
            fname, rows, digest = _write_table(tables[name], tmp, name)
            manifest["tables"][name] = {"file": fname, "rows": rows, "sha256": digest}
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")
        os.chmod(tmp, 0o755)
        _swap(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def _swap(tmp: Path, out_dir: Path) -> None:
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        old.rmdir()
        os.replace(out_dir, old)
        try:
            os.replace(tmp, out_dir)
        except BaseException:
            os.replace(old, out_dir)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out_dir)


def make_manifest(results: list[AdapterResult], raw_dir: Path | None, *, extra: dict | None = None) -> dict:
    raw_dir = Path(raw_dir).resolve() if raw_dir is not None else None
    readme = readme_provenance(raw_dir) if raw_dir is not None else {}
    inputs = []
    for r in results:
        mod = adapter_module(r.adapter)
        for f in r.inputs:
            p = Path(f.path).resolve()
            try:
                rel = p.relative_to(raw_dir).as_posix() if raw_dir is not None else p.name
            except ValueError:
                rel = p.name
            inputs.append(
                {
                    "path": rel,
                    "sha256": sha256_file(p) if p.is_file() else None,
                    "size": p.stat().st_size if p.is_file() else None,
                    "rows_read": int(f.rows_read),
                    "adapter": f.adapter,
                    "source": _provenance_for(rel, readme, getattr(mod, "SOURCE", "")),
                    "download": getattr(mod, "DOWNLOAD", ""),
                }
            )
    man = {
        "format": FORMAT,
        "helpers_version": helpers.__version__,
        "adapters": [r.adapter for r in results],
        "inputs": sorted(inputs, key=lambda d: (d["adapter"], d["path"])),
        "notes": [n for r in results for n in r.notes],
    }
    if extra:
        man.update(extra)
    return man


def build(
    raw_dir: Path,
    out_dir: Path,
    sources: list[str] | None = None,
    progress: Callable[[str], None] = print,
) -> dict:
    """Run the adapters for the raw files present in raw_dir; validate; write out_dir atomically.

    ``sources`` limits the adapters (names or aliases: patents, publications, investments, rd, sectors,
    or adapter names such as natacc); a requested source whose files are absent is an error. Returns the
    manifest (also written as ``manifest.json``).
    """
    raw_dir = Path(raw_dir).resolve()
    out_dir = Path(out_dir)
    if not raw_dir.is_dir():
        raise InputError(f"{raw_dir}: raw data folder not found; pass the folder with the source files (e.g. --raw ../shared/data)")
    if out_dir.resolve() == raw_dir or raw_dir in out_dir.resolve().parents:
        raise InputError(f"{out_dir}: the output folder must not be the raw data folder or inside it; choose another --out")
    wanted = resolve_sources(sources)
    mods = _available_adapters()
    plan: list[tuple[str, list[Path]]] = []
    for name, mod in mods.items():
        if wanted is not None and name not in wanted:
            continue
        files = mod.detect(raw_dir)
        if files:
            plan.append((name, files))
        elif wanted is not None:
            expected = ", ".join(getattr(mod, "FILES", ())) or "its files"
            raise InputError(f"{raw_dir}: source '{name}' was requested but {expected} is not there; add the file or leave the source out")
    if not plan:
        known = "; ".join(f"{n}: {', '.join(getattr(m, 'FILES', ()))}" for n, m in mods.items())
        raise InputError(f"{raw_dir}: no known raw data files found; expected at least one of {known}")
    results = []
    for name, files in plan:
        progress(f"adapter {name}: {', '.join(f.relative_to(raw_dir).as_posix() for f in files)}")
        results.append(mods[name].load_from_raw(raw_dir, files, progress=progress))
    progress("validating the canonical tables")
    tables = merge_results(results, file_label=str(raw_dir))
    manifest = make_manifest(results, raw_dir)
    manifest = write_folder(out_dir, tables, manifest, progress=progress)
    summary = ", ".join(f"{k} {v['rows']}" for k, v in manifest["tables"].items())
    progress(f"wrote {out_dir} ({summary})")
    return manifest


def write_results(results: list[AdapterResult], out_dir: Path, *, raw_dir: Path | None = None, progress: Callable[[str], None] = print, extra: dict | None = None) -> dict:
    """Validate and write the tables of adapter results run outside :func:`build` (single-adapter commands)."""
    tables = merge_results(results, file_label=str(out_dir))
    manifest = make_manifest(results, raw_dir, extra=extra)
    return write_folder(out_dir, tables, manifest, progress=progress)


# ---------------------------------------------------------------------------------------------
# reading


def table_path(data_dir: Path, table: str) -> Path:
    schema = get_schema(table)
    p = Path(data_dir) / schema.filename
    if table == "documents" and not p.is_file():
        pq = Path(data_dir) / "documents.parquet"
        if pq.is_file():
            return pq
    return p


def _load_raw(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


#: Validated tables of this process by file version: a chapter reads one table many times (sources, windows, groups).
_VALIDATED: dict[tuple, pd.DataFrame] = {}


def _validated(path: Path, table: str, regions: pd.Series | None, regions_key: tuple | None) -> pd.DataFrame:
    """``validate(_load_raw(path), ...)``, computed once per file version and process (a copy is returned)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, table, regions_key)
    if key not in _VALIDATED:
        if len(_VALIDATED) > 64:
            _VALIDATED.clear()
        def load() -> pd.DataFrame:  # (kept on disk for the build's other processes; Parquet inputs are read fast already)
            return validate(_load_raw(path), table, path, regions=regions, from_file=True)
        _VALIDATED[key] = validated.load_or_validate(path, table, regions_key, load) if path.suffix == ".csv" else load()
    return _VALIDATED[key].copy()


def _fmt_values(vals: Iterable[Any], n: int = 12) -> str:
    vals = sorted({str(v) for v in vals})
    return ", ".join(vals[:n]) + (f", ... ({len(vals)} values)" if len(vals) > n else "")


def read(data_dir: Path, table: str, /, *, check_regions: bool = True, **filters: Any) -> pd.DataFrame:
    """Load, validate and filter a canonical table.

    Filters: ``column=value`` or ``column=[values]`` for any column; ``years=(start, end)`` (inclusive,
    either may be None); ``level="country"`` (or a list of levels) for tables with a region column,
    using regions.csv. An empty selection, a filter value absent from the data or years outside the
    data raise InputError naming what is available.
    """
    data_dir = Path(data_dir)
    schema = get_schema(table)
    path = table_path(data_dir, table)
    if not path.is_file():
        raise InputError(f"{path}: table '{table}' not found; build the data folder with `helpers data build --raw RAW --out {data_dir}`")
    regions, regions_key = None, None
    if check_regions and "region" in schema.column_names and table not in ("regions", "quality_flags") and table in BUILT_TABLES:
        rpath = table_path(data_dir, "regions")
        if rpath.is_file():
            regions = _validated(rpath, "regions", None, None)
            stat = rpath.stat()
            regions_key = (str(rpath.resolve()), stat.st_size, stat.st_mtime_ns)
    df = _validated(path, table, None if regions is None else regions["region"], regions_key)
    years = filters.pop("years", None)
    level = filters.pop("level", None)
    applied: list[str] = []

    def _apply(mask: pd.Series, desc: str, column: str, wanted: list) -> pd.DataFrame:
        sel = df[mask.to_numpy()]
        if len(sel) == 0:
            ctx = f" with {' and '.join(applied)}" if applied else ""
            raise InputError(
                f"{path}: empty selection: no rows with {desc}{ctx}; available {column} values: {_fmt_values(df[column])}"
            )
        missing = list(pd.Index(wanted).difference(sel[column].astype(str).unique(), sort=False))  # one pass over the rows
        if missing:
            ctx = f" with {' and '.join(applied)}" if applied else ""
            raise InputError(
                f"{path}: empty selection for {column}={missing[0]!r}: no rows{ctx}; available {column} values: {_fmt_values(df[column])}"
            )
        return sel

    for col, val in filters.items():
        if col not in schema.column_names:
            raise InputError(f"read({table!r}): unknown filter '{col}'; filter on {', '.join(schema.column_names)}, years=(start, end) or level=")
        wanted = [str(v) for v in val] if isinstance(val, (list, tuple, set, frozenset)) else [str(val)]
        if schema.column(col).dtype == "int":
            mask = df[col].astype("Int64").astype(str).isin(wanted)
        else:
            mask = df[col].astype(str).isin(wanted)
        df = _apply(mask, f"{col}={wanted[0] if len(wanted) == 1 else wanted}", col, wanted)
        applied.append(f"{col}={val!r}")
    if level is not None:
        if "region" not in schema.column_names:
            raise InputError(f"read({table!r}): filter 'level' needs a table with a region column")
        if regions is None:
            raise InputError(f"{data_dir}: regions.csv is missing, so level= cannot be applied; rebuild the data folder")
        levels = [level] if isinstance(level, str) else list(level)
        lv = df["region"].map(dict(zip(regions["region"], regions["level"])))
        mask = lv.isin(levels)
        if not mask.any():
            ctx = f" with {' and '.join(applied)}" if applied else ""
            raise InputError(f"{path}: empty selection: no rows with level={levels}{ctx}; available levels: {_fmt_values(lv.dropna())}")
        df = df[mask.to_numpy()]
        applied.append(f"level={level!r}")
    if years is not None:
        if "year" not in schema.column_names:
            raise InputError(f"read({table!r}): filter 'years' needs a table with a year column")
        try:
            start, end = years
        except (TypeError, ValueError):
            raise InputError(f"read({table!r}): years must be (start, end), got {years!r}") from None
        have = df["year"].dropna().astype(int)
        lo, hi = int(have.min()), int(have.max())
        ctx = f" for {' and '.join(applied)}" if applied else ""
        s = lo if start is None else int(start)
        e = hi if end is None else int(end)
        if s > e:
            raise InputError(f"read({table!r}): years=({start}, {end}): the first year is after the last")
        if s < lo or e > hi:
            raise InputError(
                f"{path}: years {s}-{e} are outside the data: it has years {lo}-{hi}{ctx}; choose a window within {lo}-{hi}"
            )
        df = df[(df["year"] >= s) & (df["year"] <= e)]
        if len(df) == 0:
            raise InputError(f"{path}: empty selection: no rows in years {s}-{e}{ctx}")
    return df.reset_index(drop=True)


def check(data_dir: Path, progress: Callable[[str], None] = print) -> dict[str, int]:
    """Validate a whole canonical folder (schemas, keys, codes, manifest checksums); rows per table."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise InputError(f"{data_dir}: data folder not found; build it with `helpers data build`")
    man_path = data_dir / "manifest.json"
    manifest = json.loads(man_path.read_text(encoding="utf-8")) if man_path.is_file() else None
    regions = None
    counts: dict[str, int] = {}
    rpath = table_path(data_dir, "regions")
    if rpath.is_file():
        regions = validate(_load_raw(rpath), "regions", rpath, from_file=True)
        counts["regions"] = len(regions)
        bad_parent = regions["parent"].notna() & ~regions["parent"].isin(regions["region"])
        if bad_parent.any():
            raise InputError(f"{rpath}: parent {regions['parent'][bad_parent].iloc[0]!r} of region {regions['region'][bad_parent].iloc[0]!r} is not a region in the file; add it")
    techs = None
    tpath = table_path(data_dir, "technologies")
    if tpath.is_file():
        techs = validate(_load_raw(tpath), "technologies", tpath, from_file=True)
        counts["technologies"] = len(techs)
    for name in TABLES:
        if name in ("regions", "technologies"):
            continue
        p = table_path(data_dir, name)
        if not p.is_file():
            if name in BUILT_TABLES and manifest is not None:
                raise InputError(f"{p}: missing; the folder is incomplete: rebuild it with `helpers data build`")
            continue
        t = techs if name in ("activity", "documents") else None
        df = validate(_load_raw(p), name, p, regions=None if regions is None else regions["region"], technologies=t, from_file=True)
        counts[name] = len(df)
        progress(f"{p.name}: {len(df)} rows ok")
    if manifest is not None:
        for name, info in manifest.get("tables", {}).items():
            p = data_dir / info["file"]
            if sha256_file(p) != info["sha256"]:
                raise InputError(f"{p}: SHA-256 differs from manifest.json; the file was changed after the build: rebuild the folder")
    return counts
