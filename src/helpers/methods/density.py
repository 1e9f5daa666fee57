"""Relatedness density: how much of a technology's relatedness points to what a region is specialised in."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

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
    _check_binary(b, source)
    _check_values(relatedness, "relatedness matrix", what="relatedness values", axes=("technology", "technology"))
    labelled = isinstance(b, pd.DataFrame)
    if labelled:
        if not isinstance(relatedness, pd.DataFrame):
            raise InputError("relatedness matrix: give a DataFrame labelled with the technologies when the specialisation matrix is a DataFrame")
        missing = [t for t in b.columns if t not in relatedness.index or t not in relatedness.columns]
        if missing:
            raise InputError(f"relatedness matrix: no row/column for technologies {_names(missing)} of the {source}; compute relatedness over all technologies")
        r_values = relatedness.loc[b.columns, b.columns].to_numpy(dtype=float)
        b_values = b.to_numpy(dtype=float)
    else:
        r_values = _raw(relatedness)
        b_values = _raw(b)
        if r_values.shape != (b_values.shape[1], b_values.shape[1]):
            raise InputError(f"relatedness matrix: shape {r_values.shape} does not match the {b_values.shape[1]} technologies of the {source}")
    r_values = _zero_diagonal(r_values)
    den = np.asarray(r_values.sum(axis=0)).ravel()
    num = b_values @ r_values
    num = num.toarray() if _is_sparse(num) else np.asarray(num)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 * num / den[None, :]
    isolated = np.flatnonzero(den == 0)
    if len(isolated):
        names = b.columns[isolated] if labelled else [f"column {j}" for j in isolated]
        warnings.warn(f"relatedness matrix: technologies with no relatedness link, density undefined (NaN): {_names(names)}", stacklevel=2)
        out[:, isolated] = np.nan
    if labelled:
        return pd.DataFrame(out, index=b.index.copy(), columns=b.columns.copy())
    return out
