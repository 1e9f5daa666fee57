"""The patents page on IPC subclasses: reading the EPO PATSTAT data and the technology space of one period.

The data (:mod:`helpers.data.adapters.patents_ipc4`) count patent applications by inventor country
and IPC subclass (653 subclasses) over three periods, and publish the within-patent co-occurrence
of the subclasses (1974-2018 pooled). The space of one period is the framework of
:mod:`helpers.chapters.technologies.space` with two choices of this page:

* the **reference group**: RCA compares the focus country with a group of countries (all
  countries, the OECD members, the EU-27 or a list), the focus country always included. PATSTAT
  counts first filings at any office, so China's domestic utility filings make up a large part of
  the world total after 2004; the OECD is the default because the field compares patent
  specialisation among OECD economies (OECD Patent Statistics Manual 2009, ch. 7);
* **relatedness** from the published co-occurrence within the same patents, normalised (cosine by
  default, as the CEPS study) over all 653 subclasses, instead of co-location.

Complexity comes from the reference group's countries with at least ``min_activity`` patents in
the period.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.chapters.sectors.regions import EU27_MEMBERS
from helpers.chapters.technologies.checks import _names
from helpers.chapters.technologies.space import TechnologySpace, technology_space
from helpers.data import PROJECT_DATA, canonical
from helpers.errors import InputError

IPC = "ipc4_patstat"
#: The 38 member countries of the OECD (2026), ISO 3166 alpha-3. OECD, "Members and partners",
#: https://www.oecd.org/en/about/members-partners.html (Costa Rica joined last, in 2021).
OECD_MEMBERS: tuple[str, ...] = (
    "AUS", "AUT", "BEL", "CAN", "CHL", "COL", "CRI", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "ISL", "IRL", "ISR",
    "ITA", "JPN", "KOR", "LVA", "LTU", "LUX", "MEX", "NLD", "NZL", "NOR", "POL", "PRT", "SVK", "SVN", "ESP", "SWE", "CHE", "TUR",
    "GBR", "USA",
)
GROUPS: dict[str, tuple[str, ...]] = {"oecd": OECD_MEMBERS, "eu27": EU27_MEMBERS}


@dataclass
class IpcData:
    """The IPC-subclass patents of a data folder: country rows, the co-occurrence, the subclasses' labels."""

    activity: pd.DataFrame
    cooccurrence: pd.DataFrame
    technologies: pd.DataFrame
    titles: pd.DataFrame

    @property
    def periods(self) -> list[tuple[int, int]]:
        """The periods of the data, oldest first."""
        pairs = self.activity[["year", "year_last"]].drop_duplicates()
        return sorted((int(a), int(b)) for a, b in pairs.itertuples(index=False, name=None))

    @property
    def available(self) -> bool:
        return len(self.activity) > 0


def load_titles(path: Path | None = None) -> pd.DataFrame:
    """``data/ipc_subclass_titles.csv`` (ipc4, title, citation); an empty table when the file is absent."""
    path = Path(path) if path is not None else PROJECT_DATA / "ipc_subclass_titles.csv"
    if not path.is_file():
        return pd.DataFrame(columns=["ipc4", "title", "citation"])
    titles = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not {"ipc4", "title"} <= set(titles.columns):
        raise InputError(f"{path}: needs the columns ipc4 and title (and citation); fix the header")
    dup = titles["ipc4"].duplicated()
    if dup.any():
        raise InputError(f"{path}: the subclass {titles['ipc4'][dup].iloc[0]!r} is listed twice; keep one row per subclass")
    return titles


def load_ipc(data_dir: Path | str) -> IpcData:
    """The IPC-subclass patents of the canonical folder ``data_dir`` (countries only); empty when the data have none."""
    data_dir = Path(data_dir)
    techs = canonical.read(data_dir, "technologies")
    techs = techs[techs["classification"] == IPC].reset_index(drop=True)
    if techs.empty:
        empty = canonical.read(data_dir, "activity").iloc[0:0]
        return IpcData(empty, pd.DataFrame(columns=["code_a", "code_b", "count"]), techs, load_titles())
    activity = canonical.read(data_dir, "activity", source="patents", classification=IPC, level="country")
    cooc = canonical.read(data_dir, "cooccurrence")
    cooc = cooc[cooc["classification"] == IPC].reset_index(drop=True)
    return IpcData(activity, cooc, techs, load_titles())


def reference_regions(group: str | Sequence[str], focus: str, countries: Sequence[str]) -> tuple[list[str], list[str]]:
    """The countries RCA compares with (the group's members present in the data, and the focus) and
    the members absent from the data. ``group``: ``world`` (every country), ``oecd``, ``eu27`` or a
    list of codes.

    >>> reference_regions(["BEL", "NLD", "XKX"], "DEU", ["BEL", "DEU", "NLD", "FRA"])
    (['BEL', 'DEU', 'NLD'], ['XKX'])
    """
    have = set(countries)
    if isinstance(group, str):
        if group == "world":
            return sorted(have), []
        if group not in GROUPS:
            raise InputError(f"reference group {group!r}: use world, {', '.join(GROUPS)} or a list of country codes")
        members = GROUPS[group]
    else:
        members = tuple(group)
    if focus not in have:
        raise InputError(f"IPC-subclass patents: region {focus!r} has no patents in the data; choose a country present in the data")
    present = sorted({m for m in members if m in have} | {focus})
    if len(present) < 2:
        raise InputError(f"reference group {group!r}: only {focus} has patents in the data; RCA needs other countries to compare with")
    return present, sorted(m for m in members if m not in have)


def ipc_space(data: IpcData, focus: str, window: Sequence[int], *, reference_group: str | Sequence[str] = "oecd",
              rca_threshold: float = 1.0, relatedness_method: str = "cosine", complexity_method: str = "eigenvector",
              min_activity: float = 0.0) -> TechnologySpace:
    """The technology space of the IPC subclasses in one period (``window`` = the period's first and
    last year), over the reference group (:func:`reference_regions`), with relatedness from the
    within-patent co-occurrence. The space's ``notes`` name the group's members missing from the data."""
    if not data.available:
        raise InputError("IPC-subclass patents: the data folder has none (patents_country_ipc4/ in the raw data)")
    start, end = int(window[0]), int(window[1])
    spans = data.periods
    if (start, end) not in spans:
        raise InputError(f"IPC-subclass patents: the window {start}-{end} is not a period of the data; use one of "
                         f"{', '.join(f'[{a}, {b}]' for a, b in spans)}")
    rows = data.activity[(data.activity["year"] == start) & (data.activity["year_last"] == end)]
    regions, missing = reference_regions(reference_group, focus, sorted(rows["region"].unique()))
    space = technology_space(rows[rows["region"].isin(regions)], (start, end), classification=IPC, rca_threshold=rca_threshold,
                             relatedness_method=relatedness_method, complexity_method=complexity_method, min_activity=min_activity,
                             source="patents", cooccurrence=data.cooccurrence)
    if missing:
        space.notes.append(f"reference group: {_names(missing)} have no patents in {start}-{end}")
    return space
