"""The IPC-subclass patents page: aggregation of subclasses to technologies (hand-worked cases), the
reference group, relatedness from a published co-occurrence matrix, and the page on the real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import RAW_DATA
from helpers.chapters import technologies
from helpers.chapters.technologies.ipc_page import short_title
from helpers.chapters.technologies.ipc_space import IpcData, ipc_space, reference_regions
from helpers.chapters.technologies.ipc_technologies import movement, subclass_membership, technology_positions
from helpers.chapters.technologies.space import technology_space
from helpers.errors import InputError
from helpers.methods import specialisation
from helpers.methods.aggregation import group_rca, membership_matrix, weighted_group_mean

# three countries x four subclasses, one period
X = pd.DataFrame({"A01B": [6.0, 1.0, 3.0], "B01D": [2.0, 4.0, 2.0], "C12N": [2.0, 1.0, 5.0], "H01L": [0.0, 4.0, 0.0]},
                 index=["BEL", "DEU", "NLD"])
COOC = pd.DataFrame([(a, b, c) for a, b, c in [("A01B", "B01D", 4), ("A01B", "C12N", 1), ("B01D", "C12N", 2), ("C12N", "H01L", 3),
                                                 ("A01B", "A01B", 99)]], columns=["code_a", "code_b", "count"])
COOC = pd.concat([COOC, COOC[COOC["code_a"] != COOC["code_b"]].rename(columns={"code_a": "code_b", "code_b": "code_a"})], ignore_index=True)


def _activity(x: pd.DataFrame, start: int = 2004, end: int = 2018) -> pd.DataFrame:
    long = x.stack().rename("value").reset_index().rename(columns={"level_0": "region", "level_1": "technology"})
    return long.assign(source="patents", classification="ipc4_patstat", year=start, year_last=end)


def _data(x: pd.DataFrame = X) -> IpcData:
    techs = pd.DataFrame({"classification": "ipc4_patstat", "technology": list(x.columns), "technology_id": list(x.columns),
                          "label": list(x.columns), "group": "Biotechnology"})
    cooc = COOC.assign(classification="ipc4_patstat", year_first=1974, year_last=2018)
    return IpcData(pd.concat([_activity(x), _activity(x * 0.5, 1989, 2003)], ignore_index=True), cooc, techs,
                   pd.DataFrame({"ipc4": ["C12N"], "title": ["MICROORGANISMS OR ENZYMES; X"], "citation": ["test"]}))


def test_group_rca_by_hand():
    m = membership_matrix(pd.DataFrame({"code": ["A01B", "C12N"], "group": ["agri_bio", "agri_bio"]}), list(X.columns))
    r = group_rca(X, m)
    # BEL: (6 + 2) / 10 = 0.8 of its patents; all: (6+1+3 + 2+1+5) / 30 = 0.6 -> RCA 0.8 / 0.6
    assert r.loc["BEL", "agri_bio"] == pytest.approx(0.8 / 0.6)
    # against NLD alone: NLD has (3 + 5) / 10 = 0.8 -> BEL's RCA is 1
    assert group_rca(X, m, reference=["NLD"]).loc["BEL", "agri_bio"] == pytest.approx(1.0)
    # one code per technology and every region as reference: the Balassa RCA of the methods
    single = membership_matrix(pd.DataFrame({"code": list(X.columns), "group": list(X.columns)}), list(X.columns))
    np.testing.assert_allclose(group_rca(X, single).to_numpy(), specialisation.rca(X).to_numpy())
    with pytest.raises(InputError, match="reference region"):
        group_rca(X, m, reference=["FRA"])


def test_weighted_mean_by_hand():
    m = membership_matrix(pd.DataFrame({"code": ["A01B", "C12N"], "group": ["g", "g"]}), list(X.columns))
    w = X.sum(axis=0)  # A01B 10, C12N 8
    v = pd.Series({"A01B": 1.0, "B01D": 5.0, "C12N": -1.0, "H01L": 7.0})
    assert weighted_group_mean(v, m, w)["g"] == pytest.approx((10 * 1 - 8 * 1) / 18)
    with pytest.raises(InputError, match="weights"):
        weighted_group_mean(v, m, -w)


def test_subclass_membership_statuses():
    codes = pd.DataFrame({"tech_id": ["bio", "bio", "chips", "grid", "new"], "scheme": ["ipc", "ipc", "ipc", "cpc", "ipc"],
                          "code": ["C12N15/10", "C12N", "H01", "Y02E40/70", "H10K"]})
    pairs, notes = subclass_membership(codes, list(X.columns))
    assert notes["status"].tolist() == ["finer", "subclass", "class", "cpc_only", "not_in_data"]
    assert sorted(map(tuple, pairs.to_numpy())) == [("bio", "C12N"), ("chips", "H01L")]


def test_published_cooccurrence_gives_relatedness():
    space = technology_space(_activity(X), (2004, 2018), classification="ipc4_patstat", cooccurrence=COOC, source="patents")
    assert space.relatedness_basis.startswith("within-document")
    # cosine normalisation C_ij / sqrt(s_i s_j), the diagonal (99) left out: s_A01B = 4 + 1, s_B01D = 4 + 2
    assert space.relatedness.loc["A01B", "B01D"] == pytest.approx(4 / np.sqrt(5 * 6))
    assert np.allclose(np.diag(space.relatedness.to_numpy()), 0)
    with pytest.raises(InputError, match="no period of the data lies within the window 2010-2018"):
        technology_space(_activity(X), (2010, 2018), classification="ipc4_patstat", source="patents")


def test_reference_group_and_period():
    assert reference_regions("world", "BEL", ["BEL", "CHN"]) == (["BEL", "CHN"], [])
    present, missing = reference_regions("eu27", "BEL", ["BEL", "DEU", "CHN"])
    assert present == ["BEL", "DEU"] and "FRA" in missing
    with pytest.raises(InputError, match="reference group 'g7'"):
        reference_regions("g7", "BEL", ["BEL", "DEU"])
    with pytest.raises(InputError, match="only BEL has patents"):
        reference_regions(["BEL", "CHN"], "BEL", ["BEL", "USA"])
    data = _data()
    with pytest.raises(InputError, match=r"not a period of the data; use one of \[1989, 2003\], \[2004, 2018\]"):
        ipc_space(data, "BEL", (2015, 2019))
    space = ipc_space(data, "BEL", (2004, 2018), reference_group=["BEL", "NLD"])
    assert list(space.x.index) == ["BEL", "NLD"]


def test_technology_positions_by_hand():
    data = _data()
    space = ipc_space(data, "BEL", (2004, 2018), reference_group="world")
    pairs = pd.DataFrame({"tech_id": ["agri_bio", "agri_bio", "chips"], "ipc4": ["A01B", "C12N", "H01L"]})
    pos = technology_positions(space, "BEL", pairs, ["agri_bio", "chips", "none"]).set_index("technology")
    assert pos.loc["agri_bio", "activity"] == 8 and pos.loc["agri_bio", "rca"] == pytest.approx(0.8 / 0.6)
    assert pos.loc["chips", "rca"] == 0 and pos.loc["agri_bio", "n_subclasses"] == 2
    assert np.isnan(pos.loc["none", "rca"]) and pos.loc["none", "quadrant"] is None
    weights = space.x.sum(axis=0)
    expected = (weights["A01B"] * space.complexity["A01B"] + weights["C12N"] * space.complexity["C12N"]) / (weights["A01B"] + weights["C12N"])
    assert pos.loc["agri_bio", "complexity"] == pytest.approx(expected)
    moves = movement({(1989, 2003): pos.reset_index().assign(rca=[0.5, 1.5, np.nan]), (2004, 2018): pos.reset_index()}, 1.0)
    assert moves.set_index("technology")["status"].to_dict() == {"agri_bio": "entered", "chips": "left", "none": ""}


def test_short_title():
    assert short_title("MICROORGANISMS OR ENZYMES; COMPOSITIONS THEREOF") == "Microorganisms or enzymes"
    assert short_title("X [ICT] Y") == "X [ICT] y"


@pytest.fixture(scope="module")
def canon(real_canonical):
    if not (RAW_DATA / "patents_country_ipc4").is_dir():
        pytest.skip("no patents_country_ipc4/ in the raw data")
    return real_canonical


@pytest.mark.parametrize("language", ["nl"])
def test_page_on_the_real_data(canon, language):
    page = technologies.read_ipc_page(canon, focus_region="BE2", language=language, window=[2004, 2018], reference_group="oecd",
                                      min_activity=1000, coarse_window=[2015, 2019])
    assert page.stand_in  # Flanders is stood in for by Belgium
    tables, glue = page.tables(), page.glue()
    assert len(tables["comparison"].df) == 38 and len(tables["movement"].df) == 38
    assert {"rca_1974_1988", "rca_1989_2003", "rca_2004_2018"} <= set(tables["movement"].df.columns)
    assert -1 <= glue["ipc_rho_rca"] <= 1 and 0 <= glue["ipc_n_same"] <= 38
    assert len(tables["groups"].df) == 3  # the chosen group and the two others
    # every technology the taxonomy defines has a subclass in the data
    assert (page.positions["n_subclasses"] > 0).all()
    shown = tables["subclasses"].df
    assert len(shown) == 40 and shown["activity"].is_monotonic_decreasing
    text = glue["ipc_38_text"].data
    assert "nan" not in text and ("Spearman" in text)
    charts = page.charts()
    assert all(charts[k] is not None for k in ("subclasses", "technologies", "paths"))
