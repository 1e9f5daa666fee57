"""The regions chapter: aggregation of NUTS-2 regions (hand-worked), the adapter's bad input, the page on the real data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import RAW_DATA
from helpers.chapters import regions
from helpers.data.adapters import nuts2_keytech42 as adapter
from helpers.errors import InputError
from helpers.methods.aggregation import group_region_rca, region_shares
from helpers.methods.specialisation import rca


def _published(full: pd.DataFrame, shown: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The study's layout: counts of some technologies, with the RCA computed against ALL of a region's patents."""
    r = rca(full)
    return full[shown], r[shown]


FULL = pd.DataFrame({"a": [4.0, 1.0, 5.0, 0.0, 3.0], "b": [0.0, 3.0, 1.0, 2.0, 3.0], "other": [6.0, 16.0, 4.0, 8.0, 2.0]},
                    index=["BE21", "BE22", "DE21", "SE11", "NL41"])


def _merged(members: list[str], name: str) -> pd.DataFrame:
    return pd.concat([FULL.drop(index=members), FULL.loc[members].sum().rename(name).to_frame().T])


def test_shares_and_groups_by_hand():
    x, r = _published(FULL, ["a", "b"])
    # the share of all patents: BE21 has 10 of 58
    shares = region_shares(x, r)
    np.testing.assert_allclose(shares.to_numpy(), (FULL.sum(axis=1) / FULL.to_numpy().sum()).to_numpy())
    counts, g_rca, g_share = group_region_rca(x, shares, {"BE2": ["BE21", "BE22"]})
    # the same as the RCA of one merged region of 4 + 1 = 5 (a) and 0 + 3 = 3 (b) patents out of 10 + 20 = 30
    expected = rca(_merged(["BE21", "BE22"], "BE2")).loc["BE2", ["a", "b"]]
    # the totals of a technology are over the study's regions, which the merge leaves unchanged
    np.testing.assert_allclose(g_rca.loc["BE2"].to_numpy(), expected.to_numpy())
    assert g_share["BE2"] == pytest.approx(30 / 58)
    # not the mean of the members' RCA
    assert g_rca.loc["BE2", "a"] != pytest.approx(r.loc[["BE21", "BE22"], "a"].mean())
    with pytest.raises(InputError, match="member"):
        group_region_rca(x, shares, {"BE2": ["BE21", "BE29"]})


def _rows(x: pd.DataFrame, r: pd.DataFrame) -> pd.DataFrame:
    long = x.stack().rename("patents").reset_index().rename(columns={"level_0": "region", "level_1": "technology"})
    long["rca"] = [r.loc[a, b] for a, b in zip(long["region"], long["technology"])]
    return long.assign(study="test", transition="digital", complexity=long["technology"].map({"a": 60.0, "b": 40.0}), page="p")


def test_regional_space_and_page():
    x, r = _published(FULL, ["a", "b"])
    page = regions.regions_page(_rows(x, r), focus="BE2", comparison=["SE11"], language="en", groups={"BE2": ["BE21", "BE22"]})
    sp = page.space
    assert sp.rca.loc["BE2", "b"] == pytest.approx(rca(_merged(["BE21", "BE22"], "BE2")).loc["BE2", "b"])
    assert list(sp.complexity["published"]) == [60.0, 40.0]
    assert page.shown() == ["BE2", "BE21", "BE22", "SE11"]
    rk = regions.ranks(sp, "BE2").set_index("technology")
    base_b = r["b"]
    assert rk.loc["b", "rank"] == 1 + int((base_b > sp.rca.loc["BE2", "b"]).sum()) and rk.loc["b", "n_regions"] == 6
    # patents in a: BE2 5, DE21 5 (tie, not ahead), NL41 3 -> rank 1
    assert rk.loc["a", "patents"] == 5 and rk.loc["a", "rank_patents"] == 1
    assert page.profiles["density"].notna().all()
    with pytest.raises(InputError, match="neither a region of the data nor a group"):
        regions.regions_page(_rows(x, r), focus="FR10", comparison=[], language="en", groups={})
    with pytest.raises(InputError, match="regional complexity"):
        regions.regions_page(_rows(x, r), focus="BE21", comparison=[], language="en", measure="magic")


HEADER = "region,technology,transition,patents,rca,complexity,source_repo,source_path,source_commit\n"
GOOD = [
    "BE21,5G,Digital transition,2,1.5,68.51,r,p,c",
    "BE21,Hydrogen,Green transition,0,0.0,34.09,r,p,c",
    "BE22,5G,Digital transition,1,0.5,68.51,r,p,c",
    "BE22,Hydrogen,Green transition,3,2.0,34.09,r,p,c",
]


def _file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "nuts2_keytech42.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("index, line, message", [
    (0, "XX21,5G,Digital transition,2,1.5,68.51,r,p,c", "unknown region code 'XX21' in column 'region' at line 2"),
    (0, "BE2,5G,Digital transition,2,1.5,68.51,r,p,c", "unknown region code 'BE2'"),
    (2, "BE21,5G,Digital transition,1,0.5,68.51,r,p,c", "duplicate row for (region=BE21, technology=5G)"),
    (1, "BE21,Hydrogen,Green transition,-1,0.0,34.09,r,p,c", "negative patent count '-1' at line 3"),
    (1, "BE21,Hydrogen,Green transition,x,0.0,34.09,r,p,c", "non-numeric patent count 'x' at line 3"),
    (1, "BE21,Hydrogen,Green transition,0,0.7,34.09,r,p,c", "an RCA above 0 without patents at line 3"),
    (1, "BE21,Hydrogen,Green transition,0,0.0,99.00,r,p,c", "complexity of the technology at line 3 differs between regions"),
    (1, "BE21,Hydrogen,Blue transition,0,0.0,34.09,r,p,c", "unknown transition at line 3"),
])
def test_adapter_bad_input(tmp_path, index, line, message):
    lines = list(GOOD)
    lines[index] = line
    with pytest.raises(InputError) as err:
        adapter.load(_file(tmp_path, lines), label="nuts2_keytech42.csv")
    assert message in str(err.value) and "\n" not in str(err.value), str(err.value)


def test_adapter_good_input(tmp_path):
    res = adapter.load(_file(tmp_path, GOOD))
    t = res.tables["published_regional"]
    assert len(t) == 4 and set(t["transition"]) == {"digital", "green"}


@pytest.fixture(scope="module")
def canon(real_canonical):
    if not (RAW_DATA / "patents_nuts2_keytech42").is_dir():
        pytest.skip("no patents_nuts2_keytech42/ in the raw data")
    return real_canonical


def test_real_data(canon):
    page = regions.read_regions_page(canon, focus="BE2", comparison=["DE2", "NL41", "SE11"], language="nl",
                                     groups={"BE2": ["BE21", "BE22", "BE23", "BE24", "BE25"], "DE2": [f"DE2{i}" for i in range(1, 8)]})
    sp = page.space
    assert len(sp.x.index) == 282 and len(sp.x.columns) == 42
    # Flanders' share of all patents equals the sum of its provinces' recovered shares
    assert sp.shares["BE2"] == pytest.approx(sum(sp.shares[f"BE2{i}"] for i in range(1, 6)))
    # its patents are the provinces' sum
    assert regions.ranks(sp, "BE2")["patents"].sum() == pytest.approx(sp.x.loc[[f"BE2{i}" for i in range(1, 6)]].to_numpy().sum())
    assert page.shown() == ["BE2", "BE21", "BE22", "BE23", "BE24", "BE25", "DE2", "NL41", "SE11"]
    table = page.tables()["profile"].df
    assert len(table) == 42 and table["rank"].between(1, 283).all()
    agreement = page.agreement_table()
    assert len(agreement) == 3 and agreement["rho"].between(-1, 1).all()
    glue = page.glue()
    assert "Vlaams Gewest" in glue["reg_intro"].data
    charts = page.charts()
    assert charts["panels"] is not None and charts["ranks"] is not None


def test_regional_page_carries_the_stability_of_every_placement():
    """Issue 15 on the regions page: every panel's placements get a share, a label and intervals, the
    focus (a group outside the world totals) a sensitivity table and a sentence; same seed, same tables."""
    rng = np.random.default_rng(3)
    full = pd.DataFrame(rng.poisson(rng.gamma(0.8, 30, size=(14, 7))).astype(float), index=[f"R{i:02d}" for i in range(14)],
                        columns=["a", "b", "c", "d", "e", "other", "rest"])
    x, r = _published(full, ["a", "b", "c", "d", "e"])
    rows = _rows(x, r).assign(complexity=lambda d: d["technology"].map({"a": 60.0, "b": 40.0, "c": 55.0, "d": 20.0, "e": 80.0}))
    kwargs = dict(focus="G", comparison=["R05"], language="nl", groups={"G": ["R00", "R01", "R02"]}, robustness_runs=40, robustness_seed=7)
    page = regions.regions_page(rows, **kwargs)
    assert set(page.stability) == set(page.shown()) == {"G", "R00", "R01", "R02", "R05"}
    shown = page.profiles[page.profiles["region"].isin(page.shown())]
    assert shown["stability"].between(0, 1).all() and set(shown["stability_label"]) <= {"stable", "leaning", "undecided"}
    assert (shown["density_lo"] <= shown["density_hi"]).all()
    tables = page.tables()
    profile = tables["profile"].df
    assert {"stability", "stability_label", "density_lo", "complexity_hi"} <= set(profile.columns)
    assert set(profile["stability_label"]) <= {"stabiel", "overwegend", "onbeslist"}
    undecided = profile["stability_label"] == "onbeslist"
    assert profile.loc[undecided, "quadrant"].str.startswith("onbeslist (").all()
    assert list(tables["sensitivity"].df.columns) == ["change", "n_changed", "changed", "changed_shown"]
    # the full list in the CSV, the first moves on the page
    assert tables["sensitivity"].hidden == ("changed",) and tables["sensitivity"].page_only == ("changed_shown",)
    glue = page.glue()
    assert glue["reg_stability_n_placed"] == 5 and glue["reg_stability_runs"] == 40
    assert glue["reg_stability_n_stable"] + glue["reg_stability_n_leaning"] + glue["reg_stability_n_undecided"] == 5
    assert glue["reg_stability_panels_n_placed"] == 25
    assert "herberekeningen" in glue["reg_stability_text"].data
    chart = page.charts()["panels"].to_dict()
    assert "stability_text" in json.dumps(chart)
    again = regions.regions_page(rows, **kwargs)
    pd.testing.assert_frame_equal(again.tables()["profile"].df, profile)
    assert "reg_stability_text" in regions.regions_page(rows, **(kwargs | {"robustness_runs": 0})).glue()
