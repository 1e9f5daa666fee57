"""Tabel 1 under both rating rules in one view: the edition's rule first, the other beside it, and the published table.

The VARIO report rates its domains "relatief tussen de sectoren onderling" (section 3.2): the rank rule
(position among the domains) is the default, the threshold rule (fixed cut points on the specialisation
index against the reference, EU-27 by default) the alternative. Both are computed from the same values;
:func:`view_cells` puts them side by side with the published symbols, :func:`agreement_by_rule` counts the
agreement with the published table only where both sides have a rating, :func:`table1_html` draws the
view. Published symbols are reference data: nothing here is tuned to them.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.chapters.sectors.rating import RULE_KINDS
from helpers.i18n import localise_number, t
from helpers.methods.ratings import INDICATORS, RATING_SCORE

#: Agreement of one computed cell with the published one: compared only where both are rated.
VIEW_STATUSES: tuple[str, ...] = ("agree", "disagree", "not_compared")
#: Background of a rule's cell by :data:`VIEW_STATUSES`.
VIEW_BACKGROUNDS: dict[str, str] = {"agree": "#d8f0df", "disagree": "#f8d7dc", "not_compared": "#f3f3f3"}


def rule_kinds(main: str) -> list[str]:
    """The rule kinds in the order of the view: the edition's ``main`` rule first, then the other."""
    return [main] + [k for k in RULE_KINDS if k != main]


def view_status(computed: pd.Series, published: pd.Series) -> pd.Series:
    """``agree`` / ``disagree`` where both are rated, ``not_compared`` where either is ``na``."""
    rated = (computed != "na") & (published != "na")
    return pd.Series(np.select([rated & (computed == published), rated], ["agree", "disagree"], default="not_compared"),
                     index=computed.index, dtype=object)


def _positions(comparison: pd.DataFrame) -> pd.Series:
    """Rank among the rated domains of the same indicator (1 = highest value; ties share the better rank)."""
    return comparison.groupby("indicator_id")["value"].rank(method="min", ascending=False)


def view_cells(comparisons: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per cell of Tabel 1: the published symbol and, per rule kind, the computed symbol, its agreement
    (:func:`view_status`) and its distance (steps on - +/- + ++, NaN unless both are rated).

    ``comparisons``: rule kind -> :func:`~helpers.chapters.sectors.rating.comparison_table` of the same values,
    the edition's rule first. Columns: domain_id, indicator_id, published, value, rank, n_rated, reason, flags,
    flagged, and ``rating_<kind>``, ``status_<kind>``, ``distance_<kind>`` per kind.
    """
    kinds = list(comparisons)
    first = comparisons[kinds[0]]
    out = first[["domain_id", "indicator_id", "published", "value", "reason", "flags", "flagged"]].copy()
    out["rank"] = _positions(first)
    out["n_rated"] = first.groupby("indicator_id")["value"].transform("count")
    for kind in kinds:
        comp = comparisons[kind].set_index(["domain_id", "indicator_id"])["computed"]
        computed = pd.Series(comp.reindex(pd.MultiIndex.from_frame(out[["domain_id", "indicator_id"]])).to_numpy(), index=out.index)
        out[f"rating_{kind}"] = computed.fillna("na")
        out[f"status_{kind}"] = view_status(out[f"rating_{kind}"], out["published"])
        out[f"distance_{kind}"] = out[f"rating_{kind}"].map(RATING_SCORE) - out["published"].map(RATING_SCORE)
    return out


def agreement_by_rule(cells: pd.DataFrame, kinds: Sequence[str]) -> pd.DataFrame:
    """Per indicator (Tabel 1's order) and overall (``all``): ``cells``, ``compared`` (both sides rated under the
    first kind; the rules rate exactly the cells with a value), ``not_compared``, and per kind ``agree_<kind>``,
    ``share_<kind>`` (agree / compared) and ``within_one_<kind>`` (share at most one step apart)."""
    def one(g: pd.DataFrame) -> dict[str, float]:
        rated = g[f"status_{kinds[0]}"] != "not_compared"
        n = int(rated.sum())
        row: dict[str, float] = {"cells": len(g), "compared": n, "not_compared": len(g) - n}
        for kind in kinds:
            agree = int((g[f"status_{kind}"] == "agree").sum())
            row[f"agree_{kind}"] = agree
            row[f"share_{kind}"] = agree / n if n else float("nan")
            row[f"within_one_{kind}"] = float((g.loc[rated, f"distance_{kind}"].abs() <= 1).mean()) if n else float("nan")
        return row

    order = [i for i in INDICATORS if i in set(cells["indicator_id"])]
    rows = {ind: one(cells[cells["indicator_id"] == ind]) for ind in order} | {"all": one(cells)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    for c in ("cells", "compared", "not_compared", *(f"agree_{k}" for k in kinds)):
        out[c] = out[c].astype(int)
    out.index.name = "indicator_id"
    return out.reset_index()


def _number(value: float, language: str, spec: str = ".2f") -> str:
    return localise_number(format(value, spec), language)


def cell_basis(row: pd.Series, kind: str, language: str) -> str:
    """How the rule ``kind`` reached the cell's symbol, in words (``""`` for an ``na`` cell)."""
    if pd.isna(row["value"]):
        return ""
    if kind == "rank":
        return t("sector_basis_rank", language, rank=int(row["rank"]), n=int(row["n_rated"]))
    return t("sector_basis_threshold", language, value=_number(float(row["value"]), language))


def table1_html(cells: pd.DataFrame, domains: pd.DataFrame, kinds: Sequence[str], *, language: str, caption: str = "",
                headers: Mapping[str, str] | None = None, legend: str = "") -> str:
    """Tabel 1 as one HTML table: per indicator the published symbol and each rule's symbol (``kinds`` in order),
    a rule's cell coloured by its agreement with the published one (green = same, red = different, grey = not
    compared because one side is ``na``); ``⚠`` marks a cell touched by a data-quality flag. Hover: value, how
    the rule got there, why a cell is ``na`` (``reader_reason`` column).

    ``headers``: ``published`` and one short header per kind (e.g. ``rank``, ``threshold``).
    """
    headers = dict(headers or {})
    col = 0 if language == "nl" else 1
    names = dict(zip(domains["domain_id"], domains[f"domain_{language}"]))
    by_cell = {(r["domain_id"], r["indicator_id"]): r for _, r in cells.iterrows()}
    sub = ["published", *kinds]
    top = "".join(f'<th colspan="{len(sub)}" style="padding:0.15rem 0.3rem;text-align:center;border-left:1px solid #ccc">'
                  f'{html_lib.escape(v[col])}</th>' for v in INDICATORS.values())
    second = "".join(f'<th style="padding:0.15rem 0.3rem;text-align:center;font-weight:normal;font-size:0.75rem">'
                     f'{html_lib.escape(headers.get(s, s))}</th>' for _ in INDICATORS for s in sub)
    body = []
    for d in domains["domain_id"]:
        tds = []
        for k in INDICATORS:
            r = by_cell.get((d, k))
            if r is None:
                tds.append("".join("<td></td>" for _ in sub))
                continue
            value = "" if pd.isna(r["value"]) else _number(float(r["value"]), language)
            reason = r.get("reader_reason", "") or ""
            tds.append(f'<td style="text-align:center;padding:0.15rem 0.3rem;border-left:1px solid #ccc">{html_lib.escape(r["published"])}</td>')
            for kind in kinds:
                tip = " | ".join(x for x in (value, cell_basis(r, kind, language), reason) if x)
                warn = "⚠" if r["flagged"] else ""
                tds.append(f'<td style="background:{VIEW_BACKGROUNDS[r[f"status_{kind}"]]};text-align:center;white-space:nowrap;'
                           f'padding:0.15rem 0.3rem" title="{html_lib.escape(tip)}"><b>{html_lib.escape(r[f"rating_{kind}"])}</b>{warn}</td>')
        body.append(f'<tr><th style="text-align:left;font-weight:normal;padding:0.15rem 0.4rem">{html_lib.escape(names.get(d, d))}</th>'
                    f'{"".join(tds)}</tr>')
    cap = f"<caption>{html_lib.escape(caption)}</caption>" if caption else ""
    leg = f'<p style="font-size:0.85rem">{html_lib.escape(legend)}</p>' if legend else ""
    return (f'<div class="book-table"><table class="sector-compare" style="font-size:0.8rem;border-collapse:collapse">{cap}'
            f'<thead><tr><th rowspan="2"></th>{top}</tr><tr>{second}</tr></thead><tbody>{"".join(body)}</tbody></table>{leg}</div>')
