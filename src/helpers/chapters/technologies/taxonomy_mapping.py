"""How the classifications of the data map onto the taxonomy of ``data/technologies.csv``.

A technology code of the data (a WIPO field, an NCSES field, a Crunchbase category, an IPC class
...) takes the category of the taxonomy technologies mapped onto it (:func:`category_map`); the
codes that stand for the taxonomy (:func:`taxonomy_selection`) define the coverage; every code has
a Dutch and an English label (:func:`technology_labels`). Two kinds of classification:

* the coarse classifications (``wipo35``, ``ncses_fields``, ``crunchbase_2013_category``), mapped
  by ``data/technology_coarse_map.csv``;
* document classifications (``ipc4``, ``cpc4``, ``openalex_subfield``, ...) whose codes the code
  lists of ``data/technology_codes.csv`` cover (:func:`helpers.data.taxonomy.match_codes`), and
  ``taxonomy`` itself: the technologies of ``data/technologies.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import pandas as pd

from helpers.chapters.memo import shared
from helpers.data import policy, taxonomy
from helpers.errors import InputError
from helpers.i18n import FIELD_NAMES_NL

#: ``classification`` value for the technologies of ``data/technologies.csv`` matched on document codes.
TAXONOMY = "taxonomy"
#: Technology codes that are totals, not technologies, per classification.
EXCLUDED_TECHNOLOGIES: dict[str, tuple[str, ...]] = {"ncses_fields": ("all",)}
#: Category of a technology that no taxonomy technology maps onto.
OTHER_CATEGORY = {"category_id": "other", "label_nl": "Overige (niet in de taxonomie)", "label_en": "Other (not in the taxonomy)"}
#: Document classification -> taxonomy scheme of ``data/technology_codes.csv`` (REGPAT writes ipc4/cpc4).
DOCUMENT_SCHEMES: dict[str, str] = {
    "ipc": "ipc", "ipc3": "ipc", "ipc4": "ipc", "cpc": "cpc", "cpc3": "cpc", "cpc4": "cpc",
    "openalex_subfield": "openalex_subfield", "openalex_topic": "openalex_topic",
    "crunchbase_category": "crunchbase_industry", "crunchbase_industry": "crunchbase_industry",
}
#: The coarse classifications that ``data/technology_coarse_map.csv`` maps the taxonomy onto.
_COARSE = {"wipo35": "wipo35", "ncses_fields": "ncses_fields", "crunchbase_2013_category": "crunchbase_2013_category",
           "crunchbase_2013_category_rounds": "crunchbase_2013_category"}


def _matched_codes(classification: str, codes: Iterable[str], data_dir: Path | str | None = None) -> pd.DataFrame:
    """(code, tech_id) pairs of activity codes of a document classification (``ipc4``, ``openalex_subfield``, ...)
    that the taxonomy's code lists cover (:func:`helpers.data.taxonomy.match_codes`)."""
    codes = pd.Series(sorted({str(c) for c in codes}), dtype="object")
    hits = taxonomy.match_codes(codes, DOCUMENT_SCHEMES[classification], data_dir)
    return pd.DataFrame({"code": hits["code"].to_numpy(), "tech_id": hits["tech_id"].to_numpy()}).drop_duplicates()


@shared  # every technology profile of every page asks again (a Python loop per code)
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
    codes = list(dict.fromkeys(codes))
    en: dict[str, str] = {}
    nl: dict[str, str] = {}
    if classification == TAXONOMY:
        techs = policy.load_technologies(data_dir).set_index("tech_id")
        en = {c: techs.at[c, "label_en"] for c in codes if c in techs.index}
        nl = {c: techs.at[c, "label_nl"] for c in codes if c in techs.index}
    elif technologies is not None and {"classification", "technology", "label"} <= set(technologies.columns):
        part = technologies[technologies["classification"] == classification]
        en = dict(zip(part["technology"].astype(str), part["label"].astype(str)))
    label_en = [en.get(c, c) for c in codes]
    label_nl = [nl.get(c) or FIELD_NAMES_NL.get(c) or en.get(c, c) for c in codes]
    return pd.DataFrame({"technology": codes, "label_nl": label_nl, "label_en": label_en})


def category_order() -> list[str]:
    """The taxonomy's categories in the order of ``data/technology_categories.csv`` (their chart colours follow it)."""
    return list(policy.load_categories()["category_id"])
