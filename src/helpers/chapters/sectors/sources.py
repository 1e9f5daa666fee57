"""The finer sources of Tabel 1's patents and publications columns: NACE-coded patents and SCImago's Scopus areas.

Two routes per column, chosen by the edition (``sectors.patents_source``, ``sectors.publications_source``):

* patents ``nace`` (default): EPO PATSTAT 2019 applications by inventor country and NACE Rev. 2
  industry (canonical ``activity``, classification ``nace2_patstat``, fractional counts, one row per
  period: ``year`` .. ``year_last``). The IPC -> NACE concordance of Eurostat (Van Looy, Vereyen and
  Schmoch 2015) has already put every application in the industries that make its products, so a
  domain takes the NACE codes of the data that lie inside its own NACE definition
  (``data/mapping_nace2_patents_domain.csv``, checked against ``data/domains.csv`` and against the
  codes of the data: none is left out, none lies outside). ``wipo35``: the WIPO fields through the
  concordance of :mod:`~helpers.chapters.sectors.fields` (unchanged).
* publications ``scimago`` (default): SCImago documents by country and the 27 Scopus (ASJC) areas
  (classification ``scimago_asjc``), mapped to domains by ``data/mapping_asjc_domain.csv``; beside
  it the domain's relative citation impact (:func:`domain_citation_impact`). ``ncses``: the NCSES
  fields of :mod:`~helpers.chapters.sectors.fields` (unchanged).

The specialisation index is the one of :func:`~helpers.chapters.sectors.fields.activity_specialisation`:
the domain's share in the focus country's total (all NACE codes of the data; the sum of the 27
areas) over the same share in the reference, a group being the sum of its member countries in the
data (:data:`~helpers.chapters.sectors.regions.EU27_MEMBERS`); only the input changes.

The two mapping files are project data; their loaders are here (:func:`load_nace_patents_mapping`,
:func:`load_asjc_mapping`) and check them the way :mod:`helpers.data.domains` checks its files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from helpers.chapters.sectors.fields import activity_specialisation
from helpers.chapters.sectors.regions import reference_members
from helpers.chapters.sectors.values import VALUE_COLUMNS, check_domains, split_codes, window_years
from helpers.data import PROJECT_DATA
from helpers.errors import InputError
from helpers.methods.impact import relative_citation_impact
from helpers.methods.ratings import require_columns

#: The routes an edition can choose per column (``sectors.patents_source``, ``sectors.publications_source``).
PATENTS_SOURCES = ("nace", "wipo35")
PUBLICATIONS_SOURCES = ("scimago", "ncses")
#: canonical ``activity`` classification of each route
PATENTS_CLASSIFICATION = {"nace": "nace2_patstat", "wipo35": "wipo35"}
PUBLICATIONS_CLASSIFICATION = {"scimago": "scimago_asjc", "ncses": "ncses_fields"}
CITATIONS_CLASSIFICATION = "scimago_asjc_citations"
#: the ``source`` column of the value table for the finer routes (names of the sources, the same in both languages)
NACE_SOURCE = "EPO PATSTAT 2019, NACE Rev. 2"
SCIMAGO_SOURCE = "SCImago (Scopus), ASJC"

NACE_MAPPING_FILE = "mapping_nace2_patents_domain.csv"
ASJC_MAPPING_FILE = "mapping_asjc_domain.csv"
NACE_MAPPING_COLUMNS = ("domain_id", "nace2_patstat", "nace2_label", "basis", "rationale", "citation")
ASJC_MAPPING_COLUMNS = ("domain_id", "asjc_area", "area_name", "basis", "rationale", "citation")
#: ``definition``: the code lies inside the domain's NACE definition; ``no code``: no code of the data does (na)
NACE_BASES = ("definition", "no code")
ASJC_BASES = ("seed text", "judgement")

#: NACE Rev. 2 sections -> their divisions (two-digit codes), for section-level domain definitions such as ``J``.
NACE_SECTIONS: dict[str, tuple[int, int]] = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43), "G": (45, 47), "H": (49, 53),
    "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68), "M": (69, 75), "N": (77, 82), "O": (84, 84), "P": (85, 85),
    "Q": (86, 88), "R": (90, 93), "S": (94, 96), "T": (97, 98), "U": (99, 99),
}


# --------------------------------------------------------------------------------------------
# NACE codes of a domain
# --------------------------------------------------------------------------------------------


def _prefixes(group: str) -> list[str]:
    """The numeric prefixes of one NACE group of ``domains.csv``: ``C21`` -> [21], ``C10-C12`` -> [10, 11, 12],
    ``C24_C25`` -> [24, 25], ``J`` -> [58, ..., 63], ``C26.1`` -> [26.1]."""
    group = group.strip()
    parts = [p.strip() for p in group.replace("_", ";").split(";") if p.strip()]
    out: list[str] = []
    for part in parts:
        if "-" in part:
            lo, hi = (p.strip().lstrip("ABCDEFGHIJKLMNOPQRSTU") for p in part.split("-", 1))
            if not (lo.isdigit() and hi.isdigit()):
                raise InputError(f"domains.csv: NACE group {group!r}: a range must join two divisions (C10-C12)")
            out += [f"{d:02d}" for d in range(int(lo), int(hi) + 1)]
        elif part in NACE_SECTIONS:
            lo, hi = NACE_SECTIONS[part]
            out += [f"{d:02d}" for d in range(lo, hi + 1)]
        else:
            code = part.lstrip("ABCDEFGHIJKLMNOPQRSTU")
            if not code or not code.replace(".", "").isdigit():
                raise InputError(f"domains.csv: NACE group {group!r}: not a NACE section, division or range")
            out.append(code)
    return out


def nace_in_group(code: str, group: str) -> bool:
    """True when the NACE code of the patent data (``"26.1"``, ``"62"``) lies inside a domain's NACE
    group of ``domains.csv`` (``"C26"``, ``"J"``, ``"C10-C12"``, ``"C24_C25"``).

    >>> nace_in_group("26.11", "C26"), nace_in_group("62", "J"), nace_in_group("25.4", "C24_C25"), nace_in_group("27.1", "C26")
    (True, True, True, False)
    """
    code = str(code).strip()
    # a division (26) holds 26 and 26.x; a group (26.1) holds 26.1 and its classes (26.11, ...)
    return any(code == p or code.startswith(p if "." in p else p + ".")
               for group_part in split_codes(group) for p in _prefixes(group_part))


# --------------------------------------------------------------------------------------------
# the mapping files (project data)
# --------------------------------------------------------------------------------------------


def _read(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(f"{path}: file not found; restore it from the repository") from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(f"{path}: missing column '{missing[0]}' (expected columns: {', '.join(columns)}); add the column or rename yours")
    return df


def _check_rows(df: pd.DataFrame, source: str, code: str, bases: Iterable[str], empty_basis: str | None,
                domains: Iterable[str] | None) -> pd.DataFrame:
    empty = df["citation"].str.strip() == ""
    if empty.any():
        raise InputError(f"{source}, row {empty.idxmax()}: empty 'citation'; every row needs its source")
    bases = tuple(bases)
    bad = ~df["basis"].isin(bases)
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{source}, row {i}: column 'basis' has {df.at[i, 'basis']!r}; use one of {', '.join(bases)}")
    if domains is not None:
        known = set(domains)
        unknown = ~df["domain_id"].isin(known)
        if unknown.any():
            i = unknown.idxmax()
            raise InputError(f"{source}, row {i}: unknown domain_id {df.at[i, 'domain_id']!r}; use one of {', '.join(sorted(known))}")
        lacking = sorted(known - set(df["domain_id"]))
        if lacking:
            raise InputError(f"{source}: domain {lacking[0]!r} has no row; add its codes, or one row with an empty {code} and the reason")
    dup = df.duplicated(["domain_id", code])
    if dup.any():
        raise InputError(f"{source}, row {dup.idxmax()}: duplicate (domain_id, {code}); keep one row per pair")
    no_reason = (df[code].str.strip() == "") & (df["rationale"].str.strip() == "")
    if no_reason.any():
        raise InputError(f"{source}, row {no_reason.idxmax()}: empty {code} without a rationale; say why the domain has no code")
    if empty_basis is not None:
        incoherent = (df[code].str.strip() == "") != (df["basis"] == empty_basis)
        if incoherent.any():
            i = incoherent.idxmax()
            raise InputError(f"{source}, row {i}: {code} must be empty exactly when basis is {empty_basis!r} "
                             f"(found {code}={df.at[i, code]!r}, basis={df.at[i, 'basis']!r})")
    return df


def load_nace_patents_mapping(path: str | Path | None = None, *, domains: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read ``data/mapping_nace2_patents_domain.csv`` (domain -> NACE codes of the patent data) and check it.

    Checks: columns, a citation on every row, ``basis`` ``definition`` or ``no code`` (an empty code
    exactly for ``no code``), one row per (domain, code), every domain of ``domains`` present and
    no other, and every code inside its domain's NACE group (:func:`nace_in_group`).
    """
    path = Path(path) if path is not None else PROJECT_DATA / NACE_MAPPING_FILE
    df = _read(path, NACE_MAPPING_COLUMNS)
    _check_rows(df, str(path), "nace2_patstat", NACE_BASES, "no code", None if domains is None else domains["domain_id"])
    if domains is not None:
        groups = dict(zip(domains["domain_id"], domains["nace"]))
        for i, r in df[df["nace2_patstat"].str.strip() != ""].iterrows():
            if not nace_in_group(r["nace2_patstat"], groups[r["domain_id"]]):
                raise InputError(f"{path}, row {i}: NACE {r['nace2_patstat']} is not inside {r['domain_id']}'s NACE "
                                 f"{groups[r['domain_id']]} (data/domains.csv); remove the row or fix the code")
    return df


def load_asjc_mapping(path: str | Path | None = None, *, domains: Iterable[str] | None = None) -> pd.DataFrame:
    """Read ``data/mapping_asjc_domain.csv`` (domain -> Scopus ASJC areas, empty area = na with the rationale) and check it.

    Checks: columns, a citation on every row, ``basis`` ``seed text`` or ``judgement``, one row per
    (domain, area), every domain of ``domains`` present and no other, areas of four digits.
    """
    path = Path(path) if path is not None else PROJECT_DATA / ASJC_MAPPING_FILE
    df = _read(path, ASJC_MAPPING_COLUMNS)
    _check_rows(df, str(path), "asjc_area", ASJC_BASES, None, domains)
    bad = (df["asjc_area"].str.strip() != "") & ~df["asjc_area"].str.fullmatch(r"\d{4}")
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{path}, row {i}: asjc_area {df.at[i, 'asjc_area']!r}; use the four-digit area code (e.g. 1300)")
    return df


# --------------------------------------------------------------------------------------------
# domain -> codes of the data
# --------------------------------------------------------------------------------------------


def nace_patent_map(mapping: pd.DataFrame, domains: pd.DataFrame, codes: Iterable[str] | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """Domain -> NACE codes of the patent data (``technology``), and {domain_id: reason} for the domains without one.

    With ``codes`` (the NACE codes present in the data), a code of the data inside a domain's NACE
    group but absent from the mapping is an :class:`InputError` (the domain would silently lose
    part of its industry), and so is a ``no code`` row for a domain that does have codes in the data.
    """
    check_domains(domains)
    require_columns(mapping, ("domain_id", "nace2_patstat", "rationale"), "NACE patents mapping")
    rows, reasons = [], {}
    for _, dom in domains.iterrows():
        d = dom["domain_id"]
        sel = mapping[mapping["domain_id"] == d]
        mapped = [c.strip() for c in sel["nace2_patstat"] if c.strip()]
        if codes is not None:
            inside = sorted(c for c in set(codes) if nace_in_group(c, dom["nace"]))
            left_out = [c for c in inside if c not in mapped]
            if left_out:
                raise InputError(f"{NACE_MAPPING_FILE}: NACE {left_out[0]} of the patent data lies inside {d}'s NACE {dom['nace']} "
                                 "but has no row; add it (basis definition) so that the domain counts all its patents")
        rows += [{"domain_id": d, "technology": c, "link": "definition"} for c in mapped]
        if not mapped:
            why = "; ".join(r for r in sel["rationale"] if r.strip())
            reasons[d] = why or (f"domain not in {NACE_MAPPING_FILE}" if sel.empty else "no NACE code of the patent data lies in this domain")
    return pd.DataFrame(rows, columns=["domain_id", "technology", "link"]), reasons


def asjc_publication_map(mapping: pd.DataFrame, domains: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Domain -> Scopus ASJC areas (``technology``), and {domain_id: reason} for the domains without one."""
    check_domains(domains)
    require_columns(mapping, ("domain_id", "asjc_area", "basis", "rationale"), "ASJC mapping")
    rows, reasons = [], {}
    for d in domains["domain_id"]:
        sel = mapping[mapping["domain_id"] == d]
        areas = sel[sel["asjc_area"].str.strip() != ""]
        rows += [{"domain_id": d, "technology": a["asjc_area"], "link": a["basis"]} for _, a in areas.iterrows()]
        if areas.empty:
            reasons[d] = ("no Scopus area measures this domain: " + "; ".join(sel["rationale"])) if len(sel) else f"domain not in {ASJC_MAPPING_FILE}"
    return pd.DataFrame(rows, columns=["domain_id", "technology", "link"]), reasons


# --------------------------------------------------------------------------------------------
# the specialisation indices of the finer routes
# --------------------------------------------------------------------------------------------


def period_rows(activity: pd.DataFrame, window: Sequence[int], what: str) -> tuple[pd.DataFrame, list[tuple[int, int]]]:
    """The rows of the periods (``year`` .. ``year_last``) that lie inside ``window``, and those periods.

    A period partly outside the window does not count (its years cannot be split); a window with no
    whole period is an :class:`InputError` naming the periods of the data.
    """
    require_columns(activity, ("year", "year_last"), what)
    try:
        start, end = int(window[0]), int(window[1])
    except (TypeError, ValueError, IndexError):
        raise InputError(f"{what}: window must be [first year, last year], got {window!r}") from None
    first = activity["year"].astype("Int64")
    last = activity["year_last"].astype("Int64").fillna(first)
    periods = sorted({(int(a), int(b)) for a, b in zip(first.dropna(), last.dropna())})
    inside = [(a, b) for a, b in periods if start <= a and b <= end]
    if not inside:
        have = ", ".join(f"{a}-{b}" for a, b in periods) or "none"
        raise InputError(f"{what}: empty selection: no period lies within the window {start}-{end}; the data's periods are {have}: "
                         "set the window to one of them (windows.patents_ipc)")
    keep = ((first >= start) & (last <= end)).fillna(False)
    return activity[keep.to_numpy(dtype=bool)], inside


def nace_patents_specialisation(patents: pd.DataFrame, mapping: pd.DataFrame, domains: pd.DataFrame, focus: str, reference: str,
                                window: Sequence[int]) -> pd.DataFrame:
    """Patent specialisation per domain from the NACE-coded patents (classification ``nace2_patstat``).

    ``patents``: canonical ``activity`` rows (region, technology = NACE code, year, year_last, value),
    countries only. The periods inside ``window`` are summed; the total is the sum over every NACE
    code of the data. Columns :data:`VALUE_COLUMNS`; ``years`` is the span of the periods used.
    """
    rows, periods = period_rows(patents, window, "patents (NACE)")
    fmap, reasons = nace_patent_map(mapping, domains, codes=pd.unique(patents["technology"]))
    starts = [a for a, _ in periods]
    out = activity_specialisation(rows, fmap, domains, focus, reference, [min(starts), max(starts)], "patents", unmapped=reasons,
                                  what="patents", basis_label="NACE")
    out["years"] = f"{periods[0][0]}-{periods[-1][1]}"
    out["n_years"] = sum(b - a + 1 for a, b in periods)
    out["source"] = NACE_SOURCE
    return out[list(VALUE_COLUMNS)]


def scimago_specialisation(documents: pd.DataFrame, mapping: pd.DataFrame, domains: pd.DataFrame, focus: str, reference: str,
                           window: Sequence[int]) -> pd.DataFrame:
    """Publication specialisation per domain from SCImago's documents in the 27 Scopus areas (``scimago_asjc``).

    Sums over the window's years; the total is the sum over the 27 areas (a document in journals of
    two areas counts in both, in the numerator and the denominator alike). Columns :data:`VALUE_COLUMNS`.
    """
    fmap, reasons = asjc_publication_map(mapping, domains)
    out = activity_specialisation(documents, fmap, domains, focus, reference, window, "publications", unmapped=reasons,
                                  what="publications", basis_label="ASJC")
    out["source"] = SCIMAGO_SOURCE
    return out


#: columns of :func:`domain_citation_impact`
IMPACT_COLUMNS = ("domain_id", "areas", "years", "documents", "citations", "expected_citations", "impact", "reference_impact", "reason")


def domain_citation_impact(documents: pd.DataFrame, citations: pd.DataFrame, mapping: pd.DataFrame, domains: pd.DataFrame,
                           focus: str, reference: str, window: Sequence[int]) -> pd.DataFrame:
    """Relative citation impact of the focus country (and of the reference) in each domain's Scopus areas.

    :func:`helpers.methods.impact.relative_citation_impact` over every country of the data and the
    window's years (expected citations at the world rate of the same area and year), summed over the
    domain's areas: ``impact = sum C / sum expected`` (1 = world level). ``reference_impact``: the
    same for the reference, summing its member countries. A domain without an area, or without
    documents of the focus country, is ``NaN`` with the ``reason``.
    """
    check_domains(domains)
    years = window_years(documents, window, "publications (citations)")
    docs = documents[documents["year"].isin(years)]
    cits = citations[citations["year"].isin(years)]
    impact = relative_citation_impact(docs, cits)
    fmap, reasons = asjc_publication_map(mapping, domains)
    members = list(reference_members(reference))
    span = f"{years[0]}-{years[-1]}"
    rows = []
    for d in domains["domain_id"]:
        areas = fmap.loc[fmap["domain_id"] == d, "technology"].tolist()
        sel = impact[impact["technology"].isin(areas)]
        own = sel[sel["region"] == focus][["documents", "citations", "expected_citations"]].sum()
        ref = sel[sel["region"].isin(members)][["citations", "expected_citations"]].sum()
        reason = reasons.get(d, "")
        if not reason and own["expected_citations"] <= 0:
            reason = f"{focus} has no documents in these areas in {span}"
        ok = not reason
        counted = bool(areas)  # a domain without an area has no counts (NaN), not zero documents
        rows.append({"domain_id": d, "areas": "; ".join(areas), "years": span,
                     **{k: float(own[k]) if counted else float("nan") for k in ("documents", "citations", "expected_citations")},
                     "impact": float(own["citations"] / own["expected_citations"]) if ok else float("nan"),
                     "reference_impact": float(ref["citations"] / ref["expected_citations"]) if ok and ref["expected_citations"] > 0
                     else float("nan"), "reason": reason})
    return pd.DataFrame(rows, columns=list(IMPACT_COLUMNS))
