"""National accounts and exports by NACE Rev. 2 group, EU28 (``sectors_natacc_eu28.csv``).

Input layout (Eurostat national accounts and trade as compiled in the ``egssGF`` R package)::

    year,country,indicator,nace,value        indicator in VA, EMP, PROD, EXP

Output: ``sector_indicators`` rows (region = Eurostat country code, sector = NACE code as in the file,
indicator, year, value, unit, flag). Units: VA, PROD, EXP in million euro (``MIO_EUR``), or in million
national currency (``MIO_NAC``) for the members outside the euro area (see :data:`NATIONAL_CURRENCY`); EMP is hours
worked in thousands (``THS_HW``; egssGF uses hours worked because employee FTEs are not available).

The source has known defects (zeros and gaps where the truth is not zero, e.g. Belgium C21 exports
2011-2013, Belgium C21 employment 2010). No value is used silently: every suspect value keeps its
number but gets a flag, and every flag is listed in quality_flags.csv with the reason:

- ``missing``: empty in the source (value left empty);
- ``zero_suspect``: 0 where the same series (country, indicator, NACE) has non-zero values;
- ``zero_series``: 0 in a series that is 0 or empty in every year (often structural, e.g. NACE U);
- ``negative``: below 0 (value added of C19 refineries can really be negative; counts cannot);
- ``jump_suspect``: a value that differs by a factor of :data:`JUMP_FACTOR` (3) or more from the median
  of its series, i.e. a year-to-year jump that the rest of the series does not share (Belgium C21
  employment 2010: 3,472 against about 36,000 in the other years). When 40% or more of a series
  deviates like this there is no majority level to trust and the whole series is flagged.
"""

from __future__ import annotations

import math
import re
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
    read_csv_raw,
    to_number,
)
from helpers.errors import InputError
from helpers.data.regions import describe_region, nuts_code

NAME = "natacc"
ALIASES = ("sectors",)
FILES = ("sectors_natacc_eu28.csv",)
SOURCE = "Eurostat national accounts and trade as compiled in the egssGF R package (GPL-3 data)."
DOWNLOAD = (
    "The natAcc data set of the egssGF R package (github.com/statistikat/egssGF, data/natAcc.rda), compiled from "
    "Eurostat nama_10_a64 (output, value added), nama_10_a64_e (hours worked) and trade data; reshaped to "
    "year,country,indicator,nace,value. Current Eurostat tables: use the eurostat_sdmx adapter (nama_10_a64)."
)
COLUMNS = ["year", "country", "indicator", "nace", "value"]
UNITS = {"VA": "MIO_EUR", "PROD": "MIO_EUR", "EXP": "MIO_EUR", "EMP": "THS_HW"}
#: EU28 members outside the euro area in 2010-2018: the file holds their money values in their own
#: currency (e.g. Sweden's total value added 2015 is 3.7 million "million", i.e. SEK), although the
#: source calls it euro. Those values get the unit MIO_NAC (Eurostat's code for million national
#: currency) so no one sums them with euro values unknowingly.
NATIONAL_CURRENCY = {"BG", "CZ", "DK", "HR", "HU", "PL", "RO", "SE", "UK"}
JUMP_FACTOR = 3.0
WHOLE_SERIES_SHARE = 0.4
NACE_RE = re.compile(r"^(TOTAL|[A-U](\d{2})?([-_][A-U]?\d{2})*)$")
#: NACE Rev. 2 sections and their divisions (first, last), e.g. C = manufacturing, divisions 10-33
NACE_SECTIONS: dict[str, tuple[int, int]] = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43), "G": (45, 47), "H": (49, 53),
    "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68), "M": (69, 75), "N": (77, 82), "O": (84, 84), "P": (85, 85),
    "Q": (86, 88), "R": (90, 93), "S": (94, 96), "T": (97, 98), "U": (99, 99),
}
_NACE_PART = re.compile(r"^([A-U])?(\d{2})$")


def nace_problem(code: str) -> str | None:
    """Why ``code`` is not a NACE Rev. 2 code or group (``C21``, ``C24_C25``, ``C10-C12``, ``M``, ``TOTAL``), or None.

    Every division must exist and lie in its section (``C99`` does not: section C holds divisions
    10-33); a range (``-``) must run upwards.
    """
    if not NACE_RE.match(code):
        return "is not a NACE Rev. 2 code or group (e.g. C21, C24_C25, C10-C12, TOTAL)"
    if code == "TOTAL" or len(code) == 1:
        return None
    section = code[0]
    previous = None
    for part, sep in zip(re.split(r"[-_]", code), [None] + re.findall(r"[-_]", code)):
        m = _NACE_PART.match(part if part[0].isalpha() else section + part)
        if m is None:
            return "is not a NACE Rev. 2 code or group (e.g. C21, C24_C25, C10-C12, TOTAL)"
        sec, div = m.group(1) or section, int(m.group(2))
        lo, hi = NACE_SECTIONS[sec]
        if not lo <= div <= hi:
            return f"names division {div:02d}, which is not in NACE Rev. 2 section {sec} (divisions {lo:02d}-{hi:02d})"
        if sep == "-" and previous is not None and div <= previous:
            return f"is a range that does not run upwards ({previous:02d} to {div:02d})"
        previous = div
    return None



def flag_series(values: pd.DataFrame, jump_factor: float = JUMP_FACTOR, whole_share: float = WHOLE_SERIES_SHARE) -> pd.Series:
    """Flags for rows of (series, year, value): returns a flag per row ('' when the value looks sound).

    ``values`` must have columns ``series`` (a hashable series id), ``year`` and ``value``. A positive value
    that differs by ``jump_factor`` or more from the median of the series' positive values is
    ``jump_suspect`` (it shows as a year-to-year jump); when such values are ``whole_share`` or more of the
    series there is no trustworthy majority level and every positive value of the series is flagged.
    """
    flag = pd.Series("", index=values.index, dtype=object)
    v = values["value"].to_numpy(dtype=float, na_value=np.nan)
    flag[np.isnan(v)] = "missing"
    flag[v < 0] = "negative"
    if len(v) == 0:
        return flag
    # one pass over all series at once (per-series loops took seconds on the real file)
    series = pd.factorize(values["series"], sort=False)[0]
    n_series = int(series.max()) + 1
    nonzero = ~np.isnan(v) & (v != 0)
    has_nonzero = np.bincount(series, weights=nonzero, minlength=n_series) > 0
    zeros = v == 0
    flag[zeros & has_nonzero[series]] = "zero_suspect"
    flag[zeros & ~has_nonzero[series]] = "zero_series"
    pos = v > 0
    rows = np.flatnonzero(pos)
    if len(rows):
        # the median of each series' positive values, as np.median takes it: the middle value, or the mean of the two
        order = rows[np.lexsort((v[rows], series[rows]))]
        grp, vals = series[order], v[order]
        starts = np.flatnonzero(np.r_[True, grp[1:] != grp[:-1]])
        counts = np.diff(np.r_[starts, len(order)])
        lo, hi = starts + (counts - 1) // 2, starts + counts // 2
        med = np.where(lo == hi, vals[lo], (vals[lo] + vals[hi]) / 2)
        npos = np.zeros(n_series, dtype=np.int64)
        npos[grp[starts]] = counts
        med_of = np.full(n_series, np.nan)
        med_of[grp[starts]] = med
        off = np.zeros(len(v), dtype=bool)
        off[rows] = np.abs(np.log(v[rows] / med_of[series[rows]])) >= math.log(jump_factor)
        off &= npos[series] >= 2
        n_off = np.bincount(series, weights=off, minlength=n_series)
        whole = (n_off > 0) & (n_off >= whole_share * npos)
        flag[(pos & (npos[series] >= 2) & whole[series]) | off] = "jump_suspect"
    return flag


REASONS = {
    "missing": "no value in the source",
    "zero_suspect": "0 although the same series has non-zero values: probably missing, not zero",
    "zero_series": "0 in a series that is 0 or empty in every year (structural zero or not collected)",
    "negative": "negative value (possible for value added, impossible for counts): not used by default",
    "jump_suspect": "differs by a factor of {f:g} or more from the median of its series (a level break between years); if 40% or more of the series does, the whole series is flagged",
}


def load(path: Path, *, label: str | None = None, progress: Progress = _quiet, jump_factor: float = JUMP_FACTOR) -> AdapterResult:
    """Read the national accounts file into flagged sector_indicators rows (see module doc)."""
    path = Path(path)
    label = label or str(path)
    progress(f"natacc: reading {label}")
    df = read_csv_raw(path, COLUMNS, label=label, ignore_extra=True)
    check_not_empty(df, label)
    year = to_number(df, "year", label, integer=True, what="year")
    check_years(year, label)
    value = to_number(df, "value", label, allow_empty=True, what="value")
    ind = df["indicator"].str.strip()
    unknown = ~ind.isin(list(UNITS))
    if unknown.any():
        pos = int(np.flatnonzero(unknown.to_numpy())[0])
        raise InputError(f"{label}: unknown indicator {df['indicator'].iloc[pos]!r} in column 'indicator' at line {file_line(df, pos)}; known: {', '.join(UNITS)}")
    nace = df["nace"].str.strip()
    problems = {c: nace_problem(c) for c in nace.unique()}
    badn = nace.map(problems).notna()
    if badn.any():
        pos = int(np.flatnonzero(badn.to_numpy())[0])
        n_bad = sum(1 for v in problems.values() if v is not None)
        raise InputError(
            f"{label}: unknown NACE code {df['nace'].iloc[pos]!r} in column 'nace' at line {file_line(df, pos)}: it {problems[nace.iloc[pos]]} "
            f"({n_bad} unknown code(s)); fix the code (its value would otherwise belong to no sector)"
        )
    ctry = df["country"].str.strip()
    mapping = {c: nuts_code(c) for c in sorted(set(ctry))}
    bad = [c for c, m in mapping.items() if (describe_region(m) or {}).get("level") not in ("nuts0", "aggregate")]
    if bad:
        pos = int(np.flatnonzero((ctry == bad[0]).to_numpy())[0])
        raise InputError(f"{label}: unknown region code {bad[0]!r} in column 'country' at line {file_line(ctry, pos)}; use Eurostat country codes (BE, DE, EL, UK)")
    unit = ind.map(UNITS).where(~((ind.map(UNITS) == "MIO_EUR") & ctry.isin(NATIONAL_CURRENCY)), "MIO_NAC")
    out = pd.DataFrame({"region": ctry.map(mapping), "sector": nace, "indicator": ind, "year": year, "value": value, "unit": unit})
    check_duplicates(out, ["region", "sector", "indicator", "year"], label)
    series = out["region"] + "|" + out["indicator"] + "|" + out["sector"]
    out["flag"] = flag_series(pd.DataFrame({"series": series, "year": out["year"], "value": out["value"]}), jump_factor)
    flagged = out[out["flag"] != ""]
    flags = [
        dict(
            file=label, table="sector_indicators", region=r.region, item=f"{r.sector} {r.indicator}", year=int(r.year),
            value=None if pd.isna(r.value) else float(r.value), flag=r.flag, reason=REASONS[r.flag].format(f=jump_factor),
        )
        for r in flagged.itertuples()
    ]
    out["flag"] = out["flag"].where(out["flag"] != "", None)
    res = AdapterResult(adapter=NAME)
    res.tables["sector_indicators"] = out
    res.tables["quality_flags"] = flags_frame(flags)
    res.inputs.append(InputFile(path=path, adapter=NAME, rows_read=len(df)))
    counts = flagged["flag"].value_counts().sort_index()
    res.notes.append(f"{label}: {len(df)} rows; flagged: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    res.notes += ignored_columns_note(df, label)
    progress(f"natacc: {len(out)} sector_indicators rows, {len(flagged)} flagged")
    return res


# how the build finds and reads this adapter's file in a raw data folder
detect, load_from_raw = single_file(FILES[0], load)
