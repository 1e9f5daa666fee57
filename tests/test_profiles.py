"""Descriptive profiles of the overview chapter, on a hand-made table."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.errors import InputError
from helpers.chapters.overview import data_region, field_profile, in_window, yearly_share

# Two countries, two fields, two years.
#           2018: A   B      2019: A   B
#   BEL           10  30           20  20
#   NLD           30  30           40  20
ACTIVITY = pd.DataFrame(
    [("BEL", "A", 2018, 10.0), ("BEL", "B", 2018, 30.0), ("NLD", "A", 2018, 30.0), ("NLD", "B", 2018, 30.0),
     ("BEL", "A", 2019, 20.0), ("BEL", "B", 2019, 20.0), ("NLD", "A", 2019, 40.0), ("NLD", "B", 2019, 20.0)],
    columns=["region", "technology", "year", "value"],
)


def test_yearly_share():
    out = yearly_share(ACTIVITY, "BEL").set_index("year")
    # 2018: BEL 40 of 100 -> 0.4; 2019: BEL 40 of 100 -> 0.4
    assert out["region_value"].tolist() == [40.0, 40.0]
    assert out["share_of_world"].tolist() == pytest.approx([0.4, 0.4])


def test_field_profile_by_hand():
    out = field_profile(ACTIVITY, "BEL").set_index("technology")
    # BEL: A 30, B 50 (total 80); world: A 100, B 100 (total 200)
    assert out.loc["B", "region_value"] == 50 and out.loc["A", "world_value"] == 100
    assert out.loc["A", "share_of_region"] == pytest.approx(30 / 80)
    assert out.loc["A", "share_of_world"] == pytest.approx(30 / 100)
    # RCA_A = (30/80) / (100/200) = 0.75; RCA_B = (50/80) / 0.5 = 1.25
    assert out.loc["A", "rca"] == pytest.approx(0.75)
    assert out.loc["B", "rca"] == pytest.approx(1.25)
    assert list(out.index) == ["B", "A"], "sorted by the region's activity"


def test_window_and_missing_region():
    assert set(in_window(ACTIVITY, [2019, 2019])["year"]) == {2019}
    with pytest.raises(InputError, match="no rows in the window 2000-2001; the data cover 2018-2019"):
        in_window(ACTIVITY, [2000, 2001], "patents")
    with pytest.raises(InputError, match="region 'SWE' has no rows"):
        field_profile(ACTIVITY, "SWE", "patents")


def test_data_region_stands_in_with_the_country():
    regions = pd.DataFrame({"region": ["BEL", "BE2", "NLD", "US-CA"], "iso3": ["BEL", "BEL", "NLD", "USA"]})
    assert data_region(ACTIVITY, "NLD", regions) == "NLD"
    assert data_region(ACTIVITY, "BE2", regions) == "BEL"
    with pytest.raises(InputError, match="region 'US-CA' has no rows, nor does a country containing it"):
        data_region(ACTIVITY, "US-CA", regions, "patents")
