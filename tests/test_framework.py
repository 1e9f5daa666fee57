"""The decision framework of recommendation 1.3 (helpers.chapters.framework): every branch, exhaustiveness,
unknown inputs, inputs from ratings and transitions, technologies, the chart, and the seed quotes."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from helpers.errors import InputError
from helpers.chapters.framework import (
    CATEGORIES,
    CATEGORY_ORDER,
    INPUT_NAMES,
    INPUTS,
    LEAVES,
    RULES,
    SEED_11_DIMENSIONS,
    TECHNOLOGY_INPUTS,
    TREE,
    all_combinations,
    classify,
    classify_domains,
    classify_technologies,
    technology_counts,
    technology_framework,
    technology_transitions,
    framework_input_sources,
    framework_inputs,
    names_in_category,
    outcome_counts,
    portfolio,
    rule_for,
    strengths_from_ratings,
    transition_inputs,
    tree_chart,
    tree_layout,
    walk,
)
from helpers.data.domains import load_domain_transitions, load_domains, load_published_ratings
from helpers.methods.ratings import ratings_from_wide

ROOT = Path(__file__).resolve().parents[1]
SEED_FILE = ROOT.parent / "shared" / "seeds" / "000_58134484e03f4a01.txt"

T, F = True, False


def inputs(e, i, s, g, t) -> dict[str, bool | None]:
    return dict(zip(INPUT_NAMES, (e, i, s, g, t)))


# ------------------------------------------------------------------------------------------
# every decided branch, one named case each: (E, I, S, G, T) -> (category, rule)
# ------------------------------------------------------------------------------------------

DECIDED = {
    # R1 line 1169: growth, transition, all three strengths
    "R1_uitgesproken_sterkte": ((T, T, T, T, T), "uitgesproken_sterkte", "R1"),
    # R2 line 1171: all three strengths, growth, no transition contribution
    "R2_uitgesproken_zonder_transitie": ((T, T, T, T, F), "uitgesproken_sterkte", "R2"),
    # R3 line 1175 (1): economic strength with innovation and/or science (not both)
    "R3_hiaat_economisch_plus_innovatie": ((T, T, F, T, T), "hiaat_ecosysteem", "R3"),
    "R3_hiaat_economisch_plus_wetenschap": ((T, F, T, T, T), "hiaat_ecosysteem", "R3"),
    # R4 line 1175 (2): innovation and science, economic activity underdeveloped (semiconductors)
    "R4_hiaat_kennis_zonder_economie": ((F, T, T, T, T), "hiaat_ecosysteem", "R4"),
    # R5 line 1177: economic strength, growth, neither innovation nor science (within the hiaat bullet: T)
    "R5_hiaat_economisch_zonder_kennis": ((T, F, F, T, T), "hiaat_ecosysteem", "R5"),
    # R6 line 1181: growth and transition, no economic strength, at most one of innovation/science
    "R6_moonshot_innovatie": ((F, T, F, T, T), "moonshot", "R6"),
    "R6_moonshot_wetenschap": ((F, F, T, T, T), "moonshot", "R6"),
    "R6_moonshot_geen_kennis": ((F, F, F, T, T), "moonshot", "R6"),
    # R7 line 1188: no growth, no transition -> whatever the strengths
    "R7_geen_focus_alle_sterktes": ((T, T, T, F, F), "geen_beleidsfocus", "R7"),
    "R7_geen_focus_geen_sterktes": ((F, F, F, F, F), "geen_beleidsfocus", "R7"),
    # R8 line 1189: no growth, transition; economic strength is the switch
    "R8a_internationalisering": ((T, F, F, F, T), "internationalisering", "R8a"),
    "R8a_internationalisering_alle_sterktes": ((T, T, T, F, T), "internationalisering", "R8a"),
    "R8b_partnerschappen": ((F, F, F, F, T), "partnerschappen", "R8b"),
    "R8b_partnerschappen_met_kennis": ((F, T, T, F, T), "partnerschappen", "R8b"),
}


@pytest.mark.parametrize("combo,category,rule", DECIDED.values(), ids=list(DECIDED))
def test_decided_branch(combo, category, rule):
    out = classify(*combo)
    assert (out.category, out.rule) == (category, rule)
    assert out.reason_nl == "" and out.reason_en == ""
    assert out.path_nl.endswith(CATEGORIES[category].label_nl)
    assert out.path_en.endswith(CATEGORIES[category].label_en)
    assert out.leaf == RULES[rule].leaf


# ------------------------------------------------------------------------------------------
# every undecided combination, one named case each: growth potential without a transition
# contribution and not all three strengths (7 of the 32 combinations)
# ------------------------------------------------------------------------------------------

UNDECIDED = {
    # U1: economic strength present; R2 needs all three strengths, hiaat (R3/R5) needs a contribution
    "U1_economisch_innovatie": ((T, T, F, T, F), "U1"),
    "U1_economisch_wetenschap": ((T, F, T, T, F), "U1"),
    "U1_alleen_economisch": ((T, F, F, T, F), "U1"),
    # U2: no economic strength; moonshot/hiaat (2) need a contribution, geen focus needs no growth
    "U2_innovatie_en_wetenschap": ((F, T, T, T, F), "U2"),
    "U2_alleen_innovatie": ((F, T, F, T, F), "U2"),
    "U2_alleen_wetenschap": ((F, F, T, T, F), "U2"),
    "U2_geen_sterktes": ((F, F, F, T, F), "U2"),
}


@pytest.mark.parametrize("combo,rule", UNDECIDED.values(), ids=list(UNDECIDED))
def test_undecided_combination(combo, rule):
    out = classify(*combo)
    assert out.category == "niet_beslist"
    assert out.rule == rule
    assert out.leaf == "L_niet_beslist_groei"
    assert "transition" in out.reason_en and "transitieprioriteiten" in out.reason_nl
    assert out.note == ""


def test_named_cases_cover_all_32_combinations():
    named = {c for c, *_ in DECIDED.values()} | {c for c, _ in UNDECIDED.values()}
    decided_rules = {r for *_, r in DECIDED.values()}
    assert decided_rules == {r for r in RULES if r.startswith("R")}  # every decided rule has a case
    assert {r for _, r in UNDECIDED.values()} == {"U1", "U2"}
    assert len(named) == len(DECIDED) + len(UNDECIDED)  # no combination named twice


# ------------------------------------------------------------------------------------------
# exhaustiveness and consistency
# ------------------------------------------------------------------------------------------


def test_every_combination_maps_to_exactly_one_outcome():
    table = all_combinations()
    assert len(table) == 32
    assert not table.duplicated(list(INPUT_NAMES)).any()
    assert table["category"].isin(CATEGORY_ORDER).all()
    assert table["rule"].isin(RULES).all()
    counts = table["category"].value_counts().to_dict()
    assert counts == {"geen_beleidsfocus": 8, "niet_beslist": 7, "internationalisering": 4, "partnerschappen": 4,
                      "hiaat_ecosysteem": 4, "moonshot": 3, "uitgesproken_sterkte": 2}


@pytest.mark.parametrize("combo", list(itertools.product((T, F), repeat=5)),
                         ids=lambda c: "".join("1" if v else "0" for v in c))
def test_tree_walk_agrees_with_rules(combo):
    values = inputs(*combo)
    rule = RULES[rule_for(*combo)]
    leaf, seen = walk(values)
    assert leaf == rule.leaf
    assert LEAVES[leaf] == rule.category
    # the path names every input it consulted, with its value
    assert [n for n, _ in seen][:2] == ["growth", "transition"]


def test_rule_leaves_and_categories_are_consistent():
    assert set(LEAVES.values()) == set(CATEGORIES)  # every category has at least one leaf
    for rule in RULES.values():
        assert LEAVES[rule.leaf] == rule.category
    reached = {child for node in TREE.values() for child in (node.yes, node.no)}
    assert set(LEAVES) - reached == {"L_onbekend"}  # the unknown leaf hangs off the root in the chart


def test_overlaps_resolved_as_documented():
    # a: all true matches R1 and literally R3 -> R1
    assert classify(T, T, T, T, T).rule == "R1"
    assert "R3" in RULES["R1"].note
    # b: no economic strength, innovation and science -> R4 (semiconductors), not moonshot
    assert classify(F, T, T, T, T).category == "hiaat_ecosysteem"
    # d: partnerships despite innovation/science; the note says so
    out = classify(F, T, F, F, T)
    assert out.category == "partnerschappen" and "switch" in out.note
    assert classify(F, F, F, F, T).note == ""


# ------------------------------------------------------------------------------------------
# unknown inputs
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", INPUT_NAMES)
def test_unknown_input_is_not_decided_and_named(missing):
    values = inputs(T, T, T, T, T)
    values[missing] = None
    out = classify(**values)
    assert (out.category, out.rule, out.leaf) == ("niet_beslist", "M", "L_onbekend")
    assert INPUTS[missing][1] in out.reason_en
    assert INPUTS[missing][0] in out.reason_nl


def test_unknown_but_not_decisive_when_asked():
    # no growth, no transition: geen_beleidsfocus whatever the (unknown) strengths
    out = classify(None, None, None, F, F, decide_when_unambiguous=True)
    assert (out.category, out.rule) == ("geen_beleidsfocus", "R7")
    assert "niet bepalend" in out.path_nl and "not decisive" in out.path_en
    # strict by default
    assert classify(None, None, None, F, F).category == "niet_beslist"
    # economic known, innovation unknown, no growth, transition -> internationalisering either way
    assert classify(T, None, F, F, T, decide_when_unambiguous=True).category == "internationalisering"
    # innovation unknown decides between R1 and R3 -> still not decided
    out = classify(T, None, T, T, T, decide_when_unambiguous=True)
    assert (out.category, out.rule) == ("niet_beslist", "M")
    # transition unknown with all strengths and growth: R1 and R2 are different leaves -> not decided
    assert classify(T, T, T, T, None, decide_when_unambiguous=True).category == "niet_beslist"
    # economic unknown, growth without transition, no I/S: U1 or U2 (same leaf, different reasons) -> M
    assert classify(None, F, F, T, F, decide_when_unambiguous=True).rule == "M"
    # innovation unknown, economic strength, growth without transition, no S: U1 either way, reason kept
    out = classify(T, None, F, T, F, decide_when_unambiguous=True)
    assert (out.category, out.rule) == ("niet_beslist", "U1") and "transition" in out.reason_en
    # innovation unknown with E, G, T, not S: R3 or R5, both hiaat at the same leaf -> hiaat
    assert classify(T, None, F, T, T, decide_when_unambiguous=True).category == "hiaat_ecosysteem"


def test_inputs_accept_words_and_refuse_nonsense():
    assert classify("ja", "yes", 1, "true", "nee").rule == "R2"
    assert classify("", "onbekend", float("nan"), F, F).category == "niet_beslist"
    with pytest.raises(InputError, match="column 'growth' has 'maybe'"):
        classify(T, T, T, "maybe", T)


# ------------------------------------------------------------------------------------------
# tables of domains, portfolio
# ------------------------------------------------------------------------------------------


def hand_inputs() -> pd.DataFrame:
    return pd.DataFrame([
        {"domain_id": "a", "domain_nl": "A-domein", **inputs(T, T, T, T, T)},
        {"domain_id": "b", "domain_nl": "B-domein", **inputs(F, T, T, T, T)},
        {"domain_id": "c", "domain_nl": "C-domein", **inputs(F, F, F, T, T)},
        {"domain_id": "d", "domain_nl": "D-domein", **inputs(T, F, F, T, F)},
        {"domain_id": "e", "domain_nl": "E-domein", **inputs(None, T, T, T, T)},
        {"domain_id": "f", "domain_nl": "F-domein", **inputs("nee", "nee", "nee", "nee", "nee")},
    ])


def test_classify_domains_and_portfolio():
    out = classify_domains(hand_inputs())
    assert out["category"].tolist() == ["uitgesproken_sterkte", "hiaat_ecosysteem", "moonshot", "niet_beslist",
                                        "niet_beslist", "geen_beleidsfocus"]
    assert out.loc[0, "action_title_nl"].startswith("Aanbeveling 2.1")
    assert out.loc[1, "action_title_nl"].startswith("Aanbeveling 2.2")
    assert out.loc[2, "action_title_nl"].startswith("Aanbeveling 2.3")
    assert out.loc[5, "action_title_nl"].startswith("Aanbeveling 2.4")
    assert out.loc[5, "action_basis"] == "inferred"
    assert out["domain_nl"].tolist()[0] == "A-domein"  # extra columns kept
    assert out.loc[4, "economic"] is None
    pf = portfolio(out, name_column="domain_nl").set_index("category")
    assert list(pf.index) == list(CATEGORY_ORDER)
    assert pf["n"].sum() == 6
    assert pf.loc["niet_beslist", "n"] == 2
    assert pf.loc["niet_beslist", "domains"] == "D-domein; E-domein"
    assert pf.loc["partnerschappen", "n"] == 0 and pf.loc["partnerschappen", "domains"] == ""
    assert pf.loc["internationalisering", "parent_category"] == "geen_beleidsfocus"


def test_classify_domains_bad_input():
    df = hand_inputs()
    with pytest.raises(InputError, match="missing column 'transition'"):
        classify_domains(df.drop(columns=["transition"]))
    bad = df.copy()
    bad["growth"] = bad["growth"].astype(object)
    bad.loc[2, "growth"] = "soms"
    with pytest.raises(InputError, match="row 2: column 'growth' has 'soms'"):
        classify_domains(bad)
    with pytest.raises(InputError, match="duplicate domain_id 'a'"):
        classify_domains(pd.concat([df, df.iloc[[0]]], ignore_index=True))
    with pytest.raises(InputError, match="unknown category"):
        portfolio(pd.DataFrame({"domain_id": ["a"], "category": ["sterk"]}))


# ------------------------------------------------------------------------------------------
# inputs from ratings, transitions and growth
# ------------------------------------------------------------------------------------------


def test_strengths_from_ratings_by_hand():
    ratings = ratings_from_wide({
        # economic: value_added ++ -> strong; innovation: rd_expenditure -, rd_personnel -, patents + -> strong (any)
        # scientific: publications +/- -> not strong
        "x": {"value_added": "++", "export": "-", "rd_expenditure": "-", "rd_personnel": "-", "patents": "+", "publications": "+/-"},
        # economic: na, na -> unknown; innovation: na, na, - -> unknown under na="unknown" (an na might be strong)
        # scientific: publications ++ -> strong
        "y": {"value_added": "na", "export": "na", "rd_expenditure": "na", "rd_personnel": "na", "patents": "-", "publications": "++"},
    })
    s = strengths_from_ratings(ratings).set_index("domain_id")
    assert (s.loc["x", "economic"], s.loc["x", "innovation"], s.loc["x", "scientific"]) == (True, True, False)
    assert (s.loc["y", "economic"], s.loc["y", "innovation"], s.loc["y", "scientific"]) == (None, None, True)
    # na="ignore": y's innovation is decided by its one known rating (-) -> False; economic still unknown
    s2 = strengths_from_ratings(ratings, na="ignore").set_index("domain_id")
    assert (s2.loc["y", "economic"], s2.loc["y", "innovation"]) == (None, False)
    # how="all": x's economic needs value_added and export strong -> False
    s3 = strengths_from_ratings(ratings, how="all").set_index("domain_id")
    assert s3.loc["x", "economic"] is False
    # only ++ counts as strong: x's innovation (patents +) -> False
    s4 = strengths_from_ratings(ratings, strong=("++",)).set_index("domain_id")
    assert s4.loc["x", "innovation"] is False
    # the seed's literal list: R&D personnel is scientific
    s5 = strengths_from_ratings(ratings, dimensions=SEED_11_DIMENSIONS).set_index("domain_id")
    assert "rd_personnel" in s5.loc["x", "scientific_basis"]


def test_strengths_from_ratings_bad_input():
    bad = pd.DataFrame({"domain_id": ["x"], "indicator_id": ["export"], "rating": ["+-"]})
    with pytest.raises(InputError, match=r"row 0: unknown rating symbol '\+-'"):
        strengths_from_ratings(bad)
    with pytest.raises(InputError, match="how="):
        strengths_from_ratings(bad.assign(rating="+"), how="most")


def test_transition_file_and_inputs():
    dom = load_domains()
    tr = load_domain_transitions(domains=dom["domain_id"])
    assert len(tr) == 36
    assert (tr.groupby("domain_id").size() == 4).all()
    assert set(tr["contributes"]) == {"yes", "no"}
    assert set(tr["basis"]) == {"seed text", "judgement"}
    assert (tr["citation"].str.strip() != "").all()
    assert (tr["rationale"].str.strip() != "").all()
    # seed-text rows quote the seed
    assert tr.loc[tr["basis"] == "seed text", "rationale"].str.contains("'").all()
    ti = transition_inputs(tr).set_index("domain_id")
    assert ti.loc["computers_electronics", "transition"] is True
    assert "geopolitical" in ti.loc["computers_electronics", "transitions"]
    # seed text only: domains without a seed-text row are unknown
    seed_only = transition_inputs(tr, basis=("seed text",)).set_index("domain_id")
    assert seed_only.loc["pharma", "transition"] is None
    assert seed_only.loc["chemicals", "transition"] is True
    # one transition only
    digital = transition_inputs(tr, transitions=["digital"]).set_index("domain_id")
    assert digital.loc["chemicals", "transition"] is False


def test_transition_file_errors(tmp_path):
    tr = load_domain_transitions()
    path = tmp_path / "tr.csv"
    tr.assign(contributes=tr["contributes"].where(tr.index != 5, "maybe")).to_csv(path, index=False)
    with pytest.raises(InputError, match="tr.csv, row 5: column 'contributes' has 'maybe'"):
        load_domain_transitions(path)
    with pytest.raises(InputError, match="unknown domain_id 'pharma'"):
        load_domain_transitions(domains=["food"])
    with pytest.raises(InputError, match="unknown transition id 'space'"):
        transition_inputs(tr, transitions=["space"])


def test_framework_inputs_and_unknown_domain():
    st = strengths_from_ratings(load_published_ratings())
    tr = transition_inputs(load_domain_transitions())
    inp = framework_inputs(st, growth={"pharma": True}, transition=tr).set_index("domain_id")
    assert inp.loc["pharma", "growth"] is True
    assert inp.loc["food", "growth"] is None  # absent -> unknown
    with pytest.raises(InputError, match="unknown domain_id 'biotech'"):
        framework_inputs(st, growth={"biotech": True})


def test_framework_input_sources_say_what_is_judgement():
    src = framework_input_sources(ratings_source="computed", growth_measure="VA", reference="EU-27", sectors_window=[2014, 2018],
                                  transition_basis=["seed text", "judgement"], na="ignore", language="en").set_index("input_id")
    assert src.loc["transition", "kind_id"] == "judgement"
    assert src.loc["growth", "kind_id"] == "measured"
    assert set(src.index) == {"economic", "innovation", "scientific", "growth", "transition"}
    with pytest.raises(InputError, match="framework_ratings"):
        framework_input_sources(ratings_source="guessed", growth_measure="VA", reference="EU27", sectors_window=[2014, 2018],
                                transition_basis=["judgement"], na="ignore")


def test_published_tabel1_through_the_framework():
    # The seed names pharma as its example of "uitgesproken sterkte" (line 1173). With Tabel 1's
    # ratings, growth potential and the transition file, pharma lands there.
    st = strengths_from_ratings(load_published_ratings())
    tr = transition_inputs(load_domain_transitions())
    inp = framework_inputs(st, growth={d: True for d in st["domain_id"]}, transition=tr)
    out = classify_domains(inp).set_index("domain_id")
    assert out.loc["pharma", "category"] == "uitgesproken_sterkte"
    # value added and export are "na" for scientific R&D: economic strength unknown -> not decided
    assert out.loc["scientific_rd", "category"] == "niet_beslist"
    assert "economic" in out.loc["scientific_rd", "reason_en"]
    # machinery: value added and export "-" but R&D and patents ++ -> no economic strength
    assert out.loc["machinery", "economic"] is False


# ------------------------------------------------------------------------------------------
# technologies
# ------------------------------------------------------------------------------------------


def test_classify_technologies_by_hand():
    tech = pd.DataFrame({
        "technology": ["mrna", "hpc", "semis", "waste"],
        "rca_investments": [1.4, 0.2, 0.5, 1.2],
        "rca_patents": [2.0, 0.3, 1.1, 0.4],
        "rca_publications": [1.8, 0.9, 1.5, 0.7],
        "density": [40.0, 10.0, 30.0, 35.0],      # median 32.5
        "complexity": [0.9, 0.8, 0.7, 0.1],       # median 0.75
    })
    trans = {"mrna": True, "hpc": True, "semis": True, "waste": False}
    out = classify_technologies(tech, transition=trans).set_index("technology")
    # mrna: E I S, complexity 0.9 > 0.75 growth, transition -> R1
    assert out.loc["mrna", "category"] == "uitgesproken_sterkte"
    # hpc: nothing >= 1, growth, transition -> moonshot (R6); density 10 < 32.5 -> not feasible
    assert (out.loc["hpc", "category"], out.loc["hpc", "quadrant"]) == ("moonshot", "moonshot")
    # semis: no investment RCA, patents and publications >= 1, complexity 0.7 < 0.75 -> no growth,
    # transition -> partnerships (R8b)
    assert out.loc["semis", "category"] == "partnerschappen"
    # waste: investments >= 1, low complexity, no transition -> geen focus; density 35 > 32.5 -> low_risk
    assert (out.loc["waste", "category"], out.loc["waste", "quadrant"]) == ("geen_beleidsfocus", "low_risk")
    assert out.loc["mrna", "density_split"] == pytest.approx(32.5)
    # without transition judgement: unknown -> not decided
    assert (classify_technologies(tech)["category"] == "niet_beslist").all()
    # fixed splits
    fixed = classify_technologies(tech, split=(20.0, 0.5), transition=trans).set_index("technology")
    assert fixed.loc["semis", "category"] == "hiaat_ecosysteem"  # complexity 0.7 > 0.5, I and S, no E -> R4
    assert set(TECHNOLOGY_INPUTS) >= set(INPUT_NAMES)


def test_classify_technologies_bad_input():
    tech = pd.DataFrame({"technology": ["a"], "rca_patents": [1.0], "density": [1.0], "complexity": [1.0]})
    with pytest.raises(InputError, match="missing column 'rca_investments'"):
        classify_technologies(tech)
    ok = classify_technologies(tech, rca_columns={"economic": None, "scientific": None}, transition={"a": True})
    assert ok.loc[0, "reason_en"].startswith("Unknown input: pronounced economic strength, scientific strength")
    with pytest.raises(InputError, match="unknown technology 'b'"):
        classify_technologies(tech, rca_columns={"economic": None, "scientific": None}, transition={"b": True})
    with pytest.raises(InputError, match="split"):
        classify_technologies(tech, rca_columns={"economic": None, "scientific": None}, split="mode")
    with pytest.raises(InputError, match="no technologies"):
        classify_technologies(tech.iloc[0:0], rca_columns={"economic": None, "scientific": None})


def test_technology_transitions_from_linked_domains():
    field_map = pd.DataFrame({"domain_id": ["d1", "d2", "d3", "d4"], "technology": ["f1", "f1", "f2", "f4"]})
    trans = pd.DataFrame({"domain_id": ["d1", "d2", "d3", "d4"], "transition": [True, False, False, None]})
    out = technology_transitions(["f1", "f2", "f3", "f4"], field_map, trans, domain_names={"d1": "Een", "d2": "Twee"}).set_index("technology")
    assert out.loc["f1", "transition"] is True and out.loc["f1", "domains"] == "Een; Twee"  # one linked domain contributes
    assert out.loc["f2", "transition"] is False and out.loc["f2", "domains"] == "d3"        # every linked domain does not
    assert out.loc["f3", "transition"] is None and out.loc["f3", "domains"] == ""          # no linked domain
    assert out.loc["f4", "transition"] is None                                             # linked domain unknown
    assert technology_transitions(["f1"], None, trans)["transition"].tolist() == [None]


def _investment_profile():
    return pd.DataFrame({"technology": ["a", "b", "c"], "rca": [1.5, 0.2, 2.0], "density": [10.0, 20.0, 30.0],
                         "complexity": [0.1, 0.2, 0.9], "label_nl": ["A", "B", "C"], "label_en": ["A", "B", "C"]})


def test_technology_framework_by_hand():
    trans = {"investments": pd.DataFrame({"technology": ["a", "b", "c"], "transition": [True, False, None], "domains": ["X", "", ""]})}
    out = technology_framework({"investments": _investment_profile()}, transitions=trans, decide_when_unambiguous=True).set_index("technology")
    # a: E (RCA 1.5), complexity 0.1 <= median 0.2 -> no growth, transition -> internationalisering (R8a), whatever I and S
    assert out.loc["a", "category"] == "internationalisering"
    # b: no E, no growth (0.2 is not above 0.2), no transition -> geen beleidsfocus (R7)
    assert out.loc["b", "category"] == "geen_beleidsfocus"
    # c: E and growth, transition unknown -> not decided
    assert out.loc["c", "category"] == "niet_beslist"
    assert out.loc["a", "innovation"] is None and out.loc["a", "scientific"] is None  # other sources' strengths unknown
    assert out.loc["a", "measured"] == ("economisch: ja (RCA 1.50); groeipotentieel: nee (complexiteit 0.10 vs 0.20); "
                                        "haalbaarheid: nee (dichtheid 10.0 vs 20.0)")
    assert out.loc["a", "judgement"] == "transitiebijdrage: ja (via X)"
    assert out.loc["b", "judgement"] == "transitiebijdrage: nee (geen gekoppeld domein)"
    assert out.loc["a", "unknown"] == "innovatie/technologie, wetenschap"
    assert out.loc["c", "unknown"] == "innovatie/technologie, wetenschap, transitiebijdrage"
    assert out.loc["c", "feasible"] is True and out.loc["c", "quadrant"] == "optimal"
    counts = technology_counts(out.reset_index())
    assert counts == {"ft_n": 3, "ft_n_sterkte": 0, "ft_n_hiaat": 0, "ft_n_moonshot": 0, "ft_n_geen": 2, "ft_n_niet": 1,
                      "ft_n_transition": 2, "ft_n_patents": 0, "ft_n_publications": 0, "ft_n_investments": 3}
    # a patents profile measures innovation only; the edition's split mapping {x: density, y: complexity}
    pat = technology_framework({"patents": _investment_profile()}, split={"x": 15.0, "y": 0.05}, lang="en").set_index("technology")
    assert pat.loc["a", "innovation"] is True and pat.loc["a", "economic"] is None and pat.loc["a", "growth"] is True
    assert pat.loc["a", "feasible"] is False and pat.loc["a", "unknown"] == "economic, scientific, transition contribution"
    assert (pat["category"] == "niet_beslist").all()  # economic strength unknown: the tree decides nothing


def test_technology_framework_bad_input():
    with pytest.raises(InputError, match="no technology profile"):
        technology_framework({})
    with pytest.raises(InputError, match="source 'patent'"):
        technology_framework({"patent": _investment_profile()})
    with pytest.raises(InputError, match="keys x"):
        technology_framework({"patents": _investment_profile()}, split={"x": 1.0})


# ------------------------------------------------------------------------------------------
# the chart
# ------------------------------------------------------------------------------------------


def test_tree_chart_lists_each_domain_at_its_leaf():
    out = classify_domains(hand_inputs())
    chart = tree_chart(out)
    assert isinstance(chart, alt.LayerChart)
    spec = chart.to_dict()
    assert len(spec["layer"]) == 5
    lay = tree_layout(out)
    lists = dict(zip(lay["nodes"].query("kind == 'leaf'")["id"], lay["lists"]["text"]))
    assert "A-domein" in lists["L_sterkte_transitie"]
    assert "B-domein" in lists["L_hiaat_kennis"]
    assert "E-domein" in lists["L_onbekend"]
    assert "D-domein" in lists["L_niet_beslist_groei"]
    assert lists["L_partnerschappen"] == "—"
    assert set(lay["nodes"]["id"]) == set(TREE) | set(LEAVES)
    # boxes do not overlap vertically within a column
    leaves = lay["nodes"].query("kind == 'leaf'").sort_values("y")
    assert (leaves["y"].iloc[1:].to_numpy() >= leaves["y2"].iloc[:-1].to_numpy()).all()


def test_tree_chart_fits_the_content_column():
    out = classify_domains(all_combinations().assign(domain_id=lambda d: [f"d{i}" for i in range(len(d))]))
    for lang in ("nl", "en"):
        size = tree_layout(out, lang=lang)["size"]
        assert float(size.at[0, "width"]) == pytest.approx(985.0)  # was 1,185 (about 1,230 px rendered); the column is about 1,020 px


def test_tree_chart_english_and_errors():
    out = classify_domains(hand_inputs())
    spec = tree_chart(out, lang="en").to_dict()
    assert spec["title"].startswith("Decision tree")
    assert "yes" in set(tree_layout(out, lang="en")["labels"]["text"])
    with pytest.raises(InputError, match="lang"):
        tree_chart(out, lang="fr")
    with pytest.raises(InputError, match="unknown leaf"):
        tree_chart(out.assign(leaf="L_x"))
    assert isinstance(tree_chart(), alt.LayerChart)  # the empty tree


# ------------------------------------------------------------------------------------------
# texts: labels, actions, citations, and the quotes against the seed
# ------------------------------------------------------------------------------------------


def test_every_category_has_labels_action_and_source():
    for cat in CATEGORIES.values():
        for text in (cat.label_nl, cat.label_en, cat.action_title_nl, cat.action_title_en, cat.action_nl,
                     cat.action_en, cat.action_source):
            assert text.strip()
        assert cat.action_basis in {"seed text", "inferred", "project"}


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


@pytest.mark.skipif(not SEED_FILE.exists(), reason="seed text not present")
@pytest.mark.parametrize("rule_id", [r for r in RULES if RULES[r].quote])
def test_rule_quote_is_in_the_seed(rule_id):
    seed = _normalise(SEED_FILE.read_text(encoding="utf-8"))
    assert _normalise(RULES[rule_id].quote) in seed


@pytest.mark.skipif(not SEED_FILE.exists(), reason="seed text not present")
@pytest.mark.parametrize("key", [k for k in CATEGORIES if CATEGORIES[k].action_basis != "project"])
def test_action_quotes_are_in_the_seed(key):
    seed = _normalise(SEED_FILE.read_text(encoding="utf-8"))
    cat = CATEGORIES[key]
    for text in (cat.action_nl, cat.action_en):
        if "(our translation)" in text:
            continue
        for piece in text.split("[...]"):
            assert _normalise(piece) in seed, piece[:60]


# ----------------------------------------------------------------------------- counts for the text
def test_names_in_category_and_outcome_counts():
    classified = pd.DataFrame({"domain_id": ["a", "b", "c", "d", "e", "f"], "domain_en": ["A", "B", "C", "D", "E", "F"],
                               "category": ["uitgesproken_sterkte", "uitgesproken_sterkte", "moonshot", "internationalisering",
                                            "partnerschappen", "niet_beslist"]})
    assert names_in_category(classified, "uitgesproken_sterkte", "domain_en") == "A, B"
    assert names_in_category(classified, "hiaat_ecosysteem", "domain_en") == "—"
    growth = pd.DataFrame({"domain_id": list("abcdef"), "growth": [True, False, None, True, True, None]})
    transitions = pd.DataFrame({"domain_id": list("abcdef"), "transition": [True, True, False, False, None, True]})
    assert outcome_counts(classified, growth, transitions, name_column="domain_en") == {
        "df_n": 6, "df_n_sterkte": 2, "df_sterkte": "A, B", "df_n_hiaat": 0, "df_hiaat": "—", "df_n_moonshot": 1, "df_moonshot": "C",
        "df_n_geen": 2, "df_n_niet": 1, "df_niet": "F", "df_n_growth": 3, "df_n_growth_na": 2, "df_n_transition": 3}


def test_technology_framework_uses_the_stability_label():
    """Issue 15: with the stability of the chapter's placements, the framework places each technology by that
    placement and an undecided one in no quadrant; the table shows it as undecided with the guess as a question."""
    from helpers.chapters.framework.page import TechnologyFrameworkPage

    profile = _investment_profile().assign(quadrant=["low_priority", "optimal", "optimal"], stability=[0.95, 0.7, 0.4],
                                           stability_label=["stable", "leaning", "undecided"])
    out = technology_framework({"investments": profile}, decide_when_unambiguous=True).set_index("technology")
    assert out["placement"].tolist() == ["low_priority", "optimal", "optimal"]
    assert out.loc["a", "quadrant"] == "low_priority" and out.loc["b", "quadrant"] == "optimal" and pd.isna(out.loc["c", "quadrant"])
    assert out["stability_label"].tolist() == ["stable", "leaning", "undecided"]
    page = TechnologyFrameworkPage(language="nl", region_name="R", rca_threshold=1.0, missing=[], classified=out.reset_index(),
                                   portfolio=pd.DataFrame({"label_nl": [], "n": []}), stability_runs=50)
    shown = page.technology_outcomes().set_index("technology_id")
    assert shown.loc["c", "quadrant"].startswith("onbeslist (") and shown.loc["c", "stability_label"] == "onbeslist"
    assert shown.loc["a", "stability_label"] == "stabiel" and not shown.loc["a", "quadrant"].startswith("onbeslist")
    glue = page.stability_glue()
    assert (glue["ft_stability_n_stable"], glue["ft_stability_n_leaning"], glue["ft_stability_n_undecided"], glue["ft_stability_runs"]) == (1, 1, 1, 50)
    assert "50 herberekeningen" in glue["ft_stability_text"].data
    # without runs nothing changes: the framework's own quadrants, no stability columns
    plain = technology_framework({"investments": _investment_profile()})
    assert "stability_label" not in plain.columns and "placement" not in plain.columns
