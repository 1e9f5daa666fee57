"""Strategic technologies: the CEPS/Balland investment framework for one region (seed 3.1).

For every technology of a classification, one row with the focus region's activity, its
specialisation (RCA), the feasibility of the technology for the region (relatedness density,
x axis), its economic value (complexity, y axis), its quadrant and its category. The formulas are
those of :mod:`helpers.methods`, :mod:`helpers.methods.relatedness` and :mod:`helpers.methods.complexity`
(``book/annex_methods.md``); this module chooses the inputs and puts the pieces together:

1. ``X`` = region x technology activity, summed over the years of the window
   (``canonical activity`` rows of one classification; the caller gives the comparable set of
   regions, e.g. all countries). Totals that are not technologies (NCSES ``all``) are left out.
2. ``RCA = (X_rt / X_r.) / (X_.t / X_..)`` against **all** regions of ``X``; ``B = RCA >= threshold``.
3. Relatedness over **all** technologies of the classification (not only the selected ones):

   * within-document co-occurrence ``C = M^T M`` (zero diagonal) when the canonical ``documents``
     table has rows for the source and classification (REGPAT, OpenAlex, a current Crunchbase
     export);
   * otherwise co-location ``C = B_s^T B_s`` (zero diagonal): the number of regions specialised
     in both technologies. The real files in ``../shared/data`` have no document-level data, so
     the book's charts use co-location;

   normalised by ``relatedness_method`` (cosine, association, probabilistic).
4. Density ``D_rt = 100 * sum_k B_rk R_kt / sum_k R_kt`` (``R_tt = 0``), from the focus region's
   row of ``B``.
5. Complexity from ``B_s`` by the eigenvector method or the method of reflections (z-scores,
   oriented so that the matching region index correlates positively with diversity). The urban
   scaling measure (``scaling``) needs a city x technology matrix with city populations, which
   the data do not have: it raises :class:`InputError` saying so.
6. Quadrants of ``(density, complexity)`` split at the median, the mean or fixed values
   (:func:`helpers.methods.quadrant_rules.quadrants`).

``B_s`` is ``B`` restricted to the regions whose total activity in the window is at least
``min_activity``: very small economies (a handful of patents) otherwise dominate the eigenvector
complexity (methods annex, caveat). RCA itself is always computed against all regions.

Two kinds of technology:

* the classification of the data at hand (``wipo35``, ``ncses_fields``,
  ``crunchbase_2013_category``, ``ipc4`` ...): each technology is coloured by the category of the
  taxonomy technologies that ``data/technology_coarse_map.csv`` maps onto it;
* ``classification="taxonomy"``: the technologies of ``data/technologies.csv`` (the seed's 38),
  defined by the code lists of ``data/technology_codes.csv`` and matched on the codes of the
  ``documents`` table (:func:`helpers.data.taxonomy.match_codes`). A document counts once in every
  technology it carries (whole counting, weighted by the region's share of the document). Used
  as soon as REGPAT / OpenAlex / Crunchbase document data are present.

All functions except :func:`load_source` and :func:`seed_coverage_percent` (and :func:`source_page` /
:func:`summary_page` without ``seed_coverage``) are pure (no files read or written). Bad input raises
:class:`InputError` with one line; warnings of the underlying measures are collected in
``DataFrame.attrs["notes"]`` instead of being printed.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from helpers.methods import complexity as cx
from helpers.methods import coverage as coverage_measures
from helpers.methods import density
from helpers.methods import quadrants as quadrant_rules
from helpers.methods import specialisation
from helpers.methods import relatedness as rel
from helpers.errors import InputError

__all__ = [
    "ACTIVITY_COLUMNS",
    "COMPLEXITY_METHODS",
    "DOCUMENT_SCHEMES",
    "EXCLUDED_TECHNOLOGIES",
    "OTHER_CATEGORY",
    "PREFERRED_CLASSIFICATIONS",
    "COVERAGE_TABLE_COLUMNS",
    "PROFILE_TABLE_COLUMNS",
    "QUADRANT_ORDER",
    "SOURCES",
    "TAXONOMY",
    "SourceData",
    "SourcePage",
    "SummaryPage",
    "TechnologySpace",
    "category_map",
    "coverage",
    "load_source",
    "notes_html",
    "seed_coverage_percent",
    "source_profile",
    "source_page",
    "stand_in_text",
    "summary_page",
    "table_labels",
    "tooltip_labels",
    "profile_from_space",
    "profiles_for_regions",
    "quadrant_summary",
    "has_selection",
    "summary_table",
    "taxonomy_selection",
    "technology_labels",
    "technology_profile",
    "technology_space",
]

#: ``classification`` value for the technologies of ``data/technologies.csv`` matched on document codes.
TAXONOMY = "taxonomy"
#: Columns the activity table must have (the canonical ``activity`` table).
ACTIVITY_COLUMNS = ("classification", "region", "technology", "year", "value")
DOCUMENT_COLUMNS = ("classification", "document_id", "region", "weight", "technology", "year")
#: Technology codes that are totals, not technologies, per classification.
EXCLUDED_TECHNOLOGIES: dict[str, tuple[str, ...]] = {"ncses_fields": ("all",)}
COMPLEXITY_METHODS = ("eigenvector", "reflections", "scaling")
#: Quadrant keys in reading order (top right, top left, bottom right, bottom left).
QUADRANT_ORDER = tuple(quadrant_rules.QUADRANTS)
#: Category of a technology that no taxonomy technology maps onto.
OTHER_CATEGORY = {"category_id": "other", "label_nl": "Overige (niet in de taxonomie)", "label_en": "Other (not in the taxonomy)"}
#: Document classification -> taxonomy scheme of ``data/technology_codes.csv`` (REGPAT writes ipc4/cpc4).
DOCUMENT_SCHEMES: dict[str, str] = {
    "ipc": "ipc", "ipc3": "ipc", "ipc4": "ipc", "cpc": "cpc", "cpc3": "cpc", "cpc4": "cpc",
    "openalex_subfield": "openalex_subfield", "openalex_topic": "openalex_topic",
    "crunchbase_category": "crunchbase_industry", "crunchbase_industry": "crunchbase_industry",
}
#: Activity classification per source, in order of preference, for :func:`load_source`.
PREFERRED_CLASSIFICATIONS: dict[str, tuple[str, ...]] = {
    "patents": ("wipo35", "ipc4", "cpc4"),
    "publications": ("ncses_fields", "openalex_subfield", "openalex_topic"),
    "investments": ("crunchbase_category", "crunchbase_2013_category"),
}
#: The coarse classifications that ``data/technology_coarse_map.csv`` maps the taxonomy onto.
_COARSE = {"wipo35": "wipo35", "ncses_fields": "ncses_fields", "crunchbase_2013_category": "crunchbase_2013_category",
           "crunchbase_2013_category_rounds": "crunchbase_2013_category"}

Split = Literal["median", "mean"] | tuple[float, float] | Mapping[str, float]


# ----------------------------------------------------------------------------------- helpers
def _window(window: Sequence[int], what: str) -> tuple[int, int]:
    try:
        start, end = (int(v) for v in window)
    except (TypeError, ValueError):
        raise InputError(f"{what}: window {window!r}: give [first year, last year]") from None
    if start > end:
        raise InputError(f"{what}: window {start}-{end}: the first year is after the last")
    return start, end


def _split(split: Split) -> str | tuple[float, float]:
    """``"median"``, ``"mean"``, ``(x, y)`` or the edition's ``{x: .., y: ..}``."""
    if isinstance(split, str):
        if split not in ("median", "mean"):
            raise InputError(f"quadrant split {split!r}: use 'median', 'mean' or {{x: <density>, y: <complexity>}}")
        return split
    if isinstance(split, Mapping):
        if set(split) != {"x", "y"}:
            raise InputError(f"quadrant split {dict(split)!r}: give both x (density, 0-100) and y (complexity)")
        return float(split["x"]), float(split["y"])
    try:
        x, y = split
    except (TypeError, ValueError):
        raise InputError(f"quadrant split {split!r}: use 'median', 'mean' or two numbers (x, y)") from None
    return float(x), float(y)


def _require_columns(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{what}: give a pandas DataFrame (the canonical table), not {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(f"{what}: missing column(s) {', '.join(repr(m) for m in missing)}; give the canonical table with {', '.join(columns)}")


def _collect(notes: list[str]):
    """Context manager that turns warnings into notes (``DataFrame.attrs['notes']``)."""

    class _Catcher:
        def __enter__(self) -> None:
            self._cm = warnings.catch_warnings(record=True)
            self._log = self._cm.__enter__()
            warnings.simplefilter("always")

        def __exit__(self, *exc: object) -> None:
            self._cm.__exit__(*exc)
            for w in self._log:
                text = str(w.message)
                if text not in notes:
                    notes.append(text)

    return _Catcher()


def _check_values(rows: pd.DataFrame, what: str, column: str = "value") -> None:
    """Every value a finite number >= 0 (before summing over years, where a negative could hide)."""
    values = pd.to_numeric(rows[column], errors="coerce")
    bad = values.isna() | ~np.isfinite(values.fillna(0)) | (values < 0)
    if bad.any():
        row = rows[bad.to_numpy()].iloc[0]
        raise InputError(f"{what}: {column} {_plain(row[column])!r} for region {row['region']!r}, technology {row['technology']!r}, year {row['year']}; "
                         f"activity must be a number >= 0")


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else value


def _names(values: Iterable[object], limit: int = 8) -> str:
    values = [str(v) for v in values]
    return ", ".join(values[:limit]) + (f" and {len(values) - limit} more" if len(values) > limit else "")


# ----------------------------------------------------------------------------------- taxonomy
def _matched_codes(classification: str, codes: Iterable[str], data_dir: Path | str | None = None) -> pd.DataFrame:
    """(code, tech_id) pairs of activity codes of a document classification (``ipc4``, ``openalex_subfield``, ...)
    that the taxonomy's code lists cover (:func:`helpers.data.taxonomy.match_codes`)."""
    from helpers.data import taxonomy

    codes = pd.Series(sorted({str(c) for c in codes}), dtype="object")
    hits = taxonomy.match_codes(codes, DOCUMENT_SCHEMES[classification], data_dir)
    return pd.DataFrame({"code": hits["code"].to_numpy(), "tech_id": hits["tech_id"].to_numpy()}).drop_duplicates()


def category_map(classification: str, codes: Iterable[str] | None = None, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Category of every technology code of ``classification`` that the taxonomy maps onto.

    For the coarse classifications (``wipo35``, ``ncses_fields``, ``crunchbase_2013_category``)
    from ``data/technology_coarse_map.csv``: a code's category is the category with the most
    taxonomy technologies mapped onto it as *primary*; when none is primary, the one with the
    most *secondary* mappings; ties go to the first category of ``technology_categories.csv``.
    For a classification whose codes the taxonomy's code lists cover (``ipc4``, ``cpc4``,
    ``openalex_subfield``, ...; give the ``codes``) the technologies matched by
    :func:`helpers.data.taxonomy.match_codes` (all primary). For ``taxonomy`` the technology's own
    category. Columns: ``technology``, ``category_id``, ``category_nl``, ``category_en``,
    ``taxonomy_technologies`` (tech ids mapped onto the code, primary first, ``;``-separated),
    ``category_basis`` (``primary``, ``secondary``, ``codes`` or ``taxonomy``). Other
    classifications: an empty table.
    """
    from helpers.data import policy
    from helpers.data import taxonomy

    categories = policy.load_categories(data_dir)
    techs = policy.load_technologies(data_dir, categories=categories)
    labels = categories.set_index("category_id")
    order = {c: i for i, c in enumerate(categories["category_id"])}
    cols = ["technology", "category_id", "category_nl", "category_en", "taxonomy_technologies", "category_basis"]
    if classification == TAXONOMY:
        out = pd.DataFrame({"technology": techs["tech_id"], "category_id": techs["category_id"], "taxonomy_technologies": techs["tech_id"], "category_basis": "taxonomy"})
    elif classification in _COARSE or (classification in DOCUMENT_SCHEMES and codes is not None):
        if classification in _COARSE:
            cmap = taxonomy.coarse_map(_COARSE[classification], data_dir)
        else:
            cmap = _matched_codes(classification, codes, data_dir).assign(strength="primary")
        cmap = cmap.merge(techs[["tech_id", "category_id", "annex_order"]], on="tech_id")
        rows = []
        for code, part in cmap.groupby("code", sort=True):
            primary = part[part["strength"] == "primary"]
            basis = ("primary" if len(primary) else "secondary") if classification in _COARSE else "codes"
            pick = primary if len(primary) else part
            counts = pick.groupby("category_id").size()
            second = part[part["strength"] == "secondary"].groupby("category_id").size()
            best = sorted(counts.index, key=lambda c: (-counts[c], -second.get(c, 0), order[c]))[0]
            ordered = part.sort_values(["strength", "annex_order"], kind="mergesort")
            rows.append({"technology": code, "category_id": best, "taxonomy_technologies": ";".join(dict.fromkeys(ordered["tech_id"])), "category_basis": basis})
        out = pd.DataFrame(rows, columns=["technology", "category_id", "taxonomy_technologies", "category_basis"])
    else:
        return pd.DataFrame(columns=cols)
    out["category_nl"] = out["category_id"].map(labels["label_nl"])
    out["category_en"] = out["category_id"].map(labels["label_en"])
    return out[cols].reset_index(drop=True)


def has_selection(classification: str) -> bool:
    """True when :func:`taxonomy_selection` can say which codes of ``classification`` stand for the taxonomy."""
    return classification == TAXONOMY or classification in _COARSE or classification in DOCUMENT_SCHEMES


def taxonomy_selection(classification: str, strength: Literal["primary", "any"] = "primary", codes: Iterable[str] | None = None,
                       data_dir: Path | str | None = None) -> list[str]:
    """Technology codes of ``classification`` that stand for the taxonomy's technologies.

    Coarse classifications: the codes onto which at least one taxonomy technology is mapped
    (``primary`` only, or ``any`` strength). Classifications the code lists cover (``ipc4``,
    ``openalex_subfield``, ...): those of ``codes`` that :func:`helpers.data.taxonomy.match_codes`
    assigns to a technology. ``taxonomy``: every tech id. Sorted.
    """
    from helpers.data import policy
    from helpers.data import taxonomy

    if classification == TAXONOMY:
        return sorted(policy.load_technologies(data_dir)["tech_id"])
    if classification in _COARSE:
        cmap = taxonomy.coarse_map(_COARSE[classification], data_dir)
        if strength == "primary":
            cmap = cmap[cmap["strength"] == "primary"]
        return sorted(set(cmap["code"]))
    if classification in DOCUMENT_SCHEMES:
        if codes is None:
            raise InputError(f"taxonomy selection: give the codes of classification {classification!r} to match them on the taxonomy's code lists")
        return sorted(set(_matched_codes(classification, codes, data_dir)["code"]))
    raise InputError(f"taxonomy selection: classification {classification!r} has no mapping onto the taxonomy; use one of "
                     f"{', '.join(sorted(set(_COARSE) | set(DOCUMENT_SCHEMES)))} or {TAXONOMY!r}")


def technology_labels(classification: str, codes: Iterable[str], technologies: pd.DataFrame | None = None,
                      data_dir: Path | str | None = None) -> pd.DataFrame:
    """Dutch and English label of each code: ``technology``, ``label_nl``, ``label_en``.

    WIPO and NCSES field names are translated (:data:`helpers.i18n.FIELD_NAMES_NL`);
    the taxonomy's technologies take their labels from ``technologies.csv``; other codes the
    label of the canonical ``technologies`` table when given, else the code itself (Crunchbase
    category names stay in English in both languages).
    """
    from helpers.i18n import FIELD_NAMES_NL

    codes = list(dict.fromkeys(codes))
    en: dict[str, str] = {}
    nl: dict[str, str] = {}
    if classification == TAXONOMY:
        from helpers.data import policy

        techs = policy.load_technologies(data_dir).set_index("tech_id")
        en = {c: techs.at[c, "label_en"] for c in codes if c in techs.index}
        nl = {c: techs.at[c, "label_nl"] for c in codes if c in techs.index}
    elif technologies is not None and {"classification", "technology", "label"} <= set(technologies.columns):
        part = technologies[technologies["classification"] == classification]
        en = dict(zip(part["technology"].astype(str), part["label"].astype(str)))
    label_en = [en.get(c, c) for c in codes]
    label_nl = [nl.get(c) or FIELD_NAMES_NL.get(c) or en.get(c, c) for c in codes]
    return pd.DataFrame({"technology": codes, "label_nl": label_nl, "label_en": label_en})


# ----------------------------------------------------------------------------------- the space
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
    from helpers.data import taxonomy

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
) -> TechnologySpace:
    """Activity matrix, RCA, specialisation, relatedness and complexity for one classification.

    ``activity``: canonical activity rows (``classification, region, technology, year, value``;
    other columns ignored) of the comparable regions, e.g. all countries; the world is their sum.
    ``documents``: canonical documents rows (may be None or empty). With
    ``classification="taxonomy"`` the matrix and the co-occurrence come from the documents
    matched on the taxonomy's code lists (``definitions`` replaces ``technology_codes.csv``), and
    ``activity`` is not used. See the module docstring for the formulas.
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
        inside = rows[(years >= start) & (years <= end)]
        if inside.empty:
            raise InputError(f"{what}: no activity in the window {start}-{end}; the data cover {int(years.min())}-{int(years.max())}: change the window")
        _check_values(inside, what)
        long = inside.groupby(["region", "technology"], as_index=False)["value"].sum()
        docs = _documents_for(documents, classification, (start, end), source)
        cooc_docs = docs[["document_id", "technology"]] if len(docs) else None
        basis = "within-document" if cooc_docs is not None else "co-location"

    x = long.pivot_table(index="region", columns="technology", values="value", aggfunc="sum", fill_value=0.0).sort_index().sort_index(axis=1)
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
        if cooc_docs is not None:
            m, _, techs = rel.incidence_matrix(cooc_docs, document="document_id", technology="technology", source=f"{what} documents")
            c = rel.cooccurrence(m, source=f"{what} documents")
            c = pd.DataFrame(c.toarray(), index=techs, columns=techs).reindex(index=x.columns, columns=x.columns, fill_value=0.0)
        else:
            c = rel.colocation(b_s, source=what)
        rmat = rel.relatedness(c, relatedness_method, source=f"{what} co-occurrence")
        if complexity_method == "eigenvector":
            comp = cx.complexity_eigenvector(b_s, source=what).technology
        else:
            comp = cx.complexity_reflections(b_s, source=what).technology
    return TechnologySpace(
        source=source or "", classification=classification, window=(start, end), x=x, rca=r, b=b, relatedness=rmat,
        complexity=comp.reindex(x.columns), space_regions=pd.Index(space, name="region"), relatedness_basis=basis,
        relatedness_method=relatedness_method, complexity_method=complexity_method, rca_threshold=float(rca_threshold),
        min_activity=min_activity, notes=notes,
    )


# ----------------------------------------------------------------------------------- profiles
PROFILE_COLUMNS = (
    "source", "classification", "region", "window_start", "window_end", "technology", "label_nl", "label_en",
    "category_id", "category_nl", "category_en", "taxonomy_technologies", "activity", "share_of_region", "rca", "specialised",
    "density", "complexity", "quadrant", "quadrant_nl", "quadrant_en", "x_split", "y_split", "relatedness_basis",
    "relatedness_method", "complexity_method", "rca_threshold", "min_activity", "n_regions", "n_regions_space", "in_space",
)


def profile_from_space(space: TechnologySpace, focus_region: str, *, split: Split = "median",
                       technologies: pd.DataFrame | None = None, selection: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per technology for ``focus_region`` (see :func:`technology_profile` for the columns).

    ``selection`` restricts the rows (and the quadrant medians) to those technologies; relatedness
    and complexity stay computed over all technologies of the space.
    """
    what = f"{space.source + ' ' if space.source else ''}{space.classification} {space.window[0]}-{space.window[1]}"
    if focus_region not in space.x.index:
        have = list(space.x.index)
        raise InputError(f"{what}: region {focus_region!r} has no activity in the window ({len(have)} regions have: {_names(have)}); choose a region present in the data")
    notes = list(space.notes)
    techs = list(space.x.columns)
    if selection is not None:
        selection = list(dict.fromkeys(selection))
        unknown = [t for t in selection if t not in techs]
        if unknown:
            notes.append(f"{what}: selected technologies without activity in the window left out: {_names(unknown)}")
        techs = [t for t in selection if t in techs]
        if not techs:
            raise InputError(f"{what}: none of the selected technologies has activity in the window; check the selection")
    own = space.x.loc[focus_region]
    with _collect(notes):
        dens = density.relatedness_density(space.b.loc[[focus_region]], space.relatedness, source=f"{what} specialisation").loc[focus_region]
        try:
            q = quadrant_rules.quadrants(dens.reindex(techs), space.complexity.reindex(techs), _split(split))
        except InputError as exc:
            raise InputError(f"{what}, {focus_region}: {exc} (too few technologies with relatedness links and a complexity to place)") from None
    out = pd.DataFrame({"technology": techs})
    out["activity"] = own.reindex(techs).to_numpy(dtype=float)
    out["share_of_region"] = out["activity"] / float(own.sum())
    out["rca"] = space.rca.loc[focus_region].reindex(techs).to_numpy(dtype=float)
    out["specialised"] = space.b.loc[focus_region].reindex(techs).to_numpy(dtype="int64")
    out["density"] = dens.reindex(techs).to_numpy(dtype=float)
    out["complexity"] = space.complexity.reindex(techs).to_numpy(dtype=float)
    out["quadrant"] = q["quadrant"].to_numpy()
    out["quadrant_nl"] = q["label_nl"].to_numpy()
    out["quadrant_en"] = q["label_en"].to_numpy()
    out["x_split"], out["y_split"] = float(q["x_split"].iloc[0]), float(q["y_split"].iloc[0])
    labels = technology_labels(space.classification, techs, technologies)
    out = out.merge(labels, on="technology", how="left")
    cats = category_map(space.classification, codes=techs if space.classification in DOCUMENT_SCHEMES else None)
    out = out.merge(cats, on="technology", how="left")
    other = out["category_id"].isna()
    out.loc[other, "category_id"] = OTHER_CATEGORY["category_id"]
    out.loc[other, "category_nl"] = OTHER_CATEGORY["label_nl"]
    out.loc[other, "category_en"] = OTHER_CATEGORY["label_en"]
    out["taxonomy_technologies"] = out["taxonomy_technologies"].fillna("")
    out["source"], out["classification"], out["region"] = space.source, space.classification, focus_region
    out["window_start"], out["window_end"] = space.window
    out["relatedness_basis"], out["relatedness_method"] = space.relatedness_basis, space.relatedness_method
    out["complexity_method"], out["rca_threshold"], out["min_activity"] = space.complexity_method, space.rca_threshold, space.min_activity
    out["n_regions"], out["n_regions_space"] = len(space.x.index), len(space.space_regions)
    out["in_space"] = focus_region in space.space_regions
    order = {k: i for i, k in enumerate(QUADRANT_ORDER)}
    out["_q"] = out["quadrant"].map(order).fillna(len(order))
    out = out.sort_values(["_q", "rca", "technology"], ascending=[True, False, True], kind="mergesort").drop(columns="_q")
    out = out[list(PROFILE_COLUMNS)].reset_index(drop=True)
    if not out["in_space"].iloc[0]:
        notes.append(f"{what}: {focus_region} has less than min_activity {space.min_activity:g} in the window, so it is not one of the regions that define relatedness and complexity; its RCA and density are still computed")
    out.attrs["notes"] = notes
    return out


def technology_profile(
    activity: pd.DataFrame | None,
    focus_region: str,
    window: Sequence[int],
    *,
    classification: str,
    rca_threshold: float = 1.0,
    relatedness_method: str = "cosine",
    complexity_method: str = "eigenvector",
    split: Split = "median",
    min_activity: float = 0.0,
    documents: pd.DataFrame | None = None,
    definitions: pd.DataFrame | None = None,
    technologies: pd.DataFrame | None = None,
    selection: Iterable[str] | None = None,
    source: str | None = None,
) -> pd.DataFrame:
    r"""The strategic-investment profile of ``focus_region``: one row per technology.

    With :math:`X` the region x technology activity over the window (all regions of
    ``activity``), :math:`B_{rt} = 1[\mathrm{RCA}_{rt} \ge` ``rca_threshold`` :math:`]`,
    :math:`B_s` the rows of regions with total activity :math:`\ge` ``min_activity``:

    * ``activity`` :math:`X_{ft}`, ``share_of_region`` :math:`X_{ft}/X_{f\cdot}`;
    * ``rca`` :math:`(X_{ft}/X_{f\cdot}) / (X_{\cdot t}/X_{\cdot\cdot})`, ``specialised`` :math:`B_{ft}`;
    * ``density`` :math:`100 \sum_k B_{fk} R_{kt} / \sum_k R_{kt}` with :math:`R` the
      ``relatedness_method`` normalisation of :math:`C = B_s^\top B_s` (co-location) or of the
      within-document co-occurrence :math:`M^\top M` when ``documents`` has rows for the
      classification; zero diagonals; over all technologies;
    * ``complexity``: eigenvector / reflections index of :math:`B_s` (z-scores);
    * ``quadrant`` (``optimal``, ``moonshot``, ``low_risk``, ``low_priority``) with
      ``quadrant_nl`` / ``quadrant_en`` and the split values ``x_split``, ``y_split``;
    * ``category_id`` / ``category_nl`` / ``category_en`` and ``taxonomy_technologies`` from the
      taxonomy (:func:`category_map`; ``other`` where it gives none), ``label_nl`` / ``label_en``;
    * the parameters used (window, methods, threshold, min_activity, number of regions).

    Rows sorted by quadrant (optimal, moonshot, low-risk, low-priority), then RCA descending.
    Raises :class:`InputError` for a region without activity in the window, an empty window,
    an unknown method, ``scaling`` complexity (needs city populations), a bad split.
    """
    space = technology_space(activity, window, classification=classification, rca_threshold=rca_threshold,
                             relatedness_method=relatedness_method, complexity_method=complexity_method,
                             min_activity=min_activity, documents=documents, definitions=definitions, source=source)
    return profile_from_space(space, focus_region, split=split, technologies=technologies, selection=selection)


def profiles_for_regions(activity: pd.DataFrame | None, regions: Sequence[str], window: Sequence[int], **options: Any) -> pd.DataFrame:
    """:func:`technology_profile` for several regions on one technology space (computed once).

    ``options`` are the keyword arguments of :func:`technology_profile`. Returns the profiles
    stacked in the order of ``regions`` (column ``region``); the notes of all regions are in
    ``attrs["notes"]``. A region without activity raises :class:`InputError` naming it.
    """
    regions = list(dict.fromkeys(regions))
    if not regions:
        raise InputError("profiles_for_regions: no region given; pass at least one region code")
    split = options.pop("split", "median")
    technologies = options.pop("technologies", None)
    selection = options.pop("selection", None)
    space = technology_space(activity, window, **options)
    parts = [profile_from_space(space, r, split=split, technologies=technologies, selection=selection) for r in regions]
    out = pd.concat(parts, ignore_index=True)
    out.attrs["notes"] = list(dict.fromkeys(n for p in parts for n in p.attrs.get("notes", [])))
    return out


# ----------------------------------------------------------------------------------- coverage
def coverage(
    activity: pd.DataFrame | None,
    region: str,
    window: Sequence[int],
    *,
    classification: str,
    selection: Iterable[str] | None = None,
    documents: pd.DataFrame | None = None,
    definitions: pd.DataFrame | None = None,
    source: str | None = None,
) -> pd.DataFrame:
    r"""Share of ``region``'s activity in the window that falls in the selected technologies.

    Aggregated classifications (each unit of activity in one technology, as WIPO fields):
    :math:`\sum_{t \in S} X_{rt} / \sum_t X_{rt}` (:func:`helpers.methods.coverage_measures.coverage`); the default
    selection is :func:`taxonomy_selection` (the codes the taxonomy's technologies map onto as
    primary), which over-states the coverage of the technologies themselves (a field is wider
    than the technology). ``taxonomy``: the share of the region's documents (weighted) that carry
    at least one selected technology, each document once (:func:`helpers.methods.coverage_measures.document_coverage`).

    Returns one row: ``source``, ``classification``, ``region``, ``window_start``, ``window_end``,
    ``n_selected``, ``region_total``, ``covered``, ``coverage`` (0-1), ``method``.
    """
    start, end = _window(window, f"coverage {classification}")
    what = f"{source + ' ' if source else ''}{classification} {start}-{end}"
    if classification == TAXONOMY:
        docs = _documents_for(documents, None, (start, end), source)
        if docs.empty:
            raise InputError(f"{what}: coverage of the taxonomy needs document-level data; the documents table has no rows for this source and window")
        matched, _ = _taxonomy_documents(docs, definitions, what)
        sel = list(selection) if selection is not None else taxonomy_selection(TAXONOMY)
        mine = docs[docs["region"] == region]
        if mine.empty:
            raise InputError(f"{what}: region {region!r} has no documents in the window")
        weights = mine.drop_duplicates(["document_id", "region"]).groupby("document_id")["weight"].sum()
        hit_docs = set(matched.loc[matched["technology"].isin(sel), "document_id"])
        total = float(weights.sum())
        covered = float(weights[weights.index.isin(hit_docs)].sum())
        method = "documents (each document once)"
        n_sel = len(sel)
    else:
        _require_columns(activity, ACTIVITY_COLUMNS, "activity")
        rows = activity[(activity["classification"] == classification) & (activity["year"] >= start) & (activity["year"] <= end)]
        if source is not None and "source" in rows.columns:
            rows = rows[rows["source"] == source]
        rows = rows[~rows["technology"].isin(EXCLUDED_TECHNOLOGIES.get(classification, ()))]
        if rows.empty:
            raise InputError(f"{what}: no activity of classification {classification!r} in the window")
        mine = rows[rows["region"] == region].groupby("technology")["value"].sum()
        if mine.sum() <= 0:
            raise InputError(f"{what}: region {region!r} has no activity in the window; choose a region present in the data")
        sel = list(selection) if selection is not None else taxonomy_selection(classification, codes=rows["technology"].unique())
        if not sel:
            raise InputError(f"{what}: the technology selection is empty; select at least one technology")
        matrix = mine.to_frame(region).T
        known = [t for t in sel if t in matrix.columns]
        total = float(mine.sum())
        covered = float(coverage_measures.coverage(matrix, known, source=what).iloc[0] * total) if known else 0.0
        method = "columns (selected fields)"
        n_sel = len(sel)
    return pd.DataFrame([{
        "source": source or "", "classification": classification, "region": region, "window_start": start, "window_end": end,
        "n_selected": n_sel, "region_total": total, "covered": covered, "coverage": covered / total if total > 0 else np.nan, "method": method,
    }])


# ----------------------------------------------------------------------------------- summaries
def quadrant_summary(profile: pd.DataFrame, language: str) -> pd.DataFrame:
    """Per quadrant (in :data:`QUADRANT_ORDER`): ``quadrant``, ``label`` (in ``language``),
    ``count`` and ``technologies`` (labels by RCA descending, ``"; "``-joined because labels may
    contain commas; ``"-"`` if none)."""
    if language not in ("nl", "en"):
        raise InputError(f"language {language!r}: use 'nl' or 'en'")
    rows = []
    for key in QUADRANT_ORDER:
        part = profile[profile["quadrant"] == key].sort_values(["rca", "technology"], ascending=[False, True], kind="mergesort")
        rows.append({"quadrant": key, "label": quadrant_rules.QUADRANTS[key][language], "count": int(len(part)),
                     "technologies": "; ".join(part[f"label_{language}"]) or "-"})
    return pd.DataFrame(rows)


def summary_table(profiles_by_source: Mapping[str, pd.DataFrame], *, same_region: bool = True) -> pd.DataFrame:
    r"""The profiles of several sources in one table, on a common scale (seed figure 6).

    Each source has its own classification, density level and split, so positions are put on a
    common scale: the distance from the source's split lines in standard deviations of the
    source's plotted technologies,

    .. math:: x^{std}_t = (D_t - x_{split}) / \sigma_D, \qquad y^{std}_t = (\mathrm{CI}_t - y_{split}) / \sigma_{\mathrm{CI}}

    which keeps every technology in its quadrant (the split lines of all sources meet at 0, 0).
    Input: source name -> profile of **one** region (the same region for every source, unless
    ``same_region`` is false: a country standing in for one of its regions in some sources, see
    :func:`load_source`). Returns the stacked profiles with ``x_std`` and ``y_std``, in the order
    of the mapping.
    """
    if not profiles_by_source:
        raise InputError("summary_table: no source given; pass at least one profile")
    parts = []
    regions = set()
    for source, profile in profiles_by_source.items():
        _require_columns(profile, ("region", "technology", "density", "complexity", "x_split", "y_split", "quadrant", "rca"), f"summary_table: profile of {source!r}")
        if profile.empty:
            raise InputError(f"summary_table: the profile of {source!r} is empty")
        regions |= set(profile["region"])
        p = profile.copy()
        p["source"] = source
        for axis, value in (("x", "density"), ("y", "complexity")):
            ok = p[value].notna()
            sd = float(p.loc[ok, value].std(ddof=0)) if ok.sum() > 1 else 0.0
            p[f"{axis}_std"] = (p[value] - p[f"{axis}_split"]) / sd if sd > 0 else 0.0
        parts.append(p)
    if same_region and len(regions) != 1:
        raise InputError(f"summary_table: the profiles are of different regions ({_names(sorted(regions))}); give the profiles of one region")
    out = pd.concat(parts, ignore_index=True)
    out.attrs["notes"] = list(dict.fromkeys(n for p in profiles_by_source.values() for n in p.attrs.get("notes", [])))
    return out


# ----------------------------------------------------------------------------------- reading
@dataclass
class SourceData:
    """What :func:`load_source` found for one source and focus region.

    ``region`` is the region whose data are used: the focus region, or (``stand_in``) the country
    that contains it when the source has no data at the focus region's level.
    """

    source: str
    classification: str | None
    level: str | None
    activity: pd.DataFrame
    documents: pd.DataFrame
    technologies: pd.DataFrame
    available: bool
    reason: str
    #: ``reason`` as a key of :mod:`helpers.i18n.labels.technology` (``tech_reason_<key>``) and its values, for the page text
    reason_key: str = ""
    reason_values: dict[str, Any] = field(default_factory=dict)
    region: str = ""
    stand_in: bool = False


def load_source(data_dir: Path | str, source: str, focus_region: str, *, measure: Literal["amount", "rounds"] = "amount",
                fallback: bool = True) -> SourceData:
    """Read the canonical tables of one source for the framework (the one function here that reads files).

    Regions: those of the focus region's level (``regions.csv``: countries for a country, US
    states for a US state, ...). Classification: ``taxonomy`` when the ``documents`` table has
    rows of the source coded in a scheme of the taxonomy's code lists (REGPAT IPC/CPC, OpenAlex,
    current Crunchbase); otherwise the first of :data:`PREFERRED_CLASSIFICATIONS` present in
    ``activity`` (for investments ``measure="rounds"`` takes the number of funding rounds instead
    of the USD raised). When the source has no data for a sub-national focus region (a NUTS
    region, a US state) and ``fallback`` is true, the country that contains it (``iso3`` in
    ``regions.csv``) stands in, as Belgium stands in for Flanders (``stand_in`` is then true and
    ``region`` the country). ``available`` is False, with the reason in one line, when neither
    has data (e.g. the 2013 Crunchbase export has only US companies).
    """
    from helpers.data import canonical

    if source not in PREFERRED_CLASSIFICATIONS:
        raise InputError(f"source {source!r}: use one of {', '.join(PREFERRED_CLASSIFICATIONS)}")
    if measure not in ("amount", "rounds"):
        raise InputError(f"investments measure {measure!r}: use 'amount' (USD raised) or 'rounds' (number of funding rounds)")
    data_dir = Path(data_dir)
    regions = canonical.read(data_dir, "regions")
    activity = canonical.read(data_dir, "activity")
    activity = activity[activity["source"] == source]
    documents = canonical.read(data_dir, "documents")
    documents = documents[documents["source"] == source]
    technologies = canonical.read(data_dir, "technologies")
    first = _source_for_region(source, focus_region, regions, activity, documents, technologies, measure)
    if first.available or not fallback:
        return first
    country = dict(zip(regions["region"], regions["iso3"].where(regions["iso3"].notna(), None))).get(focus_region)
    if country and country != focus_region:
        second = _source_for_region(source, country, regions, activity, documents, technologies, measure)
        if second.available:
            second.stand_in = True
            return second
    return first


def _source_for_region(source: str, region: str, regions: pd.DataFrame, activity: pd.DataFrame, documents: pd.DataFrame,
                       technologies: pd.DataFrame, measure: str) -> SourceData:
    levels = dict(zip(regions["region"], regions["level"]))
    level = levels.get(region)
    empty = activity.iloc[0:0]
    no_docs = documents.iloc[0:0]
    if level is None:
        return SourceData(source, None, None, empty, no_docs, technologies, False,
                          f"region {region} does not occur in any data source (regions.csv)", "no_region", {"region": region}, region)
    in_level = set(regions.loc[regions["level"] == level, "region"])
    docs = documents[documents["region"].isin(in_level) & documents["classification"].isin(list(DOCUMENT_SCHEMES))]
    if len(docs) and (docs["region"] == region).any():
        return SourceData(source, TAXONOMY, level, empty, docs.reset_index(drop=True), technologies, True, "", region=region)
    preferred = PREFERRED_CLASSIFICATIONS[source]
    if source == "investments" and measure == "rounds":
        preferred = tuple(f"{c}_rounds" for c in preferred)
    present = [c for c in preferred if (activity["classification"] == c).any()]
    if not present:
        return SourceData(source, None, level, empty, no_docs, technologies, False,
                          f"the data folder has no {source} data in a supported classification ({', '.join(preferred)})",
                          "no_classification", {"classifications": ", ".join(preferred)}, region)
    for cl in present:
        rows = activity[(activity["classification"] == cl) & activity["region"].isin(in_level)]
        if (rows["region"] == region).any():
            if rows["region"].nunique() < 2:
                return SourceData(source, cl, level, empty, no_docs, technologies, False,
                                  f"the {source} data have only {region} at level {level}; RCA needs other regions to compare with",
                                  "only_focus", {"region": region, "level": level}, region)
            docs = documents[(documents["classification"] == cl) & documents["region"].isin(in_level)]
            return SourceData(source, cl, level, rows.reset_index(drop=True), docs.reset_index(drop=True), technologies, True, "", region=region)
    cl = present[0]
    rows = activity[activity["classification"] == cl]
    same = sorted(rows.loc[rows["region"].isin(in_level), "region"].unique())
    counts = pd.Series([levels.get(r, "unknown") for r in rows["region"].unique()]).value_counts()
    other = ", ".join(f"{n} {lv}" for lv, n in counts.items() if lv not in (level, "unknown", "aggregate"))
    at_level = (f"at level {level} they have only {_names(same, 5)}" if 0 < len(same) <= 5 else
                f"at level {level} they have {len(same)} other regions" if same else f"they have no region of level {level}")
    return SourceData(source, cl, level, empty, no_docs, technologies, False,
                      f"the {source} data ({cl}) have no rows for {region}: {at_level}" + (f" (and {other})" if other else ""),
                      "not_at_level" if same else "no_level", {"region": region, "classification": cl, "level": level, "regions": _names(same, 5),
                                                               "n": len(same), "other": other}, region)


# ----------------------------------------------------------------------------------- the chapter's pages
#: The sources of the technology chapter, in page order.
SOURCES = ("patents", "publications", "investments")
#: Columns of the published profile table of a source page.
PROFILE_TABLE_COLUMNS = ["label", "category", "quadrant", "activity", "share_of_region", "rca", "specialised", "density", "complexity",
                         "taxonomy_technologies", "technology"]
#: Columns of the published coverage table (the summary page puts ``source`` first).
COVERAGE_TABLE_COLUMNS = ["classification", "window_start", "window_end", "n_selected", "region_total", "covered", "coverage", "seed_coverage"]
_PROFILE_FORMATS = {"activity": ",.0f", "share_of_region": ".2%", "rca": ".2f", "density": ".1f", "complexity": ".2f"}
_COVERAGE_FORMATS = {"region_total": ",.0f", "covered": ",.0f", "coverage": ".1%", "seed_coverage": ".0%"}
_BY_RCA = dict(by=["rca", "technology"], ascending=[False, True], kind="mergesort")


def _t(key: str, language: str, **values: object) -> str:
    from helpers.i18n import t

    return t(key, language, **values)


def _region_name(code: str, language: str, names: Mapping[str, str] | None) -> str:
    from helpers.i18n import region_name

    return region_name(code, language, names)


def seed_coverage_percent(source: str, data_dir: Path | str | None = None) -> float:
    """The seed's coverage of the taxonomy for ``source`` in percent (``vlg_ceps_coverage_<source>`` of ``data/figures.csv``)."""
    from helpers.data import policy

    return float(policy.load_figures(data_dir).set_index("fact_id")["value"][f"vlg_ceps_coverage_{source}"])


def category_order() -> list[str]:
    """The taxonomy's categories in the order of ``data/technology_categories.csv`` (their chart colours follow it)."""
    from helpers.data import policy

    return list(policy.load_categories()["category_id"])


def table_labels(language: str) -> dict[str, str]:
    """Column headers of the chapter's tables: the chapter's column labels plus ``label``, ``category`` and ``quadrant``."""
    from helpers.i18n import column_labels

    return column_labels(language, "technology") | {"label": _t("tech_col_label", language), "category": _t("tech_col_category", language),
                                                    "quadrant": _t("tech_col_quadrant", language)}


def tooltip_labels(language: str) -> dict[str, str]:
    """Tooltip titles of the quadrant charts."""
    from helpers.i18n import column_labels

    return column_labels(language, "technology") | {"label": _t("tech_col_label", language)}


def stand_in_text(data: SourceData, focus_name: str, language: str, region_names: Mapping[str, str] | None = None) -> str:
    """Whose data a page shows: Belgium for Flanders, a country for one of its regions (``data.stand_in``), or the focus region itself."""
    used = _region_name(data.region, language, region_names)
    if data.stand_in:
        return _t("tech_stand_in_parent", language, region=used, focus=focus_name, source=_t(f"tech_source_{data.source}", language))
    return _t("tech_stand_in_bel", language) if data.region == "BEL" else _t("tech_stand_in_other", language, region=used)


def notes_html(profile: pd.DataFrame, language: str) -> str:
    """The notes of the measures (``profile.attrs['notes']``) as a folded HTML list; ``""`` when there are none."""
    notes = profile.attrs.get("notes", [])
    if not notes:
        return ""
    return "<details><summary>" + _t("tech_notes_summary", language) + "</summary><ul>" + "".join(f"<li>{n}</li>" for n in notes) + "</ul></details>"


def source_profile(data: SourceData, window: Sequence[int], *, rca_threshold: float = 1.0, quadrant_split: Split = "median",
                   complexity_method: str = "eigenvector", relatedness: str = "cosine", min_activity: float = 0) -> pd.DataFrame:
    """:func:`technology_profile` of :func:`load_source`'s ``data`` (its region, classification, documents and technologies)."""
    return technology_profile(data.activity, data.region, window, classification=data.classification, rca_threshold=rca_threshold,
                              relatedness_method=relatedness, complexity_method=complexity_method, split=quadrant_split,
                              min_activity=min_activity, documents=data.documents, technologies=data.technologies, source=data.source)


def _source_coverage(data: SourceData, window: Sequence[int]) -> pd.DataFrame:
    return coverage(data.activity, data.region, window, classification=data.classification, documents=data.documents, source=data.source)


@dataclass
class SourcePage:
    """Everything one source page of the technology chapter shows (:func:`source_page`).

    ``profile``, ``cover`` and ``quadrants`` are ``None`` when the source has no data for the
    focus region (``data.available`` false); ``name`` is then the focus region's name.
    """

    data: SourceData
    language: str
    name: str
    focus_name: str
    start: int
    end: int
    rca_threshold: float
    quadrant_split: Split
    complexity_method: str
    relatedness: str
    min_activity: float
    seed_coverage: float
    profile: pd.DataFrame | None = None
    cover: pd.DataFrame | None = None
    quadrants: pd.DataFrame | None = None
    #: :func:`stand_in_text` of the data
    stand_in: str = ""

    @property
    def source_label(self) -> str:
        return _t(f"tech_source_{self.data.source}", self.language)

    def _basis(self) -> str:
        docs = self.data.documents
        if docs is not None and len(docs):
            return _t("tech_basis_documents", self.language)
        return _t("tech_basis_colocation", self.language, threshold=self.rca_threshold)

    def tables(self) -> dict[str, dict[str, Any]]:
        """The page's published tables: ``profile``, ``quadrants``, ``coverage`` -> keyword arguments of
        :func:`helpers.book.publish.publish_table` (``df``, ``name``, ``caption``, ``formats``)."""
        lang, source, p = self.language, self.data.source, self.profile
        table = p.assign(label=p[f"label_{lang}"], category=p[f"category_{lang}"], quadrant=p[f"quadrant_{lang}"])
        table = table.assign(taxonomy_technologies=table["taxonomy_technologies"].str.replace(";", ", "))[PROFILE_TABLE_COLUMNS]
        cover = self.cover.assign(seed_coverage=self.seed_coverage / 100)[COVERAGE_TABLE_COLUMNS]
        return {
            "profile": dict(df=table, name=f"technologies_{source}_profile", formats=_PROFILE_FORMATS,
                            caption=_t("tech_table_caption", lang, region=self.name, source=self.source_label, start=self.start, end=self.end)),
            "quadrants": dict(df=self.quadrants.drop(columns="quadrant").rename(columns={"label": "quadrant"}), name=f"technologies_{source}_quadrants",
                              caption=_t("tech_quadrant_caption", lang)),
            "coverage": dict(df=cover, name=f"technologies_{source}_coverage", formats=_COVERAGE_FORMATS,
                             caption=_t("tech_coverage_caption", lang, region=self.name)),
        }

    def charts(self, label_top_n: int) -> list:
        """The quadrant chart and, when the points crowd one corner, a zoom on that corner (:mod:`helpers.charts`)."""
        from helpers.charts import quadrants as quadrant_charts

        lang, p = self.language, self.profile
        split = self.quadrant_split if isinstance(self.quadrant_split, str) else "fixed"
        y_title = _t("tech_y_title", lang, method=_t(f"tech_complexity_short_{self.complexity_method}", lang))
        common = dict(label_top_n=label_top_n, threshold=self.rca_threshold, tooltip_titles=tooltip_labels(lang), category_order=category_order())
        out = [quadrant_charts.quadrant_chart(
            p, _t("tech_chart_title", lang, region=self.name, source=self.source_label, start=self.start, end=self.end),
            _t("tech_x_title", lang), y_title, lang,
            subtitle=_t("tech_chart_subtitle", lang, threshold=self.rca_threshold, split=_t(f"tech_split_{split}", lang), n=len(p)), **common)]
        zoom = quadrant_charts.quadrant_zoom_domain(p)
        if zoom is not None:
            out.append(quadrant_charts.quadrant_chart(p, _t("tech_zoom_title", lang), _t("tech_x_title", lang), y_title, lang, domain=zoom,
                                             subtitle=_t("tech_zoom_subtitle", lang), **common))
        return out

    def findings(self) -> str:
        """The findings in one paragraph (the investments page, whose data may be missing), in MyST markdown."""
        lang, data, p = self.language, self.data, self.profile
        if p is None:
            return _t("tech_no_data", lang, source=self.source_label, region=self.name,
                      reason=_t(f"tech_reason_{data.reason_key}", lang, **data.reason_values))
        count = dict(zip(self.quadrants["quadrant"], self.quadrants["count"]))
        names = dict(zip(self.quadrants["quadrant"], self.quadrants["technologies"]))
        top = p.sort_values(**_BY_RCA).iloc[0]
        total = float(p["activity"].sum())
        rounds = data.classification.endswith("_rounds")
        text = (self.stand_in + "\n\n" if data.stand_in else "") + _t(
            "tech_findings", lang, start=self.start, end=self.end, region=self.name,
            total=_t("tech_findings_rounds" if rounds else "tech_findings_amount", lang, total=f"{total:,.0f}"),
            n=len(p), classification=_t(f"tech_class_{data.classification}", lang),
            n_regions=int(p["n_regions"].iloc[0]), level=_t(f"tech_level_{data.level}", lang),
            n_optimal=count["optimal"], optimal=names["optimal"], n_moonshot=count["moonshot"], moonshot=names["moonshot"],
            n_low_risk=count["low_risk"], low_risk=names["low_risk"], n_low_priority=count["low_priority"],
            top_label=top[f"label_{lang}"], top_rca=f"{top['rca']:.2f}", threshold=f"{self.rca_threshold:g}",
            n_specialised=int(p["specialised"].sum()), coverage=f"{self.cover['coverage'].iloc[0] * 100:.0f}%")
        return text + "\n\n" + _t("tech_findings_method", lang, n_space=int(p["n_regions_space"].iloc[0]),
                                  complexity=_t(f"tech_complexity_{self.complexity_method}", lang),
                                  relatedness=_t(f"tech_relatedness_{self.relatedness}", lang), basis=self._basis())

    def glue(self) -> dict[str, Any]:
        """The numbers and words of the page's text (``glue_values(**page.glue())``), as Python scalars and strings."""
        lang, p, data = self.language, self.profile, self.data
        by_rca = p.sort_values(**_BY_RCA)
        top = by_rca.iloc[0]
        optimal = by_rca[by_rca["quadrant"] == "optimal"]
        opt_top = (optimal if len(optimal) else by_rca).iloc[0]
        count = dict(zip(self.quadrants["quadrant"], self.quadrants["count"]))
        names = dict(zip(self.quadrants["quadrant"], self.quadrants["technologies"]))
        opt_categories = optimal[f"category_{lang}"].value_counts()
        digital = p[p["category_id"] == "digital_ai"]
        return dict(
            region_name=self.name, start=self.start, end=self.end, total=float(p["activity"].sum()), n_tech=len(p),
            n_regions=int(p["n_regions"].iloc[0]), n_space=int(p["n_regions_space"].iloc[0]), min_activity=float(self.min_activity),
            threshold=float(self.rca_threshold), classification_text=_t(f"tech_class_{data.classification}", lang),
            complexity_text=_t(f"tech_complexity_{self.complexity_method}", lang), relatedness_text=_t(f"tech_relatedness_{self.relatedness}", lang),
            basis_text=self._basis(), x_split=float(p["x_split"].iloc[0]), y_split=float(p["y_split"].iloc[0]),
            n_optimal=count["optimal"], n_moonshot=count["moonshot"], n_low_risk=count["low_risk"], n_low_priority=count["low_priority"],
            list_optimal=names["optimal"], list_moonshot=names["moonshot"], list_low_risk=names["low_risk"], list_low_priority=names["low_priority"],
            top_label=top[f"label_{lang}"], top_rca=float(top["rca"]), n_specialised=int(p["specialised"].sum()),
            opt_top_label=opt_top[f"label_{lang}"], opt_top_rca=float(opt_top["rca"]),
            opt_category=opt_categories.index[0] if len(opt_categories) else _t("tech_none", lang),
            opt_category_n=int(opt_categories.iloc[0]) if len(opt_categories) else 0,
            coverage=float(self.cover["coverage"].iloc[0] * 100), n_selected=int(self.cover["n_selected"].iloc[0]),
            seed_coverage=float(self.seed_coverage),
            digital_n=len(digital), digital_low=int((digital["complexity"] < digital["y_split"]).sum()),
            digital_mean=float(digital["complexity"].mean()) if len(digital) else float("nan"),
        )


def source_page(data: SourceData, window: Sequence[int], *, language: str, focus_name: str, rca_threshold: float = 1.0,
                quadrant_split: Split = "median", complexity_method: str = "eigenvector", relatedness: str = "cosine",
                min_activity: float = 0, seed_coverage: float | None = None, region_names: Mapping[str, str] | None = None,
                required: bool = True) -> SourcePage:
    """One source page of the technology chapter from :func:`load_source`'s ``data``: the profile
    (:func:`technology_profile`), its coverage (:func:`coverage`) and quadrant summary
    (:func:`quadrant_summary`), with the page's text values, tables and charts as methods of the
    returned :class:`SourcePage`. ``seed_coverage`` (percent) defaults to the seed's figure for
    the source. Without data for the focus region: :class:`InputError` when ``required``, else a
    page without profile (:meth:`SourcePage.findings` says why).
    """
    if not data.available and required:
        raise InputError(f"{data.source}: {data.reason}")
    start, end = _window(window, f"{data.source} page")
    page = SourcePage(data=data, language=language, focus_name=focus_name, start=start, end=end, rca_threshold=rca_threshold,
                      quadrant_split=quadrant_split, complexity_method=complexity_method, relatedness=relatedness, min_activity=min_activity,
                      seed_coverage=seed_coverage if seed_coverage is not None else seed_coverage_percent(data.source),
                      name=_region_name(data.region, language, region_names) if data.available else focus_name,
                      stand_in=stand_in_text(data, focus_name, language, region_names))
    if data.available:
        page.profile = source_profile(data, window, rca_threshold=rca_threshold, quadrant_split=quadrant_split,
                                       complexity_method=complexity_method, relatedness=relatedness, min_activity=min_activity)
        page.cover = _source_coverage(data, window)
        page.quadrants = quadrant_summary(page.profile, language)
    return page


@dataclass
class SummaryPage:
    """Everything the chapter's summary page shows (:func:`summary_page`)."""

    language: str
    focus_name: str
    profiles: dict[str, pd.DataFrame]
    #: :func:`summary_table` of ``profiles``
    summary: pd.DataFrame
    #: one row per source: whether it has data for the focus region, whose, in which classification, and why not
    status: pd.DataFrame
    #: the coverage rows of the sources whose classification has a taxonomy selection (``None`` when none has)
    coverage_table: pd.DataFrame | None
    stand_in: str
    complexity_method: str = "eigenvector"

    @property
    def source_names(self) -> dict[str, str]:
        return {s: _t(f"tech_Source_{s}", self.language) for s in SOURCES}

    def _listing(self, part: pd.DataFrame) -> str:
        names, lang = self.source_names, self.language
        tag = (lambda r: f" ({names[r['source']].lower()})") if len(self.profiles) > 1 else (lambda r: "")
        return "; ".join(f"{r[f'label_{lang}']}{tag(r)}" for _, r in part.iterrows()) or _t("tech_none", lang)

    def _top_category(self, part: pd.DataFrame) -> tuple[str, int]:
        counts = part[f"category_{self.language}"].value_counts()
        return (counts.index[0], int(counts.iloc[0])) if len(counts) else (_t("tech_none", self.language), 0)

    def glue(self) -> dict[str, Any]:
        """The numbers and words of the page's text (``glue_values(**page.glue())``)."""
        s, lang, names = self.summary, self.language, self.source_names
        quad_counts = s["quadrant"].value_counts()
        optimal = s[s["quadrant"] == "optimal"].sort_values(**_BY_RCA)
        moonshot = s[s["quadrant"] == "moonshot"].sort_values(**_BY_RCA)
        opt_cat, opt_cat_n = self._top_category(optimal)
        moon_cat, moon_cat_n = self._top_category(moonshot)
        best = s.sort_values(**_BY_RCA).iloc[0]
        return dict(
            region_name=self.focus_name, n_sources=len(self.profiles), sources_text=", ".join(names[x].lower() for x in self.profiles),
            missing_text=", ".join(names[x].lower() for x in SOURCES if x not in self.profiles) or _t("tech_none", lang),
            n_points=len(s), n_optimal=int(quad_counts.get("optimal", 0)), n_moonshot=int(quad_counts.get("moonshot", 0)),
            n_low_risk=int(quad_counts.get("low_risk", 0)), n_low_priority=int(quad_counts.get("low_priority", 0)),
            list_optimal=self._listing(optimal), list_moonshot=self._listing(moonshot), opt_category=opt_cat, opt_category_n=opt_cat_n,
            moon_category=moon_cat, moon_category_n=moon_cat_n,
            best_label=f"{best[f'label_{lang}']} ({names[best['source']].lower()})", best_rca=float(best["rca"]),
            complexity_text=_t(f"tech_complexity_{self.complexity_method}", lang),
        )

    def charts(self, label_top_n: int) -> list:
        """The summary quadrant chart of every source and, when the points crowd one corner, a zoom on it."""
        from helpers.charts import quadrants as quadrant_charts

        s, lang, names = self.summary, self.language, self.source_names
        common = dict(source_labels=names, label_top_n=label_top_n, tooltip_titles=tooltip_labels(lang), category_order=category_order())
        x_title, y_title = _t("tech_summary_x", lang), _t("tech_summary_y", lang)
        out = [quadrant_charts.summary_quadrant_chart(
            s, _t("tech_summary_title", lang, region=self.focus_name, sources=", ".join(names[x].lower() for x in self.profiles)),
            x_title, y_title, lang, subtitle=_t("tech_summary_subtitle", lang), **common)]
        zoom = quadrant_charts.quadrant_zoom_domain(s, "x_std", "y_std", split=(0.0, 0.0))
        if zoom is not None:
            out.append(quadrant_charts.summary_quadrant_chart(s, _t("tech_zoom_title", lang), x_title, y_title, lang,
                                                     subtitle=_t("tech_zoom_subtitle", lang), domain=zoom, **common))
        return out

    def tables(self) -> dict[str, dict[str, Any]]:
        """The page's published tables: ``summary``, ``sources`` and (when there is one) ``coverage`` -> keyword
        arguments of :func:`helpers.book.publish.publish_table`."""
        s, lang, names = self.summary, self.language, self.source_names
        table = s.assign(source=s["source"].map(names), label=s[f"label_{lang}"], category=s[f"category_{lang}"], quadrant=s[f"quadrant_{lang}"])
        table = table[["source", "label", "category", "quadrant", "rca", "density", "complexity", "x_std", "y_std", "technology"]]
        out = {
            "summary": dict(df=table, name="technologies_summary", caption=_t("tech_summary_caption", lang),
                            formats={"rca": ".2f", "density": ".1f", "complexity": ".2f", "x_std": ".2f", "y_std": ".2f"}),
            "sources": dict(df=self.status, name="technologies_summary_sources", caption=_t("tech_sources_caption", lang, region=self.focus_name)),
        }
        if self.coverage_table is not None:
            cover = self.coverage_table.assign(source=self.coverage_table["source"].map(names))[["source", *COVERAGE_TABLE_COLUMNS]]
            out["coverage"] = dict(df=cover, name="technologies_summary_coverage", formats=_COVERAGE_FORMATS,
                                   caption=_t("tech_coverage_caption", lang, region=self.focus_name))
        return out


def summary_page(sources: Mapping[str, SourceData], windows: Mapping[str, Sequence[int]], min_activity: Mapping[str, float], *,
                 language: str, focus_name: str, rca_threshold: float = 1.0, quadrant_split: Split = "median",
                 complexity_method: str = "eigenvector", relatedness: str = "cosine", seed_coverage: Mapping[str, float] | None = None,
                 region_names: Mapping[str, str] | None = None) -> SummaryPage:
    """The chapter's summary page from :func:`load_source`'s data per source (in the order given):
    the profile of every source with data, stacked on a common scale (:func:`summary_table`; a
    country may stand in for the focus region in some sources), a status row per source, the
    coverage of the sources with a taxonomy selection (with the seed's figure, ``seed_coverage``
    in percent per source, by default from ``data/figures.csv``) and one stand-in sentence.
    :class:`InputError` when no source has data.
    """
    profiles: dict[str, pd.DataFrame] = {}
    covers, status, available = [], [], []
    for source, data in sources.items():
        start, end = _window(windows[source], f"{source} window")
        status.append({"source": _t(f"tech_Source_{source}", language),
                       "available": _t("tech_available_yes" if data.available else "tech_available_no", language),
                       "region": _region_name(data.region, language, region_names) if data.available else "",
                       "classification": _t(f"tech_class_{data.classification}", language) if data.classification else "", "window": f"{start}-{end}",
                       "reason": _t(f"tech_reason_{data.reason_key}", language, **data.reason_values) if not data.available else ""})
        if not data.available:
            continue
        available.append(data)
        profiles[source] = source_profile(data, windows[source], rca_threshold=rca_threshold, quadrant_split=quadrant_split,
                                           complexity_method=complexity_method, relatedness=relatedness, min_activity=min_activity[source])
        if has_selection(data.classification):
            seed = seed_coverage[source] if seed_coverage is not None else seed_coverage_percent(source)
            covers.append(_source_coverage(data, windows[source]).assign(seed_coverage=seed / 100))
    if not profiles:
        raise InputError(f"technologies summary: no data source has data for {focus_name}; choose a region present in the data")
    standing = [d for d in available if d.stand_in]
    if standing:  # one sentence: which country stands in for the focus region, in which sources
        stand_text = _t("tech_stand_in_parent", language, region=_region_name(standing[0].region, language, region_names), focus=focus_name,
                        source=f" {_t('tech_and', language)} ".join(_t(f"tech_source_{d.source}", language) for d in standing))
    else:
        stand_text = stand_in_text(available[0], focus_name, language, region_names)
    return SummaryPage(language=language, focus_name=focus_name, profiles=profiles, summary=summary_table(profiles, same_region=False),
                       status=pd.DataFrame(status), coverage_table=pd.concat(covers, ignore_index=True) if covers else None, stand_in=stand_text,
                       complexity_method=complexity_method)
