"""The report's 38 technologies from the IPC-subclass patents: code lists truncated to subclasses,
positions per technology, the comparison with the CEPS study's published values, movement over periods.

A technology of ``data/technology_codes.csv`` is defined by patent codes (IPC or CPC) at any depth.
The data count subclasses, so every code is truncated to its subclass (:func:`subclass_membership`):

* a code finer than a subclass (``G06N3/04``) counts its whole subclass (``G06N``), so the
  technology is wider than defined and overlaps with every other technology of that subclass
  (documented per code: ``finer``);
* a code coarser than a subclass (a class such as ``F41``) counts every subclass of that class;
* a CPC-only code (section ``Y``: ``Y02E``, ``Y04S``) has no IPC counterpart (``cpc_only``) and a
  subclass absent from the data (introduced after the data's IPC version, e.g. ``H10K``, ``B64U``)
  cannot be counted (``not_in_data``).

No code list is fitted to the published numbers. Per technology (:func:`technology_positions`):
activity summed over its subclasses, RCA against the reference group's whole
(:func:`helpers.methods.aggregation.group_rca`), and density and complexity as the means over its
subclasses weighted by the reference group's patents in each (:func:`weighted_group_mean`); the
quadrant by the study's rule (median of the 38 values). :func:`technology_runs` does the same in every
resampling run of the subclasses (:mod:`helpers.chapters.technologies.stability`).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.chapters.technologies.space import TechnologySpace
from helpers.methods import density as density_measures
from helpers.methods.aggregation import (
    aggregate_columns,
    group_rca,
    membership_matrix,
    weighted_group_mean,
)
from helpers.methods.quadrants import quadrants
from helpers.methods.robustness import Runs, aggregate_placements

#: what happened to a code of the taxonomy when truncated to subclasses
CODE_STATUSES = ("subclass", "finer", "class", "cpc_only", "not_in_data")


def subclass_membership(codes: pd.DataFrame, subclasses: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(pairs, codes) from the taxonomy's patent codes (``tech_id, scheme, code``) and the data's subclasses.

    ``pairs``: one row per (``tech_id``, ``ipc4``) that the technology counts. ``codes``: every
    patent code of the taxonomy with its subclass(es) and status (:data:`CODE_STATUSES`).

    >>> c = pd.DataFrame({"tech_id": ["ai", "ai", "grid", "arms"], "scheme": ["ipc", "ipc", "cpc", "ipc"],
    ...                   "code": ["G06N3/04", "G06N", "Y04S", "F41"]})
    >>> pairs, notes = subclass_membership(c, ["G06N", "F41A", "F41H", "H04L"])
    >>> sorted(map(tuple, pairs.to_numpy()))
    [('ai', 'G06N'), ('arms', 'F41A'), ('arms', 'F41H')]
    >>> notes["status"].tolist()
    ['finer', 'subclass', 'cpc_only', 'class']
    """
    subs = pd.Index(sorted(set(subclasses)))
    rows, pairs = [], []
    for tech, scheme, code in codes[["tech_id", "scheme", "code"]].itertuples(index=False, name=None):
        clean = str(code).replace(" ", "").upper()
        if scheme == "cpc" and clean.startswith("Y"):
            status, hits = "cpc_only", []
        elif len(clean) < 4:
            hits = [s for s in subs if s.startswith(clean)]
            status = "class" if hits else "not_in_data"
        else:
            hits = [clean[:4]] if clean[:4] in subs else []
            status = ("finer" if len(clean) > 4 else "subclass") if hits else "not_in_data"
        rows.append({"tech_id": tech, "scheme": scheme, "code": code, "subclasses": " ".join(hits), "status": status})
        pairs += [{"tech_id": tech, "ipc4": h} for h in hits]
    pair_frame = pd.DataFrame(pairs, columns=["tech_id", "ipc4"]).drop_duplicates().reset_index(drop=True)
    return pair_frame, pd.DataFrame(rows, columns=["tech_id", "scheme", "code", "subclasses", "status"])


def overlaps(pairs: pd.DataFrame) -> pd.DataFrame:
    """Subclasses counted in more than one technology: ``ipc4``, ``technologies`` (``;``-joined), ``n``."""
    g = pairs.groupby("ipc4")["tech_id"].agg(lambda s: ";".join(sorted(s)))
    n = pairs.groupby("ipc4").size()
    out = pd.DataFrame({"ipc4": g.index, "technologies": g.to_numpy(), "n": n.reindex(g.index).to_numpy()})
    return out[out["n"] > 1].sort_values(["n", "ipc4"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def technology_positions(space: TechnologySpace, focus: str, pairs: pd.DataFrame, tech_ids: Sequence[str]) -> pd.DataFrame:
    """One row per technology of ``tech_ids``: its subclasses, the focus region's activity, RCA
    (against the space's regions), the weighted density and complexity and the quadrant by the
    median over the technologies placed. A technology without a subclass in the data has no values."""
    m = _membership(pairs, space.x.columns, tech_ids)
    weights = space.x.sum(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dens = density_measures.relatedness_density(space.b.loc[[focus]], space.relatedness).loc[focus]
    rca = group_rca(space.x, m).loc[focus]
    out = pd.DataFrame({"technology": list(tech_ids)})
    members = pairs[pairs["ipc4"].isin(space.x.columns)].groupby("tech_id")["ipc4"].agg(lambda s: sorted(s))
    out["subclasses"] = out["technology"].map(lambda t: " ".join(members.get(t, [])))
    out["n_subclasses"] = out["technology"].map(lambda t: len(members.get(t, []))).astype(int)
    has = out["n_subclasses"].to_numpy() > 0
    out["activity"] = aggregate_columns(space.x.loc[[focus]], m).loc[focus].reindex(tech_ids).to_numpy()
    out["rca"] = np.where(has, rca.reindex(tech_ids).to_numpy(), np.nan)
    out["density"] = weighted_group_mean(dens, m, weights).reindex(tech_ids).to_numpy()
    out["complexity"] = weighted_group_mean(space.complexity, m, weights).reindex(tech_ids).to_numpy()
    out["specialised"] = (out["rca"] >= space.rca_threshold).where(has)
    out["quadrant"] = None
    placed = out["density"].notna() & out["complexity"].notna()
    if placed.sum() >= 2:
        idx = out.loc[placed, "technology"]
        q = quadrants(out.loc[placed, "density"].set_axis(idx), out.loc[placed, "complexity"].set_axis(idx), "median")
        out.loc[placed, "quadrant"] = q["quadrant"].to_numpy()
        out["x_split"], out["y_split"] = float(q["x_split"].iloc[0]), float(q["y_split"].iloc[0])
    out["period"] = f"{space.window[0]}-{space.window[1]}"
    return out


def _membership(pairs: pd.DataFrame, codes: Sequence[str], tech_ids: Sequence[str]) -> pd.DataFrame:
    """Subclass x technology 0/1 matrix over ``codes`` (rows) and ``tech_ids`` (columns, in that order)."""
    m = membership_matrix(pairs.rename(columns={"ipc4": "code", "tech_id": "group"}), list(codes))
    return m.reindex(columns=list(tech_ids), fill_value=0.0)


def technology_runs(runs: Runs, codes: Sequence[str], pairs: pd.DataFrame, tech_ids: Sequence[str], *,
                    complexity: np.ndarray | None = None) -> Runs:
    """The placements of the technologies of ``tech_ids`` in every run of the subclasses (``runs``, whose
    columns are ``codes``), as :func:`technology_positions` per run: density and complexity the means over
    each technology's subclasses weighted by the run's patents in each, the quadrant by the median over
    the technologies placed (:func:`helpers.methods.robustness.aggregate_placements`). ``complexity``:
    held fixed per technology (the published axis)."""
    return aggregate_placements(runs, _membership(pairs, codes, tech_ids).to_numpy(dtype=float), complexity=complexity, split="median")


def movement(positions: dict[tuple[int, int], pd.DataFrame], threshold: float) -> pd.DataFrame:
    """Per technology its RCA in every period and whether it entered or left specialisation
    (RCA >= ``threshold``) between the last two periods: ``entered``, ``left``, ``stayed``, ``never``."""
    periods = sorted(positions)
    wide = pd.DataFrame({"technology": positions[periods[-1]]["technology"]})
    for p in periods:
        wide[f"rca_{p[0]}_{p[1]}"] = positions[p].set_index("technology")["rca"].reindex(wide["technology"]).to_numpy()
    before, now = wide[f"rca_{periods[-2][0]}_{periods[-2][1]}"], wide[f"rca_{periods[-1][0]}_{periods[-1][1]}"]
    was, is_ = before >= threshold, now >= threshold
    status = np.select([was & is_, ~was & is_, was & ~is_], ["stayed", "entered", "left"], default="never")
    wide["status"] = np.where(before.isna() | now.isna(), "", status)
    return wide
