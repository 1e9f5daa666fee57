"""The technology space of one classification: everything of the framework that does not depend on the focus region.

Steps 1-5 of the framework (:mod:`helpers.chapters.technologies`): the region x technology
activity ``X`` over the window, ``RCA`` against all regions and ``B = RCA >= threshold``,
relatedness over all technologies (within-document co-occurrence when the ``documents`` table
has rows for the classification, otherwise co-location ``B_s^T B_s``), and complexity from
``B_s``, the rows of the regions with at least ``min_activity``. With
``classification="taxonomy"`` the matrix comes from the documents matched on the taxonomy's code
lists (:func:`helpers.data.taxonomy.match_codes`). Pure: no files read except the taxonomy's code
lists; bad input raises :class:`~helpers.errors.InputError` with one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers.chapters.technologies.checks import (ACTIVITY_COLUMNS, DOCUMENT_COLUMNS, _check_values, _collect, _names,
                                                  _require_columns, _window)
from helpers.chapters.technologies.taxonomy_mapping import DOCUMENT_SCHEMES, EXCLUDED_TECHNOLOGIES, TAXONOMY
from helpers.data import taxonomy
from helpers.errors import InputError
from helpers.methods import complexity as cx
from helpers.methods import relatedness as rel
from helpers.methods import specialisation
from helpers.methods.fitness import fitness_complexity

#: Complexity measures (``scaling`` needs city populations the data do not have: an error saying so).
COMPLEXITY_METHODS = ("eigenvector", "reflections", "fitness", "scaling")


@dataclass
class TechnologySpace:
    """Everything of the framework that does not depend on the focus region.

    ``x`` region x technology activity (all regions), ``rca`` and ``b`` the same shape,
    ``relatedness`` technology x technology (all technologies), ``complexity`` per technology,
    ``space_regions`` the regions with at least ``min_activity`` (rows of ``B_s``).
    """

    source: str
    classification: str
    window: tuple[int, int]
    x: pd.DataFrame
    rca: pd.DataFrame
    b: pd.DataFrame
    relatedness: pd.DataFrame
    complexity: pd.Series
    space_regions: pd.Index
    relatedness_basis: str
    relatedness_method: str
    complexity_method: str
    rca_threshold: float
    min_activity: float
    notes: list[str] = field(default_factory=list)


def _documents_for(documents: pd.DataFrame | None, classification: str | None, window: tuple[int, int],
                   source: str | None) -> pd.DataFrame:
    """Rows of ``documents`` for the source, classification (None: any) and window; empty if none."""
    if documents is None or len(documents) == 0:
        return pd.DataFrame(columns=list(DOCUMENT_COLUMNS))
    _require_columns(documents, DOCUMENT_COLUMNS, "documents")
    d = documents
    if source is not None and "source" in d.columns:
        d = d[d["source"] == source]
    if classification is not None:
        d = d[d["classification"] == classification]
    d = d[(d["year"] >= window[0]) & (d["year"] <= window[1])]
    return d


def _taxonomy_documents(documents: pd.DataFrame, definitions: pd.DataFrame | None, what: str) -> tuple[pd.DataFrame, str]:
    """(document_id, region, weight, technology=tech_id) rows of the documents that match the taxonomy."""
    schemes = sorted({DOCUMENT_SCHEMES[c] for c in documents["classification"].unique() if c in DOCUMENT_SCHEMES})
    if not schemes:
        raise InputError(f"{what}: the documents have classifications {_names(sorted(documents['classification'].unique()))}, none of which the taxonomy's code lists cover; "
                         f"give documents coded in one of {', '.join(sorted(DOCUMENT_SCHEMES))}")
    parts = []
    for cl in sorted(documents["classification"].unique()):
        if cl not in DOCUMENT_SCHEMES:
            continue
        d = documents[documents["classification"] == cl]
        codes = d["technology"].astype(str).drop_duplicates()
        hits = taxonomy.match_codes(codes, DOCUMENT_SCHEMES[cl], definitions_table=definitions)
        pairs = pd.DataFrame({"code": hits["code"].to_numpy(), "tech_id": hits["tech_id"].to_numpy()})
        m = d.assign(code=d["technology"].astype(str)).merge(pairs, on="code", how="inner")
        parts.append(m[["document_id", "region", "weight", "tech_id"]])
    if not parts or sum(len(p) for p in parts) == 0:
        raise InputError(f"{what}: no document code matches a technology of the taxonomy (schemes {', '.join(schemes)}); check the codes or the definitions")
    out = pd.concat(parts, ignore_index=True).rename(columns={"tech_id": "technology"})
    # one row per (document, region, technology): several codes of one technology count once
    out = out.drop_duplicates(["document_id", "region", "technology"])
    return out, ", ".join(schemes)


def complexity_of(b: pd.DataFrame, method: str, source: str = "specialisation matrix") -> cx.ComplexityIndex:
    """Region and technology complexity of a binary matrix by ``method`` (eigenvector, reflections or
    fitness: :mod:`helpers.methods.complexity`, :mod:`helpers.methods.fitness`), z-scores."""
    if method == "eigenvector":
        return cx.complexity_eigenvector(b, source=source)
    if method == "reflections":
        return cx.complexity_reflections(b, source=source)
    if method == "fitness":
        return fitness_complexity(b, source=source)
    raise InputError(f"complexity method {method!r}: use eigenvector, reflections or fitness")


def _published_cooccurrence(rows: pd.DataFrame, classification: str, codes: list[str], what: str) -> pd.DataFrame:
    """Square co-occurrence over every code of the published matrix (and of the activity), zero diagonal:
    the source's diagonal counts codes, not pairs of distinct codes."""
    rows = rows[rows["classification"] == classification] if "classification" in rows.columns else rows
    if rows.empty:
        raise InputError(f"{what}: the co-occurrence rows have no classification {classification!r}")
    # the codes of both columns numbered once (factorize hashes each string once), then summed cell by cell in row order
    numbers, found = pd.factorize(pd.concat([rows["code_a"], rows["code_b"]], ignore_index=True), use_na_sentinel=False)
    labels = pd.Index(sorted(set(found) | set(codes)), name="technology")
    cell = labels.get_indexer(found)[numbers]
    n, k = len(rows), len(labels)
    values = np.bincount(cell[:n] * k + cell[n:], weights=rows["count"].to_numpy(dtype=float), minlength=k * k).reshape(k, k)
    np.fill_diagonal(values, 0.0)
    return pd.DataFrame(values, index=labels, columns=labels.copy())


def technology_space(
    activity: pd.DataFrame | None,
    window: Sequence[int],
    *,
    classification: str,
    rca_threshold: float = 1.0,
    relatedness_method: str = "cosine",
    complexity_method: str = "eigenvector",
    min_activity: float = 0.0,
    documents: pd.DataFrame | None = None,
    definitions: pd.DataFrame | None = None,
    source: str | None = None,
    cooccurrence: pd.DataFrame | None = None,
) -> TechnologySpace:
    """Activity matrix, RCA, specialisation, relatedness and complexity for one classification.

    ``activity``: canonical activity rows (``classification, region, technology, year, value``;
    other columns ignored) of the comparable regions, e.g. all countries; the world is their sum.
    ``documents``: canonical documents rows (may be None or empty). With
    ``classification="taxonomy"`` the matrix and the co-occurrence come from the documents
    matched on the taxonomy's code lists (``definitions`` replaces ``technology_codes.csv``), and
    ``activity`` is not used. ``cooccurrence``: canonical co-occurrence rows (``classification,
    code_a, code_b, count``) published for the classification (EPO PATSTAT's within-patent IPC
    matrix): relatedness then comes from them, over every code they list. Activity rows that are
    totals over a period (``year_last``) count when the whole period lies in the window. See the
    module docstring for the formulas.
    """
    start, end = _window(window, f"{source or 'activity'} {classification}")
    what = f"{source + ' ' if source else ''}{classification} {start}-{end}"
    if complexity_method not in COMPLEXITY_METHODS:
        raise InputError(f"complexity method {complexity_method!r}: use one of {', '.join(COMPLEXITY_METHODS)}")
    if complexity_method == "scaling":
        raise InputError(
            f"{what}: complexity method 'scaling' (urban scaling, Balland et al. 2020) needs a city x technology matrix with city "
            "populations; the data have none (country-level files, no metropolitan REGPAT counts, no population table): use 'eigenvector' or 'reflections'"
        )
    if relatedness_method not in rel.RELATEDNESS_METHODS:
        raise InputError(f"relatedness normalisation {relatedness_method!r}: use one of {', '.join(rel.RELATEDNESS_METHODS)}")
    try:
        min_activity = float(min_activity)
    except (TypeError, ValueError):
        raise InputError(f"min_activity {min_activity!r}: give a number >= 0 (the minimum total activity of a region in the window)") from None
    if not np.isfinite(min_activity) or min_activity < 0:
        raise InputError(f"min_activity {min_activity!r}: give a number >= 0 (the minimum total activity of a region in the window)")
    notes: list[str] = []

    if classification == TAXONOMY:
        docs = _documents_for(documents, None, (start, end), source)
        if docs.empty:
            raise InputError(f"{what}: the taxonomy's technologies need document-level data (REGPAT, OpenAlex, a current Crunchbase export) and the documents table has no rows for this source and window")
        matched, schemes = _taxonomy_documents(docs, definitions, what)
        long = matched.groupby(["region", "technology"], as_index=False)["weight"].sum().rename(columns={"weight": "value"})
        cooc_docs = matched[["document_id", "technology"]]
        basis = f"within-document ({schemes} codes matched on the taxonomy)"
    else:
        _require_columns(activity, ACTIVITY_COLUMNS, "activity")
        rows = activity[activity["classification"] == classification]
        if source is not None and "source" in rows.columns:
            rows = rows[rows["source"] == source]
        if rows.empty:
            have = sorted(activity["classification"].astype(str).unique())
            raise InputError(f"activity: no rows of classification {classification!r}{' for ' + source if source else ''}; available: {_names(have)}")
        excluded = EXCLUDED_TECHNOLOGIES.get(classification, ())
        rows = rows[~rows["technology"].isin(excluded)]
        years = rows["year"]
        last = rows["year_last"].fillna(years) if "year_last" in rows.columns else years
        inside = rows[(years >= start) & (last <= end)]
        if inside.empty:
            if "year_last" in rows.columns and rows["year_last"].notna().any():
                spans = sorted({f"{int(a)}-{int(b)}" for a, b in zip(years, last)})
                raise InputError(f"{what}: no period of the data lies within the window {start}-{end}; the data are totals over {', '.join(spans)}: choose one of them as the window")
            raise InputError(f"{what}: no activity in the window {start}-{end}; the data cover {int(years.min())}-{int(years.max())}: change the window")
        _check_values(inside, what)
        long = inside.groupby(["region", "technology"], as_index=False)["value"].sum()
        docs = _documents_for(documents, classification, (start, end), source)
        cooc_docs = docs[["document_id", "technology"]] if len(docs) else None
        basis = "within-document" if cooc_docs is not None else "co-location"
        if cooccurrence is not None and len(cooccurrence):
            basis = "within-document (published matrix)"

    # (one row per region and technology: the pairs were summed above)
    x = long.set_index(["region", "technology"])["value"].unstack("technology", fill_value=0.0).sort_index().sort_index(axis=1)
    x.index.name, x.columns.name = "region", "technology"
    with _collect(notes):
        r = specialisation.rca(x, source=what)
    x = x.loc[r.index, r.columns]
    b = specialisation.binary_specialisation(r, rca_threshold)
    totals = x.sum(axis=1)
    space = totals.index[totals >= min_activity]
    if len(space) < 2:
        raise InputError(f"{what}: min_activity {min_activity:g} leaves {len(space)} region(s) with at least that much activity; lower it (the largest region has {totals.max():,.0f})")
    b_s = b.loc[space]
    with _collect(notes):
        if cooccurrence is not None and len(cooccurrence):
            c = _published_cooccurrence(cooccurrence, classification, list(x.columns), what)
        elif cooc_docs is not None:
            m, _, techs = rel.incidence_matrix(cooc_docs, document="document_id", technology="technology", source=f"{what} documents")
            c = rel.cooccurrence(m, source=f"{what} documents")
            c = pd.DataFrame(c.toarray(), index=techs, columns=techs).reindex(index=x.columns, columns=x.columns, fill_value=0.0)
        else:
            c = rel.colocation(b_s, source=what)
        rmat = rel.relatedness(c, relatedness_method, source=f"{what} co-occurrence")
        if rmat.shape[0] != x.shape[1]:  # normalised over every code of the published matrix, used on the codes with activity
            rmat = rmat.reindex(index=x.columns, columns=x.columns, fill_value=0.0)
        comp = complexity_of(b_s, complexity_method, source=what).technology
    return TechnologySpace(
        source=source or "", classification=classification, window=(start, end), x=x, rca=r, b=b, relatedness=rmat,
        complexity=comp.reindex(x.columns), space_regions=pd.Index(space, name="region"), relatedness_basis=basis,
        relatedness_method=relatedness_method, complexity_method=complexity_method, rca_threshold=float(rca_threshold),
        min_activity=min_activity, notes=notes,
    )
