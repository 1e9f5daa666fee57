"""Chart and table titles in Dutch (the report's language) and English.

``t(key, language, **values)`` returns the label for ``key`` in ``language`` with ``values``
filled in. A missing key or language raises ``KeyError`` at build time, so no page silently
mixes languages.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import lru_cache

import pycountry

LABELS: dict[str, dict[str, str]] = {
    "patents": {"nl": "octrooien", "en": "patents"},
    "articles": {"nl": "wetenschappelijke artikels", "en": "scientific articles"},
    "year": {"nl": "jaar", "en": "year"},
    "field": {"nl": "domein", "en": "field"},
    "share_of_world": {"nl": "aandeel in de wereld", "en": "share of the world"},
    "share_of_region": {"nl": "aandeel in {region}", "en": "share of {region}"},
    "specialisation": {"nl": "specialisatie (RCA)", "en": "specialisation (RCA)"},
    "count": {"nl": "aantal", "en": "count"},
    "world": {"nl": "wereld", "en": "world"},
    "world_mix": {"nl": "aandeel in de wereld-mix", "en": "share of the world mix"},
    "overview_patents_trend": {"nl": "Octrooien met uitvinders in {region}, per jaar", "en": "Patents with inventors in {region}, by year"},
    "overview_patents_share_trend": {"nl": "Aandeel van {region} in de octrooien van de wereld", "en": "{region}'s share of the world's patents"},
    "overview_patents_fields": {"nl": "Octrooien van {region} per WIPO-domein, {start}-{end}", "en": "{region}'s patents by WIPO field, {start}-{end}"},
    "overview_articles_fields": {"nl": "Artikels van {region} per wetenschapsdomein, {start}-{end}", "en": "{region}'s articles by field of science, {start}-{end}"},
    "overview_articles_trend": {"nl": "Aandeel van {region} in de wetenschappelijke artikels van de wereld", "en": "{region}'s share of the world's scientific articles"},
}


def profile_labels(language: str, region: str) -> dict[str, str]:
    """Column headers for the tables of :mod:`helpers.profiles`."""
    return {
        "technology": t("field", language), "year": t("year", language), "region_value": region,
        "world_value": t("world", language), "share_of_region": t("share_of_region", language, region=region),
        "share_of_world": t("share_of_world", language), "world_mix": t("world_mix", language), "rca": "RCA",
    }


def t(key: str, language: str, **values: object) -> str:
    """Label ``key`` in ``language`` (``nl`` or ``en``), formatted with ``values``."""
    return LABELS[key][language].format(**values)


_AGGREGATES = {"WLD": {"nl": "Wereld", "en": "World"}, "EU27": {"nl": "EU-27", "en": "EU-27"}, "EU28": {"nl": "EU-28", "en": "EU-28"},
               "BE2": {"nl": "Vlaams Gewest", "en": "Flemish Region"}}


@lru_cache(maxsize=4)
def _country_names(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def region_name(code: str, language: str, names: Mapping[str, str] | None = None) -> str:
    """Name of a region in ``language``: ISO 3166 countries through pycountry's translations,
    known aggregates from this module, anything else from ``names`` (e.g. the canonical regions
    table), else the code itself."""
    if code in _AGGREGATES:
        return _AGGREGATES[code][language]
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 and code.isalpha() else None
    if country is not None:
        if language == "en":
            return getattr(country, "common_name", None) or country.name
        return _country_names(language).gettext(country.name)
    return (names or {}).get(code, code)
