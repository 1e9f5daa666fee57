"""A current Crunchbase CSV export: ``organizations.csv`` and ``funding_rounds.csv`` (licensed data).

Crunchbase's bulk export (Crunchbase Enterprise/API licence) ships one CSV per entity. The columns this
adapter uses (the files have more, which are ignored)::

    organizations.csv   uuid,name,type,permalink,...,country_code,state_code,region,city,...,status,
                        short_description,category_list,category_groups_list,num_funding_rounds,
                        total_funding_usd,...,founded_on,...
    funding_rounds.csv  uuid,name,type,permalink,...,country_code,state_code,region,city,investment_type,
                        announced_on,raised_amount_usd,...,investor_count,org_uuid,org_name,lead_investor_uuids

``country_code`` is ISO 3166 alpha-3 (``BEL``), ``state_code`` a US state for US organisations,
``category_list`` a comma-separated list of industries ("Artificial Intelligence,Machine Learning").

Output (source ``investments``), by the year of ``announced_on`` and the organisation's categories:

- classification ``crunchbase_category``: USD raised (``raised_amount_usd``), and
  ``crunchbase_category_rounds``: number of rounds; whole counting over categories (a round of a company
  with three categories counts in each of the three, as patents count in each of their classes);
- regions: the organisation's country (ISO alpha-3) and, for the US, its state ``US-XX``;
- documents: one row per organisation and category (region = country, weight 1, year = founding year,
  else the year of its first round) for within-company co-occurrence of categories.

Rounds whose organisation is not in organizations.csv, or has no category, are left out and reported.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data.adapters import (
    AdapterResult,
    InputFile,
    Progress,
    _quiet,
    check_duplicates,
    check_filled,
    check_not_empty,
    file_line,
    flags_frame,
    read_csv_raw,
    technologies_frame,
    to_number,
)
from helpers.errors import InputError
from helpers.data.regions import UNKNOWN, is_country_code, iso2_to_iso3, us_state_code

NAME = "crunchbase"
ALIASES = ("crunchbase_current",)
FILES = ("crunchbase/organizations.csv", "crunchbase/funding_rounds.csv")
CLASS_USD = "crunchbase_category"
CLASS_ROUNDS = "crunchbase_category_rounds"
SOURCE = "Crunchbase bulk CSV export (organizations, funding_rounds); licensed data: Crunchbase terms, not redistributable."
DOWNLOAD = (
    "Crunchbase Enterprise / API licence: the daily bulk export (bulk_export.tar.gz) holds organizations.csv and "
    "funding_rounds.csv (data.crunchbase.com/docs/using-bulk-export); place both in <raw>/crunchbase/."
)
ORG_COLUMNS = ["uuid", "name", "country_code", "state_code", "category_list", "founded_on"]
ROUND_COLUMNS = ["uuid", "org_uuid", "announced_on", "raised_amount_usd", "investment_type"]


def _year(dates: pd.Series, label: str, column: str, allow_empty: bool) -> pd.Series:
    txt = dates.astype(str).str.strip()
    empty = txt.eq("")
    parsed = pd.to_datetime(txt.where(~empty, None), errors="coerce", format="%Y-%m-%d")
    bad = ~empty & parsed.isna()
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"{label}: column '{column}' has the date {dates.iloc[pos]!r} at line {file_line(dates, pos)}; write dates as YYYY-MM-DD")
    if empty.any() and not allow_empty:
        pos = int(np.flatnonzero(empty.to_numpy())[0])
        raise InputError(f"{label}: column '{column}' is empty at line {file_line(dates, pos)}; every round needs its date")
    return parsed.dt.year.astype("Int64")


def _country(code: str) -> str | None:
    code = code.strip().upper()
    if not code:
        return UNKNOWN
    if len(code) == 3 and is_country_code(code):
        return code
    if len(code) == 2:
        return iso2_to_iso3(code)
    return None


def load(organizations: Path, rounds: Path, *, labels: tuple[str, str] | None = None, progress: Progress = _quiet) -> AdapterResult:
    """Read a Crunchbase organizations + funding_rounds export into investment rows (see module doc)."""
    organizations, rounds = Path(organizations), Path(rounds)
    lo, lr = labels or (str(organizations), str(rounds))
    progress(f"crunchbase: reading {lo}, {lr}")
    org = read_csv_raw(organizations, ORG_COLUMNS, label=lo)
    rnd = read_csv_raw(rounds, ROUND_COLUMNS, label=lr)
    check_not_empty(org, lo, "organisations")
    check_not_empty(rnd, lr, "funding rounds")
    check_filled(org, ["uuid"], lo)
    check_duplicates(org, ["uuid"], lo)
    check_duplicates(rnd, ["uuid"], lr)
    cmap = {c: _country(c) for c in sorted(set(org["country_code"]))}
    bad = [c for c, v in cmap.items() if v is None]
    if bad:
        pos = int(np.flatnonzero((org["country_code"] == bad[0]).to_numpy())[0])
        raise InputError(f"{lo}: unknown region code {bad[0]!r} in column 'country_code' at line {file_line(org, pos)}; use ISO 3166 alpha-3 codes (BEL)")
    org_country = org["country_code"].map(cmap)
    st = org["state_code"].str.strip().str.upper()
    org_state = pd.Series([us_state_code(s) if (c == "USA" and s) else None for s, c in zip(st, org_country)], index=org.index, dtype=object)
    badst = org_country.eq("USA") & st.ne("") & org_state.isna()
    if badst.any():
        pos = int(np.flatnonzero(badst.to_numpy())[0])
        raise InputError(f"{lo}: unknown region code 'US-{st.iloc[pos]}' in column 'state_code' at line {file_line(org, pos)}; use two-letter US state codes")
    cats = org["category_list"].fillna("").map(lambda s: sorted({c.strip() for c in s.split(",") if c.strip()}))
    founded = _year(org["founded_on"], lo, "founded_on", allow_empty=True)
    ryear = _year(rnd["announced_on"], lr, "announced_on", allow_empty=False)
    usd = to_number(rnd, "raised_amount_usd", lr, allow_empty=True, nonnegative=True, what="amount")
    o = pd.DataFrame({"org_uuid": org["uuid"].str.strip(), "country": org_country, "state": org_state, "cats": cats, "founded": founded})
    r = pd.DataFrame({"org_uuid": rnd["org_uuid"].str.strip(), "year": ryear, "usd": usd})
    m = r.merge(o, on="org_uuid", how="left", indicator=True)
    flags = []
    no_org = m["_merge"].eq("left_only")
    if no_org.any():
        flags.append(dict(file=lr, table="activity", region=None, item="org_uuid not in organizations", year=None, value=float(no_org.sum()), flag="dropped",
                          reason=f"{int(no_org.sum())} rounds whose org_uuid is not in {lo}: left out"))
    m = m[~no_org]
    no_cat = m["cats"].map(len).eq(0)
    if no_cat.any():
        flags.append(dict(file=lr, table="activity", region=None, item="category_list empty", year=None, value=float(no_cat.sum()), flag="dropped",
                          reason=f"{int(no_cat.sum())} rounds of organisations without categories: left out"))
    no_usd = m["usd"].isna() & ~no_cat
    if no_usd.any():
        flags.append(dict(file=lr, table="activity", region=None, item="raised_amount_usd empty", year=None, value=float(no_usd.sum()), flag="missing",
                          reason=f"{int(no_usd.sum())} rounds without an amount: counted in the rounds measure only"))
    m = m[~no_cat].explode("cats").rename(columns={"cats": "technology"})
    m["usd"] = m["usd"].fillna(0.0)
    parts = []
    for col in ("country", "state"):
        b = m.dropna(subset=[col]).rename(columns={col: "region"})
        parts.append(b.groupby(["region", "technology", "year"], as_index=False).agg(usd=("usd", "sum"), n=("usd", "size")))
    agg = pd.concat(parts, ignore_index=True)
    act = pd.concat(
        [
            agg.drop(columns="n").rename(columns={"usd": "value"}).assign(classification=CLASS_USD),
            agg.drop(columns="usd").rename(columns={"n": "value"}).assign(classification=CLASS_ROUNDS),
        ],
        ignore_index=True,
    )
    act["value"] = act["value"].astype(float)
    act["source"] = "investments"
    # documents: organisations x categories
    first_round = r.groupby("org_uuid")["year"].min()
    o["year"] = o["founded"].fillna(o["org_uuid"].map(first_round))
    od = o[o["cats"].map(len).gt(0) & o["year"].notna()].explode("cats")
    docs = pd.DataFrame(
        {"source": "investments", "classification": CLASS_USD, "document_id": od["org_uuid"], "region": od["country"],
         "weight": 1.0, "technology": od["cats"], "year": od["year"]}
    )
    allcats = sorted({c for cs in o["cats"] for c in cs})
    techs = technologies_frame([dict(classification=cl, technology=c, technology_id=c, label=c, group=None) for cl in (CLASS_USD, CLASS_ROUNDS) for c in allcats])
    res = AdapterResult(adapter=NAME)
    res.tables["activity"] = act[["source", "classification", "region", "technology", "year", "value"]]
    res.tables["documents"] = docs
    res.tables["technologies"] = techs
    res.tables["quality_flags"] = flags_frame(flags)
    res.inputs += [InputFile(path=organizations, adapter=NAME, rows_read=len(org)), InputFile(path=rounds, adapter=NAME, rows_read=len(rnd))]
    res.notes.append(f"{lr}: {len(rnd)} rounds, {lo}: {len(org)} organisations, {len(allcats)} categories; whole counting over categories")
    progress(f"crunchbase: {len(act)} activity rows, {len(docs)} document rows")
    return res


def detect(raw_dir: Path) -> list[Path] | None:
    files = [Path(raw_dir) / f for f in FILES]
    return files if all(f.is_file() for f in files) else None


def load_from_raw(raw_dir: Path, files: list[Path], progress: Progress = _quiet) -> AdapterResult:
    labels = (files[0].relative_to(raw_dir).as_posix(), files[1].relative_to(raw_dir).as_posix())
    return load(files[0], files[1], labels=labels, progress=progress)
