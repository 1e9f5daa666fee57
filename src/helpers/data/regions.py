"""Region codes: ISO 3166 countries (pycountry), NUTS, US states, cities and explicit aggregates.

One code system for every canonical table (see ``regions.csv`` in the data dictionary):

- countries: ISO 3166-1 alpha-3 (``BEL``), also withdrawn codes that sources still use (``SUN``,
  ``YUG``, ``CSK``, ``DDR``, ``ANT``, ``SCG``, ``BUR``, ``YMD`` from ``pycountry.historic_countries``) and
  three user-assigned codes for places without an ISO code: ``XKX`` Kosovo, ``XGZ`` Gaza Strip,
  ``XWB`` West Bank;
- ``PRI`` Puerto Rico is a *territory*: NCSES counts it inside the United States;
- NUTS codes as Eurostat writes them (``BE``, ``BE2``, ``BE21``, ``BE211``; ``EL`` Greece, ``UK``); a
  NUTS code that is also an ISO alpha-3 code (NUTS 2013 ``FRA``, French overseas departments) is
  written ``NUTS:FRA``;
- US states ``US-CA`` (ISO 3166-2), cities or metropolitan areas ``US:SF Bay``;
- aggregates with explicit codes: ``WLD`` World, ``EU27`` (the 27 member states since 2020; Eurostat's
  ``EU27_2020``), ``EU28`` (EU-27 and the United Kingdom) and the NCSES world regions ``NCSES_*``;
- ``UNK``: the source gives no location.

Names are mapped to codes with pycountry plus a documented override table for the spellings of the
sources (:data:`NAME_OVERRIDES`); an unknown name raises :class:`~helpers.errors.InputError` naming it,
so that nothing is dropped silently.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Iterable

import pandas as pd
import pycountry

from helpers.errors import InputError

UNKNOWN = "UNK"

# code -> (name, parent)
AGGREGATES: dict[str, tuple[str, str | None]] = {
    "WLD": ("World", None),
    "EU27": ("European Union, 27 member states (since 2020)", "EU28"),
    "EU28": ("EU-27 and United Kingdom (EU-28)", "NCSES_EUR"),
    "EA19": ("Euro area, 19 member states (2015-2022)", None),
    "NCSES_NAM": ("North America (NCSES)", "WLD"),
    "NCSES_CAC": ("Central America and Caribbean (NCSES)", "WLD"),
    "NCSES_SAM": ("South America (NCSES)", "WLD"),
    "NCSES_EUR": ("Europe (NCSES)", "WLD"),
    "NCSES_OEU": ("Other Europe (NCSES; Europe outside EU-27 and UK)", "NCSES_EUR"),
    "NCSES_OEU2020": ("Europe outside the EU-27 (NCSES 'Other Europe, 2020' node: Other Europe plus the United Kingdom)", "NCSES_EUR"),
    "NCSES_MEA": ("Middle East (NCSES)", "WLD"),
    "NCSES_AFR": ("Africa (NCSES)", "WLD"),
    "NCSES_ASI": ("Asia (NCSES)", "WLD"),
    "NCSES_OCE": ("Australia and Oceania (NCSES)", "WLD"),
}

# aggregate names as the sources write them -> code
AGGREGATE_NAMES: dict[str, str] = {
    "World": "WLD",
    "EU-27": "EU27",
    "EU27_2020": "EU27",
    "EA19": "EA19",
    "EU28": "EU28",
    "EU-27 and United Kingdom": "EU28",
    "North America": "NCSES_NAM",
    "Central America and Caribbean": "NCSES_CAC",
    "South America": "NCSES_SAM",
    "Europe": "NCSES_EUR",
    "Other Europe": "NCSES_OEU",
    "Other Europe, 2020": "NCSES_OEU2020",
    "Middle East": "NCSES_MEA",
    "Africa": "NCSES_AFR",
    "Asia": "NCSES_ASI",
    "Australia and Oceania": "NCSES_OCE",
}

# places without a current ISO 3166 alpha-3 code: code -> (name, iso2)
PROJECT_COUNTRIES: dict[str, tuple[str, str | None]] = {
    "XKX": ("Kosovo", "XK"),
    "XGZ": ("Gaza Strip", None),
    "XWB": ("West Bank", None),
}
# country-like units that a source counts inside another country: code -> enclosing country
TERRITORIES: dict[str, str] = {"PRI": "USA"}

# spellings of the sources that pycountry does not resolve (or resolves ambiguously) -> code
NAME_OVERRIDES: dict[str, str] = {
    "Bahamas, The": "BHS",
    "Gambia, The": "GMB",
    "Brunei": "BRN",
    "Burma": "MMR",
    "Congo, Democratic Republic of the": "COD",
    "Congo, Republic of the": "COG",
    "Côte d’Ivoire": "CIV",
    "Côte d'Ivoire": "CIV",
    "Holy See (Vatican City)": "VAT",
    "Kosovo": "XKX",
    "Gaza Strip": "XGZ",
    "West Bank": "XWB",
    "Russia": "RUS",
    "Turkey": "TUR",
    "Serbia and Montenegro": "SCG",
    "South Korea": "KOR",
    "North Korea": "PRK",
    "Laos": "LAO",
    "Iran": "IRN",
    "Syria": "SYR",
    "Micronesia, Federated States of": "FSM",
    "São Tomé and Príncipe": "STP",
    "Unassigned": UNKNOWN,
}

# Eurostat country codes that differ from ISO 3166 alpha-2
EUROSTAT_TO_ISO2 = {"EL": "GR", "UK": "GB"}
ISO2_TO_EUROSTAT = {v: k for k, v in EUROSTAT_TO_ISO2.items()}

# a few NUTS names the book refers to (no NUTS name list ships with the project's packages)
NUTS_NAMES: dict[str, str] = {
    "BE1": "Région de Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest",
    "BE10": "Région de Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest",
    "BE2": "Vlaams Gewest (Flemish Region)",
    "BE21": "Prov. Antwerpen",
    "BE22": "Prov. Limburg (BE)",
    "BE23": "Prov. Oost-Vlaanderen",
    "BE24": "Prov. Vlaams-Brabant",
    "BE25": "Prov. West-Vlaanderen",
    "BE3": "Région wallonne",
    "BEZ": "Extra-Regio NUTS 1 (BE)",
    "DE2": "Bayern",
    "NL": "Nederland",
    "SE11": "Stockholm",
    "SE1": "Östra Sverige",
    "CN_X_HK": "China except Hong Kong",
}
SPECIAL_NUTS0 = {"CN_X_HK": ("CN", "CHN")}


@lru_cache(maxsize=1)
def nuts_names() -> dict[str, str]:
    """NUTS 2013 names of ``data/nuts2013_regions.csv`` (cited per row), with :data:`NUTS_NAMES` taking
    precedence; level-1 names that Eurostat writes in capitals ("VLAAMS GEWEST") in title case."""
    from helpers.data import PROJECT_DATA

    out: dict[str, str] = {}
    path = PROJECT_DATA / "nuts2013_regions.csv"
    if path.is_file():
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        for code, name in zip(table["code"], table["name"]):
            out[code] = name.title() if name.isupper() else name
    return out | NUTS_NAMES
_NUTS_RE = re.compile(r"^([A-Z]{2})([0-9A-Z]{0,3})$")


@lru_cache(maxsize=None)
def _iso3_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(c.alpha_3 for c in pycountry.historic_countries)


@lru_cache(maxsize=None)
def country_info(iso3: str) -> tuple[str, str | None] | None:
    """(name, iso2) of an ISO alpha-3 code (current, historic or project code), else None."""
    if iso3 in PROJECT_COUNTRIES:
        return PROJECT_COUNTRIES[iso3]
    c = pycountry.countries.get(alpha_3=iso3)
    if c is not None:
        return (getattr(c, "common_name", None) or c.name, c.alpha_2)
    h = pycountry.historic_countries.get(alpha_3=iso3)
    if h is not None:
        return (f"{h.name} (former)", getattr(h, "alpha_2", None) or None)
    return None


def is_country_code(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper() and country_info(code) is not None


def iso2_to_iso3(iso2: str) -> str | None:
    """ISO alpha-2 (or Eurostat EL/UK, or XK) -> alpha-3, else None."""
    iso2 = EUROSTAT_TO_ISO2.get(iso2, iso2)
    if iso2 == "XK":
        return "XKX"
    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c is not None else None


@lru_cache(maxsize=None)
def name_to_code(name: str) -> str | None:
    """A country or aggregate name as a source writes it -> region code; None if unknown."""
    clean = " ".join(html.unescape(str(name)).split())
    if clean in AGGREGATE_NAMES:
        return AGGREGATE_NAMES[clean]
    if clean in NAME_OVERRIDES:
        return NAME_OVERRIDES[clean]
    for attr in ("name", "common_name", "official_name"):
        c = pycountry.countries.get(**{attr: clean})
        if c is not None:
            return c.alpha_3
    try:
        return pycountry.countries.lookup(clean).alpha_3
    except LookupError:
        return None


def names_to_codes(names: Iterable[str], *, file: str, column: str) -> dict[str, str]:
    """Map every distinct name; raise one InputError listing the names that no mapping knows."""
    out, unknown = {}, []
    for n in sorted(set(names)):
        code = name_to_code(n)
        if code is None:
            unknown.append(n)
        else:
            out[n] = code
    if unknown:
        shown = ", ".join(repr(u) for u in unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        raise InputError(
            f"{file}: column '{column}' has {len(unknown)} region name(s) that neither pycountry nor the project's "
            f"overrides know: {shown}; add them to helpers.data.regions.NAME_OVERRIDES (name -> ISO 3166 alpha-3 code)"
        )
    return out


def nuts_code(code: str) -> str:
    """The canonical form of a Eurostat NUTS/country code (EU27_2020 -> EU27, FRA -> NUTS:FRA)."""
    if code in AGGREGATE_NAMES:
        return AGGREGATE_NAMES[code]
    if code in _iso3_codes():
        return "NUTS:" + code
    return code


def is_nuts_code(code: str) -> bool:
    raw = code[5:] if code.startswith("NUTS:") else code
    if raw in SPECIAL_NUTS0:
        return True
    m = _NUTS_RE.match(raw)
    if not m:
        return False
    iso2 = EUROSTAT_TO_ISO2.get(m.group(1), m.group(1))
    return pycountry.countries.get(alpha_2=iso2) is not None


@lru_cache(maxsize=None)
def describe_region(code: str) -> dict[str, str | None] | None:
    """The regions.csv row of a region code, or None when the code is not known."""
    if code == UNKNOWN:
        return dict(region=code, name="Unknown or unassigned location", level="unknown", parent=None, iso2=None, iso3=None)
    if code in AGGREGATES:
        name, parent = AGGREGATES[code]
        return dict(region=code, name=name, level="aggregate", parent=parent, iso2=None, iso3=None)
    if code.startswith("US-"):
        sub = pycountry.subdivisions.get(code=code)
        if sub is None:
            return None
        return dict(region=code, name=sub.name, level="us_state", parent="USA", iso2="US", iso3="USA")
    if code.startswith("US:") and len(code) > 3:
        return dict(region=code, name=code[3:], level="city", parent="USA", iso2="US", iso3="USA")
    if not code.startswith("NUTS:") and is_country_code(code):
        name, iso2 = country_info(code)  # type: ignore[misc]
        if code in TERRITORIES:
            return dict(region=code, name=name, level="territory", parent=TERRITORIES[code], iso2=iso2, iso3=code)
        return dict(region=code, name=name, level="country", parent=None, iso2=iso2, iso3=code)
    if is_nuts_code(code):
        raw = code[5:] if code.startswith("NUTS:") else code
        if raw in SPECIAL_NUTS0:
            iso2, iso3 = SPECIAL_NUTS0[raw]
            return dict(region=code, name=NUTS_NAMES.get(raw, raw), level="nuts0", parent=None, iso2=iso2, iso3=iso3)
        m = _NUTS_RE.match(raw)
        assert m is not None
        ctry, rest = m.group(1), m.group(2)
        iso2 = EUROSTAT_TO_ISO2.get(ctry, ctry)
        iso3 = iso2_to_iso3(iso2)
        level = len(rest)
        if level == 0:
            c = pycountry.countries.get(alpha_2=iso2)
            name = getattr(c, "common_name", None) or c.name  # type: ignore[union-attr]
            parent = None
        else:
            name = nuts_names().get(raw, raw)
            parent = nuts_code(raw[:-1])
        return dict(region=code, name=name, level=f"nuts{level}", parent=parent, iso2=iso2, iso3=iso3)
    return None


def regions_frame(codes: Iterable[str], *, file: str = "<regions>") -> pd.DataFrame:
    """regions.csv rows for the codes and all their parents; unknown codes raise InputError."""
    todo = sorted(set(codes))
    seen: dict[str, dict] = {}
    while todo:
        code = todo.pop()
        if code in seen:
            continue
        row = describe_region(code)
        if row is None:
            raise InputError(
                f"{file}: unknown region code {code!r}; use ISO 3166 alpha-3, NUTS, US-XX, an aggregate code "
                f"({', '.join(sorted(AGGREGATES))}) or UNK, or add it to helpers.data.regions"
            )
        seen[code] = row
        if row["parent"] and row["parent"] not in seen:
            todo.append(row["parent"])
    df = pd.DataFrame(list(seen.values()), columns=["region", "name", "level", "parent", "iso2", "iso3"])
    return df.sort_values("region", kind="mergesort").reset_index(drop=True)


def us_state_code(state: str) -> str | None:
    """Two-letter US state code -> ``US-XX`` if ISO 3166-2 knows it."""
    code = f"US-{state.strip().upper()}"
    return code if pycountry.subdivisions.get(code=code) is not None else None


# Aggregates an edition may name as a region (focus, comparison or reference), besides countries and NUTS regions.
EDITION_AGGREGATES = {"WLD": "World", "EU27": "EU-27", "EU28": "EU-28"}
# NUTS codes: two-letter country code (EL/UK as Eurostat writes them) and up to three levels.
_NUTS_EDITION = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


def region_is_known(code: str) -> bool:
    """True for an ISO 3166 alpha-3 country, an ISO 3166-2 subdivision, a known aggregate, or a NUTS code of a known country."""
    if code in EDITION_AGGREGATES:
        return True
    if "-" in code:  # ISO 3166-2 subdivisions, e.g. US states (US-CA) in the Crunchbase data
        return pycountry.subdivisions.get(code=code) is not None
    if len(code) == 3 and code.isalpha() and code.isupper() and pycountry.countries.get(alpha_3=code) is not None:
        return True
    if _NUTS_EDITION.match(code):  # NUTS 1 codes such as UKI or DEA look like ISO3 codes: check them as NUTS too
        iso2 = {"EL": "GR", "UK": "GB"}.get(code[:2], code[:2])
        return pycountry.countries.get(alpha_2=iso2) is not None
    return False
