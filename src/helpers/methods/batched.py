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

__all__ = ["COMPLEXITY_METHODS", "QUADRANT_KEYS", "Rules", "Runs", "aggregate_placements", "composite_placements", "one_thread",
           "placements", "weighted_means"]

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
    (``n``); ``activity`` (``n x m``, or None): each technology's activity summed over the regions
    of the run's matrix, the weights of :func:`aggregate_placements`."""

    density: np.ndarray
    complexity: np.ndarray
    quadrant: np.ndarray
    x_split: np.ndarray
    y_split: np.ndarray
    notes: list[str] = field(default_factory=list)
    activity: np.ndarray | None = None

    @property
    def n_runs(self) -> int:
        return int(self.quadrant.shape[0])

    @staticmethod
    def concat(parts: Sequence[Runs]) -> Runs:
        """The runs of ``parts`` one after the other."""
        activity = np.concatenate([p.activity for p in parts]) if parts and all(p.activity is not None for p in parts) else None
        return Runs(*(np.concatenate([getattr(p, k) for p in parts]) for k in ("density", "complexity", "quadrant", "x_split", "y_split")),
                    notes=list(dict.fromkeys(n for p in parts for n in p.notes)), activity=activity)



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
               outside: np.ndarray | None = None, outside_total: np.ndarray | None = None, orient_to: np.ndarray | None = None) -> Runs:
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

    ``orient_to`` (``technologies``, optional): a reference complexity, the data's own. The sign of an
    eigenvector is arbitrary and the rule that fixes it (the region index correlates positively with
    diversity) is near a tie when that correlation is near 0: a small perturbation flips the whole
    axis. With ``orient_to``, each run's computed complexity (eigenvector, reflections) takes the sign
    under which it covaries positively with the reference instead, as bootstrap replicates of an
    eigenvector are aligned with the estimate; so a run measures the data's uncertainty, not the tie.

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
        if method and orient_to is not None:
            ref = np.broadcast_to(np.asarray(orient_to, dtype=float), complexity.shape)
            both = np.isfinite(complexity) & np.isfinite(ref)
            flip = _cov_sign(np.where(both, complexity, 0.0), np.where(both, ref, 0.0), both) < 0
            complexity = np.where(flip[:, None], -complexity, complexity)
    else:
        complexity = np.broadcast_to(np.asarray(rules.complexity, dtype=float), density.shape).copy()
    placed = np.zeros(xs.shape[2], dtype=bool)
    placed[np.arange(xs.shape[2]) if rules.columns is None else np.asarray(rules.columns)] = True
    q, sx, sy = _quadrants(np.where(placed, density, np.nan), np.where(placed, complexity, np.nan), rules.split)
    return Runs(density, complexity, q, sx, sy, activity=col)




# ------------------------------------------------------------------------ placements of groups


def weighted_means(values: np.ndarray, membership: np.ndarray, weights: np.ndarray) -> np.ndarray:
    r"""Per run the mean of a per-code measure over each group's codes, weighted (``runs x groups``):

    .. math:: \bar v_{kg} = \frac{\sum_s M_{sg}\, w_{ks} v_{ks}}{\sum_s M_{sg}\, w_{ks}}

    ``values`` and ``weights`` are ``runs x codes``, ``membership`` :math:`M` is ``codes x groups``
    (0/1). A code without a value (NaN) is left out of both sums; a group whose codes all lack a
    value or weight is NaN. Per run, :func:`helpers.methods.aggregation.weighted_group_mean`.

    >>> v = np.array([[10.0, 40, 99], [20, np.nan, 99]])
    >>> w = np.array([[3.0, 1, 5], [3, 1, 5]])
    >>> m = np.array([[1.0, 0], [1, 0], [0, 0]])
    >>> weighted_means(v, m, w)  # run 0: (3*10 + 1*40) / 4; run 1: B has no value
    array([[17.5,  nan],
           [20. ,  nan]])
    """
    values, weights = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    m = np.asarray(membership, dtype=float)
    if values.ndim != 2 or values.shape != weights.shape or m.ndim != 2 or m.shape[0] != values.shape[1]:
        raise InputError(f"weighted means: values {values.shape} and weights {weights.shape} (runs x codes) with a membership of "
                         f"{m.shape} (codes x groups); give the same codes in all three")
    if (weights < 0).any():
        raise InputError("weighted means: weights must be >= 0")
    w = np.where(np.isnan(values), 0.0, weights)
    num, den = (w * np.nan_to_num(values, nan=0.0)) @ m, w @ m
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, np.nan)


def aggregate_placements(runs: Runs, membership: np.ndarray, *, complexity: np.ndarray | None = None,
                         split: str | tuple[float, float] = "median") -> Runs:
    r"""The placements of groups of codes in every run (the report's technologies from IPC subclasses,
    :mod:`helpers.chapters.technologies.ipc_technologies`): density and complexity of group :math:`g`
    are the means over its codes weighted by the run's activity in each code (:func:`weighted_means`
    with :math:`w_{ks}` = ``runs.activity``), or ``complexity`` held fixed per group (NaN: none); the
    quadrant by ``split`` over the groups with both values. ``membership``: ``codes x groups`` (0/1),
    the codes in the order of the runs' columns.

    >>> runs = Runs(density=np.array([[10.0, 30, 50, 70], [40, 30, 50, 10]]), complexity=np.array([[1.0, -1, 0, 2], [1, -1, 0, 2]]),
    ...             quadrant=np.zeros((2, 4), dtype=np.int8), x_split=np.zeros(2), y_split=np.zeros(2), activity=np.ones((2, 4)))
    >>> m = np.array([[1.0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    >>> groups = aggregate_placements(runs, m)
    >>> groups.density, groups.complexity[0]
    (array([[20., 50., 70.],
           [35., 50., 10.]]), array([0., 0., 2.]))
    >>> [[QUADRANT_KEYS[c] for c in row] for row in groups.quadrant]
    [['moonshot', 'optimal', 'optimal'], ['optimal', 'optimal', 'moonshot']]
    """
    if runs.activity is None:
        raise InputError("aggregate placements: the runs carry no activity per code to weigh with; compute them with placements()")
    m = np.asarray(membership, dtype=float)
    density = weighted_means(runs.density, m, runs.activity)
    if complexity is None:
        values = weighted_means(runs.complexity, m, runs.activity)
    else:
        fixed = np.asarray(complexity, dtype=float)
        if fixed.shape != (m.shape[1],):
            raise InputError(f"aggregate placements: {fixed.size} fixed complexities for {m.shape[1]} groups; give one per group (NaN for none)")
        values = np.broadcast_to(fixed, density.shape).copy()
    q, sx, sy = _quadrants(density, values, split)
    return Runs(density, values, q, sx, sy, notes=list(runs.notes), activity=runs.activity @ m)


def composite_placements(densities: np.ndarray, complexity: np.ndarray, split: str | tuple[float, float] = "median") -> Runs:
    r"""The composite relatedness density of several sources in every run and its placements (the
    book's summary by the CEPS method, :func:`helpers.methods.composite.composite_rank` per run).

    ``densities``: ``runs x technologies x sources``; ``complexity``: ``runs x technologies``. Per
    run, over the technologies with a density in every source, each source's densities are ranked
    (ties the average rank, 1 the lowest), the ranks summed and rescaled to 0-100,
    :math:`C_{kt} = 100 (S_{kt} - \min_t S_{kt}) / (\max_t S_{kt} - \min_t S_{kt})`
    (50 when all sums are equal; NaN for a technology missing in a source); the quadrant by ``split``.

    >>> d = np.array([[[10.0, 5], [30, 5], [20, 9]]])  # one run, three technologies, two sources
    >>> runs = composite_placements(d, np.array([[0.5, -1.0, 2.0]]))
    >>> runs.density  # as composite_rank: ai 0, bio 80, chem 100
    array([[  0.,  80., 100.]])
    >>> [QUADRANT_KEYS[c] for c in runs.quadrant[0]]
    ['moonshot', 'low_risk', 'optimal']
    """
    d = np.asarray(densities, dtype=float)
    c = np.asarray(complexity, dtype=float)
    if d.ndim != 3 or c.shape != d.shape[:2]:
        raise InputError(f"composite placements: densities {d.shape} (runs x technologies x sources) and complexity {c.shape} "
                         "(runs x technologies); give the same runs and technologies")
    complete = np.isfinite(d).all(axis=2)
    ranks = np.stack([rankdata(np.where(complete, d[:, :, s], np.inf), method="average", axis=1) for s in range(d.shape[2])], axis=2)
    total = np.where(complete, ranks.sum(axis=2), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        low, high = np.nanmin(total, axis=1, keepdims=True), np.nanmax(total, axis=1, keepdims=True)
        composite = np.where(high > low, 100.0 * (total - low) / (high - low), 50.0)
    composite = np.where(complete, composite, np.nan)
    q, sx, sy = _quadrants(composite, c, split)
    return Runs(composite, c, q, sx, sy)
