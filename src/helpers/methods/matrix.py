"""The matrix types every measure takes, and the input checks they share.

Input types. Every measure takes a pandas DataFrame (regions as index, technologies as columns;
labels are kept in the result) and, for large data, a ``scipy.sparse`` matrix (the result is then
sparse or a numpy array, positions instead of labels). Dense numpy arrays are treated like sparse
ones (no labels).

Bad input raises :class:`helpers.errors.InputError` with one line naming the input (``source``),
the row and column and what to do. Regions or technologies with no activity are not an error: a
DataFrame loses them with a warning that names them; a sparse matrix or an array keeps its shape
(so that the caller's labels still line up) and the warning gives their positions.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Union

import numpy as np
import pandas as pd
import scipy.sparse as sp

from helpers.errors import InputError

Matrix = Union[pd.DataFrame, np.ndarray, sp.spmatrix, sp.sparray]


def _is_sparse(x: object) -> bool:
    return sp.issparse(x)


def _names(labels: Iterable[object], limit: int = 12) -> str:
    """``'A', 'B' and 3 more`` for warnings and errors."""
    labels = [str(v) for v in labels]
    shown = ", ".join(repr(v) for v in labels[:limit])
    return shown + (f" and {len(labels) - limit} more" if len(labels) > limit else "")


def _count(n: int, noun: str) -> str:
    """``1 region``, ``2 regions``, ``1 technology``, ``3 technologies``."""
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def _raw(x: Matrix) -> np.ndarray | sp.csr_array:
    """Float values of ``x``: a dense float array or a CSR sparse array (a copy when needed)."""
    if isinstance(x, pd.DataFrame):
        return _frame_values(x)
    if _is_sparse(x):
        return sp.csr_array(x, dtype=float)
    return np.asarray(x, dtype=float)


def _frame_values(x: pd.DataFrame, source: str = "matrix") -> np.ndarray:
    # fast path (this runs on every call): numpy-numeric columns give a numeric array without
    # building the Series of dtypes; mixed, nullable or object columns take the checked path
    values = x.to_numpy()
    if values.dtype.kind in "fiub":
        return values.astype(float, copy=False)
    # the check on each distinct dtype (usually one), not on each column
    dtypes = x.dtypes
    ok = {d: pd.api.types.is_numeric_dtype(d) or pd.api.types.is_bool_dtype(d) for d in set(dtypes)}
    bad = [] if all(ok.values()) else [c for c, d in zip(x.columns, dtypes) if not ok[d]]
    if bad:
        raise InputError(f"{source}: column {bad[0]!r} is not numeric; give counts (numbers) in every technology column")
    return x.to_numpy(dtype=float, na_value=np.nan)


def _where(x: Matrix, flat_index: int, axes: tuple[str, str] = ("region", "technology")) -> str:
    """'region 'BEL', technology 'Optics'' (labels) or 'row 3, column 7' (positions, from 0)."""
    if isinstance(x, pd.DataFrame):
        i, j = np.unravel_index(flat_index, x.shape)
        return f"{axes[0]} {x.index[i]!r}, {axes[1]} {x.columns[j]!r}"
    i, j = np.unravel_index(flat_index, x.shape)
    return f"row {i}, column {j}"


def _check_values(x: Matrix, source: str, what: str = "counts", axes: tuple[str, str] = ("region", "technology")) -> np.ndarray | sp.csr_array:
    """Fail on an empty matrix, NaN, infinite or negative values, duplicated labels; return the float values.

    ``axes`` names what the rows and columns are, for the messages. The values returned are those
    of :func:`_raw` (a dense float array or a CSR array), so that callers convert only once.
    """
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise InputError(f"{source}: the matrix is empty ({x.shape[0]} rows x {x.shape[1]} columns); give at least two {axes[0]}s and two {axes[1]}s")
    if isinstance(x, pd.DataFrame):
        for axis, labels in zip(axes, (x.index, x.columns)):
            if labels.has_duplicates:  # cached by pandas; duplicated() only to name one
                dup = labels[labels.duplicated()]
                raise InputError(f"{source}: duplicate {axis} {dup[0]!r}; every {axis} must appear once (sum its rows or columns first)")
        raw = _frame_values(x, source)
        values = raw
    elif _is_sparse(x):
        raw = sp.csr_array(x, dtype=float)
        values = raw.data
    else:
        raw = np.asarray(x, dtype=float)
        values = raw
    if not np.isfinite(values).all():
        k = int(np.flatnonzero(~np.isfinite(values))[0])
        where = _sparse_where(x, k) if _is_sparse(x) else _where(x, k, axes)
        raise InputError(f"{source}: missing or infinite value ({values.flat[k]}) at {where}; fill in the {what} (0 where there is none)")
    if (values < 0).any():
        k = int(np.flatnonzero(values < 0)[0])
        where = _sparse_where(x, k) if _is_sparse(x) else _where(x, k, axes)
        raise InputError(f"{source}: negative value {values.flat[k]:g} at {where}; {what} must be >= 0")
    return raw


def _sparse_where(x: Matrix, k: int) -> str:
    csr = sp.csr_array(x)
    row = int(np.searchsorted(csr.indptr, k, side="right") - 1)
    return f"row {row}, column {int(csr.indices[k])}"


def _csr_rows(m: sp.csr_array) -> np.ndarray:
    """Row index of every stored entry of a CSR matrix."""
    return np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))


def _csr_map(m: sp.csr_array, data: np.ndarray) -> sp.csr_array:
    """A CSR matrix with ``m``'s sparsity pattern and new values (zeros removed)."""
    out = sp.csr_array((data, m.indices.copy(), m.indptr.copy()), shape=m.shape)
    out.eliminate_zeros()
    return out


def _zero_diagonal(m: np.ndarray | sp.csr_array) -> np.ndarray | sp.csr_array:
    if _is_sparse(m):
        m = sp.csr_array(m)
        rows = _csr_rows(m)
        keep = (m.indices != rows) & (m.data != 0)
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[keep], minlength=m.shape[0]))])
        return sp.csr_array((m.data[keep], m.indices[keep], indptr), shape=m.shape)
    m = np.array(m, dtype=float, copy=True)
    np.fill_diagonal(m, 0.0)
    return m


def _zscore(v: np.ndarray) -> np.ndarray:
    """``(v - mean) / sd`` ignoring NaN; all zeros when ``v`` is constant.

    >>> _zscore(np.array([1.0, 2.0, 3.0, np.nan])).round(3).tolist()
    [-1.225, 0.0, 1.225, nan]
    """
    arr = np.asarray(v, dtype=float)
    if np.isnan(arr).any():
        sd = np.nanstd(arr)
        return (v - np.nanmean(arr)) / sd if sd > 0 else np.zeros_like(v)
    sd = arr.std()  # without NaN, the same operations as nanstd / nanmean at a third of the cost
    return (v - arr.mean()) / sd if sd > 0 else np.zeros_like(v)



def _check_binary(b: Matrix, source: str) -> np.ndarray | sp.csr_array:
    """Fail unless ``b`` holds values in [0, 1] (see :func:`_check_values`); return its float values."""
    values = _check_values(b, source, what="0/1 values")
    data = values.data if _is_sparse(values) else values.ravel()
    over = data > 1
    if over.any():
        k = int(np.flatnonzero(over)[0])
        where = _sparse_where(b, k) if _is_sparse(b) else _where(b, k)
        raise InputError(
            f"{source}: value {data[k]:g} at {where} is above 1; relatedness density needs the binary "
            "specialisation matrix: pass binary_specialisation(rca(X))"
        )
    return values


def check_sums(x: Matrix, rows: np.ndarray, cols: np.ndarray, total: float, source: str = "matrix") -> None:
    """Fail when a region's, a technology's or the grand total overflows (values near 1.8e308, the float maximum).

    Every value is finite, but their sum is not: RCA would divide by infinity and find no
    specialisation anywhere, so the error names the overflow instead.
    """
    bad_rows, bad_cols = np.flatnonzero(~np.isfinite(rows)), np.flatnonzero(~np.isfinite(cols))
    if len(bad_rows) or len(bad_cols) or not np.isfinite(total):
        if len(bad_rows):
            where = f"the total of region {x.index[bad_rows[0]]!r}" if isinstance(x, pd.DataFrame) else f"the total of row {bad_rows[0]}"
        elif len(bad_cols):
            where = f"the total of technology {x.columns[bad_cols[0]]!r}" if isinstance(x, pd.DataFrame) else f"the total of column {bad_cols[0]}"
        else:
            where = "the grand total"
        raise InputError(
            f"{source}: values too large: the sum overflows ({where} exceeds {np.finfo(float).max:.3g}); "
            f"rescale the counts (e.g. divide every value by 1e6): RCA only uses shares"
        )


def check_activity(x: Matrix, source: str = "matrix", min_regions: int = 2) -> Matrix:
    """Validate an activity matrix and drop (DataFrame) or report (sparse, array) empty lines.

    Fails with :class:`InputError` on an empty matrix, NaN/infinite or negative values,
    values so large that a row, column or grand total overflows (:func:`check_sums`), duplicated labels, fewer than ``min_regions`` active regions or fewer than two active
    technologies. Regions (rows) or technologies (columns) whose total is 0 are removed from a
    DataFrame with a warning naming them; a sparse matrix or array keeps its shape and the warning
    gives their positions (their RCA is 0).
    """
    return _activity(x, source, min_regions, stacklevel=4)[0]


def _activity(x: Matrix, source: str, min_regions: int = 2, stacklevel: int = 3) -> tuple[Matrix, np.ndarray | sp.csr_array, np.ndarray, np.ndarray]:
    """:func:`check_activity`, also returning the float values of the (trimmed) matrix and its row and column totals.

    One conversion and one pass of checks for the callers that go on to compute with the values.
    """
    raw = _check_values(x, source)
    with np.errstate(over="ignore", invalid="ignore"):
        rows, cols = np.asarray(raw.sum(axis=1)).ravel(), np.asarray(raw.sum(axis=0)).ravel()
        total = cols.sum()
    check_sums(x, rows, cols, total, source)
    empty_rows, empty_cols = np.flatnonzero(rows == 0), np.flatnonzero(cols == 0)
    labelled = isinstance(x, pd.DataFrame)
    verb = "dropped" if labelled else "kept with RCA 0"
    if len(empty_rows):
        row_names = x.index[empty_rows] if labelled else [f"row {i}" for i in empty_rows]
        warnings.warn(f"{source}: {verb} {_count(len(empty_rows), 'region')} with no activity: {_names(row_names)}", stacklevel=stacklevel)
    if len(empty_cols):
        col_names = x.columns[empty_cols] if labelled else [f"column {j}" for j in empty_cols]
        warnings.warn(f"{source}: {verb} {_count(len(empty_cols), 'technology')} with no activity: {_names(col_names)}", stacklevel=stacklevel)
    n_regions, n_techs = int((rows > 0).sum()), int((cols > 0).sum())
    if n_regions < min_regions:
        active = x.index[rows > 0] if isinstance(x, pd.DataFrame) else [f"row {i}" for i in np.flatnonzero(rows > 0)]
        raise InputError(
            f"{source}: {_count(n_regions, 'region')} with activity ({_names(active)}); RCA compares a region with the whole "
            f"and needs at least {min_regions} regions: give the matrix of all regions (e.g. all countries)"
        )
    if n_techs < 2:
        raise InputError(f"{source}: {_count(n_techs, 'technology')} with activity; RCA needs at least 2 technologies with activity")
    if isinstance(x, pd.DataFrame) and (len(empty_rows) or len(empty_cols)):
        keep_rows, keep_cols = rows > 0, cols > 0
        x = x.loc[keep_rows, keep_cols]
        raw = raw[np.ix_(keep_rows, keep_cols)]
        rows, cols = raw.sum(axis=1), raw.sum(axis=0)  # summed again over the kept cells, as from the trimmed frame
    return x, raw, rows, cols
