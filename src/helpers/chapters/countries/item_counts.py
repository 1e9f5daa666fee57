"""Counts straight on the policy tables: taxonomy item x strategy (or country) without a :class:`Selection`.

:func:`item_matrix` counts the priority items of any list of strategies per taxonomy item, with
filters on item group, source type and mapping basis; :func:`convergence` lists the items many
columns share; :func:`unmapped_items` the priorities outside the common taxonomy;
:func:`taxonomy_labels` one row per taxonomy id. :func:`helpers.chapters.countries.priorities.priorities_matrix`
(the chapter's matrix over a selection) agrees with :func:`item_matrix` on the item counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from helpers.data.policy import DOMAIN_IDS, DOMAINS
from helpers.errors import InputError


def taxonomy_labels(technologies: pd.DataFrame | None = None, lang: str = "en") -> pd.DataFrame:
    """One row per taxonomy id (technologies, then the nine domains): kind, label, category."""
    rows = []
    if technologies is not None:
        for _, t in technologies.iterrows():
            rows.append({"taxonomy_id": t["tech_id"], "kind": "tech", "label": t[f"label_{lang}"], "category_id": t["category_id"]})
    for d, (nl, en) in DOMAINS.items():
        rows.append({"taxonomy_id": d, "kind": "domain", "label": en if lang == "en" else nl, "category_id": ""})
    return pd.DataFrame(rows, columns=["taxonomy_id", "kind", "label", "category_id"])


def _strategy_ids(strategies: pd.DataFrame | Sequence[str]) -> list[str]:
    if isinstance(strategies, pd.DataFrame):
        return strategies["strategy_id"].tolist()
    return list(strategies)


def item_matrix(priorities: pd.DataFrame, crosswalk: pd.DataFrame, strategies: pd.DataFrame | Sequence[str], *,
                technologies: pd.DataFrame | None = None, by: str = "strategy", binary: bool = False,
                taxonomy: str = "all", groups: Iterable[str] | None = None, source_types: Iterable[str] | None = None,
                mapping_bases: Iterable[str] | None = None) -> pd.DataFrame:
    """Taxonomy item x strategy (or x country): how many priority items of each column map to each item.

    ``strategies`` selects and orders the columns (a strategies DataFrame or a list of ids; with
    ``by="country"`` the columns are the countries of those strategies, in order of appearance).
    ``technologies`` adds every technology as a row even where nothing maps to it (all nine
    domains are always rows when ``taxonomy`` includes domains). ``taxonomy`` is ``"all"``,
    ``"tech"`` or ``"domain"``; ``groups`` keeps only those ``item_group`` values and
    ``source_types`` only those source types; ``mapping_bases=["seed"]`` keeps only the mappings
    the seed itself states (drops the judgement calls). ``binary=True`` gives booleans (prioritised or not).
    """
    if by not in ("strategy", "country"):
        raise InputError(f"item_matrix: by={by!r} is not known; use 'strategy' or 'country'")
    if taxonomy not in ("all", "tech", "domain"):
        raise InputError(f"item_matrix: taxonomy={taxonomy!r} is not known; use 'all', 'tech' or 'domain'")
    ids = _strategy_ids(strategies)
    if not ids:
        raise InputError("item_matrix: no strategies selected; pass at least one strategy_id")
    if isinstance(strategies, pd.DataFrame):
        country_of = dict(zip(strategies["strategy_id"], strategies["country"]))
    elif by == "country":
        raise InputError("item_matrix: by='country' needs the strategies DataFrame (with its country column), not a list of ids")
    else:
        country_of = {}
        unknown = [s for s in ids if s not in set(priorities["strategy_id"])]
        if unknown:
            raise InputError(f"item_matrix: strategy {unknown[0]!r} has no rows in priorities.csv; check the id")

    pr = priorities[priorities["strategy_id"].isin(ids)]
    if groups is not None:
        pr = pr[pr["item_group"].isin(list(groups))]
    if source_types is not None:
        pr = pr[pr["source_type"].isin(list(source_types))]
    if mapping_bases is not None:
        crosswalk = crosswalk[crosswalk["mapping_basis"].isin(list(mapping_bases))]
    cw = crosswalk.melt(id_vars=["item_id"], value_vars=["tech_id", "domain_id"], value_name="taxonomy_id")
    cw = cw[cw["taxonomy_id"] != ""].rename(columns={"variable": "kind"})
    cw["kind"] = cw["kind"].map({"tech_id": "tech", "domain_id": "domain"})
    if taxonomy != "all":
        cw = cw[cw["kind"] == taxonomy]
    long = pr[["strategy_id", "item_id"]].merge(cw.drop_duplicates(["item_id", "taxonomy_id"]), on="item_id")
    long["column"] = long["strategy_id"].map(country_of) if by == "country" else long["strategy_id"]
    columns = list(dict.fromkeys(country_of[s] for s in ids)) if by == "country" else ids

    rows: list[str] = []
    if taxonomy in ("all", "tech") and technologies is not None:
        rows += technologies["tech_id"].tolist()
    if taxonomy in ("all", "domain"):
        rows += list(DOMAIN_IDS)
    rows += [r for r in dict.fromkeys(long["taxonomy_id"]) if r not in set(rows)]
    if long.empty:
        counts = pd.DataFrame()
    else:
        counts = long.groupby(["taxonomy_id", "column"])["item_id"].nunique().unstack("column")
    matrix = counts.reindex(index=rows, columns=columns).fillna(0).astype(int)
    matrix.index.name = "taxonomy_id"
    matrix.columns.name = by
    return matrix.astype(bool) if binary else matrix


def convergence(matrix: pd.DataFrame, min_strategies: int = 2) -> pd.DataFrame:
    """Taxonomy items that many columns of ``matrix`` prioritise, most shared first.

    Returns columns ``taxonomy_id``, ``n`` (columns with at least one item), ``share`` (n / number
    of columns), ``total_items`` (sum of counts) and ``columns`` (';'-joined), for items with
    ``n >= min_strategies``.
    """
    if matrix.shape[1] == 0:
        raise InputError("convergence: the matrix has no columns; select at least one strategy")
    present = matrix.astype(int) > 0
    n = present.sum(axis=1)
    out = pd.DataFrame({
        "taxonomy_id": matrix.index,
        "n": n.values,
        "share": (n / matrix.shape[1]).values,
        "total_items": matrix.astype(int).sum(axis=1).values,
        "columns": [";".join(str(c) for c in matrix.columns[row]) for row in present.values],
    })
    out = out[out["n"] >= min_strategies]
    return out.sort_values(["n", "total_items", "taxonomy_id"], ascending=[False, False, True]).reset_index(drop=True)


def unmapped_items(priorities: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Priority items that map to no technology or domain (outside the common taxonomy)."""
    return priorities[~priorities["item_id"].isin(set(crosswalk["item_id"]))].reset_index(drop=True)
