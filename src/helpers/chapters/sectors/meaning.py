"""What the sector-strengths chapter means for Flanders: which domains are strong by the book's computation, and
how far the public data agree with Tabel 1 of the VARIO report.

:func:`sector_findings` words the results of :class:`~helpers.chapters.sectors.page.SectorPage` as
:class:`~helpers.chapters.page.Finding` sentences. Agreement is counted only where both sides have a
rating, under the edition's rule (the first of ``page.kinds``) and, beside it, the other rule.
"""

from __future__ import annotations

import pandas as pd

from helpers.chapters.overview_meaning import Texts, name_list, number, say, stand_in
from helpers.chapters.page import Finding
from helpers.chapters.sectors.page import SectorPage
from helpers.i18n import join_names, md_text
from helpers.methods.ratings import INDICATORS

#: the ratings that count as strong
STRONG = ("++", "+")

TEXTS: Texts = {
    "strong_some": {"nl": "Volgens de berekening van dit boek ({rule}) krijgt {focus}{stand_in} in {n} van de {total} domeinen op meer dan "
                          "de helft van de gescoorde indicatoren een + of ++: {names}.",
                    "en": "By this book's computation ({rule}) {focus}{stand_in} is rated + or ++ on more than half of the rated indicators "
                          "in {n} of the {total} domains: {names}."},
    "strong_none": {"nl": "Volgens de berekening van dit boek ({rule}) krijgt {focus}{stand_in} in geen enkel domein op meer dan de helft "
                          "van de gescoorde indicatoren een + of ++.",
                    "en": "By this book's computation ({rule}) {focus}{stand_in} is rated + or ++ on more than half of the rated indicators "
                          "in none of the domains."},
    "agree_most": {"nl": "De publieke data bevestigen Tabel 1 van het VARIO-advies grotendeels: van de {n} cellen met aan beide kanten "
                         "een score krijgen er {agree} ({pct}%) dezelfde score, en {within}% ligt hoogstens één stap ernaast.",
                   "en": "The public data largely confirm Table 1 of the VARIO report: of the {n} cells rated on both sides, {agree} "
                         "({pct}%) get the same rating, and {within}% are at most one step apart."},
    "agree_half": {"nl": "De publieke data bevestigen Tabel 1 van het VARIO-advies voor de helft: van de {n} cellen met aan beide kanten "
                         "een score krijgen er {agree} dezelfde score, en {within}% ligt hoogstens één stap ernaast.",
                   "en": "The public data confirm half of Table 1 of the VARIO report: of the {n} cells rated on both sides, {agree} "
                         "get the same rating, and {within}% are at most one step apart."},
    "agree_few": {"nl": "De publieke data bevestigen Tabel 1 van het VARIO-advies maar gedeeltelijk: van de {n} cellen met aan beide "
                        "kanten een score krijgen er {agree} ({pct}%) dezelfde score, al ligt {within}% hoogstens één stap ernaast.",
                  "en": "The public data confirm Table 1 of the VARIO report only in part: of the {n} cells rated on both sides, "
                        "{agree} ({pct}%) get the same rating, though {within}% are at most one step apart."},
    "agree_none": {"nl": "De publieke data laten geen vergelijking met Tabel 1 van het VARIO-advies toe: geen enkele cel heeft aan beide "
                         "kanten een score.",
                   "en": "The public data allow no comparison with Table 1 of the VARIO report: no cell is rated on both sides."},
    "alt_more": {"nl": "Met de {alt} komen meer cellen overeen ({a}) dan met de {main} ({m}).",
                 "en": "Under the {alt} more cells agree ({a}) than under the {main} ({m})."},
    "alt_fewer": {"nl": "Met de {alt} komen minder cellen overeen ({a}) dan met de {main} ({m}).",
                  "en": "Under the {alt} fewer cells agree ({a}) than under the {main} ({m})."},
    "alt_same": {"nl": "Met de {alt} komen evenveel cellen overeen als met de {main} ({m}).",
                 "en": "Under the {alt} as many cells agree as under the {main} ({m})."},
    "indicators": {"nl": "Per indicator klopt de berekening het best voor {best} ({a} van de {n} cellen gelijk) en het minst voor {worst} "
                         "({b} van de {m}).",
                   "en": "By indicator the computation agrees best for {best} ({a} of {n} cells the same) and least for {worst} "
                         "({b} of {m})."},
    "indicators_even": {"nl": "Per indicator is de overeenkomst even groot: telkens {pct}% van de cellen gelijk.",
                        "en": "By indicator the agreement is the same: {pct}% of the cells the same each time."},
    "report_higher": {"nl": "Waar de scores verschillen ({k}), geeft het VARIO-advies {how} een hogere score dan de publieke data ({first}) dan "
                            "een lagere ({second}); het vaakst bij {names}.",
                      "en": "Where the ratings differ ({k}), the VARIO report rates higher than the public data {how} ({first}) than lower "
                            "({second}); most often for {names}."},
    "report_lower": {"nl": "Waar de scores verschillen ({k}), geeft het VARIO-advies {how} een lagere score dan de publieke data ({first}) dan "
                           "een hogere ({second}); het vaakst bij {names}.",
                     "en": "Where the ratings differ ({k}), the VARIO report rates lower than the public data {how} ({first}) than higher "
                           "({second}); most often for {names}."},
    "cells_one": {"nl": "{n} cel", "en": "{n} cell"},
    "cells_many": {"nl": "{n} cellen", "en": "{n} cells"},
    "much_more_often": {"nl": "veel vaker", "en": "far more often"},
    "more_often": {"nl": "iets vaker", "en": "slightly more often"},
    "report_even": {"nl": "Waar de scores verschillen ({k}), geeft het VARIO-advies even vaak een hogere als een lagere score dan "
                          "de publieke data.",
                    "en": "Where the ratings differ ({k}), the VARIO report rates higher as often as lower than the public data."},
    "na_some": {"nl": "Voor {na} van de {cells} cellen hebben de publieke data geen waarde{missing}; daar kan dit boek het advies niet "
                      "toetsen.",
                "en": "For {na} of the {cells} cells the public data have no value{missing}; there this book cannot check the report."},
    "na_missing": {"nl": " ({names} ontbreken per sector volledig)", "en": " ({names} are missing by sector altogether)"},
    "na_none": {"nl": "Elke cel van Tabel 1 heeft een waarde in de publieke data.", "en": "Every cell of Table 1 has a value in the public data."},
    "rule_rank": {"nl": "rangregel", "en": "rank rule"},
    "rule_threshold": {"nl": "drempelregel", "en": "threshold rule"},
    "ind_value_added": {"nl": "toegevoegde waarde", "en": "value added"},
    "ind_export": {"nl": "export", "en": "exports"},
    "ind_rd_expenditure": {"nl": "O&O-uitgaven", "en": "R&D expenditure"},
    "ind_rd_personnel": {"nl": "O&O-personeel", "en": "R&D personnel"},
    "ind_patents": {"nl": "octrooien", "en": "patents"},
    "ind_publications": {"nl": "publicaties", "en": "publications"},
}


def _cells(n: int, language: str) -> str:
    """``1 cel`` / ``3 cellen`` (``1 cell`` / ``3 cells``)."""
    return say(TEXTS, "cells_one" if n == 1 else "cells_many", language, n=n)


def _indicator(indicator_id: str, language: str) -> str:
    """An indicator's name inside a sentence (Tabel 1's name when this module has no word for it)."""
    key = f"ind_{indicator_id}"
    return say(TEXTS, key, language) if key in TEXTS else md_text(INDICATORS.get(indicator_id, (indicator_id, indicator_id))[language != "nl"])


def _domain_names(page: SectorPage, ids: list[str], language: str) -> str:
    names = dict(zip(page.domains["domain_id"], page.domains[f"domain_{language}"]))
    return name_list([names.get(d, d) for d in ids], language, limit=6, italic=True)


def _rule(kind: str, language: str) -> str:
    """A rule's short name in a sentence (``rangregel``, ``threshold rule``)."""
    return say(TEXTS, f"rule_{kind}", language) if f"rule_{kind}" in TEXTS else md_text(kind)


def strong_domains(view: pd.DataFrame, kind: str, order: list[str]) -> list[str]:
    """The domains rated ``+`` or ``++`` (:data:`STRONG`) on more than half of their rated indicators under rule ``kind``,
    most ``++`` first, then most strong ratings, then in ``order``.

    >>> v = pd.DataFrame({"domain_id": ["a", "a", "b", "b", "c"], "rating_rank": ["++", "na", "+", "-", "+"]})
    >>> strong_domains(v, "rank", ["c", "b", "a"])
    ['a', 'c']
    >>> strong_domains(v.assign(rating_rank="na"), "rank", ["a"])
    []
    """
    rated = view[view[f"rating_{kind}"] != "na"]
    if rated.empty:  # no rated cell (e.g. a focus region without sector data): no domain is strong
        return []
    per = rated.groupby("domain_id")[f"rating_{kind}"].agg(n="size", strong=lambda r: int(r.isin(STRONG).sum()),
                                                        top=lambda r: int((r == STRONG[0]).sum()))
    per = per[2 * per["strong"] > per["n"]].assign(order=lambda d: d.index.map({k: i for i, k in enumerate(order)}))
    return per.sort_values(["top", "strong", "order"], ascending=[False, False, True]).index.tolist()


def _strong(page: SectorPage, language: str) -> Finding:
    """The domains the book's computation rates strong (headline)."""
    kind = page.kinds[0]
    strong = strong_domains(page.view, kind, page.domains["domain_id"].tolist())
    values = dict(rule=_rule(kind, language), focus=md_text(page.focus_name), stand_in=stand_in(page.focus_name, language))
    if not strong:
        return Finding(say(TEXTS, "strong_none", language, **values), "context", headline=True)
    return Finding(say(TEXTS, "strong_some", language, n=len(strong), total=page.domains["domain_id"].nunique(),
                       names=_domain_names(page, strong, language), **values), "strength", headline=True)


def _agreement(overall: pd.Series, kind: str, language: str) -> Finding:
    """How many cells rated on both sides agree with the published table under the edition's rule (headline)."""
    n, agree = int(overall["compared"]), int(overall[f"agree_{kind}"])
    key = "agree_none" if not n else "agree_most" if 2 * agree > n else "agree_half" if 2 * agree == n else "agree_few"
    return Finding(say(TEXTS, key, language, n=n, agree=agree, pct=number(100 * agree / n if n else 0, ".0f", language),
                       within=number(100 * float(overall[f"within_one_{kind}"]) if n else 0, ".0f", language)), "agreement", headline=True)


def _rules(page: SectorPage, overall: pd.Series, language: str) -> Finding | None:
    """The other rule's agreement against the edition's rule's (None with one rule or nothing compared)."""
    main, alt = page.kinds[0], page.kinds[-1]
    if main == alt or not int(overall["compared"]):
        return None
    m, a = int(overall[f"agree_{main}"]), int(overall[f"agree_{alt}"])
    key = "alt_more" if a > m else "alt_fewer" if a < m else "alt_same"
    return Finding(say(TEXTS, key, language, alt=_rule(alt, language), main=_rule(main, language), a=a, m=m), "agreement")


def _indicators(page: SectorPage, language: str) -> Finding | None:
    """The indicators where the edition's rule agrees best and least (None with fewer than two compared indicators)."""
    kind = page.kinds[0]
    per = page.agreement_view[(page.agreement_view["indicator_id"] != "all") & (page.agreement_view["compared"] > 0)]
    if len(per) < 2:
        return None
    per = per.assign(share=per[f"agree_{kind}"] / per["compared"]).sort_values("share", ascending=False, kind="mergesort")
    best, worst = per.iloc[0], per.iloc[-1]
    if best["share"] == worst["share"]:
        return Finding(say(TEXTS, "indicators_even", language, pct=number(100 * best["share"], ".0f", language)), "agreement")
    return Finding(say(TEXTS, "indicators", language, best=_indicator(best["indicator_id"], language), a=int(best[f"agree_{kind}"]),
                       n=int(best["compared"]), worst=_indicator(worst["indicator_id"], language), b=int(worst[f"agree_{kind}"]),
                       m=int(worst["compared"])), "agreement")


def _direction(page: SectorPage, language: str) -> Finding | None:
    """Where the ratings differ: whether the report is mostly more or less positive than the data, and for which domains
    (None when no cell differs). The distance is the computed rating minus the published one, in steps."""
    kind = page.kinds[0]
    differ = page.view[page.view[f"status_{kind}"] == "disagree"]
    if differ.empty:
        return None
    hi, lo = int((differ[f"distance_{kind}"] < 0).sum()), int((differ[f"distance_{kind}"] > 0).sum())
    key = "report_higher" if hi > lo else "report_lower" if lo > hi else "report_even"
    how = say(TEXTS, "much_more_often" if max(hi, lo) >= 2 * min(hi, lo) else "more_often", language)
    side = differ[differ[f"distance_{kind}"] < 0] if hi > lo else differ[differ[f"distance_{kind}"] > 0]
    counts = side["domain_id"].value_counts()
    top = [d for d in page.domains["domain_id"] if counts.get(d, 0) == counts.max()] if len(counts) else []
    return Finding(say(TEXTS, key, language, k=_cells(len(differ), language), first=_cells(max(hi, lo), language), second=min(hi, lo),
                       how=how, names=_domain_names(page, top, language)), "agreement")


def _coverage(page: SectorPage, language: str) -> Finding:
    """How many cells the public data leave without a value, and the indicators missing altogether."""
    kind = page.kinds[0]
    view = page.view
    na = int((view[f"rating_{kind}"] == "na").sum())
    if not na:
        return Finding(say(TEXTS, "na_none", language), "context")
    empty = view.groupby("indicator_id", sort=False)[f"rating_{kind}"].agg(lambda r: bool((r == "na").all()))
    gone = [_indicator(i, language) for i in INDICATORS if empty.get(i, False)]
    missing = say(TEXTS, "na_missing", language, names=join_names(gone, language)) if gone else ""
    return Finding(say(TEXTS, "na_some", language, na=na, cells=len(view), missing=missing), "context")


def sector_findings(page: SectorPage, language: str) -> list[Finding]:
    """What the sector chapter means for Flanders: the domains rated strong (headline), the agreement with Tabel 1
    (headline), the other rule, the indicators that agree best and least, which side is more positive, and the gaps."""
    overall = page.agreement_view.set_index("indicator_id").loc["all"]
    found = [_strong(page, language), _agreement(overall, page.kinds[0], language), _rules(page, overall, language),
             _indicators(page, language), _direction(page, language), _coverage(page, language)]
    return [f for f in found if f is not None]


__all__ = ["STRONG", "TEXTS", "sector_findings", "strong_domains"]
