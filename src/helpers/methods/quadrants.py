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

    Example:

    >>> import pandas as pd
    >>> density = pd.Series({"ai": 40.0, "bio": 10.0, "chem": 30.0, "space": 5.0})
    >>> complexity = pd.Series({"ai": 1.0, "bio": 0.5, "chem": -1.0, "space": -0.5})
    >>> quadrants(density, complexity)["quadrant"].to_dict()
    {'ai': 'optimal', 'bio': 'moonshot', 'chem': 'low_risk', 'space': 'low_priority'}
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
