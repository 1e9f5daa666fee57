"""Composite relatedness density over several data sources (the summary of the CEPS study, VARIO figures 1 and 6)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from helpers.errors import InputError
from helpers.methods.matrix import _names


def composite_rank(densities: pd.DataFrame) -> pd.Series:
    r"""Composite relatedness density (Balland 2026, CEPS study for VARIO, summary figure).

    ``densities`` has one row per technology and one column per source (patents, publications,
    investments) with the relatedness density of the technology for the region in that source.
    Per source, the technologies are ranked by density (ties get the average rank, 1 = lowest);
    the ranks are summed over the sources and rescaled min-max to 0-100:

    .. math:: S_t = \sum_s \mathrm{rank}_s(D_{st}), \qquad C_t = 100\,\frac{S_t - \min_t S_t}{\max_t S_t - \min_t S_t}

    Only ranks enter, so sources on different scales weigh the same. A technology with a missing
    density in any source gets no composite (NaN, with a warning naming it) and is not ranked.

    Example:

    >>> import pandas as pd
    >>> d = pd.DataFrame({"patents": [10.0, 30.0, 20.0], "publications": [5.0, 5.0, 9.0]}, index=["ai", "bio", "chem"])
    >>> composite_rank(d).to_dict()
    {'ai': 0.0, 'bio': 80.0, 'chem': 100.0}
    """
    if not isinstance(densities, pd.DataFrame) or densities.shape[1] == 0:
        raise InputError("composite_rank: give a DataFrame with one column of densities per source")
    if densities.index.has_duplicates:
        raise InputError(f"composite_rank: technologies occur twice: {_names(densities.index[densities.index.duplicated()])}")
    values = densities.apply(pd.to_numeric, errors="coerce").astype(float)
    bad = values.isna() & densities.notna()
    if bad.any().any():
        col = bad.any().idxmax()
        raise InputError(f"composite_rank: column {col!r} holds a value that is not a number ({densities.loc[bad[col], col].iloc[0]!r})")
    complete = values.notna().all(axis=1)
    if not complete.all():
        warnings.warn(f"composite_rank: no composite for technologies with a missing density: {_names(values.index[~complete])}", stacklevel=2)
    ranks = values[complete].rank(method="average")
    total = ranks.sum(axis=1)
    span = total.max() - total.min()
    out = pd.Series(np.nan, index=densities.index, name="composite_density")
    if len(total):
        out[complete] = 100.0 * (total - total.min()) / span if span > 0 else 50.0
    return out
