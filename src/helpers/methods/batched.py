r"""The framework's chain for many activity matrices at once: placements vectorised over runs.

Every run computes, vectorised over runs (arrays ``runs x regions x technologies``, no loop over
cells), exactly what the single-run functions compute (tested against them to 1e-9):
:func:`~helpers.methods.specialisation.rca` and
:func:`~helpers.methods.specialisation.binary_specialisation` (threshold ties within
:data:`~helpers.methods.specialisation.RCA_TIE_RTOL`);
co-location :math:`C = B_s^\top B_s` with a zero diagonal and its normalisation
(:func:`~helpers.methods.relatedness.relatedness`); the relatedness density of Hidalgo et al.
(2007) and Balland et al. (2019), :math:`D_{ft} = 100 \sum_{k \ne t} B_{fk} R_{kt} / \sum_{k \ne t} R_{kt}`;
the complexity of Hidalgo and Hausmann (2009) by the eigenvector or reflections method, or the
fitness of Tacchella et al. (2012); and the quadrants. For cosine and association strength the
density needs no technology x technology matrix: with :math:`s_k = \sum_{j \ne k} C_{kj}`,
:math:`R_{kt} = C_{kt} w_k w'_t` and the factor of ``t`` cancels, so

.. math:: D_{ft} = 100\, \frac{\sum_k B_{fk} w_k C_{kt}}{\sum_k w_k C_{kt}}, \quad
          w_k = s_k^{-1/2} \text{ (cosine)}, \; s_k^{-1} \text{ (association)},

and :math:`\sum_k v_k C_{kt} = \sum_r B_{rt} (B_s v)_r - v_t u_t` (:math:`u_t` the ubiquity).
The eigenvector complexity solves the small side: the symmetric
:math:`S = A^\top A`, :math:`A = D_d^{-1/2} B_s D_u^{-1/2}`, shares its non-zero eigenvalues with
:math:`K = A A^\top`; if :math:`K y = \lambda y` then :math:`A^\top y` is the eigenvector of
:math:`S`, and :math:`D_u^{-1/2} A^\top y` the complexity. One batched ``numpy.linalg.eigh`` of
``min(regions, technologies)``-sized matrices per chunk of runs.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.stats import rankdata

from helpers.errors import InputError
from helpers.methods.quadrants import QUADRANTS
from helpers.methods.relatedness import RELATEDNESS_METHODS
from helpers.methods.specialisation import RCA_TIE_RTOL

__all__ = ["COMPLEXITY_METHODS", "QUADRANT_KEYS", "Rules", "Runs", "one_thread", "placements"]

#: Quadrant keys in code order: a run's quadrant is stored as its position here, -1 for none.
QUADRANT_KEYS: tuple[str, ...] = tuple(QUADRANTS)
#: Complexity methods computed per run (a fixed vector of values is also accepted).
COMPLEXITY_METHODS: tuple[str, ...] = ("eigenvector", "reflections", "fitness")


@contextmanager
def one_thread() -> Iterator[None]:
    """BLAS on one thread: the batched products and eigenproblems are many small matrices, for which
    OpenBLAS's threads cost ten times the work (``threadpoolctl`` when installed; otherwise unchanged)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - optional
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield




@dataclass(frozen=True)
class Rules:
    """The rules of one placement: RCA ``threshold``; ``relatedness`` (a normalisation of the
    co-location of ``B_s``, or a fixed technology x technology matrix); ``complexity`` (a method of
    :data:`COMPLEXITY_METHODS` or fixed values per technology, NaN for none); ``split``
    (``median``, ``mean`` or fixed ``(x, y)``); ``min_activity`` (regions below it stay out of
    ``B_s``); ``columns`` (the technologies placed, whose medians set the split; default all)."""

    threshold: float = 1.0
    relatedness: str | np.ndarray = "cosine"
    complexity: str | np.ndarray = "eigenvector"
    split: str | tuple[float, float] = "median"
    min_activity: float = 0.0
    columns: np.ndarray | None = None

    def replace(self, **changes: Any) -> Rules:
        """A copy with ``changes``."""
        values = {k: getattr(self, k) for k in ("threshold", "relatedness", "complexity", "split", "min_activity", "columns")}
        return Rules(**(values | changes))


@dataclass
class Runs:
    """The placements of ``n`` runs of ``m`` technologies: ``density`` and ``complexity``
    (``n x m``, NaN where undefined), ``quadrant`` (``n x m`` codes of :data:`QUADRANT_KEYS`,
    -1 for no quadrant or a technology not placed), the split values ``x_split`` and ``y_split``
    (``n``)."""

    density: np.ndarray
    complexity: np.ndarray
    quadrant: np.ndarray
    x_split: np.ndarray
    y_split: np.ndarray
    notes: list[str] = field(default_factory=list)

    @property
    def n_runs(self) -> int:
        return int(self.quadrant.shape[0])

    @staticmethod
    def concat(parts: Sequence[Runs]) -> Runs:
        """The runs of ``parts`` one after the other."""
        return Runs(*(np.concatenate([getattr(p, k) for p in parts]) for k in ("density", "complexity", "quadrant", "x_split", "y_split")),
                    notes=list(dict.fromkeys(n for p in parts for n in p.notes)))



def _masked_z(v: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Per run (row) z-score over the entries of ``mask`` (population sd; 0 where the sd is 0), NaN elsewhere."""
    w = np.where(mask, v, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(w, axis=1, keepdims=True)
        sd = np.nanstd(w, axis=1, keepdims=True)
        out = np.where(sd > 0, (w - mean) / sd, 0.0)
    return np.where(mask, out, np.nan)


def _cov_sign(a: np.ndarray, b: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Sign of the covariance of ``a`` and ``b`` over ``mask`` per run; 0 when either does not vary."""
    n = mask.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        am = np.where(mask, a, 0.0).sum(axis=1, keepdims=True) / n
        bm = np.where(mask, b, 0.0).sum(axis=1, keepdims=True) / n
        da, db = np.where(mask, a - am, 0.0), np.where(mask, b - bm, 0.0)
        cov = (da * db).sum(axis=1)
        varying = (np.sqrt((da * da).sum(axis=1)) > 0) & (np.sqrt((db * db).sum(axis=1)) > 0)
    return np.where(varying & np.isfinite(cov), np.sign(cov), 0.0)


def _orient(kp: np.ndarray, bs: np.ndarray, d: np.ndarray, u: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Sign per run so that the region index correlates positively with diversity
    (fallbacks: negatively with ubiquity; the largest entry positive), as :func:`helpers.methods.complexity._orient`."""
    kp0 = np.where(cols, kp, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        kc = np.einsum("rnm,rm->rn", bs, kp0) / d
    sign = _cov_sign(d, kc, rows)
    fallback = -_cov_sign(u, kp, cols)
    sign = np.where(sign == 0, fallback, sign)
    biggest = np.take_along_axis(kp0, np.argmax(np.abs(kp0), axis=1)[:, None], axis=1)[:, 0]
    sign = np.where(sign == 0, np.where(biggest < 0, -1.0, 1.0), sign)
    return kp * sign[:, None]


def _eigenvector(bs: np.ndarray, d: np.ndarray, u: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    rd = np.where(rows, 1.0 / np.sqrt(np.where(rows, d, 1.0)), 0.0)
    ru = np.where(cols, 1.0 / np.sqrt(np.where(cols, u, 1.0)), 0.0)
    a = bs * rd[:, :, None] * ru[:, None, :]
    if a.shape[1] <= a.shape[2]:  # the small side: K = A A^T (regions x regions)
        _, vecs = np.linalg.eigh(a @ a.transpose(0, 2, 1))
        w = np.einsum("rnm,rn->rm", a, vecs[:, :, -2])
    else:
        _, vecs = np.linalg.eigh(a.transpose(0, 2, 1) @ a)
        w = vecs[:, :, -2]
    v = np.where(cols, w * ru, np.nan)
    kp = _orient(v, bs, d, u, rows, cols)
    return _masked_z(kp, cols)


def _reflections(bs: np.ndarray, d: np.ndarray, u: np.ndarray, rows: np.ndarray, cols: np.ndarray, iterations: int = 20) -> np.ndarray:
    kc, kp = np.where(rows, d, 0.0), np.where(cols, u, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        for _ in range(iterations):
            new_c = _masked_z(np.einsum("rnm,rm->rn", bs, kp) / d, rows)
            new_p = _masked_z(np.einsum("rnm,rn->rm", bs, kc) / u, cols)
            kc, kp = np.where(rows, new_c, 0.0), np.where(cols, new_p, 0.0)
    kp = _orient(np.where(cols, kp, np.nan), bs, d, u, rows, cols)
    return _masked_z(kp, cols)


def _log_floor(v: np.ndarray, mask: np.ndarray) -> np.ndarray:
    positive = mask & (v > 0)
    floor = np.where(positive, v, np.inf).min(axis=1, keepdims=True) / 10.0
    floor = np.where(np.isfinite(floor), floor, 1.0)
    return np.log(np.where(positive, v, floor))


def _fitness(bs: np.ndarray, rows: np.ndarray, cols: np.ndarray, tol: float = 1e-6, max_iter: int = 1000, stable: int = 50) -> np.ndarray:
    """Fitness-complexity (Tacchella et al. 2012) per run with the stopping rules of
    :func:`helpers.methods.fitness.fitness_complexity`; each run stops on its own."""
    n_runs = bs.shape[0]
    f, q = rows.astype(float), cols.astype(float)
    ranks_f = ranks_q = None
    unchanged = np.zeros(n_runs, dtype=int)
    live = np.ones(n_runs, dtype=bool)

    def ranking(v: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return rankdata(np.where(mask, -np.round(np.log(v), 9), np.inf), method="min", axis=1)

    with np.errstate(divide="ignore", over="ignore", under="ignore", invalid="ignore"):
        for _ in range(int(max_iter)):
            k = np.flatnonzero(live)
            if not len(k):
                break
            m, rk, ck = bs[k], rows[k], cols[k]
            f_new = np.where(rk, np.einsum("rnm,rm->rn", m, q[k]), 0.0)
            inv = np.where(rk, 1.0 / f[k], 0.0)
            infinite = np.isinf(inv)
            finite_sum = np.einsum("rnm,rn->rm", m, np.where(infinite, 0.0, inv))
            hits_zero = np.einsum("rnm,rn->rm", m, infinite.astype(float)) > 0
            q_new = np.where(ck, np.where(hits_zero, 0.0, 1.0 / finite_sum), 0.0)
            f_new = f_new / (f_new.sum(axis=1, keepdims=True) / rk.sum(axis=1, keepdims=True))
            q_new = q_new / (q_new.sum(axis=1, keepdims=True) / ck.sum(axis=1, keepdims=True))
            change = np.zeros(len(k))
            for old, new, mask in ((f[k], f_new, rk), (q[k], q_new, ck)):
                both = mask & (old > 0) & (new > 0)
                diff = np.where(both, np.abs(np.log(np.where(both, new, 1.0)) - np.log(np.where(both, old, 1.0))), 0.0)
                change = np.maximum(change, diff.max(axis=1))
            new_f, new_q = ranking(f_new, rk), ranking(q_new, ck)
            if ranks_f is not None:
                same = (new_f == ranks_f[k]).all(axis=1) & (new_q == ranks_q[k]).all(axis=1)
                unchanged[k] = np.where(same, unchanged[k] + 1, 0)
            else:
                ranks_f, ranks_q = np.zeros(f.shape), np.zeros(q.shape)
            f[k], q[k], ranks_f[k], ranks_q[k] = f_new, q_new, new_f, new_q
            live[k] = ~((change < tol) | (unchanged[k] >= stable))
    return _masked_z(_log_floor(q, cols), cols)


def _density(b_focus: np.ndarray, bs: np.ndarray, relatedness: str | np.ndarray) -> np.ndarray:
    """The focus region's relatedness density per run (``runs x technologies``, NaN without relatedness links)."""
    if not isinstance(relatedness, str):
        r = np.array(relatedness, dtype=float, copy=True)
        np.fill_diagonal(r, 0.0)
        num, den = b_focus @ r, r.sum(axis=0)[None, :]
    else:
        d = bs.sum(axis=2)
        u = bs.sum(axis=1)
        s = np.einsum("rnm,rn->rm", bs, d) - u  # row sums of C = B_s^T B_s with a zero diagonal

        def times_c(v: np.ndarray) -> np.ndarray:  # v @ C per run
            return np.einsum("rnm,rn->rm", bs, np.einsum("rnm,rm->rn", bs, v)) - v * u

        with np.errstate(divide="ignore", invalid="ignore"):
            if relatedness in ("cosine", "association"):
                w = np.where(s > 0, 1.0 / (np.sqrt(s) if relatedness == "cosine" else s), 0.0)
                num, den = times_c(b_focus * w), times_c(w)
            else:
                c = bs.transpose(0, 2, 1) @ bs
                idx = np.arange(c.shape[1])
                c[:, idx, idx] = 0.0
                total = s.sum(axis=1)[:, None, None]
                si, sj = s[:, :, None], s[:, None, :]
                r = c / ((si * sj / 2.0) * (1.0 / (total - si) + 1.0 / (total - sj)))
                r = np.where(c > 0, r, 0.0)
                num, den = np.einsum("rk,rkt->rt", b_focus, r), r.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 * num / den
    return np.where(den == 0, np.nan, out)


def _quadrants(x: np.ndarray, y: np.ndarray, split: str | tuple[float, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ok = np.isfinite(x) & np.isfinite(y)
    xo, yo = np.where(ok, x, np.nan), np.where(ok, y, np.nan)
    n = x.shape[0]
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if split == "median":
            sx, sy = np.nanmedian(xo, axis=1), np.nanmedian(yo, axis=1)
        elif split == "mean":
            sx, sy = np.nanmean(xo, axis=1), np.nanmean(yo, axis=1)
        else:
            sx, sy = np.full(n, float(split[0])), np.full(n, float(split[1]))
    hx, hy = x >= sx[:, None], y >= sy[:, None]
    code = np.where(hy, np.where(hx, 0, 1), np.where(hx, 2, 3)).astype(np.int8)
    return np.where(ok, code, -1).astype(np.int8), sx, sy


def _check_rules(rules: Rules, m: int) -> None:
    if not np.isfinite(rules.threshold) or rules.threshold <= 0:
        raise InputError(f"RCA threshold {rules.threshold!r}: give a number > 0")
    if isinstance(rules.relatedness, str):
        if rules.relatedness not in RELATEDNESS_METHODS:
            raise InputError(f"relatedness normalisation {rules.relatedness!r}: use one of {', '.join(RELATEDNESS_METHODS)}")
    elif np.shape(rules.relatedness) != (m, m):
        raise InputError(f"relatedness matrix of shape {np.shape(rules.relatedness)}: give {m} x {m} values for the {m} technologies")
    if isinstance(rules.complexity, str):
        if rules.complexity not in COMPLEXITY_METHODS:
            raise InputError(f"complexity method {rules.complexity!r}: use one of {', '.join(COMPLEXITY_METHODS)} or fixed values")
    elif np.shape(rules.complexity) != (m,):
        raise InputError(f"complexity: {np.size(rules.complexity)} fixed values for {m} technologies; give one per technology (NaN for none)")
    if isinstance(rules.split, str) and rules.split not in ("median", "mean"):
        raise InputError(f"quadrant split {rules.split!r}: use 'median', 'mean' or two numbers (x, y)")


def placements(xs: np.ndarray, focus: int | None, rules: Rules = Rules(), *, totals: np.ndarray | None = None,
               outside: np.ndarray | None = None, outside_total: np.ndarray | None = None) -> Runs:
    r"""The focus region's placements for a batch of activity matrices ``xs`` (``runs x regions x technologies``).

    Per run, as the single-run functions: :math:`RCA = (X_{rt}/X_{r\cdot}) / (X_{\cdot t}/X_{\cdot\cdot})`
    (0 where undefined); :math:`B = RCA \ge` threshold; :math:`B_s` = the rows of ``B`` of the
    regions with total activity :math:`\ge` ``min_activity``; relatedness density of the
    ``focus`` row of ``B`` (module docstring); complexity of :math:`B_s` (z-scores, NaN for a
    technology without specialisation) or the fixed values; quadrants split over ``columns``.

    ``totals`` (``runs x regions``, optional): each region's activity in *all* technologies, the
    RCA denominator :math:`X_{r\cdot}` when ``xs`` holds only some of them (the world total is
    their sum over the rows); default the row sums of ``xs``. ``outside`` (``runs x
    technologies``, optional): the counts of a focus region that is not a row of ``xs`` and
    does not enter the world totals, ``B_s``, relatedness or complexity (an aggregate such as
    Flanders, the sum of its provinces, among the NUTS-2 regions), with ``outside_total`` its
    activity in all technologies (default its sum); its RCA is
    :math:`(O_t / O_\cdot) / (X_{\cdot t} / X_{\cdot\cdot})` and ``focus`` must be None.

    >>> x = np.array([[6, 4, 0, 1.0], [3, 0, 3, 2], [0, 2, 4, 5], [1, 1, 8, 0], [2, 6, 1, 1]])
    >>> runs = placements(x[None], focus=0)
    >>> np.round(runs.density, 1), np.round(runs.complexity, 2)
    (array([[ 46.4, 100. ,  33.3,  33.3]]), array([[-0.26, -1.52,  0.94,  0.84]]))
    >>> [QUADRANT_KEYS[c] for c in runs.quadrant[0]]
    ['low_risk', 'low_risk', 'moonshot', 'moonshot']
    """
    xs = np.asarray(xs, dtype=float)
    if xs.ndim != 3:
        raise InputError(f"placements: give a batch of matrices (runs x regions x technologies); got {xs.ndim} dimensions")
    _check_rules(rules, xs.shape[2])
    if (outside is None) == (focus is None):
        raise InputError("placements: give the focus as a row of the matrices or as counts outside them (outside=...), not both")
    row = xs.sum(axis=2) if totals is None else np.broadcast_to(np.asarray(totals, dtype=float), xs.shape[:2])
    col = xs.sum(axis=1)
    cut = rules.threshold * (1.0 - RCA_TIE_RTOL)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        world = col / (col if totals is None else row).sum(axis=1, keepdims=True)  # each technology's share of the world's activity
        rca = np.nan_to_num((xs / row[:, :, None]) / world[:, None, :], nan=0.0, posinf=0.0)
        if outside is not None:
            o = np.broadcast_to(np.asarray(outside, dtype=float), (xs.shape[0], xs.shape[2]))
            o_total = o.sum(axis=1) if outside_total is None else np.broadcast_to(np.asarray(outside_total, dtype=float), (xs.shape[0],))
            b_focus = (np.nan_to_num((o / o_total[:, None]) / world, nan=0.0, posinf=0.0) >= cut).astype(float)
    b = (rca >= cut).astype(float)
    bs = b * (row >= rules.min_activity)[:, :, None]
    density = _density(b[:, focus, :] if outside is None else b_focus, bs, rules.relatedness)
    if isinstance(rules.complexity, str):
        d, u = bs.sum(axis=2), bs.sum(axis=1)
        rows, cols = d > 0, u > 0
        method = {"eigenvector": _eigenvector, "reflections": _reflections}.get(rules.complexity)
        complexity = method(bs, d, u, rows, cols) if method else _fitness(bs, rows, cols)
        too_few = (rows.sum(axis=1) < 2) | (cols.sum(axis=1) < 2)
        complexity[too_few] = np.nan
    else:
        complexity = np.broadcast_to(np.asarray(rules.complexity, dtype=float), density.shape).copy()
    placed = np.zeros(xs.shape[2], dtype=bool)
    placed[np.arange(xs.shape[2]) if rules.columns is None else np.asarray(rules.columns)] = True
    q, sx, sy = _quadrants(np.where(placed, density, np.nan), np.where(placed, complexity, np.nan), rules.split)
    return Runs(density, complexity, q, sx, sy)


