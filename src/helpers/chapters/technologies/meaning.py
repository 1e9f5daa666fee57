"""What the technology pages mean for Flanders: the findings that end each page and feed the landing page's summary.

One function per kind of page, each taking the objects its notebook already has and returning
:class:`~helpers.chapters.page.Finding` items in the page's language (3 to 6, one to three of
them headlines), every sentence chosen from the page's numbers:

* :func:`source_findings`: a source page (patents, publications) with the report's figure beside it
  (:func:`~helpers.chapters.technologies.report_figures.report_figures`): strengths on the feasible
  side, opportunities in the optimal quadrant, moonshots, how stable those placements are, and the
  agreement with the CEPS study's published values;
* :func:`investments_findings`: the start-up investments page, which has no public data for Belgium;
  it then says so and reads the study's published values;
* :func:`~helpers.chapters.technologies.meaning_ipc.ipc_findings` (IPC subclasses),
  :func:`~helpers.chapters.technologies.meaning_citations.citation_findings` (citation impact) and
  :func:`~helpers.chapters.technologies.meaning_summary.summary_findings` (the summary page).

The shared sentences are in :mod:`~helpers.chapters.technologies.meaning_common`.
"""

from __future__ import annotations

import pandas as pd

from helpers.chapters.page import Finding
from helpers.chapters.technologies import stability as stab
from helpers.chapters.technologies.meaning_citations import citation_findings
from helpers.chapters.technologies.meaning_common import (Subject, by, feasible_text, frame, in_text, moonshot_finding, names, num,
                                                          opportunities, opportunity_finding, plural, say, specialised, stability_finding,
                                                          table_agreement, valued, who)
from helpers.chapters.technologies.meaning_ipc import ipc_findings
from helpers.chapters.technologies.meaning_summary import summary_findings
from helpers.chapters.technologies.published import agreement_word, published_profile
from helpers.chapters.technologies.report_figures import ReportFigures
from helpers.chapters.technologies.source_pages import SourcePage
from helpers.i18n import md_text, region_name

__all__ = ["NOUNS", "citation_findings", "investments_findings", "ipc_findings", "source_findings", "strength_finding", "summary_findings"]

#: the technologies of each source's classification, singular and plural
NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "patents": {"nl": ("technologieveld", "technologievelden"), "en": ("technology field", "technology fields")},
    "publications": {"nl": ("wetenschapsdomein", "wetenschapsdomeinen"), "en": ("field of science", "fields of science")},
    "investments": {"nl": ("categorie", "categorieën"), "en": ("category", "categories")},
}

_T: dict[str, dict[str, str]] = {
    "strength_none": {"nl": "In de {source} van {start}-{end} is {who} in geen van de {n} {nouns} gespecialiseerd (RCA van minstens {thr}): "
                            "een duidelijke sterkte ontbreekt hier.",
                      "en": "In the {source} of {start}-{end}, {who} is specialised in none of the {n} {nouns} (RCA of at least {thr}): "
                            "there is no clear strength here."},
    "strength": {"nl": "In de {source} van {start}-{end} is {who} gespecialiseerd in {k} van de {n} {nouns} (RCA van minstens {thr}).",
                 "en": "In the {source} of {start}-{end}, {who} is specialised in {k} of the {n} {nouns} (RCA of at least {thr})."},
    "unplaced": {"nl": " Voor {u} daarvan is er geen complexiteitswaarde, en dus ook geen plaats in de grafiek.",
                 "en": " Of these, {u} {verb} no complexity value and so no place in the chart."},
    "inv_absent": {"nl": "Voor {name} zijn er geen publieke gegevens over start-up-investeringen{why}, dus deze pagina kan de positie van "
                         "Vlaanderen niet zelf berekenen.{after}",
                   "en": "There are no public data on start-up investments for {name}{why}, so this page cannot compute the position of "
                         "Flanders itself.{after}"},
    "inv_why": {"nl": ": de gegevens bevatten alleen bedrijven uit {regions}", "en": ": the data hold only companies in {regions}"},
    "inv_after": {"nl": " Wat volgt, komt uit de gepubliceerde waarden van de CEPS-studie en is met publieke gegevens niet na te rekenen.",
                  "en": " What follows comes from the CEPS study's published values and cannot be checked against public data."},
    "inv_strength_none": {"nl": "Volgens de gepubliceerde waarden van de CEPS-studie is Vlaanderen bij start-up-investeringen in geen van de {n} "
                                "technologieën van het VARIO-advies gespecialiseerd (RCA van minstens {thr}).",
                          "en": "By the CEPS study's published values, Flanders is specialised in start-up investments in none of the VARIO "
                                "report's {n} technologies (RCA of at least {thr})."},
    "inv_strength": {"nl": "Volgens de gepubliceerde waarden van de CEPS-studie is Vlaanderen bij start-up-investeringen gespecialiseerd in "
                           "{k} van de {n} technologieën van het VARIO-advies (RCA van minstens {thr}), het sterkst in {list}.",
                     "en": "By the CEPS study's published values, Flanders is specialised in start-up investments in {k} of the VARIO "
                           "report's {n} technologies (RCA of at least {thr}), most strongly in {list}."},
    "inv_opp_none": {"nl": "Volgens de studie trekt elke technologie in het optimale kwadrant (haalbaar én complex) al veel start-upkapitaal "
                           "aan (RCA van minstens {thr}).",
                     "en": "By the study, every technology in the optimal quadrant (feasible and complex) already draws much start-up "
                           "capital (RCA of at least {thr})."},
    "inv_opp": {"nl": "Haalbaar en complex volgens de studie (het optimale kwadrant), maar met weinig start-upkapitaal (RCA onder {thr}): {list}.",
                "en": "Feasible and complex by the study (the optimal quadrant), but with little start-up capital (RCA below {thr}): {list}."},
    "inv_gap_none": {"nl": "Volgens de studie volgt het start-upkapitaal de octrooisterktes: in geen enkele technologie is Vlaanderen "
                           "gespecialiseerd in octrooien zonder ook in start-up-investeringen gespecialiseerd te zijn.",
                     "en": "By the study, start-up capital follows the patent strengths: in no technology is Flanders specialised in "
                           "patents without also being specialised in start-up investments."},
    "inv_gap": {"nl": "Octrooisterkte zonder start-upkapitaal: in {list} is Vlaanderen volgens de studie gespecialiseerd in octrooien "
                      "(RCA van minstens {thr}), maar niet in start-up-investeringen.",
                "en": "Patent strength without start-up capital: in {list}, Flanders is specialised in patents by the study (RCA of at "
                      "least {thr}), but not in start-up investments."},
    "inv_ahead": {"nl": " Omgekeerd trekken {list} meer start-upkapitaal aan dan de octrooipositie doet verwachten.",
                  "en": " The other way round, {list} draw more start-up capital than the patent position suggests."},
}


def _subject(page: SourcePage) -> Subject:
    lang, data = page.language, page.data
    return Subject(in_text(page.name, lang), who(page.name, data.region, lang, page.focus_name if data.stand_in else None), lang,
                   float(page.rca_threshold), NOUNS[data.source][lang])


def strength_finding(f: pd.DataFrame, subject: Subject, *, source: str, start: int, end: int) -> Finding:
    """The strengths of a source page: how many specialisations, how many of them on the feasible side of the chart
    and how many in the optimal quadrant (headline; theme ``gap`` when there is no specialisation at all)."""
    lang = subject.language
    values = dict(source=source, start=start, end=end, who=subject.who, n=len(f), nouns=subject.nouns[1], thr=num(subject.threshold, "g", lang))
    spec = by(f[specialised(f, subject.threshold)], "rca")
    if spec.empty:
        return Finding(say(_T, "strength_none", lang, **values), "gap", headline=True)
    text = say(_T, "strength", lang, k=len(spec), **values)
    u = int(spec["quadrant"].isna().sum())
    if u:
        text += say(_T, "unplaced", lang, u=u, verb=plural(u, "has", "have"))
    return Finding(text + feasible_text(spec, lang), "strength", headline=True)


def _agreement_finding(report: ReportFigures | None) -> Finding | None:
    """The agreement of the page's placements of the report's technologies with the study's (headline)."""
    if report is None or not report.available or not report.stats.get("n_compared"):
        return None
    lang, rho = report.language, float(report.stats["rho_rca"])
    text = table_agreement(report.profile, report.table, rho, agreement_word(rho, lang), lang)
    return Finding(text, "agreement", headline=True) if text else None


def source_findings(page: SourcePage, report: ReportFigures | None = None) -> list[Finding]:
    """What a source page (patents, publications, start-up investments with data) means for the focus region:
    strengths (headline), opportunities, moonshots, the stability of the named placements and, with ``report``,
    the agreement with the study's published values (headline). Empty without data for the focus region."""
    if page.profile is None:
        return []
    f = frame(page.profile, page.language)
    subject = _subject(page)
    found = [strength_finding(f, subject, source=page.source_label, start=page.start, end=page.end),
             opportunity_finding(f, subject), moonshot_finding(f, subject),
             stability_finding(f, subject, page.stability.n_runs if page.stability else 0, stab.STABLE), _agreement_finding(report)]
    return [x for x in found if x is not None]


def investments_findings(page: SourcePage, report: ReportFigures | None = None) -> list[Finding]:
    """What the start-up investments page means for the focus region: :func:`source_findings` when the data have the
    region; otherwise why there are no data (headline) and, from the study's published values (``report``), the
    specialisations of Flanders (headline), the opportunities without start-up capital and the gaps between patents
    and start-up capital."""
    if page.profile is not None:
        return source_findings(page, report)
    lang, data = page.language, page.data
    regions = data.reason_values.get("regions", "") if data.reason_key == "not_at_level" else ""
    countries = [in_text(region_name(r.strip(), lang), lang) for r in regions.split(",") if r.strip()]
    why = say(_T, "inv_why", lang, regions=names(countries, lang, italic=False)) if countries else ""
    has_study = report is not None and report.available
    after = say(_T, "inv_after", lang) if has_study else ""
    found = [Finding(say(_T, "inv_absent", lang, name=md_text(in_text(page.focus_name, lang)), why=why, after=after), "context", headline=True)]
    if has_study:
        found += _published_investments(report, float(page.rca_threshold))
    return found


def _published_investments(report: ReportFigures, threshold: float) -> list[Finding]:
    """The study's published start-up investments for Flanders: specialisations, opportunities, gaps with patents."""
    lang = report.language
    f = frame(report.profile, lang)
    thr = num(threshold, "g", lang)
    spec = by(f[specialised(f, threshold)], "rca")
    if spec.empty:
        strength = Finding(say(_T, "inv_strength_none", lang, n=len(f), thr=thr), "gap", headline=True)
    else:
        listing = valued(list(spec["label"]), list(spec["rca"]), lang, limit=3)
        strength = Finding(say(_T, "inv_strength", lang, k=len(spec), n=len(f), thr=thr, list=listing), "strength", headline=True)
    opp = opportunities(f, threshold)
    text = say(_T, "inv_opp", lang, thr=thr, list=names(list(opp["label"]), lang)) if len(opp) else say(_T, "inv_opp_none", lang, thr=thr)
    opportunity = Finding(text, "opportunity")
    patents = frame(published_profile(report.published, "patents", report.technologies), lang).set_index("technology")["rca"]
    both = f.assign(patents=f["technology"].map(patents))
    gap = by(both[(both["patents"] >= threshold) & ~specialised(both, threshold)], "patents")
    ahead = by(both[(both["patents"] < threshold) & specialised(both, threshold)], "rca")
    if gap.empty:
        text = say(_T, "inv_gap_none", lang)
    else:
        text = say(_T, "inv_gap", lang, thr=thr, list=names(list(gap["label"]), lang))
    if len(ahead):
        text += say(_T, "inv_ahead", lang, list=names(list(ahead["label"]), lang))
    return [strength, opportunity, Finding(text, "gap" if len(gap) else "strength")]

