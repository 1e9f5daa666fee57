"""What the overview, regions, sector, framework and countries pages mean for Flanders (issue 14).

Hand-made inputs show that the wording follows the numbers (more or fewer, above or below, all, some or
none); the real canonical data show that every page gives three to six findings in both languages with one
to three headlines, Dutch without English words, numbers in each language's format and the page's own
numbers in the text; the seven notebooks end with the section.
"""

from __future__ import annotations

import dataclasses
import json
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, in_both_languages
from helpers.chapters import countries, framework, overview, regions, sectors
from helpers.chapters import overview_meaning as om
from helpers.chapters.countries import meaning as cm
from helpers.chapters.framework import meaning as fm
from helpers.chapters.page import THEMES, Finding
from helpers.chapters.regions import meaning as rm
from helpers.chapters.sectors import meaning as sm
from helpers.i18n import localise_number
from helpers.methods.specialisation import rca

#: English words that must not appear in the Dutch findings (data labels, in italics, are left out of the check; "of" and
#: "budget" are Dutch words too)
ENGLISH = ("the", "and", "with", "which", "where", "are", "not", "than", "more", "less", "fewer", "from", "its", "their", "none",
           "only", "all", "every", "field", "fields", "strength", "strengths", "opportunity", "quadrant", "report", "patents", "rank",
           "rated", "agree", "agrees", "cells", "spent", "grows", "above", "below", "Belgium", "Flanders", "specialised",
           "technologies", "since", "business", "businesses", "expenditure", "countries", "columns", "region", "regions")
#: Dutch words that must not appear in the English findings
DUTCH = ("het", "een", "niet", "zijn", "wordt", "naar", "meer", "minder", "technologieën", "domeinen", "gespecialiseerd", "advies")
NOTEBOOKS = {"overview": "overview_findings(page, language)", "regions": "regions_findings(page, language)",
             "sector_strengths": "sector_findings(page, language)", "decision_framework": "framework_findings(page, language, tech=tech)",
             "countries_priorities": "priorities_findings(page, language)", "countries_budgets": "budgets_findings(page, language)",
             "countries_profiles": "profiles_findings(page, language)"}


def plain(text: str) -> str:
    """The text without the data labels (in italics), Markdown escapes and the report's recommendation numbers."""
    return re.sub(r"(Aanbeveling|Recommendation) \d+\.\d+", "", re.sub(r"\*[^*]*\*", "", text)).replace("\\", "")


def words_of(text: str, vocabulary: tuple[str, ...]) -> list[str]:
    words = set(re.findall(r"[A-Za-zëéï]+", plain(text)))
    return sorted(w for w in vocabulary if w in words)


def texts(found: list[Finding]) -> str:
    return " ".join(f.text for f in found)


# ------------------------------------------------------------------------------------------ shared helpers
def test_shared_helpers_follow_the_numbers():
    assert om.number(61648.25, ",.1f", "nl") == "61.648,2" and om.number(61648.25, ",.1f", "en") == "61,648.2"
    others = [("A", 8, "8"), ("B", 11, "11"), ("C", 22, "22")]
    assert om.comparison(11, others, "nl") == "meer dan A (8), evenveel als B (11), minder dan C (22)"
    assert om.comparison(30, others, "en") == "more than A (8), B (11) and C (22)"
    assert om.comparison(0.4, [("A", 0.5, "50%")], "nl", counts=False) == "lager dan bij A (50%)"
    assert om.name_list(list("abcdefg"), "nl", limit=4) == "a, b, c en 4 andere"
    assert om.name_list(["<b>"], "en", italic=True) == r"*\<b\>*"
    assert om.stand_in("België", "nl") and om.stand_in("Belgium", "en") and not om.stand_in("Zweden", "nl")


# ------------------------------------------------------------------------------------------ overview, by hand
def _activity(focus: list[float], other: list[float], years: tuple[float, float] = (1.0, 1.0)) -> pd.DataFrame:
    """Counts of the focus country F and two others (G, H: ``other``) in four fields over two years, F's scaled by ``years``."""
    rows = []
    for year, scale in zip((2015, 2016), years):
        for region, values, own in (("F", focus, scale), ("G", other, 1.0), ("H", other, 1.0)):
            rows += [{"region": region, "technology": f"t{i}", "year": year, "value": v * own} for i, v in enumerate(values)]
    return pd.DataFrame(rows)


def _overview(patents: pd.DataFrame, articles: pd.DataFrame, name: str = "Zweden") -> overview.OverviewPage:
    return overview.OverviewPage(
        language="nl", name=name, note="", patents_window=(2015, 2016), publications_window=(2015, 2016),
        pat_years=overview.yearly_share(patents, "F"), pat_fields=overview.field_profile(patents, "F"),
        art_years=overview.yearly_share(articles, "F"), art_fields=overview.field_profile(articles, "F"))


def test_overview_wording_follows_the_numbers():
    broad = _activity([300, 300, 300, 100], [100, 100, 100, 700], years=(1.0, 2.0))  # F specialised in three fields, growing
    found = om.overview_findings(_overview(broad, broad), "nl")
    assert "in 3 van de 4 technologiedomeinen van zijn octrooien, meer dan de helft" in found[0].text and found[0].headline
    assert "(dat hier voor Vlaanderen staat)" not in found[0].text  # Sweden stands for itself
    assert "nam toe" in found[1].text and found[1].headline and "ongeveer even zwaar" in found[2].text
    assert found[4].theme == "strength" and "is ook een specialisatie" in found[4].text
    narrow = _activity([100, 100, 100, 700], [300, 300, 300, 100], years=(2.0, 1.0))  # one field, shrinking
    found = om.overview_findings(_overview(narrow, _activity([600, 600, 600, 200], [300, 300, 300, 100]), name="België"), "nl")
    assert "in 1 van de 4 technologiedomeinen van zijn octrooien, minder dan de helft" in found[0].text
    assert "(dat hier voor Vlaanderen staat)" in found[0].text
    assert "nam af" in found[1].text and "In de wetenschap weegt België zwaarder" in found[2].text
    assert "In geen enkel wetenschapsdomein" not in found[3].text
    steady = _activity([300, 300, 300, 100], [100, 100, 100, 700])
    assert "stayed about the same" in om.overview_findings(_overview(steady, steady), "en")[1].text
    largest_not = _activity([100, 100, 100, 150], [100, 100, 100, 700])
    found = om.overview_findings(_overview(largest_not, largest_not), "en")
    assert found[4].theme == "context" and "is not a specialisation" in found[4].text


# ------------------------------------------------------------------------------------------ regions, by hand
def _regional_rows(n_regions: int = 14) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    full = pd.DataFrame(rng.poisson(rng.gamma(0.8, 30, size=(n_regions, 7))).astype(float),
                        index=[f"R{i:02d}" for i in range(n_regions)], columns=["a", "b", "c", "d", "e", "other", "rest"])
    r = rca(full)[["a", "b", "c", "d", "e"]]
    x = full[["a", "b", "c", "d", "e"]]
    long = x.stack().rename("patents").reset_index().rename(columns={"level_0": "region", "level_1": "technology"})
    long["rca"] = [r.loc[a, b] for a, b in zip(long["region"], long["technology"])]
    return long.assign(study="test", transition="digital", page="p",
                       complexity=long["technology"].map({"a": 60.0, "b": 40.0, "c": 55.0, "d": 20.0, "e": 80.0}))


def test_regions_wording_follows_the_numbers(monkeypatch):
    rows = _regional_rows()
    kwargs = dict(focus="G", comparison=["R05", "R06"], language="nl", groups={"G": ["R00", "R01", "R02"]})
    page = regions.regions_page(rows, **kwargs)
    found = rm.regions_findings(page, "nl")
    assert 3 <= len(found) <= 6 and 1 <= sum(f.headline for f in found) <= 3
    assert "Binnen G verschillen de provincies" in texts(found) or "elk in evenveel technologieën" in texts(found)
    assert "herberekeningen" not in texts(found)  # no runs, no word on stability
    n = int(page.space.b.loc["G"].sum())
    compare = next(f for f in found if f.text.startswith(f"G is gespecialiseerd in {n} van de 5"))
    assert all(f"R0{i}" in compare.text for i in (5, 6))
    monkeypatch.setattr(rm, "TOP", 0)
    assert "voor geen enkele technologie in de top tien" in rm.regions_findings(page, "nl")[0].text
    monkeypatch.setattr(rm, "TOP", 1000)
    top = rm.regions_findings(page, "nl")[0].text
    assert "in de top tien van de specialisatie (RCA) voor" in top and "Ook in aantal octrooien" in top
    with_runs = regions.regions_page(rows, **kwargs, robustness_runs=20, robustness_seed=1)
    entry = next(f for f in rm.regions_findings(with_runs, "en") if f.theme == "opportunity" or f.text.startswith("There is no"))
    assert "recomputations" in entry.text or entry.text.startswith("There is no")
    absent = rm.regions_findings(regions.regions_page(rows.iloc[:0], **kwargs), "en")
    assert len(absent) == 1 and not absent[0].headline and "no patents by European region" in absent[0].text


# ------------------------------------------------------------------------------------------ sectors, by hand
def test_sector_agreement_levels():
    def overall(compared: int, agree: int) -> pd.Series:
        return pd.Series({"compared": compared, "agree_rank": agree, "within_one_rank": 0.9 if compared else np.nan})

    assert "grotendeels" in sm._agreement(overall(10, 8), "rank", "nl").text
    assert "voor de helft" in sm._agreement(overall(10, 5), "rank", "nl").text
    few = sm._agreement(overall(27, 10), "rank", "nl")
    assert "maar gedeeltelijk" in few.text and "10 (37%)" in few.text and "90%" in few.text and few.headline
    assert "no comparison" in sm._agreement(overall(0, 0), "rank", "en").text


def test_sector_strong_domains_and_direction():
    view = pd.DataFrame({"domain_id": ["a", "a", "b", "b", "c", "c"], "rating_rank": ["++", "+", "+", "-", "-", "na"],
                         "status_rank": ["agree", "disagree", "disagree", "disagree", "disagree", "not_compared"],
                         "distance_rank": [0, -1, 1, 2, -2, np.nan]})
    assert sm.strong_domains(view, "rank", ["a", "b", "c"]) == ["a"]
    domains = pd.DataFrame({"domain_id": ["a", "b", "c"], "domain_nl": ["Aa", "Bb", "Cc"], "domain_en": ["Aa", "Bb", "Cc"]})
    page = SimpleNamespace(view=view, kinds=["rank", "threshold"], domains=domains)
    lower = sm._direction(page, "nl").text  # 2 cells where the data rate higher (b), 2 lower (a, c): even
    assert "even vaak een hogere als een lagere" in lower
    page.view = view.assign(distance_rank=[0, 1, 1, 2, -2, np.nan])  # the data higher in 3 cells, lower in 1
    text = sm._direction(page, "nl").text
    assert "veel vaker een lagere score" in text and "(3 cellen) dan een hogere (1)" in text and "*Bb*" in text
    page.view = view.assign(distance_rank=[0, -1, -1, 2, -2, np.nan])  # the report higher in 3, lower in 1
    assert "far more often (3 cells) than lower (1)" in sm._direction(page, "en").text
    page.view = pd.DataFrame({"domain_id": list("aabbc"), "rating_rank": ["+"] * 5, "status_rank": ["disagree"] * 5,
                              "distance_rank": [-1, -1, 1, -2, 1]})  # the report higher in 3, lower in 2
    text = sm._direction(page, "en").text
    assert "slightly more often (3 cells) than lower (2)" in text and "most often for *Aa*." in text


# ------------------------------------------------------------------------------------------ framework, by hand
def _framework(categories: list[str]) -> SimpleNamespace:
    names = [f"Domein {i}" for i in range(len(categories))]
    return SimpleNamespace(classified=pd.DataFrame({"category": categories, "domain_nl": names, "domain_en": names}),
                           focus_name="België", ratings_source="computed")


def test_framework_wording_follows_the_categories():
    found = fm.framework_findings(_framework(["uitgesproken_sterkte", "moonshot", "niet_beslist", "geen_beleidsfocus"]), "nl")
    assert [f.theme for f in found] == ["strength", "context", "moonshot", "context"] and found[0].headline
    assert "**Uitgesproken sterkte** van België (dat hier voor Vlaanderen staat)" in found[0].text and "(1 van de 4 domeinen)" in found[0].text
    assert "Aanbeveling 2.1" in found[0].text and "Geen enkel domein heeft een hiaat" in found[1].text
    assert "beslist 1 van de 4 domeinen niet (*Domein 2*)" in found[3].text
    none = fm.framework_findings(_framework(["hiaat_ecosysteem", "geen_beleidsfocus"]), "en")
    assert none[0].theme == "context" and none[0].headline and "no domain lands as a pronounced strength" in none[0].text
    assert none[1].theme == "gap" and "The tree decides all 2 domains." == none[3].text
    examples = pd.DataFrame({"item": ["Halfgeleiders", "HPC"], "report": ["Domein met een hiaat in het ecosysteem", "Moonshot-domein"],
                             "book": ["Domein met een uitgesproken sterkte", "Moonshot-domein"]})
    same, phrases = fm.example_differences(examples, "nl")
    assert same == 1 and phrases == ["*Halfgeleiders* wordt hier uitgesproken sterkte in plaats van hiaat in het ecosysteem"]


# ------------------------------------------------------------------------------------------ the real data
SECTOR_WINDOWS = dict(sectors_window=[2014, 2018], patents_window=[2015, 2019], publications_window=[2018, 2022], rd_window=[2013, 2019])
COUNTRIES = dict(focus_region="BEL", comparison_regions=["NLD", "DEU", "SWE", "GBR"])


@pytest.fixture(scope="module")
def canon(real_canonical):
    return real_canonical


def _pages(canon, language: str) -> dict[str, object]:
    """The seven pages (and the framework's technologies), built as the notebooks build them."""
    out: dict[str, object] = {
        "overview": overview.overview_page(canon, focus_region="BEL", patents_window=[2015, 2019], publications_window=[2018, 2022],
                                           language=language),
        "regions": regions.read_regions_page(canon, focus="BE2", comparison=["DE2", "NL41", "SE11"], language=language,
                                             groups={"BE2": ["BE21", "BE22", "BE23", "BE24", "BE25"], "DE2": [f"DE2{i}" for i in range(1, 8)]},
                                             robustness_runs=40, robustness_seed=2026),
        "sectors": sectors.sector_page(canon, focus_region="BEL", reference_region="EU27", language=language, **SECTOR_WINDOWS),
        "framework": framework.framework_page(canon, focus_region="BEL", reference_region="EU27", language=language, **SECTOR_WINDOWS),
        "priorities": countries.priorities_page(canon, patents_window=[2015, 2019], language=language, complexity_method="auto",
                                                min_activity=1000, **COUNTRIES),
        "budgets": countries.budgets_page(canon, rd_window=[2013, 2019], language=language, **COUNTRIES),
        "profiles": countries.profiles_page(canon, patents_window=[2015, 2019], language=language, complexity_method="auto",
                                            min_activity=1000, **COUNTRIES),
    }
    out["tech"] = framework.technology_page(out["framework"], canon, investments_window=[2009, 2013], patents_min_activity=1000,
                                            publications_min_activity=1000, complexity_method="auto")
    return out


def _findings(pages: dict[str, object], language: str) -> dict[str, list[Finding]]:
    return {"overview": om.overview_findings(pages["overview"], language), "regions": rm.regions_findings(pages["regions"], language),
            "sectors": sm.sector_findings(pages["sectors"], language),
            "framework": fm.framework_findings(pages["framework"], language, tech=pages["tech"]),
            "priorities": cm.priorities_findings(pages["priorities"], language), "budgets": cm.budgets_findings(pages["budgets"], language),
            "profiles": cm.profiles_findings(pages["profiles"], language)}


@pytest.fixture(scope="module")
def both_languages(canon, tmp_path_factory):
    """The pages in both languages, and the shared results stored after each (as in a build, the English pages
    reuse the Dutch pages' heavy results)."""
    return in_both_languages(tmp_path_factory.mktemp("memo"), lambda language: _pages(canon, language))


@pytest.fixture(scope="module")
def pages(both_languages):
    return both_languages[0]


def test_the_english_pages_compute_nothing_the_dutch_pages_computed(both_languages):
    """Every shared computation of the English pages is read back: their arguments carry no language."""
    stored = both_languages[1]
    assert {"domain_indicators", "growth_potential", "region_stability"} <= {name.split("-")[0] for name in stored["nl"]}
    assert stored["en"] == stored["nl"]


@pytest.fixture(scope="module")
def real(pages):
    return {lang: _findings(pages[lang], lang) for lang in ("nl", "en")}


def test_every_page_has_findings_in_both_languages(real):
    for page, nl in real["nl"].items():
        en = real["en"][page]
        assert 3 <= len(nl) <= 6, page
        assert [(f.theme, f.headline) for f in nl] == [(f.theme, f.headline) for f in en], page  # the same choices from the same numbers
        assert 1 <= sum(f.headline for f in nl) <= 3, page
        assert all(f.theme in THEMES for f in nl) and len({f.text for f in nl}) == len(nl), page
        for f in nl + en:
            assert not re.search(r"\b(nan|None|True|False|NaN)\b|<NA>|[{}]|_(nl|en)\b", plain(f.text)), (page, f.text)
        for f in en:  # a country name in a sentence takes its article ("than the United Kingdom")
            assert not re.search(r"\b(than|in|as|and) (Netherlands|United Kingdom|United States)\b", plain(f.text)), (page, f.text)


def test_dutch_is_dutch_english_is_english_and_numbers_follow_the_language(real):
    for page, items in real["nl"].items():
        for f in items:
            assert words_of(f.text, ENGLISH) == [], (page, f.text)
            assert not re.search(r"\d\.\d{1,2}(?!\d)", plain(f.text)), (page, f.text)  # 2.47 is English
    for page, items in real["en"].items():
        for f in items:
            assert words_of(f.text, DUTCH) == [], (page, f.text)
            assert not re.search(r"\d,\d{1,2}(?!\d)", plain(f.text)), (page, f.text)  # 2,47 is Dutch
    assert words_of(real["en"]["sectors"][1].text, ENGLISH)  # the check finds English where there is English
    assert words_of(real["nl"]["sectors"][1].text, DUTCH)
    assert re.search(r"RCA \d,\d\d\)", texts(real["nl"]["overview"])) and re.search(r"RCA \d\.\d\d\)", texts(real["en"]["overview"]))
    assert re.search(r"\d,\d\d% van zijn bbp", texts(real["nl"]["budgets"]))


def test_real_findings_state_the_pages_numbers(pages, real):
    en = real["en"]
    g = pages["en"]["overview"].glue()
    assert f"specialised (RCA ≥ 1) in {g['pat_n_specialised']} of the {g['pat_n_fields']} technology fields" in en["overview"][0].text
    assert localise_number(f"{g['pat_rca_value']:.2f}", "nl") in real["nl"]["overview"][0].text
    s = pages["en"]["sectors"].glue()
    agreement = next(f for f in en["sectors"] if f.theme == "agreement" and f.headline)
    assert f"of the {s['ss_compared']} cells rated on both sides, {s['ss_agree']} " in agreement.text
    d = pages["nl"]["framework"].glue()
    strength = real["nl"]["framework"][0]
    assert f"({d['df_n_sterkte']} van de {d['df_n']} domeinen)" in strength.text and strength.headline
    assert all(f"*{name}*" in strength.text for name in pages["nl"]["framework"].classified.query("category == 'uitgesproken_sterkte'")["domain_nl"])
    b = pages["nl"]["budgets"].glue()
    assert localise_number(f"{b['cb_rd_gerd_last']:.2f}", "nl") + "% van zijn bbp" in real["nl"]["budgets"][0].text
    p = pages["en"]["profiles"].glue()
    assert f"in {p['cpr_focus_spec']} of the {p['cpr_n_fields']} patent fields" in en["profiles"][0].text
    assert "Flanders" in en["regions"][0].text and "Vlaanderen" in real["nl"]["regions"][0].text
    assert "herberekeningen" in texts(real["nl"]["regions"])  # the page had resampling runs


def test_countries_wording_flips_with_the_numbers(pages):
    budgets = pages["nl"]["budgets"]
    gerd = budgets.glue()["cb_rd_gerd_last"]
    above = cm.budgets_findings(dataclasses.replace(budgets, rd_target=gerd - 1), "nl")[0]
    below = cm.budgets_findings(dataclasses.replace(budgets, rd_target=gerd + 1), "nl")[0]
    assert "boven de Europese doelstelling" in above.text and above.theme == "strength"
    assert "onder de Europese doelstelling" in below.text and below.theme == "context"
    profiles = pages["en"]["profiles"]
    top = profiles.summary.assign(n_specialised=lambda d: d["n_specialised"].where(d["region"] != profiles.focus, d["n_specialised"].max() + 1))
    breadth = cm.profiles_findings(dataclasses.replace(profiles, summary=top), "en")[0].text
    assert "more than" in breadth and "fewer than" not in breadth
    low = profiles.summary.assign(n_specialised=lambda d: d["n_specialised"].where(d["region"] != profiles.focus, 0))
    assert ": fewer than" in cm.profiles_findings(dataclasses.replace(profiles, summary=low), "en")[0].text
    priorities = pages["nl"]["priorities"]
    assert "grotendeels" in cm.priorities_findings(priorities, "nl")[0].text
    without = cm.priorities_findings(dataclasses.replace(priorities, shared=priorities.shared.assign(columns="NLD;DEU")), "nl")[0]
    assert "noemt het er maar 0" in without.text
    everything = dataclasses.replace(priorities, shared=priorities.shared.assign(columns="BE-VLG;NLD"))
    assert "het noemt alle" in cm.priorities_findings(everything, "nl")[0].text
    no_gaps = priorities.specific[priorities.specific["kind"] != "others_not_flanders"]
    gaps = cm.priorities_findings(dataclasses.replace(priorities, specific=no_gaps), "nl")
    assert any("mist geen gedeelde prioriteit" in f.text for f in gaps)


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebook_ends_with_the_section(name):
    """The last section: the Dutch and English headings, then the findings (input removed); ``findings`` imported beside glue and show."""
    cells = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
    heading_nl, heading_en, call = cells[-3:]
    assert heading_nl["metadata"]["tags"] == ["lang-nl"] and "".join(heading_nl["source"]) == "## Wat betekent dit voor Vlaanderen?"
    assert heading_en["metadata"]["tags"] == ["lang-en"] and "".join(heading_en["source"]) == "## What this means for Flanders"
    assert call["cell_type"] == "code" and call["metadata"]["tags"] == ["remove-input"] and f"findings({NOTEBOOKS[name]})" in "".join(call["source"])
    first = next(c for c in cells if c["cell_type"] == "code" and "helpers.book.notebook" in "".join(c["source"]))
    assert "import findings, glue, show, start" in "".join(first["source"])
