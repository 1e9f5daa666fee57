"""The policy landscape: who prioritises what, Flemish budgets and R&D intensity (seed ch. 4, TNO 2025).

Pure functions on the cited project data of :mod:`helpers.data.policy` (``data/policy/*.csv``) and on
the canonical ``region_indicators`` table (Eurostat regional R&D). The "other countries" chapter
of the book (``notebooks/countries_*.ipynb``) calls them; every number it shows comes from here.

* **Selection.** :func:`select_strategies` turns the edition's regions (ISO 3166 alpha-3 codes
  such as ``DEU``; aggregates ``EU27``/``EU28``) into the ``country`` codes of
  ``strategies.csv``: a country selects its national strategies and those of its regions
  (``DEU`` -> ``DEU`` and ``DE-BY``, Bavaria; ``BEL`` -> ``BE-VLG``, Flanders). Flanders'
  own policy (``BE-VLG``) is always a column, the EU (``EU``) is a column of its own.
* **Matrix.** :func:`priorities_long` gives one row per (taxonomy item, column) with the number of
  strategies and priority items that map onto the item, the original labels and their citations;
  :func:`priorities_matrix` pivots it (taxonomy item x country or x strategy). Items come from
  ``crosswalk.csv`` (38 technologies and nine sector domains); unmapped priorities are outside the
  common taxonomy (:func:`helpers.data.policy.unmapped_items`).
* **Convergence and specificities.** :func:`shared_items` (items many columns share),
  :func:`flemish_specificities` (items Flanders prioritises that few others do, and items most
  others prioritise that Flanders does not), :func:`who_prioritises` and :func:`item_detail`
  (every original priority behind one item, with its citation).
* **Budgets.** :func:`budget_checks` (every stated total recomputed from its rows, the seed's own
  mismatches kept), :func:`budget_years` (annual rows expanded over their years),
  :func:`programme_path` (e.g. the defence growth path), :func:`plan_composition` (stated total
  = quantified lines + what the seed leaves unquantified, or minus an excess),
  :func:`year_allocations` (all amounts of one budget year against the stated budget step) and
  :func:`budget_rows` (a checked selection of rows).
* **R&D intensity.** :func:`rd_regions` (which data codes stand for the chapter's regions:
  ``BE2`` for Flanders, NUTS 0 for countries, ``EU27``), :func:`rd_intensity` (GERD and BERD as %
  of GDP over a window), :func:`rd_summary` and :func:`rd_target` (the 3% target of ``figures.csv``).
* **Feasibility.** :func:`attach_positions` joins, per technology, a region's position (RCA,
  relatedness density, complexity, quadrant) measured on the technology's primary coarse field
  (``data/technology_coarse_map.csv``): a proxy, never the technology itself;
  :func:`priorities_by_position` does so for every profiled country against its own priorities.

Bad input raises :class:`helpers.errors.InputError` with one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from helpers.data.regions import EDITION_AGGREGATES as AGGREGATES, region_is_known
from helpers.errors import InputError
from helpers.data.policy import DOMAIN_IDS, PolicyData, budget_totals

FLANDERS = "BE-VLG"
EU = "EU"
FLANDERS_NUTS = "BE2"
EU_RD = "EU27"
#: The edition's aggregate codes that stand for the EU column of the strategies.
EU_ALIASES = ("EU", "EU27", "EU28")
#: Roles of the regions in the R&D comparison, in display order (see :func:`rd_regions`).
ROLE_ORDER = ("flanders", "focus", "comparison", "eu")


# ----------------------------------------------------------------------------- selection
@dataclass(frozen=True)
class Selection:
    """Strategies chosen for the chapter and the columns they form.

    ``columns`` are ``country`` codes of ``strategies.csv`` in display order (Flanders, the focus
    region's own policy where it is not Flanders, the comparison regions with their sub-national
    strategies, the EU); ``strategies`` holds the selected rows in that order; ``requested`` maps
    each requested edition code to the policy codes it selected; ``missing`` lists requested codes
    that are valid but have no strategy in the data (they get no column).
    """

    strategies: pd.DataFrame
    columns: list[str]
    requested: dict[str, list[str]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    @property
    def strategy_ids(self) -> list[str]:
        return self.strategies["strategy_id"].tolist()


def _iso2(code: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 and code.isalpha() else None
    return country.alpha_2 if country is not None else None


def policy_codes(code: str, strategies: pd.DataFrame, *, include_subnational: bool = True) -> list[str]:
    """The ``country`` codes of ``strategies`` that edition code ``code`` stands for.

    ``DEU`` -> ``["DEU", "DE-BY"]`` (with ``include_subnational``), ``EU27`` -> ``["EU"]``, a code
    that ``strategies.csv`` uses itself (``BE-VLG``) -> that code. Raises InputError for a code that
    is neither a known region (ISO 3166, NUTS, aggregate) nor used in ``strategies.csv``.
    """
    code = str(code).strip()
    present = list(dict.fromkeys(strategies["country"]))
    if code in EU_ALIASES:
        return [EU] if EU in present else []
    if code in present and "-" in code:
        return [code]
    if code == FLANDERS_NUTS:
        return [FLANDERS] if FLANDERS in present else []
    if code not in present and not region_is_known(code):
        known = ", ".join(sorted(set(present) | {"EU27"}))
        raise InputError(f"landscape: unknown country code {code!r}; use an ISO 3166 alpha-3 code (e.g. DEU) or one of {known}")
    out = [code] if code in present else []
    iso2 = _iso2(code)
    if include_subnational and iso2:
        out += [c for c in present if c.startswith(f"{iso2}-") and c not in out]
    return out


def select_strategies(strategies: pd.DataFrame, focus_region: str, comparison_regions: Sequence[str], *,
                      include_flanders: bool = True, include_eu: bool = True, include_subnational: bool = True,
                      since_year: int | None = None) -> Selection:
    """Strategies of Flanders, the focus region, the comparison regions and the EU, in that order.

    ``since_year`` drops strategies adopted before that year (strategies without a year, such as
    Flanders' research centres, are kept). Raises InputError for an unknown code and for an
    empty selection.
    """
    if isinstance(comparison_regions, str):
        comparison_regions = [comparison_regions]
    columns: list[str] = []
    requested: dict[str, list[str]] = {}
    missing: list[str] = []
    if include_flanders and FLANDERS in set(strategies["country"]):
        columns.append(FLANDERS)
    for code in [focus_region, *comparison_regions]:
        if code is None or str(code).strip() == "":
            raise InputError("landscape: an empty country code in the selection; remove it or give an ISO 3166 alpha-3 code")
        codes = policy_codes(code, strategies, include_subnational=include_subnational)
        if code in EU_ALIASES and not include_eu:
            codes = []
        requested[code] = codes
        if not codes:
            missing.append(code)
        columns += [c for c in codes if c not in columns and c != EU]
    if include_eu and EU in set(strategies["country"]):
        columns.append(EU)
    chosen = strategies[strategies["country"].isin(columns)].copy()
    if since_year is not None:
        year = pd.to_numeric(chosen["year"], errors="coerce")
        chosen = chosen[year.isna() | (year >= int(since_year))]
    columns = [c for c in columns if c in set(chosen["country"])]
    if chosen.empty:
        asked = ", ".join([str(focus_region), *map(str, comparison_regions)]) or "nothing"
        raise InputError(f"landscape: empty selection: no strategy in strategies.csv for {asked}"
                         f"{f' since {since_year}' if since_year is not None else ''}; choose countries that strategies.csv covers")
    chosen["_col"] = chosen["country"].map({c: i for i, c in enumerate(columns)})
    chosen = chosen.sort_values(["_col", "year", "strategy_id"], kind="stable", na_position="last").drop(columns="_col")
    return Selection(chosen.reset_index(drop=True), columns, requested, missing)


# ----------------------------------------------------------------------------- who prioritises what
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


# ----------------------------------------------------------------------------- budgets
def budget_checks(budgets: pd.DataFrame) -> pd.DataFrame:
    """Every total the seed states, recomputed from its part rows (:func:`helpers.data.policy.budget_totals`).

    Adds ``status``: ``adds_up`` (exact and equal), ``parts_below_total`` (the seed quantifies
    only some parts; ``difference`` is what it leaves unquantified), ``no_parts`` (the seed gives no
    split) and ``mismatch`` (the seed's own numbers do not add up; ``difference`` = stated - computed).
    """
    out = budget_totals(budgets)
    status = {"exact": "adds_up", "parts_incomplete": "parts_below_total", "parts_not_in_seed": "no_parts", "mismatch": "mismatch"}
    out["status"] = out["total_check"].map(status).fillna("mismatch")
    out.loc[~out["matches"] & (out["status"] != "mismatch"), "status"] = "mismatch"
    notes = budgets.set_index("budget_id")["note"] if "note" in budgets.columns else pd.Series(dtype=str)
    out["note"] = out["total_id"].map(notes).fillna("")
    return out


def budget_years(budgets: pd.DataFrame) -> pd.DataFrame:
    """Annual amounts spread over the years they run: one row per (budget_id, year).

    An ``annual`` or ``increase`` row with ``n_years = k`` and a year (or, without a year, the
    ``period_start`` of its total) gives ``k`` rows from that year on. Rows without any year and
    other kinds (totals, caps, potentials) are left out. Columns: ``budget_id``, ``strategy_id``,
    ``programme``, ``programme_en``, ``total_id``, ``year``, ``amount``, ``unit``, ``kind``.
    """
    df = budgets.copy()
    starts = df.set_index("budget_id")["period_start"]
    rows = []
    for _, r in df[df["kind"].isin(["annual", "increase", "decrease"]) & ~df["is_total"].astype(bool)].iterrows():
        year = r["year"]
        if pd.isna(year) and r["total_id"]:
            year = starts.get(r["total_id"])
        if pd.isna(year):
            continue
        n = int(r["n_years"]) if pd.notna(r.get("n_years")) else 1
        for k in range(max(n, 1)):
            rows.append({"budget_id": r["budget_id"], "strategy_id": r["strategy_id"], "programme": r["programme"],
                         "programme_en": r.get("programme_en", r["programme"]), "total_id": r["total_id"], "year": int(year) + k,
                         "amount": float(r["amount"]), "unit": r["unit"], "kind": r["kind"]})
    cols = ["budget_id", "strategy_id", "programme", "programme_en", "total_id", "year", "amount", "unit", "kind"]
    return pd.DataFrame(rows, columns=cols).sort_values(["strategy_id", "year", "budget_id"]).reset_index(drop=True)


def programme_path(budgets: pd.DataFrame, strategy_id: str) -> pd.DataFrame:
    """The year-by-year amounts of one strategy's programme (e.g. ``vlg_defensie_2025``) with the cumulative sum."""
    years = budget_years(budgets)
    path = years[years["strategy_id"] == strategy_id]
    if path.empty:
        known = ", ".join(sorted(set(years["strategy_id"])))
        raise InputError(f"programme_path: strategy {strategy_id!r} has no yearly budget rows in budgets.csv; choose one of {known}")
    path = path.groupby("year", as_index=False).agg(amount=("amount", "sum"), budget_ids=("budget_id", ";".join))
    path["cumulative"] = path["amount"].cumsum().round(9)
    path.insert(0, "strategy_id", strategy_id)
    return path


def plan_composition(budgets: pd.DataFrame, total_id: str) -> pd.DataFrame:
    """A stated total split into the part rows the seed gives plus the remainder.

    Rows: each part (``component = "part"``, amount x n_years) and, when the parts fall short of
    the stated total, ``component = "unquantified"`` with the gap; when they exceed it,
    ``component = "excess"`` with the (negative) difference. Columns: ``total_id``, ``budget_id``,
    ``programme``, ``programme_en``, ``component``, ``amount``, ``stated``, ``computed``.
    """
    ids = set(budgets["budget_id"])
    if total_id not in ids:
        raise InputError(f"plan_composition: budget_id {total_id!r} is not in budgets.csv; use the id of a total row")
    total = budgets[budgets["budget_id"] == total_id].iloc[0]
    if not bool(total["is_total"]):
        raise InputError(f"plan_composition: budget_id {total_id!r} is not a total (is_total=false); use the id of a total row")
    parts = budgets[budgets["total_id"] == total_id]
    n_years = parts["n_years"].fillna(1.0) if "n_years" in parts.columns else 1.0
    rows = pd.DataFrame({"total_id": total_id, "budget_id": parts["budget_id"], "programme": parts["programme"],
                         "programme_en": parts.get("programme_en", parts["programme"]), "component": "part",
                         "amount": (parts["amount"].astype(float) * n_years).round(9)})
    stated = float(total["amount"])
    computed = round(float(rows["amount"].sum()), 9)
    gap = round(stated - computed, 9)
    if gap > 1e-9:
        rows = pd.concat([rows, pd.DataFrame([{"total_id": total_id, "budget_id": "", "programme": "niet gekwantificeerd in de bron",
                                               "programme_en": "not quantified in the source", "component": "unquantified", "amount": gap}])])
    elif gap < -1e-9:
        rows = pd.concat([rows, pd.DataFrame([{"total_id": total_id, "budget_id": "", "programme": "delen boven het vermelde totaal",
                                               "programme_en": "parts above the stated total", "component": "excess", "amount": gap}])])
    rows["stated"] = stated
    rows["computed"] = computed
    return rows.reset_index(drop=True)


def year_allocations(budgets: pd.DataFrame, total_id: str, *, strategies: Sequence[str] | None = None) -> pd.DataFrame:
    """All amounts of the total's year in the listed strategies, against the stated budget step.

    For a budget step such as ``budget_step_2025_total`` (50 in 2025) this lists the explicit parts
    (``component = "part"``), every other amount of that year in ``strategies`` (default: the total's
    own strategy; ``component = "same_year"``) and the remainder that nothing in the source
    allocates (``component = "unallocated"``, or ``"excess"`` when the amounts exceed the step).
    """
    comp = plan_composition(budgets, total_id)
    total = budgets[budgets["budget_id"] == total_id].iloc[0]
    if pd.isna(total["year"]):
        raise InputError(f"year_allocations: total {total_id!r} has no year; use a total with a year (e.g. budget_step_2025_total)")
    year = int(total["year"])
    strategies = list(strategies) if strategies is not None else [total["strategy_id"]]
    others = budgets[(budgets["year"] == year) & budgets["strategy_id"].isin(strategies) & ~budgets["is_total"].astype(bool)
                     & (budgets["total_id"] != total_id) & budgets["kind"].isin(["annual", "increase"])]
    parts = comp[comp["component"] == "part"]
    extra = pd.DataFrame({"total_id": total_id, "budget_id": others["budget_id"], "programme": others["programme"],
                          "programme_en": others.get("programme_en", others["programme"]), "component": "same_year",
                          "amount": others["amount"].astype(float)})
    rows = pd.concat([parts, extra], ignore_index=True)
    stated = float(total["amount"])
    allocated = round(float(rows["amount"].sum()), 9)
    gap = round(stated - allocated, 9)
    if abs(gap) > 1e-9:
        label = ("niet toegewezen in de bron", "not allocated in the source", "unallocated") if gap > 0 else \
                ("bedragen boven de opstap", "amounts above the budget step", "excess")
        rows = pd.concat([rows, pd.DataFrame([{"total_id": total_id, "budget_id": "", "programme": label[0], "programme_en": label[1],
                                               "component": label[2], "amount": gap}])], ignore_index=True)
    rows["stated"] = stated
    rows["allocated"] = allocated
    rows["year"] = year
    return rows.drop(columns=[c for c in ("computed",) if c in rows.columns]).reset_index(drop=True)


# ----------------------------------------------------------------------------- R&D intensity
#: ``figures.csv`` fact with the European R&D target (TNO 2025: 3% of GDP).
RD_TARGET_FACT = "nld_tno_rd_target"


def rd_target(figures: pd.DataFrame, fact_id: str = RD_TARGET_FACT) -> tuple[float, str]:
    """The R&D intensity target (% of GDP) and its citation from ``figures.csv``."""
    row = figures[figures["fact_id"] == fact_id]
    if row.empty:
        raise InputError(f"rd_target: fact {fact_id!r} is not in figures.csv; add it or pass another fact_id")
    if row.iloc[0]["unit"] != "percent of GDP":
        raise InputError(f"rd_target: fact {fact_id!r} has unit {row.iloc[0]['unit']!r}, not 'percent of GDP'")
    return float(row.iloc[0]["value"]), str(row.iloc[0]["citation"])


def budget_rows(budgets: pd.DataFrame, *, strategy_ids: Sequence[str] | None = None, budget_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """The rows of the given strategies and/or budget ids, in file order; InputError for an unknown id or no rows."""
    mask = pd.Series(False, index=budgets.index)
    for col, ids in (("strategy_id", strategy_ids), ("budget_id", budget_ids)):
        if ids is None:
            continue
        unknown = [i for i in ids if i not in set(budgets[col])]
        if unknown:
            raise InputError(f"budget_rows: {col} {unknown[0]!r} has no row in budgets.csv; check the id")
        mask |= budgets[col].isin(list(ids))
    out = budgets[mask]
    if out.empty:
        raise InputError("budget_rows: empty selection; give at least one strategy_id or budget_id")
    return out.reset_index(drop=True)


def rd_regions(focus_region: str, comparison_regions: Sequence[str], regions: pd.DataFrame, *,
               flanders: str | None = FLANDERS_NUTS, eu: str | None = EU_RD) -> pd.DataFrame:
    """Which ``region_indicators`` codes stand for the chapter's regions.

    One row per shown region: ``code`` (as asked), ``region`` (the code in the data: NUTS 0 for a
    country, e.g. ``DEU`` -> ``DE``, ``GBR`` -> ``UK``), ``role`` (``flanders``, ``focus``,
    ``comparison``, ``eu``). ``regions`` is the canonical regions table. Raises InputError for an
    unknown code.
    """
    nuts0 = regions[regions["level"] == "nuts0"].dropna(subset=["iso3"]).drop_duplicates("iso3").set_index("iso3")["region"]
    known = set(regions["region"])

    def _data_code(code: str) -> str:
        code = str(code).strip()
        if not code or not region_is_known(code):
            raise InputError(f"rd_regions: unknown region code {code!r}; use an ISO 3166 alpha-3 code (DEU), a NUTS code (BE2) or one of {', '.join(AGGREGATES)}")
        if code in nuts0.index:
            return str(nuts0[code])
        if code in known or code in AGGREGATES:
            return code
        return code  # a valid code the data do not have: shown as missing by rd_intensity

    rows = []
    if flanders:
        rows.append({"code": flanders, "region": _data_code(flanders), "role": "flanders"})
    rows.append({"code": focus_region, "region": _data_code(focus_region), "role": "focus"})
    for code in comparison_regions:
        rows.append({"code": code, "region": _data_code(code), "role": "comparison"})
    if eu:
        rows.append({"code": eu, "region": _data_code(eu), "role": "eu"})
    out = pd.DataFrame(rows)
    return out.drop_duplicates("region", keep="first").reset_index(drop=True)


def rd_intensity(region_indicators: pd.DataFrame, shown: pd.DataFrame, window: Sequence[int], *,
                 indicators: Sequence[str] = ("GERD", "BERD"), unit: str = "PC_GDP") -> tuple[pd.DataFrame, list[str]]:
    """R&D expenditure as % of GDP for the regions of :func:`rd_regions` over ``window``.

    Returns ``(table, missing)``: ``table`` has one row per (region, indicator, year) with
    ``code``, ``region``, ``role``, ``indicator``, ``year``, ``value`` (``unit``, default % of
    GDP); ``missing`` lists the asked codes with no value in the window. Raises InputError for a
    bad window, an unknown indicator or when no region has a value.
    """
    try:
        start, end = (int(y) for y in window)
    except (TypeError, ValueError):
        raise InputError(f"rd_intensity: window {window!r} must be [first year, last year]") from None
    if start > end:
        raise InputError(f"rd_intensity: window {start}-{end}: the first year is after the last")
    bad = [i for i in indicators if i not in set(region_indicators["indicator"])]
    if bad:
        raise InputError(f"rd_intensity: indicator {bad[0]!r} is not in region_indicators; available: {', '.join(sorted(set(region_indicators['indicator'])))}")
    data = region_indicators[region_indicators["indicator"].isin(list(indicators)) & (region_indicators["unit"] == unit)
                             & region_indicators["year"].between(start, end) & region_indicators["region"].isin(shown["region"])]
    table = shown.merge(data[["region", "indicator", "year", "value"]], on="region")
    missing = [c for c, r in zip(shown["code"], shown["region"]) if r not in set(table["region"])]
    if table.empty:
        raise InputError(f"rd_intensity: empty selection: no {'/'.join(indicators)} in {unit} for {', '.join(shown['code'])} in {start}-{end}; choose a window the data cover")
    table["_o"] = table["region"].map({r: i for i, r in enumerate(shown["region"])})
    table = table.sort_values(["_o", "indicator", "year"]).drop(columns=["_o"])
    table["year"] = table["year"].astype(int)
    return table.reset_index(drop=True)[["code", "region", "role", "indicator", "year", "value"]], missing


def rd_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per (region, indicator): first and last year with a value, those values, the change and the mean."""
    if table.empty:
        raise InputError("rd_summary: no R&D values to summarise")
    rows = []
    for (code, region, role, indicator), g in table.groupby(["code", "region", "role", "indicator"], sort=False):
        g = g.sort_values("year")
        rows.append({"code": code, "region": region, "role": role, "indicator": indicator,
                     "first_year": int(g["year"].iloc[0]), "first_value": float(g["value"].iloc[0]),
                     "last_year": int(g["year"].iloc[-1]), "last_value": float(g["value"].iloc[-1]),
                     "change": round(float(g["value"].iloc[-1] - g["value"].iloc[0]), 9), "mean": round(float(g["value"].mean()), 9),
                     "n_years": int(len(g))})
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- feasibility (technology chapter)
def attach_positions(items: pd.DataFrame, positions: pd.DataFrame, coarse_map: pd.DataFrame, *, scheme: str = "wipo35",
                     field_column: str = "technology") -> pd.DataFrame:
    """Join each technology of ``items`` (column ``taxonomy_id``) to the position of its primary coarse field.

    ``positions`` has one row per coarse field (``field_column``, e.g. the WIPO field name) with the
    focus region's measures (``rca``, ``density``, ``complexity``, ``quadrant``, ...);
    ``coarse_map`` is ``data/technology_coarse_map.csv``. Adds ``proxy_field`` and the measure
    columns; domains and technologies without a primary field get empty values. The measure is that
    of the whole field: a proxy for the technology, not the technology itself.
    """
    if "taxonomy_id" not in items.columns:
        raise InputError("attach_positions: items need a 'taxonomy_id' column")
    if field_column not in positions.columns:
        raise InputError(f"attach_positions: positions need a {field_column!r} column (the coarse field)")
    cm = coarse_map[(coarse_map["scheme"] == scheme) & (coarse_map["strength"] == "primary")]
    if cm.empty:
        raise InputError(f"attach_positions: the coarse map has no primary rows for scheme {scheme!r}")
    primary = cm.drop_duplicates("tech_id").set_index("tech_id")["code"]
    out = items.copy()
    out["proxy_field"] = out["taxonomy_id"].map(primary)
    pos = positions.rename(columns={field_column: "proxy_field"}).drop_duplicates("proxy_field")
    return out.merge(pos, on="proxy_field", how="left")


def priorities_by_position(matrix: pd.DataFrame, selection: Selection, profiles: pd.DataFrame, coarse_map: pd.DataFrame, *,
                           technologies: Sequence[str], scheme: str = "wipo35") -> pd.DataFrame:
    """For each profiled region, each technology: is it a policy priority there, and where is it in that region's own quadrants?

    ``matrix`` is the country matrix (:func:`priorities_matrix`, ``by="country"``); a region's
    priorities are those of the policy columns it selected (``selection.requested``, e.g. ``DEU``
    -> ``DEU`` and ``DE-BY``); ``profiles`` are stacked technology profiles (columns ``region``,
    ``technology`` = coarse field, ``rca``, ``density``, ``complexity``, ``quadrant``), e.g. from
    :func:`helpers.chapters.technologies.profiles_for_regions`. Each of ``technologies`` (tech ids) takes the
    values of its primary coarse field. Columns: ``region``, ``taxonomy_id``, ``proxy_field``,
    ``prioritised`` (bool), ``policy_columns``, ``rca``, ``density``, ``complexity``, ``quadrant``.
    """
    needed = {"region", "technology", "rca", "density", "complexity", "quadrant"}
    if not needed <= set(profiles.columns):
        raise InputError(f"priorities_by_position: profiles need columns {', '.join(sorted(needed))}")
    rows = []
    for region in dict.fromkeys(profiles["region"]):
        cols = [c for c in selection.requested.get(region, []) if c in matrix.columns]
        prof = profiles[profiles["region"] == region][["technology", "rca", "density", "complexity", "quadrant"]]
        part = attach_positions(pd.DataFrame({"taxonomy_id": list(technologies)}), prof, coarse_map, scheme=scheme)
        prio = matrix.reindex(index=list(technologies), columns=cols).fillna(0).sum(axis=1) > 0 if cols else pd.Series(False, index=list(technologies))
        part["prioritised"] = part["taxonomy_id"].map(prio).fillna(False).astype(bool)
        part["policy_columns"] = ";".join(cols)
        part.insert(0, "region", region)
        rows.append(part)
    if not rows:
        raise InputError("priorities_by_position: no profiled region; give at least one profile")
    cols = ["region", "taxonomy_id", "proxy_field", "prioritised", "policy_columns", "rca", "density", "complexity", "quadrant"]
    return pd.concat(rows, ignore_index=True)[cols]


#: Quadrant keys of a position, ``none`` for a technology without a primary field (or without data).
POSITION_QUADRANTS = ("optimal", "moonshot", "low_risk", "low_priority", "none")
_POSITION_COLUMNS = ["proxy_field", "field_label", "rca", "density", "complexity", "quadrant"]


def format_value(value: object, spec: str) -> str:
    """``value`` formatted with ``spec`` (``".2f"``), or a dash when it is missing (``None``, NaN)."""
    return "—" if value is None or pd.isna(value) else format(float(value), spec)


def item_names(ids: Iterable[str], item_labels: Mapping[str, str], language: str) -> str:
    """The labels of taxonomy ids as one phrase ("a, b and c" / "a, b en c")."""
    from helpers.i18n import join_names

    return join_names([item_labels[i] for i in ids], language)


def focus_positions(taxonomy_ids: Sequence[str], profile: pd.DataFrame | None, coarse_map: pd.DataFrame, *, language: str,
                    scheme: str = "wipo35") -> pd.DataFrame:
    """The focus region's position for each of ``taxonomy_ids``, through its primary coarse field (:func:`attach_positions`).

    ``profile`` is the focus region's :func:`helpers.chapters.technologies.technology_profile` on ``scheme``
    (``None`` when the source has no data: every measure empty). Columns: ``taxonomy_id``,
    ``proxy_field``, ``field_label`` (the field's label in ``language``), ``rca``, ``density``,
    ``complexity``, ``quadrant`` (``none`` without a position).
    """
    if profile is None:
        out = pd.DataFrame({"taxonomy_id": list(taxonomy_ids)} | {c: None for c in _POSITION_COLUMNS})
    else:
        measures = profile[["technology", f"label_{language}", "rca", "density", "complexity", "quadrant"]]
        out = attach_positions(pd.DataFrame({"taxonomy_id": list(taxonomy_ids)}), measures.rename(columns={f"label_{language}": "field_label"}),
                               coarse_map, scheme=scheme)
    out["quadrant"] = out["quadrant"].fillna("none")
    return out


def spotlight_position(positions: pd.DataFrame, taxonomy_id: str, language: str) -> dict[str, str]:
    """The spotlight item's position as text: ``field``, ``quadrant`` (its name in ``language``), ``rca``,
    ``density``, ``complexity``; a dash for each when the item has no position (:func:`focus_positions`)."""
    from helpers.i18n import t

    pos = positions.set_index("taxonomy_id")
    row = pos.loc[taxonomy_id] if taxonomy_id in pos.index else None
    if row is None or row["quadrant"] == "none":
        return dict.fromkeys(("field", "quadrant", "rca", "density", "complexity"), "—")
    return {"field": row["field_label"], "quadrant": t(f"quadrant_{row['quadrant']}", language), "rca": format_value(row["rca"], ".2f"),
            "density": format_value(row["density"], ".1f"), "complexity": format_value(row["complexity"], ".2f")}
