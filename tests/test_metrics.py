"""The analytical core on hand-worked small matrices, its properties and its degenerate inputs.

Every expected number below is derived by hand in the comments next to it; the code under test
is only compared with those numbers (and, for properties, with itself).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from pandas.testing import assert_frame_equal, assert_series_equal

import helpers.methods.complexity as complexity_module
from helpers.methods.complexity import complexity_eigenvector, complexity_reflections, scaling_exponent
from helpers.errors import InputError
from helpers.methods.coverage import coverage, document_coverage
from helpers.methods.density import colocation_density, relatedness_density
from helpers.methods.quadrants import QUADRANTS, quadrants
from helpers.methods.specialisation import binary_specialisation, diversity, rca, ubiquity
from helpers.methods.relatedness import (
    RELATEDNESS_METHODS,
    colocation,
    column_cosine,
    cooccurrence,
    incidence_matrix,
    proximity,
    relatedness,
)

# Activity X: 3 regions x 3 technologies; every region has 4 units.
X = pd.DataFrame([[3, 1, 0], [1, 1, 2], [2, 0, 2]], index=["R1", "R2", "R3"], columns=["a", "b", "c"])

# Co-occurrence C of 4 technologies (symmetric, zero diagonal):
#      a  b  c  d        row sums s = (3, 6, 4, 1), total T = 14
C = pd.DataFrame(
    [[0, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 0], [0, 1, 0, 0]],
    index=list("abcd"),
    columns=list("abcd"),
    dtype=float,
)

# Nested specialisation matrix (Hidalgo-Hausmann style): R1 in a,b,c; R2 in a,b; R3 in a.
NESTED = pd.DataFrame([[1, 1, 1], [1, 1, 0], [1, 0, 0]], index=["R1", "R2", "R3"], columns=["a", "b", "c"])


def frame(rows, index, columns) -> pd.DataFrame:
    return pd.DataFrame(np.array(rows, dtype=float), index=index, columns=columns)


def with_diag(m: pd.DataFrame, values) -> pd.DataFrame:
    """A copy of ``m`` with its diagonal set to ``values``."""
    a = m.to_numpy(copy=True)
    np.fill_diagonal(a, values)
    return pd.DataFrame(a, index=m.index, columns=m.columns)


def random_counts(n_regions: int = 9, n_techs: int = 12, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    values = rng.poisson(3.0, (n_regions, n_techs)) * (rng.random((n_regions, n_techs)) < 0.6)
    values[np.arange(n_regions), np.arange(n_regions) % n_techs] += 1  # every region active
    values[np.arange(n_techs) % n_regions, np.arange(n_techs)] += 1  # every technology active
    return pd.DataFrame(values, index=[f"r{i:02d}" for i in range(n_regions)], columns=[f"t{j:02d}" for j in range(n_techs)])


# ------------------------------------------------------------------------------------- RCA


def test_rca_hand_worked():
    # region totals 4, 4, 4; technology totals a 6, b 2, c 4; grand total 12
    # world shares: a 6/12 = 1/2, b 2/12 = 1/6, c 4/12 = 1/3
    # R1: a (3/4)/(1/2) = 1.5   b (1/4)/(1/6) = 1.5   c 0
    # R2: a (1/4)/(1/2) = 0.5   b (1/4)/(1/6) = 1.5   c (2/4)/(1/3) = 1.5
    # R3: a (2/4)/(1/2) = 1.0   b 0                   c (2/4)/(1/3) = 1.5
    expected = frame([[1.5, 1.5, 0], [0.5, 1.5, 1.5], [1.0, 0, 1.5]], X.index, X.columns)
    assert_frame_equal(rca(X), expected, rtol=1e-12)
    np.testing.assert_allclose(rca(sp.csr_array(X.to_numpy())).toarray(), expected.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(rca(X.to_numpy()), expected.to_numpy(), rtol=1e-12)


def test_binary_specialisation_hand_worked():
    r = rca(X)
    # threshold 1 (>=): R1 a,b; R2 b,c; R3 a (RCA exactly 1.0 counts) and c
    expected = pd.DataFrame([[1, 1, 0], [0, 1, 1], [1, 0, 1]], index=X.index, columns=X.columns)
    assert_frame_equal(binary_specialisation(r), expected)
    assert_frame_equal(binary_specialisation(r, threshold=1.0), expected)
    # threshold 1.5: the 1.5 values only; (1/4)/(1/6) is 1.5 up to rounding and still counts
    expected15 = pd.DataFrame([[1, 1, 0], [0, 1, 1], [0, 0, 1]], index=X.index, columns=X.columns)
    assert_frame_equal(binary_specialisation(r, threshold=1.5), expected15)
    sparse = binary_specialisation(rca(sp.csr_array(X.to_numpy())))
    np.testing.assert_array_equal(sparse.toarray(), expected.to_numpy())


@pytest.mark.parametrize("threshold", [0, -1, float("nan")])
def test_binary_threshold_must_be_positive(threshold):
    with pytest.raises(InputError, match="threshold"):
        binary_specialisation(rca(X), threshold)


def test_diversity_and_ubiquity_hand_worked():
    b = binary_specialisation(rca(X))
    # rows of B: (1,1,0) (0,1,1) (1,0,1) -> diversity 2, 2, 2; columns -> ubiquity a 2, b 2, c 2
    assert diversity(NESTED).tolist() == [3, 2, 1]
    assert ubiquity(NESTED).tolist() == [3, 2, 1]
    assert diversity(b).tolist() == [2, 2, 2]
    np.testing.assert_array_equal(ubiquity(sp.csr_array(NESTED.to_numpy())), [3, 2, 1])


# ------------------------------------------------------------------------ co-occurrence


def test_colocation_hand_worked():
    b = binary_specialisation(rca(X))  # R1: a,b  R2: b,c  R3: a,c
    # a-b: R1 -> 1; a-c: R3 -> 1; b-c: R2 -> 1; diagonal (ubiquity 2, 2, 2) set to 0
    expected = frame([[0, 1, 1], [1, 0, 1], [1, 1, 0]], X.columns, X.columns)
    assert_frame_equal(colocation(b), expected)
    # nested: a-b: R1, R2 -> 2; a-c: R1 -> 1; b-c: R1 -> 1
    expected_nested = frame([[0, 2, 1], [2, 0, 1], [1, 1, 0]], NESTED.columns, NESTED.columns)
    assert_frame_equal(colocation(NESTED), expected_nested)
    np.testing.assert_array_equal(colocation(sp.csr_array(NESTED.to_numpy())).toarray(), expected_nested.to_numpy())


DOCS = pd.DataFrame(
    {
        "document": ["d1", "d1", "d2", "d2", "d2", "d3", "d4", "d4", "d4"],
        "technology": ["a", "b", "a", "b", "c", "c", "b", "c", "c"],  # d4 lists c twice
    }
)


def test_incidence_matrix_counts_a_pair_once():
    m, docs, techs = incidence_matrix(DOCS)
    assert list(docs) == ["d1", "d2", "d3", "d4"] and list(techs) == ["a", "b", "c"]
    # d1: a b; d2: a b c; d3: c; d4: b c (the repeated c counts once)
    np.testing.assert_array_equal(m.toarray(), [[1, 1, 0], [1, 1, 1], [0, 0, 1], [0, 1, 1]])
    weighted = DOCS.assign(w=[0.5, 0.5, 1, 1, 1, 1, 1, 0.25, 0.25])
    mw, _, _ = incidence_matrix(weighted, weight="w")
    # weights of repeated pairs are summed: d4-c = 0.25 + 0.25 = 0.5
    np.testing.assert_allclose(mw.toarray(), [[0.5, 0.5, 0], [1, 1, 1], [0, 0, 1], [0, 1, 0.5]])


def test_cooccurrence_within_documents_hand_worked():
    m, _, techs = incidence_matrix(DOCS)
    # a-b: d1, d2 -> 2; a-c: d2 -> 1; b-c: d2, d4 -> 2; diagonal 0
    expected = [[0, 2, 1], [2, 0, 2], [1, 2, 0]]
    np.testing.assert_array_equal(cooccurrence(m).toarray(), expected)
    dense = pd.DataFrame(m.toarray(), index=["d1", "d2", "d3", "d4"], columns=techs)
    assert_frame_equal(cooccurrence(dense), frame(expected, techs, techs))
    # document weights (e.g. a region's fractional share of each document): w = (1, 1, 1, 0.5)
    # b-c: d2 (1) + d4 (0.5) = 1.5; a-b: d1 + d2 = 2; a-c: d2 = 1
    np.testing.assert_allclose(cooccurrence(m, weights=np.array([1, 1, 1, 0.5])).toarray(), [[0, 2, 1], [2, 0, 1.5], [1, 1.5, 0]])
    # fractional entries: one document with a = b = 1/2 -> C_ab = 1/2 * 1/2 = 0.25
    np.testing.assert_allclose(cooccurrence(np.array([[0.5, 0.5]])), [[0, 0.25], [0.25, 0]])


def test_cooccurrence_rejects_bad_weights():
    m, _, _ = incidence_matrix(DOCS)
    with pytest.raises(InputError, match="one weight per document"):
        cooccurrence(m, weights=np.ones(3))
    with pytest.raises(InputError, match="weights"):
        cooccurrence(m, weights=np.array([1, -1, 1, 1]))


# --------------------------------------------------------------------------- relatedness

# s = (3, 6, 4, 1), T = 14; the non-zero pairs are a-b (2), a-c (1), b-c (3), b-d (1)
HAND_RELATEDNESS = {
    # cosine C_ij / sqrt(s_i s_j)
    "cosine": {
        ("a", "b"): 2 / math.sqrt(3 * 6),  # 0.4714
        ("a", "c"): 1 / math.sqrt(3 * 4),  # 0.2887
        ("b", "c"): 3 / math.sqrt(6 * 4),  # 0.6124
        ("b", "d"): 1 / math.sqrt(6 * 1),  # 0.4082
    },
    # association strength C_ij T / (s_i s_j)
    "association": {
        ("a", "b"): 2 * 14 / 18,  # 1.5556
        ("a", "c"): 1 * 14 / 12,  # 1.1667
        ("b", "c"): 3 * 14 / 24,  # 1.75
        ("b", "d"): 1 * 14 / 6,  # 2.3333
    },
    # probabilistic C_ij / ((s_i s_j / 2)(1/(T - s_i) + 1/(T - s_j)))
    "probabilistic": {
        ("a", "b"): 2 / (9 * (1 / 11 + 1 / 8)),  # 2 / (9 * 19/88) = 176/171 = 1.0292
        ("a", "c"): 1 / (6 * (1 / 11 + 1 / 10)),  # 1 / (6 * 21/110) = 110/126 = 0.8730
        ("b", "c"): 3 / (12 * (1 / 8 + 1 / 10)),  # 3 / (12 * 18/80) = 3/2.7 = 1.1111
        ("b", "d"): 1 / (3 * (1 / 8 + 1 / 13)),  # 1 / (3 * 21/104) = 104/63 = 1.6508
    },
}


@pytest.mark.parametrize("method", RELATEDNESS_METHODS)
def test_relatedness_hand_worked(method):
    expected = pd.DataFrame(0.0, index=C.index, columns=C.columns)
    for (i, j), value in HAND_RELATEDNESS[method].items():
        expected.loc[i, j] = expected.loc[j, i] = value
    assert_frame_equal(relatedness(C, method), expected, rtol=1e-12)
    np.testing.assert_allclose(relatedness(sp.csr_array(C.to_numpy()), method).toarray(), expected.to_numpy(), rtol=1e-12)


def test_relatedness_published_fractions():
    # the fractions worked out above, written as exact ratios
    r = relatedness(C, "probabilistic")
    assert r.loc["a", "b"] == pytest.approx(176 / 171) and r.loc["b", "d"] == pytest.approx(104 / 63)
    assert relatedness(C, "association").loc["b", "c"] == pytest.approx(1.75)


def test_relatedness_ignores_the_input_diagonal():
    with_diagonal = with_diag(C, [5.0, 7.0, 1.0, 2.0])
    for method in RELATEDNESS_METHODS:
        assert_frame_equal(relatedness(with_diagonal, method), relatedness(C, method))


def test_relatedness_rejects_bad_input():
    with pytest.raises(InputError, match="normalisation"):
        relatedness(C, "jaccard")
    asym = C.copy()
    asym.loc["a", "b"] = 5
    with pytest.raises(InputError, match="not symmetric"):
        relatedness(asym)
    with pytest.raises(InputError, match="not square"):
        relatedness(np.ones((2, 3)))


def test_column_cosine_hand_worked():
    m, _, techs = incidence_matrix(DOCS)
    # occurrences (column norms squared, 0/1 entries): a 2 (d1 d2), b 3 (d1 d2 d4), c 3 (d2 d3 d4)
    # a-b: 2 / sqrt(2*3) = 0.8165; a-c: 1 / sqrt(2*3) = 0.4082; b-c: 2 / sqrt(3*3) = 0.6667
    expected = [[0, 2 / math.sqrt(6), 1 / math.sqrt(6)], [2 / math.sqrt(6), 0, 2 / 3], [1 / math.sqrt(6), 2 / 3, 0]]
    np.testing.assert_allclose(column_cosine(m).toarray(), expected, rtol=1e-12)
    dense = pd.DataFrame(m.toarray(), columns=techs)
    np.testing.assert_allclose(column_cosine(dense).to_numpy(), expected, rtol=1e-12)


def test_proximity_hand_worked():
    # NESTED: ubiquity a 3, b 2, c 1; co-location a-b 2, a-c 1, b-c 1
    # phi_ab = 2 / max(3, 2) = 2/3; phi_ac = 1 / max(3, 1) = 1/3; phi_bc = 1 / max(2, 1) = 1/2
    expected = frame([[0, 2 / 3, 1 / 3], [2 / 3, 0, 1 / 2], [1 / 3, 1 / 2, 0]], NESTED.columns, NESTED.columns)
    assert_frame_equal(proximity(NESTED), expected, rtol=1e-12)
    np.testing.assert_allclose(proximity(sp.csr_array(NESTED.to_numpy())).toarray(), expected.to_numpy(), rtol=1e-12)


# ------------------------------------------------------------------------------ density


def test_relatedness_density_hand_worked():
    b = pd.DataFrame([[1, 0, 1, 0], [0, 1, 0, 0]], index=["R1", "R2"], columns=list("abcd"))
    # column sums of R = C: a 3, b 6, c 4, d 1
    # R1 (specialised in a, c):
    #   a: links of a to R1's techs: R_ca = 1 (own R_aa = 0)  -> 100 * 1/3 = 33.33
    #   b: R_ab + R_cb = 2 + 3 = 5                               -> 100 * 5/6 = 83.33
    #   c: R_ac = 1                                              -> 100 * 1/4 = 25
    #   d: R_ad + R_cd = 0                                       -> 0
    # R2 (specialised in b): a: 2/3; b: 0 (own excluded); c: 3/4; d: 1/1
    expected = frame([[100 / 3, 500 / 6, 25, 0], [200 / 3, 0, 75, 100]], b.index, b.columns)
    assert_frame_equal(relatedness_density(b, C), expected, rtol=1e-12)
    np.testing.assert_allclose(relatedness_density(sp.csr_array(b.to_numpy()), sp.csr_array(C.to_numpy())), expected.to_numpy(), rtol=1e-12)
    # the diagonal of R is ignored: the technology itself never counts
    with_diagonal = with_diag(C, 9.0)
    assert_frame_equal(relatedness_density(b, with_diagonal), expected, rtol=1e-12)


def test_relatedness_density_uses_a_larger_relatedness_matrix():
    # relatedness over all technologies, density for the technologies of B (here a and b)
    b = pd.DataFrame([[1, 0]], index=["R1"], columns=["a", "b"])
    # over {a, b} only: b's links R_ab = 2 (R_bb excluded) -> 100 * 2/2 = 100; a: R_ba with B_b = 0 -> 0
    assert relatedness_density(b, C).loc["R1"].tolist() == [0.0, 100.0]


def test_relatedness_density_isolated_technology_is_nan_with_warning():
    r = pd.DataFrame([[0, 1, 0], [1, 0, 0], [0, 0, 0]], index=list("abc"), columns=list("abc"), dtype=float)
    b = pd.DataFrame([[1, 0, 1]], index=["R1"], columns=list("abc"))
    with pytest.warns(UserWarning, match="'c'"):
        d = relatedness_density(b, r)
    assert np.isnan(d.loc["R1", "c"]) and d.loc["R1", "b"] == 100.0


def test_relatedness_density_rejects_counts_and_missing_technologies():
    with pytest.raises(InputError, match="binary"):
        relatedness_density(X, C.iloc[:3, :3])
    b = pd.DataFrame([[1, 0]], index=["R1"], columns=["a", "z"])
    with pytest.raises(InputError, match="'z'"):
        relatedness_density(b, C)


@pytest.mark.parametrize("method", ["cosine", "association"])
def test_colocation_density_equals_the_density_over_colocation_relatedness(method):
    # the factorised path (no technology x technology matrix) against the definition, on a random
    # 0/1 matrix with an empty region and a technology nobody is specialised in (NaN in both)
    rng = np.random.default_rng(7)
    b = (rng.random((40, 25)) < 0.2).astype(int)
    b[3, :] = 0
    b[:, 5] = 0
    frame_b = pd.DataFrame(b, index=[f"r{i}" for i in range(40)], columns=[f"t{j}" for j in range(25)])
    with pytest.warns(UserWarning):
        expected = relatedness_density(frame_b, relatedness(colocation(frame_b), method))
    with pytest.warns(UserWarning, match="'t5'"):
        got = colocation_density(frame_b, method)
    assert_frame_equal(got, expected, rtol=1e-12, atol=1e-12)
    with pytest.warns(UserWarning):
        sparse = colocation_density(sp.csr_array(b.astype(float)), method)
        single = colocation_density(sp.csr_array(b.astype(float)), method, dtype=np.float32)
    np.testing.assert_allclose(sparse, expected.to_numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(single, expected.to_numpy(), rtol=1e-5, atol=1e-4)


def test_colocation_density_rejects_other_normalisations_and_counts():
    with pytest.raises(InputError, match="probabilistic"):
        colocation_density(binary_specialisation(rca(X)), "probabilistic")
    with pytest.raises(InputError, match="binary"):
        colocation_density(X)


# --------------------------------------------------------------------------- complexity


def test_complexity_eigenvector_hand_worked():
    # NESTED: diversity d = (3, 2, 1), ubiquity u = (3, 2, 1).
    # M~_tt' = (1/u_t) sum_r B_rt B_rt' / d_r:
    #   row a: a (1/3 + 1/2 + 1)/3 = 11/18, b (1/3 + 1/2)/3 = 5/18, c (1/3)/3 = 2/18
    #   row b: a (1/3 + 1/2)/2 = 5/12,      b 5/12,                 c (1/3)/2 = 2/12
    #   row c: a 1/3,                       b 1/3,                  c 1/3
    # trace 49/36 = 1 + l2 + l3; det = (1/648) * det[[11,5,2],[5,5,2],[1,1,1]] = 18/648 = 1/36 = l2 l3
    # -> 36 l^2 - 13 l + 1 = 0 -> l2 = 1/4, l3 = 1/9
    # (M~ - 1/4) v = 0: row c: 4 v_a + 4 v_b + v_c = 0; row b: 5 v_a + 2 v_b + 2 v_c = 0
    # -> v = (-2, 1, 4); region index k_r = mean of v over the region's technologies:
    #    R1 (-2 + 1 + 4)/3 = 1, R2 (-2 + 1)/2 = -1/2, R3 -2: increases with diversity -> sign kept
    # z-scores: v: mean 1, deviations (-3, 0, 3), sd sqrt(6) -> (-1.2247, 0, 1.2247)
    #           k: mean -1/2, deviations (1.5, 0, -1.5), sd sqrt(1.5) -> (1.2247, 0, -1.2247)
    z = math.sqrt(1.5)
    result = complexity_eigenvector(NESTED)
    np.testing.assert_allclose(result.technology.to_numpy(), [-z, 0, z], atol=1e-12)
    np.testing.assert_allclose(result.region.to_numpy(), [z, 0, -z], atol=1e-12)
    assert list(result.technology.index) == ["a", "b", "c"] and list(result.region.index) == ["R1", "R2", "R3"]
    # ecomplexity's scale: both by the region index's mean -1/2 and sd sqrt(1.5):
    #   v -> ((-2 + .5)/sd, (1 + .5)/sd, (4 + .5)/sd) = (-1.2247, 1.2247, 3.6742)
    eci = complexity_eigenvector(NESTED, scale="eci")
    np.testing.assert_allclose(eci.technology.to_numpy(), [-1.5 / z, 1.5 / z, 4.5 / z], atol=1e-12)
    # ... which keeps ECI = mean PCI of the region's technologies: R1 (-1.2247 + 1.2247 + 3.6742)/3 = 1.2247
    assert eci.technology.mean() == pytest.approx(eci.region["R1"])
    # min-max 0-100: v = (-2, 1, 4) -> (0, 50, 100)
    np.testing.assert_allclose(complexity_eigenvector(NESTED, scale="minmax").technology.to_numpy(), [0, 50, 100], atol=1e-9)


def test_complexity_eigenvector_sparse_and_lanczos_paths_agree(monkeypatch):
    b = binary_specialisation(rca(random_counts(30, 40, seed=3)))
    dense = complexity_eigenvector(b)
    sparse = complexity_eigenvector(sp.csr_array(b.to_numpy()))
    np.testing.assert_allclose(sparse.technology, dense.technology.to_numpy(), atol=1e-9)
    monkeypatch.setattr(complexity_module, "DENSE_EIGEN_LIMIT", 5)  # force scipy.sparse.linalg.eigsh
    lanczos = complexity_eigenvector(sp.csr_array(b.to_numpy()))
    np.testing.assert_allclose(lanczos.technology, dense.technology.to_numpy(), atol=1e-8)
    np.testing.assert_allclose(lanczos.region, dense.region.to_numpy(), atol=1e-8)


def test_complexity_reflections_hand_worked():
    # k_t0 = ubiquity (3, 2, 1), k_r0 = diversity (3, 2, 1)
    # N = 1: k_t1 = mean diversity of the technology's regions: a (3+2+1)/3 = 2, b (3+2)/2 = 2.5, c 3
    #        region index (mean k_t1 over the region's techs): R1 2.5, R2 2.25, R3 2 -> rises with diversity
    #        z-score of (2, 2.5, 3) = (-1.2247, 0, 1.2247)
    # N = 2: k_r1 = mean ubiquity of the region's techs: R1 2, R2 2.5, R3 3
    #        k_t2 = mean k_r1 over the technology's regions: a (2+2.5+3)/3 = 2.5, b 2.25, c 2
    #        region index R1 2.25, R2 2.375, R3 2.5 falls with diversity -> sign flipped
    #        -> (-2.5, -2.25, -2): z-score (-1.2247, 0, 1.2247)
    z = math.sqrt(1.5)
    for n in (1, 2, 25):
        np.testing.assert_allclose(complexity_reflections(NESTED, iterations=n).technology.to_numpy(), [-z, 0, z], atol=1e-12)
    with pytest.raises(InputError, match="iterations"):
        complexity_reflections(NESTED, iterations=0)


def test_reflections_converge_to_the_eigenvector():
    b = binary_specialisation(rca(random_counts(25, 15, seed=5)))
    eig = complexity_eigenvector(b).technology
    np.testing.assert_allclose(complexity_reflections(b, iterations=400).technology, eig, atol=1e-6)


def test_complexity_orientation_region_index_follows_diversity():
    for seed in range(5):
        b = binary_specialisation(rca(random_counts(20, 14, seed=seed)))
        result = complexity_eigenvector(b)
        assert np.corrcoef(result.region.to_numpy(), diversity(b).to_numpy())[0, 1] > 0


def test_complexity_of_a_technology_without_specialisation_is_nan():
    b = NESTED.assign(d=0)
    with pytest.warns(UserWarning, match="'d'"):
        result = complexity_eigenvector(b)
    assert np.isnan(result.technology["d"]) and not result.technology[["a", "b", "c"]].isna().any()


def test_scaling_exponent_hand_worked():
    population = pd.Series([10.0, 100.0, 1000.0], index=["c1", "c2", "c3"])
    x = pd.DataFrame(
        {
            "a": [1, 10, 100],  # ln X = ln N - ln 10 -> exponent 1, intercept -ln 10
            "b": [1, 100, 10_000],  # ln X = 2 ln N - 2 ln 10 -> exponent 2, intercept -2 ln 10
            "c": [5, 5, 0],  # present in 2 cities < min_cities 3 -> NaN
            "d": [2, 2, 2],  # flat -> exponent 0, intercept ln 2
        },
        index=population.index,
    )
    with pytest.warns(UserWarning, match="'c'"):
        result = scaling_exponent(x, population)
    np.testing.assert_allclose(result.loc[["a", "b", "d"], "exponent"], [1, 2, 0], atol=1e-12)
    np.testing.assert_allclose(result.loc[["a", "b", "d"], "intercept"], [-math.log(10), -2 * math.log(10), math.log(2)], atol=1e-12)
    np.testing.assert_allclose(result.loc[["a", "b"], "r2"], [1, 1])
    assert result["n_cities"].tolist() == [3, 3, 2, 3] and np.isnan(result.loc["c", "exponent"])
    # min_cities = 2: c has two cities of different size with equal activity -> exponent 0
    assert scaling_exponent(x, population, min_cities=2).loc["c", "exponent"] == pytest.approx(0, abs=1e-12)
    with pytest.warns(UserWarning):
        sparse = scaling_exponent(sp.csr_array(x.to_numpy(dtype=float)), population.to_numpy())
    np.testing.assert_allclose(sparse["exponent"].to_numpy(), result["exponent"].to_numpy(), atol=1e-12)


def test_scaling_exponent_two_points_hand_worked():
    # cities of 1e4 and 1e6 people with 3 and 3000 units: slope = ln(1000) / ln(100) = 1.5
    x = pd.DataFrame({"t": [3.0, 3000.0]}, index=["small", "big"])
    result = scaling_exponent(x, pd.Series({"small": 1e4, "big": 1e6}), min_cities=2)
    assert result.loc["t", "exponent"] == pytest.approx(1.5)


def test_scaling_exponent_rejects_bad_population():
    x = pd.DataFrame({"t": [1.0, 2.0, 3.0]}, index=["a", "b", "c"])
    with pytest.raises(InputError, match="'c'"):
        scaling_exponent(x, pd.Series({"a": 1.0, "b": 2.0}))
    with pytest.raises(InputError, match="> 0"):
        scaling_exponent(x, pd.Series({"a": 1.0, "b": 0.0, "c": 3.0}))
    with pytest.raises(InputError, match="duplicate city 'a'"):
        scaling_exponent(x, pd.Series([1.0, 2.0, 3.0, 4.0], index=["a", "a", "b", "c"]))


# --------------------------------------------------------------------- quadrants, coverage


def test_quadrants_hand_worked():
    x = pd.Series([10.0, 20.0, 30.0, 40.0], index=["t1", "t2", "t3", "t4"])
    y = pd.Series([4.0, 1.0, 3.0, 2.0], index=["t1", "t2", "t3", "t4"])
    # median (and mean) of x = 25, of y = 2.5
    # t1 (10, 4): left, top -> moonshot; t2 (20, 1): left, bottom -> low_priority
    # t3 (30, 3): right, top -> optimal;  t4 (40, 2): right, bottom -> low_risk
    for split in ("median", "mean"):
        q = quadrants(x, y, split)
        assert q["quadrant"].tolist() == ["moonshot", "low_priority", "optimal", "low_risk"]
        assert q["x_split"].iloc[0] == 25 and q["y_split"].iloc[0] == 2.5
    # fixed (15, 1.5): t1 left top -> moonshot; t2 right bottom -> low_risk; t3, t4 right top -> optimal
    assert quadrants(x, y, (15, 1.5))["quadrant"].tolist() == ["moonshot", "low_risk", "optimal", "optimal"]
    # a value equal to the split counts as high: split (20, 2) puts t2 (20, 1) right, t4 (40, 2) top
    assert quadrants(x, y, (20, 2))["quadrant"].tolist() == ["moonshot", "low_risk", "optimal", "optimal"]
    q = quadrants(x, y)
    assert q.loc["t3", "label_en"] == QUADRANTS["optimal"]["en"] and q.loc["t1", "label_nl"] == QUADRANTS["moonshot"]["nl"]
    assert set(QUADRANTS) == {"optimal", "moonshot", "low_risk", "low_priority"}


def test_quadrants_skew_median_differs_from_mean():
    x = pd.Series([1.0, 2.0, 3.0, 100.0], index=list("abcd"))  # median 2.5, mean 26.5
    y = pd.Series([1.0, 1.0, 1.0, 1.0], index=list("abcd"))
    assert quadrants(x, y, "median")["quadrant"].tolist() == ["moonshot", "moonshot", "optimal", "optimal"]
    assert quadrants(x, y, "mean")["quadrant"].tolist() == ["moonshot", "moonshot", "moonshot", "optimal"]


def test_quadrants_missing_values_and_bad_split():
    x = pd.Series([1.0, np.nan, 3.0], index=list("abc"))
    y = pd.Series([1.0, 2.0, 3.0], index=list("abc"))
    with pytest.warns(UserWarning, match="'b'"):
        q = quadrants(x, y)
    assert q.loc["b", "quadrant"] is None and q["x_split"].iloc[0] == 2.0  # median of 1 and 3
    with pytest.raises(InputError, match="split"):
        quadrants(x.fillna(0), y, "mode")
    with pytest.raises(InputError, match="same technologies"):
        quadrants(x.fillna(0), y.rename({"c": "z"}))


def test_coverage_hand_worked():
    # selection {a, b}: R1 (3 + 1)/4 = 1; R2 (1 + 1)/4 = 0.5; R3 (2 + 0)/4 = 0.5
    assert_series_equal(coverage(X, ["a", "b"]), pd.Series([1.0, 0.5, 0.5], index=X.index, name="coverage"))
    np.testing.assert_allclose(coverage(sp.csr_array(X.to_numpy()), [0, 1]), [1.0, 0.5, 0.5])
    with pytest.raises(InputError, match="'z'"):
        coverage(X, ["a", "z"])
    with pytest.raises(InputError, match="empty"):
        coverage(X, [])


def test_document_coverage_counts_a_document_once():
    m, docs, techs = incidence_matrix(DOCS)  # d1: a b; d2: a b c; d3: c; d4: b c
    # region weights per document: BE owns d1, d2 fully and half of d4; NL owns d3 and half of d4
    w = pd.DataFrame({"BE": [1, 1, 0, 0.5], "NL": [0, 0, 1, 0.5]}, index=docs)
    # selection {a, b}: documents hit: d1, d2, d4 -> BE (1 + 1 + 0.5)/2.5 = 1; NL 0.5/1.5 = 1/3
    m_frame = pd.DataFrame(m.toarray(), index=docs, columns=techs)
    result = document_coverage(m_frame, w, ["a", "b"])
    np.testing.assert_allclose(result.to_numpy(), [1.0, 1 / 3])
    # summing columns would count d2 twice (a and b): coverage() on aggregates is not for overlaps
    np.testing.assert_allclose(document_coverage(m, w.to_numpy(), [0, 1]), [1.0, 1 / 3])


# --------------------------------------------------------------------------- properties


@pytest.mark.parametrize("method", RELATEDNESS_METHODS)
def test_relatedness_is_symmetric_with_zero_diagonal(method):
    for seed in range(3):
        b = binary_specialisation(rca(random_counts(15, 10, seed=seed)))
        for c in (colocation(b), cooccurrence(random_counts(40, 10, seed=seed + 10))):
            r = relatedness(c, method).to_numpy()
            np.testing.assert_allclose(r, r.T, rtol=1e-12)
            assert (np.diag(r) == 0).all() and (r >= 0).all()
    r = column_cosine(random_counts(40, 10, seed=1)).to_numpy()
    np.testing.assert_allclose(r, r.T, rtol=1e-12)
    assert (np.diag(r) == 0).all() and (r <= 1 + 1e-12).all()


def test_density_is_within_0_and_100():
    for seed in range(5):
        x = random_counts(12, 9, seed=seed)
        b = binary_specialisation(rca(x))
        for method in RELATEDNESS_METHODS:
            d = relatedness_density(b, relatedness(colocation(b), method)).to_numpy()
            d = d[~np.isnan(d)]
            assert d.size and (d >= 0).all() and (d <= 100).all()


def test_results_do_not_depend_on_row_or_column_order():
    x = random_counts(14, 11, seed=7)
    rng = np.random.default_rng(0)
    shuffled = x.iloc[rng.permutation(len(x.index)), rng.permutation(len(x.columns))]

    def everything(m: pd.DataFrame) -> dict[str, pd.DataFrame | pd.Series]:
        r = rca(m)
        b = binary_specialisation(r)
        c = colocation(b)
        out = {"rca": r, "b": b, "c": c, "coverage": coverage(m, ["t01", "t03"])}
        for method in RELATEDNESS_METHODS:
            out[f"rel_{method}"] = relatedness(c, method)
            out[f"density_{method}"] = relatedness_density(b, out[f"rel_{method}"])
        out["tci"] = complexity_eigenvector(b).technology
        out["eci"] = complexity_eigenvector(b).region
        out["mor"] = complexity_reflections(b).technology
        return out

    base, other = everything(x), everything(shuffled)
    for key, value in base.items():
        moved = other[key]
        if isinstance(value, pd.DataFrame):
            assert_frame_equal(moved.loc[value.index, value.columns], value, rtol=1e-10, atol=1e-12, check_dtype=False, obj=key)
        else:
            assert_series_equal(moved.loc[value.index], value, rtol=1e-10, atol=1e-10, obj=key)


def test_rca_of_a_region_with_the_world_mix_is_one():
    x = random_counts(6, 8, seed=2)
    # a region whose counts are 7 times the other regions' totals has the world's mix:
    # its share of t is 7 S_t / (7 S) = S_t / S and the world's is 8 S_t / (8 S) = S_t / S
    world_like = x.sum(axis=0) * 7
    with_world = pd.concat([x, world_like.to_frame("W").T])
    r = rca(with_world)
    np.testing.assert_allclose(r.loc["W"].to_numpy(), 1.0, rtol=1e-14)
    assert (binary_specialisation(r).loc["W"] == 1).all()  # exactly-1 ties count, despite rounding
    # and a region that is a third of another region's counts (any scale) has the same RCA
    scaled = pd.concat([x, (x.loc[["r00"]] * 3).rename(index={"r00": "r00x3"})])
    np.testing.assert_allclose(rca(scaled).loc["r00x3"], rca(scaled).loc["r00"], rtol=1e-14)


def test_sparse_and_dense_pipelines_agree():
    x = random_counts(20, 16, seed=11)
    xs = sp.csr_array(x.to_numpy(dtype=float))
    r, rs = rca(x), rca(xs)
    np.testing.assert_allclose(rs.toarray(), r.to_numpy(), rtol=1e-14)
    b, bs = binary_specialisation(r), binary_specialisation(rs)
    np.testing.assert_array_equal(bs.toarray(), b.to_numpy())
    for method in RELATEDNESS_METHODS:
        rel, rels = relatedness(colocation(b), method), relatedness(colocation(bs), method)
        np.testing.assert_allclose(rels.toarray(), rel.to_numpy(), rtol=1e-12)
        np.testing.assert_allclose(relatedness_density(bs, rels), relatedness_density(b, rel).to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(complexity_eigenvector(bs).technology, complexity_eigenvector(b).technology.to_numpy(), atol=1e-10)
    np.testing.assert_allclose(complexity_reflections(bs).technology, complexity_reflections(b).technology.to_numpy(), atol=1e-10)


# --------------------------------------------------------------------- degenerate inputs


def test_inactive_regions_and_technologies_are_dropped_with_a_named_warning():
    x = X.assign(zz=0)
    x.loc["R9"] = 0
    with pytest.warns(UserWarning) as record:
        r = rca(x)
    messages = " ".join(str(w.message) for w in record)
    assert "'R9'" in messages and "'zz'" in messages and "dropped" in messages
    assert_frame_equal(r, rca(X))


def test_sparse_input_keeps_its_shape_and_reports_positions():
    x = np.vstack([X.to_numpy(dtype=float), np.zeros(3)])
    with pytest.warns(UserWarning, match="row 3"):
        r = rca(sp.csr_array(x))
    assert r.shape == (4, 3) and r[[3]].nnz == 0


def test_a_single_region_fails():
    with pytest.raises(InputError, match="at least 2 regions"):
        rca(X.loc[["R2"]])
    with pytest.raises(InputError, match="at least 2 regions"), pytest.warns(UserWarning):
        rca(X.assign(a=[3, 0, 0], b=[1, 0, 0], c=[0, 0, 0]))


@pytest.mark.parametrize("empty", [pd.DataFrame(), pd.DataFrame(index=["R1"], columns=[], dtype=float), sp.csr_array((0, 3))])
def test_an_empty_matrix_fails(empty):
    with pytest.raises(InputError, match="empty"):
        rca(empty)


def test_negative_nan_and_non_numeric_values_fail_with_their_place():
    neg = X.astype(float)
    neg.loc["R2", "b"] = -1
    with pytest.raises(InputError, match=r"negative value -1 at region 'R2', technology 'b'"):
        rca(neg)
    nan = X.astype(float)
    nan.loc["R3", "c"] = np.nan
    with pytest.raises(InputError, match=r"missing or infinite value .* region 'R3', technology 'c'"):
        rca(nan)
    with pytest.raises(InputError, match=r"row 1, column 1"):
        rca(sp.csr_array(neg.to_numpy()))
    with pytest.raises(InputError, match="not numeric"):
        rca(X.assign(b=["x", "y", "z"]))
    with pytest.raises(InputError, match="duplicate region 'R1'"):
        rca(pd.concat([X, X.loc[["R1"]]]))


def test_relatedness_errors_name_the_technologies():
    bad = C.copy()
    bad.loc["b", "c"] = np.nan
    with pytest.raises(InputError, match=r"technology 'b', technology 'c'"):
        relatedness(bad)
    with pytest.raises(InputError, match=r"negative value -2 at document 'd1', technology 'a'"):
        cooccurrence(pd.DataFrame({"a": [-2.0, 1.0], "b": [1.0, 1.0]}, index=["d1", "d2"]))


def test_errors_are_one_line():
    with pytest.raises(InputError) as info:
        rca(X.loc[["R2"]])
    assert "\n" not in str(info.value)
