"""The stability of the quadrant placements on the pages (issue 15): chapter module, table, chart, text.

Pure: a synthetic activity table (long canonical rows) through :func:`technology_space` and
:func:`profile_from_space`, then :mod:`helpers.chapters.technologies.stability`.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from helpers.chapters.technologies import stability as stab
from helpers.chapters.technologies.profiles import profile_from_space
from helpers.chapters.technologies.space import technology_space
from helpers.charts.quadrants import quadrant_chart
from helpers.i18n import LABELS


def _activity(seed: int = 0, years=(2015, 2019), n_regions: int = 30, n_tech: int = 12) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for year in range(years[0], years[1] + 1):
        values = rng.poisson(rng.gamma(0.8, 60, size=(n_regions, n_tech)))
        for r in range(n_regions):
            for k in range(n_tech):
                rows.append({"classification": "wipo35", "region": f"R{r:02d}", "technology": f"t{k:02d}", "year": year, "value": float(values[r, k])})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def page_parts():
    activity = _activity(years=(2010, 2019))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        space = technology_space(activity, (2015, 2019), classification="wipo35", min_activity=100)
        profile = profile_from_space(space, "R00")
        before = profile_from_space(technology_space(activity, (2010, 2014), classification="wipo35", min_activity=100), "R00")
    stability = stab.space_stability(space, "R00", profile, n_runs=60, seed=1, earlier=before, earlier_window=(2010, 2014))
    return space, profile, stability


def test_every_placement_gets_a_share_a_label_and_intervals(page_parts):
    space, profile, stability = page_parts
    out = stab.with_stability(profile, stability)
    assert set(stab.STABILITY_COLUMNS) <= set(out.columns)
    placed = out["quadrant"].notna()
    assert out.loc[placed, "stability"].between(0, 1).all()
    assert set(out.loc[placed, "stability_label"]) <= {"stable", "leaning", "undecided"}
    assert (out.loc[placed, "density_lo"] <= out.loc[placed, "density_hi"]).all()
    assert set(out["stability_nl"]) <= {"stabiel", "overwegend", "onbeslist", ""}
    c = stab.counts(out)
    assert c["n_stable"] + c["n_leaning"] + c["n_undecided"] == c["n_placed"] == int(placed.sum())
    # the runs on the data themselves agree with the page: the rule table's base is the profile's quadrant
    assert stability.rules["base"].reindex(profile["technology"]).tolist() == profile["quadrant"].tolist()


def test_same_seed_same_table(page_parts):
    space, profile, stability = page_parts
    again = stab.space_stability(space, "R00", profile, n_runs=60, seed=1)
    pd.testing.assert_frame_equal(again.table, stability.table)


def test_sensitivity_table_counts_and_names_the_moves(page_parts):
    _, profile, stability = page_parts
    out = stab.with_stability(profile, stability)
    for lang in ("nl", "en"):
        table = stab.sensitivity_table(out, stability, lang)
        assert list(table.columns) == ["change", "n_changed", "changed", "changed_shown"]
        assert len(table) == len(stability.rules.columns) - 1
        window = table[table["change"].str.contains("2010-2014")]
        assert len(window) == 1
        for row in table.itertuples():
            if row.n_changed and row.n_changed == row.n_changed:
                assert row.changed.count("→") == row.n_changed  # the CSV names every move
                assert row.changed_shown.count("→") == min(row.n_changed, stab.SHOWN_MOVES)
        # a short list on the page: the first moves (by RCA) and how many more the CSV names
        moved = table[table["n_changed"] >= 2].iloc[0]
        short = stab.sensitivity_table(out, stability, lang, shown=1).set_index("change").loc[moved["change"]]
        assert short["changed"] == moved["changed"] and short["changed_shown"].count("→") == 1
        assert short["changed_shown"].startswith(moved["changed"].split("; ")[0])
        more = {"nl": f"; en nog {moved['n_changed'] - 1:.0f} (", "en": f"; and {moved['n_changed'] - 1:.0f} more ("}[lang]
        assert more in short["changed_shown"], short["changed_shown"]
    nl = stab.sensitivity_table(out, stability, "nl")
    assert nl["change"].str.contains("RCA-drempel 0,8").any()  # Dutch number format


def test_text_wording_from_the_numbers(page_parts):
    _, profile, stability = page_parts
    out = stab.with_stability(profile, stability)
    nl, en = stab.stability_text(out, stability, "nl"), stab.stability_text(out, stability, "en")
    c = stab.counts(out)
    assert "60 herberekeningen" in nl and "60 recomputations" in en
    key = "stab_text_all" if c["n_stable"] == c["n_placed"] else "stab_text_most" if 2 * c["n_stable"] >= c["n_placed"] else "stab_text_few"
    assert LABELS[key]["en"].split("{")[0] in en
    all_stable = out.assign(stability_label="stable")
    assert "alle" in stab.stability_text(all_stable, stability, "nl")
    assert stab.stability_text(out, None, "nl") == ""


def test_undecided_is_shown_as_such(page_parts):
    _, profile, stability = page_parts
    out = stab.with_stability(profile, stability).assign(stability_label="undecided")
    shown = stab.shown_quadrant(out, "nl")
    assert shown.str.startswith("onbeslist (").all()


def test_chart_carries_intervals_and_stability_in_the_tooltip(page_parts):
    _, profile, stability = page_parts
    out = stab.with_stability(profile, stability)
    for col in ("label_nl", "category_nl", "category_id"):
        assert col in out.columns
    chart = quadrant_chart(out, "t", "x", "y", "nl", tooltip_titles={"stability": "stabiliteit"})
    spec = json.dumps(chart.to_dict())
    assert "density_lo" in spec and "complexity_hi" in spec and "stabiliteit" in spec and "stability_text" in spec
    plain = json.dumps(quadrant_chart(profile, "t", "x", "y", "nl").to_dict())
    assert "density_lo" not in plain
