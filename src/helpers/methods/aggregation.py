"""From fine codes to the technologies they make up: summed activity, RCA against the whole, weighted means.

A technology ``g`` is a set of codes ``S_g`` (IPC subclasses); the sets may overlap (one subclass
in several technologies). With ``M`` the code x technology membership matrix (``M_sg = 1`` when
``s`` is in ``S_g``):

* activity ``A = X M`` (:func:`aggregate_columns`): a fractional count over codes sums to the
  fractional count of the technology (each application adds at most 1 over its codes);
* RCA of a technology (:func:`group_rca`) compares the technology's share of the region's *whole*
  activity with its share in the reference group's whole, ``RCA_rg = (A_rg / X_r.) / (A_Rg / X_R.)``:
  the denominators are all codes, not the sum over the (overlapping, incomplete) technologies;
* a measure defined per code (relatedness density, complexity) becomes one value per technology as
  the mean over its codes weighted by the reference group's activity in each code
  (:func:`weighted_group_mean`), so that a large subclass weighs more than a marginal one.

Pure functions on pandas; no file is read.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.errors import InputError


def membership_matrix(pairs: pd.DataFrame, codes: Sequence[str], *, code: str = "code", group: str = "group") -> pd.DataFrame:
    """Code x technology 0/1 matrix from ``(code, group)`` pairs, over ``codes`` (pairs with another code are left out).

    >>> m = membership_matrix(pd.DataFrame({"code": ["A", "B", "B"], "group": ["g1", "g1", "g2"]}), ["A", "B", "C"])
    >>> m.astype(int)
    group  g1  g2
    code
    A       1   0
    B       1   1
    C       0   0
    """
    if not {code, group} <= set(pairs.columns):
        raise InputError(f"membership: needs columns {code!r} and {group!r}, got {', '.join(map(str, pairs.columns))}")
    p = pairs[pairs[code].isin(list(codes))].drop_duplicates([code, group])
    groups = sorted(pairs[group].unique())
    index, columns = pd.Index(list(codes), name=code), pd.Index(groups, name=group)
    values = np.zeros((len(index), len(columns)))
    values[index.get_indexer(p[code]), columns.get_indexer(p[group])] = 1.0
    return pd.DataFrame(values, index=index, columns=columns)


def aggregate_columns(x: pd.DataFrame, membership: pd.DataFrame) -> pd.DataFrame:
    """``A = X M``: region x technology activity summed over each technology's codes.

    >>> x = pd.DataFrame({"A": [1.0, 0.0], "B": [2.0, 3.0], "C": [1.0, 1.0]}, index=["BE", "NL"])
    >>> m = pd.DataFrame({"g1": [1.0, 1.0, 0.0], "g2": [0.0, 1.0, 0.0]}, index=["A", "B", "C"])
    >>> aggregate_columns(x, m)
         g1   g2
    BE  3.0  2.0
    NL  3.0  3.0
    """
    m = membership.reindex(index=x.columns, fill_value=0.0)
    return pd.DataFrame(x.to_numpy(dtype=float) @ m.to_numpy(dtype=float), index=x.index, columns=membership.columns)


def group_rca(x: pd.DataFrame, membership: pd.DataFrame, reference: Sequence[str] | None = None) -> pd.DataFrame:
    r"""RCA of every region in every technology of ``membership`` against the whole activity.

    .. math:: RCA_{rg} = \frac{A_{rg} / \sum_s X_{rs}}{\sum_{r' \in R} A_{r'g} / \sum_{r' \in R} \sum_s X_{r's}},
              \quad A = X M

    ``reference`` (default: all rows of ``x``) is the group ``R`` the shares are compared with.
    With one code per technology and ``R`` all regions this is the Balassa RCA of
    :func:`helpers.methods.specialisation.rca`. A region without activity gets 0.

    >>> x = pd.DataFrame({"A": [1.0, 0.0], "B": [2.0, 3.0], "C": [1.0, 1.0]}, index=["BE", "NL"])
    >>> m = pd.DataFrame({"g1": [1.0, 1.0, 0.0]}, index=["A", "B", "C"])
    >>> group_rca(x, m).round(4)  # BE: (3/4) / (6/8) = 1; NL: (3/4) / (6/8) = 1
         g1
    BE  1.0
    NL  1.0
    >>> group_rca(x, m, reference=["NL"]).loc["BE", "g1"]  # against NL alone: (3/4) / (3/4)
    np.float64(1.0)
    """
    ref = list(x.index) if reference is None else list(reference)
    missing = [r for r in ref if r not in x.index]
    if missing:
        raise InputError(f"group RCA: reference region(s) {', '.join(missing[:5])} not among the rows of the activity matrix")
    a = aggregate_columns(x, membership)
    totals = x.sum(axis=1).to_numpy(dtype=float)
    ref_share = a.loc[ref].sum(axis=0).to_numpy(dtype=float) / float(x.loc[ref].to_numpy(dtype=float).sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (a.to_numpy(dtype=float) / totals[:, None]) / ref_share[None, :]
    return pd.DataFrame(np.nan_to_num(out, nan=0.0, posinf=0.0), index=x.index, columns=membership.columns)


def weighted_group_mean(values: pd.Series, membership: pd.DataFrame, weights: pd.Series) -> pd.Series:
    r"""Per technology the mean of a per-code measure over its codes, weighted:
    :math:`\bar v_g = \sum_s M_{sg} w_s v_s / \sum_s M_{sg} w_s`.

    Codes without a value (NaN) are left out of both sums; a technology whose codes all lack a
    value or weight is NaN.

    >>> v = pd.Series({"A": 10.0, "B": 40.0, "C": 99.0})
    >>> w = pd.Series({"A": 3.0, "B": 1.0, "C": 5.0})
    >>> m = pd.DataFrame({"g1": [1.0, 1.0, 0.0], "g2": [0.0, 0.0, 0.0]}, index=["A", "B", "C"])
    >>> weighted_group_mean(v, m, w)  # g1: (3*10 + 1*40) / 4 = 17.5
    g1    17.5
    g2     NaN
    dtype: float64
    """
    if (weights < 0).any():
        raise InputError("weighted mean: weights must be >= 0")
    v = values.reindex(membership.index)
    w = weights.reindex(membership.index).fillna(0.0).where(v.notna(), 0.0)
    m = membership.to_numpy(dtype=float)
    num = (w * v.fillna(0.0)).to_numpy() @ m
    den = w.to_numpy() @ m
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den > 0, num / den, np.nan)
    return pd.Series(out, index=membership.columns, dtype=float)
