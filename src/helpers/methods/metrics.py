"""Specialisation measures on a region x technology activity matrix.

One small function per measure, in the style of the EconGeo R package (Balland): RCA, binary
specialisation, diversity and ubiquity, relatedness density, quadrant assignment and coverage.
Co-occurrence and relatedness live in :mod:`helpers.methods.relatedness`, complexity in
:mod:`helpers.methods.complexity`; the formulas and the differences from EconGeo and ``ecomplexity`` are
stated in ``book/annex_methods.md``.

Input types. Every function takes a pandas DataFrame (regions as index, technologies as
columns; labels are kept in the result) and, for large data, a ``scipy.sparse`` matrix (the
result is then sparse or a numpy array, positions instead of labels). Dense numpy arrays are
treated like sparse ones (no labels).

Bad input raises :class:`helpers.errors.InputError` with one line naming the input (``source``),
the row and column and what to do. Regions or technologies with no activity are not an error:
a DataFrame loses them with a warning that names them; a sparse matrix or an array keeps its
shape (so that the caller's labels still line up) and the warning gives their positions.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import Literal, Union

import numpy as np
import pandas as pd
import scipy.sparse as sp

from helpers.errors import InputError

Matrix = Union[pd.DataFrame, np.ndarray, sp.spmatrix, sp.sparray]

#: Relative tolerance of the ``RCA >= threshold`` test: an RCA that is mathematically equal to
#: the threshold but comes out of floating point a few ulps below it still counts as
#: specialised (``ecomplexity`` and EconGeo compare the raw float).
RCA_TIE_RTOL = 1e-12

__all__ = [
    "Matrix",
    "QUADRANTS",
    "RCA_TIE_RTOL",
    "binary_specialisation",
    "check_activity",
    "coverage",
    "diversity",
    "document_coverage",
    "quadrants",
    "rca",
    "relatedness_density",
    "ubiquity",
]


# --------------------------------------------------------------------------------------------
# small shared helpers (also used by helpers.methods.relatedness and helpers.methods.complexity)


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
    bad = [c for c in x.columns if not (pd.api.types.is_numeric_dtype(x[c]) or pd.api.types.is_bool_dtype(x[c]))]
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


def _check_values(x: Matrix, source: str, what: str = "counts", axes: tuple[str, str] = ("region", "technology")) -> None:
    """Fail on an empty matrix, NaN, infinite or negative values, duplicated labels.

    ``axes`` names what the rows and columns are, for the messages.
    """
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise InputError(f"{source}: the matrix is empty ({x.shape[0]} rows x {x.shape[1]} columns); give at least two {axes[0]}s and two {axes[1]}s")
    if isinstance(x, pd.DataFrame):
        for axis, labels in zip(axes, (x.index, x.columns)):
            dup = labels[labels.duplicated()]
            if len(dup):
                raise InputError(f"{source}: duplicate {axis} {dup[0]!r}; every {axis} must appear once (sum its rows or columns first)")
        values = _frame_values(x, source)
    elif _is_sparse(x):
        csr = sp.csr_array(x)
        values = csr.data.astype(float, copy=False)
    else:
        values = np.asarray(x, dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        where = _sparse_where(x, k) if _is_sparse(x) else _where(x, k, axes)
        raise InputError(f"{source}: missing or infinite value ({values.flat[k]}) at {where}; fill in the {what} (0 where there is none)")
    neg = values < 0
    if neg.any():
        k = int(np.flatnonzero(neg)[0])
        where = _sparse_where(x, k) if _is_sparse(x) else _where(x, k, axes)
        raise InputError(f"{source}: negative value {values.flat[k]:g} at {where}; {what} must be >= 0")


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
    sd = np.nanstd(v)
    return (v - np.nanmean(v)) / sd if sd > 0 else np.zeros_like(v)


# --------------------------------------------------------------------------------------------
# validation


def check_activity(x: Matrix, source: str = "matrix", min_regions: int = 2) -> Matrix:
    """Validate an activity matrix and drop (DataFrame) or report (sparse, array) empty lines.

    Fails with :class:`InputError` on an empty matrix, NaN/infinite or negative values,
    duplicated labels, fewer than ``min_regions`` active regions or fewer than two active
    technologies. Regions (rows) or technologies (columns) whose total is 0 are removed from a
    DataFrame with a warning naming them; a sparse matrix or array keeps its shape and the warning
    gives their positions (their RCA is 0).
    """
    _check_values(x, source)
    if isinstance(x, pd.DataFrame):
        values = _frame_values(x, source)
        rows, cols = values.sum(axis=1), values.sum(axis=0)
    else:
        raw = _raw(x)
        rows, cols = np.asarray(raw.sum(axis=1)).ravel(), np.asarray(raw.sum(axis=0)).ravel()
    empty_rows, empty_cols = np.flatnonzero(rows == 0), np.flatnonzero(cols == 0)
    if isinstance(x, pd.DataFrame):
        row_names, col_names = x.index[empty_rows], x.columns[empty_cols]
    else:
        row_names, col_names = [f"row {i}" for i in empty_rows], [f"column {j}" for j in empty_cols]
    verb = "dropped" if isinstance(x, pd.DataFrame) else "kept with RCA 0"
    if len(empty_rows):
        warnings.warn(f"{source}: {verb} {_count(len(empty_rows), 'region')} with no activity: {_names(row_names)}", stacklevel=3)
    if len(empty_cols):
        warnings.warn(f"{source}: {verb} {_count(len(empty_cols), 'technology')} with no activity: {_names(col_names)}", stacklevel=3)
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
        x = x.loc[rows > 0, cols > 0]
    return x


# --------------------------------------------------------------------------------------------
# RCA, binary specialisation, diversity, ubiquity


def rca(x: Matrix, source: str = "matrix") -> Matrix:
    r"""Revealed comparative advantage (Balassa 1965), also called location quotient.

    .. math:: RCA_{rt} = \frac{X_{rt} / \sum_{t'} X_{rt'}}{\sum_{r'} X_{r't} / \sum_{r't'} X_{r't'}}

    computed in this order (share of the technology in the region divided by its share in the
    whole), as ``ecomplexity`` does, so that both give identical floats. Full precision (EconGeo
    rounds to 2 decimals). Input is validated by :func:`check_activity`; a sparse input gives a
    sparse CSR array with the same sparsity pattern.
    """
    x = check_activity(x, source)
    if _is_sparse(x):
        csr = _raw(x)
        row_tot = np.asarray(csr.sum(axis=1)).ravel()
        col_tot = np.asarray(csr.sum(axis=0)).ravel()
        share_world = col_tot / col_tot.sum()
        rows = np.repeat(np.arange(csr.shape[0]), np.diff(csr.indptr))
        out = sp.csr_array((csr.data / row_tot[rows] / share_world[csr.indices], csr.indices.copy(), csr.indptr.copy()), shape=csr.shape)
        out.eliminate_zeros()
        return out
    values = _raw(x)
    row_tot = values.sum(axis=1)
    col_tot = values.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (values / row_tot[:, None]) / (col_tot / col_tot.sum())[None, :]
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
        return (rca_values >= cut).astype("int64")
    return (np.asarray(rca_values, dtype=float) >= cut).astype("int64")


def diversity(b: Matrix) -> pd.Series | np.ndarray:
    r"""Diversity of each region, :math:`k_{r,0} = \sum_t B_{rt}` (number of specialisations)."""
    if isinstance(b, pd.DataFrame):
        return b.sum(axis=1).rename("diversity")
    return np.asarray(_raw(b).sum(axis=1)).ravel()


def ubiquity(b: Matrix) -> pd.Series | np.ndarray:
    r"""Ubiquity of each technology, :math:`k_{t,0} = \sum_r B_{rt}` (number of specialised regions)."""
    if isinstance(b, pd.DataFrame):
        return b.sum(axis=0).rename("ubiquity")
    return np.asarray(_raw(b).sum(axis=0)).ravel()


# --------------------------------------------------------------------------------------------
# relatedness density


def _check_binary(b: Matrix, source: str) -> None:
    _check_values(b, source, what="0/1 values")
    values = _raw(b)
    data = values.data if _is_sparse(values) else values.ravel()
    over = data > 1
    if over.any():
        k = int(np.flatnonzero(over)[0])
        where = _sparse_where(b, k) if _is_sparse(b) else _where(b, k)
        raise InputError(
            f"{source}: value {data[k]:g} at {where} is above 1; relatedness density needs the binary "
            "specialisation matrix: pass binary_specialisation(rca(X))"
        )


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


# --------------------------------------------------------------------------------------------
# coverage


def _selection_columns(x: Matrix, selection: Sequence[object] | np.ndarray, source: str) -> np.ndarray:
    """Column positions of a technology selection (labels for a DataFrame, else positions or a mask)."""
    sel = np.asarray(selection) if isinstance(selection, np.ndarray) else list(selection)
    if len(sel) == 0 or (isinstance(sel, np.ndarray) and sel.dtype == bool and not sel.any()):
        raise InputError(f"{source}: the technology selection is empty; select at least one technology")
    if isinstance(x, pd.DataFrame):
        unknown = [t for t in sel if t not in x.columns]
        if unknown:
            raise InputError(f"{source}: unknown technologies in the selection: {_names(unknown)}; use the matrix's column labels")
        return np.flatnonzero(x.columns.isin(sel))
    mask = np.zeros(x.shape[1], dtype=bool)
    try:
        mask[np.asarray(sel)] = True
    except IndexError as exc:
        raise InputError(f"{source}: selection: {exc}; give column positions below {x.shape[1]} or a boolean mask") from None
    return np.flatnonzero(mask)


def coverage(x: Matrix, selection: Sequence[object] | np.ndarray, source: str = "matrix") -> pd.Series | np.ndarray:
    r"""Share of each region's total activity that falls in the selected technologies.

    .. math:: \mathrm{coverage}_r = \frac{\sum_{t \in S} X_{rt}}{\sum_t X_{rt}}

    ``selection``: technology labels (DataFrame input) or column positions / a boolean mask
    (sparse, array). Unknown labels or an empty selection fail. Use this only when the selected
    technologies do not overlap (each unit of activity is in one column); for overlapping
    technology definitions (a patent in two selected technologies) use :func:`document_coverage`,
    which counts each document once. Regions with no activity get NaN.
    """
    _check_values(x, source)
    cols = _selection_columns(x, selection, source)
    values = _raw(x)
    total = np.asarray(values.sum(axis=1)).ravel()
    covered = np.asarray(values[:, cols].sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total > 0, covered / total, np.nan)
    if isinstance(x, pd.DataFrame):
        return pd.Series(share, index=x.index.copy(), name="coverage")
    return share


def document_coverage(incidence: Matrix, regions: Matrix, selection: Sequence[object] | np.ndarray, source: str = "documents") -> pd.Series | np.ndarray:
    r"""Share of each region's documents that carry at least one selected technology.

    .. math:: \mathrm{coverage}_r = \frac{\sum_d W_{dr} \, \mathbb{1}[\exists t \in S: M_{dt} > 0]}{\sum_d W_{dr}}

    ``incidence`` is documents x technologies (:func:`helpers.methods.relatedness.incidence_matrix`),
    ``regions`` documents x regions with the (possibly fractional) weight of each region in each
    document, rows in the same document order. A document in several selected technologies counts
    once, which :func:`coverage` on aggregated counts cannot do. Regions with no document: NaN.
    """
    _check_values(incidence, source, what="incidence values", axes=("document", "technology"))
    _check_values(regions, f"{source} (region weights)", what="weights", axes=("document", "region"))
    if incidence.shape[0] != regions.shape[0]:
        raise InputError(f"{source}: {incidence.shape[0]} documents in the incidence matrix but {regions.shape[0]} in the region weights; give both in the same document order")
    cols = _selection_columns(incidence, selection, source)
    m = _raw(incidence)
    hit = (np.asarray(m[:, cols].sum(axis=1)).ravel() > 0).astype(float)
    w = _raw(regions)
    covered = np.asarray(w.T @ hit).ravel()
    total = np.asarray(w.sum(axis=0)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total > 0, covered / total, np.nan)
    if isinstance(regions, pd.DataFrame):
        return pd.Series(share, index=regions.columns.copy(), name="coverage")
    return share


# --------------------------------------------------------------------------------------------
# quadrants

#: Quadrant keys with their Dutch and English labels (x = relatedness density / feasibility,
#: y = complexity / economic value).
QUADRANTS: dict[str, dict[str, str]] = {
    "optimal": {"position": "top right", "nl": "Optimale investeringen (slimme investeringen)", "en": "Optimal (smart investments)"},
    "moonshot": {"position": "top left", "nl": "Moonshots (hoog risico, hoge opbrengst)", "en": "Moonshots (high risk, high gain)"},
    "low_risk": {"position": "bottom right", "nl": "Laag risico, incrementeel", "en": "Low-risk, incremental"},
    "low_priority": {"position": "bottom left", "nl": "Lage prioriteit", "en": "Low priority"},
}


def _split_value(v: pd.Series, how: str | float, axis: str) -> float:
    if isinstance(how, str):
        if how == "median":
            return float(v.median())
        if how == "mean":
            return float(v.mean())
        raise InputError(f"quadrant split {how!r}: use 'median', 'mean' or fixed numbers (x, y)")
    value = float(how)
    if not np.isfinite(value):
        raise InputError(f"quadrant split for {axis}: {how!r} is not a finite number")
    return value


def quadrants(
    x: pd.Series,
    y: pd.Series,
    split: Literal["median", "mean"] | tuple[float, float] = "median",
) -> pd.DataFrame:
    """Assign each technology to a quadrant of the strategic investment framework.

    ``x`` is relatedness density (feasibility), ``y`` complexity (economic value), both Series
    indexed by technology (same labels). ``split`` is ``"median"`` (default) or ``"mean"`` of the
    plotted technologies, or fixed ``(x0, y0)``. A value equal to the split counts as high.
    Technologies with a missing x or y are kept with no quadrant (a warning names them) and do
    not enter the median or mean.

    Returns one row per technology (input order): ``x``, ``y``, ``x_split``, ``y_split``,
    ``quadrant`` (stable key: ``optimal`` top right, ``moonshot`` top left, ``low_risk`` bottom
    right, ``low_priority`` bottom left) and ``label_nl`` / ``label_en``.
    """
    if not isinstance(x, pd.Series) or not isinstance(y, pd.Series):
        raise InputError("quadrants: give x and y as pandas Series indexed by technology")
    if len(x) == 0:
        raise InputError("quadrants: no technology to place; the selection is empty")
    if set(x.index) != set(y.index) or x.index.has_duplicates or y.index.has_duplicates:
        raise InputError(f"quadrants: x and y must hold the same technologies once each; only in x: {_names(set(x.index) - set(y.index))}; only in y: {_names(set(y.index) - set(x.index))}")
    frame = pd.DataFrame({"x": x.astype(float), "y": y.reindex(x.index).astype(float)})
    missing = frame.index[frame.isna().any(axis=1)]
    if len(missing):
        warnings.warn(f"quadrants: no quadrant for technologies with a missing x or y: {_names(missing)}", stacklevel=2)
    ok = frame.dropna()
    if ok.empty:
        raise InputError("quadrants: every technology has a missing x or y value")
    if isinstance(split, str):
        sx, sy = _split_value(ok["x"], split, "x"), _split_value(ok["y"], split, "y")
    else:
        try:
            fx, fy = split
        except (TypeError, ValueError):
            raise InputError(f"quadrant split {split!r}: use 'median', 'mean' or two numbers (x, y)") from None
        sx, sy = _split_value(ok["x"], fx, "x"), _split_value(ok["y"], fy, "y")
    high_x, high_y = frame["x"] >= sx, frame["y"] >= sy
    key = np.select(
        [high_x & high_y, ~high_x & high_y, high_x & ~high_y],
        ["optimal", "moonshot", "low_risk"],
        default="low_priority",
    ).astype(object)
    key[frame.isna().any(axis=1).to_numpy()] = None
    frame["x_split"], frame["y_split"] = sx, sy
    frame["quadrant"] = pd.Series(key, index=frame.index, dtype="object")
    frame["label_nl"] = frame["quadrant"].map(lambda k: QUADRANTS[k]["nl"] if k else None)
    frame["label_en"] = frame["quadrant"].map(lambda k: QUADRANTS[k]["en"] if k else None)
    return frame
