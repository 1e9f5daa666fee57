r"""How sure is a quadrant placement: resampling and rule sensitivity of the whole framework.

A technology's quadrant (:mod:`helpers.methods.quadrants`) comes from a chain of measures on the
region x technology activity matrix :math:`X`: RCA, binary specialisation :math:`B`, relatedness
(co-location :math:`B_s^\top B_s` or a fixed matrix), the focus region's relatedness density, the
complexity and the split lines. This module reruns the whole chain many times ("runs") on
perturbed inputs and summarises, per technology, how often it lands in each quadrant.

Perturbations (each run draws its own :class:`numpy.random.Generator` from
``SeedSequence(seed).spawn(n_runs)``, so run ``k`` is the same whatever the number of runs or
the chunk size, and the same seed gives identical results):

* **count noise** (:func:`poisson_counts`): every count is redrawn from a Poisson distribution
  with the observed value as its mean, :math:`X^{(k)}_{rt} = \mathrm{Poisson}(s X_{rt}) / s`.
  ``scale`` :math:`s` is the number of independent events per unit of the data: 1 for whole
  counts (patents); 1 for fractional article counts too (a fractional count of 0.3 is about a
  third of an article: the noise is that of the articles, the redrawn value a whole number);
  for amounts (USD) the number of deals per unit, e.g. :math:`1/10^6` for deals of about a
  million. The parametric bootstrap of counts (Efron and Tibshirani 1993, ch. 6).
* **bootstrap of regions** (:func:`bootstrap_regions`): the comparison regions are drawn with
  replacement (Efron 1979); the focus region is always kept, once, at its own row. A focus may
  also be a group outside the world totals (Flanders, the sum of its provinces, among the NUTS-2
  regions): its members are kept and its counts are their sum in each run; ``totals`` gives the
  regions' activity in all technologies when the matrix holds only some (published RCA).
* **rule sensitivity** (:func:`rule_sensitivity`): one deterministic rerun per rule change
  (RCA threshold, split rule, relatedness normalisation, complexity method).

The chain of each run is computed by :func:`helpers.methods.batched.placements`, vectorised over
runs and equal to the single-run functions; the runs of fine codes give those of the groups they make
up (:func:`helpers.methods.batched.aggregate_placements`: weighted means per run) and those of several
sources a composite (:func:`helpers.methods.batched.composite_placements`: composite rank per run).
:func:`stability` summarises the runs per technology: the share of runs in each quadrant, the
5th-95th percentile of density and complexity, and a label: ``stable`` when at least 80% of the
runs put it in the quadrant it is shown in, ``leaning`` from 60%, ``undecided`` below.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from helpers.errors import InputError
from helpers.methods.batched import (COMPLEXITY_METHODS, QUADRANT_KEYS, Rules, Runs, aggregate_placements, composite_placements, one_thread,
                                     placements)
from helpers.methods.relatedness import RELATEDNESS_METHODS

__all__ = [
    "COMPLEXITY_METHODS",
    "QUADRANT_KEYS",
    "STABILITY_LABELS",
    "Rules",
    "Runs",
    "aggregate_placements",
    "bootstrap_regions",
    "composite_placements",
    "placements",
    "poisson_counts",
    "resample_placements",
    "resampled_matrices",
    "rule_sensitivity",
    "rule_variants",
    "stability",
]

#: A focus region: a row of the activity matrix (label or position), or the rows of a group outside the world totals.
Focus = int | str | Sequence[int | str]
#: Stability labels, most certain first.
STABILITY_LABELS: tuple[str, ...] = ("stable", "leaning", "undecided")
#: Budget of one chunk of runs, in float64 cells of the largest batched array.
_CHUNK_CELLS = 6_000_000


# ------------------------------------------------------------------------------------ inputs


def _activity(x: pd.DataFrame | np.ndarray) -> np.ndarray:
    values = x.to_numpy(dtype=float) if isinstance(x, pd.DataFrame) else np.asarray(x, dtype=float)
    if values.ndim != 2 or values.shape[0] < 2 or values.shape[1] < 2:
        raise InputError(f"robustness: give a regions x technologies matrix with at least 2 of each; got shape {values.shape}")
    if not np.all(np.isfinite(values)) or (values < 0).any():
        raise InputError("robustness: the activity matrix must hold finite numbers >= 0")
    return values


def _row(x: pd.DataFrame | np.ndarray, focus: int | str) -> int:
    if isinstance(x, pd.DataFrame) and not isinstance(focus, (int, np.integer)):
        if focus not in x.index:
            raise InputError(f"robustness: focus region {focus!r} is not a row of the activity matrix")
        return int(x.index.get_loc(focus))
    if not isinstance(focus, (int, np.integer)) or not 0 <= int(focus) < x.shape[0]:
        raise InputError(f"robustness: focus {focus!r}: give a row position or a region label of the matrix")
    return int(focus)


def _focus(x: pd.DataFrame | np.ndarray, focus: Focus) -> tuple[int | None, np.ndarray]:
    """(the focus row, or None for a group outside the world; the rows every bootstrap sample keeps)."""
    if isinstance(focus, (list, tuple, np.ndarray, pd.Index)):
        members = [_row(x, m) for m in focus]
        if not members or len(set(members)) != len(members) or len(members) >= x.shape[0]:
            raise InputError(f"robustness: a focus group of {len(members)} rows: give distinct member rows, at least one and fewer than all")
        return None, np.array(sorted(members), dtype=np.intp)
    f = _row(x, focus)
    return f, np.array([f], dtype=np.intp)


def _totals(x: pd.DataFrame | np.ndarray, totals: pd.Series | np.ndarray | None) -> np.ndarray | None:
    if totals is None:
        return None
    if isinstance(totals, pd.Series) and isinstance(x, pd.DataFrame):
        missing = x.index.difference(totals.index)
        if len(missing):
            raise InputError(f"robustness: no total activity for region {missing[0]!r}; give one per row of the matrix")
        totals = totals.reindex(x.index)
    values = np.asarray(totals, dtype=float)
    if values.shape != (x.shape[0],) or not np.all(np.isfinite(values)) or (values < 0).any():
        raise InputError(f"robustness: totals of shape {values.shape}: give one finite number >= 0 per region ({x.shape[0]})")
    return values


def _rngs(n_runs: int, seed: int) -> list[np.random.Generator]:
    if isinstance(n_runs, bool) or not isinstance(n_runs, (int, np.integer)) or n_runs < 1:
        raise InputError(f"robustness: number of runs {n_runs!r}: give a whole number >= 1")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InputError(f"robustness: seed {seed!r}: give a whole number >= 0")
    return [np.random.default_rng(s) for s in np.random.SeedSequence(int(seed)).spawn(int(n_runs))]


def _draw_regions(rng: np.random.Generator, n: int, keep: int | np.ndarray) -> np.ndarray:
    """One bootstrap sample of row indices: the rows of ``keep`` at their own place, the others drawn with replacement from the others."""
    free = np.ones(n, dtype=bool)
    free[keep] = False
    idx = np.arange(n, dtype=np.intp)
    idx[free] = rng.choice(np.flatnonzero(free), size=int(free.sum()), replace=True)
    return idx


def bootstrap_regions(n_regions: int, focus: int, n_runs: int, seed: int) -> np.ndarray:
    """Row indices of ``n_runs`` bootstrap samples of the regions (Efron 1979), ``n_runs x n_regions``.

    Row ``focus`` of every sample is the focus region itself (kept once, always); the other
    ``n_regions - 1`` rows are drawn with replacement from the other regions. ``x[idx[k]]`` is
    the activity matrix of run ``k``.

    >>> idx = bootstrap_regions(5, 2, n_runs=3, seed=1)
    >>> idx.shape, bool((idx[:, 2] == 2).all()), bool((np.delete(idx, 2, axis=1) != 2).all())
    ((3, 5), True, True)
    >>> bool((bootstrap_regions(5, 2, n_runs=3, seed=1) == idx).all())
    True
    """
    if n_regions < 2 or not 0 <= focus < n_regions:
        raise InputError(f"bootstrap of regions: focus {focus} among {n_regions} regions; give at least 2 regions and the focus's row")
    return np.stack([_draw_regions(rng, n_regions, np.array([focus])) for rng in _rngs(n_runs, seed)])


def poisson_counts(x: pd.DataFrame | np.ndarray, n_runs: int, seed: int, scale: float = 1.0) -> np.ndarray:
    r"""``n_runs`` redraws of every count, :math:`X^{(k)}_{rt} = \mathrm{Poisson}(s X_{rt}) / s` (``runs x regions x technologies``).

    ``scale`` :math:`s` is the number of independent events per unit of the data (module
    docstring): 1 for whole and fractional counts, the number of deals per USD for amounts. The
    mean of every cell is kept, its variance is :math:`X_{rt}/s`.

    >>> x = np.array([[100.0, 0.0], [4.0, 9.0]])
    >>> draws = poisson_counts(x, n_runs=4000, seed=7)
    >>> draws.shape, bool((draws[:, 0, 1] == 0).all())
    ((4000, 2, 2), True)
    >>> np.round(draws.mean(axis=0), 0)
    array([[100.,   0.],
           [  4.,   9.]])
    """
    values = _activity(x)
    s = float(scale)
    if not np.isfinite(s) or s <= 0:
        raise InputError(f"count noise: scale {scale!r}: give a number > 0 (events per unit of the data)")
    return np.stack([rng.poisson(values * s) / s for rng in _rngs(n_runs, seed)])


def _chunk(n_regions: int, n_tech: int, rules: Rules) -> int:
    cells = n_regions * n_tech * 3
    if isinstance(rules.relatedness, str) and rules.relatedness == "probabilistic":
        cells = max(cells, n_tech * n_tech * 4)
    if isinstance(rules.complexity, str) and rules.complexity == "eigenvector":
        side = min(n_regions, n_tech)
        cells = max(cells, side * side * 3)
    return max(1, _CHUNK_CELLS // max(cells, 1))


def _perturbed(values: np.ndarray, keep: np.ndarray, rngs: Sequence[np.random.Generator], noise: bool, regions: bool, scale: float,
               totals: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """The activity matrices of the runs of ``rngs`` (regions resampled, then counts redrawn) and the
    regions' totals following the resampling (held as they are under the noise; None without totals)."""
    batch, sums = [], []
    for rng in rngs:
        idx = _draw_regions(rng, values.shape[0], keep) if regions else np.arange(values.shape[0])
        xk = values[idx] if regions else values
        batch.append(rng.poisson(xk * scale) / scale if noise else xk)
        if totals is not None:
            sums.append(totals[idx])
    return np.stack(batch), (np.stack(sums) if totals is not None else None)


def _place(xs: np.ndarray, sums: np.ndarray | None, focus: int | None, keep: np.ndarray, rules: Rules,
           orient_to: np.ndarray | None = None) -> Runs:
    """The chain on a batch: the focus a row, or a group outside the world (the sum of the ``keep`` rows)."""
    if focus is not None:
        return placements(xs, focus, rules, totals=sums, orient_to=orient_to)
    return placements(xs, None, rules, totals=sums, outside=xs[:, keep, :].sum(axis=1),
                      outside_total=None if sums is None else sums[:, keep].sum(axis=1), orient_to=orient_to)


def resampled_matrices(x: pd.DataFrame | np.ndarray, focus: Focus, *, n_runs: int, seed: int, noise: bool = True, regions: bool = True,
                       scale: float = 1.0) -> np.ndarray:
    """The activity matrices (``runs x regions x technologies``) that :func:`resample_placements` computes
    on, for checking a run against the single-run functions or for other measures.

    >>> x = np.array([[60, 40, 5.0], [30, 5, 30], [5, 20, 40]])
    >>> xs = resampled_matrices(x, 0, n_runs=2, seed=3)
    >>> xs.shape, bool((resampled_matrices(x, 0, n_runs=5, seed=3)[:2] == xs).all())
    ((2, 3, 3), True)
    """
    values = _activity(x)
    s = float(scale)
    if not np.isfinite(s) or s <= 0:
        raise InputError(f"count noise: scale {scale!r}: give a number > 0 (events per unit of the data)")
    return _perturbed(values, _focus(x, focus)[1], _rngs(n_runs, seed), noise, regions, s)[0]


def resample_placements(x: pd.DataFrame | np.ndarray, focus: Focus, rules: Rules = Rules(), *, n_runs: int = 200, seed: int = 0,
                        noise: bool = True, regions: bool = True, scale: float = 1.0, chunk: int | None = None,
                        totals: pd.Series | np.ndarray | None = None, orient: bool = False) -> Runs:
    """``n_runs`` placements of the focus region on perturbed data (module docstring): per run the
    regions resampled (``regions``, :func:`bootstrap_regions`, focus kept) and then every count
    redrawn (``noise``, :func:`poisson_counts` with ``scale``). With ``orient``, a computed complexity
    (eigenvector, reflections) takes the orientation of the data's own in every run (``orient_to`` of
    :func:`helpers.methods.batched.placements`: its sign is arbitrary, and the rule that fixes it may
    flip under small perturbations); without, each run applies that rule itself, as the single-run
    functions on its matrix. Run ``k`` draws from the ``k``-th
    generator spawned from ``seed``: the same seed gives the same runs, whatever ``chunk`` (runs
    computed at a time; default within about 50 MB per array).

    ``focus``: a row (label or position), or a sequence of rows: a focus group outside the world
    totals, the sum of those rows (Flanders from its provinces among the NUTS-2 regions), whose
    members every bootstrap sample keeps. ``totals``: each region's activity in all technologies
    (the RCA denominators when ``x`` holds only some; :func:`helpers.methods.batched.placements`),
    following the resampled regions and held as they are under the noise.

    >>> x = np.array([[60, 40, 5, 10.0], [30, 5, 30, 20], [5, 20, 40, 50], [10, 10, 80, 5], [20, 60, 10, 10]])
    >>> runs = resample_placements(x, 0, n_runs=50, seed=3)
    >>> runs.quadrant.shape, bool((resample_placements(x, 0, n_runs=50, seed=3, chunk=7).quadrant == runs.quadrant).all())
    ((50, 4), True)
    """
    values = _activity(x)
    f, keep = _focus(x, focus)
    sums = _totals(x, totals)
    n, m = values.shape
    if not (noise or regions):
        raise InputError("resampling: choose count noise, region resampling or both")
    s = float(scale)
    if not np.isfinite(s) or s <= 0:
        raise InputError(f"count noise: scale {scale!r}: give a number > 0 (events per unit of the data)")
    rngs = _rngs(n_runs, seed)
    size = int(chunk) if chunk else _chunk(n, m, rules)
    parts = []
    with one_thread():
        # with orient, every run's computed complexity is oriented like the data's own (batched.placements, orient_to)
        reference = _place(values[None], None if sums is None else sums[None], f, keep, rules).complexity[0] if orient else None
        for start in range(0, len(rngs), size):
            xs, batch_sums = _perturbed(values, keep, rngs[start:start + size], noise, regions, s, sums)
            parts.append(_place(xs, batch_sums, f, keep, rules, orient_to=reference))
    return Runs.concat(parts)


# ---------------------------------------------------------------------------------- summaries


#: A placement is ``stable`` when at least this share of the runs keep it in its quadrant, ``leaning`` from :data:`LEANING_SHARE`.
STABLE_SHARE = 0.8
LEANING_SHARE = 0.6


def stability(runs: Runs, observed: Sequence[str | None] | np.ndarray | None = None, *, labels: Sequence[Any] | None = None,
              stable: float = STABLE_SHARE, leaning: float = LEANING_SHARE, interval: tuple[float, float] = (5.0, 95.0)) -> pd.DataFrame:
    r"""Per technology: how the runs place it.

    * ``share_<quadrant>``: the share of runs in each quadrant (:data:`QUADRANT_KEYS`), over all
      runs (a run without a quadrant for the technology counts in none);
    * ``modal``: the most frequent quadrant; ``observed``: the quadrant shown (``observed``, the
      placement on the data themselves; default the modal one);
    * ``stability``: the share of runs in the ``observed`` quadrant; ``label``: ``stable`` when
      ``stability`` :math:`\ge` ``stable`` (80%), ``leaning`` when :math:`\ge` ``leaning`` (60%),
      else ``undecided``;
    * ``density_lo``, ``density_hi``, ``complexity_lo``, ``complexity_hi``: the ``interval``
      percentiles (5th-95th) over the runs (NaN where no run has a value).

    One row per technology, indexed by ``labels`` (default positions).

    >>> runs = Runs(density=np.array([[10.0, 50], [12, 40], [11, 60], [9, 45], [10, 55]]),
    ...             complexity=np.array([[1.0, 0.1], [1.1, -0.1], [0.9, 0.2], [1.0, -0.2], [1.2, 0.1]]),
    ...             quadrant=np.array([[1, 0], [1, 2], [1, 0], [1, 2], [1, 0]]), x_split=np.full(5, 30.0), y_split=np.zeros(5))
    >>> stability(runs, ["moonshot", "optimal"], labels=["ai", "bio"])[["stability", "label", "share_low_risk"]]
         stability      label  share_low_risk
    ai         1.0     stable             0.0
    bio        0.6    leaning             0.4
    """
    if not 0 < leaning <= stable <= 1:
        raise InputError(f"stability: thresholds leaning {leaning!r} and stable {stable!r}: give 0 < leaning <= stable <= 1")
    q = np.asarray(runs.quadrant)
    n_runs, m = q.shape
    shares = np.stack([(q == code).mean(axis=0) for code in range(len(QUADRANT_KEYS))], axis=1)  # m x 4
    modal_code = np.where(shares.max(axis=1) > 0, shares.argmax(axis=1), -1)
    modal = np.array([QUADRANT_KEYS[c] if c >= 0 else None for c in modal_code], dtype=object)
    if observed is None:
        seen = modal
    else:
        seen = np.array([None if (v is None or (isinstance(v, float) and np.isnan(v))) else str(v) for v in observed], dtype=object)
        if len(seen) != m:
            raise InputError(f"stability: {len(seen)} observed quadrants for {m} technologies; give one per technology")
        unknown = {v for v in seen if v is not None and v not in QUADRANT_KEYS}
        if unknown:
            raise InputError(f"stability: unknown quadrant {sorted(unknown)[0]!r}; use one of {', '.join(QUADRANT_KEYS)}")
    seen_code = np.array([QUADRANT_KEYS.index(v) if v is not None else -1 for v in seen])
    share = np.where(seen_code >= 0, shares[np.arange(m), np.maximum(seen_code, 0)], np.nan)
    label = np.where(np.isnan(share), None, np.where(share >= stable - 1e-12, "stable", np.where(share >= leaning - 1e-12, "leaning", "undecided")))
    out = pd.DataFrame({f"share_{k}": shares[:, i] for i, k in enumerate(QUADRANT_KEYS)})
    out["modal"], out["observed"], out["stability"], out["label"] = modal, seen, share, label.astype(object)
    lo, hi = interval
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for name, values in (("density", runs.density), ("complexity", runs.complexity)):
            out[f"{name}_lo"] = np.nanpercentile(values, lo, axis=0)
            out[f"{name}_hi"] = np.nanpercentile(values, hi, axis=0)
    out["n_runs"] = n_runs
    if labels is not None:
        out.index = pd.Index(list(labels))
    return out


def rule_variants(base: Rules, *, thresholds: Sequence[float] = (0.8, 1.25), relatedness: bool = True,
                  complexity: bool = True) -> dict[str, Rules]:
    """The rule changes of :func:`rule_sensitivity` around ``base``: the RCA ``thresholds``, the other
    split rule (median <-> mean; none for fixed split values), the other relatedness normalisations
    (when ``base`` normalises co-location) and the other complexity methods (also for fixed values).
    Keys: ``threshold=0.8``, ``split=mean``, ``relatedness=association``, ``complexity=fitness`` ...

    >>> list(rule_variants(Rules()))
    ['threshold=0.8', 'threshold=1.25', 'split=mean', 'relatedness=association', 'relatedness=probabilistic', 'complexity=reflections', 'complexity=fitness']
    """
    out: dict[str, Rules] = {}
    for value in thresholds:
        if not np.isclose(value, base.threshold):
            out[f"threshold={value:g}"] = base.replace(threshold=float(value))
    if isinstance(base.split, str):
        other = "mean" if base.split == "median" else "median"
        out[f"split={other}"] = base.replace(split=other)
    if relatedness and isinstance(base.relatedness, str):
        for method in RELATEDNESS_METHODS:
            if method != base.relatedness:
                out[f"relatedness={method}"] = base.replace(relatedness=method)
    if complexity:
        for method in COMPLEXITY_METHODS:
            if not (isinstance(base.complexity, str) and method == base.complexity):
                out[f"complexity={method}"] = base.replace(complexity=method)
    return out


def rule_sensitivity(x: pd.DataFrame | np.ndarray, focus: Focus, base: Rules = Rules(),
                     variants: Mapping[str, Rules] | None = None, totals: pd.Series | np.ndarray | None = None) -> pd.DataFrame:
    """The quadrant of every technology under the ``base`` rules and under each rule change
    (``variants``; default :func:`rule_variants`), one deterministic run each on the data themselves.

    Returns technologies (rows; labels of a DataFrame ``x``, else positions) x ``base`` and one
    column per variant, holding quadrant keys (None: not placed). A variant that cannot be
    computed (e.g. too few specialisations at a high threshold) holds None throughout. ``focus``
    and ``totals`` as in :func:`resample_placements`.

    >>> x = np.array([[6, 4, 0, 1.0], [3, 0, 3, 2], [0, 2, 4, 5], [1, 1, 8, 0], [2, 6, 1, 1]])
    >>> table = rule_sensitivity(x, 0, variants={"split=mean": Rules(split="mean")})
    >>> table.to_dict("list")
    {'base': ['low_risk', 'low_risk', 'moonshot', 'moonshot'], 'split=mean': ['low_priority', 'low_risk', 'moonshot', 'moonshot']}
    """
    values = _activity(x)
    f, keep = _focus(x, focus)
    sums = _totals(x, totals)
    variants = rule_variants(base) if variants is None else variants
    columns: dict[str, list[str | None]] = {}
    with one_thread():
        for name, rules in {"base": base, **variants}.items():
            try:
                codes = _place(values[None], None if sums is None else sums[None], f, keep, rules).quadrant[0]
                columns[name] = [QUADRANT_KEYS[c] if c >= 0 else None for c in codes]
            except (InputError, np.linalg.LinAlgError):
                columns[name] = [None] * values.shape[1]
    index = x.columns.copy() if isinstance(x, pd.DataFrame) else pd.RangeIndex(values.shape[1])
    out = pd.DataFrame(columns, index=index, dtype=object)
    out = out.where(out.notna(), None)
    if base.columns is not None:
        out = out.iloc[np.asarray(base.columns)]
    return out
