"""Which strategies the chapter compares: the edition's regions turned into the policy columns of ``strategies.csv``.

:func:`select_strategies` turns the edition's regions (ISO 3166 alpha-3 codes such as ``DEU``;
aggregates ``EU27``/``EU28``) into the ``country`` codes of ``strategies.csv``: a country selects
its national strategies and those of its regions (``DEU`` -> ``DEU`` and ``DE-BY``, Bavaria;
``BEL`` -> ``BE-VLG``, Flanders). Flanders' own policy (``BE-VLG``) is always a column, the EU
(``EU``) is a column of its own. :func:`pack_rows` groups the columns into rows of a few
strategies each (the per-strategy heatmaps).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from helpers.data.regions import region_is_known
from helpers.errors import InputError

#: Flanders' own policy column in ``strategies.csv``.
FLANDERS = "BE-VLG"
#: The EU's column in ``strategies.csv``.
EU = "EU"
#: The NUTS region that stands for Flanders in regional data (the Flemish Region).
FLANDERS_NUTS = "BE2"
#: The edition's aggregate codes that stand for the EU column of the strategies.
EU_ALIASES = ("EU", "EU27", "EU28")


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


def strategies_per_column(selection: Selection) -> dict[str, int]:
    """The number of selected strategies of each column, in column order."""
    counts = selection.strategies["country"].value_counts()
    return {c: int(counts.get(c, 0)) for c in selection.columns}


def pack_rows(columns: Sequence[str], sizes: Mapping[str, int], per_row: int) -> list[list[str]]:
    """``columns`` in order, packed into rows of at most ``per_row`` strategies (``sizes[column]``).

    A column is never split over two rows: a column that does not fit in the current row starts
    a new one, and a column with more than ``per_row`` strategies gets a row of its own. E.g.
    sizes ``a=3, b=2, c=4`` with ``per_row=5`` -> ``[["a", "b"], ["c"]]``.
    """
    if per_row < 1:
        raise InputError(f"pack_rows: per_row={per_row} must be at least 1")
    rows: list[list[str]] = []
    current: list[str] = []
    for column in columns:
        size = int(sizes[column])
        if current and sum(int(sizes[c]) for c in current) + size > per_row:
            rows.append(current)
            current = []
        current.append(column)
    if current:
        rows.append(current)
    return rows
