"""Rating rules (helpers.methods.ratings), the comparison with the published Tabel 1, and the data files (helpers.data.domains)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.data import PROJECT_DATA
from helpers.data.domains import RATING_SYMBOLS, TABEL1_INDICATORS, load_domains, load_published_ratings
from helpers.errors import InputError
from helpers.methods.ratings import (
    INDICATORS,
    RATINGS,
    RankRule,
    ThresholdRule,
    agreement_summary,
    compare_ratings,
    rate,
    rate_rank,
    rate_threshold,
    ratings_from_wide,
    specialisation_index,
    specialisation_reasons,
    to_wide,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILE = SEEDS / "000_58134484e03f4a01.txt"
SECTORS_FILE = ROOT.parent / "shared" / "data" / "sectors_natacc_eu28.csv"


def table(values: dict[str, float | None], indicator: str = "value_added", reasons: dict[str, str] | None = None) -> pd.DataFrame:
    rows = [{"domain_id": d, "indicator_id": indicator, "value": v} for d, v in values.items()]
    df = pd.DataFrame(rows)
    if reasons is not None:
        df["reason"] = [reasons.get(d, "") for d in values]
    return df


# ------------------------------------------------------------------------------------------
# specialisation index
# ------------------------------------------------------------------------------------------


def test_specialisation_index_by_hand():
    # focus: sector 20 of total 100 (20 %); reference: 100 of 1000 (10 %) -> 0.20 / 0.10 = 2.0
    assert specialisation_index(20, 100, 100, 1000) == pytest.approx(2.0)
    # 5 % against 10 % -> 0.5
    assert specialisation_index(5, 100, 100, 1000) == pytest.approx(0.5)


def test_specialisation_index_undefined_is_nan_with_reason():
    fv = pd.Series([20.0, 20.0, np.nan])
    ft = pd.Series([100.0, 100.0, 100.0])
    rv = pd.Series([100.0, 0.0, 100.0])
    rt = pd.Series([1000.0, 1000.0, 1000.0])
    si = specialisation_index(fv, ft, rv, rt)
    assert si.iloc[0] == pytest.approx(2.0)
    assert math.isnan(si.iloc[1]) and math.isnan(si.iloc[2])  # never inf
    reasons = specialisation_reasons(fv, ft, rv, rt)
    assert reasons.tolist() == ["", "reference value missing or zero", "focus value missing"]
    assert math.isnan(specialisation_index(1, 0, 1, 1))


# ------------------------------------------------------------------------------------------
# rule (a): thresholds
# ------------------------------------------------------------------------------------------


def test_threshold_rule_by_hand():
    # defaults: ++ >= 1.5, + >= 1.1, +/- >= 0.9, else -
    values = {
        "a": 2.0,   # >= 1.5            -> ++
        "b": 1.5,   # boundary 1.5      -> ++
        "c": 1.2,   # 1.1 <= 1.2 < 1.5  -> +
        "d": 1.1,   # boundary 1.1      -> +
        "e": 1.0,   # 0.9 <= 1.0 < 1.1  -> +/-
        "f": 0.9,   # boundary 0.9      -> +/-
        "g": 0.5,   # < 0.9             -> -
        "h": None,  # missing           -> na, reason carried
    }
    out = rate_threshold(table(values, reasons={"h": "BE C10-C12 not in the data"}))
    assert out["rating"].tolist() == ["++", "++", "+", "+", "+/-", "+/-", "-", "na"]
    assert out.loc[7, "reason"] == "BE C10-C12 not in the data"
    assert (out.loc[:6, "reason"] == "").all()
    assert out.loc[0, "basis"] == "2.00 >= 1.5"


def test_threshold_rule_parameters():
    # custom cut points 2 / 1 / 0.5: 1.5 -> +, 0.7 -> +/-, 0.4 -> -
    rule = ThresholdRule(very_strong=2.0, strong=1.0, neutral=0.5)
    out = rate(table({"a": 1.5, "b": 0.7, "c": 0.4}), rule)
    assert out["rating"].tolist() == ["+", "+/-", "-"]
    assert "++ >= 2" in rule.describe()


def test_missing_value_without_reason_says_no_value():
    out = rate_threshold(table({"a": float("nan"), "b": ""}))
    assert out["rating"].tolist() == ["na", "na"]
    assert out["reason"].tolist() == ["no value", "no value"]


def test_threshold_rule_rejects_bad_parameters():
    with pytest.raises(InputError, match="must decrease"):
        ThresholdRule(very_strong=1.0, strong=1.1, neutral=0.9)


def test_negative_value_is_refused_unless_allowed():
    with pytest.raises(InputError, match="row 1: negative value"):
        rate_threshold(table({"a": 1.0, "b": -0.2}))
    out = rate_threshold(table({"a": -0.2}), ThresholdRule(0.1, 0.0, -0.1, allow_negative=True))
    assert out["rating"].tolist() == ["-"]  # -0.2 < -0.1


def test_non_numeric_and_infinite_values_are_refused():
    with pytest.raises(InputError, match="row 0: column 'value' is not a number"):
        rate_threshold(table({"a": "high"}))  # type: ignore[dict-item]
    with pytest.raises(InputError, match="infinite"):
        rate_threshold(table({"a": float("inf")}))


# ------------------------------------------------------------------------------------------
# rule (b): rank
# ------------------------------------------------------------------------------------------


def test_rank_rule_quartiles_by_hand():
    # 8 values, n = 8, q = (rank - 1) / 8:
    # rank 1 q=0 ++ | 2 q=.125 ++ | 3 q=.25 + | 4 q=.375 + | 5 q=.5 +/- | 6 q=.625 +/- | 7 q=.75 - | 8 q=.875 -
    values = {d: v for d, v in zip("abcdefgh", [8, 7, 6, 5, 4, 3, 2, 1])}
    out = rate_rank(table(values))
    assert out["rating"].tolist() == ["++", "++", "+", "+", "+/-", "+/-", "-", "-"]
    assert out.loc[2, "basis"] == "rank 3 of 8 (share ahead 0.25)"


def test_rank_rule_ties_and_missing():
    # values 5, 5, 3, missing: n = 3 valid; ranks 1, 1, 3 -> q = 0, 0, 0.667 -> ++, ++, +/-; missing -> na
    out = rate_rank(table({"a": 5, "b": 5, "c": 3, "d": None}))
    assert out["rating"].tolist() == ["++", "++", "+/-", "na"]


def test_rank_rule_thirds_and_direction():
    # cuts (1/3, 2/3, 5/6), 6 values 60..10: q = 0, 1/6, 2/6, 3/6, 4/6, 5/6
    # q < 1/3: ranks 1-2 ++ | q < 2/3: ranks 3-4 + | q < 5/6: rank 5 +/- | rank 6 (q = 5/6) -
    values = {d: v for d, v in zip("abcdef", [60, 50, 40, 30, 20, 10])}
    out = rate_rank(table(values), RankRule(cuts=(1 / 3, 2 / 3, 5 / 6)))
    assert out["rating"].tolist() == ["++", "++", "+", "+", "+/-", "-"]
    # lower is better: the order turns round
    low = rate_rank(table(values), RankRule(higher_is_better=False))
    assert low["rating"].tolist()[::-1] == ["++", "++", "+", "+/-", "+/-", "-"]  # n=6: q 0,.17 ++; .33 +; .5,.67 +/-; .83 -


def test_rank_rule_is_per_indicator():
    df = pd.concat([table({"a": 1, "b": 2}, "export"), table({"a": 20, "b": 10}, "patents")], ignore_index=True)
    out = rate_rank(df, RankRule(cuts=(0.5, 0.75, 0.9)))
    # export: b first (q=0 ++), a second (q=.5 -> + since .5 < .75); patents: a ++, b +
    assert dict(zip(out["domain_id"] + "/" + out["indicator_id"], out["rating"])) == {
        "a/export": "+", "b/export": "++", "a/patents": "++", "b/patents": "+"}


def test_rank_rule_rejects_bad_cuts():
    with pytest.raises(InputError, match="three increasing"):
        RankRule(cuts=(0.5, 0.25, 0.75))


def test_rate_rejects_unknown_rule_and_indicator_and_duplicates():
    with pytest.raises(InputError, match="unknown rating rule"):
        rate(table({"a": 1.0}), "median")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="unknown indicator_id 'jobs'"):
        rate_threshold(table({"a": 1.0}, "jobs"), indicators=INDICATORS)
    dup = pd.concat([table({"a": 1.0}), table({"a": 2.0})], ignore_index=True)
    with pytest.raises(InputError, match="row 1: duplicate cell"):
        rate_threshold(dup)


def test_missing_column_names_source_and_column():
    with pytest.raises(InputError, match=r"my.csv: missing column 'value'"):
        rate_threshold(pd.DataFrame({"domain_id": ["a"], "indicator_id": ["export"]}), source="my.csv")


# ------------------------------------------------------------------------------------------
# comparison
# ------------------------------------------------------------------------------------------


def small_published() -> pd.DataFrame:
    return ratings_from_wide({"p": {"export": "++", "patents": "+"}, "q": {"export": "na", "patents": "-"}})


def test_compare_by_hand():
    published = small_published()
    computed = ratings_from_wide({"p": {"export": "++", "patents": "-"}, "q": {"export": "+", "patents": "-"}})
    cmp = compare_ratings(computed, published)
    status = dict(zip(cmp["domain_id"] + "/" + cmp["indicator_id"], cmp["status"]))
    # p/export ++ vs ++ agree; p/patents - vs + disagree (distance 0 - 2 = -2);
    # q/export + vs na na_mismatch; q/patents - vs - agree
    assert status == {"p/export": "agree", "p/patents": "disagree", "q/export": "na_mismatch", "q/patents": "agree"}
    assert cmp.set_index(["domain_id", "indicator_id"]).loc[("p", "patents"), "distance"] == -2
    summary = agreement_summary(cmp).set_index("indicator_id")
    # all: 4 cells, 2 agree, 1 disagree, 1 na_mismatch; both rated 3; agree among rated 2/3;
    # within one step: distances 0, -2, 0 -> 2/3; mean |distance| = 2/3
    row = summary.loc["all"]
    assert (row["cells"], row["agree"], row["disagree"], row["na_mismatch"], row["both_rated"]) == (4, 2, 1, 1, 3)
    assert row["share_agree"] == pytest.approx(0.5)
    assert row["share_agree_rated"] == pytest.approx(2 / 3)
    assert row["share_within_one"] == pytest.approx(2 / 3)
    assert row["mean_abs_distance"] == pytest.approx(2 / 3)
    assert summary.loc["export", "cells"] == 2


def test_compare_missing_computed_cell_is_na_not_computed():
    published = small_published()
    computed = ratings_from_wide({"p": {"export": "++"}})
    cmp = compare_ratings(computed, published).set_index(["domain_id", "indicator_id"])
    assert cmp.loc[("p", "patents"), "computed"] == "na"
    assert cmp.loc[("p", "patents"), "reason"] == "not computed"
    assert cmp.loc[("p", "patents"), "status"] == "na_mismatch"
    assert cmp.loc[("q", "export"), "status"] == "agree"  # both na


def test_compare_rejects_unknown_domain_and_symbol():
    published = small_published()
    with pytest.raises(InputError, match="unknown domain_id 'x'"):
        compare_ratings(ratings_from_wide({"x": {"export": "+"}}), published)
    bad = pd.DataFrame({"domain_id": ["p"], "indicator_id": ["export"], "rating": ["+++"]})
    with pytest.raises(InputError, match=r"unknown rating symbol '\+\+\+'"):
        compare_ratings(bad, published)


def test_published_table_agrees_with_itself():
    pub = load_published_ratings()
    summary = agreement_summary(compare_ratings(pub, pub))
    assert summary.set_index("indicator_id").loc["all", "share_agree"] == 1.0
    assert list(summary["indicator_id"]) == [*INDICATORS, "all"]


def test_to_wide_and_back():
    pub = load_published_ratings()
    wide = to_wide(pub, domain_order=load_domains()["domain_id"])
    assert wide.shape == (9, 6)
    assert list(wide.columns) == list(INDICATORS)
    assert wide.loc["pharma"].tolist() == ["++"] * 6
    back = ratings_from_wide(wide)
    assert len(back) == 54


# ------------------------------------------------------------------------------------------
# data files
# ------------------------------------------------------------------------------------------


def test_published_file_shape_symbols_citations():
    pub = load_published_ratings()
    assert len(pub) == 54
    assert pub["domain_id"].nunique() == 9
    assert pub.groupby("domain_id")["indicator_id"].apply(set).map(lambda s: s == set(INDICATORS)).all()
    assert set(pub["rating"]) <= set(RATINGS)
    assert (pub["citation"].str.contains("Tabel 1")).all()


def test_published_file_bad_symbol_and_missing_column(tmp_path):
    pub = load_published_ratings()
    bad = pub.copy()
    bad.loc[3, "rating"] = "±"
    path = tmp_path / "tabel1.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(InputError, match=r"tabel1.csv, row 3: unknown rating symbol '±'.*use one of"):
        load_published_ratings(path)
    pub.drop(columns=["citation"]).to_csv(path, index=False)
    with pytest.raises(InputError, match=r"tabel1.csv: missing column 'citation'"):
        load_published_ratings(path)
    with pytest.raises(InputError, match="file not found"):
        load_published_ratings(tmp_path / "nope.csv")


def test_domains_file():
    dom = load_domains()
    assert len(dom) == 9
    assert dom["order"].tolist() == list(range(1, 10))
    assert (dom["citation"].str.strip() != "").all()
    assert set(dom["match"]) <= {"exact", "approximate"}
    assert (dom.loc[dom["match"] == "approximate", "note"].str.strip() != "").all()
    pub = load_published_ratings()
    assert set(dom["domain_id"]) == set(pub["domain_id"])
    labels = pub.drop_duplicates("domain_id").set_index("domain_id")
    assert (dom.set_index("domain_id")["domain_nl"] == labels["domain_nl"]).all()


@pytest.mark.skipif(not SECTORS_FILE.exists(), reason="../shared/data not present")
def test_domain_nace_codes_exist_in_national_accounts():
    codes = set(pd.read_csv(SECTORS_FILE, usecols=["nace"])["nace"].unique())
    for nace in load_domains()["nace"]:
        for code in nace.split(";"):
            assert code.strip() in codes, code


# Tabel 1 in the seed text: a header line "Tabel 1: ...", a tab-separated header row, then one
# tab-separated row per domain (label, six symbols).
def parse_seed_tabel1(text: str) -> dict[str, list[str]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Tabel 1:"))
    rows: dict[str, list[str]] = {}
    for line in lines[start + 1:]:
        if not line.strip():
            if rows:
                break
            continue
        cells = [c.strip() for c in line.split("\t")]
        if cells[0] == "":  # the header row starts with a tab
            assert [c.lower() for c in cells[1:]] == [v[0].lower() for v in INDICATORS.values()]
            continue
        rows[cells[0]] = cells[1:]
    return rows


@pytest.mark.skipif(not SEED_FILE.exists(), reason="seed text not present")
def test_published_file_matches_seed_text():
    seed = parse_seed_tabel1(SEED_FILE.read_text(encoding="utf-8"))
    assert len(seed) == 9
    pub = load_published_ratings()
    for domain_nl, g in pub.groupby("domain_nl", sort=False):
        ordered = g.set_index("indicator_id").loc[list(INDICATORS), "rating"].tolist()
        assert seed[domain_nl] == ordered, domain_nl
    # the domain order of the files follows the seed's table
    assert list(seed) == load_domains()["domain_nl"].tolist()


def test_readme_has_a_section_per_file():
    readme = (PROJECT_DATA / "README.md").read_text(encoding="utf-8")
    for name in ("tabel1_published.csv", "domains.csv", "domain_transitions.csv"):
        assert f"## {name}" in readme


def test_data_layer_knows_the_same_symbols_and_indicators():
    # helpers.data imports no methods: the data layer keeps its own copy of the vocabulary to check the file
    assert RATING_SYMBOLS == RATINGS
    assert TABEL1_INDICATORS == tuple(INDICATORS)


def test_methods_read_no_files():
    import helpers.methods.ratings as ratings

    assert not hasattr(ratings, "PROJECT_DATA") and not hasattr(ratings, "load_published_ratings")
    assert not hasattr(ratings, "load_domains")
