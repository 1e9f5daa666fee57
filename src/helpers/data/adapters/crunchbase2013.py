"""The October 2013 Crunchbase CSV export (``crunchbase_2013/``): start-up investments in the US.

Input files (Mac Roman text with CR line endings and no line end after the last record, as published; UTF-8
is read too; a last record with fewer fields than the header is still an error)::

    crunchbase-companies.csv  permalink,name,category_code,funding_total_usd,status,country_code,state_code,region,city,...
    crunchbase-rounds.csv     company_permalink,company_name,company_category_code,company_country_code,
                              company_state_code,company_region,company_city,funding_round_type,funded_at,
                              funded_month,funded_quarter,funded_year,raised_amount_usd

Output: ``activity`` rows with source ``investments`` from the funding rounds, by the year of the round
and the company's category (``category_code``, one per company in this export), in two measures:

- classification ``crunchbase_2013_category``: USD raised (``raised_amount_usd``; rounds without an
  amount add nothing here);
- classification ``crunchbase_2013_category_rounds``: number of funding rounds.

Regions, three levels (select one with ``level=`` before summing): US states ``US-CA`` (level
*us_state*), metropolitan areas ``US:SF Bay`` from the export's ``region`` column (level *city*;
"unknown", "TBD" and "... - Other" are left out at this level), and the country (ISO alpha-3, the total
of all its rounds including those without a state). Rounds without a category are left out and
reported in quality_flags.csv, as are rounds without a state (kept in the country total only) and
rounds without an amount. Identical duplicate rows (the export has some) are kept and reported.
With a single category per company there is no within-company co-occurrence, so no documents rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data.adapters import (
    AdapterResult,
    InputFile,
    Progress,
    _quiet,
    check_not_empty,
    check_years,
    file_line,
    map_unique,
    flags_frame,
    read_csv_raw,
    technologies_frame,
    to_number,
)
from helpers.errors import InputError
from helpers.data.regions import iso2_to_iso3, is_country_code, us_state_code

NAME = "crunchbase2013"
ALIASES = ("investments",)
FILES = ("crunchbase_2013/crunchbase-companies.csv", "crunchbase_2013/crunchbase-rounds.csv")
CLASS_USD = "crunchbase_2013_category"
CLASS_ROUNDS = "crunchbase_2013_category_rounds"
SOURCE = "Crunchbase, CC BY (as published in Oct. 2013)."
DOWNLOAD = (
    "The Crunchbase CSV export of October 2013 (crunchbase-companies.csv, crunchbase-rounds.csv, "
    "crunchbase-acquisitions.csv), published by Crunchbase under CC BY and mirrored in many teaching repositories "
    "(e.g. as 'crunchbase_monthly_export' / 'crunchbase-investments'); place the files in <raw>/crunchbase_2013/."
)
COMPANY_COLUMNS = ["permalink", "name", "category_code", "funding_total_usd", "country_code", "state_code", "region", "city"]
ROUND_COLUMNS = [
    "company_permalink",
    "company_category_code",
    "company_country_code",
    "company_state_code",
    "company_region",
    "funding_round_type",
    "funded_year",
    "raised_amount_usd",
]
NO_METRO = re.compile(r"^(|unknown|tbd|.* - other)$", re.IGNORECASE)


def _read(path: Path, columns: list[str], label: str) -> pd.DataFrame:
    try:
        return read_csv_raw(path, columns, label=label, encoding="utf-8", final_newline=False)
    except InputError as exc:
        if "not utf-8 text" not in str(exc):
            raise
    return read_csv_raw(path, columns, label=label, encoding="mac_roman", final_newline=False)


def _label(code: str) -> str:
    return code.replace("_", " ").capitalize()


def _country(code: str) -> str | None:
    code = code.strip().upper()
    if len(code) == 3 and is_country_code(code):
        return code
    if len(code) == 2:
        return iso2_to_iso3(code)
    return None


def load(companies: Path, rounds: Path, *, labels: tuple[str, str] | None = None, progress: Progress = _quiet) -> AdapterResult:
    """Read the 2013 companies and rounds files into investment activity rows (see module doc)."""
    companies, rounds = Path(companies), Path(rounds)
    lc, lr = labels or (str(companies), str(rounds))
    progress(f"crunchbase2013: reading {lc}, {lr}")
    comp = _read(companies, COMPANY_COLUMNS, lc)
    rnd = _read(rounds, ROUND_COLUMNS, lr)
    check_not_empty(rnd, lr, "funding rounds")
    year = to_number(rnd, "funded_year", lr, integer=True, what="year")
    check_years(year, lr, "funded_year")
    usd = to_number(rnd, "raised_amount_usd", lr, allow_empty=True, nonnegative=True, what="amount")
    ctry_raw = rnd["company_country_code"].str.strip()
    cmap = {c: _country(c) for c in sorted(set(ctry_raw)) if c}
    bad = [c for c, v in cmap.items() if v is None]
    if bad:
        pos = int(np.flatnonzero((ctry_raw == bad[0]).to_numpy())[0])
        raise InputError(f"{lr}: unknown region code {bad[0]!r} in column 'company_country_code' at line {file_line(rnd, pos)}; use ISO 3166 country codes")
    country = ctry_raw.map(lambda c: cmap.get(c) if c else None)
    state_raw = rnd["company_state_code"].str.strip().str.upper()
    is_us = country.eq("USA")
    us_codes = map_unique(state_raw[is_us], lambda s: us_state_code(s) if s else None)
    state = pd.Series(None, index=rnd.index, dtype=object)
    state[is_us.to_numpy()] = us_codes.astype(object).where(us_codes.notna(), None).to_numpy()
    bad_state = is_us & state_raw.ne("") & state.isna()
    if bad_state.any():
        pos = int(np.flatnonzero(bad_state.to_numpy())[0])
        raise InputError(f"{lr}: unknown region code 'US-{state_raw.iloc[pos]}' in column 'company_state_code' at line {file_line(rnd, pos)}; use two-letter US state codes")
    metro_raw = rnd["company_region"].str.strip()
    metro = pd.Series(None, index=rnd.index, dtype=object)
    metro[is_us.to_numpy()] = map_unique(metro_raw[is_us], lambda m: None if NO_METRO.match(m) else f"US:{m}").astype(object).to_numpy()
    cat = rnd["company_category_code"].str.strip()
    flags: list[dict] = []

    def flag(mask: pd.Series, kind: str, item: str, reason: str) -> None:
        if mask.any():
            flags.append(
                dict(file=lr, table="activity", region=None, item=item, year=None, value=float(usd[mask].fillna(0).sum()), flag=kind,
                     reason=f"{int(mask.sum())} rounds ({usd[mask].fillna(0).sum():.0f} USD): {reason}")
            )

    no_cat = cat.eq("")
    no_ctry = country.isna()
    flag(no_cat, "dropped", "category_code empty", "the company has no category_code: left out of activity")
    flag(no_ctry & ~no_cat, "dropped", "country_code empty", "no company country: left out of activity")
    flag(is_us & state.isna() & ~no_cat, "unknown_location", "state_code empty", "US company without a state: counted in USA only, not in a state")
    flag(usd.isna() & ~no_cat, "missing", "raised_amount_usd empty", "round without an amount: counted in the rounds measure only")
    dup = rnd.duplicated(keep="first")
    flag(dup, "aggregated_duplicates", "identical rows", "identical duplicate rows of the export, kept (they may be separate tranches)")

    keep = ~no_cat & ~no_ctry
    base = pd.DataFrame({"technology": cat, "year": year, "usd": usd.fillna(0.0), "n": 1.0})[keep]
    parts = []
    for reg in (country[keep], state[keep], metro[keep]):
        b = base.assign(region=reg).dropna(subset=["region"])
        parts.append(b.groupby(["region", "technology", "year"], as_index=False).agg(usd=("usd", "sum"), n=("n", "sum")))
    agg = pd.concat(parts, ignore_index=True)
    act = pd.concat(
        [
            agg.rename(columns={"usd": "value"}).drop(columns="n").assign(classification=CLASS_USD),
            agg.rename(columns={"n": "value"}).drop(columns="usd").assign(classification=CLASS_ROUNDS),
        ],
        ignore_index=True,
    )
    act["source"] = "investments"
    act = act[["source", "classification", "region", "technology", "year", "value"]]
    cats = sorted(set(cat[keep]))
    techs = technologies_frame(
        [dict(classification=cl, technology=c, technology_id=c, label=_label(c), group=None) for cl in (CLASS_USD, CLASS_ROUNDS) for c in cats]
    )
    res = AdapterResult(adapter=NAME)
    res.tables["activity"] = act
    res.tables["technologies"] = techs
    res.tables["quality_flags"] = flags_frame(flags)
    res.inputs.append(InputFile(path=companies, adapter=NAME, rows_read=len(comp)))
    res.inputs.append(InputFile(path=rounds, adapter=NAME, rows_read=len(rnd)))
    res.notes.append(
        f"{lr}: {len(rnd)} rounds, {usd.sum():.0f} USD; {int(no_cat.sum())} rounds without a category left out; "
        f"{lc}: {len(comp)} companies (read for provenance; activity comes from the rounds)"
    )
    progress(f"crunchbase2013: {len(act)} activity rows")
    return res


def detect(raw_dir: Path) -> list[Path] | None:
    files = [Path(raw_dir) / f for f in FILES]
    return files if all(f.is_file() for f in files) else None


def load_from_raw(raw_dir: Path, files: list[Path], progress: Progress = _quiet) -> AdapterResult:
    labels = tuple(f.relative_to(raw_dir).as_posix() for f in files)
    return load(files[0], files[1], labels=labels, progress=progress)  # type: ignore[arg-type]
