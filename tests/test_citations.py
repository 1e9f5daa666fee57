"""The publications page on citation impact (SCImago): a hand-worked case and the real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import RAW_DATA
from helpers.chapters import technologies
from helpers.chapters.technologies.citations import CITATIONS, DOCUMENTS, citation_page
from helpers.errors import InputError


def _rows(kind: str, values: dict[tuple[str, str, int], float]) -> pd.DataFrame:
    return pd.DataFrame([{"source": "publications", "classification": kind, "region": r, "technology": a, "year": y, "value": v}
                         for (r, a, y), v in values.items()])


DOCS = {("BEL", "1300", 2015): 10, ("BEL", "1700", 2015): 10, ("NLD", "1300", 2015): 10, ("NLD", "1700", 2015): 30}
CITES = {("BEL", "1300", 2015): 40, ("BEL", "1700", 2015): 10, ("NLD", "1300", 2015): 20, ("NLD", "1700", 2015): 30}
TECHS = pd.DataFrame({"classification": DOCUMENTS, "technology": ["1300", "1700"], "technology_id": ["ASJC1300", "ASJC1700"],
                      "label": ["Biochemistry, Genetics and Molecular Biology", "Computer Science"], "group": "Scopus subject area"})


def test_hand_worked_case():
    act = pd.concat([_rows(DOCUMENTS, DOCS), _rows(CITATIONS, CITES)], ignore_index=True)
    page = citation_page(act, TECHS, focus="BEL", comparison=["NLD"], language="en", name="Belgium", window=[2015, 2015])
    a = page.areas.set_index("area")
    # RCA: BEL 1300 = (10/20) / (20/60) = 1.5; 1700 = (10/20) / (40/60) = 0.75
    assert a.loc["1300", "rca"] == pytest.approx(1.5) and a.loc["1700", "rca"] == pytest.approx(0.75)
    # impact: world 1300 = 60 citations / 20 documents = 3 per document -> BEL expected 30, observed 40
    assert a.loc["1300", "impact"] == pytest.approx(40 / 30)
    # world 1700 = 40 / 40 = 1 -> expected 10, observed 10
    assert a.loc["1700", "impact"] == pytest.approx(1.0)
    assert a.loc["1300", "label_nl"] == "Biochemie, genetica en moleculaire biologie"
    r = page.regions.set_index("region")
    assert r.loc["BEL", "impact"] == pytest.approx(50 / 40)
    glue = page.glue()
    assert glue["cit_n_spec"] == 1 and glue["cit_n_strong"] == 1
    assert "Biochemistry" in glue["cit_text"].data
    with pytest.raises(InputError, match="outside the data"):
        citation_page(act, TECHS, focus="BEL", comparison=[], language="en", name="Belgium", window=[2014, 2016])
    absent = citation_page(act, TECHS, focus="FRA", comparison=[], language="nl", name="Frankrijk", window=[2015, 2015])
    assert not absent.available and "Frankrijk" in absent.glue()["cit_text"].data


@pytest.fixture(scope="module")
def canon(real_canonical):
    if not (RAW_DATA / "publications_scimago").is_dir():
        pytest.skip("no publications_scimago/ in the raw data")
    return real_canonical


def test_real_data(canon):
    page = technologies.read_citation_page(canon, focus_region="BE2", comparison_regions=["NLD", "DEU"], language="nl", window=[2012, 2016])
    assert page.available and page.name == "België"  # Flanders is stood in for by Belgium
    areas = page.areas
    assert len(areas) == 27 and areas["impact"].notna().all()
    # shares of the documents add up; the RCA is positive in every area
    assert areas["share"].sum() == pytest.approx(1.0) and (areas["rca"] > 0).all()
    assert list(page.regions["region"]) == ["BEL", "NLD", "DEU"]
    assert np.isfinite(page.glue()["cit_overall"])
    assert page.charts()["impact"] is not None
