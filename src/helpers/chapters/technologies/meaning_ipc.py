"""What the IPC-subclass page means for Flanders (:func:`ipc_findings`; see :mod:`~helpers.chapters.technologies.meaning`).

The page computes the VARIO report's 38 technologies from IPC subclasses, the finest patent
classification of the public data, so its findings speak of the report's own technologies: the
specialisations and where they lie, the reachable and the far ones, which specialisations were won
or lost since the period before, how stable the subclasses' placements are, and how the placements
agree with the CEPS study's published values (better or worse than on the broad WIPO fields).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.chapters.page import Finding
from helpers.chapters.technologies import stability as stab
from helpers.chapters.technologies.ipc_page import IpcPage
from helpers.chapters.technologies.meaning_common import (Subject, by, counted_stability, feasible_text, frame, in_text, moonshot_finding, names,
                                                          num, opportunity_finding, plural, say, specialised, table_agreement, who)
from helpers.chapters.technologies.published import agreement_word
from helpers.i18n import md_text

_T: dict[str, dict[str, str]] = {
    "strength_none": {"nl": "Op de fijnste octrooi-indeling (IPC-subklassen, {start}-{end}) is {who} in geen van de {n} technologieën van het "
                            "VARIO-advies gespecialiseerd (RCA van minstens {thr}).",
                      "en": "On the finest patent classification (IPC subclasses, {start}-{end}), {who} is specialised in none of the VARIO "
                            "report's {n} technologies (RCA of at least {thr})."},
    "strength": {"nl": "Op de fijnste octrooi-indeling (IPC-subklassen, {start}-{end}) is {who} gespecialiseerd in {k} van de {n} technologieën "
                       "van het VARIO-advies (RCA van minstens {thr}).",
                 "en": "On the finest patent classification (IPC subclasses, {start}-{end}), {who} is specialised in {k} of the VARIO report's "
                       "{n} technologies (RCA of at least {thr})."},
    "entered_none": {"nl": "Sinds de periode {before} is {name} in geen enkele nieuwe technologie gespecialiseerd geraakt.",
                     "en": "Since the period {before}, {name} has become specialised in no new technology."},
    "entered": {"nl": "Sinds de periode {before} is {name} gespecialiseerd geraakt in {k} {tech}: {list}.",
                "en": "Since the period {before}, {name} has become specialised in {k} {tech}: {list}."},
    "left_none": {"nl": " Geen enkele specialisatie ging verloren.", "en": " No specialisation was lost."},
    "left": {"nl": " De specialisatie in {list} ging verloren.", "en": " The specialisation in {list} was lost."},
    "tech": {"nl": "technologie", "en": "technology"},
    "techs": {"nl": "technologieën", "en": "technologies"},
    "stab_all": {"nl": "De plaatsingen van de subklassen zijn stevig: alle {n} blijven in minstens {pct}% van {runs} herberekeningen in "
                       "hetzelfde kwadrant.",
                 "en": "The subclasses' placements are firm: all {n} stay in the same quadrant in at least {pct}% of {runs} recomputations."},
    "stab_most": {"nl": "De meeste subklassen ({s} van de {n}) blijven in minstens {pct}% van {runs} herberekeningen in hetzelfde kwadrant; "
                        "{u} zijn onbeslist.",
                  "en": "Most subclasses ({s} of {n}) stay in the same quadrant in at least {pct}% of {runs} recomputations; {u} are undecided."},
    "stab_few": {"nl": "Afzonderlijke subklassen liggen zelden vast: van de {n} blijven er {s} in minstens {pct}% van {runs} herberekeningen "
                       "in hetzelfde kwadrant, en {u} zijn onbeslist. De plaats van één subklasse is dus een aanwijzing, geen vaststelling.",
                 "en": "Single subclasses are seldom fixed: of the {n}, {s} stay in the same quadrant in at least {pct}% of {runs} "
                       "recomputations, and {u} are undecided. The place of one subclass is a pointer, not a finding."},
    "coarse_better": {"nl": " Dat is vaker dan op de brede WIPO-velden van de octrooipagina ({same} van de {n}).",
                      "en": " That is more often than on the patents page's broad WIPO fields ({same} of {n})."},
    "coarse_equal": {"nl": " Dat is even vaak als op de brede WIPO-velden van de octrooipagina ({same} van de {n}).",
                     "en": " That is as often as on the patents page's broad WIPO fields ({same} of {n})."},
    "coarse_worse": {"nl": " Dat is minder vaak dan op de brede WIPO-velden van de octrooipagina ({same} van de {n}).",
                     "en": " That is less often than on the patents page's broad WIPO fields ({same} of {n})."},
}


def _positions(page: IpcPage) -> pd.DataFrame:
    """The 38 technologies' positions with their labels in the page's language."""
    labels = page.technologies.set_index("tech_id")[f"label_{page.language}"]
    return frame(page.positions.assign(label=page.positions["technology"].map(labels)), page.language, "label")


def _strength(f: pd.DataFrame, subject: Subject, window: tuple[int, int]) -> Finding:
    lang = subject.language
    values = dict(start=window[0], end=window[1], who=subject.who, n=len(f), thr=num(subject.threshold, "g", lang))
    spec = by(f[specialised(f, subject.threshold)], "rca")
    if spec.empty:
        return Finding(say(_T, "strength_none", lang, **values), "gap", headline=True)
    return Finding(say(_T, "strength", lang, k=len(spec), **values) + feasible_text(spec, lang), "strength", headline=True)


def movement_finding(moves: pd.DataFrame | None, labels: pd.Series, name: str, language: str) -> Finding | None:
    """The specialisations won and lost since the period before (``moves``: ``technology``, ``status`` of entered, left,
    stayed, never, and ``rca_<period>`` columns in time order); None without a period before."""
    if moves is None:
        return None
    periods = [c.removeprefix("rca_").replace("_", "-") for c in moves.columns if c.startswith("rca_")]
    if len(periods) < 2:
        return None
    lang = language
    entered, left = ([labels[x] for x in moves.loc[moves["status"] == status, "technology"]] for status in ("entered", "left"))
    k = len(entered)
    if k:
        text = say(_T, "entered", lang, before=periods[-2], name=md_text(name), k=k, tech=say(_T, plural(k, "tech", "techs"), lang),
                   list=names(entered, lang, limit=8))
    else:
        text = say(_T, "entered_none", lang, before=periods[-2], name=md_text(name))
    text += say(_T, "left", lang, list=names(left, lang)) if left else say(_T, "left_none", lang)
    return Finding(text, "strength" if k > len(left) else "gap" if left else "context")


def subclass_stability(profile: pd.DataFrame, runs: int, language: str) -> Finding | None:
    """How many subclass placements are stable: all, most (at least half) or few; None without stability labels."""
    return counted_stability(profile, runs, language, _T, stab.STABLE)


def _agreement(page: IpcPage) -> Finding | None:
    s, lang = page.stats, page.language
    if page.published is None or not s.get("n_compared"):
        return None
    rho = float(s["rho_rca"])
    text = table_agreement(page.published, page.table, rho, agreement_word(rho, lang), lang)
    coarse = page.coarse_stats
    if text and coarse.get("n_compared"):
        mine, theirs = s["n_same_quadrant"] / s["n_compared"], coarse["n_same_quadrant"] / coarse["n_compared"]
        key = "coarse_better" if mine > theirs else "coarse_equal" if np.isclose(mine, theirs) else "coarse_worse"
        text += say(_T, key, lang, same=coarse["n_same_quadrant"], n=coarse["n_compared"])
    return Finding(text, "agreement", headline=True) if text else None


def ipc_findings(page: IpcPage) -> list[Finding]:
    """What the IPC-subclass page means for the focus region: the specialisations among the report's technologies and
    where they lie (headline), the opportunities, the moonshots, the specialisations won and lost, the stability of
    the subclasses' placements and the agreement with the study's published values (headline). Empty without data."""
    if not page.available:
        return []
    lang = page.language
    region = str(page.profile["region"].iloc[0]) if "region" in page.profile.columns else ""
    nouns = (say(_T, "tech", lang), say(_T, "techs", lang))
    subject = Subject(in_text(page.name, lang), who(page.name, region, lang), lang, float(page.rca_threshold), nouns)
    f = _positions(page)
    labels = f.set_index("technology")["label"]
    found = [_strength(f, subject, page.window), opportunity_finding(f, subject), moonshot_finding(f, subject),
             movement_finding(page.moves, labels, in_text(page.name, lang), lang),
             subclass_stability(page.profile, page.stability.n_runs if page.stability else 0, lang), _agreement(page)]
    return [x for x in found if x is not None]
