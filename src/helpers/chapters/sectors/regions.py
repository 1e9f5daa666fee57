"""Reference regions of the sector chapter and the common euro scale of their money values.

The reference ``R`` of a specialisation index is a group of countries (EU27, EU28: the sum of its
member countries) or a single region. ``sectors_natacc_eu28.csv`` holds the money values of non-euro
countries in their own currency, so before summing over countries every money value is put on a
common euro scale, ``X * GDP_EUR[c, y] / VA[c, T, y]`` (:func:`euro_factors`); hours worked are summed
as they are. If the reference itself is a region of the table (an aggregate row such as ``EU27``
from Eurostat SDMX, or a single country) its own row is used.

Coverage of the reference: the share of the reference's economy in the countries used,
``sum_{c in U} w_c / sum_{c in R} w_c`` with ``w_c`` the country's GDP in euro averaged over the
window (over all available years if the window has none; :func:`country_weights`). Leaving out a
small country barely matters; leaving out Germany does, and the coverage shows it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pycountry

from helpers.data.regions import ISO2_TO_EUROSTAT
from helpers.errors import InputError
from helpers.methods.ratings import require_columns

#: The 27 member states of the European Union since 1 February 2020 (Eurostat's EU27_2020), ISO 3166 alpha-3.
EU27_MEMBERS: tuple[str, ...] = (
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
    "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
)
#: EU-28: the EU-27 and the United Kingdom (member until 31 January 2020).
EU28_MEMBERS: tuple[str, ...] = EU27_MEMBERS + ("GBR",)
REFERENCE_GROUPS: dict[str, tuple[str, ...]] = {"EU27": EU27_MEMBERS, "EU28": EU28_MEMBERS}


def eurostat_code(code: str) -> str:
    """The Eurostat (NUTS 0) code of an ISO 3166 alpha-3 country: BEL -> BE, GRC -> EL, GBR -> UK.

    NUTS codes (BE2), aggregates (EU27) and anything that is not an ISO alpha-3 country are returned
    unchanged.
    """
    if len(code) == 3 and code.isalpha() and code.isupper() and code not in REFERENCE_GROUPS:
        country = pycountry.countries.get(alpha_3=code)
        if country is not None:
            return ISO2_TO_EUROSTAT.get(country.alpha_2, country.alpha_2)
    return code


def reference_members(reference: str) -> tuple[str, ...]:
    """Member countries (ISO alpha-3) of a reference group, or ``(reference,)`` for a single region."""
    return REFERENCE_GROUPS.get(reference, (reference,))


#: Money indicators of ``sector_indicators``. In ``sectors_natacc_eu28.csv`` these are in millions of the
#: country's own currency (CZK for CZ, HUF for HU, GBP for UK, ...), although the unit column says
#: MIO_EUR; within a country this does not matter (shares), across countries it does (sums).
MONEY_INDICATORS: frozenset[str] = frozenset({"VA", "EXP", "PROD", "BERD", "COMP"})


def euro_factors(table: pd.DataFrame, region_indicators: pd.DataFrame) -> pd.DataFrame:
    """Per country and year the factor that puts its money values on a common euro scale.

    ``factor = GDP_EUR / VA_TOTAL``, where ``GDP_EUR = GERD[MIO_EUR] / GERD[PC_GDP] * 100`` (Eurostat
    rd_e_gerdreg: R&D expenditure in million euro and in % of GDP, canonical table
    ``region_indicators``) and ``VA_TOTAL`` is the country's total value added in ``table`` (its own
    currency). ``X * factor`` is X expressed as a share of the country's value added times its GDP in
    euro: summable across countries. The factor assumes the same ratio of value added to GDP in every
    country (in the EU about 0.86-0.92); R&D intensity is published with two decimals, so GDP_EUR
    carries a rounding error of up to 0.5 / (100 x intensity), about 1% for an intensity of 0.5%.

    Columns: region, year, gdp_eur, factor. Rows only where both numbers exist and are unflagged.
    """
    require_columns(region_indicators, ("region", "indicator", "year", "value", "unit"), "region_indicators")
    gerd = region_indicators[region_indicators["indicator"] == "GERD"]
    eur = gerd[gerd["unit"] == "MIO_EUR"][["region", "year", "value"]].rename(columns={"value": "gerd_eur"})
    pct = gerd[gerd["unit"] == "PC_GDP"][["region", "year", "value"]].rename(columns={"value": "gerd_pc"})
    gdp = eur.merge(pct, on=["region", "year"])
    gdp = gdp[(gdp["gerd_pc"] > 0) & (gdp["gerd_eur"] > 0)]
    gdp["gdp_eur"] = gdp["gerd_eur"] / gdp["gerd_pc"] * 100
    va = table[(table["indicator"] == "VA") & (table["sector"] == "TOTAL") & (table["flag"].fillna("") == "") & (table["value"] > 0)]
    out = va[["region", "year", "value"]].merge(gdp[["region", "year", "gdp_eur"]], on=["region", "year"])
    out["factor"] = out["gdp_eur"] / out["value"]
    return out[["region", "year", "gdp_eur", "factor"]].reset_index(drop=True)


def to_euro(comp: pd.DataFrame, indicator: str, factors: pd.DataFrame | None) -> pd.DataFrame:
    """Multiply a money component by the euro factors; no factor -> status 'no euro factor'."""
    if factors is None or indicator not in MONEY_INDICATORS:
        return comp
    f = factors.set_index(["region", "year"])["factor"]
    out = comp.copy()
    factor = f.reindex(out.index)
    out["value"] = out["value"] * factor
    lacking = factor.isna() & (out["status"] == "")
    out.loc[lacking, "status"] = "no euro factor (GDP in euro or total value added missing)"
    return out


def reference_regions(table: pd.DataFrame, reference: str) -> tuple[list[str], str]:
    """Regions of ``sector_indicators`` that make up the reference, and how (own rows or sum of members)."""
    present = set(table["region"].unique())
    own = eurostat_code(reference)
    if own in present:
        return [own], f"{reference}: its own rows"
    if reference not in REFERENCE_GROUPS:
        raise InputError(f"sector_indicators: reference region {reference!r} has no rows; use EU27, EU28 or a region in the data")
    members = [eurostat_code(m) for m in reference_members(reference)]
    return members, f"{reference}: sum of its {len(members)} member countries"


def country_weights(regions: Sequence[str], years: Sequence[int], factors: pd.DataFrame | None) -> pd.Series:
    """Weight of each member in its reference: GDP in euro (see :func:`euro_factors`), mean over ``years``,
    else over all years available; equal weights when no factors are given; 0 for a member without GDP."""
    if factors is None:
        return pd.Series(1.0, index=list(regions))
    in_window = factors[factors["year"].isin(years)].groupby("region")["gdp_eur"].mean()
    anywhere = factors.groupby("region")["gdp_eur"].mean()
    return pd.Series({r: float(in_window.get(r, anywhere.get(r, 0.0))) for r in regions})


def prepare_reference(table: pd.DataFrame, reference: str, years: Sequence[int], region_indicators: pd.DataFrame | None,
                      source: str, common_currency: bool = False) -> tuple[list[str], str, pd.DataFrame | None, pd.Series]:
    """The reference's regions in ``table``, how they make it up (text), the euro factors (``None`` when
    no conversion is needed: one region, or ``common_currency``) and the weight of each region."""
    ref_regions, how = reference_regions(table, reference)
    factors = None
    if len(ref_regions) > 1 and not common_currency:
        if region_indicators is None:
            raise InputError(
                f"{source}: reference {reference} is a sum of countries with money values in their own currencies; pass region_indicators "
                "(GERD in MIO_EUR and PC_GDP) so that they can be put on a euro scale"
            )
        factors = euro_factors(table, region_indicators)
        how += ", money values on a euro scale (GDP in euro / total value added)"
    weights = country_weights(ref_regions, years, factors)
    return ref_regions, how, factors, weights
