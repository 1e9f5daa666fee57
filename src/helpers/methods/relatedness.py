"""Co-occurrence of technologies and its normalisation into relatedness.

Two sources of co-occurrence (brief, "Methods"):

* within documents (:func:`cooccurrence`): how many patents / publications / companies carry both
  technologies, from a sparse documents x technologies incidence matrix
  (:func:`incidence_matrix` builds it from a long table);
* co-location (:func:`colocation`): how many regions are specialised in both, ``B^T B``.

Both return the co-occurrence with a zero diagonal (EconGeo's ``co_occurrence(diagonal = FALSE)``
default). :func:`relatedness` normalises it (cosine, association strength, probabilistic
association strength; van Eck and Waltman 2009, EconGeo ``relatedness()``); :func:`column_cosine`
is the vector cosine between the columns of the incidence matrix and :func:`proximity` the
product-space proximity of Hidalgo et al. (2007) used by ``ecomplexity``. Every relatedness
matrix returned here has a zero diagonal.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from helpers.errors import InputError
from helpers.methods.matrix import Matrix, _check_binary, _check_values, _csr_map, _csr_rows, _is_sparse, _names, _raw, _zero_diagonal

RelatednessMethod = Literal["cosine", "association", "probabilistic"]
#: The normalisations of :func:`relatedness`; ``cosine`` is the default (the seed names cosine).
RELATEDNESS_METHODS: tuple[str, ...] = ("cosine", "association", "probabilistic")

__all__ = [
    "RELATEDNESS_METHODS",
    "colocation",
    "column_cosine",
    "cooccurrence",
    "incidence_matrix",
    "proximity",
    "relatedness",
]


def _square_labels(c: pd.DataFrame, source: str) -> pd.DataFrame:
    if set(c.index) != set(c.columns) or len(c.index) != len(c.columns):
        raise InputError(f"{source}: rows and columns must be the same technologies; only in rows: {_names(set(c.index) - set(c.columns))}; only in columns: {_names(set(c.columns) - set(c.index))}")
    return c.loc[:, list(c.index)]


def incidence_matrix(
    table: pd.DataFrame,
    document: str = "document",
    technology: str = "technology",
    weight: str | None = None,
    source: str = "documents",
) -> tuple[sp.csr_array, pd.Index, pd.Index]:
    """Sparse documents x technologies incidence matrix from a long table.

    One row of ``table`` says that a document carries a technology. Without ``weight`` an entry is
    1 (a repeated document-technology pair counts once); with ``weight`` (e.g. fractional
    counting, 1/k for a document with k codes) the weights of repeated pairs are summed. Returns
    ``(M, documents, technologies)`` with the labels of the rows and columns, both sorted.
    Without ``weight``, ``M`` comes from one sort of packed (document, technology) keys
    (:func:`_binary_csr`), with integer ids factorised by a presence table (:func:`_sorted_codes`).
    """
    for col in [document, technology] + ([weight] if weight else []):
        if col not in table.columns:
            raise InputError(f"{source}: missing column {col!r}; columns are {_names(table.columns)}")
    if table.empty:
        raise InputError(f"{source}: no rows; give at least one document with a technology")
    for col in (document, technology):
        if table[col].isna().any():
            row = int(np.flatnonzero(table[col].isna().to_numpy())[0])
            raise InputError(f"{source}: empty {col!r} in row {row + 1}; every row needs a {col}")
    doc_codes, docs = _sorted_codes(table[document])
    tech_codes, techs = _sorted_codes(table[technology])
    if weight is None:
        m = _binary_csr(doc_codes, tech_codes, (len(docs), len(techs)))
        return m, pd.Index(docs, name=document), pd.Index(techs, name=technology)
    else:
        data = pd.to_numeric(table[weight], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(data) | (data < 0)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise InputError(f"{source}: weight {table[weight].iloc[row]!r} in row {row + 1} is not a number >= 0")
        rows, cols = doc_codes, tech_codes
    m = sp.csr_array((data, (rows, cols)), shape=(len(docs), len(techs)))
    m.sum_duplicates()
    return m, pd.Index(docs, name=document), pd.Index(techs, name=technology)


def _sorted_codes(labels: pd.Series) -> tuple[np.ndarray, pd.Index | np.ndarray]:
    """``pd.factorize(labels, sort=True)``: codes into the sorted distinct labels, and those labels.

    Integer labels over a range at most a few times their number (document and code ids) take a
    presence table instead of a hash table and a sort: one pass, the same codes and labels.

    >>> codes, uniques = _sorted_codes(pd.Series([30, 10, 30, 20]))
    >>> codes.tolist(), uniques.tolist()
    ([2, 0, 2, 1], [10, 20, 30])
    """
    dtype = labels.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iu" and len(labels):
        values = labels.to_numpy()
        low, high = values.min(), values.max()
        span = int(high) - int(low) + 1
        if span <= 4 * len(values) + 1024:
            if dtype == np.intp and low == 0:
                offset = values  # ids from 0: read, never written
            elif dtype.itemsize < 8:
                offset = values.astype(np.intp)
                offset -= int(low)
            else:  # no overflow: low <= values and the difference is small
                offset = (values - low).view(np.intp)
            present = np.zeros(span, dtype=bool)
            present[offset] = True
            if present.all():  # every id in the range is used: the codes are the offsets
                return offset, np.arange(span).astype(dtype) + low
            code_of = np.cumsum(present, dtype=np.intp)
            code_of -= 1
            return code_of[offset], np.flatnonzero(present).astype(dtype) + low
    return pd.factorize(labels, sort=True)


def _binary_csr(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> sp.csr_array:
    """0/1 CSR matrix with a 1 at each ``(rows[i], cols[i])`` (repeats count once), sorted indices, int64 index arrays.

    The same matrix as ``csr_array((ones, (rows, cols)))`` with its duplicates summed and set to 1,
    by one sort of the packed keys ``row << b | col`` and a run-length pass.

    >>> _binary_csr(np.array([1, 0, 1, 1]), np.array([2, 1, 0, 2]), (2, 3)).toarray().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0]]
    """
    shift = max(int(shape[1] - 1).bit_length(), 1)
    if int(shape[0]) << shift >= 2**62:  # the packed key would not fit: the sparse library's conversion
        m = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=shape)
        m.sum_duplicates()
        m.data[:] = 1.0
        return m
    # (in place on one array: at millions of rows the allocations cost as much as the arithmetic)
    key = rows.astype(np.int64)  # a copy
    key <<= shift
    key |= cols
    key.sort()
    row_counts = np.bincount(rows, minlength=shape[0])
    new = np.empty(len(key), dtype=bool)  # the first of each run of equal keys
    new[:1] = True
    np.not_equal(key[1:], key[:-1], out=new[1:])
    if not new.all():  # repeated pairs: count them once
        row_counts -= np.bincount(key[~new] >> shift, minlength=shape[0])
        key = key[new]
    indptr = np.zeros(shape[0] + 1, dtype=np.int64)
    np.cumsum(row_counts, out=indptr[1:])
    key &= (1 << shift) - 1  # the column indices
    m = sp.csr_array((np.ones(len(key)), key, indptr), shape=shape)
    m.has_sorted_indices = True
    return m


def _run_starts(sorted_values: np.ndarray) -> np.ndarray:
    """Positions where a new value starts in a sorted array.

    >>> _run_starts(np.array([1, 1, 2, 5, 5, 5])).tolist()
    [0, 2, 3]
    """
    new = np.empty(len(sorted_values), dtype=bool)
    new[:1] = True
    np.not_equal(sorted_values[1:], sorted_values[:-1], out=new[1:])
    return np.flatnonzero(new)


def cooccurrence(incidence: Matrix, weights: np.ndarray | pd.Series | None = None, source: str = "incidence matrix") -> Matrix:
    r"""Within-document co-occurrence of technologies, with a zero diagonal.

    .. math:: C = M^\top \operatorname{diag}(w) \, M, \qquad C_{ii} = 0

    ``M`` is documents x technologies (0/1, or fractional weights), ``w`` an optional weight per
    document (default 1). With 0/1 entries, :math:`C_{ij}` is the number of documents carrying
    both ``i`` and ``j`` (EconGeo's ``co_occurrence``, which takes the transposed technologies x
    events matrix). DataFrame in, DataFrame (technology x technology) out; sparse in, CSR out.
    A sparse 0/1 ``M`` without ``weights`` is counted pair by pair
    (:func:`_binary_cooccurrence`: the same whole numbers, several times faster than the product).
    """
    m = _check_values(incidence, source, what="incidence values", axes=("document", "technology"))
    if weights is not None:
        w = weights.reindex(incidence.index).to_numpy(dtype=float) if isinstance(weights, pd.Series) and isinstance(incidence, pd.DataFrame) else np.asarray(weights, dtype=float)
        if w.shape != (m.shape[0],):
            raise InputError(f"{source}: {w.shape[0] if w.ndim else 0} document weights for {m.shape[0]} documents; give one weight per document")
        if not np.all(np.isfinite(w)) or (w < 0).any():
            raise InputError(f"{source}: document weights must be numbers >= 0 (one is missing or negative)")
        weighted = sp.csr_array(sp.diags_array(w) @ m) if _is_sparse(m) else m * w[:, None]
    else:
        weighted = m
        if _is_sparse(m) and m.nnz and bool((m.data == 1).all()):  # 0/1 documents x codes
            c = _binary_cooccurrence(m)
            if c is not None:
                return c
    return _gram(m, weighted, incidence)


def _binary_cooccurrence(m: sp.csr_array, max_pairs: int = 1 << 27) -> sp.csr_array | None:
    """``M^T M`` with a zero diagonal for a 0/1 CSR ``M``, from the pairs of codes within each row.

    Every row with ``k`` stored codes gives its ``k (k - 1)`` ordered pairs ``(i, j)`` as packed
    keys ``i << b | j`` (rows of equal ``k`` at once); one sort and a run-length pass count them
    and give the CSR rows in order. The counts are whole numbers, so the result is exactly the
    sparse product's (with sorted indices); on 2 million short documents it takes a fifth of the
    product's time, which goes into scattered reads of ``M``. A code stored twice in a row counts
    twice, as in the product. None (the caller takes the product) above ``max_pairs`` pairs (the
    keys take 4 or 8 bytes each).

    >>> m = sp.csr_array(np.array([[1.0, 1.0, 1.0], [0.0, 1.0, 1.0]]))
    >>> _binary_cooccurrence(m).toarray().tolist()
    [[0.0, 1.0, 1.0], [1.0, 0.0, 2.0], [1.0, 2.0, 0.0]]
    """
    n = m.shape[1]
    indptr = m.indptr
    k = np.diff(indptr)
    multi = np.flatnonzero(k >= 2)
    sizes = k[multi]
    per_size = np.bincount(sizes)  # rows by number of codes
    total = int((per_size * np.arange(len(per_size)) * (np.arange(len(per_size)) - 1)).sum())  # ordered pairs
    if total > max_pairs:
        return None
    if total == 0:  # no document with two codes
        return sp.csr_array((n, n))
    shift = max(int(n - 1).bit_length(), 1)
    key_dtype = np.int32 if 2 * shift <= 31 else np.int64
    codes = m.indices.astype(key_dtype)
    order = np.argsort(sizes.astype(np.uint8) if len(per_size) <= 256 else sizes, kind="stable")  # a radix sort
    rows = multi[order]
    bounds = np.cumsum(per_size)
    key = np.empty(total, dtype=key_dtype)
    filled = 0
    for size in map(int, np.flatnonzero(per_size)):
        row_starts = indptr[rows[bounds[size] - per_size[size]:bounds[size]]]
        # the codes of the rows with `size` codes, one line per position: every pair is one vector operation
        codes_k = np.empty((size, len(row_starts)), dtype=key_dtype)
        for position in range(size):
            np.take(codes, row_starts + position, out=codes_k[position])
        shifted = codes_k << shift
        out = key[filled:filled + size * (size - 1) * len(row_starts)].reshape(-1, len(row_starts))
        filled += out.size
        if size <= 16:  # pair by pair, without temporaries (a Python loop of at most 240 steps)
            for line, (i, j) in enumerate((i, j) for i in range(size) for j in range(size) if i != j):
                np.bitwise_or(shifted[i], codes_k[j], out=out[line])
        else:
            first, second = np.nonzero(~np.eye(size, dtype=bool))
            np.bitwise_or(shifted[first], codes_k[second], out=out)
    key.sort()
    starts = _run_starts(key)
    counts = np.empty(len(starts))
    np.subtract(starts[1:], starts[:-1], out=counts[:-1])
    counts[-1:] = len(key) - starts[-1:]
    key = key[starts]
    del starts
    diagonal = np.arange(n, dtype=key.dtype)
    diagonal |= diagonal << shift
    at = np.minimum(np.searchsorted(key, diagonal), len(key) - 1)
    if (key[at] == diagonal).any():  # pairs of a code with its own second copy: left out
        keep = np.ones(len(key), dtype=bool)
        keep[at[key[at] == diagonal]] = False
        key, counts = key[keep], counts[keep]
    out_indptr = np.searchsorted(key, np.arange(n + 1, dtype=np.int64) << shift).astype(np.int64)  # the keys are sorted by row
    cols = np.empty(len(key), dtype=np.int64)
    np.bitwise_and(key, (1 << shift) - 1, out=cols)
    c = sp.csr_array((counts, cols, out_indptr), shape=(n, n))
    c.has_sorted_indices = True
    return c


def _gram(m: np.ndarray | sp.csr_array, weighted: np.ndarray | sp.csr_array, incidence: Matrix) -> Matrix:
    """``m^T weighted`` with a zero diagonal, labelled with the columns of ``incidence`` when it is a DataFrame."""
    if _is_sparse(m):
        c = sp.csr_array(m.T.tocsr() @ weighted)
    else:
        c = m.T @ weighted
    c = _zero_diagonal(c)
    if isinstance(incidence, pd.DataFrame):
        return pd.DataFrame(c, index=incidence.columns.copy(), columns=incidence.columns.copy())
    return c


def colocation(b: Matrix, source: str = "specialisation matrix") -> Matrix:
    r"""Co-location of technologies: number of regions specialised in both, zero diagonal.

    .. math:: C = B^\top B, \qquad C_{ii} = 0

    ``B`` is region x technology 0/1 (:func:`helpers.methods.specialisation.binary_specialisation`).

    Example:

    >>> import pandas as pd
    >>> x = pd.DataFrame({"ai": [6, 3, 0, 1], "bio": [4, 0, 2, 1], "chem": [0, 3, 4, 8]}, index=["BE", "NL", "SE", "DK"])
    >>> from helpers.methods.specialisation import binary_specialisation, rca
    >>> colocation(binary_specialisation(rca(x)))
           ai  bio  chem
    ai    0.0  1.0   1.0
    bio   1.0  0.0   1.0
    chem  1.0  1.0   0.0
    """
    m = _check_binary(b, source)  # validated once: cooccurrence(b) without its second check
    return _gram(m, m, b)


def _symmetric(c: np.ndarray | sp.csr_array, source: str) -> None:
    if _is_sparse(c):
        # cheap necessary condition for large sparse input: row sums equal column sums
        diff = np.abs(np.asarray(c.sum(axis=1)).ravel() - np.asarray(c.sum(axis=0)).ravel())
        biggest, scale = float(diff.max()), float(np.abs(c.data).sum()) if c.nnz else 0.0
    else:
        biggest, scale = float(np.abs(c - c.T).max()), float(np.abs(c).max())
    if biggest > 1e-12 * max(scale, 1.0):
        raise InputError(f"{source}: the co-occurrence matrix is not symmetric; build it with cooccurrence() or colocation()")


def relatedness(c: Matrix, method: RelatednessMethod = "cosine", source: str = "co-occurrence matrix") -> Matrix:
    r"""Relatedness between technologies: a normalised co-occurrence matrix, zero diagonal.

    The diagonal of ``C`` is set to 0 first; ``s_i = \sum_j C_ij`` and ``T = \sum_{ij} C_ij``.

    * ``cosine`` (default; the seed's "cosine similarity", EconGeo ``method = "cosine"``):
      :math:`R_{ij} = C_{ij} / \sqrt{s_i s_j}`
    * ``association`` (association strength): :math:`R_{ij} = C_{ij} T / (s_i s_j)`
    * ``probabilistic`` (EconGeo's default ``"prob"``, Steijn 2017):
      :math:`R_{ij} = C_{ij} / \left(\frac{s_i s_j}{2}\left(\frac{1}{T - s_i} + \frac{1}{T - s_j}\right)\right)`

    A technology with no co-occurrence has relatedness 0 with every other (EconGeo turns the
    0/0 into 0 too). ``C`` must be square, symmetric and non-negative. DataFrame in, DataFrame
    out; sparse in, CSR with the same sparsity pattern out.

    Example:

    >>> import pandas as pd
    >>> c = pd.DataFrame([[0, 4, 1], [4, 0, 1], [1, 1, 0]], index=list("abc"), columns=list("abc"))
    >>> relatedness(c, "cosine").round(3)
           a      b      c
    a  0.000  0.800  0.316
    b  0.800  0.000  0.316
    c  0.316  0.316  0.000
    """
    if method not in RELATEDNESS_METHODS:
        raise InputError(f"relatedness normalisation {method!r}: use one of {', '.join(RELATEDNESS_METHODS)}")
    values = _check_values(c, source, what="co-occurrence counts", axes=("technology", "technology"))
    if c.shape[0] != c.shape[1]:
        raise InputError(f"{source}: shape {c.shape} is not square; give a technology x technology matrix")
    labelled = isinstance(c, pd.DataFrame)
    if labelled and not c.index.equals(c.columns):
        c = _square_labels(c, source)
        values = _raw(c)
    values = _zero_diagonal(values)
    _symmetric(values, source)
    s = np.asarray(values.sum(axis=1)).ravel()
    total = float(s.sum())

    def normalise(cij: np.ndarray, si: np.ndarray, sj: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            if method == "cosine":
                r = cij / np.sqrt(si * sj)
            elif method == "association":
                r = cij * total / (si * sj)
            else:
                r = cij / ((si * sj / 2.0) * (1.0 / (total - si) + 1.0 / (total - sj)))
        return np.where(cij > 0, r, 0.0)

    if _is_sparse(values):
        rows = _csr_rows(values)
        return _csr_map(values, normalise(values.data, s[rows], s[values.indices]))
    out = normalise(values, s[:, None], s[None, :])
    np.fill_diagonal(out, 0.0)
    if labelled:
        return pd.DataFrame(out, index=c.index.copy(), columns=c.columns.copy())
    return out


def column_cosine(incidence: Matrix, source: str = "incidence matrix") -> Matrix:
    r"""Vector cosine between the technology columns of an incidence matrix, zero diagonal.

    .. math:: R_{ij} = \frac{\sum_d M_{di} M_{dj}}{\sqrt{\sum_d M_{di}^2}\,\sqrt{\sum_d M_{dj}^2}}

    With 0/1 entries this is the co-occurrence count over the geometric mean of the two
    technologies' occurrence counts (Salton's cosine), the usual reading of "cosine similarity"
    in bibliometrics. It differs from :func:`relatedness` ``method="cosine"``, the brief's and
    EconGeo's definition, which divides by the co-occurrence row sums ``s_i`` instead. Use
    ``M = B`` for the co-location variant.
    """
    m = _check_values(incidence, source, what="incidence values", axes=("document", "technology"))
    gram = sp.csr_array(m.T.tocsr() @ m) if _is_sparse(m) else m.T @ m
    norms = np.sqrt(np.asarray(gram.diagonal()).ravel())
    gram = _zero_diagonal(gram)
    with np.errstate(divide="ignore", invalid="ignore"):
        if _is_sparse(gram):
            rows = _csr_rows(gram)
            return _csr_map(gram, gram.data / (norms[rows] * norms[gram.indices]))
        out = np.where(gram > 0, gram / np.outer(norms, norms), 0.0)
    if isinstance(incidence, pd.DataFrame):
        return pd.DataFrame(out, index=incidence.columns.copy(), columns=incidence.columns.copy())
    return out


def proximity(b: Matrix, source: str = "specialisation matrix") -> Matrix:
    r"""Product-space proximity (Hidalgo et al. 2007), as ``ecomplexity`` computes it, zero diagonal.

    .. math:: \varphi_{ij} = \frac{\sum_r B_{ri} B_{rj}}{\max(u_i, u_j)}, \qquad u_i = \sum_r B_{ri}

    the minimum of the two conditional probabilities of being specialised in one technology given
    the other. ``ecomplexity`` keeps :math:`\varphi_{ii} = 1` and so counts the technology itself in
    its density; here the diagonal is 0 like every relatedness matrix of this module.

    Example:

    >>> import pandas as pd
    >>> x = pd.DataFrame({"ai": [6, 3, 0, 1], "bio": [4, 0, 2, 1], "chem": [0, 3, 4, 8]}, index=["BE", "NL", "SE", "DK"])
    >>> from helpers.methods.specialisation import binary_specialisation, rca
    >>> proximity(binary_specialisation(rca(x))).round(2)
            ai   bio  chem
    ai    0.00  0.50  0.33
    bio   0.50  0.00  0.33
    chem  0.33  0.33  0.00
    """
    m = _check_binary(b, source)
    gram = sp.csr_array(m.T.tocsr() @ m) if _is_sparse(m) else m.T @ m
    u = np.asarray(gram.diagonal()).ravel()
    gram = _zero_diagonal(gram)
    with np.errstate(divide="ignore", invalid="ignore"):
        if _is_sparse(gram):
            rows = _csr_rows(gram)
            return _csr_map(gram, gram.data / np.maximum(u[rows], u[gram.indices]))
        out = np.where(gram > 0, gram / np.maximum(u[:, None], u[None, :]), 0.0)
    if isinstance(b, pd.DataFrame):
        return pd.DataFrame(out, index=b.columns.copy(), columns=b.columns.copy())
    return out
