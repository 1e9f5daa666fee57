"""The regional technology space: 282 European NUTS-2 regions x 42 green and digital technologies (CEPS/Balland).

From the study's published patents and RCA (:mod:`helpers.data.adapters.nuts2_keytech42`):

1. each region's share of all patents, recovered from its published RCA
   (:func:`helpers.methods.aggregation.region_shares`);
2. aggregates (Flanders = its five provinces, Belgium, Bavaria, any group an edition names) with
   counts summed and RCA computed as for one region (:func:`~helpers.methods.aggregation.group_region_rca`),
   never averaged; the single regions keep their published RCA;
3. ``B = RCA >= threshold`` of the 282 regions; relatedness from co-location ``B^T B`` (the number
   of regions specialised in both technologies: the regional data have no documents), normalised;
4. relatedness density of every region and aggregate from its own row of ``B``;
5. complexity: the study's published complexity (0-100, a property of the technology), or computed
   on ``B`` of the 282 regions by the eigenvector method, the method of reflections or the
   fitness-complexity algorithm, with the Spearman agreement of each with the published one.

Pure: tables in, tables out; bad input raises :class:`~helpers.errors.InputError` with one line.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from helpers.errors import InputError
from helpers.methods import complexity as cx
from helpers.methods import density as density_measures
from helpers.methods import relatedness as rel
from helpers.methods.aggregation import group_region_rca, region_shares
from helpers.methods.fitness import fitness_complexity
from helpers.methods.specialisation import binary_specialisation

#: complexity measures of the regional page: the study's own, or computed on the 282 regions
COMPLEXITY_MEASURES = ("published", "eigenvector", "reflections", "fitness")
#: the default aggregates: Flanders, Belgium and Bavaria from their NUTS-2 regions
DEFAULT_GROUPS: dict[str, tuple[str, ...]] = {
    "BE2": ("BE21", "BE22", "BE23", "BE24", "BE25"),
    "BE": ("BE10", "BE21", "BE22", "BE23", "BE24", "BE25", "BE31", "BE32", "BE33", "BE34", "BE35"),
    "DE2": ("DE21", "DE22", "DE23", "DE24", "DE25", "DE26", "DE27"),
}


@dataclass
class RegionalSpace:
    """Counts, RCA, specialisation, relatedness, density and complexity of the regions and their aggregates."""

    x: pd.DataFrame               # base regions x technologies (patents)
    rca: pd.DataFrame             # base regions and aggregates x technologies
    b: pd.DataFrame               # the same, RCA >= threshold
    shares: pd.Series             # share of all patents, base regions and aggregates
    groups: dict[str, tuple[str, ...]]
    relatedness: pd.DataFrame
    density: pd.DataFrame         # base regions and aggregates x technologies
    complexity: pd.DataFrame      # technologies x measures (published and computed)
    transition: pd.Series
    threshold: float
    notes: list[str] = field(default_factory=list)

    def agreement(self) -> pd.DataFrame:
        """Spearman rank correlation of each computed complexity with the published one, over the technologies."""
        rows = []
        for m in COMPLEXITY_MEASURES[1:]:
            rho = spearmanr(self.complexity["published"], self.complexity[m]).statistic if self.complexity[m].notna().all() else np.nan
            rows.append({"measure": m, "rho": float(rho), "n": int(self.complexity[m].notna().sum())})
        return pd.DataFrame(rows)


def matrices(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.Series]:
    """(patents, published RCA, published complexity, transition) from ``published_regional`` rows of one study."""
    if rows.empty:
        raise InputError("regional patents: no rows; the data folder has no patents_nuts2_keytech42/ data")
    x = rows.pivot_table(index="region", columns="technology", values="patents", aggfunc="sum", fill_value=0.0).sort_index().sort_index(axis=1)
    rca = rows.pivot_table(index="region", columns="technology", values="rca", aggfunc="sum", fill_value=0.0).reindex_like(x)
    tech = rows.drop_duplicates("technology").set_index("technology")
    return x, rca, tech["complexity"].reindex(x.columns), tech["transition"].reindex(x.columns)


def regional_space(rows: pd.DataFrame, *, groups: Mapping[str, Sequence[str]] | None = None, threshold: float = 1.0,
                   relatedness_method: str = "cosine") -> RegionalSpace:
    """The space of the study's regions and the ``groups`` (default :data:`DEFAULT_GROUPS`); see the module doc."""
    x, rca_pub, published, transition = matrices(rows)
    groups = {k: tuple(v) for k, v in (DEFAULT_GROUPS if groups is None else groups).items()}
    clash = [g for g in groups if g in x.index]
    if clash:
        raise InputError(f"region groups: {', '.join(clash)} is already a region of the data; name the group differently")
    notes: list[str] = []
    shares = region_shares(x, rca_pub)
    empty = shares.index[shares.isna()]
    if len(empty):
        notes.append(f"regions without patents in any of the technologies: {', '.join(empty)}")
    _, g_rca, g_share = group_region_rca(x, shares.fillna(0.0), groups) if groups else (None, rca_pub.iloc[0:0], pd.Series(dtype=float))
    rca = pd.concat([rca_pub, g_rca])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r, dens, comp = _measures(x, rca, published, threshold, relatedness_method)
    notes += [str(w.message) for w in caught]
    return RegionalSpace(x=x, rca=rca, b=binary_specialisation(rca, threshold), shares=pd.concat([shares, g_share]), groups=groups,
                         relatedness=r, density=dens, complexity=comp, transition=transition, threshold=float(threshold), notes=notes)


def _measures(x: pd.DataFrame, rca: pd.DataFrame, published: pd.Series, threshold: float,
              relatedness_method: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Relatedness (co-location over the base regions), density of every row and the complexities."""
    b = binary_specialisation(rca, threshold)
    b_base = b.loc[x.index]
    c = rel.colocation(b_base, source="regional specialisation")
    r = rel.relatedness(c, relatedness_method, source="regional co-location")
    dens = density_measures.relatedness_density(b, r, source="regional specialisation")
    active = b_base.loc[b_base.sum(axis=1) > 0]
    comp = pd.DataFrame({"published": published})
    comp["eigenvector"] = cx.complexity_eigenvector(active).technology.reindex(x.columns)
    comp["reflections"] = cx.complexity_reflections(active).technology.reindex(x.columns)
    comp["fitness"] = fitness_complexity(active).technology.reindex(x.columns)
    return r, dens, comp


def ranks(space: RegionalSpace, region: str) -> pd.DataFrame:
    """Per technology the region's RCA and patents and its rank among the base regions by each (1 = highest;
    an aggregate is ranked as if it were one more region, its members still counted), with the number of
    regions it is compared with. RCA ranks favour small regions with a few patents; the patent rank shows volume."""
    base = space.rca.loc[space.x.index]
    own = space.rca.loc[region]
    members = space.groups.get(region)
    patents = space.x.loc[list(members)].sum(axis=0) if members else space.x.loc[region]
    n = len(space.x.index) + (0 if region in space.x.index else 1)
    return pd.DataFrame({"technology": space.x.columns, "rca": own.reindex(space.x.columns).to_numpy(),
                         "rank": (base.gt(own, axis=1).sum(axis=0) + 1).reindex(space.x.columns).to_numpy(dtype=int),
                         "patents": patents.reindex(space.x.columns).to_numpy(),
                         "rank_patents": (space.x.gt(patents, axis=1).sum(axis=0) + 1).reindex(space.x.columns).to_numpy(dtype=int),
                         "n_regions": n})
