"""What the citation-impact page means for Flanders (:func:`citation_findings`; see :mod:`~helpers.chapters.technologies.meaning`).

Per Scopus subject area the page has the focus country's specialisation (RCA) and its relative
citation impact (1 is the world average of the same area and year). A strength in volume and
reach is a specialisation cited above the world average; a specialisation cited below it is a gap
in reach; an area without specialisation but cited above the country's own average is quality to
build on.
"""

from __future__ import annotations

import pandas as pd

from helpers.chapters.page import Finding
from helpers.chapters.technologies.citations import CitationPage
from helpers.chapters.technologies.meaning_common import by, in_text, names, num, say, valued, who
from helpers.i18n import md_text, region_name

#: the prefix of the first impact value in a list (the same word in both languages)
IMPACT = "impact "

_T: dict[str, dict[str, str]] = {
    "strength_none": {"nl": "In de wetenschappelijke documenten van {start}-{end} is {who} in geen van de {n} vakgebieden gespecialiseerd "
                            "(RCA van minstens {thr}).",
                      "en": "In the scientific documents of {start}-{end}, {who} is specialised in none of the {n} subject areas "
                            "(RCA of at least {thr})."},
    "strength": {"nl": "In de wetenschappelijke documenten van {start}-{end} is {who} gespecialiseerd in {k} van de {n} vakgebieden "
                       "(RCA van minstens {thr}).",
                 "en": "In the scientific documents of {start}-{end}, {who} is specialised in {k} of the {n} subject areas (RCA of at least {thr})."},
    "reach_all": {"nl": " In al die vakgebieden worden de documenten ook vaker geciteerd dan het wereldgemiddelde: sterktes in omvang én "
                        "bereik, met als grootste specialisaties {list}.",
                  "en": " In all of them the documents are also cited more often than the world average: strengths in volume and reach, "
                        "the largest specialisations being {list}."},
    "reach_none": {"nl": " In geen daarvan worden de documenten vaker geciteerd dan het wereldgemiddelde: omvang zonder bijzonder bereik.",
                   "en": " In none of them are the documents cited more often than the world average: volume without particular reach."},
    "reach_some": {"nl": " In {s} daarvan worden de documenten ook vaker geciteerd dan het wereldgemiddelde, sterktes in omvang én bereik: {list}.",
                   "en": " In {s} of them the documents are also cited more often than the world average, strengths in volume and reach: {list}."},
    "overall": {"nl": "Over alle vakgebieden samen worden de documenten van {name} {impact} keer zo vaak geciteerd als het wereldgemiddelde{rank}.",
                "en": "Over all subject areas together, the documents of {name} are cited {impact} times as often as the world average{rank}."},
    "rank_first": {"nl": ", vaker dan die van {others}", "en": ", more often than those of {others}"},
    "rank_last": {"nl": ", minder vaak dan die van {others}", "en": ", less often than those of {others}"},
    "rank_middle": {"nl": ": minder vaak dan die van {higher}, maar vaker dan die van {lower}",
                    "en": ": less often than those of {higher}, but more often than those of {lower}"},
    "gap_none": {"nl": "In elk vakgebied waarin {name} gespecialiseerd is, worden de documenten vaker geciteerd dan het wereldgemiddelde.",
                 "en": "In every subject area in which {name} is specialised, the documents are cited more often than the world average."},
    "gap": {"nl": "Gespecialiseerd maar minder geciteerd dan het wereldgemiddelde: {list}. Daar is het volume groot, maar het bereik kleiner.",
            "en": "Specialised but cited less than the world average: {list}. There the volume is large, but the reach smaller."},
    "opp_none": {"nl": "Geen enkel vakgebied waarin {name} niet gespecialiseerd is, wordt vaker geciteerd dan het gemiddelde van {name} zelf "
                       "({overall}).",
                 "en": "No subject area in which {name} is not specialised is cited more often than the average of {name} itself ({overall})."},
    "opp": {"nl": "Klein in omvang, maar vaker geciteerd dan het gemiddelde van {name} zelf ({overall}): {list}. Daar is kwaliteit om op "
                  "voort te bouwen.",
            "en": "Small in volume, but cited more often than the average of {name} itself ({overall}): {list}. There is quality to build on."},
}


def _areas(page: CitationPage) -> pd.DataFrame:
    a = page.areas
    return pd.DataFrame({"technology": a["area"].astype(str), "label": a[f"label_{page.language}"], "rca": a["rca"].astype(float),
                         "impact": a["impact"].astype(float)})


def reach_finding(areas: pd.DataFrame, who_md: str, threshold: float, window: tuple[int, int], language: str) -> Finding:
    """The specialisations (``areas``: ``technology``, ``label``, ``rca``, ``impact``) and how many of them are cited
    above the world average (headline; theme ``gap`` without any specialisation)."""
    lang = language
    values = dict(start=window[0], end=window[1], who=who_md, n=len(areas), thr=num(threshold, "g", lang))
    spec = by(areas[areas["rca"] >= threshold], "rca")
    if spec.empty:
        return Finding(say(_T, "strength_none", lang, **values), "gap", headline=True)
    reach = spec[spec["impact"] > 1]
    text = say(_T, "strength", lang, k=len(spec), **values)
    listing = valued(list(reach["label"]), list(reach["rca"]), lang)
    if len(reach) == len(spec):
        text += say(_T, "reach_all", lang, list=listing)
    elif reach.empty:
        text += say(_T, "reach_none", lang)
    else:
        text += say(_T, "reach_some", lang, s=len(reach), list=listing)
    return Finding(text, "strength" if len(reach) else "gap", headline=True)


def overall_finding(regions: pd.DataFrame, language: str) -> Finding:
    """The focus country's overall impact (``regions``: ``region``, ``impact``; the focus first) and its rank among the
    countries compared (headline)."""
    lang = language
    names_of = {r: in_text(region_name(r, lang), lang) for r in regions["region"]}
    focus, impact = regions["region"].iloc[0], float(regions["impact"].iloc[0])
    others = regions.iloc[1:].sort_values(["impact", "region"], ascending=[False, True], kind="mergesort")
    higher = [names_of[r] for r in others.loc[others["impact"] > impact, "region"]]
    lower = [names_of[r] for r in others.loc[others["impact"] <= impact, "region"]]
    if others.empty:
        rank = ""
    elif not higher:
        rank = say(_T, "rank_first", lang, others=names(lower, lang, italic=False))
    elif not lower:
        rank = say(_T, "rank_last", lang, others=names(higher, lang, italic=False))
    else:
        rank = say(_T, "rank_middle", lang, higher=names(higher, lang, italic=False), lower=names(lower, lang, italic=False))
    return Finding(say(_T, "overall", lang, name=md_text(names_of[focus]), impact=num(impact, ".2f", lang), rank=rank), "context", headline=True)


def citation_findings(page: CitationPage) -> list[Finding]:
    """What the citation page means for the focus country: specialisations with reach (headline), the overall impact
    among the countries compared (headline), specialisations with less reach, and small but highly cited areas.
    Without data: why (one headline finding)."""
    lang = page.language
    if not page.available:
        return [Finding(page.reason, "context", headline=True)]
    focus = str(page.regions["region"].iloc[0])
    areas, threshold = _areas(page), page.rca_threshold
    overall = float(page.regions["impact"].iloc[0])
    found = [reach_finding(areas, who(page.name, focus, lang), threshold, page.window, lang), overall_finding(page.regions, lang)]
    weak = by(areas[(areas["rca"] >= threshold) & (areas["impact"] <= 1)], "impact", ascending=True)
    found.append(Finding(say(_T, "gap", lang, list=valued(list(weak["label"]), list(weak["impact"]), lang, prefix=IMPACT))
                         if len(weak) else say(_T, "gap_none", lang, name=md_text(in_text(page.name, lang))), "gap" if len(weak) else "strength"))
    small = by(areas[(areas["rca"] < threshold) & (areas["impact"] > overall)], "impact")
    values = dict(name=md_text(in_text(page.name, lang)), overall=num(overall, ".2f", lang))
    found.append(Finding(say(_T, "opp", lang, list=valued(list(small["label"]), list(small["impact"]), lang, prefix=IMPACT), **values)
                         if len(small) else say(_T, "opp_none", lang, **values), "opportunity"))
    return found
