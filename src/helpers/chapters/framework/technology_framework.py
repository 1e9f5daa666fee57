"""The decision framework applied to technologies: strengths from RCA, growth from complexity, feasibility from density.

Each source (patents, publications, start-up investments) has its own classification and no
crosswalk links them, so a technology row measures only its own source's strength; the transition
contribution is carried over from the domains a field is linked to (judgement). See
:data:`TECHNOLOGY_INPUTS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from helpers.chapters.framework.rules import INPUT_NAMES, NO_WORD, UNKNOWN_WORD, YES_WORD, as_bool, classify_domains
from helpers.errors import InputError
from helpers.methods.ratings import require_columns

#: Which inputs are measured and how, when the framework is applied to technologies.
TECHNOLOGY_INPUTS: dict[str, str] = {
    "economic": "measured: RCA in start-up investments >= rca_threshold (entrepreneurship; seed Aanbeveling 2.2 speaks of 'doorvertaling naar technologie en ondernemerschap')",
    "innovation": "measured: RCA in patents >= rca_threshold (seed: 'Technologische sterktes: gemeten aan de hand van octrooien')",
    "scientific": "measured: RCA in publications >= rca_threshold (seed: 'Wetenschappelijke sterktes: gemeten aan de hand van aantal publicaties')",
    "growth": "measured (proxy): technological complexity above the split; the seed reads complexity as economic value ('(economische) complexiteit', 'economisch potentieel', section 3.1)",
    "transition": "judgement: a technology -> transition mapping given by the analyst (None = unknown)",
    "feasible": "measured, not a tree input: relatedness density above the split (the CEPS 'haalbaarheid'); reported beside the outcome",
}


def _split_value(values: pd.Series, split: str | float, what: str) -> float:
    if isinstance(split, str):
        if split == "median":
            return float(values.median())
        if split == "mean":
            return float(values.mean())
        raise InputError(f"classify_technologies: split {split!r} for {what}; use 'median', 'mean' or a number")
    return float(split)


def classify_technologies(table: pd.DataFrame, *, id_column: str = "technology",
                          rca_columns: Mapping[str, str | None] | None = None,
                          density_column: str = "density", complexity_column: str = "complexity",
                          rca_threshold: float = 1.0, split: str | float | tuple[str | float, str | float] = "median",
                          transition: Mapping[str, bool | None] | pd.Series | None = None,
                          decide_when_unambiguous: bool = False, source: str = "technology table") -> pd.DataFrame:
    """Apply the framework to technologies (see :data:`TECHNOLOGY_INPUTS` for what is measured).

    ``table``: one row per technology with ``id_column``, the RCA columns, ``density_column`` and
    ``complexity_column``. ``rca_columns`` maps economic / innovation / scientific to a column
    (default ``rca_investments`` / ``rca_patents`` / ``rca_publications``); a dimension mapped to
    ``None`` or whose value is missing is unknown. ``split``: "median", "mean" or a number, or a
    pair (density split, complexity split); "above" means strictly greater than the split.
    ``transition``: technology -> True/False/None (judgement); absent technologies are unknown.
    Output: :func:`classify_domains` columns plus ``feasible``, ``density_split``, ``complexity_split``
    and ``quadrant`` (the CEPS quadrant, a key of :data:`helpers.methods.quadrants.QUADRANTS`: optimal, moonshot,
    low_risk, low_priority).
    """
    cols = {"economic": "rca_investments", "innovation": "rca_patents", "scientific": "rca_publications"}
    if rca_columns is not None:
        unknown = set(rca_columns) - set(cols)
        if unknown:
            raise InputError(f"classify_technologies: rca_columns key {sorted(unknown)[0]!r}; use economic, innovation, scientific")
        cols.update(rca_columns)
    needed = [id_column, density_column, complexity_column] + [c for c in cols.values() if c]
    require_columns(table, needed, source)
    if table.empty:
        raise InputError(f"{source}: no technologies; select at least one")
    df = table.copy()
    for c in needed[1:]:
        df[c] = pd.to_numeric(df[c], errors="coerce")
        neg = df[c] < 0
        if c in cols.values() and neg.any():
            raise InputError(f"{source}, row {neg.idxmax()}: negative RCA in column '{c}'; RCA cannot be negative")
    dsplit, csplit = split if isinstance(split, tuple) else (split, split)
    d_cut = _split_value(df[density_column].dropna(), dsplit, "density")
    c_cut = _split_value(df[complexity_column].dropna(), csplit, "complexity")
    mapping = dict(transition.items()) if transition is not None else {}
    bad = [k for k in mapping if k not in set(df[id_column])]
    if bad:
        raise InputError(f"transition inputs: unknown technology {bad[0]!r}; use the ids of column '{id_column}'")

    def above(v: float, cut: float) -> bool | None:
        return None if pd.isna(v) else bool(v > cut)

    inputs = pd.DataFrame({id_column: df[id_column]})
    for dim, col in cols.items():
        inputs[dim] = [None if (col is None or pd.isna(v)) else bool(v >= rca_threshold)
                       for v in (df[col] if col else [None] * len(df))]
    inputs["growth"] = [above(v, c_cut) for v in df[complexity_column]]
    inputs["transition"] = [mapping.get(t) for t in df[id_column]]
    for c in INPUT_NAMES:
        inputs[c] = inputs[c].astype(object)
    out = classify_domains(inputs, id_column=id_column, decide_when_unambiguous=decide_when_unambiguous, source=source)
    feasible = [above(v, d_cut) for v in df[density_column]]
    out["feasible"] = pd.Series(feasible, dtype=object).values
    out["density_split"] = d_cut
    out["complexity_split"] = c_cut
    quadrant = []
    for f, g in zip(feasible, inputs["growth"]):
        if f is None or g is None:
            quadrant.append(None)
        else:
            quadrant.append({(True, True): "optimal", (False, True): "moonshot", (True, False): "low_risk", (False, False): "low_priority"}[(f, g)])
    out["quadrant"] = quadrant
    return out


#: Which strength dimension each technology source measures (its RCA), as in :data:`TECHNOLOGY_INPUTS`.
SOURCE_DIMENSION: dict[str, str] = {"investments": "economic", "patents": "innovation", "publications": "scientific"}

_INPUT_WORDS: dict[str, tuple[str, str]] = {
    "economic": ("economisch", "economic"), "innovation": ("innovatie/technologie", "innovation/technology"),
    "scientific": ("wetenschap", "scientific"), "growth": ("groeipotentieel", "growth potential"),
    "transition": ("transitiebijdrage", "transition contribution"),
}


def technology_transitions(technologies: Iterable[str], field_map: pd.DataFrame | None, transitions: pd.DataFrame,
                           *, domain_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The transition input of technologies, carried over from the domains they are linked to (judgement).

    ``field_map``: (domain_id, technology) rows, e.g. :func:`helpers.chapters.sectors.patent_field_map` (WIPO
    fields) or :func:`helpers.chapters.sectors.publication_field_map` (NCSES fields); ``None`` when the
    classification has no link to the domains. ``transitions``: :func:`transition_inputs` (domain_id,
    transition). A technology contributes (``True``) when a linked domain contributes, does not
    (``False``) when every linked domain is judged not to, and is unknown (``None``) when it has no
    linked domain or a linked domain is unknown and none contributes. Columns: technology,
    transition, domains (the linked domain ids, or names via ``domain_names``, "; "-joined).
    """
    require_columns(transitions, ("domain_id", "transition"), "transition table")
    value = {d: as_bool(v, "transition", d, "transition table") for d, v in zip(transitions["domain_id"], transitions["transition"])}
    if field_map is not None:
        require_columns(field_map, ("domain_id", "technology"), "field map")
    rows = []
    for tech in dict.fromkeys(technologies):
        linked = [] if field_map is None else list(dict.fromkeys(field_map.loc[field_map["technology"] == tech, "domain_id"]))
        vals = [value.get(d) for d in linked]
        if any(v is True for v in vals):
            result = True
        elif vals and all(v is False for v in vals):
            result = False
        else:
            result = None
        names = [str(domain_names.get(d, d)) if domain_names else str(d) for d in linked]
        rows.append({"technology": tech, "transition": result, "domains": "; ".join(names)})
    out = pd.DataFrame(rows, columns=["technology", "transition", "domains"])
    out["transition"] = out["transition"].astype(object)
    return out


def technology_framework(profiles: Mapping[str, pd.DataFrame], *, transitions: Mapping[str, pd.DataFrame] | None = None,
                         rca_threshold: float = 1.0, split: Any = "median", decide_when_unambiguous: bool = False,
                         lang: str = "nl") -> pd.DataFrame:
    """Apply the framework (:func:`classify_technologies`) to the technology profiles of one region, per source.

    ``profiles``: source (a key of :data:`SOURCE_DIMENSION`) -> :func:`helpers.chapters.technologies.technology_profile`
    of the focus region. Each source has its own classification (WIPO fields, NCSES fields, Crunchbase
    categories) and no crosswalk links them, so a technology row measures only its own source's strength
    (patents -> innovation, publications -> scientific, investments -> economic); the other two strengths
    are unknown. Growth is complexity above the split, feasibility density above the split, both within
    the source. ``transitions``: source -> :func:`technology_transitions` (judgement); a source without
    one leaves the transition unknown. ``split``: as ``quadrant_split`` of the edition ("median",
    "mean", a number or ``{"x": density, "y": complexity}``).

    Columns: source, technology, label (in ``lang``), the :func:`classify_technologies` columns, rca,
    density, complexity, domains (the domains the transition comes from) and, in ``lang``, ``measured``
    (the measured inputs with their values), ``judgement`` and ``unknown`` (the inputs left unknown).
    When a profile carries the stability of its placements (:func:`helpers.chapters.technologies.stability.with_stability`):
    ``placement`` (the chapter's quadrant), ``stability`` (share of runs in it), ``stability_label`` and
    ``quadrant`` = the placement, or None for an undecided one (not forced into a quadrant).
    """
    if lang not in ("nl", "en"):
        raise InputError(f"technology_framework: lang={lang!r}; use 'nl' or 'en'")
    if not profiles:
        raise InputError("technology_framework: no technology profile; the region has data in none of the sources")
    if isinstance(split, Mapping):
        if set(split) != {"x", "y"}:
            raise InputError(f"technology_framework: split {dict(split)!r}; use a mapping with keys x (density) and y (complexity)")
        split = (split["x"], split["y"])
    col = 0 if lang == "nl" else 1
    parts = []
    for source, profile in profiles.items():
        if source not in SOURCE_DIMENSION:
            raise InputError(f"technology_framework: source {source!r}; use one of {', '.join(SOURCE_DIMENSION)}")
        require_columns(profile, ("technology", "rca", "density", "complexity", f"label_{lang}"), f"{source} profile")
        dim = SOURCE_DIMENSION[source]
        table = profile[["technology", "rca", "density", "complexity"]].rename(columns={"rca": f"rca_{source}"})
        rca_columns = {d: (f"rca_{source}" if d == dim else None) for d in SOURCE_DIMENSION.values()}
        trans = transitions.get(source) if transitions else None
        mapping = dict(zip(trans["technology"], trans["transition"])) if trans is not None else None
        out = classify_technologies(table, rca_columns=rca_columns, rca_threshold=rca_threshold, split=split,
                                    transition=mapping, decide_when_unambiguous=decide_when_unambiguous, source=f"{source} profile")
        out.insert(0, "source", source)
        out.insert(2, "label", profile[f"label_{lang}"].to_numpy())
        out["rca"] = profile["rca"].to_numpy(dtype=float)
        out["density"] = profile["density"].to_numpy(dtype=float)
        out["complexity"] = profile["complexity"].to_numpy(dtype=float)
        if {"quadrant", "stability_label"} <= set(profile.columns):
            # how sure the placement is (issue 15): the quadrant is the technology chapter's placement, whose stability the
            # resampling runs measured; an undecided one is in no quadrant (``placement`` keeps the computation's guess)
            label = profile["stability_label"].to_numpy(dtype=object)
            out["placement"] = profile["quadrant"].to_numpy(dtype=object)
            out["stability"] = profile["stability"].to_numpy(dtype=float)
            out["stability_label"] = label
            out["quadrant"] = [None if v == "undecided" or not isinstance(q, str) else q for q, v in zip(out["placement"], label)]
        out["domains"] = (out["technology"].map(dict(zip(trans["technology"], trans["domains"]))).fillna("")
                          if trans is not None else "")
        measured, judgement, unknown = [], [], []
        yes, no, unk = YES_WORD[lang], NO_WORD[lang], UNKNOWN_WORD[lang]
        for _, r in out.iterrows():
            word = (lambda v: unk if v is None else (yes if v else no))
            m = []
            if r[dim] is not None:
                m.append(f"{_INPUT_WORDS[dim][col]}: {word(r[dim])} (RCA {r['rca']:.2f})")
            if r["growth"] is not None:
                m.append(f"{_INPUT_WORDS['growth'][col]}: {word(r['growth'])} "
                         f"({'complexiteit' if lang == 'nl' else 'complexity'} {r['complexity']:.2f} vs {r['complexity_split']:.2f})")
            if r["feasible"] is not None:
                m.append(f"{'haalbaarheid' if lang == 'nl' else 'feasibility'}: {word(r['feasible'])} "
                         f"({'dichtheid' if lang == 'nl' else 'density'} {r['density']:.1f} vs {r['density_split']:.1f})")
            measured.append("; ".join(m))
            via = (f" ({'via' if lang == 'nl' else 'from'} {r['domains']})" if r["domains"] else
                   (" (geen gekoppeld domein)" if lang == "nl" else " (no linked domain)"))
            judgement.append(f"{_INPUT_WORDS['transition'][col]}: {word(r['transition'])}{via}")
            unknown.append(", ".join(_INPUT_WORDS[c][col] for c in INPUT_NAMES if r[c] is None) or "—")
        out["measured"], out["judgement"], out["unknown"] = measured, judgement, unknown
        parts.append(out)
    return pd.concat(parts, ignore_index=True)


def technology_counts(classified: pd.DataFrame, *, sources: Iterable[str] = ("patents", "publications", "investments")) -> dict[str, Any]:
    """Counts of :func:`technology_framework`'s outcomes for the text (the ``ft_`` glue values).

    ``ft_n`` technologies, per category (``ft_n_geen`` counts geen_beleidsfocus with its two
    sub-cases), per source (``ft_n_<source>``, 0 for a source without data), ``ft_n_transition``
    technologies with a known transition input and ``ft_n_decided_known`` decided technologies.
    """
    require_columns(classified, ("source", "category", "transition"), "classified technologies")
    counts = classified["category"].value_counts()
    by_source = classified["source"].value_counts()
    out = dict(
        ft_n=len(classified),
        ft_n_sterkte=int(counts.get("uitgesproken_sterkte", 0)), ft_n_hiaat=int(counts.get("hiaat_ecosysteem", 0)),
        ft_n_moonshot=int(counts.get("moonshot", 0)),
        ft_n_geen=int(counts.get("geen_beleidsfocus", 0) + counts.get("internationalisering", 0) + counts.get("partnerschappen", 0)),
        ft_n_niet=int(counts.get("niet_beslist", 0)),
        ft_n_transition=int(classified["transition"].map(lambda v: v is not None and v == v).sum()),
    )
    for s in sources:
        out[f"ft_n_{s}"] = int(by_source.get(s, 0))
    return out

