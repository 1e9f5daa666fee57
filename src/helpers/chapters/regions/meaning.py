"""What the regions chapter means for Flanders: where the focus region stands among Europe's regions.

:func:`regions_findings` words the results of :class:`~helpers.chapters.regions.page.RegionsPage` as
:class:`~helpers.chapters.page.Finding` sentences: the top-ten places by specialisation and by volume,
the technologies where it leads, the technologies it could enter (with how stable their placements
are when the page has resampling runs), its moonshots, the comparison regions and its provinces.
Numbers come from the page; the wording is chosen from them.
"""

from __future__ import annotations

import pandas as pd

from helpers.chapters.countries.selection import FLANDERS_NUTS
from helpers.chapters.overview_meaning import Texts, comparison, name_list, number, say
from helpers.chapters.page import Finding
from helpers.chapters.regions.page import RegionsPage, _name
from helpers.chapters.regions.space import ranks
from helpers.chapters.technologies.stability import STABLE
from helpers.i18n import md_text

#: the best places that count as "the top ten"
TOP = 10

TEXTS: Texts = {
    "absent": {"nl": "De gegevens van deze editie hebben geen octrooien per Europese regio; dit hoofdstuk zegt daarom niets over de plaats "
                     "van Vlaanderen tussen de regio's.",
               "en": "This edition's data have no patents by European region; this chapter therefore says nothing about where Flanders "
                     "stands among the regions."},
    "flanders": {"nl": "Vlaanderen", "en": "Flanders"},
    "tech_one": {"nl": "technologie", "en": "technology"},
    "tech_many": {"nl": "technologieën", "en": "technologies"},
    "stand_some": {"nl": "Tussen de {n_regions} Europese regio's staat {focus} in de top tien van de specialisatie (RCA) voor {n} {tech}: "
                         "{names}.",
                   "en": "Among the {n_regions} European regions {focus} is in the top ten by specialisation (RCA) for {n} {tech}: {names}."},
    "stand_none": {"nl": "Tussen de {n_regions} Europese regio's staat {focus} voor geen enkele technologie in de top tien van de "
                         "specialisatie (RCA); zijn beste plaats is de {rank}e, voor *{best}*.",
                   "en": "Among the {n_regions} European regions {focus} is not in the top ten by specialisation (RCA) for any "
                         "technology; its best rank is {rank}, for *{best}*."},
    "volume_also": {"nl": " Ook in aantal octrooien haalt het de top tien, voor {n} {tech}.",
                    "en": " By number of patents it is in the top ten too, for {n} {tech}."},
    "volume_but": {"nl": " In aantal octrooien haalt het die top tien wel, voor {n} {tech}: het octrooieert er veel, maar andere regio's "
                         "zijn er sterker in gespecialiseerd.",
                   "en": " By number of patents it does reach the top ten, for {n} {tech}: it patents a lot there, but other regions "
                         "are more specialised in them."},
    "volume_none": {"nl": " In aantal octrooien haalt het nergens de top tien.", "en": " By number of patents it is not in the top ten anywhere."},
    "volume_none_either": {"nl": " Ook in aantal octrooien haalt het nergens de top tien.",
                           "en": " By number of patents it is not in the top ten anywhere either."},
    "lead_some": {"nl": "{focus} leidt in {n} {tech}: het is er gespecialiseerd (RCA ≥ {threshold}) en hoort bij het beste kwart van de "
                        "regio's, het hoogst geplaatst in {names}.",
                  "en": "{focus} leads in {n} {tech}: it is specialised in them (RCA ≥ {threshold}) and among the best quarter of the "
                        "regions, ranked highest in {names}."},
    "lead_none": {"nl": "In geen enkele technologie is {focus} tegelijk gespecialiseerd (RCA ≥ {threshold}) en bij het beste kwart van de "
                        "regio's.",
                  "en": "In no technology is {focus} both specialised (RCA ≥ {threshold}) and among the best quarter of the regions."},
    "entry_some": {"nl": "Kansen om in te stappen liggen waar {focus} nog niet gespecialiseerd is maar al veel verwante technologieën heeft "
                         "(verwantschapsdichtheid boven de mediaan): {n} {tech}, met de hoogste dichtheid bij {names}.",
                   "en": "Opportunities to enter lie where {focus} is not yet specialised but already has many related technologies "
                         "(relatedness density above the median): {n} {tech}, with the highest density for {names}."},
    "entry_none": {"nl": "Er is geen technologie waarin {focus} nog niet gespecialiseerd is en toch een verwantschapsdichtheid boven de "
                         "mediaan heeft: de instapkansen in deze data zijn klein.",
                   "en": "There is no technology in which {focus} is not yet specialised but has a relatedness density above the median: "
                         "these data show few opportunities to enter."},
    "stable_all": {"nl": " Alle {n} liggen stabiel in hun kwadrant (in minstens {pct}% van {runs} herberekeningen).",
                   "en": " All {n} lie stably in their quadrant (in at least {pct}% of {runs} recomputations)."},
    "stable_some": {"nl": " Daarvan liggen er {k} stabiel in hun kwadrant (in minstens {pct}% van {runs} herberekeningen); de andere "
                          "plaatsingen zijn minder zeker.",
                    "en": " Of those, {k} lie stably in their quadrant (in at least {pct}% of {runs} recomputations); the other "
                          "placements are less certain."},
    "stable_none": {"nl": " Geen enkele daarvan ligt stabiel in zijn kwadrant (in minstens {pct}% van {runs} herberekeningen): lees ze "
                          "als aanwijzingen, niet als zekerheden.",
                    "en": " None of them lies stably in its quadrant (in at least {pct}% of {runs} recomputations): read them as "
                          "indications, not certainties."},
    "moonshot_some": {"nl": "{n} {tech} liggen voor {focus} bij de moonshots: complex, maar weinig verwant aan wat het al doet; de meest "
                            "complexe zijn {names}.",
                      "en": "{n} {tech} are moonshots for {focus}: complex, but little related to what it already does; the most "
                            "complex are {names}."},
    "moonshot_none": {"nl": "Geen enkele technologie ligt voor {focus} bij de moonshots.", "en": "No technology is a moonshot for {focus}."},
    "compare": {"nl": "{focus} is gespecialiseerd in {n} van de {total} technologieën: {parts}.",
                "en": "{focus} is specialised in {n} of the {total} technologies: {parts}."},
    "members_differ": {"nl": "Binnen {focus} verschillen de provincies: {best} is gespecialiseerd in {n_max} technologieën, {worst} in "
                             "{n_min}.",
                       "en": "Within {focus} the provinces differ: {best} is specialised in {n_max} technologies, {worst} in {n_min}."},
    "members_same": {"nl": "De provincies van {focus} zijn elk in evenveel technologieën gespecialiseerd ({n}).",
                     "en": "The provinces of {focus} are each specialised in as many technologies ({n})."},
}


def _tech(n: int, language: str) -> str:
    return say(TEXTS, "tech_one" if n == 1 else "tech_many", language)


def _position(page: RegionsPage, rk: pd.DataFrame, language: str, focus: str) -> Finding:
    """Top-ten places by RCA and by number of patents (headline)."""
    n_regions = len(page.space.x.index)
    top = rk[rk["rank"] <= TOP].sort_values(["rank", "technology"])
    volume = int((rk["rank_patents"] <= TOP).sum())
    if len(top):
        text = say(TEXTS, "stand_some", language, n_regions=n_regions, focus=focus, n=len(top), tech=_tech(len(top), language),
                   names=name_list([page.label(x) for x in top["technology"]], language, italic=True))
    else:
        best = rk.sort_values(["rank", "technology"]).iloc[0]
        text = say(TEXTS, "stand_none", language, n_regions=n_regions, focus=focus, rank=int(best["rank"]),
                   best=md_text(page.label(best["technology"])))
    key = ("volume_also" if len(top) else "volume_but") if volume else ("volume_none" if len(top) else "volume_none_either")
    return Finding(text + say(TEXTS, key, language, n=volume, tech=_tech(volume, language)), "strength", headline=True)


def _lead(page: RegionsPage, rk: pd.DataFrame, language: str, focus: str) -> Finding:
    """The technologies where the focus region is specialised and in the best quarter."""
    opp = page.opportunities()
    lead = rk[rk["technology"].isin(opp.index[opp == "lead"])].sort_values(["rank", "technology"])
    threshold = number(page.space.threshold, "g", language)
    if not len(lead):
        return Finding(say(TEXTS, "lead_none", language, focus=focus, threshold=threshold), "context")
    return Finding(say(TEXTS, "lead_some", language, focus=focus, n=len(lead), tech=_tech(len(lead), language), threshold=threshold,
                       names=name_list([page.label(x) for x in lead["technology"]], language, limit=4, italic=True)), "strength")


def _entry(page: RegionsPage, language: str, focus: str) -> Finding:
    """The technologies the focus region could enter, most related first, and how stable their placements are (headline)."""
    opp = page.opportunities()
    entry = page.space.density.loc[page.focus].reindex(opp.index[opp == "entry"]).sort_values(ascending=False).index
    if not len(entry):
        return Finding(say(TEXTS, "entry_none", language, focus=focus), "context", headline=True)
    text = say(TEXTS, "entry_some", language, focus=focus, n=len(entry), tech=_tech(len(entry), language),
               names=name_list([page.label(x) for x in entry[:3]], language, italic=True))
    if page.focus in page.stability:
        own = page.profiles[page.profiles["region"] == page.focus].set_index("technology")
        k = int((own["stability_label"].reindex(entry) == "stable").sum())
        key = "stable_all" if k == len(entry) else "stable_some" if k else "stable_none"
        text += say(TEXTS, key, language, n=len(entry), k=k, pct=number(STABLE * 100, ".0f", language), runs=page.stability[page.focus].n_runs)
    return Finding(text, "opportunity", headline=True)


def _moonshots(page: RegionsPage, language: str, focus: str) -> Finding:
    """The focus region's moonshots, the most complex first."""
    own = page.profiles[(page.profiles["region"] == page.focus) & (page.profiles["quadrant"] == "moonshot")]
    if not len(own):
        return Finding(say(TEXTS, "moonshot_none", language, focus=focus), "context")
    top = own.sort_values(["complexity", "technology"], ascending=[False, True])["technology"][:3]
    return Finding(say(TEXTS, "moonshot_some", language, focus=focus, n=len(own), tech=_tech(len(own), language),
                       names=name_list([page.label(x) for x in top], language, italic=True)), "moonshot")


def _compare(page: RegionsPage, language: str, focus: str) -> Finding | None:
    """The focus region's number of specialisations against each comparison region's."""
    b = page.space.b
    n = int(b.loc[page.focus].sum())
    others = [(c, int(b.loc[c].sum())) for c in page.comparison if c != page.focus]
    if not others:
        return None
    parts = comparison(n, [(_name(c, language, page.names), m, str(m)) for c, m in others], language)
    return Finding(say(TEXTS, "compare", language, focus=focus, n=n, total=b.shape[1], parts=parts), "context")


def _members(page: RegionsPage, language: str, focus: str) -> Finding | None:
    """How far the focus region's members (its provinces) differ in their number of specialisations."""
    members = list(page.space.groups.get(page.focus, ()))
    if len(members) < 2:
        return None
    counts = page.space.b.loc[members].sum(axis=1).astype(int)
    hi, lo = int(counts.max()), int(counts.min())
    if hi == lo:
        return Finding(say(TEXTS, "members_same", language, focus=focus, n=hi), "context")
    best = name_list([_name(m, language, page.names) for m in counts.index[counts == hi]], language)
    worst = name_list([_name(m, language, page.names) for m in counts.index[counts == lo]], language)
    return Finding(say(TEXTS, "members_differ", language, focus=focus, best=best, n_max=hi, worst=worst, n_min=lo), "context")


def regions_findings(page: RegionsPage, language: str) -> list[Finding]:
    """What the regions chapter means for Flanders: its top-ten places (headline), where it leads, where it could
    enter (headline), its moonshots, the comparison regions and its provinces; one finding when the data have no regions."""
    if not page.available:
        return [Finding(say(TEXTS, "absent", language), "context")]
    focus = say(TEXTS, "flanders", language) if page.focus == FLANDERS_NUTS else md_text(_name(page.focus, language, page.names))
    rk = ranks(page.space, page.focus)
    found = [_position(page, rk, language, focus), _lead(page, rk, language, focus), _entry(page, language, focus),
             _moonshots(page, language, focus), _compare(page, language, focus), _members(page, language, focus)]
    return [f for f in found if f is not None]


__all__ = ["TEXTS", "TOP", "regions_findings"]
