"""What the technology chapter's summary page means for Flanders (:func:`summary_findings`; see
:mod:`~helpers.chapters.technologies.meaning`).

The summary's findings read the book's own summary of the sources with data (the CEPS study's
composite method over the report's 38 technologies, or the distance summary of the fields when the
page uses that method): the strengths, opportunities and moonshots; how far the public data reach the
same conclusions as the study on the report's claims and on the summary figure; and how stable the
placements behind the summary are.
"""

from __future__ import annotations

import pandas as pd

from helpers.chapters.page import Finding
from helpers.chapters.technologies import stability as stab
from helpers.chapters.technologies.meaning_common import (Subject, by, counted_stability, feasible_text, frame, in_text, moonshot_finding, names,
                                                          num, opportunity_finding, quadrant_agreement, say, specialised, who)
from helpers.chapters.technologies.report_summary import ReportSummary
from helpers.chapters.technologies.summary_pages import SummaryPage
from helpers.chapters.technologies.sources import SOURCES
from helpers.i18n import md_text, t

_T: dict[str, dict[str, str]] = {
    "strength_none": {"nl": "Over {sources} samen{missing} is {who} in geen van de {n} {nouns} gespecialiseerd (RCA van minstens {thr} {rca_of}).",
                      "en": "Over {sources} together{missing}, {who} is specialised in none of the {n} {nouns} (RCA of at least {thr} {rca_of})."},
    "strength": {"nl": "Over {sources} samen{missing} is {who} gespecialiseerd in {k} van de {n} {nouns} (RCA van minstens {thr} {rca_of}).",
                 "en": "Over {sources} together{missing}, {who} is specialised in {k} of the {n} {nouns} (RCA of at least {thr} {rca_of})."},
    "missing": {"nl": " (zonder {missing}: daarvoor zijn er geen gegevens voor {name})", "en": " (without {missing}: there are no data for {name})"},
    "rca_of_source": {"nl": "in de {source} van het hoofdveld", "en": "in the {source} of its main field"},
    "rca_of_own": {"nl": "in de eigen bron", "en": "in its own source"},
    "techs": {"nl": "technologieën van het VARIO-advies", "en": "technologies of the VARIO report"},
    "tech": {"nl": "technologie van het VARIO-advies", "en": "technology of the VARIO report"},
    "fields": {"nl": "velden", "en": "fields"},
    "field": {"nl": "veld", "en": "field"},
    "claims_all": {"nl": "Bij alle {n} uitspraken van het VARIO-advies over de technologieën komen de publieke gegevens tot dezelfde conclusie "
                         "als de gepubliceerde waarden van de CEPS-studie.",
                   "en": "On all {n} statements of the VARIO report about the technologies, the public data reach the same conclusion as "
                         "the CEPS study's published values."},
    "claims_none": {"nl": "Bij geen van de {n} uitspraken van het VARIO-advies over de technologieën komen de publieke gegevens tot dezelfde "
                          "conclusie als de gepubliceerde waarden van de CEPS-studie.",
                    "en": "On none of the {n} statements of the VARIO report about the technologies do the public data reach the same "
                          "conclusion as the CEPS study's published values."},
    "claims_some": {"nl": "Bij {same} van de {n} uitspraken van het VARIO-advies over de technologieën komen de publieke gegevens tot dezelfde "
                          "conclusie als de gepubliceerde waarden van de CEPS-studie; een andere conclusie geven ze bij: {list}.",
                    "en": "On {same} of the VARIO report's {n} statements about the technologies, the public data reach the same conclusion "
                          "as the CEPS study's published values; they conclude otherwise on: {list}."},
    "stab_all": {"nl": "De plaatsingen achter deze samenvatting zijn stevig: alle {n} blijven in minstens {pct}% van {runs} herberekeningen "
                       "per bron in hetzelfde kwadrant.",
                 "en": "The placements behind this summary are firm: all {n} stay in the same quadrant in at least {pct}% of {runs} "
                       "recomputations per source."},
    "stab_most": {"nl": "De meeste plaatsingen achter deze samenvatting zijn stevig: {s} van de {n} blijven in minstens {pct}% van {runs} "
                        "herberekeningen per bron in hetzelfde kwadrant; {u} zijn onbeslist.",
                  "en": "Most placements behind this summary are firm: {s} of {n} stay in the same quadrant in at least {pct}% of {runs} "
                        "recomputations per source; {u} are undecided."},
    "stab_few": {"nl": "De plaatsingen achter deze samenvatting zijn vaak onzeker: {s} van de {n} blijven in minstens {pct}% van {runs} "
                       "herberekeningen per bron in hetzelfde kwadrant, en {u} zijn onbeslist.",
                 "en": "The placements behind this summary are often uncertain: {s} of {n} stay in the same quadrant in at least {pct}% of "
                       "{runs} recomputations per source, and {u} are undecided."},
}

#: the report's claims (:data:`helpers.chapters.technologies.report_claims.CLAIMS`) in a few words, for a list in a sentence
CLAIM_SHORT: dict[str, dict[str, str]] = {
    "life_sciences_patents": {"nl": "de levenswetenschappen in het optimale kwadrant van de octrooien",
                              "en": "the life sciences in the optimal quadrant of patents"},
    "digital_moonshots_patents": {"nl": "AI, cybersecurity en taalverwerking als moonshots in de octrooien",
                                  "en": "AI, cybersecurity and language processing as moonshots in patents"},
    "semiconductors_reachable": {"nl": "halfgeleiders als best bereikbare digitale technologie in de octrooien",
                                 "en": "semiconductors as the most reachable digital technology in patents"},
    "life_sciences_summary": {"nl": "mRNA, ATMP en bio-informatica in het optimale kwadrant van de samenvatting",
                              "en": "mRNA, ATMP and bioinformatics in the optimal quadrant of the summary"},
    "digital_moonshot_summary": {"nl": "digitaal en AI grotendeels als moonshots", "en": "digital and AI mostly as moonshots"},
    "digital_most_feasible": {"nl": "halfgeleiders, generatieve AI en micro-elektronica als haalbaarste digitale technologieën",
                              "en": "semiconductors, generative AI and microelectronics as the most feasible digital technologies"},
    "industry_central": {"nl": "de centrale plaats van geavanceerde industrie en materialen",
                         "en": "the central place of advanced industry and materials"},
    "security_low_feasibility": {"nl": "de beperkte haalbaarheid van veiligheid en ruimtevaart",
                                 "en": "the limited feasibility of security and space"},
    "semiconductors_science": {"nl": "halfgeleiders als haalbaarste digitale technologie dankzij de wetenschap",
                               "en": "semiconductors as the most feasible digital technology thanks to science"},
}


def _summary_frame(page: SummaryPage, report: ReportSummary) -> tuple[pd.DataFrame, bool]:
    """The frame of the book's summary and whether it is the composite of the report's technologies (else the
    distance summary of the fields, each label tagged with its source when the page has several)."""
    lang = page.language
    if report.summary_method == "composite_rank" and report.composite is not None:
        return frame(report.composite, lang), True
    s = page.summary
    labels = s[f"label_{lang}"].astype(str)
    if len(page.profiles) > 1:
        labels = labels + " (" + s["source"].map(lambda x: t(f"tech_source_{x}", lang)) + ")"
    return frame(s.assign(label=labels, technology=s["source"] + ":" + s["technology"].astype(str)), lang, "label"), False


def _threshold(page: SummaryPage) -> float:
    first = next(iter(page.profiles.values()))
    return float(first["rca_threshold"].iloc[0]) if "rca_threshold" in first.columns else 1.0


def _strength(f: pd.DataFrame, page: SummaryPage, composite: bool, threshold: float) -> Finding:
    lang = page.language
    sources = [t(f"tech_source_{s}", lang) for s in page.profiles]
    missing = [t(f"tech_source_{s}", lang) for s in SOURCES if s not in page.profiles]
    base = "patents" if "patents" in page.profiles else next(iter(page.profiles))
    region = str(next(iter(page.profiles.values()))["region"].iloc[0])
    values = dict(sources=names(sources, lang, italic=False), who=who(page.focus_name, region, lang), n=int(f["quadrant"].notna().sum()),
                  missing=say(_T, "missing", lang, missing=names(missing, lang, italic=False), name=md_text(in_text(page.focus_name, lang)))
                  if missing else "",
                  nouns=say(_T, "techs" if composite else "fields", lang), thr=num(threshold, "g", lang),
                  rca_of=say(_T, "rca_of_source", lang, source=t(f"tech_source_{base}", lang)) if composite else say(_T, "rca_of_own", lang))
    spec = by(f[specialised(f, threshold) & f["quadrant"].notna()], "rca")
    if spec.empty:
        return Finding(say(_T, "strength_none", lang, **values), "gap", headline=True)
    return Finding(say(_T, "strength", lang, k=len(spec), **values) + feasible_text(spec, lang), "strength", headline=True)


def claims_finding(claims: pd.DataFrame, language: str) -> Finding | None:
    """On how many of the report's claims the public data reach the study's conclusion (``claims``: ``claim_id``,
    ``claim`` and ``same_conclusion`` in ``language``), naming those where they do not (headline)."""
    if claims is None or claims.empty:
        return None
    lang, n = language, len(claims)
    same = claims["same_conclusion"].eq(t("pub_same", lang))
    if same.all():
        return Finding(say(_T, "claims_all", lang, n=n), "agreement", headline=True)
    if not same.any():
        return Finding(say(_T, "claims_none", lang, n=n), "agreement", headline=True)
    other = [CLAIM_SHORT.get(cid, {}).get(lang, claim) for cid, claim in zip(claims.loc[~same, "claim_id"], claims.loc[~same, "claim"], strict=True)]
    return Finding(say(_T, "claims_some", lang, n=n, same=int(same.sum()), list="; ".join(other)), "agreement", headline=True)


def summary_stability(summary: pd.DataFrame, runs: int, language: str) -> Finding | None:
    """How many of the placements behind the summary are stable: all, most (at least half) or few; None without labels."""
    return counted_stability(summary, runs, language, _T, stab.STABLE)


def summary_findings(page: SummaryPage, report: ReportSummary) -> list[Finding]:
    """What the summary page means for the focus region: the strengths (headline), opportunities (headline) and
    moonshots of the book's summary, the report's claims against the public data (headline), the summary's
    agreement with the study's summary figure, and the stability of the placements behind it."""
    lang = page.language
    f, composite = _summary_frame(page, report)
    threshold = _threshold(page)
    subject = Subject(in_text(page.focus_name, lang), md_text(in_text(page.focus_name, lang)), lang, threshold,
                      (say(_T, "tech" if composite else "field", lang), say(_T, "techs" if composite else "fields", lang)))
    found = [_strength(f, page, composite, threshold), opportunity_finding(f, subject, headline=True), moonshot_finding(f, subject),
             claims_finding(report.claims, lang)]
    if composite and report.pub_summary is not None:
        text = quadrant_agreement(frame(report.pub_summary, lang), f, lang)
        found.append(Finding(text, "agreement") if text else None)
    found.append(summary_stability(page.summary, page.stability_runs, lang))
    return [x for x in found if x is not None]
