"""The two small helpers every chapter's "what this means for Flanders" sentences use: a template in the
book's language, and a number in that language's separators."""

from __future__ import annotations

from collections.abc import Mapping

from helpers.i18n import localise_number


def say(templates: Mapping[str, Mapping[str, str]], key: str, language: str, **values: object) -> str:
    """The template ``key`` of ``templates`` in ``language``, filled with ``values``.

    >>> say({"n": {"nl": "{n} domeinen", "en": "{n} fields"}}, "n", "nl", n=3)
    '3 domeinen'
    """
    return templates[key][language].format(**values)


def number(value: float, spec: str, language: str) -> str:
    """``value`` formatted with ``spec`` in the language's separators (Dutch 1.234,5; English 1,234.5).

    >>> number(1234.5, ",.1f", "nl"), number(1234.5, ",.1f", "en"), number(1.0, "g", "nl")
    ('1.234,5', '1,234.5', '1')
    """
    return localise_number(format(float(value), spec), language)
