"""Who prioritises what: the priorities of the selected strategies on the common taxonomy.

:func:`priorities_long` gives one row per (taxonomy item, column) with the number of strategies
and priority items that map onto the item, the original labels and their citations;
:func:`priorities_matrix` pivots it (taxonomy item x country or x strategy). Items come from
``crosswalk.csv`` (38 technologies and nine sector domains); unmapped priorities are outside the
common taxonomy (:func:`helpers.chapters.countries.item_counts.unmapped_items`).
:func:`shared_items` (items many columns share), :func:`flemish_specificities` (items Flanders
prioritises that few others do, and items most others prioritise that Flanders does not),
:func:`who_prioritises` and :func:`item_detail` (every original priority behind one item, with
its citation). :func:`item_order` and :func:`cell_grid` shape the heatmaps' rows and cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.chapters.countries.selection import FLANDERS, Selection
from helpers.data.policy import DOMAIN_IDS, PolicyData
from helpers.errors import InputError


def _short_citation(citation: str) -> str:
    """``'VARIO2026, §4.2.3.1 (Thematische ...), pp. 58-61'`` -> ``'VARIO2026 §4.2.3.1'``."""
    parts = [p.strip() for p in str(citation).split(",")]
    source = parts[0]
    section = next((p.split(" (")[0] for p in parts[1:] if p.startswith("§")), "")
    return f"{source} {section}".strip()


def priorities_long(data: PolicyData, selection: Selection, *, by: str = "country", language: str = "en",
                    mapping_bases: Iterable[str] | None = None, taxonomy: str = "all",
                    strategy_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per (taxonomy item, column) that at least one selected priority maps onto.

    Columns: ``taxonomy_id``, ``kind`` (``tech``/``domain``), ``column`` (country code or
    strategy id), ``country``, ``n_strategies``, ``n_items``, ``strategies`` (their names),
    ``priorities`` (the original item labels, each with its strategy), ``priorities_en``,
    ``citations`` (short: source and section), ``bases`` (``seed``/``judgement`` mapping).
    ``mapping_bases=["seed"]`` keeps only the links the seed states itself; ``strategy_names``
    (strategy id -> name) replaces the names of ``strategies.csv`` (e.g. short names for tooltips).
    """
    if by not in ("country", "strategy"):
        raise InputError(f"priorities_long: by={by!r} is not known; use 'country' or 'strategy'")
    if taxonomy not in ("all", "tech", "domain"):
        raise InputError(f"priorities_long: taxonomy={taxonomy!r} is not known; use 'all', 'tech' or 'domain'")
    name_col = "name_en" if language == "en" and "name_en" in selection.strategies.columns else "name"
    strat = selection.strategies[["strategy_id", "country", name_col, "year"]].rename(columns={name_col: "strategy_name"})
    if strategy_names:
        strat["strategy_name"] = strat["strategy_id"].map(strategy_names).fillna(strat["strategy_name"])
    cw = data.crosswalk
    if mapping_bases is not None:
        cw = cw[cw["mapping_basis"].isin(list(mapping_bases))]
    cw = cw.melt(id_vars=["item_id", "mapping_basis"], value_vars=["tech_id", "domain_id"], var_name="kind", value_name="taxonomy_id")
    cw = cw[cw["taxonomy_id"] != ""]
    cw["kind"] = cw["kind"].map({"tech_id": "tech", "domain_id": "domain"})
    if taxonomy != "all":
        cw = cw[cw["kind"] == taxonomy]
    pr = data.priorities[["strategy_id", "item_id", "item_label", "item_label_en", "citation"]]
    long = pr.merge(strat, on="strategy_id").merge(cw, on="item_id")
    cols = ["taxonomy_id", "kind", "column", "country", "n_strategies", "n_items", "strategies", "priorities", "priorities_en", "citations", "bases"]
    if long.empty:
        return pd.DataFrame(columns=cols)
    long["column"] = long["country"] if by == "country" else long["strategy_id"]
    long["_label"] = long["item_label"] + " (" + long["strategy_name"] + ")"
    long["_label_en"] = long["item_label_en"] + " (" + long["strategy_name"] + ")"
    long["_cite"] = long["citation"].map(_short_citation)

    def _join(values: pd.Series) -> str:
        return "; ".join(dict.fromkeys(values))

    out = (long.groupby(["taxonomy_id", "kind", "column", "country"], sort=False)
           .agg(n_strategies=("strategy_id", "nunique"), n_items=("item_id", "nunique"), strategies=("strategy_name", _join),
                priorities=("_label", _join), priorities_en=("_label_en", _join), citations=("_cite", _join),
                bases=("mapping_basis", lambda v: ";".join(sorted(set(v)))))
           .reset_index())
    order = {c: i for i, c in enumerate(selection.columns if by == "country" else selection.strategy_ids)}
    out["_o"] = out["column"].map(order)
    return out.sort_values(["taxonomy_id", "_o"]).drop(columns="_o").reset_index(drop=True)[cols]


def priorities_matrix(data: PolicyData, selection: Selection, *, by: str = "country", value: str = "n_strategies",
                      mapping_bases: Iterable[str] | None = None, taxonomy: str = "all", mapped_only: bool = True) -> pd.DataFrame:
    """Taxonomy item x column (country or strategy) counts: ``value`` is ``n_strategies`` or ``n_items``.

    Columns are exactly the selection's columns (strategy ids with ``by="strategy"``), in order,
    even where a column maps onto nothing. Rows are the 38 technologies and the nine domains in
    the taxonomy's order; ``mapped_only`` keeps only rows with at least one non-zero cell.
    """
    if value not in ("n_strategies", "n_items"):
        raise InputError(f"priorities_matrix: value={value!r} is not known; use 'n_strategies' or 'n_items'")
    long = priorities_long(data, selection, by=by, mapping_bases=mapping_bases, taxonomy=taxonomy)
    columns = selection.columns if by == "country" else selection.strategy_ids
    rows: list[str] = []
    if taxonomy in ("all", "tech"):
        rows += data.technologies["tech_id"].tolist()
    if taxonomy in ("all", "domain"):
        rows += list(DOMAIN_IDS)
    if long.empty:
        matrix = pd.DataFrame(0, index=rows, columns=columns)
    else:
        matrix = long.pivot(index="taxonomy_id", columns="column", values=value).reindex(index=rows, columns=columns).fillna(0).astype(int)
    matrix.index.name = "taxonomy_id"
    matrix.columns.name = by
    if mapped_only:
        matrix = matrix[(matrix > 0).any(axis=1)]
    return matrix


def shared_items(matrix: pd.DataFrame, min_columns: int = 2) -> pd.DataFrame:
    """Items at least ``min_columns`` columns prioritise, most shared first.

    Columns: ``taxonomy_id``, ``n`` (columns with a non-zero cell), ``share`` (of all columns),
    ``total`` (sum of the cells), ``columns`` (``;``-joined, in column order).
    """
    if matrix.shape[1] == 0:
        raise InputError("shared_items: the matrix has no columns; select at least one strategy")
    if min_columns < 1:
        raise InputError(f"shared_items: min_columns={min_columns} must be at least 1")
    present = matrix > 0
    out = pd.DataFrame({
        "taxonomy_id": matrix.index,
        "n": present.sum(axis=1).to_numpy(),
        "share": (present.sum(axis=1) / matrix.shape[1]).to_numpy(),
        "total": matrix.sum(axis=1).to_numpy(),
        "columns": [";".join(map(str, matrix.columns[row])) for row in present.to_numpy()],
    })
    out = out[out["n"] >= min_columns]
    return out.sort_values(["n", "total", "taxonomy_id"], ascending=[False, False, True]).reset_index(drop=True)


def flemish_specificities(matrix: pd.DataFrame, *, flanders: str = FLANDERS, max_others: int = 1,
                          min_others_share: float = 0.5) -> pd.DataFrame:
    """Where Flanders differs from the others (``matrix`` by country, Flanders one of the columns).

    ``kind = "flanders_only"``: Flanders prioritises the item and at most ``max_others`` other
    columns do; ``kind = "others_not_flanders"``: Flanders does not, and at least
    ``min_others_share`` of the other columns do. Columns: ``taxonomy_id``, ``kind``, ``flanders``
    (cell of Flanders), ``n_others``, ``others_share``, ``others`` (``;``-joined).
    """
    if flanders not in matrix.columns:
        raise InputError(f"flemish_specificities: column {flanders!r} is not in the matrix; keep Flanders in the selection")
    others = [c for c in matrix.columns if c != flanders]
    if not others:
        raise InputError("flemish_specificities: the matrix has no column besides Flanders; select at least one other country")
    if not 0 < min_others_share <= 1:
        raise InputError(f"flemish_specificities: min_others_share={min_others_share} must be in (0, 1]")
    present = matrix[others] > 0
    n_others = present.sum(axis=1)
    table = pd.DataFrame({
        "taxonomy_id": matrix.index,
        "flanders": matrix[flanders].to_numpy(),
        "n_others": n_others.to_numpy(),
        "others_share": (n_others / len(others)).to_numpy(),
        "others": [";".join(map(str, present.columns[row])) for row in present.to_numpy()],
    })
    only = table[(table["flanders"] > 0) & (table["n_others"] <= max_others)].assign(kind="flanders_only")
    gaps = table[(table["flanders"] == 0) & (table["others_share"] >= min_others_share - 1e-12)].assign(kind="others_not_flanders")
    out = pd.concat([only, gaps], ignore_index=True)
    out = out.sort_values(["kind", "n_others", "taxonomy_id"], ascending=[True, False, True], kind="stable")
    return out[["taxonomy_id", "kind", "flanders", "n_others", "others_share", "others"]].reset_index(drop=True)


def item_detail(data: PolicyData, selection: Selection, taxonomy_id: str, *, language: str = "en",
                mapping_bases: Iterable[str] | None = None) -> pd.DataFrame:
    """Every selected priority mapped onto ``taxonomy_id``: strategy, original label, citation, quote, mapping basis.

    Raises InputError when ``taxonomy_id`` is neither a technology nor a domain id.
    """
    known = set(data.technologies["tech_id"]) | set(DOMAIN_IDS)
    if taxonomy_id not in known:
        raise InputError(f"item_detail: {taxonomy_id!r} is not a taxonomy id; use a tech_id of technologies.csv or a domain id ({', '.join(DOMAIN_IDS)})")
    cw = data.crosswalk[(data.crosswalk["tech_id"] == taxonomy_id) | (data.crosswalk["domain_id"] == taxonomy_id)]
    if mapping_bases is not None:
        cw = cw[cw["mapping_basis"].isin(list(mapping_bases))]
    name_col = "name_en" if language == "en" and "name_en" in selection.strategies.columns else "name"
    strat = selection.strategies[["strategy_id", "country", name_col, "year"]].rename(columns={name_col: "strategy_name"})
    pr = data.priorities.merge(strat, on="strategy_id").merge(cw[["item_id", "mapping_basis"]].drop_duplicates(), on="item_id")
    order = {c: i for i, c in enumerate(selection.strategy_ids)}
    pr = pr.assign(_o=pr["strategy_id"].map(order)).sort_values(["_o", "item_id"]).drop(columns="_o")
    cols = ["country", "strategy_id", "strategy_name", "year", "item_id", "item_group", "item_label", "item_label_en",
            "mapping_basis", "source_type", "citation", "quote"]
    return pr[[c for c in cols if c in pr.columns]].reset_index(drop=True)


def who_prioritises(matrix: pd.DataFrame, taxonomy_id: str) -> list[str]:
    """Columns with a non-zero cell for ``taxonomy_id`` (empty list when no column has it)."""
    if taxonomy_id not in matrix.index:
        return []
    row = matrix.loc[taxonomy_id]
    return [str(c) for c in matrix.columns if row[c] > 0]


def item_order(matrix: pd.DataFrame, tech_ids: Sequence[str], item_label: Mapping[str, str]) -> list[str]:
    """The rows of ``matrix`` (taxonomy ids) in display order: technologies, then sector domains;
    within each, the items most columns prioritise first (a non-zero cell), then by label."""
    techs = set(tech_ids)
    n_columns = (matrix > 0).sum(axis=1)
    return sorted(matrix.index, key=lambda r: (r not in techs, -int(n_columns[r]), item_label[r]))


def cell_grid(cells: pd.DataFrame, row_ids: Sequence[str], columns: Sequence[str], *,
              counts: Sequence[str] = ("n_strategies", "n_items")) -> pd.DataFrame:
    """Every (taxonomy item, column) cell of a heatmap, zeros included.

    ``cells`` is :func:`priorities_long` (one row per non-empty cell); the grid has one row per
    ``row_ids`` x ``columns`` in that order, the ``counts`` columns as integers (0 for an empty
    cell) and every other missing value as ``""``.
    """
    grid = pd.MultiIndex.from_product([list(row_ids), list(columns)], names=["taxonomy_id", "column"]).to_frame(index=False)
    grid = grid.merge(cells, on=["taxonomy_id", "column"], how="left")
    for count in counts:
        grid[count] = grid[count].fillna(0).astype(int)
    return grid.fillna("")


@dataclass(frozen=True)
class HeatmapRow:
    """One row of the per-strategy heatmaps: its cells (with a ``strategy`` label column), the
    strategy labels in column order (``x_order``), the item labels in row order (``y_order``) and
    the policy columns (countries) it holds."""

    cells: pd.DataFrame
    x_order: list[str]
    y_order: list[str]
    columns: list[str]


def heatmap_rows(grid: pd.DataFrame, rows: Sequence[Sequence[str]], strategy_country: Mapping[str, str], short: Mapping[str, str],
                 row_ids: Sequence[str], item_label: Mapping[str, str]) -> list[HeatmapRow]:
    """Split the strategy grid (:func:`cell_grid` by strategy, with ``n_items``) into the heatmap rows of
    :func:`helpers.chapters.countries.selection.pack_rows`.

    ``strategy_country`` maps each strategy id to its column, in display order; ``short`` gives the
    strategies' short names: a row of one column labels its strategies by short name, a row of
    several by ``"<column> · <short name>"``. Each row keeps only the items its strategies map onto
    (a non-zero cell), in the order of ``row_ids``.
    """
    out = []
    for group in rows:
        ids = [s for s, c in strategy_country.items() if c in group]
        label = {s: (f"{strategy_country[s]} · {short[s]}" if len(group) > 1 else short[s]) for s in ids}
        part = grid[grid["column"].isin(ids)]
        part = part.assign(strategy=part["column"].map(label))
        used = set(part.loc[part["n_items"] > 0, "taxonomy_id"])
        out.append(HeatmapRow(part[part["taxonomy_id"].isin(used)], [label[s] for s in ids],
                              [item_label[r] for r in row_ids if r in used], list(group)))
    return out
