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


def region_shares(x: pd.DataFrame, rca: pd.DataFrame) -> pd.Series:
    r"""Each region's share of *all* patents, recovered from counts in some technologies and their published RCA.

    A published RCA whose denominators are all the region's patents satisfies
    :math:`RCA_{rt} = (X_{rt} / X_{\cdot t}) / s_r`, so every cell with :math:`X_{rt} > 0` gives
    :math:`s_r`; with RCA rounded, the ratio of sums over those cells
    :math:`s_r = \sum_t X_{rt} / \sum_t RCA_{rt} X_{\cdot t}` weighs the larger (less rounded) cells
    more. A region without patents gets NaN.

    >>> x = pd.DataFrame({"a": [2.0, 6.0], "b": [2.0, 0.0]}, index=["r1", "r2"])
    >>> rca = pd.DataFrame({"a": [0.5, 1.5], "b": [2.0, 0.0]}, index=["r1", "r2"])  # s_r1 = 0.5, s_r2 = 0.5
    >>> region_shares(x, rca)
    r1    0.5
    r2    0.5
    dtype: float64
    """
    if x.shape != rca.shape or not (x.index.equals(rca.index) and x.columns.equals(rca.columns)):
        raise InputError("region shares: the counts and the RCA must have the same regions and technologies")
    totals = x.sum(axis=0).to_numpy(dtype=float)
    vals, r = x.to_numpy(dtype=float), rca.to_numpy(dtype=float)
    used = vals > 0
    num = np.where(used, vals, 0.0).sum(axis=1)
    den = np.where(used, r * totals[None, :], 0.0).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den > 0, num / den, np.nan)
    return pd.Series(out, index=x.index, dtype=float)


def group_region_rca(x: pd.DataFrame, shares: pd.Series, groups: dict[str, Sequence[str]]) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    r"""Counts, RCA and share of all patents of aggregates of regions (Flanders = its five provinces).

    :math:`X_{Gt} = \sum_{r \in G} X_{rt}`, :math:`s_G = \sum_{r \in G} s_r` and
    :math:`RCA_{Gt} = (X_{Gt} / X_{\cdot t}) / s_G` with :math:`X_{\cdot t}` the total over the
    regions of ``x`` (the aggregates are not added to it): the RCA the aggregate would have as one
    region, not an average of its members' RCA.

    >>> x = pd.DataFrame({"a": [2.0, 6.0, 2.0], "b": [2.0, 0.0, 6.0]}, index=["r1", "r2", "r3"])
    >>> counts, rca, share = group_region_rca(x, pd.Series({"r1": 0.2, "r2": 0.3, "r3": 0.5}), {"G": ["r1", "r2"]})
    >>> rca.round(3)  # a: (8 / 10) / 0.5 = 1.6; b: (2 / 8) / 0.5 = 0.5
           a    b
    G    1.6  0.5
    """
    totals = x.sum(axis=0)
    rows_x, rows_r, rows_s = {}, {}, {}
    for name, members in groups.items():
        missing = [m for m in members if m not in x.index]
        if missing:
            raise InputError(f"region group {name}: member(s) {', '.join(missing[:5])} not in the data; list regions of the data")
        counts = x.loc[list(members)].sum(axis=0)
        share = float(shares.loc[list(members)].sum())
        with np.errstate(divide="ignore", invalid="ignore"):
            rca = (counts / totals.replace(0, np.nan)) / share if share > 0 else counts * np.nan
        rows_x[name], rows_r[name], rows_s[name] = counts, rca.fillna(0.0), share
    return pd.DataFrame(rows_x).T, pd.DataFrame(rows_r).T, pd.Series(rows_s, dtype=float)
