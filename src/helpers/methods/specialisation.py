"""Specialisation: revealed comparative advantage (RCA), binary specialisation, diversity and ubiquity.

One small function per measure, in the style of the EconGeo R package (Balland); the formulas and
the differences from EconGeo and ``ecomplexity`` are in ``book/annex_methods.en.md``.
"""

from __future__ import annotations


import numpy as np
import pandas as pd
import scipy.sparse as sp

from helpers.errors import InputError
from helpers.methods.matrix import Matrix, _activity, _is_sparse, _raw, _where


#: Relative tolerance of the ``RCA >= threshold`` test: an RCA that is mathematically equal to
#: the threshold but comes out of floating point a few ulps below it still counts as
#: specialised (``ecomplexity`` and EconGeo compare the raw float).
RCA_TIE_RTOL = 1e-12


def rca(x: Matrix, source: str = "matrix") -> Matrix:
    r"""Revealed comparative advantage (Balassa 1965), also called location quotient.

    .. math:: RCA_{rt} = \frac{X_{rt} / \sum_{t'} X_{rt'}}{\sum_{r'} X_{r't} / \sum_{r't'} X_{r't'}}

    computed in this order (share of the technology in the region divided by its share in the
    whole), as ``ecomplexity`` does, so that both give identical floats. Full precision (EconGeo
    rounds to 2 decimals). Input is validated by :func:`check_activity`; a sparse input gives a
    sparse CSR array with the same sparsity pattern.

    Example:

    >>> import pandas as pd
    >>> x = pd.DataFrame({"ai": [6, 3, 0, 1], "bio": [4, 0, 2, 1], "chem": [0, 3, 4, 8]}, index=["BE", "NL", "SE", "DK"])
    >>> rca(x).round(2)
          ai   bio  chem
    BE  1.92  1.83  0.00
    NL  1.60  0.00  1.07
    SE  0.00  1.52  1.42
    DK  0.32  0.46  1.71
    """
    x, values, row_tot, col_tot = _activity(x, source)  # validated once; the values and totals reused below
    if _is_sparse(x):
        csr = values
        share_world = col_tot / col_tot.sum()
        rows = np.repeat(np.arange(csr.shape[0]), np.diff(csr.indptr))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            data = csr.data / row_tot[rows] / share_world[csr.indices]
        over = np.isinf(data) & (csr.data > 0)
        if over.any():
            k = int(np.flatnonzero(over)[0])
            raise InputError(
                f"{source}: values too far apart: the RCA at row {rows[k]}, column {csr.indices[k]} overflows (a technology's share "
                f"of the whole is below {np.finfo(float).tiny:.3g}); rescale the counts or leave out the tiny values"
            )
        out = sp.csr_array((data, csr.indices.copy(), csr.indptr.copy()), shape=csr.shape)
        out.eliminate_zeros()
        return out
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = (values / row_tot[:, None]) / (col_tot / col_tot.sum())[None, :]
    if not np.isfinite(out).all():  # 0/0 of an empty region of an array, or an overflow
        over = np.isinf(out) & (values > 0)
        if over.any():
            k = int(np.flatnonzero(over)[0])
            where = _where(x, k) if isinstance(x, pd.DataFrame) else f"row {k // out.shape[1]}, column {k % out.shape[1]}"
            raise InputError(
                f"{source}: values too far apart: the RCA at {where} overflows (a technology's share of the whole is below "
                f"{np.finfo(float).tiny:.3g}); rescale the counts or leave out the tiny values"
            )
        out = np.nan_to_num(out, nan=0.0, posinf=0.0)
    if isinstance(x, pd.DataFrame):
        return pd.DataFrame(out, index=x.index.copy(), columns=x.columns.copy())
    return out


def binary_specialisation(rca_values: Matrix, threshold: float = 1.0) -> Matrix:
    r"""Binary specialisation :math:`B_{rt} = 1` where :math:`RCA_{rt} \ge` ``threshold`` else 0.

    ``>=`` as in ``ecomplexity`` (``rca_mcp_threshold``) and, in effect, EconGeo (which sets
    ``RCA < 1`` to 0 and ``RCA > 1`` to 1, so exactly 1 stays 1). Ties within a relative
    :data:`RCA_TIE_RTOL` of the threshold count as specialised. DataFrame/array: integers 0/1;
    sparse: a CSR array of 0/1 floats (ready for sparse products).

    Example:

    >>> import pandas as pd
    >>> x = pd.DataFrame({"ai": [6, 3, 0, 1], "bio": [4, 0, 2, 1], "chem": [0, 3, 4, 8]}, index=["BE", "NL", "SE", "DK"])
    >>> binary_specialisation(rca(x))
        ai  bio  chem
    BE   1    1     0
    NL   1    0     1
    SE   0    1     1
    DK   0    0     1
    """
    if not np.isfinite(threshold) or threshold <= 0:
        raise InputError(f"RCA threshold {threshold!r}: give a number > 0 (the usual value is 1)")
    cut = threshold * (1.0 - RCA_TIE_RTOL)
    if _is_sparse(rca_values):
        csr = sp.csr_array(rca_values, dtype=float)
        out = sp.csr_array(((csr.data >= cut).astype(float), csr.indices.copy(), csr.indptr.copy()), shape=csr.shape)
        out.eliminate_zeros()
        return out
    if isinstance(rca_values, pd.DataFrame):
        values = rca_values.to_numpy()
        if values.dtype.kind in "fiub":  # one numpy comparison, labels wrapped at the end
            return pd.DataFrame((values >= cut).astype("int64"), index=rca_values.index.copy(), columns=rca_values.columns.copy())
        return (rca_values >= cut).astype("int64")
    return (np.asarray(rca_values, dtype=float) >= cut).astype("int64")


def diversity(b: Matrix) -> pd.Series | np.ndarray:
    r"""Diversity of each region, :math:`k_{r,0} = \sum_t B_{rt}` (number of specialisations).

    Example:

    >>> import pandas as pd
    >>> x = pd.DataFrame({"ai": [6, 3, 0, 1], "bio": [4, 0, 2, 1], "chem": [0, 3, 4, 8]}, index=["BE", "NL", "SE", "DK"])
    >>> diversity(binary_specialisation(rca(x))).to_dict()
    {'BE': 2, 'NL': 2, 'SE': 2, 'DK': 1}
    """
    if isinstance(b, pd.DataFrame):
        return b.sum(axis=1).rename("diversity")
    return np.asarray(_raw(b).sum(axis=1)).ravel()


def ubiquity(b: Matrix) -> pd.Series | np.ndarray:
    r"""Ubiquity of each technology, :math:`k_{t,0} = \sum_r B_{rt}` (number of specialised regions).

    Example:

    >>> import pandas as pd
    >>> x = pd.DataFrame({"ai": [6, 3, 0, 1], "bio": [4, 0, 2, 1], "chem": [0, 3, 4, 8]}, index=["BE", "NL", "SE", "DK"])
    >>> ubiquity(binary_specialisation(rca(x))).to_dict()
    {'ai': 2, 'bio': 2, 'chem': 3}
    """
    if isinstance(b, pd.DataFrame):
        return b.sum(axis=0).rename("ubiquity")
    return np.asarray(_raw(b).sum(axis=0)).ravel()
