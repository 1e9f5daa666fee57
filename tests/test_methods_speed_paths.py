"""The fast paths of the analytical core give the same results as the plain computations they replace.

Each fast path (packed-key co-occurrence, presence-table factorisation, direct LAPACK call, numpy
comparison on a DataFrame's values) is compared here with the straightforward computation it
stands for - the scipy sparse product, ``pd.factorize``, ``scipy.linalg.eigh``, the pandas
comparison - on inputs that reach its edge cases (repeated codes, unsorted rows, wide matrices,
long documents, labels that do not start at 0, narrow integer types).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.linalg
import scipy.sparse as sp
from pandas.testing import assert_frame_equal

from helpers.errors import InputError
from helpers.methods.complexity import _top_eigenpairs
from helpers.methods.matrix import _frame_values, _zscore, check_activity
from helpers.methods.relatedness import _binary_cooccurrence, _sorted_codes, cooccurrence, incidence_matrix
from helpers.methods.specialisation import binary_specialisation, rca


def _product(m: sp.csr_array) -> sp.csr_array:
    """``M^T M`` with a zero diagonal and no stored zeros: the reference for the co-occurrence."""
    c = sp.csr_array(m.T @ m)
    c.setdiag(0.0)
    c.eliminate_zeros()
    c.sort_indices()
    return c


def _assert_same_sparse(c: sp.csr_array, expected: sp.csr_array) -> None:
    assert c.shape == expected.shape
    np.testing.assert_array_equal(c.indptr, expected.indptr)
    np.testing.assert_array_equal(c.indices, expected.indices)
    np.testing.assert_array_equal(c.data, expected.data)


def _random_incidence(rng: np.random.Generator, n_docs: int, n_codes: int, max_codes: int) -> sp.csr_array:
    k = rng.integers(0, max_codes + 1, n_docs)
    rows = np.repeat(np.arange(n_docs), k)
    cols = rng.integers(0, n_codes, rows.size)
    m = sp.csr_array((np.ones(rows.size), (rows, cols)), shape=(n_docs, n_codes))
    m.sum_duplicates()
    m.data[:] = 1.0
    return m


@pytest.mark.parametrize(("n_docs", "n_codes", "max_codes"), [(500, 7, 4), (300, 40, 25), (50, 70_000, 6), (2000, 1, 3)])
def test_binary_cooccurrence_is_the_sparse_product(n_docs: int, n_codes: int, max_codes: int) -> None:
    # 25 codes per document take the vectorised branch (> 16), 70,000 codes the 64-bit keys
    m = _random_incidence(np.random.default_rng(n_docs + n_codes), n_docs, n_codes, max_codes)
    c = cooccurrence(m)
    assert sp.issparse(c) and c.shape == (n_codes, n_codes) and c.dtype == np.float64
    assert c.has_sorted_indices and np.all(np.diff(c.indptr) >= 0)
    _assert_same_sparse(c, _product(m))
    assert (c.data > 0).all()  # no stored zeros, no diagonal
    assert not np.any(c.diagonal())


def test_binary_cooccurrence_counts_repeated_and_unsorted_codes_as_the_product_does() -> None:
    # row 0 stores code 2 twice and its codes out of order: the product counts (2, 0) twice
    m = sp.csr_array((np.ones(5), np.array([2, 0, 2, 1, 0]), np.array([0, 3, 5])), shape=(2, 3))
    assert not m.has_canonical_format
    expected = _product(m)
    assert expected[2, 0] == 2.0 and expected[0, 1] == 1.0
    _assert_same_sparse(cooccurrence(m), expected)


def test_binary_cooccurrence_falls_back_above_its_pair_limit() -> None:
    m = _random_incidence(np.random.default_rng(3), 40, 12, 8)
    assert _binary_cooccurrence(m, max_pairs=10) is None
    _assert_same_sparse(_binary_cooccurrence(m), _product(m))


def test_cooccurrence_of_single_code_documents_is_empty() -> None:
    m = sp.csr_array(np.eye(4))
    c = cooccurrence(m)
    assert c.shape == (4, 4) and c.nnz == 0


def test_weighted_incidence_keeps_the_product() -> None:
    # fractional entries are not 0/1: the sparse product, unchanged
    m = sp.csr_array(np.array([[0.5, 0.5, 0.0], [1 / 3, 1 / 3, 1 / 3]]))
    np.testing.assert_allclose(cooccurrence(m).toarray(), _product(m).toarray(), rtol=0, atol=1e-15)


@pytest.mark.parametrize("dtype", ["int8", "int16", "int32", "int64", "uint8", "uint32", "uint64"])
@pytest.mark.parametrize("shift", ["min", "zero", "max"])
def test_sorted_codes_match_pandas_factorize(dtype: str, shift: str) -> None:
    info = np.iinfo(dtype)
    low = {"min": int(info.min), "zero": 0, "max": int(info.max) - 120}[shift]
    rng = np.random.default_rng(7)
    values = np.array([low + int(v) for v in rng.integers(0, 121, 400)], dtype=dtype)
    codes, uniques = _sorted_codes(pd.Series(values))
    expected_codes, expected_uniques = pd.factorize(pd.Series(values), sort=True)
    np.testing.assert_array_equal(codes, expected_codes)
    assert codes.dtype == expected_codes.dtype
    assert pd.Index(uniques).equals(pd.Index(expected_uniques)) and pd.Index(uniques).dtype == pd.Index(expected_uniques).dtype


def test_sorted_codes_of_wide_or_text_labels_use_pandas() -> None:
    for labels in (pd.Series([10**12, 3, 10**12]), pd.Series(["b", "a", "b"]), pd.Series([2.5, 1.0])):
        codes, uniques = _sorted_codes(labels)
        expected_codes, expected_uniques = pd.factorize(labels, sort=True)
        np.testing.assert_array_equal(codes, expected_codes)
        assert list(uniques) == list(expected_uniques)


@pytest.mark.parametrize("offset", [0, 1000])
def test_incidence_matrix_is_the_coo_conversion(offset: int) -> None:
    rng = np.random.default_rng(11)
    docs = np.repeat(np.arange(300), rng.integers(1, 5, 300)) * 3 + offset  # ids with gaps, not from 0
    table = pd.DataFrame({"document": docs, "technology": rng.integers(0, 9, docs.size) + offset}).sample(frac=1.0, random_state=1)
    m, doc_index, tech_index = incidence_matrix(table)
    doc_codes, doc_labels = pd.factorize(table["document"], sort=True)
    tech_codes, tech_labels = pd.factorize(table["technology"], sort=True)
    expected = sp.csr_array((np.ones(len(table)), (doc_codes, tech_codes)), shape=(len(doc_labels), len(tech_labels)))
    expected.sum_duplicates()
    expected.data[:] = 1.0
    assert doc_index.equals(pd.Index(doc_labels, name="document")) and tech_index.equals(pd.Index(tech_labels, name="technology"))
    assert m.shape == expected.shape and m.has_sorted_indices and m.indices.dtype == np.int64
    np.testing.assert_array_equal(m.indptr, expected.indptr)
    np.testing.assert_array_equal(m.indices, expected.indices)
    np.testing.assert_array_equal(m.data, expected.data)


def test_top_eigenpairs_are_scipys() -> None:
    rng = np.random.default_rng(5)
    a = rng.random((60, 35))
    s = a.T @ a
    vals, vecs = _top_eigenpairs(s, 3)
    expected_vals, expected_vecs = scipy.linalg.eigh(s, subset_by_index=[32, 34])
    np.testing.assert_array_equal(vals, expected_vals)
    np.testing.assert_array_equal(vecs, expected_vecs)


def test_frame_values_fast_and_checked_paths() -> None:
    mixed = pd.DataFrame({"a": [1, 2], "b": [0.5, 1.5], "c": [True, False]})
    np.testing.assert_array_equal(_frame_values(mixed), [[1.0, 0.5, 1.0], [2.0, 1.5, 0.0]])
    nullable = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [1.0, 2.0]})
    assert np.isnan(_frame_values(nullable)[1, 0])
    with pytest.raises(InputError, match="column 'b' is not numeric"):
        _frame_values(pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}))


def test_binary_specialisation_of_a_frame_is_the_pandas_comparison() -> None:
    r = pd.DataFrame([[1.0, 0.999999999999999, 2.0], [0.0, 1.5, np.nan]], index=["R1", "R2"], columns=["a", "b", "c"])
    expected = (r >= 1.0 * (1 - 1e-12)).astype("int64")
    assert_frame_equal(binary_specialisation(r), expected)
    ints = pd.DataFrame({"a": [0, 2], "b": [1, 1]}, index=["x", "y"])
    assert_frame_equal(binary_specialisation(ints), (ints >= 1.0 * (1 - 1e-12)).astype("int64"))


def test_rca_after_dropping_empty_lines_equals_rca_of_the_trimmed_frame() -> None:
    x = pd.DataFrame([[3.0, 0.0, 1.0], [0.0, 0.0, 0.0], [1.0, 0.0, 2.0], [2.0, 0.0, 5.0]], index=list("pqrs"), columns=list("abc"))
    with pytest.warns(UserWarning) as caught:
        out = rca(x)
    assert [str(w.message) for w in caught] == [
        "matrix: dropped 1 region with no activity: 'q'",
        "matrix: dropped 1 technology with no activity: 'b'",
    ]
    trimmed = x.loc[["p", "r", "s"], ["a", "c"]]
    assert_frame_equal(out, rca(trimmed))
    with pytest.warns(UserWarning):
        assert check_activity(x).shape == (3, 2)


def test_zscore_with_and_without_missing_values() -> None:
    v = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
    np.testing.assert_array_equal(_zscore(v), (v - np.nanmean(v)) / np.nanstd(v))
    w = np.array([3.0, np.nan, 4.0])
    np.testing.assert_array_equal(_zscore(w), (w - np.nanmean(w)) / np.nanstd(w))
    np.testing.assert_array_equal(_zscore(np.full(3, 2.0)), np.zeros(3))
