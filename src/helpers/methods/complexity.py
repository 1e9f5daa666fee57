"""Technology complexity: eigenvector method, method of reflections, urban scaling exponent.

* :func:`complexity_eigenvector` - the technology complexity index of Hidalgo and Hausmann (2009)
  (PCI in ``ecomplexity``, TCI in EconGeo): the eigenvector of the second largest eigenvalue of
  :math:`\\tilde M = D_u^{-1} B^\\top D_d^{-1} B`.
* :func:`complexity_reflections` - the same index by the method of reflections (MORt).
* :func:`scaling_exponent` - the urban scaling exponent of each technology's activity against
  city population (Balland et al. 2020, "Complex economic activities concentrate in large
  cities"), for a city x technology matrix with populations.

Orientation of the eigenvector and reflections indices is fixed: the matching region index
(average technology index of the region's specialisations, ECI) correlates positively with
diversity, so that higher always means more complex (``ecomplexity``'s rule). Scales:
``zscore`` (default; each index standardised by its own mean and standard deviation),
``eci`` (``ecomplexity``'s: both standardised with the region index's mean and standard
deviation), ``minmax`` (0-100, EconGeo ``mort``'s rescaling) and ``none`` (unit-norm vector).
"""

from __future__ import annotations

import functools
import warnings
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse as sp
import scipy.linalg
from scipy.linalg import lapack
from scipy.sparse.linalg import LinearOperator, eigsh

from helpers.errors import InputError
from helpers.methods.matrix import Matrix, _check_binary, _check_values, _count, _is_sparse, _names, _raw, _zscore

Scale = Literal["zscore", "eci", "minmax", "none"]
#: Scales accepted by the eigenvector and reflections methods.
SCALES: tuple[str, ...] = ("zscore", "eci", "minmax", "none")
#: When regions or technologies number at most this many, the eigenproblem is solved densely on
#: the smaller side (``scipy.linalg.eigh``, three eigenpairs); otherwise by Lanczos iterations on
#: the sparse matrix (``scipy.sparse.linalg.eigsh``). Measured: dense is faster up to about 1,000.
DENSE_EIGEN_LIMIT = 1000

__all__ = [
    "DENSE_EIGEN_LIMIT",
    "SCALES",
    "ComplexityIndex",
    "complexity_eigenvector",
    "complexity_reflections",
    "scaling_exponent",
]


class ComplexityIndex(NamedTuple):
    """A technology complexity index and its matching region index (NaN where undefined)."""

    technology: pd.Series | np.ndarray
    region: pd.Series | np.ndarray


def _prepare(b: Matrix, source: str) -> tuple[np.ndarray | sp.csr_array, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The 0/1 matrix restricted to regions and technologies with at least one specialisation."""
    values = _check_binary(b, source)
    d = np.asarray(values.sum(axis=1)).ravel()
    u = np.asarray(values.sum(axis=0)).ravel()
    rows, cols = np.flatnonzero(d > 0), np.flatnonzero(u > 0)
    for kind, empty, labels in (("region", np.flatnonzero(d == 0), getattr(b, "index", None)), ("technology", np.flatnonzero(u == 0), getattr(b, "columns", None))):
        if len(empty):
            names = labels[empty] if labels is not None else [f"position {i}" for i in empty]
            warnings.warn(f"{source}: complexity undefined (NaN) for {_count(len(empty), kind)} with no specialisation: {_names(names)}", stacklevel=3)
    if len(rows) < 2 or len(cols) < 2:
        raise InputError(f"{source}: complexity needs at least 2 regions and 2 technologies with a specialisation; got {len(rows)} and {len(cols)}")
    if not _is_sparse(values) and len(rows) == len(d) and len(cols) == len(u):  # every line has a specialisation
        # no selection; row-major like the selection below, so that the products sum in the same order
        return np.ascontiguousarray(values), d, u, rows, cols
    sub = values[rows][:, cols] if _is_sparse(values) else values[np.ix_(rows, cols)]
    return sub, d[rows], u[cols], rows, cols


@functools.lru_cache(maxsize=32)
def _syevr_work(n: int) -> tuple[int, int]:
    """Optimal LAPACK ``dsyevr`` work sizes for an ``n`` x ``n`` matrix (what ``scipy.linalg.eigh`` queries on every call)."""
    work, iwork, info = lapack.dsyevr_lwork(n, lower=1)
    if info != 0:
        raise RuntimeError(f"LAPACK dsyevr_lwork failed ({info})")
    return int(np.ceil(work)), int(iwork)


def _top_eigenpairs(s: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``count`` largest eigenvalues (ascending) and eigenvectors of the symmetric ``s``.

    The LAPACK driver ``dsyevr`` called directly, with the arguments that
    ``scipy.linalg.eigh(s, subset_by_index=[k - count, k - 1])`` gives it (identical results,
    without its per-call checks and work-size query: a 35 x 35 matrix takes a third less time).

    >>> vals, vecs = _top_eigenpairs(np.diag([3.0, 1.0, 2.0]), 2)
    >>> vals.tolist(), np.abs(vecs).round(1).tolist()
    ([2.0, 3.0], [[0.0, 1.0], [0.0, 0.0], [1.0, 0.0]])
    """
    k = s.shape[0]
    s = np.asarray(s, dtype=np.float64)
    lwork, liwork = _syevr_work(k)
    vals, vecs, found, _, info = lapack.dsyevr(s, compute_v=1, range="I", il=max(k - count, 0) + 1, iu=k, lower=1, overwrite_a=0, lwork=lwork, liwork=liwork)
    if info != 0 or not np.isfinite(vals[:found]).all():
        return scipy.linalg.eigh(s, subset_by_index=[max(k - count, 0), k - 1])  # scipy's own error handling
    return vals[:found], vecs[:, :found]


def _second_eigenvector(bv: np.ndarray | sp.csr_array, d: np.ndarray, u: np.ndarray, source: str) -> np.ndarray:
    r"""Eigenvector of the second largest eigenvalue of :math:`D_u^{-1} B^\top D_d^{-1} B`.

    That matrix is similar to the symmetric :math:`S = A^\top A`, :math:`A = D_d^{-1/2} B D_u^{-1/2}`;
    if :math:`S w = \lambda w` then :math:`v = D_u^{-1/2} w` is the eigenvector sought.
    """
    n = len(u)
    if _is_sparse(bv):
        bv = sp.csr_array(bv)
        rows = np.repeat(np.arange(bv.shape[0]), np.diff(bv.indptr))
        # D_d^{-1/2} B D_u^{-1/2} by scaling the stored values (O(nnz), no sparse products)
        a = sp.csr_array((bv.data / np.sqrt(d[rows] * u[bv.indices]), bv.indices, bv.indptr), shape=bv.shape)
    else:
        a = bv / np.sqrt(d)[:, None] / np.sqrt(u)[None, :]
    m = a.shape[0]
    if min(n, m) <= DENSE_EIGEN_LIMIT:
        # the symmetric problem on the smaller side: K = A A^T shares the non-zero eigenvalues of
        # S = A^T A, and if K y = lambda y then A^T y is the eigenvector of S (Hidalgo-Hausmann's
        # economy and product sides); the three largest eigenpairs only, by scipy's LAPACK driver
        small = m < n
        s = a @ a.T if small else a.T @ a
        s = s.toarray() if _is_sparse(s) else s
        k = s.shape[0]
        vals, vecs = _top_eigenpairs(s, 3)
        if small:
            vecs = np.asarray(a.T @ vecs)
            vecs /= np.linalg.norm(vecs, axis=0)
    else:
        at = a.T.tocsr() if _is_sparse(a) else a.T
        op = LinearOperator((n, n), matvec=lambda v: at @ (a @ v), dtype=float)
        v0 = np.random.default_rng(20090630).standard_normal(n)
        vals, vecs = eigsh(op, k=3, which="LA", v0=v0, tol=1e-12, maxiter=20 * n)
        order = np.argsort(vals)
        vals, vecs = vals[order], vecs[:, order]
    lam2 = vals[-2]
    if lam2 > 1.0 - 1e-9:
        warnings.warn(f"{source}: the region-technology specialisation network is not connected; the complexity index separates its components", stacklevel=3)
    elif len(vals) >= 3 and abs(lam2 - vals[-3]) < 1e-9:
        warnings.warn(f"{source}: the second eigenvalue ({lam2:.6g}) is not unique; the complexity index is not well defined", stacklevel=3)
    v = vecs[:, -2] / np.sqrt(u)
    return v / np.linalg.norm(v)


def _orient(kp: np.ndarray, bv: np.ndarray | sp.csr_array, d: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sign so that the region index ``(B / d) kp`` correlates positively with diversity.

    Fallbacks when that correlation is 0 or undefined (all regions equally diverse): the
    technology index correlates negatively with ubiquity; else its largest entry is positive.
    """
    kc = np.asarray(bv @ kp).ravel() / d
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.corrcoef(d, kc)[0, 1] if np.std(d) > 0 and np.std(kc) > 0 else np.nan
        if not np.isfinite(r) or r == 0:
            r = -np.corrcoef(u, kp)[0, 1] if np.std(u) > 0 and np.std(kp) > 0 else np.nan
    if not np.isfinite(r) or r == 0:
        r = kp[np.argmax(np.abs(kp))]
    sign = -1.0 if r < 0 else 1.0
    return sign * kp, sign * kc


def _scaled(kp: np.ndarray, kc: np.ndarray, scale: str) -> tuple[np.ndarray, np.ndarray]:
    if scale == "zscore":
        return _zscore(kp), _zscore(kc)
    if scale == "eci":
        sd = np.std(kc)
        return (kp - kc.mean()) / sd, (kc - kc.mean()) / sd
    if scale == "minmax":
        def rescale(v: np.ndarray) -> np.ndarray:
            span = v.max() - v.min()
            return 100.0 * (v - v.min()) / span if span > 0 else np.zeros_like(v)
        return rescale(kp), rescale(kc)
    return kp, kc


def _result(b: Matrix, kp: np.ndarray, kc: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> ComplexityIndex:
    tech = np.full(b.shape[1], np.nan)
    region = np.full(b.shape[0], np.nan)
    tech[cols], region[rows] = kp, kc
    if isinstance(b, pd.DataFrame):
        return ComplexityIndex(pd.Series(tech, index=b.columns.copy(), name="complexity"), pd.Series(region, index=b.index.copy(), name="region_complexity"))
    return ComplexityIndex(tech, region)


def _check_scale(scale: str) -> None:
    if scale not in SCALES:
        raise InputError(f"complexity scale {scale!r}: use one of {', '.join(SCALES)}")


def complexity_eigenvector(b: Matrix, scale: Scale = "zscore", source: str = "specialisation matrix") -> ComplexityIndex:
    r"""Technology complexity by the eigenvector method (Hidalgo and Hausmann 2009).

    With diversity :math:`d_r = \sum_t B_{rt}` and ubiquity :math:`u_t = \sum_r B_{rt}`, the
    technology index is the eigenvector :math:`v` of the second largest eigenvalue of

    .. math:: \tilde M_{tt'} = \frac{1}{u_t} \sum_r \frac{B_{rt} B_{rt'}}{d_r}

    and the region index is :math:`k_r = \frac{1}{d_r} \sum_t B_{rt} v_t`. The sign is chosen so
    that :math:`\operatorname{corr}(k, d) > 0`; then ``scale`` is applied (module docstring).
    Regions or technologies without any specialisation get NaN (with a warning). Identical to
    ``ecomplexity``'s PCI/ECI with ``scale="eci"``; EconGeo's ``tci`` orients by ubiquity and
    divides by the sum of the vector instead (see the methods annex).

    Example:

    >>> import pandas as pd
    >>> x = pd.DataFrame({"ai": [6, 3, 0, 1], "bio": [4, 0, 2, 1], "chem": [0, 3, 4, 8]}, index=["BE", "NL", "SE", "DK"])
    >>> from helpers.methods.specialisation import binary_specialisation, rca
    >>> complexity_eigenvector(binary_specialisation(rca(x))).technology.round(3)
    ai      0.707
    bio     0.707
    chem   -1.414
    Name: complexity, dtype: float64
    """
    _check_scale(scale)
    bv, d, u, rows, cols = _prepare(b, source)
    kp = _second_eigenvector(bv, d, u, source)
    kp, kc = _orient(kp, bv, d, u)
    kp, kc = _scaled(kp, kc, scale)
    return _result(b, kp, kc, rows, cols)


def complexity_reflections(b: Matrix, iterations: int = 20, scale: Scale = "zscore", source: str = "specialisation matrix") -> ComplexityIndex:
    r"""Technology complexity by the method of reflections (Hidalgo and Hausmann 2009; EconGeo ``mort``).

    Starting from :math:`k_{r,0} = d_r` and :math:`k_{t,0} = u_t`:

    .. math::
        k_{r,N} = \frac{1}{d_r} \sum_t B_{rt} k_{t,N-1}, \qquad
        k_{t,N} = \frac{1}{u_t} \sum_r B_{rt} k_{r,N-1}

    for :math:`N = 1 \ldots` ``iterations``; each step is standardised (mean 0, sd 1), which does
    not change the direction and keeps the numbers finite. The result is :math:`k_{t,N}`,
    oriented and scaled like :func:`complexity_eigenvector` (region index
    :math:`\frac{1}{d_r}\sum_t B_{rt} k_{t,N}`). As ``iterations`` grows it converges to the
    eigenvector index; EconGeo's default is 19 steps, here 20.
    """
    _check_scale(scale)
    if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)) or iterations < 1:
        raise InputError(f"reflections: iterations {iterations!r}: give a whole number >= 1")
    bv, d, u, rows, cols = _prepare(b, source)
    bt = bv.T.tocsr() if _is_sparse(bv) else bv.T
    kc, kp = d.astype(float), u.astype(float)
    for _ in range(int(iterations)):
        kc, kp = _zscore(np.asarray(bv @ kp).ravel() / d), _zscore(np.asarray(bt @ kc).ravel() / u)
    kp, kc = _orient(kp, bv, d, u)
    kp, kc = _scaled(kp, kc, scale)
    return _result(b, kp, kc, rows, cols)


def scaling_exponent(x: Matrix, population: pd.Series | np.ndarray, min_cities: int = 3, source: str = "city matrix") -> pd.DataFrame:
    r"""Urban scaling exponent of each technology (Balland et al. 2020).

    For each technology ``t``, the OLS fit over the cities ``c`` with :math:`X_{ct} > 0`

    .. math:: \ln X_{ct} = \alpha_t + \beta_t \ln N_c + \varepsilon_{ct}

    with :math:`N_c` the city's population. :math:`\beta_t > 1`: the activity concentrates more
    than proportionally in large cities (complex); :math:`\beta_t < 1`: it is spread out. Cities
    without activity in ``t`` are left out (the log of 0 is undefined; Balland et al. fit on the
    cities where the activity is present). Technologies present in fewer than ``min_cities``
    cities, or only in cities of one size, get NaN with a warning naming them.

    ``x``: city x technology counts (DataFrame, or sparse/array with ``population`` an array in
    row order); ``population``: Series indexed by city (every city of ``x``, all > 0).
    Returns a DataFrame indexed by technology: ``exponent``, ``intercept``, ``r2``, ``n_cities``.
    """
    _check_values(x, source, axes=("city", "technology"))
    if isinstance(x, pd.DataFrame):
        if not isinstance(population, pd.Series):
            raise InputError(f"{source}: give the population as a Series indexed by city")
        if population.index.has_duplicates:
            raise InputError(f"population: duplicate city {population.index[population.index.duplicated()][0]!r}; give one population per city")
        missing = [c for c in x.index if c not in population.index]
        if missing:
            raise InputError(f"population: no population for cities {_names(missing)}; give one for every row of the {source}")
        pop = pd.to_numeric(population.reindex(x.index), errors="coerce").to_numpy(dtype=float)
        labels = x.columns.copy()
    else:
        pop = np.asarray(population, dtype=float)
        labels = pd.RangeIndex(x.shape[1])
        if pop.shape != (x.shape[0],):
            raise InputError(f"population: {pop.size} values for {x.shape[0]} cities; give one per row")
    bad = ~np.isfinite(pop) | (pop <= 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        name = x.index[i] if isinstance(x, pd.DataFrame) else f"row {i}"
        raise InputError(f"population: {pop[i]!r} for city {name!r}; populations must be numbers > 0")
    if not isinstance(min_cities, (int, np.integer)) or min_cities < 2:
        raise InputError(f"scaling exponent: min_cities {min_cities!r}: give a whole number >= 2")
    lx = np.log(pop)
    shift = lx.mean()
    lx = lx - shift  # centred log population: fewer cancellation errors in the sums below
    values = _raw(x)
    if _is_sparse(values):
        values = values.copy()
        values.eliminate_zeros()
        logy = sp.csr_array((np.log(values.data), values.indices, values.indptr), shape=values.shape)
        present = sp.csr_array((np.ones_like(values.data), values.indices, values.indptr), shape=values.shape)
        n = np.asarray(present.sum(axis=0)).ravel()
        sx, sxx = present.T @ lx, present.T @ lx**2
        sy, syy = np.asarray(logy.sum(axis=0)).ravel(), np.asarray(logy.multiply(logy).sum(axis=0)).ravel()
        sxy = logy.T @ lx
    else:
        present = (values > 0).astype(float)
        with np.errstate(divide="ignore"):
            logy = np.where(values > 0, np.log(np.where(values > 0, values, 1.0)), 0.0)
        n = present.sum(axis=0)
        sx, sxx = present.T @ lx, present.T @ lx**2
        sy, syy, sxy = logy.sum(axis=0), (logy**2).sum(axis=0), logy.T @ lx
    with np.errstate(divide="ignore", invalid="ignore"):
        vxx = n * sxx - sx**2
        vxy = n * sxy - sx * sy
        vyy = n * syy - sy**2
        beta = vxy / vxx
        alpha = (sy - beta * sx) / n - beta * shift
        r2 = np.where(vyy > 0, vxy**2 / (vxx * vyy), 1.0)
    undefined = (n < min_cities) | ~(vxx > 1e-12 * np.maximum(n * sxx, 1.0))
    if undefined.any():
        warnings.warn(f"{source}: scaling exponent undefined (NaN) for {_count(int(undefined.sum()), 'technology')} present in fewer than {min_cities} cities or only in cities of one size: {_names(labels[undefined])}", stacklevel=2)
    beta, alpha, r2 = (np.where(undefined, np.nan, v) for v in (beta, alpha, r2))
    return pd.DataFrame({"exponent": beta, "intercept": alpha, "r2": r2, "n_cities": n.astype(int)}, index=labels)
