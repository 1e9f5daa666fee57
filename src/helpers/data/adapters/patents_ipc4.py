"""Patents by inventor country x IPC subclass (and x NACE industry) over three periods, with the
within-patent co-occurrence of the codes (folder ``patents_country_ipc4/``: EPO PATSTAT 2019
aggregates, replication data of Leusin et al. 2025).

Input layouts::

    country_ipc4_patents.csv          ctry_code,ipc4,patents_frac,period      (period "2004-2018")
    country_nace2_patents.csv         ctry_code,nace2,patents_frac,period     (NACE "27,5" or "27.5")
    ipc4_cooccurrence_1974_2018.csv   a,b,cooc                                (both orders; years in the name)
    nace2_cooccurrence_1974_2018.csv  a,b,cooc

Output:

* ``activity`` rows with source ``patents``, classification ``ipc4_patstat`` (IPC subclass, e.g.
  ``C12N``) or ``nace2_patstat`` (NACE Rev. 2 code as ``27.5``), ``year`` the period's first year and
  ``year_last`` its last, ``value`` the fractional count (each application adds up to 1 over its
  country x code pairs);
* ``cooccurrence`` rows (``code_a, code_b, count``, both orders, with the diagonal as the source
  counts it) and the pooled years from the file name;
* ``technologies`` rows for every code (label = the code; the book takes IPC titles from
  ``data/ipc_subclass_titles.csv``); ``group`` is the subclass's WIPO technology field (Schmoch
  2008) from ``ipc4_to_wipo35.csv`` when the folder has it (a subclass split over several fields
  by main group takes the field of most of its main groups), and the NACE description from
  ``ipc_to_nace2_concordance.csv``.

Country codes are ISO 3166 alpha-2 as PATSTAT writes them. :data:`ISO2_OVERRIDES` maps PATSTAT's
withdrawn or non-ISO country codes (``UK``, ``SU``, ``DD``, ``CS`` ...); :data:`NON_COUNTRY_CODES`
lists the codes that are no country (patent offices, sub-national abbreviations, placeholders):
their counts go to region ``UNK`` and every such code is listed in ``quality_flags.csv``. Any
other code stops the build with one line naming the file, line and code.
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
    check_duplicates,
    check_not_empty,
    file_line,
    flags_frame,
    ignored_columns_note,
    map_unique,
    read_csv_raw,
    technologies_frame,
    to_number,
)
from helpers.data.regions import UNKNOWN, iso2_to_iso3
from helpers.errors import InputError

NAME = "patents_ipc4"
ALIASES = ("ipc4", "patstat")
FOLDER = "patents_country_ipc4"
FILES = (f"{FOLDER}/country_ipc4_patents.csv", f"{FOLDER}/ipc4_cooccurrence_<first>_<last>.csv",
         f"{FOLDER}/country_nace2_patents.csv", f"{FOLDER}/nace2_cooccurrence_<first>_<last>.csv")
SOURCE = ("EPO PATSTAT 2019 aggregates, replication data of Leusin et al. (2025), Economics of Innovation and New Technology, "
          "doi 10.1080/10438599.2025.2558626; no licence stated: cite the paper and 'EPO PATSTAT 2019'.")
DOWNLOAD = ("GitHub matheusleusin/Paper-The_Emergence_of_Artificial_Intelligence (commits 37a8e0d5 for the IPC files, 7b96acef for "
            "NACE), reshaped from ';'-separated wide files with decimal commas to the tidy layouts in the module documentation.")

IPC = "ipc4_patstat"
NACE = "nace2_patstat"
IPC_PATTERN = re.compile(r"^[A-H][0-9]{2}[A-Z]$")
NACE_PATTERN = re.compile(r"^[0-9]{2}(\.[0-9]{1,2})?$")
PERIOD_PATTERN = re.compile(r"^(\d{4})-(\d{4})$")

#: PATSTAT country codes that are not current ISO alpha-2 codes -> region code (withdrawn states, the UK's old code)
ISO2_OVERRIDES = {"UK": "GBR", "SU": "SUN", "DD": "DDR", "YU": "YUG", "AN": "ANT", "BU": "BUR", "ZR": "ZAR", "TP": "TMP",
                  "YD": "YMD", "RH": "RHO", "XK": "XKX"}
#: ``CS`` is Czechoslovakia until 1992 and Serbia and Montenegro from 2003 (ISO 3166 reused the code)
CS_BY_PERIOD_END = ((1992, "CSK"), (9999, "SCG"))
#: Codes in PATSTAT's inventor country that are no country: regional patent offices (EP, WO, IB, EA, AP, OA, GC, XN, XA,
#: XP), US and Canadian state or province abbreviations and other sub-national codes written in the country field, and
#: placeholders (ZZ, blank). Together they hold a few hundred of the 31 million applications.
NON_COUNTRY_CODES = frozenset({
    "AB", "AP", "BC", "CT", "EA", "EP", "FL", "GC", "HA", "IB", "JA", "KS", "LN", "MI", "NH", "NJ", "NY", "OA", "OH", "ON",
    "OR", "OT", "PC", "PI", "PO", "RI", "SF", "SP", "TS", "TX", "U", "UC", "UD", "UE", "UN", "UR", "UT", "UX", "VZ", "WA",
    "WO", "WV", "XA", "XN", "XP", "YS", "ZJ", "ZZ", "",
})


def country_code(iso2: str, period_end: int) -> str | None:
    """PATSTAT country code -> region code (ISO alpha-3, a withdrawn code, or ``UNK``); None if unknown.

    >>> country_code("BE", 2018), country_code("UK", 2018), country_code("CS", 1988), country_code("EP", 2018)
    ('BEL', 'GBR', 'CSK', 'UNK')
    """
    code = iso2.strip().upper()
    if code in NON_COUNTRY_CODES:
        return UNKNOWN
    if code == "CS":
        return next(c for last, c in CS_BY_PERIOD_END if period_end <= last or last == 9999)
    return ISO2_OVERRIDES.get(code) or iso2_to_iso3(code)


def nace_code(text: str) -> str:
    """NACE Rev. 2 code as the files write it ("27,5", "27.50", "10.0") -> "27.5" / "10"."""
    t = text.strip().replace(",", ".")
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    return t


def _periods(df: pd.DataFrame, label: str) -> tuple[pd.Series, pd.Series]:
    uniq = pd.Series(df["period"].unique(), dtype=object)
    found = uniq.str.strip().str.extract(PERIOD_PATTERN)  # once per distinct period, not per row
    parts = pd.DataFrame({i: df["period"].map(dict(zip(uniq, found[i]))) for i in (0, 1)})
    bad = parts[0].isna() | (parts[0].astype(float) > parts[1].astype(float))
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"{label}: column 'period' has {df['period'].iloc[pos]!r} at line {file_line(df, pos)}; write a period as first-last years, e.g. 2004-2018")
    return parts[0].astype(int), parts[1].astype(int)


def _codes(df: pd.DataFrame, column: str, label: str, kind: str) -> pd.Series:
    if kind == IPC:
        codes, pattern, what = df[column].str.strip().str.upper(), IPC_PATTERN, "an IPC subclass such as C12N"
    else:
        codes, pattern, what = map_unique(df[column], nace_code), NACE_PATTERN, "a NACE Rev. 2 code such as 27.5"
    bad = ~codes.str.match(pattern)
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"{label}: unknown code {df[column].iloc[pos]!r} in column '{column}' at line {file_line(df, pos)} "
                         f"({int(bad.sum())} such rows); write {what}")
    return codes


def load_counts(path: Path, kind: str, *, label: str | None = None, notes: list[str] | None = None) -> tuple[pd.DataFrame, list[dict], int]:
    """Country x code counts by period -> (activity rows, quality flags, rows read); ``notes`` gets the ignored columns."""
    label = label or str(path)
    column = "ipc4" if kind == IPC else "nace2"
    df = read_csv_raw(path, ["ctry_code", column, "patents_frac", "period"], label=label, ignore_extra=True)
    if notes is not None:
        notes += ignored_columns_note(df, label)
    check_not_empty(df, label)
    value = to_number(df, "patents_frac", label, nonnegative=True, what="patent count")
    first, last = _periods(df, label)
    codes = _codes(df, column, label, kind)
    raw = df["ctry_code"].str.strip().str.upper()
    pairs = pd.DataFrame({"raw": raw, "last": last}).drop_duplicates()
    pairs["region"] = [country_code(r, int(e)) for r, e in zip(pairs["raw"], pairs["last"])]
    unknown = pairs[pairs["region"].isna()]
    if len(unknown):
        bad = unknown["raw"].iloc[0]
        pos = int(np.flatnonzero((raw == bad).to_numpy())[0])
        raise InputError(f"{label}: unknown country code {df['ctry_code'].iloc[pos]!r} in column 'ctry_code' at line {file_line(df, pos)} "
                         f"({unknown['raw'].nunique()} unknown codes); use ISO 3166 alpha-2, or add the code to "
                         "helpers.data.adapters.patents_ipc4.ISO2_OVERRIDES (a country) or NON_COUNTRY_CODES (an office or placeholder)")
    region = pd.DataFrame({"raw": raw, "last": last}).merge(pairs, on=["raw", "last"], how="left")["region"].to_numpy()
    work = pd.DataFrame({"raw": raw, "region": region, "technology": codes, "year": first, "year_last": last, "value": value})
    check_duplicates(work.assign(ctry_code=df["ctry_code"], period=df["period"]), ["ctry_code", "technology", "period"], label)
    flags = []
    unk = work[work["region"] == UNKNOWN]
    for code, g in unk.groupby("raw", sort=True):
        flags.append(dict(file=label, table="activity", region=UNKNOWN, item=f"ctry_code={code or '(blank)'}", year=None,
                          value=float(g["value"].sum()), flag="unknown_location",
                          reason=f"{len(g)} rows with the code {code or '(blank)'!r}, which is no country (a patent office, a "
                                 f"sub-national abbreviation or a placeholder): {g['value'].sum():.1f} applications counted under UNK"))
    act = work.groupby(["region", "technology", "year", "year_last"], as_index=False, sort=True)["value"].sum()
    act.insert(0, "classification", kind)
    act.insert(0, "source", "patents")
    return act, flags, len(df)


def load_cooccurrence(path: Path, kind: str, *, label: str | None = None, notes: list[str] | None = None) -> tuple[pd.DataFrame, int]:
    """Code x code co-occurrence counts (both orders) -> cooccurrence rows; asymmetric counts stop the build; ``notes`` gets the ignored columns."""
    label = label or str(path)
    m = re.search(r"_(\d{4})_(\d{4})\.csv$", Path(path).name)
    if m is None:
        raise InputError(f"{label}: the file name must end in _<first year>_<last year>.csv (the years the counts pool)")
    df = read_csv_raw(path, ["a", "b", "cooc"], label=label, ignore_extra=True)
    if notes is not None:
        notes += ignored_columns_note(df, label)
    check_not_empty(df, label)
    count = to_number(df, "cooc", label, nonnegative=True, what="co-occurrence count")
    a, b = _codes(df, "a", label, kind), _codes(df, "b", label, kind)
    work = pd.DataFrame({"code_a": a, "code_b": b, "count": count})
    check_duplicates(work.assign(a=df["a"], b=df["b"]), ["code_a", "code_b"], label)
    mirror = work.rename(columns={"code_a": "code_b", "code_b": "code_a", "count": "mirror"})
    joined = work.merge(mirror, on=["code_a", "code_b"], how="left")
    asym = joined["mirror"].isna() | ~np.isclose(joined["count"], joined["mirror"].fillna(-1), rtol=1e-12, atol=0)
    if asym.any():
        pos = int(np.flatnonzero(asym.to_numpy())[0])
        r = joined.iloc[pos]
        other = "missing" if pd.isna(r["mirror"]) else f"{r['mirror']:g}"
        raise InputError(f"{label}: the co-occurrence is not symmetric at line {file_line(work, pos)}: ({r['code_a']}, {r['code_b']}) = {r['count']:g} "
                         f"but ({r['code_b']}, {r['code_a']}) = {other}; a co-occurrence matrix lists both orders with the same count")
    work.insert(0, "classification", kind)
    work.insert(0, "source", "patents")
    work["year_first"], work["year_last"] = int(m.group(1)), int(m.group(2))
    return work, len(df)


def _groups(folder: Path) -> dict[tuple[str, str], str]:
    """(classification, code) -> group label from the folder's concordances (empty when they are absent)."""
    out: dict[tuple[str, str], str] = {}
    wipo = folder / "ipc4_to_wipo35.csv"
    if wipo.is_file():
        w = read_csv_raw(wipo, ["ipc_maingroup_symbol", "field_name"], label=str(wipo))
        w = w.assign(sub=w["ipc_maingroup_symbol"].str.strip().str[:4], whole=w["ipc_maingroup_symbol"].str.strip().str.len() == 4,
                     field_name=w["field_name"].str.strip())
        # the subclass's own row wins; else the field of most of its main groups (ties: first in the file)
        w = w.assign(n=w.groupby(["sub", "field_name"], sort=False)["sub"].transform("size")).sort_values(["whole", "n"], ascending=False, kind="mergesort")
        out |= {(IPC, s): f for s, f in w.drop_duplicates("sub")[["sub", "field_name"]].itertuples(index=False, name=None)}
    nace = folder / "ipc_to_nace2_concordance.csv"
    if nace.is_file():
        n = read_csv_raw(nace, ["nace2_code", "nace2_descr"], label=str(nace))
        out |= {(NACE, nace_code(c)): d.strip() for c, d in zip(n["nace2_code"], n["nace2_descr"]) if c.strip()}
    return out


def detect(raw_dir: Path) -> list[Path] | None:
    """The folder's files that are there (counts first); None without a count file."""
    folder = Path(raw_dir) / FOLDER
    counts = [folder / f for f in ("country_ipc4_patents.csv", "country_nace2_patents.csv") if (folder / f).is_file()]
    if not counts:
        return None
    return counts + sorted(folder.glob("ipc4_cooccurrence_*.csv")) + sorted(folder.glob("nace2_cooccurrence_*.csv"))


def load_from_raw(raw_dir: Path, files: list[Path], progress: Progress = _quiet) -> AdapterResult:
    """Read every file :func:`detect` found into one result."""
    res = AdapterResult(adapter=NAME)
    acts, coocs, flags = [], [], []
    for f in files:
        label = f.relative_to(raw_dir).as_posix() if Path(raw_dir) in f.parents else str(f)
        kind = IPC if f.name.startswith(("country_ipc4", "ipc4_")) else NACE
        progress(f"patents_ipc4: reading {label}")
        if f.name.startswith("country_"):
            act, fl, n = load_counts(f, kind, label=label, notes=res.notes)
            acts.append(act)
            flags += fl
            res.notes.append(f"{label}: {n} rows, {act['region'].nunique()} regions, {act['technology'].nunique()} codes, "
                             f"periods {', '.join(sorted({f'{a}-{b}' for a, b in zip(act['year'], act['year_last'])}))}")
        else:
            cooc, n = load_cooccurrence(f, kind, label=label, notes=res.notes)
            coocs.append(cooc)
            res.notes.append(f"{label}: {n} co-occurrence rows over {cooc['code_a'].nunique()} codes")
        res.inputs.append(InputFile(path=f, adapter=NAME, rows_read=n))
    activity = pd.concat(acts, ignore_index=True)
    cooccurrence = pd.concat(coocs, ignore_index=True) if coocs else pd.DataFrame(
        columns=["source", "classification", "code_a", "code_b", "count", "year_first", "year_last"])
    codes = pd.concat([activity[["classification", "technology"]],
                       cooccurrence[["classification", "code_a"]].rename(columns={"code_a": "technology"})]).drop_duplicates()
    res.tables["activity"] = activity
    res.tables["cooccurrence"] = cooccurrence
    groups = _groups(files[0].parent)
    res.tables["technologies"] = technologies_frame([
        dict(classification=c, technology=t, technology_id=t, label=t, group=groups.get((c, t), "IPC subclass" if c == IPC else "NACE Rev. 2"))
        for c, t in sorted(codes.itertuples(index=False, name=None))])
    res.tables["quality_flags"] = flags_frame(flags)
    progress(f"patents_ipc4: {len(activity)} activity rows, {len(cooccurrence)} co-occurrence rows")
    return res
