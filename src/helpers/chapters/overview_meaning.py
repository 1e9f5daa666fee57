"""What the overview chapter means for Flanders, and the few helpers every chapter's ``meaning`` module shares.

:func:`overview_findings` turns the overview's results (the focus region's patents and articles by
year and by field) into :class:`~helpers.chapters.page.Finding` sentences for the section "Wat
betekent dit voor Vlaanderen?" / "What this means for Flanders". Every number comes from the page,
formatted for the language (:func:`number`); every choice of wording is made from those numbers.

The shared helpers: :func:`say` (a sentence template of a module's own ``TEXTS`` in one language),
:func:`number`, :func:`name_list` (names for Markdown, long lists cut short) and :func:`stand_in`
(the words that say Belgium's figures stand for Flanders).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from helpers.chapters.overview import OverviewPage
from helpers.chapters.page import Finding
from helpers.chapters.sentences import number, say  # noqa: F401 (also used by the other chapters' meaning modules)
from helpers.i18n import in_text, join_names, md_text, region_name

#: a share that changes by less than this (relative) "stays about the same"
FLAT = 0.05

Texts = Mapping[str, Mapping[str, str]]

_SHARED: Texts = {
    "stand_in": {"nl": " (dat hier voor Vlaanderen staat)", "en": " (standing in for Flanders here)"},
    "others": {"nl": "{n} andere", "en": "{n} others"},
    "more": {"nl": "meer dan {names}", "en": "more than {names}"},
    "same": {"nl": "evenveel als {names}", "en": "as many as {names}"},
    "fewer": {"nl": "minder dan {names}", "en": "fewer than {names}"},
    "higher": {"nl": "hoger dan bij {names}", "en": "higher than in {names}"},
    "equal": {"nl": "even hoog als bij {names}", "en": "as high as in {names}"},
    "lower": {"nl": "lager dan bij {names}", "en": "lower than in {names}"},
}

TEXTS: Texts = {
    "spec": {"nl": "{region}{stand_in} is gespecialiseerd (RCA ≥ 1) in {n} van de {total} technologiedomeinen van zijn octrooien, "
                   "{breadth}; het sterkst in *{field}* (RCA {rca}).",
             "en": "{region}{stand_in} is specialised (RCA ≥ 1) in {n} of the {total} technology fields of its patents, {breadth}; "
                   "most strongly in *{field}* (RCA {rca})."},
    "more_than_half": {"nl": "meer dan de helft", "en": "more than half"},
    "half": {"nl": "precies de helft", "en": "exactly half"},
    "less_than_half": {"nl": "minder dan de helft", "en": "less than half"},
    "trend_up": {"nl": "Het gewicht van {region} in de octrooien van de wereld nam toe, van {a}% in {y0} tot {b}% in {y1}.",
                 "en": "{region}'s weight in the world's patents grew, from {a}% in {y0} to {b}% in {y1}."},
    "trend_down": {"nl": "Het gewicht van {region} in de octrooien van de wereld nam af, van {a}% in {y0} tot {b}% in {y1}.",
                   "en": "{region}'s weight in the world's patents shrank, from {a}% in {y0} to {b}% in {y1}."},
    "trend_flat": {"nl": "Het gewicht van {region} in de octrooien van de wereld bleef ongeveer gelijk: {a}% in {y0}, {b}% in {y1}.",
                   "en": "{region}'s weight in the world's patents stayed about the same: {a}% in {y0}, {b}% in {y1}."},
    "balance_science": {"nl": "In de wetenschap weegt {region} zwaarder dan in de technologie: {a}% van de wetenschappelijke artikels van "
                              "de wereld ({a0}-{a1}) tegenover {p}% van de octrooien ({p0}-{p1}).",
                        "en": "{region} weighs more in science than in technology: {a}% of the world's scientific articles ({a0}-{a1}) "
                              "against {p}% of the world's patents ({p0}-{p1})."},
    "balance_technology": {"nl": "In de technologie weegt {region} zwaarder dan in de wetenschap: {p}% van de octrooien van de wereld "
                                 "({p0}-{p1}) tegenover {a}% van de wetenschappelijke artikels ({a0}-{a1}).",
                           "en": "{region} weighs more in technology than in science: {p}% of the world's patents ({p0}-{p1}) against "
                                 "{a}% of the world's scientific articles ({a0}-{a1})."},
    "balance_even": {"nl": "{region} weegt in de wetenschap ongeveer even zwaar als in de technologie: {a}% van de wetenschappelijke "
                           "artikels van de wereld ({a0}-{a1}), {p}% van de octrooien ({p0}-{p1}).",
                     "en": "{region} weighs about as much in science as in technology: {a}% of the world's scientific articles "
                           "({a0}-{a1}), {p}% of the world's patents ({p0}-{p1})."},
    "articles_some": {"nl": "In de wetenschappelijke artikels is {region} gespecialiseerd in {n} van de {total} wetenschapsdomeinen, "
                            "het sterkst in *{field}* (RCA {rca}).",
                      "en": "In scientific articles {region} is specialised in {n} of the {total} fields of science, most strongly in "
                            "*{field}* (RCA {rca})."},
    "articles_none": {"nl": "In geen enkel wetenschapsdomein is {region} gespecialiseerd; het dichtst daarbij komt *{field}* (RCA {rca}).",
                      "en": "{region} is specialised in no field of science; the closest is *{field}* (RCA {rca})."},
    "largest_specialised": {"nl": "Het grootste octrooidomein, *{field}* ({share}% van de octrooien van {region}), is ook een "
                                  "specialisatie (RCA {rca}).",
                            "en": "The largest patent field, *{field}* ({share}% of {region}'s patents), is also a specialisation "
                                  "(RCA {rca})."},
    "largest_not": {"nl": "Het grootste octrooidomein, *{field}* ({share}% van de octrooien van {region}), is geen specialisatie "
                          "(RCA {rca}): het weegt bij {region} minder dan in de wereld.",
                    "en": "The largest patent field, *{field}* ({share}% of {region}'s patents), is not a specialisation (RCA {rca}): "
                          "it weighs less in {region} than in the world."},
}


# --------------------------------------------------------------------------------------------- shared helpers
def name_list(names: Sequence[str], language: str, limit: int = 5, *, italic: bool = False) -> str:
    """Names joined for Markdown text (each escaped, in italics with ``italic``: names that hold commas stay apart);
    more than ``limit`` are cut to the first ``limit - 1`` and "n andere" / "n others".

    >>> name_list(["a", "b", "c"], "nl", limit=2)
    'a en 2 andere'
    >>> name_list(["a", "b, c"], "en", italic=True)
    '*a* and *b, c*'
    """
    names = [f"*{md_text(n)}*" if italic else md_text(n) for n in names]
    if len(names) > limit:
        names = [*names[: limit - 1], say(_SHARED, "others", language, n=len(names) - limit + 1)]
    return join_names(names, language)


def comparison(value: float, others: Sequence[tuple[str, float, str]], language: str, *, counts: bool = True) -> str:
    """``value`` against each of ``others`` (name, value, the value as shown): "meer dan A (8) en B (10), minder dan C (22)";
    ``counts=False`` words shares ("hoger dan bij A (37%)"). Names are escaped for Markdown and take their article
    (:func:`helpers.i18n.in_text`: "than the United Kingdom").

    >>> comparison(11, [("A", 8, "8"), ("B", 22, "22")], "nl")
    'meer dan A (8), minder dan B (22)'
    >>> comparison(0.5, [("Netherlands", 0.5, "50%")], "en", counts=False)
    'as high as in the Netherlands (50%)'
    """
    keys = ("more", "same", "fewer") if counts else ("higher", "equal", "lower")
    parts = []
    for key, keep in zip(keys, (lambda v: v < value, lambda v: v == value, lambda v: v > value)):
        group = [f"{md_text(in_text(name, language))} ({shown})" for name, v, shown in others if keep(v)]
        if group:
            parts.append(say(_SHARED, key, language, names=join_names(group, language)))
    return ", ".join(parts)


def stand_in(name: str, language: str) -> str:
    """`` (dat hier voor Vlaanderen staat)`` when ``name`` is Belgium's (whose figures stand for Flanders in data by
    country), else nothing.

    >>> stand_in("België", "nl"), stand_in("Sweden", "en")
    (' (dat hier voor Vlaanderen staat)', '')
    """
    return say(_SHARED, "stand_in", language) if name == region_name("BEL", language) else ""


def _share_key(part: float, whole: float) -> str:
    """``more_than_half``, ``half`` or ``less_than_half`` of ``whole``."""
    return "more_than_half" if 2 * part > whole else "half" if 2 * part == whole else "less_than_half"


def _change_key(first: float, last: float, prefix: str) -> str:
    """``<prefix>_up``, ``_down`` or ``_flat`` (a relative change within :data:`FLAT`)."""
    change = last / first - 1 if first else float("inf") if last else 0.0
    return f"{prefix}_flat" if abs(change) < FLAT else f"{prefix}_up" if change > 0 else f"{prefix}_down"


# --------------------------------------------------------------------------------------------- the overview
def _trend(page: OverviewPage, language: str, region: str) -> Finding | None:
    """The focus region's share of the world's patents in the window's first and last year (None with fewer than two years)."""
    years = page.pat_years[page.pat_years["year"].between(*page.patents_window)].sort_values("year")
    if len(years) < 2:
        return None
    first, last = years.iloc[0], years.iloc[-1]
    key = _change_key(float(first["share_of_world"]), float(last["share_of_world"]), "trend")
    return Finding(say(TEXTS, key, language, region=region, a=number(first["share_of_world"] * 100, ".2f", language), y0=int(first["year"]),
                       b=number(last["share_of_world"] * 100, ".2f", language), y1=int(last["year"])), "context", headline=True)


def _balance(glue: Mapping[str, object], language: str, region: str) -> Finding:
    """Science against technology: the focus region's share of the world's articles against its share of the patents."""
    a, p = float(glue["art_share"]), float(glue["pat_share"])
    key = "balance_science" if a > p * (1 + FLAT) else "balance_technology" if p > a * (1 + FLAT) else "balance_even"
    return Finding(say(TEXTS, key, language, region=region, a=number(a, ".2f", language), p=number(p, ".2f", language),
                       a0=glue["a_start"], a1=glue["a_end"], p0=glue["p_start"], p1=glue["p_end"]), "context")


def _articles(fields: pd.DataFrame, language: str, region: str) -> Finding:
    """How many fields of science the focus region is specialised in, and the strongest."""
    top = fields.sort_values(["rca", "technology"], ascending=[False, True]).iloc[0]
    n = int((fields["rca"] >= 1).sum())
    return Finding(say(TEXTS, "articles_some" if n else "articles_none", language, region=region, n=n, total=len(fields),
                       field=md_text(top["technology"]), rca=number(top["rca"], ".2f", language)), "strength")


def _largest(fields: pd.DataFrame, language: str, region: str) -> Finding:
    """Whether the largest patent field is also a specialisation."""
    top = fields.iloc[0]
    specialised = float(top["rca"]) >= 1
    return Finding(say(TEXTS, "largest_specialised" if specialised else "largest_not", language, region=region, field=md_text(top["technology"]),
                       share=number(top["share_of_region"] * 100, ".1f", language), rca=number(top["rca"], ".2f", language)),
                   "strength" if specialised else "context")


def overview_findings(page: OverviewPage, language: str) -> list[Finding]:
    """What the overview means for Flanders: how broad the focus region's technological specialisation is (headline),
    its weight in the world's patents over the window (headline), science against technology, its specialisation
    in science and whether its largest patent field is a specialisation."""
    glue = page.glue()
    region = md_text(page.name)
    n_spec, total = int(glue["pat_n_specialised"]), int(glue["pat_n_fields"])
    spec = Finding(say(TEXTS, "spec", language, region=region, stand_in=stand_in(page.name, language), n=n_spec, total=total,
                       breadth=say(TEXTS, _share_key(n_spec, total), language), field=md_text(glue["pat_rca_field"]),
                       rca=number(glue["pat_rca_value"], ".2f", language)), "strength", headline=True)
    found = [spec, _trend(page, language, region), _balance(glue, language, region), _articles(page.art_fields, language, region),
             _largest(page.pat_fields, language, region)]
    return [f for f in found if f is not None]


__all__ = ["FLAT", "TEXTS", "comparison", "name_list", "number", "overview_findings", "say", "stand_in"]
