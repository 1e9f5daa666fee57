"""The technical notes of the sector tables (flags, basis, coverage, growth) in the reader's language.

The indicator modules (:mod:`~helpers.chapters.sectors.national_accounts`, :mod:`~helpers.chapters.sectors.fields`,
:mod:`~helpers.chapters.sectors.growth`) write short technical notes in English with the data's codes
(``BEL left out: C21 VA zero_suspect (2016)``); the tests and the reproducer read those. The published tables show
them through :func:`reader_note`: each known sentence pattern is rewritten in the book's language (labels
``sector_note_<kind>`` of :mod:`helpers.i18n.labels.sectors`), flag codes become words (``zero_suspect`` -> "verdachte
nul"), ``TOTAL`` the total economy, and numbers get the language's separators. A note no pattern knows is returned
as it is (the Dutch-text test of the book then names it).
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.i18n import localise_number, t

#: flag codes of the sector data (adapter and :data:`~helpers.chapters.sectors.quality.SCALE_FLAG`), each with labels
#: ``sector_flag_<code>`` (a word) and ``sector_flag_explain_<code>`` (a sentence)
FLAG_CODES: tuple[str, ...] = ("missing", "zero_suspect", "jump_suspect", "zero_series", "negative", "scale_suspect")

_CODE = re.compile(r"\b(" + "|".join(FLAG_CODES) + r"|TOTAL)\b")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\w])|(?<![\w.,])\d+\.\d+(?![\w])")

#: (label kind, pattern of a technical note); the named groups fill the label ``sector_note_<kind>``.
_NOTES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("focus_left_out", re.compile(r"^(?P<focus>\S+) left out: (?P<items>.+)$")),
    ("reference_usable", re.compile(r"^(?P<reference>\S+) countries with usable values, share of \S+'s GDP \(the others are "
                                    r"flagged or missing and left out\): (?P<parts>.+)$")),
    ("members_absent", re.compile(r"^(?P<reference>\S+) members absent from the (?P<what>patents|publications) data: (?P<codes>.+)$")),
    ("growth_left_out", re.compile(r"^left out \(flagged or missing in (?P<y0>\d{4}) or (?P<y1>\d{4})\): (?P<codes>.+)$")),
    ("growth_usable", re.compile(r"^countries with usable values per year: (?P<parts>.+)$")),
    ("growth_none", re.compile(r"^no two years in (?P<span>\S+) in which the same countries with usable (?P<measure>\S+) for NACE "
                               r"(?P<nace>.+?) and the total make up at least (?P<pct>\S+) of (?P<reference>\S+) \(per year: (?P<parts>.+)\)$")),
    ("share_basis", re.compile(r"^share of (?P<code>\S+) in the total economy, (?P<focus>\S+) / (?P<reference>\S+), mean of the yearly ratios$")),
    ("ratio_basis", re.compile(r"^(?P<code>\S+) per (?P<per>\S+) relative to the total economy, (?P<focus>\S+) / (?P<reference>\S+), "
                               r"mean of the yearly ratios$")),
    ("activity_basis", re.compile(r"^(?P<label>NACE|ASJC|fields): (?P<codes>.+); (?P<focus>\S+) (?P<f_val>[\d,.]+) of (?P<f_total>[\d,.]+), "
                                  r"(?P<reference>\S+) (?P<r_val>[\d,.]+) of (?P<r_total>[\d,.]+)$")),
    ("coverage_range", re.compile(r"^(?P<low>\d+%)-(?P<high>\d+%) \((?P<n_low>\d+)-(?P<n_high>\d+) of (?P<n>\d+) countries\)$")),
    ("coverage_count", re.compile(r"^(?P<used>\d+) of (?P<n>\d+)$")),
    ("reference_members", re.compile(r"^(?P<reference>\S+): sum of its (?P<n>\d+) member countries(?P<euro>, money values on a euro scale "
                                     r"\(GDP in euro / total value added\))?$")),
    ("reference_own", re.compile(r"^(?P<reference>\S+): its own rows(?P<euro>, money values on a euro scale \(GDP in euro / total value added\))?$")),
)


def flag_word(code: str, language: str) -> str:
    """A flag code (``zero_suspect``) or ``TOTAL`` as a word in ``language``; another code stays as it is.

    >>> flag_word("zero_suspect", "nl"), flag_word("TOTAL", "nl"), flag_word("C21", "nl")
    ('verdachte nul', 'totaal', 'C21')
    """
    if code == "TOTAL":
        return t("sector_total_economy", language)
    return t(f"sector_flag_{code}", language) if code in FLAG_CODES else code


def flag_explanation(code: str, language: str) -> str:
    """What a flag code means, one sentence in ``language`` (``""`` for an unknown code)."""
    return t(f"sector_flag_explain_{code}", language) if code in FLAG_CODES else ""


def localise_numbers(text: str, language: str) -> str:
    """Every number of ``text`` written the English way (``15,280.0``) in ``language``'s separators.

    >>> localise_numbers("BEL 15,280.0 of 263,049.0, 2014 22/27 (68%)", "nl")
    'BEL 15.280,0 of 263.049,0, 2014 22/27 (68%)'
    """
    return _NUMBER.sub(lambda m: localise_number(m.group(0), language), text)


def _codes_to_words(text: str, language: str) -> str:
    return _CODE.sub(lambda m: flag_word(m.group(1), language), text)


def _fill(kind: str, groups: dict[str, str], language: str) -> str:
    values = {k: ("" if v is None else v) for k, v in groups.items()}
    if "what" in values:
        values["what"] = t(f"sector_na_what_{values['what']}", language)
    if "label" in values and values["label"] == "fields":
        values["label"] = t("sector_note_fields", language)
    if "euro" in values:
        values["euro"] = t("sector_note_euro", language) if values["euro"] else ""
    for key in ("items", "parts", "codes"):
        if key in values:
            values[key] = _codes_to_words(values[key], language)
    return t(f"sector_note_{kind}", language, **values)


def reader_note(text: object, language: str) -> str:
    """A technical note of the sector tables (several joined by `` | ``) in ``language``; ``""`` for none.

    >>> reader_note("BEL left out: C21 VA zero_suspect (2016); TOTAL VA missing (2018)", "nl")
    'BEL weggelaten: C21 VA verdachte nul (2016); totaal VA ontbreekt (2018)'
    >>> reader_note("27 of 27", "nl")
    '27 van 27'
    """
    if text is None or (isinstance(text, float) and pd.isna(text)) or not str(text).strip():
        return ""
    parts = []
    for part in str(text).split(" | "):
        for kind, pattern in _NOTES:
            match = pattern.match(part.strip())
            if match:
                part = _fill(kind, match.groupdict(), language)
                break
        else:
            part = _codes_to_words(part, language)
        parts.append(localise_numbers(part, language))
    return " | ".join(parts)


def reader_notes(table: pd.DataFrame, columns: list[str] | tuple[str, ...], language: str) -> pd.DataFrame:
    """``table`` with each of ``columns`` (those it has) rewritten by :func:`reader_note`."""
    out = table.copy()
    for column in columns:
        if column in out.columns:
            out[column] = out[column].map(lambda v: reader_note(v, language))
    return out
