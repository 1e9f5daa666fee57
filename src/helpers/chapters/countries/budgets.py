"""Budgets: the stated totals recomputed from their rows, yearly paths, plan compositions and year allocations.

Pure functions on ``budgets.csv`` (:func:`helpers.data.policy.load_budgets`): :func:`budget_totals`
and :func:`budget_checks` (every stated total recomputed from its rows, the seed's own mismatches
kept), :func:`budget_years` (annual rows expanded over their years), :func:`programme_path` (e.g.
the defence growth path), :func:`plan_composition` (stated total = quantified lines + what the
seed leaves unquantified, or minus an excess), :func:`year_allocations` (all amounts of one budget
year against the stated budget step) and :func:`budget_rows` (a checked selection of rows).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.errors import InputError

#: tolerance of the recomputed totals
_TOL = 1e-9


def budget_totals(budgets: pd.DataFrame) -> pd.DataFrame:
    """Recompute every stated total from its parts.

    For each row with ``is_total`` the parts are the rows whose ``total_id`` is its ``budget_id``;
    ``computed`` is sum(amount x n_years) over the parts. ``matches`` is True when the check the
    total declares holds: ``exact`` -> computed == stated; ``parts_incomplete`` -> computed <=
    stated (the seed leaves part of it unquantified); ``parts_not_in_seed`` -> no parts to check;
    ``mismatch`` -> the seed's own numbers do not add up (documented, ``matches`` is False).
    """
    df = budgets.copy()
    n_years = df["n_years"].fillna(1.0) if "n_years" in df.columns else 1.0
    df["_value"] = df["amount"].astype(float) * n_years
    parts = df[df["total_id"] != ""].groupby("total_id").agg(computed=("_value", "sum"), n_parts=("_value", "size"))
    totals = df[df["is_total"].astype(bool)].set_index("budget_id")
    out = totals[["strategy_id", "programme", "unit", "amount"]].rename(columns={"amount": "stated"})
    out["total_check"] = totals["total_check"] if "total_check" in totals.columns else ""
    out = out.join(parts, how="left")
    out["n_parts"] = out["n_parts"].fillna(0).astype(int)
    out["computed"] = out["computed"].fillna(0.0).round(6)
    out["difference"] = (out["stated"] - out["computed"]).round(6)

    def _ok(r: pd.Series) -> bool:
        if r["total_check"] == "exact":
            return r["n_parts"] > 0 and abs(r["difference"]) <= _TOL * max(1.0, abs(r["stated"]))
        if r["total_check"] == "parts_incomplete":
            return r["n_parts"] > 0 and r["computed"] <= r["stated"] + _TOL
        if r["total_check"] == "parts_not_in_seed":
            return r["n_parts"] == 0
        return False

    out["matches"] = out.apply(_ok, axis=1) if len(out) else pd.Series(dtype=bool)
    out.index.name = "total_id"
    return out.reset_index()


def budget_checks(budgets: pd.DataFrame) -> pd.DataFrame:
    """Every total the seed states, recomputed from its part rows (:func:`budget_totals`).

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

