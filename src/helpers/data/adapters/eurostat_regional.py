"""Eurostat regional R&D and EPO applications by NUTS region (``regional_rd_eurostat.csv``).

Input layout (as processed by Nesta's EURITO project from Eurostat ``rd_e_gerdreg``,
``rd_p_persreg`` and ``pat_ep_rtot``)::

    indicator,region_id,region_level,region_year_spec,year,value

Output: ``region_indicators`` rows (region, indicator, unit, year, value). Region codes stay NUTS codes
as Eurostat writes them (BE2 is the Flemish Region, EL Greece, UK the United Kingdom); ``EU27_2020``
becomes the aggregate ``EU27``; a NUTS code equal to an ISO alpha-3 code (NUTS 2013 ``FRA``) is
written ``NUTS:FRA``. Empty values are left out and listed in quality_flags.csv (``missing``).
Indicators are renamed (:data:`INDICATORS`); an indicator the adapter does not know is an error.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data.adapters import (
    file_line,
    single_file,
    AdapterResult,
    InputFile,
    Progress,
    _quiet,
    check_duplicates,
    check_not_empty,
    check_years,
    flags_frame,
    ignored_columns_note,
    map_unique,
    read_csv_raw,
    to_number,
)
from helpers.errors import InputError
from helpers.data.regions import describe_region, nuts_code

NAME = "eurostat_regional"
ALIASES = ("rd", "regional")
FILES = ("regional_rd_eurostat.csv",)
SOURCE = "Eurostat rd_e_gerdreg, rd_p_persreg, pat_ep_rtot as processed by Nesta EURITO; Eurostat data: CC BY 4.0."
DOWNLOAD = (
    "Eurostat database: rd_e_gerdreg (GERD by sector of performance and NUTS 2 region), rd_p_persreg "
    "(R&D personnel by sector and NUTS 2 region), pat_ep_rtot (EPO applications by NUTS 3 region, to 2012); "
    "ec.europa.eu/eurostat/databrowser/view/<code>; layout indicator,region_id,region_level,region_year_spec,year,value "
    "as in Nesta's EURITO processing. Current tables can also be read with the eurostat_sdmx adapter."
)
COLUMNS = ["indicator", "region_id", "region_level", "region_year_spec", "year", "value"]
# source indicator -> (indicator, unit)
INDICATORS: dict[str, tuple[str, str]] = {
    "rd_e_gerdreg_total_mio_eur": ("GERD", "MIO_EUR"),
    "rd_e_gerdreg_bes_mio_eur": ("BERD", "MIO_EUR"),
    "rd_e_gerdreg_total_pc_gdp": ("GERD", "PC_GDP"),
    "rd_e_gerdreg_bes_pc_gdp": ("BERD", "PC_GDP"),
    "rd_p_persreg_total_t_fte_total": ("RD_PERS", "FTE"),
    "rd_p_persreg_bes_t_fte_total": ("BES_RD_PERS", "FTE"),
    "pat_ep_rtot_nr": ("EPO_APPL", "NR"),
}


def load(path: Path, *, label: str | None = None, progress: Progress = _quiet) -> AdapterResult:
    """Read the regional R&D file into region_indicators rows (see module doc)."""
    path = Path(path)
    label = label or str(path)
    progress(f"eurostat_regional: reading {label}")
    df = read_csv_raw(path, COLUMNS, label=label, ignore_extra=True)
    check_not_empty(df, label)
    year = to_number(df, "year", label, integer=True, what="year")
    check_years(year, label)
    value = to_number(df, "value", label, allow_empty=True, nonnegative=True, what="value")
    ind = df["indicator"].str.strip()
    unknown = ~ind.isin(list(INDICATORS))
    if unknown.any():
        pos = int(np.flatnonzero(unknown.to_numpy())[0])
        raise InputError(
            f"{label}: unknown indicator {df['indicator'].iloc[pos]!r} in column 'indicator' at line {file_line(df, pos)}; "
            f"known: {', '.join(INDICATORS)} (add it to helpers.data.adapters.eurostat_regional.INDICATORS)"
        )
    raw_codes = df["region_id"].str.strip()
    mapping = {c: nuts_code(c) for c in sorted(set(raw_codes))}
    bad = [c for c, m in mapping.items() if describe_region(m) is None]
    if bad:
        pos = int(np.flatnonzero((raw_codes == bad[0]).to_numpy())[0])
        raise InputError(
            f"{label}: unknown region code {bad[0]!r} in column 'region_id' at line {file_line(df, pos)} ({len(bad)} unknown codes); "
            f"use NUTS codes (BE2) or add the code to helpers.data.regions"
        )
    region = raw_codes.map(mapping)
    out = pd.DataFrame(
        {
            "region": region,
            "indicator": map_unique(ind, lambda i: INDICATORS[i][0]),
            "year": year,
            "value": value,
            "unit": map_unique(ind, lambda i: INDICATORS[i][1]),
        }
    )
    check_duplicates(out.assign(region_id=raw_codes, source_indicator=ind), ["source_indicator", "region_id", "year"], label)
    missing = out["value"].isna()
    flags = [
        dict(
            file=label, table="region_indicators", region=r.region, item=f"{r.indicator} {r.unit}", year=int(r.year), value=None,
            flag="missing", reason="no value in the source: left out of region_indicators",
        )
        for r in out[missing].itertuples()
    ]
    res = AdapterResult(adapter=NAME)
    res.tables["region_indicators"] = out[~missing].reset_index(drop=True)
    res.tables["quality_flags"] = flags_frame(flags)
    res.inputs.append(InputFile(path=path, adapter=NAME, rows_read=len(df)))
    specs = sorted(set(df["region_year_spec"]))
    res.notes.append(
        f"{label}: {len(df)} rows, {int(missing.sum())} without a value (left out, flagged); NUTS version(s) {', '.join(specs)}; "
        f"{sum(1 for c, m in mapping.items() if c != m)} codes re-written ({', '.join(f'{c}->{m}' for c, m in mapping.items() if c != m)})"
    )
    res.notes += ignored_columns_note(df, label)
    progress(f"eurostat_regional: {int((~missing).sum())} region_indicators rows")
    return res


# how the build finds and reads this adapter's file in a raw data folder
detect, load_from_raw = single_file(FILES[0], load)
