"""The stability of the last two quadrant charts (issue 15): the IPC page's 38 technologies aggregated
from its subclasses, and the summary's composite from the sources.

* the batched aggregation and composite equal the single-run functions run by run
  (:func:`~helpers.methods.aggregation.weighted_group_mean`, :func:`~helpers.methods.composite.composite_rank`);
* a run's computed complexity takes the orientation of the data's own (an eigenvector's sign is arbitrary);
* the grey interval bars and the stability tooltip added to the study's RCA-coloured chart;
* on the real data: the unperturbed run reproduces the page's placements; intervals on both charts,
  labels in both tables, identical results for the same seed, no stability columns with 0 runs.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from conftest import RAW_DATA
from helpers.chapters import technologies
from helpers.chapters.technologies import stability as stab
from helpers.chapters.technologies.ipc_technologies import subclass_membership, technology_runs
from helpers.chapters.technologies.report_summary import computed_composite
from helpers.charts.rca_quadrants import rca_quadrant_chart
from helpers.data import taxonomy
from helpers.methods import robustness as rb
from helpers.methods.aggregation import weighted_group_mean
from helpers.methods.batched import weighted_means
from helpers.methods.composite import composite_rank
from helpers.methods.quadrants import quadrants

RUNS, SEED = 40, 7
LABELS_NL = {"stabiel", "overwegend", "onbeslist"}


# ------------------------------------------------------------------------------------ methods, synthetic


def test_weighted_means_equal_the_single_run_mean_in_every_run():
    rng = np.random.default_rng(0)
    values = rng.normal(size=(5, 9))
    values[rng.random(values.shape) < 0.2] = np.nan
    weights = rng.gamma(1.0, 10.0, size=(5, 9))
    m = (rng.random((9, 4)) < 0.4).astype(float)
    m[:, 3] = 0.0  # a group without codes
    codes, groups = [f"c{i}" for i in range(9)], [f"g{j}" for j in range(4)]
    got = weighted_means(values, m, weights)
    for k in range(5):
        expected = weighted_group_mean(pd.Series(values[k], index=codes), pd.DataFrame(m, index=codes, columns=groups),
                                       pd.Series(weights[k], index=codes))
        np.testing.assert_allclose(got[k], expected.to_numpy(), rtol=1e-12, equal_nan=True)
    assert np.isnan(got[:, 3]).all()


def test_composite_placements_equal_composite_rank_and_the_median_split_per_run():
    rng = np.random.default_rng(1)
    d = rng.normal(50, 20, size=(6, 10, 3)).round(0)  # rounded: ties, averaged ranks
    d[2, 4, 1] = np.nan  # a technology missing in one source in one run
    c = rng.normal(size=(6, 10))
    runs = rb.composite_placements(d, c)
    techs = [f"t{i}" for i in range(10)]
    for k in range(6):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = composite_rank(pd.DataFrame(d[k], index=techs))
        np.testing.assert_allclose(runs.density[k], expected.to_numpy(), rtol=1e-12, equal_nan=True)
        ok = expected.notna()
        q = quadrants(expected[ok], pd.Series(c[k], index=techs)[ok])
        assert [rb.QUADRANT_KEYS[v] for v in runs.quadrant[k][ok.to_numpy()]] == q["quadrant"].tolist()
    assert runs.quadrant[2, 4] == -1 and np.isnan(runs.density[2, 4])


def test_aggregated_placements_need_the_runs_activity():
    runs = rb.Runs(np.zeros((2, 3)), np.zeros((2, 3)), np.zeros((2, 3), dtype=np.int8), np.zeros(2), np.zeros(2))
    with pytest.raises(Exception, match="activity"):
        rb.aggregate_placements(runs, np.eye(3))


def test_runs_take_the_orientation_of_the_reference():
    rng = np.random.default_rng(3)
    xs = rng.poisson(rng.gamma(0.8, 40, size=(8, 15, 12))).astype(float)
    free = rb.placements(xs, 0)
    reference = free.complexity[0]
    for ref, sign in ((reference, 1.0), (-reference, -1.0)):
        aligned = rb.placements(xs, 0, orient_to=ref).complexity
        for k in range(len(xs)):
            ok = np.isfinite(aligned[k]) & np.isfinite(ref)
            assert np.cov(aligned[k][ok], ref[ok])[0, 1] >= 0  # every run covaries positively with its reference
            np.testing.assert_allclose(np.abs(aligned[k][ok]), np.abs(free.complexity[k][ok]))  # only the sign may change
        assert sign * np.cov(aligned[0][np.isfinite(ref)], reference[np.isfinite(ref)])[0, 1] > 0
    # resampling: every run oriented like the data's own complexity, whatever the diversity rule says
    runs = rb.resample_placements(xs[0], 0, n_runs=30, seed=SEED, orient=True)
    ok = np.isfinite(runs.complexity).all(axis=0) & np.isfinite(reference)
    assert all(np.cov(runs.complexity[k][ok], reference[ok])[0, 1] > 0 for k in range(30))


def _frame(with_stability: bool) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 8
    df = pd.DataFrame({"technology": [f"t{i}" for i in range(n)], "density": rng.uniform(10, 90, n), "complexity": rng.normal(size=n),
                       "rca": rng.uniform(0.2, 2.0, n), "label_nl": [f"Technologie {i}" for i in range(n)], "category_nl": "Digitaal",
                       "quadrant": "optimal", "quadrant_nl": "Optimaal"})
    df["x_split"], df["y_split"] = df["density"].median(), df["complexity"].median()
    if with_stability:
        df["stability"] = np.linspace(0.3, 1.0, n)
        df["stability_nl"] = ["onbeslist"] * 3 + ["overwegend"] * 2 + ["stabiel"] * 3
        df["density_lo"], df["density_hi"] = df["density"] - 5, df["density"] + 5
        df["complexity_lo"], df["complexity_hi"] = df["complexity"] - 0.5, df["complexity"] + 0.5
    return df


def test_rca_chart_gets_interval_bars_and_the_stability_tooltip():
    titles = {"stability": "stabiliteit", "stability_label": "plaatsing", "density_interval": "dichtheid P5-P95",
              "complexity_interval": "complexiteit P5-P95"}
    plain = rca_quadrant_chart(_frame(False), "t", "x", "y", "nl", tooltip_titles={})
    assert stab.with_intervals(plain, _frame(False), "nl", titles) is plain  # nothing to add without runs
    frame = _frame(True)
    base = rca_quadrant_chart(frame, "t", "x", "y", "nl", tooltip_titles={})
    before = json.dumps(base.to_dict())
    chart = stab.with_intervals(base, frame, "nl", titles)
    spec = chart.to_dict()  # valid Vega-Lite
    text = json.dumps(spec)
    assert len(spec["layer"]) == len(plain.to_dict()["layer"]) + 2
    assert "density_lo" in text and "complexity_hi" in text and "plaatsing" in text and "dichtheid P5-P95" in text
    kinds = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert kinds.index("rule", kinds.index("circle") - 2) < kinds.index("circle")  # the bars lie under the bubbles
    points = next(layer for layer in spec["layer"] if "tooltip" in layer.get("encoding", {}))
    values = spec["datasets"][points["data"]["name"]]
    assert values[0]["stability_text"] == "onbeslist" and "," in values[0]["density_interval"]  # Dutch decimal comma
    assert json.dumps(base.to_dict()) == before  # the chart given is left as it was


# ------------------------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def canon(real_canonical):
    if not (RAW_DATA / "patents_country_ipc4").is_dir():
        pytest.skip("no patents_country_ipc4/ in the raw data")
    return real_canonical


def _ipc(canon, runs: int = RUNS, seed: int = SEED, language: str = "nl", **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return technologies.read_ipc_page(canon, focus_region="BEL", language=language, window=[2004, 2018], reference_group="oecd",
                                          min_activity=1000, robustness_runs=runs, robustness_seed=seed, **options)


@pytest.fixture(scope="module")
def ipc(canon):
    return _ipc(canon)


def test_ipc_unperturbed_run_gives_the_pages_38_placements(ipc):
    space, focus = ipc.space, "BEL"
    rules, _ = stab._rules(space, ipc.profile, "median")
    base = rb.placements(space.x.to_numpy(dtype=float)[None], int(space.x.index.get_loc(focus)), rules)
    ids = list(ipc.technologies["tech_id"])
    codes = taxonomy.load_codes()
    pairs, _ = subclass_membership(codes[codes["source"] == "patents"], ipc.data.technologies["technology"])
    runs = technology_runs(base, space.x.columns, pairs, ids)
    pos = ipc.positions.set_index("technology").loc[ids]
    np.testing.assert_allclose(runs.density[0], pos["density"].to_numpy(dtype=float), rtol=1e-9, equal_nan=True)
    np.testing.assert_allclose(runs.complexity[0], pos["complexity"].to_numpy(dtype=float), rtol=1e-9, atol=1e-9, equal_nan=True)
    assert [rb.QUADRANT_KEYS[c] if c >= 0 else None for c in runs.quadrant[0]] == pos["quadrant"].tolist()
    # the eigenvector complexity of the subclasses: every run oriented like the page's (the diversity rule is
    # near a tie on these data and would flip the axis in many runs)
    ref = base.complexity[0]
    signs = [np.cov(run[ok], ref[ok])[0, 1] for run in ipc.stability.runs.complexity for ok in [np.isfinite(run) & np.isfinite(ref)]]
    assert len(signs) == RUNS and min(signs) > 0


def test_ipc_38_chart_and_table_carry_the_stability(ipc):
    assert ipc.tech_stability is not None and ipc.tech_stability.n_runs == RUNS
    table = ipc.tables()["comparison"].df
    assert {"stability", "stability_label", "density_lo", "density_hi", "complexity_lo", "complexity_hi"} <= set(table.columns)
    placed = table["stability_label"] != ""
    assert placed.sum() == ipc.positions["quadrant"].notna().sum() > 30
    assert set(table.loc[placed, "stability_label"]) <= LABELS_NL and table.loc[placed, "stability"].between(0, 1).all()
    undecided = table["stability_label"] == "onbeslist"
    assert table.loc[undecided, "computed_quadrant"].str.startswith("onbeslist (").all()
    assert not table.loc[~undecided, "computed_quadrant"].str.startswith("onbeslist").any()
    assert (table.loc[placed, "density_lo"] <= table.loc[placed, "density_hi"] + 1e-9).all()
    spec = json.dumps(ipc.charts()["technologies"].to_dict())
    assert "density_lo" in spec and "complexity_hi" in spec and "stability_text" in spec and "stabiliteit" in spec
    glue = ipc.glue()
    assert glue["ipc_38_stability_runs"] == RUNS and glue["ipc_38_stability_n_placed"] == int(placed.sum())
    assert glue["ipc_38_stability_n_stable"] + glue["ipc_38_stability_n_leaning"] + glue["ipc_38_stability_n_undecided"] == int(placed.sum())
    assert f"{RUNS} herberekeningen" in glue["ipc_38_text"].data


def test_ipc_same_seed_same_tables_and_no_runs_no_stability(canon, ipc):
    again = _ipc(canon)
    for name in ("comparison", "subclasses", "sensitivity"):
        pd.testing.assert_frame_equal(again.tables()[name].df, ipc.tables()[name].df)
    # a rule change moves hundreds of subclasses: the page names the first few (the CSV names them all)
    sens = ipc.tables()["sensitivity"].df.dropna(subset=["n_changed"])
    assert (sens["changed"].str.count("→") == sens["n_changed"]).all() and sens["n_changed"].max() > 100
    assert (sens["changed_shown"].str.count("→") <= 10).all()
    other = _ipc(canon, seed=SEED + 1)
    assert not other.tech_stability.table["stability"].equals(ipc.tech_stability.table["stability"])
    off = _ipc(canon, runs=0, language="en")
    table = off.tables()["comparison"].df
    assert off.tech_stability is None and not {"stability", "stability_label", "density_lo"} & set(table.columns)
    assert "density_lo" not in json.dumps(off.charts()["technologies"].to_dict())
    assert off.glue()["ipc_38_stability_runs"] == 0


def test_ipc_published_axis_marks_the_charts_quadrant(canon):
    page = _ipc(canon, complexity_method="published", language="en")
    if page.axis.method != "published":
        pytest.skip("no published complexity in the data")
    table = page.tables()["comparison"].df
    assert "chart_quadrant" in table.columns and "complexity_lo" not in table.columns  # the published complexity has no interval
    assert table["stability_label"].isin(["stable", "leaning", "undecided", ""]).all()


WINDOWS = {"patents": [2015, 2019], "publications": [2018, 2022], "investments": [2009, 2013]}
MINIMUM = {"patents": 1000, "publications": 1000, "investments": 0}


def _summary(canon, runs: int = RUNS, seed: int = SEED, language: str = "nl"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = technologies.read_summary_page(canon, focus_region="BEL", language=language, windows=WINDOWS, min_activity=MINIMUM,
                                              robustness_runs=runs, robustness_seed=seed)
        return technologies.report_summary(canon, page)


@pytest.fixture(scope="module")
def summary(canon):
    return _summary(canon)


def test_composite_chart_and_table_carry_the_stability(summary):
    assert summary.stability is not None and summary.composite["quadrant"].notna().sum() >= 20
    table = summary.tables()["computed"].df
    assert {"stability", "stability_label", "density_lo", "density_hi", "complexity_lo", "complexity_hi"} <= set(table.columns)
    placed = table["stability_label"] != ""
    assert set(table.loc[placed, "stability_label"]) <= LABELS_NL
    undecided = table["stability_label"] == "onbeslist"
    assert table.loc[undecided, "quadrant"].str.startswith("onbeslist (").all()  # not forced into a quadrant
    chart = summary.charts(10)["computed"]
    spec = json.dumps(chart.to_dict(), ensure_ascii=False)
    assert "density_lo" in spec and "stability_text" in spec and "stabiliteit" in spec
    if undecided.any():
        assert "onbeslist (" in spec  # the tooltip names an undecided placement as such
    glue = summary.glue()
    assert glue["sum_stability_runs"] == RUNS and glue["sum_stability_n_placed"] == int(placed.sum())
    assert f"{RUNS} herberekeningen van elke bron" in glue["sum_book_text"].data


def test_composite_unperturbed_equals_the_page_and_same_seed_same_table(canon, summary):
    comp = summary.composite.set_index("technology")
    sources = [c.removeprefix("density_") for c in comp.columns if c.startswith("density_") and c not in stab.STABILITY_COLUMNS]
    d = np.stack([comp[f"density_{s}"].to_numpy(dtype=float) for s in sources], axis=1)[None]
    runs = rb.composite_placements(d, comp["complexity"].to_numpy(dtype=float)[None])
    np.testing.assert_allclose(runs.density[0], comp["density"].to_numpy(dtype=float), rtol=1e-12, equal_nan=True)
    assert [rb.QUADRANT_KEYS[c] if c >= 0 else None for c in runs.quadrant[0]] == comp["quadrant"].tolist()
    again = _summary(canon)
    pd.testing.assert_frame_equal(again.tables()["computed"].df, summary.tables()["computed"].df)
    off = _summary(canon, runs=0, language="en")
    assert off.stability is None and not {"stability", "stability_label", "density_lo"} & set(off.tables()["computed"].df.columns)
    assert "density_lo" not in json.dumps(off.charts(10)["computed"].to_dict())
    assert computed_composite({}, "en") is None
