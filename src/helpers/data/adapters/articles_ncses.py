"""S&E articles by country and field, NCSES Science & Engineering Indicators (``articles_country_field.csv``).

Input layout (fractional counts of Scopus articles, NCSES tables SPBS-1..15)::

    field,region_path,region,income_group,year,articles

``region_path`` is the NCSES hierarchy ("World -> Europe -> EU-27 and United Kingdom -> EU-27 ->
Belgium"). Nodes with children and the named aggregates (World, EU-27, Other Europe, ...) become
aggregate codes (WLD, EU27, EU28, NCSES_*; level *aggregate* in regions.csv), so that summing the
*country* rows never includes an aggregate. Country names are mapped to ISO alpha-3 with pycountry plus
:data:`helpers.data.regions.NAME_OVERRIDES`; an unknown name is an error. Puerto Rico, which NCSES lists
inside the United States (the US value includes it), is level *territory*. "Unassigned" is ``UNK``.

Output: ``activity`` rows with source ``publications``, classification ``ncses_fields``, technology = the
field name, except "All S&E fields" which becomes technology ``all`` (the NCSES total, kept beside the
14 fields: leave it out of a region x field matrix). Aggregates whose value differs from the sum of
their children by more than 0.5% are listed in quality_flags.csv (``aggregate_mismatch``).

A year whose article total (the sum of all rows of the year: fields, countries and aggregates
alike) is below 50% of the median of its neighbouring years' totals stops the build as a partial
year (:func:`~helpers.data.adapters.check_partial_years`); in the real file (2003-2022) totals grow
every year by 2-11%, so the lowest ratio to the neighbours is 0.92 (2003 against 2004).
"""

from __future__ import annotations

import html
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
    check_partial_years,
    ignored_columns_note,
    map_unique,
    read_csv_raw,
    technologies_frame,
    to_number,
)
from helpers.errors import InputError
from helpers.data.regions import describe_region, names_to_codes

NAME = "articles_ncses"
ALIASES = ("publications", "articles")
FILES = ("articles_country_field.csv",)
CLASSIFICATION = "ncses_fields"
TOTAL_FIELD = "All S&E fields"
SOURCE = "US NSF/NCSES Science & Engineering Indicators 2024 (Scopus, Science-Metrix), tables SPBS-1..15; US federal statistics, public domain."
DOWNLOAD = (
    "NCSES, Science and Engineering Indicators 2024, 'Publications Output: U.S. Trends and International "
    "Comparisons' (NSB-2023-33), supplementary tables SPBS-1 to SPBS-15 (ncses.nsf.gov/pubs/nsb202333), "
    "reshaped to the long layout field,region_path,region,income_group,year,articles."
)
COLUMNS = ["field", "region_path", "region", "income_group", "year", "articles"]
FIELDS = (
    "Agricultural sciences",
    "Astronomy and astrophysics",
    "Biological and biomedical sciences",
    "Chemistry",
    "Computer and information sciences",
    "Engineering",
    "Geosciences, atmospheric sciences, and ocean sciences",
    "Health sciences",
    "Materials science",
    "Mathematics and statistics",
    "Natural resources and conservation",
    "Physics",
    "Psychology",
    "Social sciences",
)
SEP = " -> "


def technologies() -> pd.DataFrame:
    rows = [dict(classification=CLASSIFICATION, technology="all", technology_id="N00", label="All S&E fields", group="total")]
    rows += [dict(classification=CLASSIFICATION, technology=f, technology_id=f"N{i:02d}", label=f, group="field") for i, f in enumerate(FIELDS, 1)]
    return technologies_frame(rows)


def _clean(s: pd.Series) -> pd.Series:
    return map_unique(s, lambda v: " ".join(html.unescape(v).split()))


def _parent_code(path: str, node_name: dict[str, str], code_of: dict[str, str]) -> str | None:
    """The region code of the parent of ``path``, or None at the top or when the parent path has no row."""
    parent = path.rsplit(SEP, 1)[0] if SEP in path else None
    return code_of[node_name[parent]] if parent in node_name else None


def load(path: Path, *, label: str | None = None, progress: Progress = _quiet) -> AdapterResult:
    """Read the NCSES articles file into activity rows (see module doc)."""
    path = Path(path)
    label = label or str(path)
    progress(f"articles_ncses: reading {label}")
    df = read_csv_raw(path, COLUMNS, label=label, ignore_extra=True)
    check_not_empty(df, label)
    year = to_number(df, "year", label, integer=True, what="year")
    check_years(year, label)
    articles = to_number(df, "articles", label, nonnegative=True, what="article count")
    check_partial_years(year, articles, label, what="article total (all rows)")
    field = df["field"].str.strip()
    known = set(FIELDS) | {TOTAL_FIELD}
    bad = ~field.isin(known)
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"{label}: unknown technology code {df['field'].iloc[pos]!r} in column 'field' at line {file_line(df, pos)}; "
            f"expected one of the 14 NCSES fields or {TOTAL_FIELD!r} (helpers.data.adapters.articles_ncses.FIELDS)"
        )
    path_s = _clean(df["region_path"])
    region_s = _clean(df["region"])
    leaf = map_unique(path_s, lambda p: p.rsplit(SEP, 1)[-1])
    mism = leaf != region_s
    if mism.any():
        pos = int(np.flatnonzero(mism.to_numpy())[0])
        raise InputError(
            f"{label}: line {file_line(df, pos)}: column 'region' is {df['region'].iloc[pos]!r} but 'region_path' ends in {leaf.iloc[pos]!r}; "
            f"the region must be the last element of its path"
        )
    # the hierarchy: which paths have children
    paths = sorted(set(path_s))
    parents = {p.rsplit(SEP, 1)[0] for p in paths if SEP in p}
    node_name = {p: p.rsplit(SEP, 1)[-1] for p in paths}
    code_of = names_to_codes(sorted(set(node_name.values())), file=label, column="region")
    # a country name under two paths would silently merge two rows
    by_code: dict[str, str] = {}
    for p in paths:
        c = code_of[node_name[p]]
        if c in by_code and by_code[c] != p:
            raise InputError(f"{label}: column 'region_path': {by_code[c]!r} and {p!r} both map to region {c!r}; give them different codes in helpers.data.regions")
        by_code[c] = p
    for p in paths:
        d = describe_region(code_of[node_name[p]])
        if d is None:
            raise InputError(f"{label}: region {node_name[p]!r} maps to the unknown code {code_of[node_name[p]]!r}; fix helpers.data.regions.NAME_OVERRIDES")
        if p in parents and d["level"] not in ("aggregate", "country"):
            raise InputError(f"{label}: region {node_name[p]!r} has children but is level {d['level']}; fix helpers.data.regions")
    region = map_unique(path_s, lambda p: code_of[node_name[p]])
    technology = field.where(field != TOTAL_FIELD, "all")
    act = pd.DataFrame(
        {"source": "publications", "classification": CLASSIFICATION, "region": region, "technology": technology, "year": year, "value": articles}
    )
    check_duplicates(act.assign(region_path=df["region_path"]), ["technology", "region_path", "year"], label)

    # consistency of aggregates: value vs the sum of the children (flag, do not fix)
    flags = []
    # a parent path without a row of its own ('World -> Europe' but no 'World') has no value to compare
    parent_code = map_unique(path_s, lambda p: _parent_code(p, node_name, code_of))
    kids = act.assign(parent=parent_code).dropna(subset=["parent"]).groupby(["parent", "technology", "year"])["value"].sum()
    own = act.set_index(["region", "technology", "year"])["value"]
    own.index.names = ["parent", "technology", "year"]
    cmp = pd.concat({"own": own, "kids": kids}, axis=1, join="inner")
    off = cmp[(cmp["own"] - cmp["kids"]).abs() > 0.005 * cmp["own"].abs().clip(lower=1.0)]
    off = off.assign(rel=(off["own"] - off["kids"]).abs() / off["own"].abs().clip(lower=1.0))
    for (reg, tech), g in off.groupby(level=["parent", "technology"], sort=True):
        worst = g["rel"].idxmax()
        flags.append(
            dict(
                file=label, table="activity", region=reg, item=tech, year=None, value=float(len(g)), flag="aggregate_mismatch",
                reason=(
                    f"in {len(g)} years ({int(g.index.get_level_values('year').min())}-{int(g.index.get_level_values('year').max())}) "
                    f"the aggregate differs from the sum of its children by more than 0.5% (worst {worst[2]}: "
                    f"{g.loc[worst, 'own']:.2f} vs {g.loc[worst, 'kids']:.2f}); sum countries, not this node"
                ),
            )
        )
    res = AdapterResult(adapter=NAME)
    res.tables["activity"] = act.sort_values(["region", "technology", "year"], kind="mergesort").reset_index(drop=True)
    res.tables["technologies"] = technologies()
    res.tables["quality_flags"] = flags_frame(flags)
    res.inputs.append(InputFile(path=path, adapter=NAME, rows_read=len(df)))
    n_agg = sum(1 for p in paths if describe_region(code_of[node_name[p]])["level"] == "aggregate")  # type: ignore[index]
    res.notes.append(
        f"{label}: {len(df)} rows, {len(paths)} regions of which {n_agg} aggregates; 'All S&E fields' kept as technology 'all'; "
        f"{len(off)} aggregate values differ from the sum of their children by more than 0.5%"
    )
    res.notes += ignored_columns_note(df, label)
    progress(f"articles_ncses: {len(act)} activity rows")
    return res


# how the build finds and reads this adapter's file in a raw data folder
detect, load_from_raw = single_file(FILES[0], load)
