"""Fitness-complexity (Tacchella et al. 2012) on hand-worked and nested matrices.

Expected numbers are worked out by hand in the comments next to them; properties compare the
code with itself or with the eigenvector method.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from pandas.testing import assert_series_equal
from scipy.stats import spearmanr

from helpers.errors import InputError
from helpers.methods.complexity import ComplexityIndex, complexity_eigenvector
from helpers.methods.fitness import (
    FITNESS_SCALES,
    FitnessConvergenceWarning,
    FitnessIndex,
    fitness_complexity,
)

# Perfectly nested (triangular): region r_i has technologies t0..ti.
# diversity r0..r3 = 1, 2, 3, 4; ubiquity t0..t3 = 4, 3, 2, 1
NESTED4 = pd.DataFrame(np.tril(np.ones((4, 4), dtype=int)), index=["r0", "r1", "r2", "r3"], columns=["t0", "t1", "t2", "t3"])

# Not nested: the fixed point has zeros (found by search; see test_values_that_go_to_zero).
ZEROS = np.array([[0, 0, 0, 1, 0], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0], [0, 1, 1, 0, 0], [1, 1, 0, 1, 1]])


def nestedish(seed: int, n_regions: int = 30, n_techs: int = 20) -> pd.DataFrame:
    """Random binary matrix, P(B_rt = 1) = logistic(3 (capability_r - difficulty_t)): nested up to noise."""
    rng = np.random.default_rng(seed)
    a, c = rng.normal(size=n_regions), rng.normal(size=n_techs)
    b = (rng.random((n_regions, n_techs)) < 1 / (1 + np.exp(-3 * (a[:, None] - c[None, :])))).astype(int)
    b[:, np.argmin(c)] = 1  # every region has the easiest technology
    b[np.argmax(a), :] = 1  # the most capable region has all: every technology is present
    return pd.DataFrame(b, index=[f"r{i:02d}" for i in range(n_regions)], columns=[f"t{j:02d}" for j in range(n_techs)])


def test_nested_matrix_ranks_by_diversity_and_rarity_strictly():
    for scale in FITNESS_SCALES:
        result = fitness_complexity(NESTED4, scale=scale)
        # the most diverse region (r3) highest, then r2, r1, r0: strictly increasing down the rows
        assert (np.diff(result.region.to_numpy()) > 0).all(), scale
        # the rarest technology (t3, ubiquity 1) highest: strictly increasing along the columns
        assert (np.diff(result.technology.to_numpy()) > 0).all(), scale
    assert list(result.region.index) == list(NESTED4.index) and result.region.name == "fitness"
    assert list(result.technology.index) == list(NESTED4.columns) and result.technology.name == "complexity"


def test_nested_matrix_converges_by_its_ranking():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning at all
        result = fitness_complexity(NESTED4, scale="raw")
    # iteration 1 already orders both strictly (F = (1, 2, 3, 4)/2.5); the ranking then stays put
    # for 50 iterations: stop at 1 + 50 = 51 although r0..r2 keep falling towards 0
    assert result.converged and result.stopped_by == "ranking" and result.iterations == 51
    later = fitness_complexity(NESTED4, scale="raw", stable=200)
    assert later.iterations == 201 and (later.region["r0"] < result.region["r0"] / 2)
    assert (later.region.rank().to_numpy() == result.region.rank().to_numpy()).all()


def test_first_iterations_hand_worked():
    b = pd.DataFrame([[1, 1], [1, 0]], index=["R1", "R2"], columns=["a", "b"])
    # n = 1 from F = Q = 1: F~ = (1 + 1, 1) = (2, 1), mean 1.5 -> F = (4/3, 2/3)
    #                       Q~_a = 1/(1/1 + 1/1) = 1/2, Q~_b = 1/(1/1) = 1, mean 3/4 -> Q = (2/3, 4/3)
    with pytest.warns(FitnessConvergenceWarning, match="did not converge in 1 iterations"):
        one = fitness_complexity(b, scale="raw", max_iter=1)
    np.testing.assert_allclose(one.region.to_numpy(), [4 / 3, 2 / 3], rtol=1e-14)
    np.testing.assert_allclose(one.technology.to_numpy(), [2 / 3, 4 / 3], rtol=1e-14)
    # n = 2: F~ = (2/3 + 4/3, 2/3) = (2, 2/3), mean 4/3 -> F = (3/2, 1/2)
    #        Q~_a = 1/(3/4 + 3/2) = 4/9, Q~_b = 1/(3/4) = 4/3, mean 8/9 -> Q = (1/2, 3/2)
    with pytest.warns(FitnessConvergenceWarning):
        two = fitness_complexity(b, scale="raw", max_iter=2)
    np.testing.assert_allclose(two.region.to_numpy(), [3 / 2, 1 / 2], rtol=1e-14)
    np.testing.assert_allclose(two.technology.to_numpy(), [1 / 2, 3 / 2], rtol=1e-14)
    # log scale: log F = (log 1.5, log 0.5); z-score of two values is (+1, -1)
    with pytest.warns(FitnessConvergenceWarning):
        np.testing.assert_allclose(fitness_complexity(b, scale="log", max_iter=2).region, [math.log(1.5), math.log(0.5)], rtol=1e-14)
    with pytest.warns(FitnessConvergenceWarning):
        np.testing.assert_allclose(fitness_complexity(b, max_iter=2).technology, [-1, 1], rtol=1e-14)


def test_full_matrix_converges_by_tol_in_one_step():
    # all ones: F~ = 3 for each region, Q~ = 1/(1 + 1) = 1/2 for each technology; normalised: all 1
    # = the start, so the log change is 0 < tol at n = 1
    result = fitness_complexity(np.ones((2, 3)), scale="raw")
    assert result.converged and result.stopped_by == "tol" and result.iterations == 1
    np.testing.assert_allclose(result.region, [1, 1]) and np.testing.assert_allclose(result.technology, [1, 1, 1])


def test_max_iter_gives_the_warning_and_not_converged():
    with pytest.warns(FitnessConvergenceWarning, match="did not converge in 2 iterations") as record:
        result = fitness_complexity(NESTED4, max_iter=2)
    assert issubclass(record[0].category, UserWarning) and "\n" not in str(record[0].message)
    assert not result.converged and result.stopped_by == "max_iter" and result.iterations == 2
    assert (np.diff(result.region.to_numpy()) > 0).all()  # the last iterate is returned


def test_values_that_go_to_zero():
    # Without the ranking rule the map runs until F and Q underflow to exactly 0 except region 4
    # (F = 5, mean 1 over 5 regions) and technologies 0 and 4 (Q = 2.5 each): then nothing positive
    # changes any more and the tol rule stops it.
    full = fitness_complexity(ZEROS, scale="raw", stable=10**9, max_iter=5000, tol=1e-300)
    assert full.converged and full.stopped_by == "tol"
    np.testing.assert_allclose(full.region, [0, 0, 0, 0, 5]) and np.testing.assert_allclose(full.technology, [2.5, 0, 0, 0, 2.5])
    # log scale: zeros -> smallest positive / 10: F 5/10 = 0.5, Q 2.5/10 = 0.25
    log = fitness_complexity(ZEROS, scale="log", stable=10**9, max_iter=5000, tol=1e-300)
    np.testing.assert_allclose(log.region, [math.log(0.5)] * 4 + [math.log(5)], rtol=1e-14)
    np.testing.assert_allclose(log.technology, [math.log(2.5)] + [math.log(0.25)] * 3 + [math.log(2.5)], rtol=1e-14)
    # the default rules stop far earlier, on the ranking, with the same leaders and no zero
    early = fitness_complexity(ZEROS, scale="raw")
    assert early.converged and early.stopped_by == "ranking" and early.iterations < 200
    assert np.argmax(early.region) == 4 and set(np.argsort(early.technology)[-2:]) == {0, 4}
    assert (early.region > 0).all() and np.isfinite(fitness_complexity(ZEROS).region).all()


def test_rounding_noise_between_vanishing_entries_is_not_a_ranking_change():
    # On this matrix two regions' fitness go to 0 at the same rate; their ratio reaches 1 up to
    # rounding (relative 1e-16) and they swap places by noise at most steps. Compared exactly, the
    # ranking never holds still for 50 steps and max_iter is hit; to 9 decimals in log it does.
    with warnings.catch_warnings():
        warnings.simplefilter("error", FitnessConvergenceWarning)
        result = fitness_complexity(nestedish(8))
    assert result.converged and result.stopped_by == "ranking" and result.iterations < 200


def test_invariant_to_permuting_rows_and_columns():
    rng = np.random.default_rng(0)
    for b in (NESTED4, nestedish(0), nestedish(3)):
        shuffled = b.iloc[rng.permutation(len(b.index)), rng.permutation(len(b.columns))]
        for scale in FITNESS_SCALES:
            base, moved = fitness_complexity(b, scale=scale), fitness_complexity(shuffled, scale=scale)
            assert moved.iterations == base.iterations
            assert_series_equal(moved.region.loc[b.index], base.region, rtol=1e-9, atol=1e-12)
            assert_series_equal(moved.technology.loc[b.columns], base.technology, rtol=1e-9, atol=1e-12)


def test_dataframe_sparse_and_array_agree():
    b = nestedish(1)
    frame = fitness_complexity(b)
    for other in (sp.csr_array(b.to_numpy()), sp.csc_matrix(b.to_numpy()), b.to_numpy()):
        result = fitness_complexity(other)
        assert isinstance(result.region, np.ndarray)
        np.testing.assert_allclose(result.region, frame.region.to_numpy(), atol=1e-12)
        np.testing.assert_allclose(result.technology, frame.technology.to_numpy(), atol=1e-12)


def test_agrees_with_the_eigenvector_method_and_ubiquity():
    # Sanity check, not an identity: on matrices that are nested up to noise, fitness orders the
    # regions much like the eigenvector method's region index (ECI), and complexity orders the
    # technologies by rarity (Spearman about 0.98 and -0.98 on these seeds). On real patent data the
    # two methods can disagree (see the methods annex).
    for seed in range(3):
        b = nestedish(seed)
        fc, eig = fitness_complexity(b), complexity_eigenvector(b)
        assert spearmanr(fc.region, eig.region)[0] > 0.9
        assert spearmanr(fc.technology, eig.technology)[0] > 0.9
        assert spearmanr(fc.technology, b.sum(axis=0))[0] < -0.9
        assert spearmanr(fc.region, b.sum(axis=1))[0] > 0.9


def test_scales():
    b = nestedish(2)
    raw, log = fitness_complexity(b, scale="raw"), fitness_complexity(b, scale="log")
    assert raw.region.mean() == pytest.approx(1) and raw.technology.mean() == pytest.approx(1)
    assert (raw.region > 0).all()
    np.testing.assert_allclose(log.region, np.log(raw.region), rtol=1e-12)
    z = fitness_complexity(b)  # default: z-score of log
    assert z.region.mean() == pytest.approx(0, abs=1e-12) and z.region.std(ddof=0) == pytest.approx(1)
    np.testing.assert_allclose(z.technology, (log.technology - log.technology.mean()) / log.technology.std(ddof=0), atol=1e-12)
    mm = fitness_complexity(b, scale="minmax")
    assert mm.region.min() == 0 and mm.region.max() == pytest.approx(100) and mm.technology.idxmax() == z.technology.idxmax()


def test_result_type_is_a_complexity_index():
    result = fitness_complexity(NESTED4)
    assert isinstance(result, FitnessIndex) and isinstance(result, ComplexityIndex)
    technology, region = result  # unpacks like complexity_eigenvector's result
    assert technology is result.technology and region is result.region


def test_region_and_technology_without_specialisation_are_nan_with_a_named_warning():
    b = NESTED4.assign(t9=0)
    b.loc["r9"] = 0
    with pytest.warns(UserWarning) as record:
        result = fitness_complexity(b)
    messages = " ".join(str(w.message) for w in record)
    assert "'r9'" in messages and "'t9'" in messages
    assert np.isnan(result.region["r9"]) and np.isnan(result.technology["t9"])
    assert_series_equal(result.region.drop("r9"), fitness_complexity(NESTED4).region)


def with_value(region: str, technology: str, value: float) -> pd.DataFrame:
    b = NESTED4.astype(float)
    b.loc[region, technology] = value
    return b


BAD_INPUTS = {
    "above 1": (NESTED4.replace(1, 2), "above 1"),
    "negative": (with_value("r1", "t0", -1), r"negative value -1 at region 'r1', technology 't0'"),
    "missing": (with_value("r2", "t3", np.nan), r"missing or infinite value .* region 'r2', technology 't3'"),
    "empty frame": (pd.DataFrame(), "empty"),
    "empty sparse": (sp.csr_array((0, 3)), "empty"),
    "not numeric": (NESTED4.assign(t1=list("abcd")), "not numeric"),
    "duplicate": (pd.concat([NESTED4, NESTED4.loc[["r0"]]]), "duplicate region 'r0'"),
    "all zero": (np.zeros((3, 3)), "at least 2 regions and 2 technologies"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_fails_on_one_line_like_the_eigenvector_method(name):
    b, message = BAD_INPUTS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the all-zero matrix also warns about its empty lines
        with pytest.raises(InputError, match=message) as ours:
            fitness_complexity(b)
        with pytest.raises(InputError) as theirs:
            complexity_eigenvector(b)
    assert str(ours.value) == str(theirs.value) and "\n" not in str(ours.value)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"scale": "eci"}, "scale 'eci'"), ({"tol": 0}, "tol"), ({"tol": float("nan")}, "tol"), ({"max_iter": 0}, "max_iter"), ({"stable": 1.5}, "stable"), ({"max_iter": True}, "max_iter")],
)
def test_bad_parameters_fail(kwargs, message):
    with pytest.raises(InputError, match=message):
        fitness_complexity(NESTED4, **kwargs)
