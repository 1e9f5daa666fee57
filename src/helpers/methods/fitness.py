r"""Fitness and complexity by the non-linear map of Tacchella et al. (2012).

* :func:`fitness_complexity` - region fitness :math:`F` and technology complexity :math:`Q`
  (Tacchella, Cristelli, Caldarelli, Gabrielli and Pietronero 2012, "A new metrics for
  countries' fitness and products' complexity", *Scientific Reports* 2: 723), for a binary
  region x technology specialisation matrix :math:`M` (``binary_specialisation(rca(X))``).

The input is checked exactly as by :func:`helpers.methods.complexity.complexity_eigenvector`
(the same function does it): an empty matrix, NaN, negative values or values above 1 raise
:class:`~helpers.errors.InputError`; regions or technologies without any specialisation keep
their place in the result with NaN and a warning naming them; fewer than 2 regions or 2
technologies with a specialisation raise :class:`~helpers.errors.InputError`.

The book compares fitness and complexity with the other complexity measures on a log scale
(:math:`\log F`, :math:`\log Q`): the map is multiplicative and its values span orders of
magnitude. Scales (``scale=``): ``zscore`` (default; :math:`\log F` and :math:`\log Q` each
standardised by its own mean and population standard deviation), ``minmax`` (:math:`\log F`,
:math:`\log Q` rescaled to 0-100), ``log`` (:math:`\log F`, :math:`\log Q`) and ``raw``
(:math:`F`, :math:`Q` themselves, mean 1 over the regions and technologies with a value).
Values that went to 0 give :math:`-\infty` in log: before the log they are replaced by the
smallest positive value of the same index divided by 10 (so they stay last, one decade below).
"""

from __future__ import annotations

import warnings
from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.stats import rankdata

from helpers.errors import InputError
from helpers.methods.complexity import ComplexityIndex, _prepare
from helpers.methods.matrix import Matrix, _zscore

FitnessScale = Literal["zscore", "minmax", "log", "raw"]
#: Scales accepted by :func:`fitness_complexity`.
FITNESS_SCALES: tuple[str, ...] = ("zscore", "minmax", "log", "raw")

__all__ = ["FITNESS_SCALES", "FitnessConvergenceWarning", "FitnessIndex", "fitness_complexity"]


class FitnessConvergenceWarning(UserWarning):
    """The fitness-complexity map reached ``max_iter`` before either stopping rule held."""


class FitnessIndex(ComplexityIndex):
    """A :class:`~helpers.methods.complexity.ComplexityIndex` (``technology`` = complexity Q,
    ``region`` = fitness F) that also says how the iteration ended.

    ``iterations``: how many times the map was applied; ``converged``: a stopping rule held
    before ``max_iter``; ``stopped_by``: ``"tol"`` (values), ``"ranking"`` (ranking stable) or
    ``"max_iter"``. It unpacks and compares like the two-field tuple.
    """

    iterations: int
    converged: bool
    stopped_by: str

    def __new__(cls, technology: pd.Series | np.ndarray, region: pd.Series | np.ndarray, iterations: int = 0, converged: bool = False, stopped_by: str = "max_iter") -> FitnessIndex:  # noqa: PYI034 (Python 3.10: no typing.Self)
        self = super().__new__(cls, technology, region)
        self.iterations, self.converged, self.stopped_by = int(iterations), bool(converged), stopped_by
        return self


def _log(v: np.ndarray) -> np.ndarray:
    """``log v`` with zeros replaced by (smallest positive value of ``v``) / 10."""
    positive = v[v > 0]
    floor = positive.min() / 10.0 if positive.size else 1.0
    return np.log(np.where(v > 0, v, floor))


def _scale(v: np.ndarray, scale: str) -> np.ndarray:
    if scale == "raw":
        return v
    lv = _log(v)
    if scale == "zscore":
        return _zscore(lv)
    if scale == "minmax":
        span = lv.max() - lv.min()
        return 100.0 * (lv - lv.min()) / span if span > 0 else np.zeros_like(lv)
    return lv


def _check_parameters(scale: str, tol: float, max_iter: int, stable: int) -> None:
    if scale not in FITNESS_SCALES:
        raise InputError(f"fitness scale {scale!r}: use one of {', '.join(FITNESS_SCALES)}")
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.integer, np.floating)) or not np.isfinite(tol) or tol <= 0:
        raise InputError(f"fitness: tol {tol!r}: give a number > 0, e.g. 1e-6")
    for name, value in (("max_iter", max_iter), ("stable", stable)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise InputError(f"fitness: {name} {value!r}: give a whole number >= 1")


def _ranking(v: np.ndarray) -> np.ndarray:
    """Rank of every entry, highest first; values equal to 9 decimals in log share a rank.

    Without that tolerance, entries that go to 0 at the same rate swap places by rounding
    noise (relative 1e-16) at every step and the ranking never looks stable.
    """
    return rankdata(-np.round(np.log(v), 9), method="min")


def fitness_complexity(
    b: Matrix,
    scale: FitnessScale = "zscore",
    tol: float = 1e-6,
    max_iter: int = 1000,
    stable: int = 50,
    source: str = "specialisation matrix",
) -> FitnessIndex:
    r"""Region fitness and technology complexity (Tacchella et al. 2012).

    From :math:`F^{(0)}_r = Q^{(0)}_t = 1`, for :math:`n = 1, 2, \ldots`

    .. math::
        \tilde F^{(n)}_r = \sum_t M_{rt}\, Q^{(n-1)}_t, \qquad
        \tilde Q^{(n)}_t = \frac{1}{\sum_r M_{rt} / F^{(n-1)}_r}, \qquad
        F^{(n)}_r = \frac{\tilde F^{(n)}_r}{\langle \tilde F^{(n)} \rangle_r}, \quad
        Q^{(n)}_t = \frac{\tilde Q^{(n)}_t}{\langle \tilde Q^{(n)} \rangle_t}

    (both updates use the previous step; :math:`\langle\cdot\rangle` is the mean). A region is
    fit when it is diverse and specialised in complex technologies; a technology is complex
    when the regions specialised in it are fit, and the harmonic-type sum lets the least fit
    region dominate: a technology that weak regions master is not complex.

    *Convergence.* The map stops at the first iteration :math:`n` at which either

    1. :math:`\max\left(|\log F^{(n)} - \log F^{(n-1)}|, |\log Q^{(n)} - \log Q^{(n-1)}|\right)
       < ` ``tol``, the maximum taken over the entries positive at both steps; or
    2. the ranking of :math:`F` and that of :math:`Q` have not changed for ``stable``
       consecutive iterations (values equal to 9 decimals in :math:`\log` count as tied, so
       that rounding noise between entries going to 0 at the same rate is not a change).

    Rule 2 is needed because on most matrices some values never settle: only when the ordered
    matrix's diagonal does not cross its empty part are all values guaranteed to stay non-zero
    at the fixed point; otherwise the fitness of some regions and the complexity of some
    technologies go to 0, at a speed set by the matrix's structure (Pugliese, Zaccaria and
    Pietronero 2016, "On the convergence of the Fitness-Complexity algorithm", *EPJ Special
    Topics* 225: 1893-1911). Even on a perfectly triangular matrix all but the top values fall
    towards 0, slowly (as a power of :math:`n`), so rule 1 never holds; the *ranking* settles
    long before the values. The values of such entries depend on when the map stops; their
    order does not. If ``max_iter`` is reached first, a :class:`FitnessConvergenceWarning` is
    given and the last iterate returned with ``converged`` False.

    Returns a :class:`FitnessIndex`: ``technology`` (complexity :math:`Q`) and ``region``
    (fitness :math:`F`), as Series named ``complexity`` and ``fitness`` for a DataFrame, arrays
    in row/column order for a sparse matrix or an array, NaN for regions or technologies without
    any specialisation; scaled by ``scale`` (module docstring; ``zscore`` of :math:`\log F`,
    :math:`\log Q` by default, zeros replaced by the smallest positive value / 10 before the
    log); plus ``iterations``, ``converged`` and ``stopped_by``. Both indices increase with
    fitness and complexity: no orientation step is needed.

    Example (region R1 has all three technologies, R3 only the ubiquitous ``a``):

    >>> import pandas as pd
    >>> b = pd.DataFrame([[1, 1, 1], [1, 1, 0], [1, 0, 0]], index=["R1", "R2", "R3"], columns=["a", "b", "c"])
    >>> fc = fitness_complexity(b, scale="raw")
    >>> fc.converged, fc.stopped_by, fc.iterations
    (True, 'ranking', 51)
    >>> fc.region.round(3)
    R1    2.892
    R2    0.104
    R3    0.004
    Name: fitness, dtype: float64
    >>> fitness_complexity(b).technology.round(3)
    a   -1.224
    b   -0.002
    c    1.226
    Name: complexity, dtype: float64
    """
    _check_parameters(scale, tol, max_iter, stable)
    bv, _, _, rows, cols = _prepare(b, source)
    m = sp.csr_array(bv, dtype=float)
    mt = sp.csr_array(m.T)
    f, q = np.ones(m.shape[0]), np.ones(m.shape[1])
    ranks, unchanged, stopped_by, n = None, 0, "max_iter", 0
    with np.errstate(divide="ignore", over="ignore", under="ignore"):
        for n in range(1, int(max_iter) + 1):
            f_new = m @ q
            q_new = 1.0 / (mt @ (1.0 / f))  # F_r = 0 -> 1/F_r = inf -> Q_t = 0 for its technologies
            f_new, q_new = f_new / f_new.mean(), q_new / q_new.mean()
            change = 0.0
            for old, new in ((f, f_new), (q, q_new)):
                both = (old > 0) & (new > 0)
                if both.any():
                    change = max(change, float(np.max(np.abs(np.log(new[both]) - np.log(old[both])))))
            new_ranks = (_ranking(f_new), _ranking(q_new))
            if ranks is not None and all(np.array_equal(a, c) for a, c in zip(ranks, new_ranks)):
                unchanged += 1
            else:
                unchanged = 0
            f, q, ranks = f_new, q_new, new_ranks
            if change < tol:
                stopped_by = "tol"
                break
            if unchanged >= stable:
                stopped_by = "ranking"
                break
    converged = stopped_by != "max_iter"
    if not converged:
        warnings.warn(
            f"{source}: fitness-complexity did not converge in {max_iter} iterations (ranking stable for "
            f"{unchanged} of {stable} iterations, largest log change {change:.3g} >= tol {tol:g}); raise max_iter",
            FitnessConvergenceWarning,
            stacklevel=2,
        )
    tech, region = np.full(b.shape[1], np.nan), np.full(b.shape[0], np.nan)
    tech[cols], region[rows] = _scale(q, scale), _scale(f, scale)
    if isinstance(b, pd.DataFrame):
        tech = pd.Series(tech, index=b.columns.copy(), name="complexity")
        region = pd.Series(region, index=b.index.copy(), name="fitness")
    return FitnessIndex(tech, region, n, converged, stopped_by)
