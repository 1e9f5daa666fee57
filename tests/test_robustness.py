"""Resampling and rule sensitivity of the quadrant placements (issue 15): :mod:`helpers.methods.robustness`.

* a hand-made matrix with one technology far from the split lines and one whose density sits
  between two values on either side of the split: the first is stable, the second undecided;
* the same seed gives identical runs (whatever the chunk size); another seed does not;
* every run equals the single-run functions (RCA, binary specialisation, co-location, relatedness,
  density, complexity, quadrants) on that run's matrix.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from helpers.errors import InputError
from helpers.methods import complexity as cx
from helpers.methods import density as dens
from helpers.methods import quadrants as qd
from helpers.methods import relatedness as rel
from helpers.methods import robustness as rb
from helpers.methods import specialisation as spec
from helpers.methods.fitness import fitness_complexity

TECHS = ["a", "b", "c", "d", "e", "f", "far", "edge"]


def _hand_made() -> tuple[np.ndarray, rb.Rules]:
    """Focus row 0 strongly specialised in a, b, c, clearly not in d, e and at RCA 0.999 in f.

    A fixed relatedness links ``far`` to a, b, c only (density 100 in every run) and ``edge`` to a, d
    and f (density 33.3 or 66.7 as f's specialisation flips); fixed complexity 2 and 1, split at
    density 50 and complexity 0.5: ``far`` is optimal whatever happens, ``edge`` sits on the split line.
    """
    other = np.array([100, 100, 100, 300, 300, 190, 100, 100.0])
    x = np.vstack([[300, 300, 300, 30, 30, 200, 100, 100.0]] + [other * (1 + 0.1 * i) for i in range(9)])
    r = np.zeros((8, 8))
    for a, bs in (("far", "abc"), ("edge", "adf")):
        for b in bs:
            r[TECHS.index(a), TECHS.index(b)] = r[TECHS.index(b), TECHS.index(a)] = 1.0
    y = np.array([0, 0, 0, 0, 0, 0, 2.0, 1.0])
    return x, rb.Rules(relatedness=r, complexity=y, split=(50.0, 0.5), columns=np.array([6, 7]))


def _observed(runs: rb.Runs) -> list[str | None]:
    return [rb.QUADRANT_KEYS[c] if c >= 0 else None for c in runs.quadrant[0]]


def test_far_technology_is_stable_and_the_one_on_the_split_undecided():
    x, rules = _hand_made()
    observed = _observed(rb.placements(x[None], 0, rules))
    assert observed[6:] == ["optimal", "moonshot"]
    runs = rb.resample_placements(x, 0, rules, n_runs=200, seed=5)
    table = rb.stability(runs, observed, labels=TECHS)
    assert table.loc["far", "label"] == "stable" and table.loc["far", "stability"] == 1.0
    assert table.loc["edge", "label"] == "undecided"
    assert 0.3 < table.loc["edge", "share_optimal"] < 0.7
    assert table.loc["edge", "share_optimal"] + table.loc["edge", "share_moonshot"] == pytest.approx(1.0)
    # the interval of the density spans both positions of edge; far's has none
    assert table.loc["edge", "density_lo"] == pytest.approx(100 / 3) and table.loc["edge", "density_hi"] == pytest.approx(200 / 3)
    assert table.loc["far", "density_lo"] == table.loc["far", "density_hi"] == 100.0
    # not placed: no quadrant, no label
    assert pd.isna(table.loc["a", "label"]) and table.loc["a", "share_optimal"] == 0.0


def test_labels_follow_the_thresholds():
    q = np.array([[0, 0, 0, -1]] * 6 + [[0, 1, 2, -1]] * 2 + [[0, 1, 1, -1]] * 2)
    runs = rb.Runs(np.zeros(q.shape), np.zeros(q.shape), q, np.zeros(10), np.zeros(10))
    table = rb.stability(runs, ["optimal", "optimal", "optimal", None])
    assert table["stability"].tolist()[:3] == [1.0, 0.6, 0.6]
    assert table["label"].tolist()[:3] == ["stable", "leaning", "leaning"] and pd.isna(table["label"].iloc[3])
    assert rb.stability(runs, ["optimal", "optimal", "optimal", None], leaning=0.7)["label"].tolist()[1] == "undecided"
    # without the observed quadrants: the modal one
    assert rb.stability(runs)["modal"].tolist()[:3] == ["optimal"] * 3 and pd.isna(rb.stability(runs)["modal"].iloc[3])
    with pytest.raises(InputError):
        rb.stability(runs, ["optimal", "somewhere", None, None])
    with pytest.raises(InputError):
        rb.stability(runs, stable=0.5, leaning=0.7)


def _matrix(shape: tuple[int, int], seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.poisson(rng.gamma(0.6, 40, size=shape)).astype(float)


def test_same_seed_same_runs_another_seed_other_runs():
    x = _matrix((25, 30), 1)
    first = rb.resample_placements(x, 3, n_runs=24, seed=11)
    again = rb.resample_placements(x, 3, n_runs=24, seed=11, chunk=5)
    for key in ("density", "complexity", "quadrant", "x_split", "y_split"):
        np.testing.assert_array_equal(getattr(first, key), getattr(again, key))
    # run k is the same whatever the number of runs
    np.testing.assert_array_equal(rb.resample_placements(x, 3, n_runs=10, seed=11).density, first.density[:10])
    other = rb.resample_placements(x, 3, n_runs=24, seed=12)
    assert not np.array_equal(np.nan_to_num(other.density), np.nan_to_num(first.density))
    np.testing.assert_array_equal(rb.poisson_counts(x, 3, seed=4), rb.poisson_counts(x, 3, seed=4))
    np.testing.assert_array_equal(rb.bootstrap_regions(25, 3, 5, seed=4), rb.bootstrap_regions(25, 3, 5, seed=4))


def _single(x: np.ndarray, focus: int, rules: rb.Rules) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Density, complexity and quadrants of one matrix by the book's single-run functions."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        b = spec.binary_specialisation(spec.rca(x), rules.threshold)
        b_s = b * (x.sum(axis=1) >= rules.min_activity)[:, None]
        r = rel.relatedness(rel.colocation(b_s), rules.relatedness) if isinstance(rules.relatedness, str) else rules.relatedness
        density = dens.relatedness_density(b[[focus]], r)[0]
        keep = b_s.sum(axis=1) > 0
        if isinstance(rules.complexity, str):
            method = {"eigenvector": cx.complexity_eigenvector, "reflections": cx.complexity_reflections, "fitness": fitness_complexity}[rules.complexity]
            complexity = np.asarray(method(b_s[keep]).technology, dtype=float)
        else:
            complexity = np.asarray(rules.complexity, dtype=float)
        cols = np.arange(x.shape[1]) if rules.columns is None else rules.columns
        q = qd.quadrants(pd.Series(density[cols]), pd.Series(complexity[cols]), rules.split)
    return density, complexity, q


RULES = [
    rb.Rules(),
    rb.Rules(threshold=0.8, relatedness="association", complexity="reflections", split="mean"),
    rb.Rules(threshold=1.25, relatedness="probabilistic", complexity="fitness", min_activity=150.0),
    rb.Rules(complexity="eigenvector", min_activity=200.0, columns=np.arange(0, 9, 2)),
]


@pytest.mark.parametrize("shape", [(25, 30), (40, 9)])
@pytest.mark.parametrize("rules", RULES, ids=lambda r: f"{r.threshold:g}-{r.relatedness}-{r.complexity}-{r.split}")
def test_every_run_equals_the_single_run_functions(shape, rules):
    x = _matrix(shape, 2)
    xs = rb.resampled_matrices(x, 1, n_runs=6, seed=9)
    runs = rb.resample_placements(x, 1, rules, n_runs=6, seed=9)
    batched = rb.placements(xs, 1, rules)
    np.testing.assert_array_equal(batched.quadrant, runs.quadrant)
    cols = np.arange(shape[1]) if rules.columns is None else rules.columns
    for k in range(6):
        density, complexity, q = _single(xs[k], 1, rules)
        np.testing.assert_allclose(runs.density[k], density, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(runs.complexity[k], complexity, rtol=1e-8, atol=1e-8)
        assert runs.x_split[k] == pytest.approx(q["x_split"].iloc[0], rel=1e-9)
        assert runs.y_split[k] == pytest.approx(q["y_split"].iloc[0], rel=1e-9, abs=1e-12)
        # quadrants agree except for a value within rounding of a split line (a tie, decided by the last bit)
        clear = (np.abs(density[cols] - q["x_split"].iloc[0]) > 1e-9) & (np.abs(complexity[cols] - q["y_split"].iloc[0]) > 1e-9)
        got = np.array([rb.QUADRANT_KEYS[c] if c >= 0 else None for c in runs.quadrant[k, cols]], dtype=object)
        want = q["quadrant"].to_numpy(dtype=object)
        assert (got[clear] == want[clear]).all()


def test_fixed_relatedness_and_complexity_as_given():
    x = _matrix((20, 8), 3)
    r = np.abs(np.random.default_rng(0).normal(size=(8, 8)))
    r = r + r.T
    y = np.linspace(-1, 1, 8)
    rules = rb.Rules(relatedness=r, complexity=y)
    runs = rb.resample_placements(x, 0, rules, n_runs=4, seed=1)
    np.testing.assert_array_equal(runs.complexity, np.tile(y, (4, 1)))
    xs = rb.resampled_matrices(x, 0, n_runs=4, seed=1)
    for k in range(4):
        density, _, _ = _single(xs[k], 0, rules)
        np.testing.assert_allclose(runs.density[k], density, rtol=1e-12)


def test_rule_sensitivity_base_is_the_single_run_and_variants_differ():
    x = pd.DataFrame(_matrix((30, 12), 4), index=[f"R{i}" for i in range(30)], columns=[f"t{j}" for j in range(12)])
    table = rb.rule_sensitivity(x, "R0")
    assert list(table.columns) == ["base", *rb.rule_variants(rb.Rules())]
    _, _, q = _single(x.to_numpy(), 0, rb.Rules())
    assert table["base"].tolist() == q["quadrant"].tolist()
    assert list(table.index) == list(x.columns)
    changed = {name: int((table[name] != table["base"]).sum()) for name in table.columns[1:]}
    assert any(changed.values())
    # fixed complexity: the complexity variants replace it; fixed split values: no split variant
    fixed = rb.rule_variants(rb.Rules(complexity=np.zeros(12), split=(1.0, 0.0)))
    assert "complexity=eigenvector" in fixed and not any(k.startswith("split=") for k in fixed)


def test_bad_input_one_line():
    x = _matrix((10, 5), 5)
    for call in (
        lambda: rb.resample_placements(x, 0, n_runs=0),
        lambda: rb.resample_placements(x, 0, seed=-1),
        lambda: rb.resample_placements(x, 20),
        lambda: rb.resample_placements(x, 0, noise=False, regions=False),
        lambda: rb.resample_placements(x, 0, scale=0),
        lambda: rb.resample_placements(-x, 0),
        lambda: rb.placements(x[None], 0, rb.Rules(relatedness="jaccard")),
        lambda: rb.placements(x[None], 0, rb.Rules(complexity="scaling")),
        lambda: rb.placements(x[None], 0, rb.Rules(complexity=np.zeros(3))),
        lambda: rb.placements(x[None], 0, rb.Rules(split="mode")),
        lambda: rb.placements(x, 0),
    ):
        with pytest.raises(InputError) as info:
            call()
        assert "\n" not in str(info.value)


@pytest.mark.parametrize("complexity", ["eigenvector", "fixed"])
def test_focus_group_outside_the_world_equals_the_single_run_computation(complexity):
    """A focus outside the world totals (Flanders = its provinces among the NUTS-2 regions): the study's
    layout (counts of some technologies, RCA against all of a region's activity) through the regions
    chapter's single-run functions equals the batched chain on every run, and the members are kept."""
    from helpers.methods.aggregation import group_region_rca, region_shares

    full = _matrix((30, 12), 4)
    shown = full[:, :9]  # the technologies of the data; the other three only count in the regions' totals
    rules = rb.Rules(complexity=complexity if complexity != "fixed" else np.linspace(0, 100, 9))
    members = [2, 5, 7]
    totals = full.sum(axis=1)
    xs = rb.resampled_matrices(shown, members, n_runs=5, seed=4)
    assert xs.shape == (5, 30, 9)
    runs = rb.resample_placements(shown, members, rules, n_runs=5, seed=4, totals=totals)
    for k in range(6):
        xk = shown if k == 5 else xs[k]
        # the kept members are the same rows (their counts redrawn), the totals follow the resampled regions
        idx = rb._draw_regions(np.random.default_rng(np.random.SeedSequence(4).spawn(5)[k]), 30, np.array(members)) if k < 5 else np.arange(30)
        assert (idx[members] == members).all()
        tk = totals[idx]
        x = pd.DataFrame(xk, index=[f"r{i}" for i in range(30)], columns=[f"t{j}" for j in range(9)])
        rca_all = pd.DataFrame((xk / tk[:, None]) / (xk.sum(axis=0) / tk.sum())[None, :], index=x.index, columns=x.columns).fillna(0.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            shares = region_shares(x, rca_all)
            _, g_rca, _ = group_region_rca(x, shares, {"G": [f"r{i}" for i in members]})
            b = spec.binary_specialisation(rca_all, 1.0)
            b_g = spec.binary_specialisation(g_rca, 1.0)
            r = rel.relatedness(rel.colocation(b), "cosine")
            density = dens.relatedness_density(b_g, r).loc["G"].to_numpy()
            if complexity == "eigenvector":
                comp = np.asarray(cx.complexity_eigenvector(b.loc[b.sum(axis=1) > 0]).technology, dtype=float)
            else:
                comp = np.linspace(0, 100, 9)
        one = rb.placements(xk[None], None, rules, totals=tk[None], outside=xk[members].sum(axis=0)[None],
                            outside_total=tk[members].sum()[None]) if k == 5 else None
        got = (one.density[0], one.complexity[0]) if one is not None else (runs.density[k], runs.complexity[k])
        np.testing.assert_allclose(got[0], density, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(got[1], comp, rtol=1e-8, atol=1e-8)
    # the rule sensitivity takes the same focus group and totals
    table = rb.rule_sensitivity(shown, members, rules, totals=totals)
    assert table.columns[0] == "base" and len(table) == 9
    with pytest.raises(InputError, match="focus group"):
        rb.resample_placements(shown, [2, 2], rules, n_runs=2, seed=0)
    with pytest.raises(InputError, match="not both"):
        rb.placements(shown[None], 0, rules, outside=shown[:1])
