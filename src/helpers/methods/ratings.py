"""Sector-strength ratings (seed section 3.2, Tabel 1): from indicator values to ``++ / + / +/- / - / na``.

The seed's Tabel 1 rates nine domains on six indicators (value added, export, R&D expenditure, R&D
personnel, patents, publications). The seed does not publish the rule behind its symbols; it only
says (section 3.2, seed text line 736): "Dit betreft een relatieve vergelijking tussen de sectoren
onderling, geen absolute vergelijking." This module therefore offers two explicit, parameterised
rules and a cell-by-cell comparison with the published table, so that the book can show where a
computed table agrees with the seed.

Indicator table (input), long format, one row per cell::

    domain_id, indicator_id, value[, reason]

``value`` is typically a specialisation index of the focus region against a reference
(:func:`specialisation_index`): the sector's share in the region divided by its share in the
reference, so 1 means "as important as in the reference". ``reason`` (optional) says why a value is
missing; it is carried into the rating table.

Rating table (output), long format::

    domain_id, indicator_id, value, rating, basis, reason

``rating`` is one of :data:`RATINGS`; ``basis`` says in words how the rating was reached;
``reason`` is empty unless the rating is ``na``.

Rules
-----
(a) :class:`ThresholdRule` -- fixed cut points on the value (default for a specialisation index):
    ``++`` if value >= 1.5, ``+`` if >= 1.1, ``+/-`` if >= 0.9, else ``-``.
(b) :class:`RankRule` -- relative position among the rows passed in, per indicator (the seed's
    "relatieve vergelijking tussen de sectoren onderling"): with ``r`` the rank from the top (1 =
    highest, ties share the better rank) and ``n`` the number of valid values, the position is
    ``q = (r - 1) / n``; ``++`` if q < 0.25, ``+`` if q < 0.50, ``+/-`` if q < 0.75, else ``-``
    (quartiles by default; cut points are parameters). Pass all sectors of the economy to rank the
    nine domains against the whole economy, or only the nine to rank them against each other.
Missing values (NaN/None) become ``na`` under both rules, with the reason carried along.

This module reads no files: the published Tabel 1 and the domains are project data, read by
:func:`helpers.data.domains.load_published_ratings` and :func:`helpers.data.domains.load_domains`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.errors import InputError

#: Allowed rating symbols, strongest first; ``na`` = not available.
RATINGS: tuple[str, ...] = ("++", "+", "+/-", "-", "na")
#: Ordinal score of each rated symbol (``na`` has none); used for distances in comparisons.
RATING_SCORE: dict[str, int] = {"++": 3, "+": 2, "+/-": 1, "-": 0}

#: Tabel 1's six indicators, in the seed's column order: id -> (Dutch, English) label.
INDICATORS: dict[str, tuple[str, str]] = {
    "value_added": ("Toegevoegde waarde", "Value added"),
    "export": ("Export", "Exports"),
    "rd_expenditure": ("O&O-uitgaven", "R&D expenditure"),
    "rd_personnel": ("O&O-personeel", "R&D personnel"),
    "patents": ("Octrooien", "Patents"),
    "publications": ("Publicaties", "Publications"),
}

COMPARISON_STATUSES: tuple[str, ...] = ("agree", "disagree", "na_mismatch")


# --------------------------------------------------------------------------------------------
# validation helpers (one-line InputError messages naming file, column, row and what to do)
# --------------------------------------------------------------------------------------------


def require_columns(df: pd.DataFrame, columns: Iterable[str], source: str) -> None:
    """Raise :class:`InputError` naming ``source`` and the first missing column."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(
            f"{source}: missing column '{missing[0]}' (expected columns: {', '.join(columns)}; found: "
            f"{', '.join(map(str, df.columns))}); add the column or rename yours"
        )


def check_rating(symbol: object, source: str, row: object) -> str:
    """Return ``symbol`` as a string if it is one of :data:`RATINGS`, else raise :class:`InputError`."""
    text = "" if symbol is None or (isinstance(symbol, float) and math.isnan(symbol)) else str(symbol).strip()
    if text not in RATINGS:
        raise InputError(
            f"{source}, row {row}: unknown rating symbol {text!r} in column 'rating'; "
            f"use one of {' '.join(RATINGS)}"
        )
    return text


def _no_duplicate_cells(df: pd.DataFrame, source: str) -> None:
    dup = df.duplicated(["domain_id", "indicator_id"], keep="first")
    if dup.any():
        i = dup.idxmax()
        raise InputError(
            f"{source}, row {i}: duplicate cell domain_id={df.at[i, 'domain_id']!r}, "
            f"indicator_id={df.at[i, 'indicator_id']!r}; keep one row per domain and indicator"
        )


def _known_indicators(df: pd.DataFrame, source: str, indicators: Iterable[str] | None) -> None:
    if indicators is None:
        return
    allowed = set(indicators)
    bad = ~df["indicator_id"].isin(allowed)
    if bad.any():
        i = bad.idxmax()
        raise InputError(
            f"{source}, row {i}: unknown indicator_id {df.at[i, 'indicator_id']!r}; "
            f"use one of {', '.join(sorted(allowed))}"
        )


# --------------------------------------------------------------------------------------------
# indicator values
# --------------------------------------------------------------------------------------------


def specialisation_index(
    focus_value: pd.Series | float,
    focus_total: pd.Series | float,
    reference_value: pd.Series | float,
    reference_total: pd.Series | float,
) -> pd.Series | float:
    """Specialisation index ``(focus_value / focus_total) / (reference_value / reference_total)``.

    The sector's share in the focus region divided by its share in the reference (e.g. Belgium or
    the Flemish Region vs EU27). 1 = same weight as in the reference; > 1 = specialised. The result
    is NaN (never inf) where a total or the reference value is zero or missing; rate such cells with
    a reason (see :func:`specialisation_reasons`).
    """
    parts = [pd.to_numeric(x) if isinstance(x, pd.Series) else np.float64(x) for x in (focus_value, focus_total, reference_value, reference_total)]
    fv, ft, rv, rt = parts
    with np.errstate(divide="ignore", invalid="ignore"):
        si = (fv / ft) / (rv / rt)
    if isinstance(si, pd.Series):
        return si.replace([np.inf, -np.inf], np.nan)
    return float(si) if np.isfinite(si) else float("nan")


def specialisation_reasons(
    focus_value: pd.Series, focus_total: pd.Series, reference_value: pd.Series, reference_total: pd.Series
) -> pd.Series:
    """For each row, why :func:`specialisation_index` is NaN ("" where it is defined)."""
    checks = (
        ("focus value missing", focus_value.isna()),
        ("focus total missing or zero", focus_total.isna() | (focus_total == 0)),
        ("reference value missing or zero", reference_value.isna() | (reference_value == 0)),
        ("reference total missing or zero", reference_total.isna() | (reference_total == 0)),
    )
    return pd.Series(
        ["; ".join(text for text, mask in checks if bool(mask.loc[i])) for i in focus_value.index],
        index=focus_value.index, dtype=object,
    )


def _numeric_values(table: pd.DataFrame, source: str) -> pd.Series:
    values = pd.to_numeric(table["value"], errors="coerce")
    bad = values.isna() & table["value"].notna() & (table["value"].astype(str).str.strip() != "")
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{source}, row {i}: column 'value' is not a number ({table.at[i, 'value']!r}); use a number or leave empty")
    inf = np.isinf(values)
    if inf.any():
        i = inf.idxmax()
        raise InputError(f"{source}, row {i}: column 'value' is infinite; a specialisation index with a zero reference is undefined, leave it empty with a reason")
    return values


def _prepare(table: pd.DataFrame, source: str, indicators: Iterable[str] | None) -> pd.DataFrame:
    require_columns(table, ("domain_id", "indicator_id", "value"), source)
    df = table.copy()
    _known_indicators(df, source, indicators)
    _no_duplicate_cells(df, source)
    df["value"] = _numeric_values(df, source)
    if "reason" not in df.columns:
        df["reason"] = ""
    df["reason"] = df["reason"].fillna("").astype(str)
    missing = df["value"].isna() & (df["reason"].str.strip() == "")
    df.loc[missing, "reason"] = "no value"
    df.loc[df["value"].notna(), "reason"] = ""
    return df


# --------------------------------------------------------------------------------------------
# rule (a): thresholds
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThresholdRule:
    """Rating by fixed cut points on the value (higher = stronger).

    ``++`` if value >= ``very_strong``; ``+`` if >= ``strong``; ``+/-`` if >= ``neutral``; else ``-``.
    Defaults suit a specialisation index (1 = as in the reference): 1.5 / 1.1 / 0.9, i.e. ``+/-``
    covers 0.9 <= SI < 1.1 ("about average"). Negative values are refused (a share ratio cannot be
    negative) unless ``allow_negative`` is set, for indicators such as growth rates.
    """

    very_strong: float = 1.5
    strong: float = 1.1
    neutral: float = 0.9
    allow_negative: bool = False

    def __post_init__(self) -> None:
        if not (self.very_strong > self.strong > self.neutral):
            raise InputError(
                f"rating thresholds must decrease: very_strong ({self.very_strong}) > strong ({self.strong}) > neutral ({self.neutral}); fix the parameters"
            )

    def rate_value(self, value: float) -> tuple[str, str]:
        """Rating and basis text for one non-missing value."""
        if value >= self.very_strong:
            return "++", f"{value:.2f} >= {self.very_strong:g}"
        if value >= self.strong:
            return "+", f"{self.strong:g} <= {value:.2f} < {self.very_strong:g}"
        if value >= self.neutral:
            return "+/-", f"{self.neutral:g} <= {value:.2f} < {self.strong:g}"
        return "-", f"{value:.2f} < {self.neutral:g}"

    def describe(self) -> str:
        return f"threshold rule: ++ >= {self.very_strong:g}, + >= {self.strong:g}, +/- >= {self.neutral:g}, - below"


# --------------------------------------------------------------------------------------------
# rule (b): rank among the rows passed in
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankRule:
    """Rating by relative position among the rows of the same indicator.

    With ``r`` the rank from the top (1 = highest value; ties share the better rank) and ``n`` the
    number of non-missing values of that indicator, the position is ``q = (r - 1) / n`` (the share
    of domains strictly ahead). ``++`` if q < ``cuts[0]``, ``+`` if q < ``cuts[1]``, ``+/-`` if
    q < ``cuts[2]``, else ``-``. Default cuts (0.25, 0.5, 0.75): quartiles. ``(1/3, 2/3, 5/6)``
    gives "top third ++, second third +, the rest split +/- and -".
    ``higher_is_better=False`` ranks from the lowest value instead.
    """

    cuts: tuple[float, float, float] = (0.25, 0.5, 0.75)
    higher_is_better: bool = True

    def __post_init__(self) -> None:
        c = tuple(self.cuts)
        if len(c) != 3 or not (0 < c[0] < c[1] < c[2] <= 1):
            raise InputError(f"rank cut points must be three increasing numbers in (0, 1], got {c}; fix the parameters")

    def describe(self) -> str:
        a, b, c = self.cuts
        return f"rank rule: share of domains ahead < {a:g} -> ++, < {b:g} -> +, < {c:g} -> +/-, else -"


def rate_threshold(table: pd.DataFrame, rule: ThresholdRule = ThresholdRule(), *, source: str = "indicator table",
                   indicators: Iterable[str] | None = None) -> pd.DataFrame:
    """Rate every cell of ``table`` (domain_id, indicator_id, value[, reason]) with a :class:`ThresholdRule`."""
    df = _prepare(table, source, indicators)
    if not rule.allow_negative:
        neg = df["value"] < 0
        if neg.any():
            i = neg.idxmax()
            raise InputError(f"{source}, row {i}: negative value {df.at[i, 'value']} in column 'value'; a specialisation index cannot be negative")
    ratings, bases = [], []
    for v in df["value"]:
        if pd.isna(v):
            ratings.append("na")
            bases.append("missing value")
        else:
            r, b = rule.rate_value(float(v))
            ratings.append(r)
            bases.append(b)
    df["rating"] = ratings
    df["basis"] = bases
    return df[["domain_id", "indicator_id", "value", "rating", "basis", "reason"]].reset_index(drop=True)


def rate_rank(table: pd.DataFrame, rule: RankRule = RankRule(), *, source: str = "indicator table",
              indicators: Iterable[str] | None = None) -> pd.DataFrame:
    """Rate every cell of ``table`` by its rank within its indicator (:class:`RankRule`)."""
    df = _prepare(table, source, indicators)
    ascending = not rule.higher_is_better
    df["_rank"] = df.groupby("indicator_id")["value"].rank(method="min", ascending=ascending)
    df["_n"] = df.groupby("indicator_id")["value"].transform("count")
    ratings, bases = [], []
    labels = ("++", "+", "+/-")
    for r, n in zip(df["_rank"], df["_n"]):
        if pd.isna(r):
            ratings.append("na")
            bases.append("missing value")
            continue
        q = (r - 1) / n
        rating = next((lab for lab, cut in zip(labels, rule.cuts) if q < cut), "-")
        ratings.append(rating)
        bases.append(f"rank {int(r)} of {int(n)} (share ahead {q:.2f})")
    df["rating"] = ratings
    df["basis"] = bases
    return df[["domain_id", "indicator_id", "value", "rating", "basis", "reason"]].reset_index(drop=True)


def rate(table: pd.DataFrame, rule: ThresholdRule | RankRule, *, source: str = "indicator table",
         indicators: Iterable[str] | None = None) -> pd.DataFrame:
    """Dispatch to :func:`rate_threshold` or :func:`rate_rank` by the type of ``rule``."""
    if isinstance(rule, ThresholdRule):
        return rate_threshold(table, rule, source=source, indicators=indicators)
    if isinstance(rule, RankRule):
        return rate_rank(table, rule, source=source, indicators=indicators)
    raise InputError(f"unknown rating rule {rule!r}; use ThresholdRule(...) or RankRule(...)")


def to_wide(ratings: pd.DataFrame, *, column: str = "rating", domain_order: Sequence[str] | None = None,
            indicator_order: Sequence[str] = tuple(INDICATORS)) -> pd.DataFrame:
    """Domain x indicator view of a long rating table (for display), in Tabel 1's column order."""
    require_columns(ratings, ("domain_id", "indicator_id", column), "rating table")
    wide = ratings.pivot(index="domain_id", columns="indicator_id", values=column)
    cols = [c for c in indicator_order if c in wide.columns] + [c for c in wide.columns if c not in indicator_order]
    wide = wide[cols]
    if domain_order is not None:
        domain_order = list(domain_order)
        wide = wide.reindex([d for d in domain_order if d in wide.index] + [d for d in wide.index if d not in domain_order])
    wide.columns.name = None
    return wide


# --------------------------------------------------------------------------------------------
# comparison with the published table
# --------------------------------------------------------------------------------------------


def compare_ratings(computed: pd.DataFrame, published: pd.DataFrame, *, source: str = "computed ratings") -> pd.DataFrame:
    """Compare a computed rating table with the published one, cell by cell.

    Both are long tables with ``domain_id, indicator_id, rating``. Every published cell gets one row
    (a cell missing from ``computed`` counts as ``na`` with reason "not computed"). A computed cell
    whose domain or indicator is not in the published table raises :class:`InputError`.

    ``status``: ``agree`` (same symbol, including both ``na``), ``disagree`` (both rated, different
    symbols), ``na_mismatch`` (exactly one of the two is ``na``). ``distance`` = computed score
    minus published score on the scale - = 0, +/- = 1, + = 2, ++ = 3 (NaN when either is ``na``).
    """
    require_columns(computed, ("domain_id", "indicator_id", "rating"), source)
    require_columns(published, ("domain_id", "indicator_id", "rating"), "published ratings")
    for i, sym in computed["rating"].items():
        check_rating(sym, source, i)
    for i, sym in published["rating"].items():
        check_rating(sym, "published ratings", i)
    _no_duplicate_cells(computed.reset_index(drop=True), source)
    known_domains = set(published["domain_id"])
    bad = ~computed["domain_id"].isin(known_domains)
    if bad.any():
        i = bad.idxmax()
        raise InputError(
            f"{source}, row {i}: unknown domain_id {computed.at[i, 'domain_id']!r}; the published table has "
            f"{', '.join(sorted(known_domains))}; rename the domain or drop the row"
        )
    _known_indicators(computed, source, set(published["indicator_id"]))
    keep = [c for c in ("domain_id", "indicator_id", "rating", "reason") if c in computed.columns]
    merged = published[["domain_id", "indicator_id", "rating"]].merge(
        computed[keep], on=["domain_id", "indicator_id"], how="left", suffixes=("_published", "_computed")
    )
    merged = merged.rename(columns={"rating_published": "published", "rating_computed": "computed"})
    if "reason" not in merged.columns:
        merged["reason"] = ""
    not_computed = merged["computed"].isna()
    merged.loc[not_computed, "reason"] = "not computed"
    merged["computed"] = merged["computed"].fillna("na")
    merged["reason"] = merged["reason"].fillna("")
    c_na = merged["computed"] == "na"
    p_na = merged["published"] == "na"
    merged["status"] = np.select(
        [merged["computed"] == merged["published"], c_na ^ p_na], ["agree", "na_mismatch"], default="disagree"
    )
    merged["distance"] = merged["computed"].map(RATING_SCORE) - merged["published"].map(RATING_SCORE)
    return merged[["domain_id", "indicator_id", "computed", "published", "status", "distance", "reason"]]


def agreement_summary(comparison: pd.DataFrame) -> pd.DataFrame:
    """Per indicator and overall (row ``all``): cells, counts per status, agreement shares.

    ``share_agree`` = agree / cells; ``share_agree_rated`` = agree / cells where both are rated;
    ``share_within_one`` = cells where both are rated and differ by at most one step / cells where
    both are rated; ``mean_abs_distance`` over cells where both are rated.
    """
    require_columns(comparison, ("indicator_id", "status", "distance"), "comparison table")

    def one(g: pd.DataFrame) -> dict[str, float]:
        rated = g["distance"].notna()
        n_rated = int(rated.sum())
        n_agree_rated = int(((g["status"] == "agree") & rated).sum())
        row: dict[str, float] = {"cells": len(g)}
        for s in COMPARISON_STATUSES:
            row[s] = int((g["status"] == s).sum())
        row["both_rated"] = n_rated
        row["share_agree"] = row["agree"] / len(g) if len(g) else float("nan")
        row["share_agree_rated"] = n_agree_rated / n_rated if n_rated else float("nan")
        row["share_within_one"] = float((g.loc[rated, "distance"].abs() <= 1).mean()) if n_rated else float("nan")
        row["mean_abs_distance"] = float(g.loc[rated, "distance"].abs().mean()) if n_rated else float("nan")
        return row

    order = [i for i in INDICATORS if i in set(comparison["indicator_id"])]
    order += [i for i in pd.unique(comparison["indicator_id"]) if i not in order]
    rows = {ind: one(comparison[comparison["indicator_id"] == ind]) for ind in order}
    rows["all"] = one(comparison)
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "indicator_id"
    for c in ("cells", *COMPARISON_STATUSES, "both_rated"):
        out[c] = out[c].astype(int)
    return out.reset_index()


def ratings_from_wide(wide: pd.DataFrame | Mapping[str, Mapping[str, str]], *, source: str = "rating table") -> pd.DataFrame:
    """Long rating table from a domain x indicator table of symbols (index = domain_id)."""
    w = wide if isinstance(wide, pd.DataFrame) else pd.DataFrame.from_dict(dict(wide), orient="index")
    long = w.rename_axis("domain_id").reset_index().melt(id_vars="domain_id", var_name="indicator_id", value_name="rating")
    for i, sym in long["rating"].items():
        long.at[i, "rating"] = check_rating(sym, source, i)
    return long
