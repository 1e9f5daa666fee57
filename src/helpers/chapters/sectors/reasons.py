"""Why a cell of Tabel 1 is ``na``, in the reader's language.

The indicator modules (:mod:`~helpers.chapters.sectors.national_accounts`, :mod:`~helpers.chapters.sectors.fields`,
:mod:`~helpers.chapters.sectors.sources`) write a technical reason for every gap (file, codes, years, the mapping
file's rationale): precise, in English, for whoever reproduces the table. Readers get one short sentence per kind of
gap instead: :func:`reason_kind` sorts a technical reason into one of :data:`REASON_KINDS` and :func:`reader_reason`
says it in Dutch or English (labels ``sector_na_<kind>`` of :mod:`helpers.i18n.labels.sectors`).
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.i18n import t

#: The kinds of gap, each with a label ``sector_na_<kind>``; ``other`` for a reason no pattern knows.
REASON_KINDS: tuple[str, ...] = (
    "rd_no_sector", "patents_no_code", "patents_no_field", "publications_no_field", "focus_values", "reference_coverage",
    "focus_no_activity", "reference_no_activity", "not_mapped", "no_value", "other",
)

_YEARS = re.compile(r"\b(\d{4})-(\d{4})\b")
#: (kind, pattern on the technical reason), tried in order.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rd_no_sector", re.compile(r"^no R&D data by NACE sector", re.I)),
    ("patents_no_code", re.compile(r"no NACE code of the patent data lies", re.I)),
    ("not_mapped", re.compile(r"^domain not in ", re.I)),
    ("publications_no_field", re.compile(r"^no (Scopus area|NCSES field|publications field)", re.I)),
    ("patents_no_field", re.compile(r"^no patents field", re.I)),
    ("focus_values", re.compile(r"^no usable value for ", re.I)),
    ("reference_coverage", re.compile(r"^the countries of .* with usable values make up less than", re.I)),
    ("reference_no_activity", re.compile(r"^reference .* has no ", re.I)),
    ("focus_no_activity", re.compile(r"^\S+ has no (patents|publications|documents) ", re.I)),
    ("no_value", re.compile(r"^(no value|missing value)$", re.I)),
)


def reason_kind(reason: object, indicator_id: str = "") -> str:
    """The kind (:data:`REASON_KINDS`) of a technical ``na`` reason; ``""`` for no reason (a cell with a value)."""
    text = "" if reason is None or (isinstance(reason, float) and pd.isna(reason)) else str(reason).strip()
    if not text:
        return ""
    for kind, pattern in _PATTERNS:
        if pattern.search(text):
            if kind == "not_mapped" and indicator_id == "patents":
                return "patents_no_code"
            return kind
    return "other"


def reader_reason(reason: object, indicator_id: str, language: str, *, focus: str, reference: str) -> str:
    """The technical ``reason`` of an ``na`` cell as one sentence for readers in ``language`` (``""`` for no reason)."""
    kind = reason_kind(reason, indicator_id)
    if not kind:
        return ""
    years = _YEARS.search(str(reason))
    span = f"{years.group(1)}-{years.group(2)}" if years else ""
    what = t("sector_na_what_patents" if indicator_id == "patents" else "sector_na_what_publications", language)
    return t(f"sector_na_{kind}", language, focus=focus, reference=reference, span=span, what=what)


def reader_reasons(values: pd.DataFrame, language: str, *, focus: str, reference: str) -> pd.Series:
    """:func:`reader_reason` for every row of ``values`` (``reason`` and ``indicator_id`` columns)."""
    return pd.Series([reader_reason(r, i, language, focus=focus, reference=reference)
                      for r, i in zip(values["reason"], values["indicator_id"])], index=values.index, dtype=object)
