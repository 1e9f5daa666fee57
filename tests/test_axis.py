"""The complexity on the y axis: the choice per source, its check against the published complexity, the words on the page."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.chapters import technologies
from helpers.chapters.technologies.axis import PASS_RHO, Axis, apply_published, choice_for, choose
from helpers.errors import InputError

CHECKS = pd.DataFrame({"method": ["eigenvector", "reflections", "fitness"], "rho": [-0.7, 0.45, 0.6], "n": [38, 38, 38]})
CHECKS["passes"] = CHECKS["rho"] >= PASS_RHO


def test_choose():
    assert choose(CHECKS, "auto") == "fitness"  # the best of those that pass
    assert choose(CHECKS, "eigenvector") == "eigenvector"  # an explicit choice is kept, even when it fails
    none = CHECKS.assign(passes=False)
    assert choose(none, "auto") == "published"
    with pytest.raises(InputError, match="complexity axis 'pagerank'"):
        choose(CHECKS, "pagerank")
    assert choice_for({"patents": "fitness"}, "patents") == "fitness" and choice_for({"patents": "fitness"}, "publications") == "auto"
    assert choice_for("reflections", "patents") == "reflections"


def test_words_follow_the_check():
    assert "doorstaat de toets niet" in Axis("eigenvector", "eigenvector", CHECKS).subtitle("nl")
    assert "passes the check" in Axis("fitness", "auto", CHECKS).subtitle("en")
    assert "Caution" in Axis("eigenvector", "eigenvector", CHECKS).text("en")
    assert "No computed complexity passes" in Axis("published", "auto", CHECKS).text("en")
    assert "no published complexity to check it against" in Axis("eigenvector", "auto").text("en")
    assert Axis("published", "published", CHECKS).passes is None and Axis("fitness", "auto", CHECKS).passes is True


def test_apply_published_places_only_fields_with_a_technology():
    profile = pd.DataFrame({"technology": ["a", "b", "c"], "density": [10.0, 20.0, 30.0], "complexity": [1.0, 2.0, 3.0],
                            "quadrant": ["x", "x", "x"], "quadrant_nl": "", "quadrant_en": "", "x_split": 0.0, "y_split": 0.0,
                            "complexity_method": "eigenvector"})
    out = apply_published(profile, pd.Series({"a": 60.0, "c": 40.0}))
    assert np.isnan(out.loc[1, "complexity"]) and out.loc[1, "quadrant"] is None
    assert out.loc[0, "complexity"] == 60.0 and out["complexity_method"].eq("published").all()
    with pytest.raises(InputError, match="fewer than two fields"):
        apply_published(profile, pd.Series({"a": 1.0}))


@pytest.fixture(scope="module")
def canon(real_canonical):
    return real_canonical


def test_auto_on_the_real_data(canon):
    patents = technologies.read_source_page(canon, "patents", focus_region="BEL", language="nl", window=[2015, 2019], min_activity=1000)
    checks = patents.axis.checks.set_index("method")
    best = checks[checks["passes"]]["rho"].idxmax() if checks["passes"].any() else "published"
    assert patents.axis.method == best
    publications = technologies.read_source_page(canon, "publications", focus_region="BEL", language="nl", window=[2018, 2022],
                                                 min_activity=1000)
    pc = publications.axis.checks
    assert publications.axis.method == ("published" if not pc["passes"].any() else pc.loc[pc["rho"].idxmax(), "method"])
    if publications.axis.method == "published":
        # every placed field carries the mean published complexity of the technologies mapped onto it (0-100)
        placed = publications.profile.dropna(subset=["complexity"])
        assert placed["complexity"].between(0, 100).all() and len(placed) >= 2
    for page in (patents, publications):
        assert page.glue()["axis_text"].data.startswith("**")
        assert page.charts(10)["quadrants"] is not None


def test_a_region_left_out_is_named_not_coded(canon):
    """The publications page drops a former country without articles in the window: its note names it in the book's
    language (not the code SCG, not the file's English name on the Dutch page)."""
    for language, name in (("nl", "Servië en Montenegro"), ("en", "Serbia and Montenegro")):
        page = technologies.read_source_page(canon, "publications", focus_region="BEL", language=language, window=[2018, 2022],
                                             min_activity=1000)
        notes = page.notes()
        assert notes is not None and name in notes.data and "SCG" not in notes.data and "(former)" not in notes.data, notes
