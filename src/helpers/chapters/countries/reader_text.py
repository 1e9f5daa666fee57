"""Words of the policy data (``data/policy/*.csv``) for readers: strategy kinds, budget checks, citations, quadrants.

The project data keep codes (``policy_plan``, ``parts_not_in_seed``) and cite their sources in English
(``VARIO2026, §4.3 (Verenigd Koninkrijk; numbered 4.4 in the table of contents), p. 63``). The chapter's
tables and charts show them through these functions: a code becomes its label in the book's language
(:mod:`helpers.i18n.labels.landscape`), and a citation's English remarks are rewritten by the phrase table
:data:`~helpers.i18n.labels.landscape.CITATION_PHRASES_NL` in the Dutch book.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.i18n import LABELS, t
from helpers.i18n.labels.landscape import CITATION_PHRASES_NL

_PHRASES = tuple((re.compile(pattern), replacement) for pattern, replacement in CITATION_PHRASES_NL)


def code_word(prefix: str, code: object, language: str) -> str:
    """The label ``<prefix><code>`` in ``language``; ``""`` for a missing code, the code itself when it has no label.

    >>> code_word("strategy_kind_", "policy_plan", "nl"), code_word("strategy_kind_", float("nan"), "nl")
    ('beleidsplan', '')
    """
    if code is None or (isinstance(code, float) and pd.isna(code)) or code == "":
        return ""
    key = f"{prefix}{code}"
    return t(key, language) if key in LABELS else str(code)


def reader_citation(text: object, language: str) -> str:
    """A citation of the policy data for readers: in the Dutch book its English remarks in Dutch.

    >>> reader_citation("VARIO2026, §4.3 (Verenigd Koninkrijk; numbered 4.4 in the table of contents), p. 63", "nl")
    'VARIO2026, §4.3 (Verenigd Koninkrijk; in de inhoudstafel genummerd 4.4), p. 63'
    """
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    out = str(text)
    if language == "nl":
        for pattern, replacement in _PHRASES:
            out = pattern.sub(replacement, out)
    return out


def reader_citations(values: pd.Series, language: str) -> pd.Series:
    """:func:`reader_citation` of each value (citations joined by ``"; "`` included)."""
    return values.map(lambda v: reader_citation(v, language))
