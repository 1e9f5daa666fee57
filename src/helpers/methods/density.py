"""Relatedness density: how much of a technology's relatedness points to what a region is specialised in."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import scipy.sparse as sp

from helpers.errors import InputError
from helpers.methods.matrix import Matrix, _check_binary, _check_values, _is_sparse, _names, _raw, _zero_diagonal


def relatedness_density(b: Matrix, relatedness: Matrix, source: str = "specialisation matrix") -> Matrix:
    r"""Relatedness density (feasibility) of every technology in every region, on a 0-100 scale.

    .. math:: D_{rt} = 100 \, \frac{\sum_{k \ne t} B_{rk} R_{kt}}{\sum_{k \ne t} R_{kt}}

    the share of the relatedness links of technology ``t`` that point to technologies in which
    region ``r`` is specialised. The diagonal of ``relatedness`` is ignored (set to 0: the
    technology itself does not count), whatever the input holds. A technology with no relatedness
    link at all has no density: NaN, with a warning naming it. Full precision (EconGeo rounds).

    ``b`` is region x technology (0/1, e.g. :func:`binary_specialisation`); ``relatedness`` is
    technology x technology, symmetric or not (column ``t`` is used), non-negative. With
    DataFrames, ``relatedness`` is aligned on ``b``'s columns (it may hold more technologies: the
    relatedness is computed over all technologies, the density over those in ``b``).

    Example:

    >>> import pandas as pd
    >>> x = pd.DataFrame({"ai": [6, 3, 0, 1], "bio": [4, 0, 2, 1], "chem": [0, 3, 4, 8]}, index=["BE", "NL", "SE", "DK"])
    >>> from helpers.methods.relatedness import colocation, relatedness
    >>> from helpers.methods.specialisation import binary_specialisation, rca
    >>> b = binary_specialisation(rca(x))
    >>> relatedness_density(b, relatedness(colocation(b), "cosine")).loc["DK"]
    ai      50.0
    bio     50.0
    chem     0.0
    Name: DK, dtype: float64
    """
    b_values = _check_binary(b, source)
    r_values = _check_values(relatedness, "relatedness matrix", what="relatedness values", axes=("technology", "technology"))
    labelled = isinstance(b, pd.DataFrame)
    if labelled:
        if not isinstance(relatedness, pd.DataFrame):
            raise InputError("relatedness matrix: give a DataFrame labelled with the technologies when the specialisation matrix is a DataFrame")
        aligned = relatedness.index.equals(b.columns) and relatedness.columns.equals(b.columns)
        missing = [] if aligned else [t for t in b.columns if t not in relatedness.index or t not in relatedness.columns]
        if missing:
            raise InputError(f"relatedness matrix: no row/column for technologies {_names(missing)} of the {source}; compute relatedness over all technologies")
        if not aligned:
            r_values = relatedness.loc[b.columns, b.columns].to_numpy(dtype=float)
    else:
        if r_values.shape != (b_values.shape[1], b_values.shape[1]):
            raise InputError(f"relatedness matrix: shape {r_values.shape} does not match the {b_values.shape[1]} technologies of the {source}")
    r_values = _zero_diagonal(r_values)
    den = np.asarray(r_values.sum(axis=0)).ravel()
    num = b_values @ r_values
    num = num.toarray() if _is_sparse(num) else np.asarray(num)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 * num / den[None, :]
    return _finish(out, den, b)


def _finish(out: np.ndarray, den: np.ndarray, b: Matrix) -> Matrix:
    """NaN (with a warning naming them) where a technology has no relatedness link; labels of ``b``."""
    labelled = isinstance(b, pd.DataFrame)
    isolated = np.flatnonzero(den <= 0)
    if len(isolated):
        names = b.columns[isolated] if labelled else [f"column {j}" for j in isolated]
        warnings.warn(f"relatedness matrix: technologies with no relatedness link, density undefined (NaN): {_names(names)}", stacklevel=3)
        out[:, isolated] = np.nan
    if labelled:
        return pd.DataFrame(out, index=b.index.copy(), columns=b.columns.copy())
    return out


def colocation_density(b: Matrix, method: str = "cosine", source: str = "specialisation matrix", dtype: type = np.float64) -> Matrix:
    r"""Relatedness density over co-location relatedness, without forming the technology x technology matrix.

    The same numbers as ``relatedness_density(b, relatedness(colocation(b), method))`` for
    ``method`` ``cosine`` or ``association``, computed in :math:`O(\mathrm{nnz}(B) \cdot n_r)`
    instead of through the :math:`n_t \times n_t` co-location matrix, which for thousands of
    technologies is large and dense. With :math:`C = B^\top B - \operatorname{diag}(u)`
    (:math:`u_t = \sum_r B_{rt}`), row sums :math:`s = B^\top d - u` (:math:`d_r = \sum_t B_{rt}`)
    and :math:`R = k \, \operatorname{diag}(p) \, C \, \operatorname{diag}(p)` (cosine:
    :math:`p = s^{-1/2}, k = 1`; association: :math:`p = s^{-1}, k = \sum_t s_t`):

    .. math::
        (BR)_{rt} = k \, p_t \left[(G B)_{rt} - B_{rt} u_t p_t\right], \qquad G = B \operatorname{diag}(p) B^\top

    and the column sums of :math:`R` are :math:`k \, p_t [(B^\top B p)_t - u_t p_t]`. ``G`` is
    region x region; :math:`GB` is one sparse-times-dense product. ``dtype=np.float32`` halves
    the memory of ``G`` and of the products (relative error about 1e-6; the result is float64).
    A technology in no region's specialisation shares no co-location: NaN, with a warning.

    Example:

    >>> import pandas as pd
    >>> x = pd.DataFrame({"ai": [6, 3, 0, 1], "bio": [4, 0, 2, 1], "chem": [0, 3, 4, 8]}, index=["BE", "NL", "SE", "DK"])
    >>> from helpers.methods.specialisation import binary_specialisation, rca
    >>> colocation_density(binary_specialisation(rca(x))).loc["DK"]
    ai      50.0
    bio     50.0
    chem     0.0
    Name: DK, dtype: float64
    """
    if method not in ("cosine", "association"):
        raise InputError(f"co-location density: relatedness normalisation {method!r}: use cosine or association "
                         "(for another one, pass relatedness(colocation(b), method) to relatedness_density)")
    bs = sp.csr_array(_check_binary(b, source))
    d = np.asarray(bs.sum(axis=1)).ravel()
    u = np.asarray(bs.sum(axis=0)).ravel()
    bt = bs.T.tocsr()
    s = bt @ d - u  # co-location row sums (diagonal excluded)
    with np.errstate(divide="ignore"):
        p = np.where(s > 0, s ** -0.5 if method == "cosine" else 1.0 / s, 0.0)
    k = float(s.sum()) if method == "association" else 1.0
    den = k * p * (bt @ (bs @ p) - u * p)
    scaled = sp.csr_array((bs.data * p[bs.indices], bs.indices, bs.indptr), shape=bs.shape)  # B diag(p), O(nnz)
    g = (scaled @ bt).astype(dtype).toarray()  # region x region, symmetric
    num_t = bt.astype(dtype) @ g  # (G B)^T = B^T G: one sparse x dense product
    num_t = num_t.astype(float, copy=False)
    rows = np.repeat(np.arange(bs.shape[0]), np.diff(bs.indptr))
    num_t[bs.indices, rows] -= (u * p)[bs.indices]  # the technology itself does not count
    with np.errstate(divide="ignore", invalid="ignore"):
        num_t *= (100.0 * k * p / den)[:, None]
    out = num_t.T
    return _finish(out, den, b)
