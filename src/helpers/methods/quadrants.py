"""Quadrants of the strategic investment framework: relatedness density (x) x complexity (y)."""

from __future__ import annotations

import warnings
from typing import Literal

import numpy as np
import pandas as pd

from helpers.errors import InputError
from helpers.methods.matrix import _names


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


#: a placement is flagged as near a split line when it lies within this share of the axis' range
#: (the spread of the placed technologies) from the line
NEAR_SPLIT_SHARE = 0.02


def quadrants(
    x: pd.Series,
    y: pd.Series,
    split: Literal["median", "mean"] | tuple[float, float] = "median",
    margin: float = NEAR_SPLIT_SHARE,
) -> pd.DataFrame:
    r"""Assign each technology to a quadrant of the strategic investment framework.

    ``x`` is relatedness density (feasibility), ``y`` complexity (economic value), both Series
    indexed by technology (same labels). ``split`` is ``"median"`` (default) or ``"mean"`` of the
    plotted technologies, or fixed ``(x0, y0)``. A value equal to the split counts as high (the one
    rule of every chapter, also in the resampling runs of :mod:`helpers.methods.batched`).
    ``near_split`` flags a technology within ``margin`` x the axis' range of a split line:
    :math:`|x - x_0| \le m\,(\max x - \min x)` or the same for :math:`y`; its quadrant hangs on
    small differences.
    Technologies with a missing x or y are kept with no quadrant (a warning names them) and do
    not enter the median or mean.

    Returns one row per technology (input order): ``x``, ``y``, ``x_split``, ``y_split``,
    ``quadrant`` (stable key: ``optimal`` top right, ``moonshot`` top left, ``low_risk`` bottom
    right, ``low_priority`` bottom left), ``near_split`` and ``label_nl`` / ``label_en``.

    Example:

    >>> import pandas as pd
    >>> density = pd.Series({"ai": 40.0, "bio": 10.0, "chem": 30.0, "space": 5.0})
    >>> complexity = pd.Series({"ai": 1.0, "bio": 0.5, "chem": -1.0, "space": -0.5})
    >>> quadrants(density, complexity)["quadrant"].to_dict()
    {'ai': 'optimal', 'bio': 'moonshot', 'chem': 'low_risk', 'space': 'low_priority'}
    >>> quadrants(density, complexity, margin=0.1)["near_split"].to_dict()
    {'ai': False, 'bio': False, 'chem': False, 'space': False}
    >>> quadrants(density, complexity, margin=0.3)["near_split"].to_dict()  # splits x 20 (range 35: within 10.5), y 0 (range 2: within 0.6)
    {'ai': False, 'bio': True, 'chem': True, 'space': True}
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
    span_x, span_y = float(ok["x"].max() - ok["x"].min()), float(ok["y"].max() - ok["y"].min())
    frame["near_split"] = ((frame["x"] - sx).abs() <= margin * span_x) | ((frame["y"] - sy).abs() <= margin * span_y)
    frame["label_nl"] = frame["quadrant"].map(lambda k: QUADRANTS[k]["nl"] if k else None)
    frame["label_en"] = frame["quadrant"].map(lambda k: QUADRANTS[k]["en"] if k else None)
    return frame
