r"""Citation impact: relative citation impact of a region in a field, normalised by field and year.

Schubert & Braun (1986) compare a country's citations with those expected at the world rate of the
same journals or fields (*relative citation rate*); the CWTS indicators (Moed, De Bruin & van Leeuwen
1995) normalise by field and publication year. Waltman et al. (2011) show why the normalisation
must be done per field and year, and that a ratio of sums (used here: the data are counts per
country, field and year, not single papers) differs from their mean of per-paper ratios (MNCS).

- Schubert, A. & Braun, T. (1986). Relative indicators and relational charts for comparative
  assessment of publication output and citation impact. *Scientometrics* 9(5-6), 281-291.
- Moed, H. F., De Bruin, R. E. & van Leeuwen, T. N. (1995). New bibliometric tools for the assessment
  of national research performance. *Scientometrics* 33(3), 381-422.
- Waltman, L., van Eck, N. J., van Leeuwen, T. N., Visser, M. S. & van Raan, A. F. J. (2011). Towards a
  new crown indicator: some theoretical considerations. *Journal of Informetrics* 5(1), 37-47.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.errors import InputError

KEY = ["region", "technology", "year"]


def _check(df: pd.DataFrame, what: str) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{what}: expected a DataFrame with columns {', '.join(KEY + ['value'])}, got {type(df).__name__}")
    missing = [c for c in KEY + ["value"] if c not in df.columns]
    if missing:
        raise InputError(f"{what}: missing column(s) {', '.join(repr(m) for m in missing)}; give a long table with columns region, technology, year, value")
    out = df[KEY].copy()
    out["value"] = pd.to_numeric(df["value"], errors="coerce").astype("float64")
    bad = ~np.isfinite(out["value"].to_numpy())
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise InputError(f"{what}: missing or non-numeric value {df['value'].iloc[k]!r} at row {k} ({dict(out[KEY].iloc[k])}); give a count (0 where there is none)")
    neg = out["value"].to_numpy() < 0
    if neg.any():
        k = int(np.flatnonzero(neg)[0])
        raise InputError(f"{what}: negative value {out['value'].iloc[k]:g} at row {k} ({dict(out[KEY].iloc[k])}); counts must be >= 0")
    dup = out.duplicated(KEY)
    if dup.any():
        k = int(np.flatnonzero(dup.to_numpy())[0])
        raise InputError(f"{what}: duplicate row for {dict(out[KEY].iloc[k])} at row {k}; give one row per region, technology and year (sum them first)")
    return out


def relative_citation_impact(documents: pd.DataFrame, citations: pd.DataFrame) -> pd.DataFrame:
    r"""Relative citation impact (field- and year-normalised citation score) of every region x technology.

    .. math:: RCI_{rt} = \frac{\sum_y C_{rty}}{\sum_y D_{rty}\, C_{Wty} / D_{Wty}}

    with :math:`D` documents, :math:`C` citations, and the world :math:`W` the sum over all regions
    given (:math:`D_{Wty} = \sum_r D_{rty}`). The denominator is the number of citations the region's
    documents would have received at the world's rate of the same field and year, so each year is
    compared within itself (citations are counted up to the collection date: recent years have
    fewer). 1 = world level; over all regions the observed and expected citations add up to the
    same total. A (technology, year) without world documents expects nothing. ``impact`` is NaN
    (not 0, not inf) where nothing is expected, e.g. a region without documents in the technology.

    ``documents`` and ``citations`` are long tables with columns region, technology, year, value. A
    document row without a citation row counts as 0 citations; a citation row without a document
    row, a negative, missing or duplicated value, or a missing column raises
    :class:`~helpers.errors.InputError`. Returns region, technology, documents, citations,
    expected_citations, impact (sorted by region, technology).

    Example: world rate 60/40 = 1.5 citations per document in 2015, 20/20 = 1.0 in 2016; BE expects
    10 * 1.5 + 10 * 1.0 = 25 citations and has 35 (1.4), NL expects 30 * 1.5 + 10 * 1.0 = 55 and has 45.

    >>> import pandas as pd
    >>> d = pd.DataFrame({"region": ["BE", "BE", "NL", "NL"], "technology": "1300", "year": [2015, 2016, 2015, 2016], "value": [10, 10, 30, 10]})
    >>> c = d.assign(value=[30, 5, 30, 15])
    >>> relative_citation_impact(d, c).round(3)
      region technology  documents  citations  expected_citations  impact
    0     BE       1300       20.0       35.0                25.0   1.400
    1     NL       1300       40.0       45.0                55.0   0.818
    """
    docs = _check(documents, "documents")
    cits = _check(citations, "citations")
    both = docs.merge(cits, on=KEY, how="outer", suffixes=("_d", "_c"), indicator=True)
    orphan = both["_merge"].eq("right_only")
    if orphan.any():
        k = int(np.flatnonzero(orphan.to_numpy())[0])
        raise InputError(
            f"citations: {int(orphan.sum())} row(s) without a matching documents row, first {dict(both[KEY].iloc[k])}; "
            f"give documents and citations for the same region, technology and year"
        )
    both = both.rename(columns={"value_d": "documents", "value_c": "citations"}).drop(columns="_merge")
    both["citations"] = both["citations"].fillna(0.0)
    world = both.groupby(["technology", "year"], sort=False)[["documents", "citations"]].transform("sum")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(world["documents"] > 0, world["citations"] / world["documents"].where(world["documents"] > 0, 1.0), 0.0)
    both["expected_citations"] = both["documents"] * rate
    out = both.groupby(["region", "technology"], as_index=False, sort=True)[["documents", "citations", "expected_citations"]].sum()
    expected = out["expected_citations"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["impact"] = np.where(expected > 0, out["citations"].to_numpy() / np.where(expected > 0, expected, 1.0), np.nan)
    return out.reset_index(drop=True)
