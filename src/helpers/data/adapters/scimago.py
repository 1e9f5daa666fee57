"""Scientific documents and citations by country x Scopus subject area (SCImago, ``country_asjc_area_year.csv``).

Input layout (one row per ASJC subject area, year and country; countries by English name as SCImago
writes them)::

    asjc_area,area_name,year,country,documents,citable_documents,citations,self_citations,citations_per_doc,h_index

Output: ``activity`` rows with source ``publications`` and two classifications,

- ``scimago_asjc``: value = documents (whole counts: a paper with authors in two countries counts
  for both);
- ``scimago_asjc_citations``: value = citations received by those documents, counted up to the
  data's collection date (recent years have fewer: compare citation impact within a year, see
  :func:`helpers.methods.impact.relative_citation_impact`);

region = ISO 3166 alpha-3 code of the country, technology = the ASJC area code as text (``"1300"``);
``technologies`` gives for both classifications the id ``ASJC1300`` and the area name of the file.

Country names are mapped with :data:`NAME_OVERRIDES` (SCImago's spellings that pycountry does not
resolve, or resolves only through a ``common_name`` that has changed between pycountry releases)
and otherwise with pycountry's exact (case-insensitive) lookup. A name that maps to nothing raises
:class:`~helpers.errors.InputError`, so no country is dropped silently. The other columns
(citable documents, self-citations, citations per document, h-index) are not used.

A year whose document total (all areas and countries) is below 50% of the median of its
neighbouring years' totals stops the build as a partial year
(:func:`~helpers.data.adapters.check_partial_years`); in the real file (1996-2016, sorted by year)
totals grow by up to 13% a year and never fall by more than 0.3% (lowest ratio to the neighbours 0.95, 1996 against 1997).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pycountry

from helpers.data.adapters import (
    AdapterResult,
    InputFile,
    Progress,
    _quiet,
    check_duplicates,
    check_partial_years,
    check_not_empty,
    check_years,
    file_line,
    ignored_columns_note,
    map_unique,
    read_csv_raw,
    single_file,
    technologies_frame,
    to_number,
)
from helpers.data.regions import describe_region, is_country_code
from helpers.errors import InputError

NAME = "scimago"
ALIASES = ("scimago", "citations")
FILES = ("publications_scimago/country_asjc_area_year.csv",)
CLASSIFICATION = "scimago_asjc"
CLASSIFICATION_CITATIONS = "scimago_asjc_citations"
GROUP = "Scopus subject area"
SOURCE = (
    "SCImago Journal & Country Rank (Scopus data), country x ASJC subject area x year 1996-2016, as collected in "
    "GitHub isaacdu84/Global-Scientific-Publications (commit 267fab0c669659474f43bf2d4670b96adb73ab7c, SciPubData.csv); "
    "no licence stated: cite 'SCImago, SJR - SCImago Journal & Country Rank'."
)
DOWNLOAD = (
    "https://github.com/isaacdu84/Global-Scientific-Publications/blob/267fab0c669659474f43bf2d4670b96adb73ab7c/SciPubData.csv "
    "(latin-1), columns renamed to asjc_area,area_name,year,country,documents,citable_documents,citations,self_citations,"
    "citations_per_doc,h_index and re-saved as UTF-8; the same figures are on https://www.scimagojr.com/countryrank.php "
    "(one download per subject area and year)."
)
COLUMNS = [
    "asjc_area", "area_name", "year", "country", "documents",
    "citable_documents", "citations", "self_citations", "citations_per_doc", "h_index",
]  # fmt: skip

#: SCImago's country names that pycountry does not resolve (or only through a ``common_name`` that
#: pycountry has renamed before) -> ISO 3166 alpha-3 code. The two garbled names are how the
#: collected file spells Côte d'Ivoire and Haïti (a latin-1/GBK round trip); the clean spellings
#: are listed too, for a re-export. ANT (Netherlands Antilles, dissolved 2010) is a withdrawn code
#: that helpers.data.regions accepts as a historic country.
NAME_OVERRIDES: dict[str, str] = {
    "C?te d¡¯Ivoire": "CIV",
    "Côte d'Ivoire": "CIV",
    "Côte d’Ivoire": "CIV",
    "Ha?ti": "HTI",
    "Haïti": "HTI",
    "Cape Verde": "CPV",
    "Democratic Republic Congo": "COD",
    "Macedonia": "MKD",
    "Netherlands Antilles": "ANT",
    "Palestine": "PSE",
    "Reunion": "REU",
    "Saint Helena": "SHN",
    "Swaziland": "SWZ",
    "Vatican City State": "VAT",
    "Virgin Islands (British)": "VGB",
    "Virgin Islands (U.S.)": "VIR",
    # resolved today only through pycountry's common_name or official_name: pinned here
    "Russian Federation": "RUS",
    "South Korea": "KOR",
    "North Korea": "PRK",
    "Iran": "IRN",
    "Taiwan": "TWN",
    "Macao": "MAC",
    "Laos": "LAO",
    "Syrian Arab Republic": "SYR",
    "Viet Nam": "VNM",
    "Czech Republic": "CZE",
    "Turkey": "TUR",
    "Bolivia": "BOL",
    "Venezuela": "VEN",
    "Tanzania": "TZA",
    "Moldova": "MDA",
    "Brunei Darussalam": "BRN",
    "Federated States of Micronesia": "FSM",
}
_AREA_RE = re.compile(r"^[1-3][0-9]00$")


def country_code(name: str) -> str | None:
    """SCImago country name -> ISO 3166 alpha-3 code accepted by helpers.data.regions, else None."""
    clean = " ".join(str(name).split())
    code = NAME_OVERRIDES.get(clean)
    if code is None:
        for attr in ("name", "common_name", "official_name"):
            c = pycountry.countries.get(**{attr: clean})
            if c is not None:
                code = c.alpha_3
                break
    if code is None:
        try:
            code = pycountry.countries.lookup(clean).alpha_3
        except LookupError:
            return None
    return code if is_country_code(code) and describe_region(code) is not None else None


def _first(mask: pd.Series) -> int:
    return int(np.flatnonzero(mask.to_numpy())[0])


def load(path: Path, *, label: str | None = None, progress: Progress = _quiet) -> AdapterResult:
    """Read the SCImago country x ASJC area file into activity and technologies rows (see module doc)."""
    path = Path(path)
    label = label or str(path)
    progress(f"scimago: reading {label}")
    try:
        df = read_csv_raw(path, COLUMNS, label=label, ignore_extra=True)
    except InputError as exc:  # a header problem: say where it is
        msg = str(exc)
        if "column(s)" in msg and msg.startswith(f"{label}: "):
            raise InputError(f"{label}: header (line 1): {msg[len(label) + 2:]}") from None
        raise
    check_not_empty(df, label)

    area = df["asjc_area"].str.strip()
    bad = ~area.str.match(_AREA_RE)
    if bad.any():
        pos = _first(bad)
        raise InputError(
            f"{label}: column 'asjc_area' has {df['asjc_area'].iloc[pos]!r} at line {file_line(df, pos)}, not an ASJC subject area code; "
            f"write the four-digit area code (1000, 1100, ..., 3600)"
        )
    area_name = df["area_name"].str.strip()
    empty = area_name.eq("")
    if empty.any():
        pos = _first(empty)
        raise InputError(f"{label}: column 'area_name' is empty at line {file_line(df, pos)}; write the ASJC area name (e.g. 'Medicine')")
    first_name = area_name.groupby(area).transform("first")
    differs = area_name.ne(first_name)
    if differs.any():
        pos = _first(differs)
        first_line = file_line(df, _first(area.eq(area.iloc[pos])))
        raise InputError(
            f"{label}: column 'area_name' is {area_name.iloc[pos]!r} for area {area.iloc[pos]} at line {file_line(df, pos)} but "
            f"{first_name.iloc[pos]!r} at line {first_line}; an area code has one name: fix the code or the name"
        )

    year = to_number(df, "year", label, integer=True, what="year")
    check_years(year, label)
    documents = to_number(df, "documents", label, integer=True, nonnegative=True, what="document count")
    citations = to_number(df, "citations", label, integer=True, nonnegative=True, what="citation count")
    check_partial_years(year, documents, label, what="document total")

    country = map_unique(df["country"], lambda s: " ".join(str(s).split()))
    blank = country.eq("")
    if blank.any():
        pos = _first(blank)
        raise InputError(f"{label}: column 'country' is empty at line {file_line(df, pos)}; write the country name as SCImago does")
    check_duplicates(pd.DataFrame({"asjc_area": area, "year": year, "country": country}), ["asjc_area", "year", "country"], label)
    codes = {n: country_code(n) for n in country.unique()}
    unknown = country.map(codes).isna()
    if unknown.any():
        pos = _first(unknown)
        n_unknown = int(country[unknown].nunique())
        raise InputError(
            f"{label}: column 'country' has the name {country.iloc[pos]!r} at line {file_line(df, pos)} that pycountry does not resolve "
            f"({n_unknown} unknown name(s)); add it to NAME_OVERRIDES in helpers/data/adapters/scimago.py (name -> ISO 3166 alpha-3 code)"
        )
    region = country.map(codes)
    same = pd.DataFrame({"asjc_area": area, "year": year, "region": region}).duplicated(keep="first")
    if same.any():
        pos = _first(same)
        other = country[(region == region.iloc[pos]) & country.ne(country.iloc[pos])].iloc[0]
        raise InputError(
            f"{label}: column 'country' has {country.iloc[pos]!r} at line {file_line(df, pos)} and {other!r}, both mapped to "
            f"{region.iloc[pos]} for area {area.iloc[pos]} and year {year.iloc[pos]}; keep one spelling per country (sum or drop the duplicate)"
        )

    base = pd.DataFrame({"source": "publications", "region": region, "technology": area, "year": year.astype("Int64")})
    docs = base.assign(classification=CLASSIFICATION, value=documents.astype("float64"))
    cits = base.assign(classification=CLASSIFICATION_CITATIONS, value=citations.astype("float64"))
    cols = ["source", "classification", "region", "technology", "year", "value"]
    act = pd.concat([docs[cols], cits[cols]], ignore_index=True)
    act = act.sort_values(["classification", "region", "technology", "year"], kind="mergesort").reset_index(drop=True)

    names = pd.DataFrame({"technology": area, "label": area_name}).drop_duplicates("technology").sort_values("technology")
    techs = technologies_frame(
        [
            {"classification": cls, "technology": t, "technology_id": f"ASJC{t}", "label": lab, "group": GROUP}
            for cls in (CLASSIFICATION, CLASSIFICATION_CITATIONS)
            for t, lab in zip(names["technology"], names["label"])
        ]
    )

    res = AdapterResult(adapter=NAME)
    res.tables["activity"] = act
    res.tables["technologies"] = techs
    res.inputs.append(InputFile(path=path, adapter=NAME, rows_read=len(df)))
    renamed = sorted(n for n in codes if " ".join(n.split()) in NAME_OVERRIDES)
    res.notes.append(
        f"{label}: {len(df)} rows, {region.nunique()} countries, {area.nunique()} ASJC areas, years "
        f"{int(year.min())}-{int(year.max())}; {int(documents.sum())} documents (whole counts), {int(citations.sum())} citations; "
        f"{len(renamed)} country names mapped by NAME_OVERRIDES"
    )
    res.notes += ignored_columns_note(df, label)
    progress(f"scimago: {len(act)} activity rows")
    return res


# how the build finds and reads this adapter's file in a raw data folder
detect, load_from_raw = single_file(FILES[0], load)
