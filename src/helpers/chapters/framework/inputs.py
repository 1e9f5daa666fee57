"""The framework's inputs per domain: strengths from Tabel 1's ratings, the transition contribution, and growth.

Three inputs are strengths measured by Tabel 1's ratings (:func:`strengths_from_ratings`), growth
potential is measured on the national accounts (:func:`helpers.chapters.sectors.growth.growth_potential`),
and the contribution to the transition priorities is judgement (``data/domain_transitions.csv``,
read by :func:`helpers.data.domains.load_domain_transitions`; :func:`transition_inputs`).
:func:`framework_inputs` joins them; :func:`framework_input_sources` says which is which in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from helpers.chapters.framework.rules import INPUTS, as_bool
from helpers.data.domains import TRANSITIONS
from helpers.errors import InputError
from helpers.methods.ratings import check_rating, require_columns

#: Which Tabel 1 indicators measure which strength (default). The seed's measures (chapter 5,
#: Aanbeveling 1.1, seed lines 1134-1137): "Economische sterktes: gemeten aan de hand van
#: toegevoegde waarde, productiviteit en export"; "Innovatiekracht en ecosysteem: gemeten aan de
#: hand van O&O-uitgaven, ..."; "Technologische sterktes: gemeten aan de hand van octrooien";
#: "Wetenschappelijke sterktes: gemeten aan de hand van aantal publicaties en citaties, deelname
#: aan Horizon Europe, O&O-personeel en STEM-medewerkers".
#: Default: R&D personnel counts as *innovation*, because Tabel 1 reports it per economic sector
#: (NACE), i.e. the R&D staff of the sector's companies, next to their R&D expenditure; the
#: scientific dimension is then publications alone. :data:`SEED_11_DIMENSIONS` follows the seed's
#: list literally (R&D personnel under scientific). Productivity, citations, Horizon Europe and STEM
#: staff are not in Tabel 1.
DEFAULT_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "economic": ("value_added", "export"),
    "innovation": ("rd_expenditure", "rd_personnel", "patents"),
    "scientific": ("publications",),
}
SEED_11_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "economic": ("value_added", "export"),
    "innovation": ("rd_expenditure", "patents"),
    "scientific": ("publications", "rd_personnel"),
}


def strengths_from_ratings(ratings: pd.DataFrame, *, dimensions: Mapping[str, Iterable[str]] = DEFAULT_DIMENSIONS,
                           strong: Iterable[str] = ("++", "+"), how: str = "any", na: str = "unknown",
                           source: str = "rating table") -> pd.DataFrame:
    """Boolean strength inputs per domain from a long rating table (domain_id, indicator_id, rating).

    For each dimension of ``dimensions`` (default :data:`DEFAULT_DIMENSIONS`) a domain is strong when
    its indicators are rated in ``strong`` (default ``++`` or ``+``):

    * ``how="any"``: strong if at least one indicator is strong; ``how="all"``: if all are.
    * ``na="unknown"`` (default): an ``na`` rating (or a missing cell) counts as unknown, so the
      dimension is ``None`` unless the known ratings already decide it (``any``: one strong rating
      decides True; ``all``: one weak rating decides False). ``na="ignore"``: ``na`` cells are
      dropped; the dimension is ``None`` only if all its indicators are ``na``.

    Returns domain_id, one column per dimension (True/False/None) and ``<dimension>_basis`` columns
    naming the ratings used.
    """
    require_columns(ratings, ("domain_id", "indicator_id", "rating"), source)
    if how not in ("any", "all"):
        raise InputError(f"strengths_from_ratings: how={how!r}; use 'any' or 'all'")
    if na not in ("unknown", "ignore"):
        raise InputError(f"strengths_from_ratings: na={na!r}; use 'unknown' or 'ignore'")
    strong_set = set(strong)
    for sym in strong_set:
        check_rating(sym, "strengths_from_ratings parameter 'strong'", "-")
    for i, sym in ratings["rating"].items():
        check_rating(sym, source, i)
    lookup = {(d, ind): str(r).strip() for d, ind, r in zip(ratings["domain_id"], ratings["indicator_id"], ratings["rating"])}
    rows = []
    for domain in pd.unique(ratings["domain_id"]):
        row: dict[str, object] = {"domain_id": domain}
        for dim, indicators in dimensions.items():
            syms = {ind: lookup.get((domain, ind), "na") for ind in indicators}
            known = [s for s in syms.values() if s != "na"]
            unknown = len(known) < len(syms)
            is_strong = [s in strong_set for s in known]
            if not known:
                value: bool | None = None
            elif how == "any":
                value = True if any(is_strong) else (None if unknown and na == "unknown" else False)
            else:
                value = False if not all(is_strong) else (None if unknown and na == "unknown" else True)
            row[dim] = value
            row[f"{dim}_basis"] = ", ".join(f"{ind} {sym}" for ind, sym in syms.items())
        rows.append(row)
    out = pd.DataFrame(rows)
    for dim in dimensions:
        out[dim] = out[dim].astype(object)
    return out


def transition_inputs(domain_transitions: pd.DataFrame, *, transitions: Iterable[str] | None = None,
                      basis: Iterable[str] = ("seed text", "judgement")) -> pd.DataFrame:
    """Per domain: ``transition`` = contributes to at least one of ``transitions`` (default: all four).

    Only rows whose ``basis`` is in ``basis`` count (``basis=("seed text",)`` uses the seed's own
    links only). A domain with no counted row gets ``None`` (unknown). Also returns ``transitions``:
    the contributing transition ids joined by ", ".
    """
    require_columns(domain_transitions, ("domain_id", "transition_id", "contributes", "basis"), "domain transitions")
    wanted = set(transitions) if transitions is not None else set(TRANSITIONS)
    unknown = wanted - set(TRANSITIONS)
    if unknown:
        raise InputError(f"transition_inputs: unknown transition id {sorted(unknown)[0]!r}; use one of {', '.join(TRANSITIONS)}")
    rows = []
    for domain, g in domain_transitions.groupby("domain_id", sort=False):
        g = g[g["transition_id"].isin(wanted) & g["basis"].isin(set(basis))]
        if g.empty:
            rows.append({"domain_id": domain, "transition": None, "transitions": ""})
            continue
        yes = g.loc[g["contributes"] == "yes", "transition_id"].tolist()
        rows.append({"domain_id": domain, "transition": bool(yes), "transitions": ", ".join(yes)})
    out = pd.DataFrame(rows)
    out["transition"] = out["transition"].astype(object)
    return out


def framework_inputs(strengths: pd.DataFrame, *, growth: Mapping[str, bool | None] | pd.Series | None = None,
                     transition: Mapping[str, bool | None] | pd.Series | pd.DataFrame | None = None) -> pd.DataFrame:
    """Join strengths (from :func:`strengths_from_ratings`), growth and transition into one input table.

    ``growth`` / ``transition``: mapping or Series domain_id -> True/False/None, or for transition
    the output of :func:`transition_inputs`. Domains absent from a mapping get ``None`` (unknown).
    An id that is not a domain of ``strengths`` raises :class:`InputError`.
    """
    require_columns(strengths, ("domain_id", "economic", "innovation", "scientific"), "strengths")
    out = strengths.copy()
    known = set(out["domain_id"])
    for name, given in (("growth", growth), ("transition", transition)):
        if isinstance(given, pd.DataFrame):
            require_columns(given, ("domain_id", name), f"{name} table")
            given = dict(zip(given["domain_id"], given[name]))
        mapping = dict(given.items()) if given is not None else {}
        bad = [k for k in mapping if k not in known]
        if bad:
            raise InputError(f"{name} inputs: unknown domain_id {bad[0]!r}; use one of {', '.join(map(str, known))}")
        out[name] = [as_bool(mapping.get(d), name, d, f"{name} inputs") for d in out["domain_id"]]
        out[name] = out[name].astype(object)
    return out


def framework_input_sources(*, ratings_source: str, growth_measure: str, reference: str, sectors_window: Sequence[int],
                            transition_basis: Iterable[str], na: str, language: str = "en", rule: str = "") -> pd.DataFrame:
    """One row per framework input: how it is obtained in this build and whether it is measured or judgement.

    Columns: input_id, input (label in ``language``), how, kind (label), kind_id (measured, published
    (seed), judgement, seed text). ``rule``: the name of the rule that rated the computed strengths, said in ``how``.
    """
    if ratings_source not in ("computed", "published"):
        raise InputError(f"framework_ratings: {ratings_source!r}; use 'computed' or 'published'")
    nl = language == "nl"
    if ratings_source == "computed":
        rated = f"; {rule}" if rule else ""
        strength = (f"gemeten: berekende scores (specialisatie-index t.o.v. {reference}{rated}) " if nl
                    else f"measured: computed ratings (specialisation index against {reference}{rated}) ")
        kind = "measured"
    else:
        strength = ("gepubliceerde scores van Tabel 1 (VARIO 2026; de regel achter de symbolen is niet gepubliceerd) " if nl
                    else "published ratings of Tabel 1 (VARIO 2026; the rule behind the symbols is not published) ")
        kind = "published (seed)"
    na_text = {"ignore": ("na-cellen tellen niet mee" if nl else "na cells are left out"),
               "unknown": ("een na-cel maakt de dimensie onbekend tenzij de andere cellen beslissen" if nl
                           else "an na cell makes the dimension unknown unless the other cells decide")}[na]
    basis = set(transition_basis)
    t_kind = "judgement" if "judgement" in basis else "seed text"
    rows = [
        ("economic", strength + ("uit toegevoegde waarde, export" if nl else "from value added, export") + f"; {na_text}", kind),
        ("innovation", strength + ("uit O&O-uitgaven, O&O-personeel, octrooien" if nl else "from R&D expenditure, R&D personnel, patents") + f"; {na_text}", kind),
        ("scientific", strength + ("uit publicaties" if nl else "from publications") + f"; {na_text}", kind),
        ("growth", (f"gemeten: jaarlijkse groei van {growth_measure} van de sector in {reference}, {sectors_window[0]}-{sectors_window[1]}, "
                    "hoger dan die van de hele economie" if nl else
                    f"measured: annual growth of the sector's {growth_measure} in {reference}, {sectors_window[0]}-{sectors_window[1]}, "
                    "above that of the total economy"), "measured"),
    ]
    kinds = {"measured": ("gemeten", "measured"), "published (seed)": ("gepubliceerd (VARIO-advies)", "published (VARIO report)"),
             "judgement": ("oordeel", "judgement"), "seed text": ("tekst van het VARIO-advies", "text of the VARIO report")}
    col = 0 if nl else 1
    bases = ", ".join(kinds.get(b, (b, b))[col] for b in sorted(basis))
    rows.append(("transition", (f"oordeel: de koppeling van elk domein aan de transities in de projectdata (rijen met basis: {bases}); "
                                "het VARIO-advies koppelt de domeinen niet zelf aan de transities" if nl else
                                f"judgement: each domain's link to the transitions in the project data (rows with basis: {bases}); "
                                "the VARIO report does not map its domains to the transitions itself"),
                 t_kind if t_kind == "judgement" else "seed text"))
    out = pd.DataFrame(rows, columns=["input_id", "how", "kind_id"])
    out.insert(1, "input", out["input_id"].map(lambda k: INPUTS[k][col]))
    out["kind"] = out["kind_id"].map(lambda k: kinds[k][col])
    return out[["input_id", "input", "how", "kind", "kind_id"]]

