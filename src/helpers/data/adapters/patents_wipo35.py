"""Patents by inventor country x 35 WIPO technology fields (``patents_country_wipo35.csv``).

Input layout (one row per year, country and field)::

    year,country_iso3,country_name,wipo_field,patents

Output: ``activity`` rows with source ``patents``, classification ``wipo35``, region = ISO alpha-3,
technology = the WIPO field name exactly as in the file (technologies.csv gives the stable WIPO field
number W01..W35 of Schmoch's 2008 concordance and its sector), value = patent count.

Rows with an empty ``country_iso3`` (blank, or spaces with the name of an international office such
as the EPO) have no inventor country: they are summed into region ``UNK`` (level *unknown*, never a
country) and every such group is listed in quality_flags.csv with its row and patent count.
Country codes unknown to pycountry (current or historic) raise an error.

Incomplete files stop the build (:func:`~helpers.data.adapters.check_partial_years`): a last line
without a line end (a file cut off inside a record), or a year whose patent total (all rows, UNK
included) is below 50% of the median of its neighbouring years' totals (the last year is compared
with the year before). In the real file (1995-2019) the lowest ratio is 0.79 (2010, 1,326,427
patents against 1,895,738 in 2009 and 1,460,647 in 2011) and the last year is not low (2019:
2,259,491 against 2,146,250 in 2018; the publication lag of the most recent PATSTAT years does not
show in this file), so 50% leaves a wide margin while a year cut off part way fails. A year that
really is that low (e.g. a preliminary last year) has to be removed from the file on purpose.
"""

from __future__ import annotations

from pathlib import Path

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
    read_csv_raw,
    technologies_frame,
    to_number,
)
from helpers.errors import InputError
from helpers.data.regions import UNKNOWN, is_country_code

NAME = "patents_wipo35"
ALIASES = ("patents",)
FILES = ("patents_country_wipo35.csv",)
CLASSIFICATION = "wipo35"
SOURCE = "Harvard Growth Lab teaching data derived from EPO PATSTAT (inventor locations); no licence stated: cite 'EPO PATSTAT via Harvard Growth Lab'."
DOWNLOAD = (
    "Harvard Growth Lab's patent teaching data set (country x WIPO field counts derived from EPO PATSTAT), "
    "reshaped to the long layout year,country_iso3,country_name,wipo_field,patents; the same layout can be "
    "produced from PATSTAT (tls201/tls206/tls207 + the WIPO IPC-technology concordance)."
)
COLUMNS = ["year", "country_iso3", "country_name", "wipo_field", "patents"]

# WIPO IPC-technology concordance (Schmoch 2008): field number -> (name, sector)
WIPO35: dict[int, tuple[str, str]] = {
    1: ("Electrical machinery, apparatus, energy", "Electrical engineering"),
    2: ("Audio-visual technology", "Electrical engineering"),
    3: ("Telecommunications", "Electrical engineering"),
    4: ("Digital communication", "Electrical engineering"),
    5: ("Basic communication processes", "Electrical engineering"),
    6: ("Computer technology", "Electrical engineering"),
    7: ("IT methods for management", "Electrical engineering"),
    8: ("Semiconductors", "Electrical engineering"),
    9: ("Optics", "Instruments"),
    10: ("Measurement", "Instruments"),
    11: ("Analysis of biological materials", "Instruments"),
    12: ("Control", "Instruments"),
    13: ("Medical technology", "Instruments"),
    14: ("Organic fine chemistry", "Chemistry"),
    15: ("Biotechnology", "Chemistry"),
    16: ("Pharmaceuticals", "Chemistry"),
    17: ("Macromolecular chemistry, polymers", "Chemistry"),
    18: ("Food chemistry", "Chemistry"),
    19: ("Basic materials chemistry", "Chemistry"),
    20: ("Materials, metallurgy", "Chemistry"),
    21: ("Surface technology, coating", "Chemistry"),
    22: ("Micro-structural and nano-technology", "Chemistry"),
    23: ("Chemical engineering", "Chemistry"),
    24: ("Environmental technology", "Chemistry"),
    25: ("Handling", "Mechanical engineering"),
    26: ("Machine tools", "Mechanical engineering"),
    27: ("Engines, pumps, turbines", "Mechanical engineering"),
    28: ("Textile and paper machines", "Mechanical engineering"),
    29: ("Other special machines", "Mechanical engineering"),
    30: ("Thermal processes and apparatus", "Mechanical engineering"),
    31: ("Mechanical elements", "Mechanical engineering"),
    32: ("Transport", "Mechanical engineering"),
    33: ("Furniture, games", "Other fields"),
    34: ("Other consumer goods", "Other fields"),
    35: ("Civil engineering", "Other fields"),
}
FIELD_IDS = {name: f"W{num:02d}" for num, (name, _) in WIPO35.items()}


def technologies() -> pd.DataFrame:
    return technologies_frame(
        [
            dict(classification=CLASSIFICATION, technology=name, technology_id=f"W{num:02d}", label=name, group=sector)
            for num, (name, sector) in WIPO35.items()
        ]
    )


def load(path: Path, *, label: str | None = None, progress: Progress = _quiet) -> AdapterResult:
    """Read the country x WIPO-field patent file into activity rows (see module doc)."""
    path = Path(path)
    label = label or str(path)
    progress(f"patents_wipo35: reading {label}")
    df = read_csv_raw(path, COLUMNS, label=label, ignore_extra=True)
    check_not_empty(df, label)
    year = to_number(df, "year", label, integer=True, what="year")
    check_years(year, label)
    patents = to_number(df, "patents", label, integer=True, nonnegative=True, what="patent count")
    check_partial_years(year, patents, label, what="patent total")
    field = df["wipo_field"].str.strip()
    unknown_field = ~field.isin(list(FIELD_IDS))
    if unknown_field.any():
        pos = int(unknown_field.to_numpy().nonzero()[0][0])
        raise InputError(
            f"{label}: unknown technology code {df['wipo_field'].iloc[pos]!r} in column 'wipo_field' at line {file_line(df, pos)}; "
            f"expected one of the 35 WIPO field names (e.g. 'Pharmaceuticals'), see helpers.data.adapters.patents_wipo35.WIPO35"
        )
    iso3 = df["country_iso3"].str.strip().str.upper()
    blank = iso3.eq("")
    codes = sorted(set(iso3[~blank]))
    bad = [c for c in codes if not is_country_code(c)]
    if bad:
        pos = int((iso3 == bad[0]).to_numpy().nonzero()[0][0])
        raise InputError(
            f"{label}: unknown region code {bad[0]!r} in column 'country_iso3' at line {file_line(iso3, pos)} ({len(bad)} unknown codes); "
            f"use ISO 3166 alpha-3 codes (pycountry) or add the code to helpers.data.regions.PROJECT_COUNTRIES"
        )
    work = pd.DataFrame({"year": year, "region": iso3.where(~blank, UNKNOWN), "technology": field, "value": patents.astype("float64")})
    # real countries must not repeat a (year, country, field)
    check_duplicates(work.assign(country_iso3=df["country_iso3"])[~blank], ["year", "country_iso3", "technology"], label)

    flags = []
    if blank.any():
        names = df.loc[blank, "country_name"].str.strip().replace("", "(no country name)")
        grp = pd.DataFrame({"name": names, "patents": patents[blank]}).groupby("name", sort=True)["patents"].agg(["size", "sum"])
        for name, r in grp.iterrows():
            flags.append(
                dict(
                    file=label, table="activity", region=UNKNOWN, item=f"country_name={name}", year=None, value=float(r["sum"]),
                    flag="unknown_location",
                    reason=f"{int(r['size'])} rows with an empty country_iso3 ({int(r['sum'])} patents) counted under region UNK, not as a country",
                )
            )
    n_rows_unk = int(blank.sum())
    act = work.groupby(["region", "technology", "year"], as_index=False, sort=True)["value"].sum()
    merged = len(work) - len(act)
    if merged:
        flags.append(
            dict(
                file=label, table="activity", region=UNKNOWN, item="wipo35", year=None, value=float(merged),
                flag="aggregated_duplicates",
                reason=f"{merged} rows without a country repeat (year, field): their counts are summed into one UNK row",
            )
        )
    act.insert(0, "classification", CLASSIFICATION)
    act.insert(0, "source", "patents")
    act["year"] = act["year"].astype("Int64")
    res = AdapterResult(adapter=NAME)
    res.tables["activity"] = act
    res.tables["technologies"] = technologies()
    res.tables["quality_flags"] = flags_frame(flags)
    res.inputs.append(InputFile(path=path, adapter=NAME, rows_read=len(df)))
    res.notes.append(
        f"{label}: {len(df)} rows, {int(patents.sum())} patents; {n_rows_unk} rows ({int(patents[blank].sum())} patents) "
        f"without a country kept as region UNK"
    )
    res.notes += ignored_columns_note(df, label)
    progress(f"patents_wipo35: {len(act)} activity rows")
    return res


# how the build finds and reads this adapter's file in a raw data folder
detect, load_from_raw = single_file(FILES[0], load)
