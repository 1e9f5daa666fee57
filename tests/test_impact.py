"""Relative citation impact (helpers.methods.impact) on hand-worked cases and bad inputs."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

import helpers.methods.impact as impact_module
from helpers.errors import InputError
from helpers.methods.impact import relative_citation_impact


def _long(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["region", "technology", "year", "value"])


# Three regions, two areas, two years.
#   area 1300, 2015: BE D=10 C=40, NL D=20 C=40, SE D=10 C=0  -> world D=40 C=80, rate 2.0
#   area 1300, 2016: BE D=10 C=10, NL D=10 C=30, SE D=0  C=0  -> world D=20 C=40, rate 2.0
#   area 1700, 2015: BE D=5  C=5,  NL D=15 C=15               -> world D=20 C=20, rate 1.0
#   area 1700, 2016: BE D=0  C=0,  NL D=10 C=2                -> world D=10 C=2,  rate 0.2
# BE 1300: expected 10*2 + 10*2 = 40, observed 40+10 = 50 -> 50/40 = 1.25
# NL 1300: expected 20*2 + 10*2 = 60, observed 40+30 = 70 -> 70/60 = 1.1666...
# SE 1300: expected 10*2 + 0*2 = 20, observed 0           -> 0.0 (documents but no citations)
# BE 1700: expected 5*1 + 0*0.2 = 5, observed 5           -> 1.0
# NL 1700: expected 15*1 + 10*0.2 = 17, observed 15+2 = 17 -> 1.0
# Per area, observed and expected add up to the world total (1300: 120 = 40+60+20; 1700: 22 = 5+17).
# A plain ratio of totals would give BE 1300 (50/20) / (120/60) = 1.25 too, but NL 1700
# (17/25) / (22/30) = 0.927: the year normalisation matters.
DOCS = _long([
    ("BE", "1300", 2015, 10), ("NL", "1300", 2015, 20), ("SE", "1300", 2015, 10),
    ("BE", "1300", 2016, 10), ("NL", "1300", 2016, 10), ("SE", "1300", 2016, 0),
    ("BE", "1700", 2015, 5), ("NL", "1700", 2015, 15),
    ("BE", "1700", 2016, 0), ("NL", "1700", 2016, 10),
])  # fmt: skip
CITS = DOCS.assign(value=[40, 40, 0, 10, 30, 0, 5, 15, 0, 2])


def test_hand_worked_case():
    out = relative_citation_impact(DOCS, CITS)
    assert list(out.columns) == ["region", "technology", "documents", "citations", "expected_citations", "impact"]
    got = out.set_index(["region", "technology"])
    assert got.loc[("BE", "1300"), "expected_citations"] == pytest.approx(40.0)
    assert got.loc[("BE", "1300"), "impact"] == pytest.approx(1.25)
    assert got.loc[("NL", "1300"), "impact"] == pytest.approx(70 / 60)
    assert got.loc[("SE", "1300"), "impact"] == 0.0
    assert got.loc[("BE", "1700"), "impact"] == pytest.approx(1.0)
    assert got.loc[("NL", "1700"), "expected_citations"] == pytest.approx(17.0)
    assert got.loc[("NL", "1700"), "impact"] == pytest.approx(1.0)
    assert got.loc[("NL", "1700"), "documents"] == 25.0 and got.loc[("NL", "1700"), "citations"] == 17.0
    # observed and expected citations balance per technology
    sums = out.groupby("technology")[["citations", "expected_citations"]].sum()
    assert np.allclose(sums["citations"], sums["expected_citations"])


def test_zero_documents_gives_nan():
    docs = _long([("BE", "1300", 2015, 0), ("NL", "1300", 2015, 10)])
    cits = docs.assign(value=[0, 20])
    out = relative_citation_impact(docs, cits).set_index("region")
    assert np.isnan(out.loc["BE", "impact"])
    assert out.loc["BE", "expected_citations"] == 0.0
    assert out.loc["NL", "impact"] == pytest.approx(1.0)
    assert not np.isinf(out["impact"]).any()


def test_world_without_documents_expects_nothing():
    # a (technology, year) with no world documents adds nothing to the expectation and gives no NaN rate
    docs = _long([("BE", "1300", 2015, 0), ("NL", "1300", 2015, 0), ("BE", "1300", 2016, 4), ("NL", "1300", 2016, 4)])
    cits = docs.assign(value=[0, 0, 6, 2])  # world rate 2016: 8/8 = 1 -> BE 6/4 = 1.5, NL 2/4 = 0.5
    out = relative_citation_impact(docs, cits).set_index("region")["impact"]
    assert out["BE"] == pytest.approx(1.5) and out["NL"] == pytest.approx(0.5)


def test_missing_citation_rows_count_as_zero():
    out = relative_citation_impact(DOCS, CITS[CITS["value"] > 0]).set_index(["region", "technology"])
    assert out.loc[("SE", "1300"), "impact"] == 0.0
    assert out.loc[("BE", "1300"), "impact"] == pytest.approx(1.25)


def test_bad_inputs_one_line():
    def err(docs, cits) -> str:
        with pytest.raises(InputError) as exc:
            relative_citation_impact(docs, cits)
        assert "\n" not in str(exc.value)
        return str(exc.value)

    assert "negative value -3" in err(DOCS.assign(value=[-3] + [1] * 9), CITS)
    assert err(DOCS, CITS.assign(value=[1] * 9 + [-1])).startswith("citations: negative")
    assert "missing column(s) 'value'" in err(DOCS.drop(columns="value"), CITS)
    assert "missing column(s) 'year'" in err(DOCS, CITS.drop(columns="year"))
    extra = pd.concat([CITS, _long([("DK", "1300", 2015, 3)])], ignore_index=True)
    msg = err(DOCS, extra)
    assert msg.startswith("citations: 1 row(s) without a matching documents row") and "'DK'" in msg
    assert "duplicate row" in err(pd.concat([DOCS, DOCS.iloc[:1]], ignore_index=True), CITS)
    assert "non-numeric" in err(DOCS.assign(value=["x"] + [1] * 9), CITS)


def test_doctest_runs():
    res = doctest.testmod(impact_module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert res.attempted > 0 and res.failed == 0
