"""Coverage: the share of a region's activity in a selection of technologies (counts or documents)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.errors import InputError
from helpers.methods.matrix import Matrix, _check_values, _names, _raw


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

    Example:

    >>> import pandas as pd
    >>> x = pd.DataFrame({"ai": [6, 3, 0, 1], "bio": [4, 0, 2, 1], "chem": [0, 3, 4, 8]}, index=["BE", "NL", "SE", "DK"])
    >>> coverage(x, ["ai", "bio"]).round(3).to_dict()
    {'BE': 1.0, 'NL': 0.5, 'SE': 0.333, 'DK': 0.2}
    """
    values = _check_values(x, source)
    cols = _selection_columns(x, selection, source)
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
