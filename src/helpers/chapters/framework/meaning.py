"""What the decision-framework chapter means for Flanders: which domains land as pronounced strength, ecosystem gap
or moonshot, where the framework differs from the VARIO report's own examples, and what it gives for the report's
technologies with the CEPS study's published values.

:func:`framework_findings` words :class:`~helpers.chapters.framework.page.FrameworkPage` (the nine
domains) and, when given, :class:`~helpers.chapters.framework.page.TechnologyFrameworkPage` (the
technologies) as :class:`~helpers.chapters.page.Finding` sentences; the wording is chosen from the counts.
"""

from __future__ import annotations

import pandas as pd

from helpers.chapters.framework.categories import CATEGORIES
from helpers.chapters.framework.page import FrameworkPage, TechnologyFrameworkPage
from helpers.chapters.overview_meaning import Texts, name_list, say, stand_in
from helpers.chapters.page import Finding
from helpers.i18n import join_names, md_text

#: the categories with a finding of their own, with its theme
OWN_FINDING = {"uitgesproken_sterkte": "strength", "hiaat_ecosysteem": "gap", "moonshot": "moonshot"}

TEXTS: Texts = {
    "ratings_computed": {"nl": "berekende scores van Tabel 1", "en": "computed ratings of Table 1"},
    "ratings_published": {"nl": "scores van Tabel 1 van het advies", "en": "ratings of the report's Table 1"},
    "some_uitgesproken_sterkte": {
        "nl": "**Uitgesproken sterkte** van {focus}{stand_in}, met de {ratings} als input: {names} ({n} van de {total} domeinen). Daar "
              "vraagt het advies de leiderschapspositie te versterken ({action}).",
        "en": "**Pronounced strength** of {focus}{stand_in}, with the {ratings} as input: {names} ({n} of the {total} domains). There the "
              "report asks to strengthen the leadership position ({action})."},
    "none_uitgesproken_sterkte": {
        "nl": "Met de {ratings} als input komt geen enkel domein uit als uitgesproken sterkte van {focus}{stand_in}.",
        "en": "With the {ratings} as input no domain lands as a pronounced strength of {focus}{stand_in}."},
    "some_hiaat_ecosysteem": {
        "nl": "**Hiaat in het ecosysteem**: {names} ({n} van de {total} domeinen). Daar vraagt het advies gericht te investeren in de "
              "ontbrekende schakels ({action}).",
        "en": "**Gap in the ecosystem**: {names} ({n} of the {total} domains). There the report asks for targeted investment in the "
              "missing links ({action})."},
    "none_hiaat_ecosysteem": {"nl": "Geen enkel domein heeft een hiaat in het ecosysteem.", "en": "No domain has a gap in the ecosystem."},
    "some_moonshot": {
        "nl": "**Moonshot**: {names} ({n} van de {total} domeinen): groeipotentieel en een bijdrage aan de transities, maar nog zonder "
              "economische sterkte. Het advies vraagt daar een beperkt aantal gerichte keuzes ({action}).",
        "en": "**Moonshot**: {names} ({n} of the {total} domains): growth potential and a contribution to the transitions, but no "
              "economic strength yet. The report asks for a limited number of focused choices there ({action})."},
    "none_moonshot": {"nl": "Geen enkel domein komt uit als moonshot.", "en": "No domain lands as a moonshot."},
    "undecided_some": {"nl": "De boom beslist {n} van de {total} domeinen niet ({names}); daar is het oordeel van experten nodig.",
                       "en": "The tree does not decide {n} of the {total} domains ({names}); there expert judgement is needed."},
    "undecided_none": {"nl": "De boom beslist alle {total} domeinen.", "en": "The tree decides all {total} domains."},
    "tech_none": {"nl": " Toegepast op {n} octrooi- en wetenschapsdomeinen beslist hij er geen enkel: de publieke data meten per domein "
                        "maar één van de drie sterktes.",
                  "en": " Applied to {n} patent and science fields it decides none: the public data measure only one of the three "
                        "strengths per field."},
    "tech_some": {"nl": " Toegepast op {n} octrooi- en wetenschapsdomeinen beslist hij er {k}.",
                  "en": " Applied to {n} patent and science fields it decides {k}."},
    "examples_all": {"nl": "Alle {n} voorbeelden die het VARIO-advies zelf geeft, komen hier in dezelfde categorie uit als in het advies.",
                     "en": "All {n} examples the VARIO report gives itself land here in the same category as in the report."},
    "examples_some": {"nl": "Van de {n} voorbeelden die het VARIO-advies zelf geeft, komen er {same} hier in dezelfde categorie uit als in "
                            "het advies; {differences}.",
                      "en": "Of the {n} examples the VARIO report gives itself, {same} land here in the same category as in the report; "
                            "{differences}."},
    "examples_none": {"nl": "Geen van de {n} voorbeelden die het VARIO-advies zelf geeft, komt hier in dezelfde categorie uit: "
                            "{differences}.",
                      "en": "None of the {n} examples the VARIO report gives itself lands here in the same category: {differences}."},
    "difference": {"nl": "*{item}* wordt hier {book} in plaats van {report}", "en": "*{item}* is {book} here instead of {report}"},
    "published": {"nl": "Met de gepubliceerde waarden van de CEPS-studie voor Vlaanderen geeft de boom voor de {n} technologieën van het "
                        "advies: {counts}.{strong}",
                  "en": "With the CEPS study's published values for Flanders the tree gives for the report's {n} technologies: "
                        "{counts}.{strong}"},
    "published_strong": {"nl": " Uitgesproken sterktes: {names}.", "en": " Pronounced strengths: {names}."},
    "count": {"nl": "{n} × {category}", "en": "{n} × {category}"},
    "cat_uitgesproken_sterkte": {"nl": "uitgesproken sterkte", "en": "pronounced strength"},
    "cat_hiaat_ecosysteem": {"nl": "hiaat in het ecosysteem", "en": "gap in the ecosystem"},
    "cat_moonshot": {"nl": "moonshot", "en": "moonshot"},
    "cat_geen_beleidsfocus": {"nl": "geen specifieke beleidsfocus", "en": "no specific policy focus"},
    "cat_internationalisering": {"nl": "internationalisering", "en": "internationalisation"},
    "cat_partnerschappen": {"nl": "partnerschappen", "en": "partnerships"},
    "cat_niet_beslist": {"nl": "niet beslist", "en": "not decided"},
}


def _category(key: str, language: str) -> str:
    """A category's short name inside a sentence."""
    return say(TEXTS, f"cat_{key}", language)


def _action(key: str, language: str) -> str:
    """The recommendation a category's policy action comes from (``Aanbeveling 2.1`` / ``Recommendation 2.1``)."""
    return getattr(CATEGORIES[key], f"action_title_{language}").split(":")[0]


def _in_category(page: FrameworkPage, key: str, language: str) -> Finding:
    """The domains of one category (:data:`OWN_FINDING`), or the sentence that there are none."""
    rows = page.classified[page.classified["category"] == key]
    values = dict(focus=md_text(page.focus_name), stand_in=stand_in(page.focus_name, language),
                  ratings=say(TEXTS, f"ratings_{'computed' if page.ratings_source == 'computed' else 'published'}", language))
    if rows.empty:
        return Finding(say(TEXTS, f"none_{key}", language, **values), "context", headline=key == "uitgesproken_sterkte")
    names = name_list(rows[f"domain_{language}"].tolist(), language, limit=6, italic=True)
    return Finding(say(TEXTS, f"some_{key}", language, names=names, n=len(rows), total=len(page.classified), action=_action(key, language),
                       **values),
                   OWN_FINDING[key], headline=key == "uitgesproken_sterkte")


def _undecided(page: FrameworkPage, tech: TechnologyFrameworkPage | None, language: str) -> Finding:
    """The domains the tree leaves undecided, and (with ``tech``) how many technologies it decides."""
    rows = page.classified[page.classified["category"] == "niet_beslist"]
    total = len(page.classified)
    if len(rows):
        names = name_list(rows[f"domain_{language}"].tolist(), language, italic=True)
        text = say(TEXTS, "undecided_some", language, n=len(rows), total=total, names=names)
    else:
        text = say(TEXTS, "undecided_none", language, total=total)
    if tech is not None and len(tech.classified):
        decided = int((tech.classified["category"] != "niet_beslist").sum())
        text += say(TEXTS, "tech_some" if decided else "tech_none", language, n=len(tech.classified), k=decided)
    return Finding(text, "context")


def example_differences(examples: pd.DataFrame, language: str) -> tuple[int, list[str]]:
    """How many of the report's worked examples (the ``examples`` table of the published framework: ``item``,
    ``report``, ``book`` as category labels in ``language``) land in the report's category, and a phrase per
    one that does not."""
    key_of = {getattr(c, f"label_{language}"): k for k, c in CATEGORIES.items()}
    same = examples["report"] == examples["book"]
    phrases = [say(TEXTS, "difference", language, item=md_text(r["item"]), book=_category(key_of[r["book"]], language),
                   report=_category(key_of[r["report"]], language)) for _, r in examples[~same].iterrows()]
    return int(same.sum()), phrases


def _examples(tech: TechnologyFrameworkPage | None, language: str) -> Finding | None:
    """The report's worked examples against the categories the rules give (headline; None without published values)."""
    if tech is None or tech.published is None or not tech.published.available or tech.published.examples.empty:
        return None
    examples = tech.published.examples
    same, phrases = example_differences(examples, language)
    key = "examples_all" if not phrases else "examples_some" if same else "examples_none"
    return Finding(say(TEXTS, key, language, n=len(examples), same=same, differences=join_names(phrases, language)), "agreement",
                   headline=True)


def _published(tech: TechnologyFrameworkPage | None, language: str) -> Finding | None:
    """The categories of the report's technologies with the CEPS study's published values for Flanders (headline)."""
    if tech is None or tech.published is None or not tech.published.available:
        return None
    classified = tech.published.classified
    counts = classified["category"].value_counts()
    order = [k for k in CATEGORIES if k in counts.index]
    parts = [say(TEXTS, "count", language, n=int(counts[k]), category=_category(k, language)) for k in order]
    strong = classified.loc[classified["category"] == "uitgesproken_sterkte", "label"].tolist()
    return Finding(say(TEXTS, "published", language, n=len(classified), counts=join_names(parts, language),
                       strong=say(TEXTS, "published_strong", language, names=name_list(strong, language, limit=6, italic=True)) if strong else ""),
                   "strength" if strong else "context", headline=True)


def framework_findings(page: FrameworkPage, language: str, tech: TechnologyFrameworkPage | None = None) -> list[Finding]:
    """What the decision framework means for Flanders: the domains of pronounced strength (headline), with an
    ecosystem gap and moonshots, the undecided ones; with ``tech`` (the page on technologies) also the report's
    own examples against the rules (headline) and the report's technologies with the published values (headline)."""
    found = [*(_in_category(page, key, language) for key in OWN_FINDING), _undecided(page, tech, language), _examples(tech, language),
             _published(tech, language)]
    return [f for f in found if f is not None]


__all__ = ["OWN_FINDING", "TEXTS", "example_differences", "framework_findings"]
