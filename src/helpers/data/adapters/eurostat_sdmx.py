"""Eurostat tables through SDMX (``sdmx1``): national accounts, business R&D, regional R&D.

Eurostat's dissemination API serves every table as SDMX-ML 2.1::

    https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/<dataset>/<key>?startPeriod=2010

:func:`fetch` downloads one with ``sdmx.Client("ESTAT").data(...)`` and stores the message as a file;
:func:`load` reads SDMX-ML files (GenericData, or StructureSpecificData together with its DSD file)
with ``sdmx.read_sdmx`` and ``sdmx.to_pandas``. Only annual data (``freq`` A) are accepted.

Mapping:

- a table with a ``nace_r2`` dimension (``nama_10_a64``, ``nama_10_a64_e``, ``rd_e_berdindr2``, ...) becomes
  ``sector_indicators``: region = ``geo`` (Eurostat codes; EU27_2020 -> EU27), sector = ``nace_r2``,
  indicator from ``na_item`` (B1G -> VA, P1 -> PROD, EMP_DC -> EMP, SAL_DC -> EMP_SAL) or the table
  (rd_e_berdindr2 -> BERD), unit from ``unit`` (CP_MEUR -> MIO_EUR); values are flagged exactly like the
  national-accounts adapter (missing, zero, jumps, negative);
- any other table becomes ``region_indicators``: indicator from :data:`REGION_TABLES` (rd_e_gerdreg with
  sectperf TOTAL -> GERD, BES -> BERD; rd_p_persreg -> RD_PERS / BES_RD_PERS) or ``<table>.<values of the
  other dimensions>``; missing values are left out and flagged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.data.adapters import AdapterResult, InputFile, Progress, _quiet, flags_frame, require_file
from helpers.data.adapters.natacc import REASONS, flag_series
from helpers.errors import InputError
from helpers.data.regions import describe_region, nuts_code

NAME = "eurostat_sdmx"
ALIASES = ("sdmx",)
FILES = ("eurostat_sdmx/*.xml",)
SOURCE = "Eurostat (ec.europa.eu/eurostat), SDMX 2.1 dissemination API; Eurostat data: CC BY 4.0."
DOWNLOAD = (
    "Eurostat SDMX 2.1 API, e.g. ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/nama_10_a64/A.CP_MEUR..B1G.BE; "
    "or `helpers data eurostat-sdmx --dataset nama_10_a64 --key A.CP_MEUR..B1G.BE --out DIR`; place SDMX-ML files in <raw>/eurostat_sdmx/."
)
NA_ITEMS = {"B1G": "VA", "P1": "PROD", "EMP_DC": "EMP", "SAL_DC": "EMP_SAL", "D1": "COMP"}
UNITS = {"CP_MEUR": "MIO_EUR", "MIO_EUR": "MIO_EUR"}
SECTOR_TABLES = {"rd_e_berdindr2": "BERD", "rd_p_persindr2": "BES_RD_PERS"}
# table -> (dimension, value -> indicator)
REGION_TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "rd_e_gerdreg": ("sectperf", {"TOTAL": "GERD", "BES": "BERD", "GOV": "GOVERD", "HES": "HERD", "PNP": "PNPRD"}),
    "rd_p_persreg": ("sectperf", {"TOTAL": "RD_PERS", "BES": "BES_RD_PERS"}),
}
KNOWN_DIMS = {"freq", "unit", "geo", "nace_r2", "na_item", "TIME_PERIOD"}


def _root_tag(path: Path, label: str) -> str:
    import xml.etree.ElementTree as ET

    try:
        for _, el in ET.iterparse(path, events=("start",)):
            return el.tag.rsplit("}", 1)[-1]
    except ET.ParseError as exc:
        raise InputError(f"{label}: not well-formed XML ({exc}); download the SDMX-ML file again") from None
    raise InputError(f"{label}: empty XML file")


def _dataset_id(msg: Any, path: Path) -> str:
    try:
        sid = msg.data[0].structured_by.id
    except (AttributeError, IndexError):
        sid = None
    if not sid:
        sid = path.stem.split("_generic")[0]
    return str(sid).lower()


def read_file(path: Path, structure: Any = None, *, label: str | None = None) -> tuple[str, pd.DataFrame]:
    """(dataset id, tidy frame with one column per dimension plus TIME_PERIOD and value)."""
    import sdmx

    label = label or str(path)
    require_file(path, "SDMX-ML file")
    try:
        msg = sdmx.read_sdmx(path, structure=structure) if structure is not None else sdmx.read_sdmx(path)
    except Exception as exc:  # sdmx1 raises many kinds of errors for bad XML
        raise InputError(f"{label}: cannot read as SDMX-ML ({type(exc).__name__}: {' '.join(str(exc).split())[:160]}); use a GenericData file or give the DSD file too") from None
    if not hasattr(msg, "data"):
        raise InputError(f"{label}: an SDMX structure message, not data; give it together with a StructureSpecificData file")
    if not msg.data or not len(msg.data[0].obs):
        raise InputError(f"{label}: the SDMX message holds no observations; empty selection: check the key and period")
    try:
        s = sdmx.to_pandas(msg)
    except ValueError:  # sdmx1 casts every ObsValue to float at once: find the observation that is not a number
        obs = next((o for ds in msg.data for o in ds.obs if not _is_number(o.value)), None)
        if obs is None:
            raise
        raise InputError(
            f"{label}: the observation {' '.join(str(obs.key).split())} has the ObsValue {obs.value!r}, not a number; "
            f"download the SDMX-ML file again (a missing value has no ObsValue, or the value NaN)"
        ) from None
    if isinstance(s, list):
        s = pd.concat(s)
    df = s.reset_index()
    df = df.rename(columns={df.columns[-1]: "value"})
    return _dataset_id(msg, Path(path)), df


def _is_number(value: Any) -> bool:
    """An ObsValue sdmx1 can cast to float (None, no value, is a missing observation)."""
    if value is None:
        return True
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _table_frames(dataset: str, df: pd.DataFrame, label: str) -> tuple[str, pd.DataFrame, list[dict]]:
    dims = [c for c in df.columns if c != "value"]
    for need in ("geo", "TIME_PERIOD"):
        if need not in dims:
            raise InputError(f"{label}: dimension '{need}' missing in dataset {dataset}; the adapter reads tables by geo and year")
    # a series whose key lacks a dimension (unit, nace_r2, na_item, ...) gets '' there from sdmx1: its rows
    # would reach the canonical tables with an empty unit, sector or indicator
    for d in dims:
        empty = df[d].isna() | df[d].astype(str).str.strip().eq("")
        if empty.any():
            pos = int(np.flatnonzero(empty.to_numpy())[0])
            row = {o: df[o].iloc[pos] for o in dims if o != d}
            key = ", ".join(f"{o}={v}" for o, v in row.items() if pd.notna(v) and str(v).strip())
            raise InputError(f"{label}: dimension '{d}' has no value in the series of the observation ({key}) ({int(empty.sum())} such "
                             f"observations); every series key needs all dimensions of the table: download the SDMX-ML file again")
    if "freq" in dims and set(df["freq"].astype(str)) - {"A"}:
        raise InputError(f"{label}: column 'freq' has {sorted(set(df['freq'].astype(str)) - {'A'})}; only annual data (freq A) are supported: select A in the key")
    years = pd.to_numeric(df["TIME_PERIOD"].astype(str), errors="coerce")
    if years.isna().any() or (years % 1 != 0).any():
        pos = int(np.flatnonzero((years.isna() | (years % 1 != 0)).to_numpy())[0])
        raise InputError(f"{label}: TIME_PERIOD {df['TIME_PERIOD'].iloc[pos]!r} is not a year; only annual data are supported")
    geo = df["geo"].astype(str)
    gmap = {g: nuts_code(g) for g in sorted(set(geo))}
    bad = [g for g, c in gmap.items() if describe_region(c) is None]
    if bad:
        raise InputError(f"{label}: unknown region code {bad[0]!r} in dimension 'geo'; add it to helpers.data.regions")
    region = geo.map(gmap)
    unit = df["unit"].astype(str).map(lambda u: UNITS.get(u, u)) if "unit" in dims else pd.Series("NR", index=df.index)
    value = pd.to_numeric(df["value"], errors="coerce").astype("float64")
    extra = [d for d in dims if d not in KNOWN_DIMS]
    flags: list[dict] = []
    if "nace_r2" in dims:
        if "na_item" in dims:
            items = df["na_item"].astype(str)
            ind = items.map(lambda i: NA_ITEMS.get(i, i))
        else:
            ind = pd.Series(SECTOR_TABLES.get(dataset, dataset.upper()), index=df.index)
        for d in extra:
            ind = ind + "." + df[d].astype(str)
        out = pd.DataFrame({"region": region, "sector": df["nace_r2"].astype(str), "indicator": ind, "year": years.astype("Int64"), "value": value, "unit": unit})
        dup = out.duplicated(["region", "sector", "indicator", "year"])
        if dup.any():
            r = out[dup].iloc[0]
            raise InputError(f"{label}: duplicate key (region={r.region}, sector={r.sector}, indicator={r.indicator}, year={r.year}); the units differ? select one unit in the key")
        series = out["region"] + "|" + out["indicator"] + "|" + out["sector"] + "|" + out["unit"]
        out["flag"] = flag_series(pd.DataFrame({"series": series, "year": out["year"], "value": out["value"]}))
        for r in out[out["flag"] != ""].itertuples():
            flags.append(dict(file=label, table="sector_indicators", region=r.region, item=f"{r.sector} {r.indicator}", year=int(r.year),
                              value=None if pd.isna(r.value) else float(r.value), flag=r.flag, reason=REASONS[r.flag].format(f=3.0)))
        out["flag"] = out["flag"].where(out["flag"] != "", None)
        return "sector_indicators", out, flags
    if dataset in REGION_TABLES and REGION_TABLES[dataset][0] in dims:
        dim, names = REGION_TABLES[dataset]
        ind = df[dim].astype(str).map(lambda v: names.get(v, f"{dataset}.{v}"))
        rest = [d for d in extra if d != dim]
    else:
        ind = pd.Series(dataset, index=df.index)
        rest = extra
    for d in rest:
        ind = ind + "." + df[d].astype(str)
    out = pd.DataFrame({"region": region, "indicator": ind, "year": years.astype("Int64"), "value": value, "unit": unit})
    missing = out["value"].isna()
    for r in out[missing].itertuples():
        flags.append(dict(file=label, table="region_indicators", region=r.region, item=f"{r.indicator} {r.unit}", year=int(r.year), value=None,
                          flag="missing", reason="no value in the source: left out of region_indicators"))
    out = out[~missing]
    dup = out.duplicated(["region", "indicator", "unit", "year"])
    if dup.any():
        r = out[dup].iloc[0]
        raise InputError(f"{label}: duplicate key (region={r.region}, indicator={r.indicator}, unit={r.unit}, year={r.year}); select one value per dimension in the key")
    return "region_indicators", out, flags


def load(files: list[Path], *, labels: list[str] | None = None, progress: Progress = _quiet) -> AdapterResult:
    """Read SDMX-ML data files (a DSD structure file among them is used for structure-specific data)."""
    import sdmx

    files = [Path(f) for f in files]
    labels = labels or [str(f) for f in files]
    structure = None
    data_files = []
    for f, lab in zip(files, labels):
        require_file(f, "SDMX-ML file")
        if _root_tag(f, lab) == "Structure":
            try:
                smsg = sdmx.read_sdmx(f)
                structure = next(iter(smsg.structure.values()))
            except Exception:
                raise InputError(f"{lab}: cannot read the SDMX structure (DSD) message; download it again") from None
        else:
            data_files.append((f, lab))
    res = AdapterResult(adapter=NAME)
    parts: dict[str, list[pd.DataFrame]] = {"sector_indicators": [], "region_indicators": []}
    flags: list[dict] = []
    for f, lab in data_files:
        progress(f"eurostat_sdmx: reading {lab}")
        dataset, df = read_file(f, structure, label=lab)
        table, out, fl = _table_frames(dataset, df, lab)
        parts[table].append(out)
        flags += fl
        res.inputs.append(InputFile(path=f, adapter=NAME, rows_read=len(df)))
        res.notes.append(f"{lab}: dataset {dataset}, {len(df)} observations -> {table}")
    if not data_files:
        raise InputError(f"{', '.join(labels)}: no SDMX data file; give at least one data message")
    for table, ps in parts.items():
        if ps:
            res.tables[table] = pd.concat(ps, ignore_index=True)
    res.tables["quality_flags"] = flags_frame(flags)
    return res


def fetch(dataset: str, *, key: str | None = None, params: dict[str, str] | None = None, cache_dir: Path = Path("eurostat_cache"), progress: Progress = _quiet) -> Path:
    """Download one Eurostat table with sdmx1 into cache_dir; return the SDMX-ML file."""
    import sdmx

    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    safe_key = (key or "all").replace("/", "_").replace("+", "-")
    path = cache_dir / f"{dataset}_{safe_key}.xml"
    if path.is_file():
        return path
    progress(f"eurostat_sdmx: fetching {dataset} {key or ''}")
    try:
        client = sdmx.Client("ESTAT")
        client.data(dataset, key=key, params=params or {}, tofile=path)
    except Exception as exc:
        if path.exists():
            path.unlink()
        raise InputError(f"Eurostat SDMX: fetching {dataset} (key {key}) failed ({type(exc).__name__}: {' '.join(str(exc).split())[:160]}); check the dataset code, the key and the network") from None
    return path


def detect(raw_dir: Path) -> list[Path] | None:
    d = Path(raw_dir) / "eurostat_sdmx"
    files = sorted(d.glob("*.xml")) if d.is_dir() else []
    return files or None


def load_from_raw(raw_dir: Path, files: list[Path], progress: Progress = _quiet) -> AdapterResult:
    return load(files, labels=[f.relative_to(raw_dir).as_posix() for f in files], progress=progress)
