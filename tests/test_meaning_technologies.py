"""What the technology pages mean for Flanders (issue 14): the findings at the end of the six technology pages.

Hand-made inputs show that the wording follows the numbers (none, one, some, all; agree or not); the
real canonical data show that every page gives findings in both languages, one to three headlines,
Dutch without English words and numbers in each language's format; the notebooks end with the section.
"""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pandas as pd
import pytest


from conftest import ROOT, in_both_languages
from helpers.chapters import technologies
from helpers.chapters.page import THEMES, Finding
from helpers.chapters.technologies import meaning
from helpers.chapters.technologies import meaning_common as mc
from helpers.chapters.technologies.meaning_citations import overall_finding, reach_finding
from helpers.chapters.technologies.meaning_ipc import movement_finding, subclass_stability
from helpers.chapters.technologies.meaning_summary import CLAIM_SHORT, claims_finding, summary_stability
from helpers.chapters.technologies.published import Published, published_profile
from helpers.chapters.technologies.report_figures import ReportFigures
from helpers.chapters.technologies.report_claims import CLAIMS
from helpers.i18n import t

#: English words that must not appear in the Dutch findings (data labels, in italics, are left out of the check)
ENGLISH = ("the", "and", "of", "with", "which", "where", "are", "not", "than", "more", "less", "they", "them", "these", "those", "from",
           "none", "only", "both", "all", "field", "fields", "stable", "undecided", "strength", "strengths", "opportunity", "opportunities",
           "feasible", "complexity", "quadrant", "report", "study", "patents", "publications", "Belgium", "Flanders", "agree", "often",
           "specialised", "recomputations", "subject", "areas", "cited", "average", "technologies", "since", "lost", "placements")
NOTEBOOKS = {"technologies_patents": "source_findings", "technologies_publications": "source_findings",
             "technologies_investments": "investments_findings", "technologies_patents_ipc": "ipc_findings",
             "technologies_publications_impact": "citation_findings", "technologies_summary": "summary_findings"}


def plain(text: str) -> str:
    """The text without the data labels (in italics) and without Markdown escapes."""
    return re.sub(r"\*[^*]*\*", "", text).replace("\\", "")


def english_words(text: str) -> list[str]:
    words = set(re.findall(r"[A-Za-z]+", plain(text)))
    return sorted(w for w in ENGLISH if w in words)


def frame(rows: list[tuple]) -> pd.DataFrame:
    """A frame of the findings: (technology, rca, quadrant, density, complexity[, stability label]) per row."""
    cols = ["technology", "rca", "quadrant", "density", "complexity", "stability_label"]
    out = pd.DataFrame([r + (None,) * (6 - len(r)) for r in rows], columns=cols)
    out.insert(1, "label", out["technology"].str.upper())
    return out


def subject(language: str = "en") -> mc.Subject:
    return mc.Subject("Belgium" if language == "en" else "België", mc.who("Belgium" if language == "en" else "België", "BEL", language), language,
                      1.0, ("field", "fields") if language == "en" else ("veld", "velden"))


# ------------------------------------------------------------------------------------------ hand-made inputs
def test_strengths_wording_follows_the_counts():
    # no specialised field on the feasible side
    isolated = frame([("a", 2.0, "moonshot", 10, 2), ("b", 0.5, "optimal", 60, 1), ("c", 0.5, "low_risk", 70, -1)])
    spec = mc.by(isolated[mc.specialised(isolated, 1.0)], "rca")
    assert mc.feasible_text(spec, "en").startswith(" None of them lies on the feasible side")
    # all on the feasible side, none complex -> established strengths
    low = frame([("a", 2.0, "low_risk", 60, -1), ("b", 1.5, "low_risk", 70, -2), ("c", 0.5, "moonshot", 10, 2)])
    text = mc.feasible_text(mc.by(low[mc.specialised(low, 1.0)], "rca"), "en")
    assert "Both of them lie on the feasible side" in text and "None of these also has high complexity" in text
    assert "*A* (RCA 2.00) and *B* (1.50)" in text
    # flip the numbers: b becomes complex -> some of them in the optimal quadrant
    some = low.assign(quadrant=["low_risk", "optimal", "moonshot"])
    text = mc.feasible_text(mc.by(some[mc.specialised(some, 1.0)], "rca"), "nl")
    assert "Van die 2 heeft er 1 ook een hoge complexiteit" in text and "*B*" in text.split("kwadrant):")[-1]
    allopt = low.assign(quadrant=["optimal", "optimal", "moonshot"])
    assert "Ze hebben ook allebei een hoge complexiteit" in mc.feasible_text(mc.by(allopt[mc.specialised(allopt, 1.0)], "rca"), "nl")
    three = allopt.assign(rca=[2.0, 1.5, 1.1], quadrant=["optimal", "optimal", "low_risk"])
    assert " Ze liggen allemaal aan de haalbare kant" in mc.feasible_text(mc.by(three[mc.specialised(three, 1.0)], "rca"), "nl")
    # one of two on the feasible side; the other unplaced -> "the other one"
    unplaced = frame([("a", 2.0, None, 60, None), ("b", 1.5, "optimal", 70, 2)])
    assert mc.feasible_text(mc.by(unplaced, "rca"), "en").startswith(" The other one lies on the feasible side")
    # the whole strength finding: no specialisation at all is a gap
    none = meaning.strength_finding(frame([("a", 0.5, "optimal", 60, 1)]), subject(), source="patents", start=2015, end=2019)
    assert none.theme == "gap" and "specialised in none of the 1 fields" in none.text and none.headline
    some_f = meaning.strength_finding(low, subject("nl"), source="octrooien", start=2015, end=2019)
    assert some_f.theme == "strength" and "gespecialiseerd in 2 van de 3 velden (RCA van minstens 1)" in some_f.text
    assert "België (dat hier voor Vlaanderen staat)" in some_f.text


def test_opportunities_and_moonshots_flip_with_the_numbers():
    f = frame([("a", 2.0, "low_risk", 60, -1), ("b", 0.5, "optimal", 70, 1), ("c", 0.4, "optimal", 80, 2), ("d", 0.3, "moonshot", 10, 3),
               ("e", 0.2, "moonshot", 20, 4)])
    opp = mc.opportunity_finding(f, subject())
    assert opp.theme == "opportunity" and opp.text.startswith("*C* and *B* are feasible and complex")  # the most feasible first
    assert "opportunities that build" in opp.text
    one = mc.opportunity_finding(f[f["technology"] != "c"], subject("nl"))
    assert one.text.startswith("*B* is haalbaar én complex") and "een kans die steunt" in one.text
    # b and c become specialisations -> no opportunity left
    none = mc.opportunity_finding(f.assign(rca=[2.0, 1.5, 1.2, 0.3, 0.2]), subject())
    assert none.text.startswith("None of the fields in which Belgium is not yet specialised")
    moon = mc.moonshot_finding(f, subject())
    assert moon.theme == "moonshot" and "*E* and *D*, the most complex first (2 of the 5 fields)" in moon.text
    single = mc.moonshot_finding(f[f["technology"] != "e"], subject())
    assert "*D* (1 of the 4 fields)" in single.text and "Betting on it" in single.text
    assert mc.moonshot_finding(f.assign(rca=[2.0, 0.5, 0.4, 1.1, 1.2]), subject()).text.startswith("There are no moonshots here")


def test_stability_wording_all_some_none():
    base = [("a", 2.0, "low_risk", 60, -1), ("b", 0.5, "optimal", 70, 1), ("c", 0.3, "moonshot", 10, 3)]

    def with_labels(labels: list[str]) -> pd.DataFrame:
        return frame([r + (s,) for r, s in zip(base, labels, strict=True)])

    assert mc.stability_finding(with_labels(["stable", "stable", "undecided"]), subject(), 50, 0.8).text.startswith(
        "These placements are firm: all 2 strengths and opportunities named")  # c is not named: it does not count
    some = mc.stability_finding(with_labels(["stable", "undecided", "stable"]), subject("nl"), 50, 0.8).text
    assert some.startswith("Van de 2 genoemde sterktes en kansen blijft er 1 in minstens 80% van 50 herberekeningen") and "*B*" in some
    none = mc.stability_finding(with_labels(["leaning", "undecided", "stable"]), subject(), 50, 0.8).text
    assert none.startswith("These placements are uncertain: none of the 2") and "undecided, and so to be read with care: *B*" in none
    assert mc.stability_finding(frame(base), subject(), 50, 0.8) is None  # no labels: nothing to say
    assert mc.stability_finding(with_labels(["stable"] * 3), subject(), 0, 0.8) is None


def test_agreement_levels_and_the_optimal_quadrant():
    pub = frame([("a", 1, "optimal", 0, 0), ("b", 1, "optimal", 0, 0), ("c", 1, "moonshot", 0, 0), ("d", 1, "low_risk", 0, 0)])
    same = pub[["technology", "quadrant"]]
    text = mc.quadrant_agreement(pub, same, "en", rho=0.8, rho_word="strong")
    assert "put 4 of the VARIO report's 4 technologies in the same quadrant (100%): they mostly agree" in text
    assert "All 2 technologies the study puts in the optimal quadrant (*A* and *B*) land in that quadrant here too" in text
    assert "Rank correlation of RCA: 0.80 (strong)." in text
    half = same.assign(quadrant=["optimal", "moonshot", "moonshot", "optimal"])
    text = mc.quadrant_agreement(pub, half, "nl")
    assert "2 van de 4" in text and "(50%): ze zijn het maar voor een deel eens" in text and "komt er hier 1 ook in dat kwadrant terecht: *A*" in text
    assert "Rangcorrelatie" not in text  # no correlation given
    wrong = same.assign(quadrant=["moonshot", "low_risk", "optimal", "optimal"])
    text = mc.quadrant_agreement(pub, wrong, "en")
    assert "they rarely agree" in text and "none lands in that quadrant here" in text
    assert mc.quadrant_agreement(pub, same.assign(quadrant=None), "en") == ""


def test_names_articles_and_numbers():
    assert mc.names(["a", "b", "c", "d"], "nl", limit=2) == "*a*, *b* en 2 andere"
    assert mc.names(["<b>x</b>"], "en") == "*\\<b\\>x\\</b\\>*"  # a label is shown as written, never as HTML
    assert mc.valued(["a", "b"], [1234.5, 0.25], "nl", spec=",.2f") == "*a* (RCA 1.234,50) en *b* (0,25)"
    assert mc.in_text("Verenigde Staten", "nl") == "de Verenigde Staten" and mc.in_text("United Kingdom", "en") == "the United Kingdom"
    assert mc.who("Nederland", "NLD", "nl") == "Nederland" and mc.who("Belgium", "BEL", "en") == "Belgium (standing in for Flanders)"
    assert mc.agreement_level(0.7, "en") == "mostly agree" and mc.agreement_level(0.5, "en") == "agree only in part"
    assert mc.agreement_level(0.2, "nl") == "zelden"


def test_citation_findings_from_hand_made_areas():
    areas = pd.DataFrame({"technology": ["1", "2", "3"], "label": ["A", "B", "C"], "rca": [1.5, 1.2, 0.5], "impact": [1.3, 0.9, 2.0]})
    some = reach_finding(areas, "Belgium", 1.0, (2012, 2016), "en")
    assert "specialised in 2 of the 3 subject areas" in some.text and "In 1 of them" in some.text and some.theme == "strength"
    assert "In all of them" in reach_finding(areas.assign(impact=[1.3, 1.1, 2.0]), "Belgium", 1.0, (2012, 2016), "en").text
    none = reach_finding(areas.assign(impact=[0.8, 0.9, 2.0]), "België", 1.0, (2012, 2016), "nl")
    assert "In geen daarvan" in none.text and none.theme == "gap"
    regions = pd.DataFrame({"region": ["BEL", "NLD", "DEU"], "impact": [1.3, 1.4, 1.1]})
    assert "minder vaak dan die van Nederland, maar vaker dan die van Duitsland" in overall_finding(regions, "nl").text
    assert "more often than those of the Netherlands and Germany" in overall_finding(regions.assign(impact=[1.5, 1.4, 1.1]), "en").text
    assert "1,50 keer zo vaak" in overall_finding(regions.assign(impact=[1.5, 1.4, 1.1]), "nl").text
    assert "less often than those of" in overall_finding(regions.assign(impact=[1.0, 1.4, 1.1]), "en").text


def test_claims_movement_and_stability_counts():
    claims = pd.DataFrame({"claim_id": ["industry_central", "digital_moonshot_summary", "x"], "claim": ["c1", "c2", "the third claim"],
                           "same_conclusion": [t("pub_same", "en"), t("pub_different", "en"), t("pub_different", "en")]})
    some = claims_finding(claims, "en")
    assert some.headline and some.theme == "agreement"
    assert "On 1 of the VARIO report's 3 statements" in some.text and "digital and AI mostly as moonshots; the third claim" in some.text
    assert claims_finding(claims.assign(same_conclusion=t("pub_same", "nl")), "nl").text.startswith("Bij alle 3 uitspraken")
    assert claims_finding(claims.assign(same_conclusion=t("pub_different", "en")), "en").text.startswith("On none of the 3")
    assert {c.claim_id for c in CLAIMS} <= set(CLAIM_SHORT)  # every claim has its few words, in both languages
    assert all(set(v) == {"nl", "en"} for v in CLAIM_SHORT.values())
    moves = pd.DataFrame({"technology": ["a", "b", "c"], "rca_1989_2003": [0.5, 1.5, 1.2], "rca_2004_2018": [1.5, 0.5, 1.3],
                          "status": ["entered", "left", "stayed"]})
    labels = pd.Series({"a": "A", "b": "B", "c": "C"})
    text = movement_finding(moves, labels, "België", "nl").text
    assert text == "Sinds de periode 1989-2003 is België gespecialiseerd geraakt in 1 technologie: *A*. De specialisatie in *B* ging verloren."
    calm = movement_finding(moves.assign(status="stayed"), labels, "Belgium", "en")
    assert calm.text == "Since the period 1989-2003, Belgium has become specialised in no new technology. No specialisation was lost."
    assert movement_finding(None, labels, "Belgium", "en") is None
    labelled = pd.DataFrame({"stability_label": ["stable", "stable", "undecided", "leaning"]})
    assert subclass_stability(labelled, 50, "en").text.startswith("Most subclasses (2 of 4)")
    assert subclass_stability(labelled.assign(stability_label="stable"), 50, "en").text.startswith("The subclasses' placements are firm")
    assert subclass_stability(labelled.assign(stability_label="undecided"), 50, "nl").text.startswith("Afzonderlijke subklassen liggen zelden vast")
    assert summary_stability(labelled.assign(stability_label="leaning"), 50, "en").text.startswith("The placements behind this summary are often")


def _study(investments: list[float], patents: list[float]) -> ReportFigures:
    """The study's published values of four technologies (a low priority, b moonshot, c optimal, d low risk) with the given RCAs."""
    ids = ["a", "b", "c", "d"]
    techs = pd.DataFrame({"tech_id": ids, "label_nl": [x.upper() for x in ids], "label_en": [x.upper() for x in ids]})
    rows = [{"source": source, "region": "BE2", "technology": tech, "study_category": "Digital & AI", "rca": rca, "density": x,
             "density_plotted": x, "complexity": y}
            for source, rcas in (("investments", investments), ("patents", patents))
            for tech, rca, x, y in zip(ids, rcas, (10, 20, 30, 40), (10, 40, 30, 20), strict=True)]
    empty = pd.DataFrame()
    published = Published(pd.DataFrame(rows), empty, empty, empty)
    return ReportFigures("investments", "en", published, "Belgium", profile=published_profile(published, "investments", techs), technologies=techs)


def test_investments_without_data_read_the_study_and_flip_with_its_numbers():
    page = SimpleNamespace(profile=None, language="en", focus_name="Belgium", rca_threshold=1.0,
                           data=SimpleNamespace(reason_key="not_at_level", reason_values={"regions": "USA"}))
    weak = meaning.investments_findings(page, _study([0.5, 0.5, 0.5, 0.5], [1.5, 0.5, 0.5, 0.5]))
    assert [f.theme for f in weak] == ["context", "gap", "opportunity", "gap"] and sum(f.headline for f in weak) == 2
    assert "only companies in the United States" in weak[0].text and "cannot be checked against public data" in weak[0].text
    assert "specialised in start-up investments in none of the VARIO report's 4 technologies" in weak[1].text
    assert weak[2].text.endswith("(RCA below 1): *C*.") and weak[3].text.startswith("Patent strength without start-up capital: in *A*,")
    strong = meaning.investments_findings(page, _study([1.5, 2.0, 1.2, 0.5], [0.5, 0.5, 0.5, 0.5]))
    assert [f.theme for f in strong] == ["context", "strength", "opportunity", "strength"]
    assert "in 3 of the VARIO report's 4 technologies (RCA of at least 1), most strongly in *B* (RCA 2.00), *A* (1.50) and *C* (1.20)" in strong[1].text
    assert strong[2].text.startswith("By the study, every technology in the optimal quadrant")
    assert strong[3].text.startswith("By the study, start-up capital follows the patent strengths")
    assert "*B*, *A* and *C* draw more start-up capital" in strong[3].text
    alone = meaning.investments_findings(page, None)
    assert len(alone) == 1 and alone[0].headline and "What follows" not in alone[0].text


# ------------------------------------------------------------------------------------------ the real data
WINDOWS = {"patents": [2015, 2019], "publications": [2018, 2022], "investments": [2009, 2013]}
MINIMUM = {"patents": 1000, "publications": 1000, "investments": 0}
RUNS = dict(robustness_runs=40, robustness_seed=2026)


@pytest.fixture(scope="module")
def canon(real_canonical):
    return real_canonical


def _findings(canon, language: str) -> dict[str, list[Finding]]:
    """The six pages' findings, built as the notebooks build them."""
    out = {}
    for source in ("patents", "publications", "investments"):
        page = technologies.read_source_page(canon, source, focus_region="BEL", language=language, window=WINDOWS[source],
                                             min_activity=MINIMUM[source], required=source != "investments", **RUNS)
        report = technologies.report_figures(canon, page)
        out[source] = (meaning.investments_findings if source == "investments" else meaning.source_findings)(page, report)
    ipc = technologies.read_ipc_page(canon, focus_region="BEL", language=language, window=[2004, 2018], min_activity=1000,
                                     coarse_window=WINDOWS["patents"], **RUNS)
    out["ipc"] = meaning.ipc_findings(ipc)
    citations = technologies.read_citation_page(canon, focus_region="BEL", comparison_regions=["NLD", "DEU", "SWE", "GBR"], language=language,
                                                window=[2012, 2016])
    out["citations"] = meaning.citation_findings(citations)
    summary = technologies.read_summary_page(canon, focus_region="BEL", language=language, windows=WINDOWS, min_activity=MINIMUM, **RUNS)
    out["summary"] = meaning.summary_findings(summary, technologies.report_summary(canon, summary))
    return out


@pytest.fixture(scope="module")
def both_languages(canon, tmp_path_factory):
    """The findings in both languages, and the shared results stored after each (as in a build, the English pages
    reuse the Dutch pages' heavy results)."""
    return in_both_languages(tmp_path_factory.mktemp("memo"), lambda language: _findings(canon, language))


@pytest.fixture(scope="module")
def real(both_languages):
    return both_languages[0]


def test_the_english_pages_compute_nothing_the_dutch_pages_computed(both_languages):
    """Every shared computation of the English pages is read back: their arguments carry no language."""
    stored = both_languages[1]
    assert {"field_checks", "space_stability"} <= {name.split("-")[0] for name in stored["nl"]}
    assert stored["en"] == stored["nl"]


def test_every_page_has_findings_in_both_languages(real):
    for page, nl in real["nl"].items():
        en = real["en"][page]
        assert 3 <= len(nl) <= 6, page
        assert [f.theme for f in nl] == [f.theme for f in en], page  # the same findings, chosen from the same numbers
        assert 1 <= sum(f.headline for f in nl) <= 3, page
        assert all(f.theme in THEMES for f in nl)
        for f in nl + en:
            assert not re.search(r"\b(nan|None|True|False|NaN)\b|<NA>|\{|_(nl|en)\b", plain(f.text)), (page, f.text)


def test_dutch_is_dutch_and_numbers_are_in_each_language(real):
    for page, items in real["nl"].items():
        for f in items:
            assert english_words(f.text) == [], (page, f.text)
            assert not re.search(r"\d\.\d{1,2}(?!\d)", plain(f.text)), (page, f.text)  # 2.47 is English
    assert english_words(real["en"]["patents"][0].text)  # the check finds English where there is English
    for page, items in real["en"].items():
        for f in items:
            assert not re.search(r"\d,\d{1,2}(?!\d)", plain(f.text)), (page, f.text)
    joined = " ".join(f.text for f in real["nl"]["patents"])
    assert re.search(r"RCA \d,\d\d\)", joined) and "Vlaanderen" in real["nl"]["patents"][0].text
    assert "Flanders" in real["en"]["patents"][0].text


def test_real_findings_state_the_pages_numbers(canon, real):
    page = technologies.read_source_page(canon, "patents", focus_region="BEL", language="en", window=WINDOWS["patents"], min_activity=1000)
    p = page.profile
    spec = p[p["rca"] >= 1]
    first = real["en"]["patents"][0]
    assert f"specialised in {len(spec)} of the {len(p)} technology fields" in first.text and first.headline
    well = spec[spec["quadrant"].isin(["optimal", "low_risk"])].sort_values(["rca", "technology"], ascending=[False, True])
    assert f"*{well['label_en'].iloc[0]}* (RCA {well['rca'].iloc[0]:.2f})" in first.text
    stats = technologies.report_figures(canon, page).stats
    agree = next(f for f in real["en"]["patents"] if f.theme == "agreement")
    assert f"put {stats['n_same_quadrant']} of the VARIO report's {stats['n_compared']} technologies" in agree.text and agree.headline
    # the investments page has no public data for Belgium: it says so, then reads the study's values
    inv = real["nl"]["investments"]
    assert inv[0].theme == "context" and "geen publieke gegevens over start-up-investeringen" in inv[0].text
    assert "de Verenigde Staten" in inv[0].text and "gepubliceerde waarden van de CEPS-studie" in inv[1].text


def test_investments_with_data_reads_the_computation(canon):
    page = technologies.read_source_page(canon, "investments", focus_region="US-CA", language="en", window=WINDOWS["investments"])
    found = meaning.investments_findings(page, technologies.report_figures(canon, page))
    assert found[0].theme == "strength" and "In the start-up investments of 2009-2013, California is specialised in" in found[0].text
    assert "categories" in found[0].text


def test_notebooks_end_with_the_section():
    for name, function in NOTEBOOKS.items():
        cells = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
        nl, en, code = cells[-3:]
        assert (nl["metadata"]["tags"], "".join(nl["source"])) == (["lang-nl"], "## Wat betekent dit voor Vlaanderen?"), name
        assert (en["metadata"]["tags"], "".join(en["source"])) == (["lang-en"], "## What this means for Flanders"), name
        source = "".join(code["source"])
        assert code["metadata"]["tags"] == ["remove-input"] and f"findings({function}(page" in source, name
        assert callable(getattr(meaning, function))
        imports = "".join(next(c for c in cells if c["cell_type"] == "code" and "helpers.book.notebook" in "".join(c["source"]))["source"])
        assert "from helpers.book.notebook import findings, glue, show, start" in imports, name


def test_docstring_examples():
    """tests/test_doctests.py runs the measures' examples; the examples of these modules run here."""
    import doctest

    result = doctest.testmod(mc, optionflags=doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.attempted >= 6 and result.failed == 0  # (in_text's examples moved with it to helpers.i18n)
