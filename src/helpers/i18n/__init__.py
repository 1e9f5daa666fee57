"""Chart and table titles in Dutch (the report's language) and English: the one entry point.

``t(key, language, **values)`` returns the label for ``key`` in ``language`` with ``values``
filled in. A missing key or language raises ``KeyError`` at build time, so no page silently
mixes languages.

The label texts live per chapter in :mod:`helpers.i18n.labels` (``common``, ``sectors``, ``technology``,
``landscape``); :data:`LABELS` merges them, and a key defined in two chapters with different text
stops the import. Table headers are the keys ``<prefix><column>`` of one chapter
(:func:`column_labels`). Also here: region names (:func:`region_name`, :func:`policy_region_name`),
short strategy names, taxonomy labels and joining names into a sentence.

Text written as Markdown (the paragraphs glued with ``{glue:md}``, the taxonomy annex) takes data
values (labels, names, category codes) only through :func:`md_text` or :func:`md_names`, so a
value is always shown as the text it is, never read as Markdown or HTML.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from helpers.i18n.labels import common, ipc, landscape, published, regions, sectors, stability, technology
from helpers.i18n.labels.landscape import POLICY_REGIONS, STRATEGY_SHORT
from helpers.i18n.labels.technology import FIELD_NAMES_NL

if TYPE_CHECKING:  # (pandas and pycountry are imported where used: Sphinx's extension, which formats numbers only, needs neither)
    import pandas as pd

__all__ = [
    "CHAPTER_LABELS", "COLUMN_PREFIXES", "FIELD_NAMES_NL", "LABELS", "column_labels", "join_names", "md_names", "md_text", "merge_labels",
    "policy_region_name", "profile_labels", "region_name", "strategy_short_name", "t", "taxonomy_label",
]

#: Each chapter's own table (chapter name -> key -> {"nl": ..., "en": ...}), from :mod:`helpers.i18n.labels`.
CHAPTER_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "common": common.LABELS, "sectors": sectors.LABELS, "technology": technology.LABELS | stability.LABELS, "landscape": landscape.LABELS,
    "published": published.LABELS, "ipc": ipc.LABELS, "regions": regions.LABELS, "validation": regions.VALIDATION_LABELS,
}

#: Chapter -> key prefix of its table headers (``sector_col_domain`` -> column ``domain``).
COLUMN_PREFIXES: dict[str, str] = {"sectors": "sector_col_", "technology": "tech_col_", "landscape": "land_col_", "published": "pub_col_", "ipc": "ipc_col_", "regions": "reg_col_", "validation": "val_col_"}


def merge_labels(tables: Mapping[str, Mapping[str, Mapping[str, str]]]) -> dict[str, dict[str, str]]:
    """One mapping from the chapter ``tables`` (name -> labels); ``ValueError`` naming both chapters
    when a key is defined twice with different text."""
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for name, table in tables.items():
        for key, value in table.items():
            if key in merged:
                if merged[key] != dict(value):
                    raise ValueError(f"label {key!r} is defined in {origin[key]} and in {name} with different text; "
                                     "rename one of them")
                continue
            merged[key], origin[key] = dict(value), name
    return merged


#: Every label of the book: key -> {"nl": ..., "en": ...}.
LABELS: dict[str, dict[str, str]] = merge_labels(CHAPTER_LABELS)


def t(key: str, language: str, **values: object) -> str:
    """Label ``key`` in ``language`` (``nl`` or ``en``), formatted with ``values``."""
    return LABELS[key][language].format(**values)


def column_labels(language: str, chapter: str) -> dict[str, str]:
    """Readable table headers of ``chapter`` (a key of :data:`COLUMN_PREFIXES`): machine name -> label."""
    if chapter not in COLUMN_PREFIXES:
        raise KeyError(f"column_labels: chapter {chapter!r}; use one of {', '.join(COLUMN_PREFIXES)}")
    prefix = COLUMN_PREFIXES[chapter]
    own = {key[len(prefix):]: value[language] for key, value in CHAPTER_LABELS[chapter].items() if key.startswith(prefix)}
    # the stability columns every chapter with quadrants shares (labels/stability.py)
    return {key[len(prefix):]: value[language] for key, value in stability.LABELS.items() if key.startswith(prefix)} | own


def profile_labels(language: str, region: str) -> dict[str, str]:
    """Column headers for the tables of :mod:`helpers.chapters.overview`."""
    return {
        "technology": t("field", language), "year": t("year", language), "region_value": region,
        "world_value": t("world", language), "share_of_region": t("share_of_region", language, region=region),
        "share_of_world": t("share_of_world", language), "world_mix": t("world_mix", language), "rca": "RCA",
    }


# --------------------------------------------------------------------------------------------
# region names

_AGGREGATES = {"WLD": {"nl": "Wereld", "en": "World"}, "EU27": {"nl": "EU-27", "en": "EU-27"}, "EU28": {"nl": "EU-28", "en": "EU-28"},
               "BE2": {"nl": "Vlaams Gewest", "en": "Flemish Region"}}
#: former countries (ISO 3166-3 codes, which the data use for years before they ceased), by their short names
_FORMER = {"ANT": {"nl": "Nederlandse Antillen", "en": "Netherlands Antilles"}, "BUR": {"nl": "Birma", "en": "Burma"},
           "CSK": {"nl": "Tsjecho-Slowakije", "en": "Czechoslovakia"}, "DDR": {"nl": "Oost-Duitsland", "en": "East Germany"},
           "RHO": {"nl": "Zuid-Rhodesië", "en": "Southern Rhodesia"}, "SCG": {"nl": "Servië en Montenegro", "en": "Serbia and Montenegro"},
           "SUN": {"nl": "Sovjet-Unie", "en": "Soviet Union"}, "TMP": {"nl": "Oost-Timor", "en": "East Timor"},
           "YMD": {"nl": "Zuid-Jemen", "en": "South Yemen"}, "YUG": {"nl": "Joegoslavië", "en": "Yugoslavia"},
           "ZAR": {"nl": "Zaïre", "en": "Zaire"}}


@lru_cache(maxsize=4)
def _country_names(language: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def region_name(code: str, language: str, names: Mapping[str, str] | pd.Series | None = None) -> str:
    """Name of a region in ``language``: ISO 3166 countries through pycountry's translations,
    known aggregates and former countries from this module, anything else from ``names`` (any mapping or a pandas
    Series indexed by code, e.g. the canonical regions table's ``name`` column), else the code
    itself (also when ``names`` has no usable name for it).

    >>> region_name("BEL", "nl"), region_name("SCG", "nl"), region_name("DE1", "en", {"DE1": "Baden-Württemberg"}), region_name("XX9", "en")
    ('België', 'Servië en Montenegro', 'Baden-Württemberg', 'XX9')
    """
    if code in _AGGREGATES:
        return _AGGREGATES[code][language]
    if code in _FORMER:
        return _FORMER[code][language]
    import pandas as pd
    import pycountry

    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 and code.isalpha() else None
    if country is not None:
        if language == "en":
            return getattr(country, "common_name", None) or country.name
        return _country_names(language).gettext(country.name)
    if names is None:
        return code
    name = names.get(code)
    if isinstance(name, pd.Series):  # a Series with the code more than once
        name = name.dropna().iloc[0] if name.notna().any() else None
    return code if name is None or pd.isna(name) or str(name) == "" else str(name)


def policy_region_name(code: str, language: str, names: Mapping[str, str] | pd.Series | None = None) -> str:
    """Name of a ``strategies.csv`` country code (``BE-VLG`` -> Vlaanderen/Flanders, ``DEU`` -> Duitsland/Germany)."""
    if code in POLICY_REGIONS:
        return POLICY_REGIONS[code][language]
    return region_name(code, language, names)


# --------------------------------------------------------------------------------------------
# other names

def strategy_short_name(strategy_id: str, language: str, strategies: pd.DataFrame | None = None, limit: int = 32) -> str:
    """Short axis label of a strategy; falls back to its (shortened) name in ``strategies``."""
    if strategy_id in STRATEGY_SHORT:
        return STRATEGY_SHORT[strategy_id][language]
    if strategies is not None:
        row = strategies[strategies["strategy_id"] == strategy_id]
        if len(row):
            name = str(row.iloc[0]["name_en" if language == "en" and "name_en" in row.columns else "name"])
            return name if len(name) <= limit else name[: limit - 1] + "…"
    return strategy_id


def taxonomy_label(taxonomy_id: str, language: str, technologies: pd.DataFrame, domains: Mapping[str, tuple[str, str]]) -> str:
    """Reader label of a taxonomy item: the technology's label, or the sector domain's with '(sector)'."""
    tech = technologies[technologies["tech_id"] == taxonomy_id]
    if len(tech):
        return str(tech.iloc[0][f"label_{language}"])
    if taxonomy_id in domains:
        nl, en = domains[taxonomy_id]
        return t("sector_suffix", language, label=en if language == "en" else nl)
    return taxonomy_id


def join_names(names: list[str], language: str) -> str:
    """``["a", "b", "c"]`` -> ``"a, b en c"`` (nl) / ``"a, b and c"`` (en); ``"—"`` when empty."""
    names = [str(n) for n in names]
    if not names:
        return "—"
    if len(names) == 1:
        return names[0]
    word = " en " if language == "nl" else " and "
    return ", ".join(names[:-1]) + word + names[-1]


#: characters with a meaning anywhere in MyST Markdown text: escapes, code, emphasis, roles, links, HTML, headings, tables, math
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$])")
#: ``&`` that starts a character reference (``&lt;``, ``&#60;``), which Markdown would decode
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
#: what makes a line a list item, quote, heading underline, definition or fence when a value starts it
_MD_LINE_START = re.compile(r"^([-+=:]|\d+(?=[.)]))")


def md_text(value: object) -> str:
    r"""``value`` as plain text inside MyST Markdown: the characters that Markdown or HTML read as markup
    (``<``, ``>``, ``*``, ``_``, ``[``, ``]``, backtick, ``\``, ``$``, ``{``, ``}``, ``#``, ``|``, ``~``, an ``&``
    that starts a character reference, a list or block marker at the start) backslash-escaped and
    whitespace (newlines included) collapsed to one space, so a label such as ``<img src=x onerror=...>``
    or ``**x**`` is shown as written; other text (``R&D (EU)``) stays as it is. For data values (labels,
    names, codes) put into Markdown text; the template's own Markdown stays as it is.

    >>> print(md_text("<b>R&D</b> *x* &lt;"))
    \<b\>R&D\</b\> \*x\* \&lt;
    >>> print(md_text("1. - x"))
    1\. - x
    """
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    text = _MD_ENTITY.sub(r"\\&", text)
    return _MD_LINE_START.sub(lambda m: "\\" + m.group(1) if not m.group(1).isdigit() else m.group(1) + "\\", text, count=1)


def md_names(names: list[str], language: str) -> str:
    """:func:`join_names` of the names, each escaped with :func:`md_text`: names joined into Markdown text."""
    return join_names([md_text(n) for n in names], language)


#: how a country's name starts or ends when it takes an article in running text (Dutch "de", "het"; English "the")
_ARTICLES: dict[str, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = {
    "nl": (("het", ("Verenigd ",), ()),
           ("de", ("Verenigde ", "Filipijnen", "Bahama", "Malediven", "Seychellen", "Comoren", "EU"), ("eilanden", " Republiek", "Emiraten"))),
    "en": (("the", ("United ", "Netherlands", "Philippines", "Bahamas", "Maldives", "Seychelles", "Comoros", "Gambia", "EU"),
            (" Islands", " Republic", " Territories", " Emirates")),),
}


def in_text(name: str, language: str) -> str:
    """A country's name as it stands in a sentence, with its article where it takes one.

    >>> in_text("Verenigd Koninkrijk", "nl"), in_text("Netherlands", "en"), in_text("België", "nl"), in_text("Korea, Republiek", "nl")
    ('het Verenigd Koninkrijk', 'the Netherlands', 'België', 'Korea, Republiek')
    >>> in_text("EU", "nl"), in_text("EU", "en"), in_text("Europe", "en")
    ('de EU', 'the EU', 'Europe')
    """
    if "," in name:
        return name
    for article, starts, ends in _ARTICLES.get(language, ()):
        if name.startswith(starts) or (ends and name.endswith(ends)):
            return f"{article} {name}"
    return name


_NUMBER = re.compile(r"^[+\-\u2212]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s?%?$")
#: d3-format locale of Vega charts per language (Dutch: 1.234,5)
D3_LOCALES: dict[str, dict[str, object]] = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€\u00a0", ""]},
}


def localise_number(text: str, language: str) -> str:
    """A number formatted the English way (``61,648.5``, ``0.59%``) in the separators of
    ``language`` (Dutch: ``61.648,5``, ``0,59%``). Text that is not just a number is returned
    unchanged, so names with commas are never touched."""
    if language != "nl" or not _NUMBER.match(text.strip()):
        return text
    return text.translate(str.maketrans({",": ".", ".": ","}))


def book_language() -> str:
    """The language of the book being built (``helpers build`` sets ``HELPERS_LANGUAGE``); ``en`` outside a build."""
    return os.environ.get("HELPERS_LANGUAGE", "en")
