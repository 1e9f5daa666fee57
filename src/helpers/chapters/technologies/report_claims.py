"""The report's claims about the technologies (section 3.1 and the executive summary), each judged from the data.

Every claim is a small function of the 38 technologies' positions: it returns what the positions
say about the claim (a count or a rank, in words) and whether they support it (``yes``, ``partly``,
``no``). It runs twice: on the study's published positions and on the book's computed ones, so the
table on the summary page shows, per claim, what the report says, what the published data show,
what this book computes and why the two may differ. The report's categories are the study's
(``study_category``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from helpers.i18n import join_names, localise_number, t

#: the study's categories as its pages write them
HEALTH, DIGITAL, INDUSTRY, SECURITY = "Health & Biotech", "Digital & AI", "Advanced Industry & Materials", "Security & Space"
#: a category is "central" when the median percentile of its technologies lies in this band on both axes
CENTRAL_BAND = (0.25, 0.75)


@dataclass(frozen=True)
class Verdict:
    """What positions say about a claim: ``support`` in yes / partly / no / unknown, ``text`` in words."""

    support: str
    text: str


def _support(hits: int, total: int) -> str:
    """yes when all, partly when some, no when none of ``total``."""
    if total == 0:
        return "unknown"
    return "yes" if hits == total else "partly" if hits else "no"


def _names(df: pd.DataFrame, ids: list[str], lang: str) -> str:
    labels = df.set_index("technology")[f"label_{lang}"]
    return join_names([labels[i] for i in ids if i in labels.index], lang)


def named_in_quadrant(named: tuple[str, ...], quadrant: str) -> Callable[[pd.DataFrame, str], Verdict]:
    """Claim: every technology of ``named`` lies in ``quadrant``."""
    def judge(pos: pd.DataFrame, lang: str) -> Verdict:
        part = pos[pos["technology"].isin(named) & pos["quadrant"].notna()]
        hits = part[part["quadrant"] == quadrant]
        text = t("claim_named_in_quadrant", lang, hits=len(hits), n=len(part), quadrant=t(f"claim_quadrant_{quadrant}", lang),
                 names=_names(pos, list(hits["technology"]), lang) if len(hits) else t("tech_none", lang))
        return Verdict(_support(len(hits), len(part)), text)
    return judge


def category_in_quadrant(category: str, quadrant: str, *, majority: bool = True) -> Callable[[pd.DataFrame, str], Verdict]:
    """Claim: (most of) the technologies of ``category`` lie in ``quadrant``."""
    def judge(pos: pd.DataFrame, lang: str) -> Verdict:
        part = pos[(pos["study_category"] == category) & pos["quadrant"].notna()]
        hits = int((part["quadrant"] == quadrant).sum())
        support = ("yes" if hits > len(part) / 2 else "partly" if hits else "no") if majority else _support(hits, len(part))
        return Verdict(support if len(part) else "unknown",
                       t("claim_category_in_quadrant", lang, hits=hits, n=len(part), quadrant=t(f"claim_quadrant_{quadrant}", lang)))
    return judge


def most_feasible_in_category(named: tuple[str, ...], category: str) -> Callable[[pd.DataFrame, str], Verdict]:
    """Claim: ``named`` are the technologies of ``category`` with the highest density (feasibility)."""
    def judge(pos: pd.DataFrame, lang: str) -> Verdict:
        part = pos[(pos["study_category"] == category) & pos["density"].notna()].sort_values(["density", "technology"], ascending=[False, True])
        top = list(part["technology"].head(len(named)))
        hits = len(set(top) & set(named))
        return Verdict(_support(hits, len(named)) if len(part) else "unknown",
                       t("claim_most_feasible", lang, k=len(named), names=_names(pos, top, lang), hits=hits))
    return judge


def reachable_with_rca(tech: str, category: str, threshold: float = 1.0) -> Callable[[pd.DataFrame, str], Verdict]:
    """Claim: ``tech`` has the highest density of its category and a specialisation (RCA >= threshold)."""
    def judge(pos: pd.DataFrame, lang: str) -> Verdict:
        part = pos[(pos["study_category"] == category) & pos["density"].notna()].sort_values(["density", "technology"], ascending=[False, True])
        if tech not in set(part["technology"]):
            return Verdict("unknown", t("pub_no_value", lang))
        rank = list(part["technology"]).index(tech) + 1
        rca = float(pos.set_index("technology").at[tech, "rca"])
        hits = int(rank == 1) + int(rca >= threshold)
        return Verdict(_support(hits, 2), t("claim_rank_and_rca", lang, rank=rank, n=len(part), rca=localise_number(f"{rca:.2f}", lang)))
    return judge


def category_central(category: str) -> Callable[[pd.DataFrame, str], Verdict]:
    """Claim: ``category`` sits centrally: the median percentile of its technologies lies in :data:`CENTRAL_BAND` on both axes."""
    def judge(pos: pd.DataFrame, lang: str) -> Verdict:
        ok = pos.dropna(subset=["density", "complexity"])
        pct = ok.assign(px=ok["density"].rank(pct=True), py=ok["complexity"].rank(pct=True))
        part = pct[pct["study_category"] == category]
        if part.empty:
            return Verdict("unknown", t("pub_no_value", lang))
        mx, my = float(part["px"].median()), float(part["py"].median())
        inside = [CENTRAL_BAND[0] <= v <= CENTRAL_BAND[1] for v in (mx, my)]
        return Verdict(_support(sum(inside), 2), t("claim_central", lang, px=f"{mx * 100:.0f}", py=f"{my * 100:.0f}"))
    return judge


def category_low_feasibility(category: str) -> Callable[[pd.DataFrame, str], Verdict]:
    """Claim: the technologies of ``category`` have a low density (below the median of all)."""
    def judge(pos: pd.DataFrame, lang: str) -> Verdict:
        ok = pos.dropna(subset=["density"])
        median = float(ok["density"].median())
        part = ok[ok["study_category"] == category]
        hits = int((part["density"] < median).sum())
        return Verdict(_support(hits, len(part)) if len(part) else "unknown", t("claim_low_feasibility", lang, hits=hits, n=len(part)))
    return judge


def science_behind(tech: str, category: str) -> Callable[[Mapping[str, pd.DataFrame], str], Verdict]:
    """Claim: ``tech`` is the most feasible of its category (summary) partly thanks to its scientific position
    (the highest publication RCA of the category). Takes the positions per source."""
    def judge(by_source: Mapping[str, pd.DataFrame], lang: str) -> Verdict:
        summary, pubs = by_source.get("summary"), by_source.get("publications")
        if summary is None or pubs is None or pubs["rca"].isna().all():
            return Verdict("unknown", t("pub_no_value", lang))
        first = summary[summary["study_category"] == category].dropna(subset=["density"]).sort_values(["density", "technology"], ascending=[False, True])
        sci = pubs[pubs["study_category"] == category].dropna(subset=["rca"]).sort_values(["rca", "technology"], ascending=[False, True])
        rank_f = list(first["technology"]).index(tech) + 1 if tech in set(first["technology"]) else 0
        rank_s = list(sci["technology"]).index(tech) + 1 if tech in set(sci["technology"]) else 0
        hits = int(rank_f == 1) + int(rank_s == 1)
        return Verdict(_support(hits, 2) if rank_f and rank_s else "unknown",
                       t("claim_science", lang, rank_f=rank_f or "-", rank_s=rank_s or "-", n=len(first)))
    return judge


@dataclass(frozen=True)
class Claim:
    """One claim of the report: where it is made, which figure (source) it rests on, and its judge."""

    claim_id: str
    where: str
    source: str
    judge: Callable


CLAIMS: tuple[Claim, ...] = (
    Claim("life_sciences_patents", "s312", "patents",
          named_in_quadrant(("bioinformatics", "mrna", "immunotherapy", "atmp", "genomics_gene_editing", "biomanufacturing"), "optimal")),
    Claim("digital_moonshots_patents", "s312", "patents", named_in_quadrant(("artificial_intelligence", "cybersecurity", "language_processing"), "moonshot")),
    Claim("semiconductors_reachable", "s312", "patents", reachable_with_rca("semiconductors", DIGITAL)),
    Claim("life_sciences_summary", "s312_summary", "summary", named_in_quadrant(("mrna", "atmp", "bioinformatics"), "optimal")),
    Claim("digital_moonshot_summary", "s312_summary", "summary", category_in_quadrant(DIGITAL, "moonshot")),
    Claim("digital_most_feasible", "s312", "summary", most_feasible_in_category(("semiconductors", "generative_ai", "microelectronics"), DIGITAL)),
    Claim("industry_central", "s312", "summary", category_central(INDUSTRY)),
    Claim("security_low_feasibility", "s312", "summary", category_low_feasibility(SECURITY)),
    Claim("semiconductors_science", "summary", "all", science_behind("semiconductors", DIGITAL)),
)


def judge_claims(published: Mapping[str, pd.DataFrame], computed: Mapping[str, pd.DataFrame | None], language: str) -> pd.DataFrame:
    """One row per claim of :data:`CLAIMS`: the claim in words, its place in the report, the verdict
    on the published positions and on the computed ones (``published`` / ``computed``: source ->
    positions of the 38 technologies with ``technology``, ``study_category``, ``label_<lang>``,
    ``rca``, ``density``, ``complexity``, ``quadrant``; ``summary`` for the composite)."""
    rows = []
    for claim in CLAIMS:
        def run(by_source: Mapping[str, pd.DataFrame | None]) -> Verdict:
            if claim.source == "all":
                return claim.judge({k: v for k, v in by_source.items() if v is not None}, language)
            pos = by_source.get(claim.source)
            return claim.judge(pos, language) if pos is not None else Verdict("unknown", t("pub_no_value", language))
        pub, comp = run(published), run(computed)
        rows.append({"claim": t(f"claim_{claim.claim_id}", language), "where": t(f"claim_where_{claim.where}", language),
                     "published": pub.text, "published_support": t(f"claim_support_{pub.support}", language),
                     "computed": comp.text, "computed_support": t(f"claim_support_{comp.support}", language),
                     "same_conclusion": t("pub_same" if pub.support == comp.support else "pub_different", language),
                     "claim_id": claim.claim_id})
    return pd.DataFrame(rows)
