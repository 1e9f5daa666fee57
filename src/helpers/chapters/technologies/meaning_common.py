"""The shared words of the technology pages' "what this means for Flanders" (:mod:`~helpers.chapters.technologies.meaning`).

A finding is built from a *frame*: one row per technology (or field) with ``technology``, ``label``
(in the page's language), ``rca``, ``density``, ``complexity``, ``quadrant`` (a key of
:data:`helpers.methods.quadrants.QUADRANTS`, missing where the technology has no place) and, when the
page computed it, ``stability_label``. :func:`strength_finding`, :func:`opportunity_finding`,
:func:`moonshot_finding`, :func:`stability_finding` and :func:`quadrant_agreement` word what a frame
says, each sentence chosen from the counts (none, one, some, all). The numbers are formatted in the
page's language and every data value (a label, a name) is escaped for Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.chapters.page import Finding
from helpers.chapters.sentences import number as num, say  # noqa: F401 (re-exported to the technology meaning modules)
from helpers.chapters.technologies.stability import counts as stab_counts
from helpers.i18n import in_text, join_names, md_text  # noqa: F401 (in_text re-exported to the technology meaning modules)
from helpers.methods.quadrants import QUADRANTS

#: the quadrants on the feasible side of the chart (relatedness density at or above the split line)
FEASIBLE = ("optimal", "low_risk")
#: share of technologies in the same quadrant from which two sources "mostly" agree, and from which "partly"
MOSTLY, PARTLY = 2 / 3, 1 / 3

_T: dict[str, dict[str, str]] = {
    "more": {"nl": "{names} en {n} andere", "en": "{names} and {n} more"},
    "who_flanders": {"nl": "{name} (dat hier voor Vlaanderen staat)", "en": "{name} (standing in for Flanders)"},
    "who_other": {"nl": "{name} (in de plaats van {focus})", "en": "{name} (standing in for {focus})"},
    "feasible_none": {"nl": " Geen ervan ligt aan de haalbare kant van de grafiek: het zijn geïsoleerde sterktes, met weinig verwante sterktes eromheen.",
                      "en": " None of them lies on the feasible side of the chart: they are isolated strengths, with few related strengths around them."},
    "feasible_one_of_one": {"nl": " Deze sterkte ligt aan de haalbare kant van de grafiek, met veel verwante sterktes eromheen: {list}.",
                            "en": " This strength lies on the feasible side of the chart, with many related strengths around it: {list}."},
    "feasible_all": {"nl": " Ze liggen {all} aan de haalbare kant van de grafiek, met veel verwante sterktes eromheen; de sterkste: {list}.",
                     "en": " {All} of them lie on the feasible side of the chart, with many related strengths around them; the strongest: {list}."},
    "feasible_rest_one": {"nl": " De andere ligt aan de haalbare kant van de grafiek, met veel verwante sterktes eromheen: {list}.",
                          "en": " The other one lies on the feasible side of the chart, with many related strengths around it: {list}."},
    "feasible_rest": {"nl": " De {p} andere liggen {all} aan de haalbare kant van de grafiek, met veel verwante sterktes eromheen; "
                            "de sterkste: {list}.",
                      "en": " The other {p} {all} lie on the feasible side of the chart, with many related strengths around them; the strongest: {list}."},
    "feasible_some": {"nl": " Daarvan {verb} er {m} aan de haalbare kant van de grafiek, met veel verwante sterktes eromheen; de sterkste: {list}.",
                      "en": " Of these, {m} {verb} on the feasible side of the chart, with many related strengths around them; the strongest: {list}."},
    "complex_none_one": {"nl": " De complexiteit ervan is niet hoog: een gevestigde sterkte met een lagere economische complexiteit (laag risico, incrementeel).",
                         "en": " Its complexity is not high: an established strength of lower economic complexity (low-risk, incremental)."},
    "complex_none": {"nl": " Geen daarvan heeft ook een hoge complexiteit: het zijn gevestigde sterktes met een lagere economische complexiteit "
                           "(laag risico, incrementeel).",
                     "en": " None of these also has high complexity: they are established strengths of lower economic complexity (low-risk, incremental)."},
    "complex_all_one": {"nl": " De complexiteit ervan is ook hoog (het optimale kwadrant).", "en": " Its complexity is high too (the optimal quadrant)."},
    "complex_all": {"nl": " Ze hebben ook {all} een hoge complexiteit (het optimale kwadrant).",
                    "en": " {All} of them also have high complexity (the optimal quadrant)."},
    "complex_some": {"nl": " Van die {m} {verb} er {o} ook een hoge complexiteit (het optimale kwadrant): {list}.",
                     "en": " Of those {m}, {o} also {verb} high complexity (the optimal quadrant): {list}."},
    "opp_none": {"nl": "Geen van de {nouns} waarin {name} nog niet gespecialiseerd is, ligt in het optimale kwadrant (haalbaar én complex): "
                       "nieuwe kansen dicht bij de huidige sterktes tekenen zich hier niet af.",
                 "en": "None of the {nouns} in which {name} is not yet specialised lies in the optimal quadrant (feasible and complex): "
                       "no new opportunity close to the current strengths shows here."},
    "opp_some": {"nl": "{list} {verb} haalbaar én complex (het optimale kwadrant), maar {name} is er nog niet in gespecialiseerd: "
                       "{what} op verwante sterktes die er al zijn.",
                 "en": "{list} {verb} feasible and complex (the optimal quadrant), but {name} is not yet specialised in {them}: "
                       "{what} on related strengths already there."},
    "moon_none": {"nl": "Er zijn hier geen moonshots: de {nouns} met een hoge complexiteit waarin {name} niet gespecialiseerd is, "
                        "liggen niet ver van de huidige sterktes.",
                  "en": "There are no moonshots here: the {nouns} of high complexity in which {name} is not specialised do not lie far "
                        "from the current strengths."},
    "moon_some": {"nl": "Ver van de huidige sterktes, maar met een hoge complexiteit (moonshots): {list}{order} ({k} van de {n} {nouns}{placed}). "
                        "Wie daarop inzet, neemt een groter risico voor een mogelijk hogere opbrengst.",
                  "en": "Far from the current strengths but of high complexity (moonshots): {list}{order} ({k} of the {n} {nouns}{placed}). "
                        "Betting on {them} means a higher risk for a possibly higher return."},
    "moon_order": {"nl": ", de meest complexe eerst", "en": ", the most complex first"},
    "moon_placed": {"nl": " met een plaats in de grafiek", "en": " with a place in the chart"},
    "stab_all": {"nl": "Die plaatsingen zijn stevig: alle {n} genoemde sterktes en kansen blijven in minstens {pct}% van {runs} "
                       "herberekeningen in hetzelfde kwadrant.",
                 "en": "These placements are firm: all {n} strengths and opportunities named stay in the same quadrant in at least "
                       "{pct}% of {runs} recomputations."},
    "stab_none": {"nl": "Die plaatsingen zijn onzeker: geen van de {n} genoemde sterktes en kansen blijft in minstens {pct}% van {runs} "
                        "herberekeningen in hetzelfde kwadrant{undecided}.",
                  "en": "These placements are uncertain: none of the {n} strengths and opportunities named stays in the same quadrant in "
                        "at least {pct}% of {runs} recomputations{undecided}."},
    "stab_some": {"nl": "Van de {n} genoemde sterktes en kansen {verb} er {s} in minstens {pct}% van {runs} herberekeningen in "
                        "hetzelfde kwadrant (stabiel){undecided}.",
                  "en": "Of the {n} strengths and opportunities named, {s} {verb} in the same quadrant in at least {pct}% of {runs} "
                        "recomputations (stable){undecided}."},
    "stab_undecided": {"nl": "; onbeslist, en dus voorzichtig te lezen: {list}", "en": "; undecided, and so to be read with care: {list}"},
    "agree": {"nl": "De publieke gegevens en de gepubliceerde waarden van de CEPS-studie voor Vlaanderen plaatsen {same} van de {n} "
                    "technologieën van het VARIO-advies in hetzelfde kwadrant ({share}%): ze zijn het {level} eens.",
              "en": "The public data and the CEPS study's published values for Flanders put {same} of the VARIO report's {n} technologies "
                    "in the same quadrant ({share}%): they {level}."},
    "level_mostly": {"nl": "grotendeels", "en": "mostly agree"},
    "level_partly": {"nl": "maar voor een deel", "en": "agree only in part"},
    "level_rarely": {"nl": "zelden", "en": "rarely agree"},
    "agree_opt_all": {"nl": " De {p} technologieën die de studie in het optimale kwadrant zet ({list}), komen hier allemaal ook in dat kwadrant terecht.",
                      "en": " All {p} technologies the study puts in the optimal quadrant ({list}) land in that quadrant here too."},
    "agree_opt_none": {"nl": " Van de {p} technologieën die de studie in het optimale kwadrant zet ({list}), komt er hier geen enkele in dat kwadrant terecht.",
                       "en": " Of the {p} technologies the study puts in the optimal quadrant ({list}), none lands in that quadrant here."},
    "agree_opt_some": {"nl": " Van de {p} technologieën die de studie in het optimale kwadrant zet ({list}), {verb} er hier {k} ook in dat kwadrant "
                             "terecht: {hits}.",
                       "en": " Of the {p} technologies the study puts in the optimal quadrant ({list}), {k} {verb} in that quadrant here too: {hits}."},
    "rho": {"nl": " Rangcorrelatie van de RCA: {rho} ({word}).", "en": " Rank correlation of RCA: {rho} ({word})."},
}


def plural(k: int, one: str, many: str) -> str:
    """``one`` when ``k`` is 1, else ``many``.

    >>> plural(1, "ligt", "liggen"), plural(3, "ligt", "liggen")
    ('ligt', 'liggen')
    """
    return one if k == 1 else many


def _join(items: Sequence[str], language: str, limit: int) -> str:
    """Markdown ``items`` joined into a sentence; beyond ``limit`` the rest counted.

    >>> _join(["a", "b", "c"], "nl", 3), _join(["a", "b", "c"], "nl", 2)
    ('a, b en c', 'a, b en 1 andere')
    """
    if len(items) <= limit:
        return join_names(list(items), language)
    return say(_T, "more", language, names=", ".join(items[:limit]), n=len(items) - limit)


def every(k: int, language: str) -> dict[str, str]:
    """The words for "all" of ``k`` (``all``, and ``All`` to start a sentence): "both" for two.

    >>> every(2, "nl")["all"], every(3, "en")["All"]
    ('allebei', 'All')
    """
    word = {"nl": ("allebei", "allemaal"), "en": ("both", "all")}[language][0 if k == 2 else 1]
    return {"all": word, "All": word[:1].upper() + word[1:]}


def names(labels: Sequence[str], language: str, limit: int = 5, italic: bool = True) -> str:
    """The labels escaped for Markdown (in italics unless ``italic`` is false) and joined into a sentence; beyond
    ``limit`` the rest counted.

    >>> names(["a", "b", "c"], "nl"), names(["a", "b", "c"], "en", limit=2, italic=False)
    ('*a*, *b* en *c*', 'a, b and 1 more')
    """
    mark = "*" if italic else ""
    return _join([f"{mark}{md_text(x)}{mark}" for x in labels], language, limit)


def valued(labels: Sequence[str], values: Sequence[float], language: str, *, prefix: str = "RCA ", spec: str = ".2f", limit: int = 5) -> str:
    """:func:`names` with each value in brackets, the first with ``prefix``.

    >>> valued(["a", "b"], [2.468, 1.5], "nl")
    '*a* (RCA 2,47) en *b* (1,50)'
    """
    items = [f"*{md_text(label)}* ({prefix if i == 0 else ''}{num(v, spec, language)})" for i, (label, v) in enumerate(zip(labels, values, strict=True))]
    return _join(items, language, limit)


def who(name: str, region: str, language: str, focus_name: str | None = None) -> str:
    """Whom the figures are about, in Markdown: Belgium is said to stand in for Flanders, another country for the
    focus region it stands in for (``focus_name``), any other region is just named.

    >>> who("België", "BEL", "nl"), who("United States", "USA", "en", "California"), who("Sweden", "SWE", "en")
    ('België (dat hier voor Vlaanderen staat)', 'the United States (standing in for California)', 'Sweden')
    """
    if region == "BEL":
        return say(_T, "who_flanders", language, name=md_text(in_text(name, language)))
    if focus_name and focus_name != name:
        return say(_T, "who_other", language, name=md_text(in_text(name, language)), focus=md_text(focus_name))
    return md_text(in_text(name, language))


@dataclass(frozen=True)
class Subject:
    """What the sentences of one page need: the region's ``name`` (plain text), ``who`` (Markdown, see :func:`who`),
    the language, the RCA threshold of specialisation and the nouns of the page's technologies (singular, plural)."""

    name: str
    who: str
    language: str
    threshold: float
    nouns: tuple[str, str]


def frame(df: pd.DataFrame, language: str, label_column: str | None = None) -> pd.DataFrame:
    """The columns the findings read (module doc) from a profile or positions table, ``label`` from ``label_<language>``."""
    out = pd.DataFrame({"technology": df["technology"].astype(str).to_numpy(), "label": df[label_column or f"label_{language}"].astype(str).to_numpy()})
    for col in ("rca", "density", "complexity"):
        out[col] = pd.to_numeric(df[col], errors="coerce").to_numpy(dtype=float) if col in df.columns else np.nan
    out["quadrant"] = [q if isinstance(q, str) else None for q in df["quadrant"]]
    out["stability_label"] = list(df["stability_label"]) if "stability_label" in df.columns else None
    return out


def by(df: pd.DataFrame, column: str, ascending: bool = False) -> pd.DataFrame:
    """``df`` sorted by ``column`` (ties by technology), highest first unless ``ascending``."""
    return df.sort_values([column, "technology"], ascending=[ascending, True], kind="mergesort")


def specialised(f: pd.DataFrame, threshold: float) -> pd.Series:
    """Which rows are specialisations (RCA at or above ``threshold``)."""
    return f["rca"] >= threshold


def feasible_text(spec: pd.DataFrame, language: str) -> str:
    """The sentences on the specialised rows ``spec`` (sorted by RCA): how many lie on the feasible side of the chart,
    and how many of those in the optimal quadrant; "" without specialised rows that have a place."""
    k = len(spec)
    placed = spec[spec["quadrant"].notna()]
    if not k or placed.empty:
        return ""
    well = placed[placed["quadrant"].isin(FEASIBLE)]
    m, lang = len(well), language
    if m == 0:
        return say(_T, "feasible_none", lang)
    listing = valued(list(well["label"]), list(well["rca"]), lang, limit=3)
    if m == len(placed) == k:
        text = say(_T, "feasible_one_of_one" if m == 1 else "feasible_all", lang, list=listing, **every(m, lang))
    elif m == len(placed):  # the others have no place in the chart
        text = say(_T, "feasible_rest_one" if m == 1 else "feasible_rest", lang, p=m, list=listing, **every(m, lang))
    else:
        text = say(_T, "feasible_some", lang, m=m, list=listing, verb=plural(m, "ligt", "liggen") if lang == "nl" else plural(m, "lies", "lie"))
    optimal = well[well["quadrant"] == "optimal"]
    o = len(optimal)
    if o == 0:
        return text + say(_T, "complex_none_one" if m == 1 else "complex_none", lang)
    if o == m:
        return text + say(_T, "complex_all_one" if m == 1 else "complex_all", lang, **every(m, lang))
    return text + say(_T, "complex_some", lang, m=m, o=o, list=names(list(optimal["label"]), lang),
                      verb=plural(o, "heeft", "hebben") if lang == "nl" else plural(o, "has", "have"))


def opportunities(f: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The optimal quadrant's rows without a specialisation, the most feasible (highest density) first."""
    return by(f[(f["quadrant"] == "optimal") & ~specialised(f, threshold)], "density")


def opportunity_finding(f: pd.DataFrame, subject: Subject, headline: bool = False) -> Finding:
    """The opportunities: feasible and complex rows (the optimal quadrant) without a specialisation yet."""
    lang, opp = subject.language, opportunities(f, subject.threshold)
    if opp.empty:
        return Finding(say(_T, "opp_none", lang, nouns=subject.nouns[1], name=md_text(subject.name)), "opportunity", headline)
    k = len(opp)
    forms = {"nl": dict(verb=plural(k, "is", "zijn"), them="", what=plural(k, "een kans die steunt", "kansen die steunen")),
             "en": dict(verb=plural(k, "is", "are"), them=plural(k, "it", "them"), what=plural(k, "an opportunity that builds", "opportunities that build"))}
    text = say(_T, "opp_some", lang, list=names(list(opp["label"]), lang), name=md_text(subject.name), **forms[lang])
    return Finding(text[:1].upper() + text[1:], "opportunity", headline)


def moonshots(f: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The moonshot quadrant's rows without a specialisation, the most complex first."""
    return by(f[(f["quadrant"] == "moonshot") & ~specialised(f, threshold)], "complexity")


def moonshot_finding(f: pd.DataFrame, subject: Subject, headline: bool = False) -> Finding:
    """The moonshots: complex rows far from the current strengths, without a specialisation."""
    lang, moon = subject.language, moonshots(f, subject.threshold)
    if moon.empty:
        return Finding(say(_T, "moon_none", lang, nouns=subject.nouns[1], name=md_text(subject.name)), "moonshot", headline)
    n = int(f["quadrant"].notna().sum())
    k = len(moon)
    text = say(_T, "moon_some", lang, list=names(list(moon["label"]), lang), k=k, n=n, nouns=subject.nouns[1], them=plural(k, "it", "them"),
               order=say(_T, "moon_order", lang) if k > 1 else "", placed=say(_T, "moon_placed", lang) if n < len(f) else "")
    return Finding(text, "moonshot", headline)


def named_rows(f: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The rows the strength and opportunity findings name: specialisations on the feasible side, and the opportunities."""
    strong = f[specialised(f, threshold) & f["quadrant"].isin(FEASIBLE)]
    return pd.concat([by(strong, "rca"), opportunities(f, threshold)])


def stability_finding(f: pd.DataFrame, subject: Subject, runs: int, stable_share: float) -> Finding | None:
    """How sure the named strengths and opportunities are (:func:`named_rows`): all, some or none stable in ``runs``
    recomputations; the undecided ones named. None without stability labels or without named rows."""
    if not runs or f["stability_label"].isna().all():
        return None
    named = named_rows(f, subject.threshold)
    named = named[named["stability_label"].notna()]
    if named.empty:
        return None
    lang, n = subject.language, len(named)
    s = int((named["stability_label"] == "stable").sum())
    undecided = list(named.loc[named["stability_label"] == "undecided", "label"])
    values = dict(n=n, s=s, runs=runs, pct=num(stable_share * 100, ".0f", lang),
                  undecided=say(_T, "stab_undecided", lang, list=names(undecided, lang)) if undecided else "")
    if s == n:
        return Finding(say(_T, "stab_all", lang, **values), "context")
    if s == 0:
        return Finding(say(_T, "stab_none", lang, **values), "context")
    verb = plural(s, "blijft", "blijven") if lang == "nl" else plural(s, "stays", "stay")
    return Finding(say(_T, "stab_some", lang, verb=verb, **values), "context")


def counted_stability(labelled: pd.DataFrame, runs: int, language: str, templates: Mapping[str, Mapping[str, str]],
                      stable_share: float) -> Finding | None:
    """How many placements of ``labelled`` (its ``stability_label`` column) are stable in ``runs`` recomputations, worded by
    ``templates``' ``stab_all``, ``stab_most`` (at least half) or ``stab_few`` with ``n``, ``s`` (stable), ``u`` (undecided),
    ``runs`` and ``pct`` (``stable_share`` in percent); None without runs or labels."""
    c = stab_counts(labelled)
    if not runs or not c["n_placed"]:
        return None
    key = "stab_all" if c["n_stable"] == c["n_placed"] else "stab_most" if 2 * c["n_stable"] >= c["n_placed"] else "stab_few"
    return Finding(say(templates, key, language, n=c["n_placed"], s=c["n_stable"], u=c["n_undecided"], runs=runs,
                       pct=num(stable_share * 100, ".0f", language)), "context")


def agreement_level(share: float, language: str) -> str:
    """How far two placements agree, from the share in the same quadrant (:data:`MOSTLY`, :data:`PARTLY`)."""
    key = "level_mostly" if share >= MOSTLY else "level_partly" if share >= PARTLY else "level_rarely"
    return say(_T, key, language)


def table_agreement(published: pd.DataFrame, table: pd.DataFrame, rho: float, rho_word: str, language: str) -> str:
    """:func:`quadrant_agreement` of a published profile and a comparison table (its ``computed_quadrant`` names in ``language``)."""
    keys = {v[language]: k for k, v in QUADRANTS.items()}
    computed = pd.DataFrame({"technology": table["technology"], "quadrant": [keys.get(q) for q in table["computed_quadrant"]]})
    return quadrant_agreement(frame(published, language), computed, language, rho=rho, rho_word=rho_word)


def quadrant_agreement(published: pd.DataFrame, computed: pd.DataFrame, language: str, *, rho: float = float("nan"),
                       rho_word: str = "") -> str:
    """The agreement of two placements of the same technologies (``published``, ``computed``: ``technology``, ``label``,
    ``quadrant``): how many share a quadrant (the level of agreement from the share), how many of the published optimal
    quadrant are optimal here too, and the RCA rank correlation ``rho`` when given. "" when no technology is placed on both sides."""
    both = published[["technology", "label", "quadrant"]].merge(computed[["technology", "quadrant"]], on="technology", suffixes=("_pub", ""))
    both = both[both["quadrant_pub"].notna() & both["quadrant"].notna()]
    n = len(both)
    if not n:
        return ""
    lang = language
    same = int((both["quadrant_pub"] == both["quadrant"]).sum())
    text = say(_T, "agree", lang, same=same, n=n, share=num(100 * same / n, ".0f", lang), level=agreement_level(same / n, lang))
    pub_opt = both[both["quadrant_pub"] == "optimal"].sort_values("label", kind="mergesort")
    p = len(pub_opt)
    if p:
        hits = pub_opt[pub_opt["quadrant"] == "optimal"]
        values = dict(p=p, list=names(list(pub_opt["label"]), lang, limit=8))
        if len(hits) == p:
            text += say(_T, "agree_opt_all", lang, **values)
        elif hits.empty:
            text += say(_T, "agree_opt_none", lang, **values)
        else:
            k = len(hits)
            text += say(_T, "agree_opt_some", lang, k=k, hits=names(list(hits["label"]), lang),
                        verb=plural(k, "komt", "komen") if lang == "nl" else plural(k, "lands", "land"), **values)
    if np.isfinite(rho):
        text += say(_T, "rho", lang, rho=num(rho, ".2f", lang), word=rho_word)
    return text
