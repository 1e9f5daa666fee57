"""The nine domains of Tabel 1 and their cited tables: loaders of the project data in ``data/``.

The seed's Tabel 1 (VARIO 2026, section 3.2) rates nine domains on six indicators. The files that
describe those domains are project data, each row with its citation (``data/README.md`` documents
every column):

* ``domains.csv`` -- the nine domains, their labels and NACE groups (:func:`load_domains`);
* ``tabel1_published.csv`` -- the published ratings of Tabel 1 (:func:`load_published_ratings`);
* ``concordance_wipo35_nace.csv`` -- WIPO field -> NACE group, after Schmoch et al. 2003
  (:func:`load_concordance`);
* ``mapping_ncses_domain.csv`` -- domain -> NCSES field of science (:func:`load_ncses_mapping`);
* ``domain_transitions.csv`` -- domain -> contribution to the transition priorities
  (:func:`load_domain_transitions`).

Each loader reads every column as text, checks the file and returns a DataFrame; a problem raises
:class:`helpers.errors.InputError` with one line naming the file, the row or column and the fix.
Nothing here imports another layer of :mod:`helpers` (only :mod:`helpers.errors`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from helpers.data import PROJECT_DATA
from helpers.errors import InputError

DOMAINS_FILE = "domains.csv"
PUBLISHED_FILE = "tabel1_published.csv"
CONCORDANCE_FILE = "concordance_wipo35_nace.csv"
NCSES_MAPPING_FILE = "mapping_ncses_domain.csv"
TRANSITIONS_FILE = "domain_transitions.csv"

DOMAIN_COLUMNS = ("domain_id", "order", "domain_nl", "domain_en", "nace", "nace_label_en", "match", "note", "citation")
PUBLISHED_COLUMNS = ("domain_id", "domain_nl", "domain_en", "indicator_id", "indicator_nl", "indicator_en", "rating", "citation")
CONCORDANCE_COLUMNS = ("wipo_id", "wipo_field", "wipo_sector", "nace_group", "nace_rev2", "link", "schmoch2003_field",
                       "nace_rev11", "note", "citation")
#: How a WIPO field is linked to a NACE group in the concordance.
CONCORDANCE_LINKS = ("core", "partial", "none")
NCSES_MAPPING_COLUMNS = ("domain_id", "ncses_field", "basis", "rationale", "citation")
TRANSITION_COLUMNS = ("domain_id", "transition_id", "transition_nl", "transition_en", "contributes", "basis", "rationale", "citation")

#: The rating symbols of Tabel 1, strongest first (the same as :data:`helpers.methods.ratings.RATINGS`;
#: the data layer imports no methods, tests/test_ratings.py checks that both agree).
RATING_SYMBOLS: tuple[str, ...] = ("++", "+", "+/-", "-", "na")
#: Tabel 1's six indicators in the seed's column order (the keys of :data:`helpers.methods.ratings.INDICATORS`).
TABEL1_INDICATORS: tuple[str, ...] = ("value_added", "export", "rd_expenditure", "rd_personnel", "patents", "publications")

#: The Flemish Government's four transition priorities: id -> (Dutch, English) label.
TRANSITIONS: dict[str, tuple[str, str]] = {
    "digital": ("Digitale transitie", "Digital transition"),
    "climate_energy": ("Klimaat- en energietransitie", "Climate and energy transition"),
    "geopolitical": (
        "Geopolitieke transitie (incl. strategische autonomie en economische veiligheid)",
        "Geopolitical transition (incl. strategic autonomy and economic security)",
    ),
    "health": ("Gezondheidstransitie", "Health transition"),
}


# --------------------------------------------------------------------------------------------
# checks (one-line InputError messages naming file, column, row and what to do)
# --------------------------------------------------------------------------------------------


def _require_columns(df: pd.DataFrame, columns: Sequence[str], source: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(
            f"{source}: missing column '{missing[0]}' (expected columns: {', '.join(columns)}; found: "
            f"{', '.join(map(str, df.columns))}); add the column or rename yours"
        )


def _read(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    """Every column of ``path`` as text (nothing guessed), with the required ``columns``."""
    source = str(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(f"{source}: file not found; restore it from the repository") from None
    _require_columns(df, columns, source)
    return df


def _require_citations(df: pd.DataFrame, source: str) -> None:
    empty = df["citation"].str.strip() == ""
    if empty.any():
        raise InputError(f"{source}, row {empty.idxmax()}: empty 'citation'; every row needs its source")


def _require_values(df: pd.DataFrame, column: str, allowed: Iterable[str], source: str) -> None:
    allowed = set(allowed)
    bad = ~df[column].isin(allowed)
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{source}, row {i}: column '{column}' has {df.at[i, column]!r}; use one of {', '.join(sorted(allowed))}")


def _known_domains(df: pd.DataFrame, domains: Iterable[str] | None, source: str, fix: str) -> None:
    if domains is None:
        return
    known = set(domains)
    bad = ~df["domain_id"].isin(known)
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{source}, row {i}: unknown domain_id {df.at[i, 'domain_id']!r}; {fix.format(known=', '.join(sorted(known)))}")


# --------------------------------------------------------------------------------------------
# the loaders
# --------------------------------------------------------------------------------------------


def load_domains(path: str | Path | None = None) -> pd.DataFrame:
    """Read ``data/domains.csv`` (the nine domains, labels, NACE groups) and check its columns.

    Sorted by the ``order`` column (an integer), the order of the seed's Tabel 1.
    """
    path = Path(path) if path is not None else PROJECT_DATA / DOMAINS_FILE
    source = str(path)
    df = _read(path, DOMAIN_COLUMNS)
    dup = df["domain_id"].duplicated()
    if dup.any():
        raise InputError(f"{source}, row {dup.idxmax()}: duplicate domain_id {df.at[dup.idxmax(), 'domain_id']!r}")
    df["order"] = pd.to_numeric(df["order"], errors="raise").astype(int)
    return df.sort_values("order").reset_index(drop=True)


def load_published_ratings(path: str | Path | None = None) -> pd.DataFrame:
    """Read the seed's published Tabel 1 (``data/tabel1_published.csv``) and check it.

    Checks: the columns of :data:`PUBLISHED_COLUMNS`, every rating in :data:`RATING_SYMBOLS`, every
    indicator in :data:`TABEL1_INDICATORS`, one row per (domain, indicator), a citation on every row.
    """
    path = Path(path) if path is not None else PROJECT_DATA / PUBLISHED_FILE
    source = str(path)
    df = _read(path, PUBLISHED_COLUMNS)
    for i, sym in df["rating"].items():
        if sym.strip() not in RATING_SYMBOLS:
            raise InputError(f"{source}, row {i}: unknown rating symbol {sym.strip()!r} in column 'rating'; "
                             f"use one of {' '.join(RATING_SYMBOLS)}")
    bad = ~df["indicator_id"].isin(TABEL1_INDICATORS)
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{source}, row {i}: unknown indicator_id {df.at[i, 'indicator_id']!r}; "
                         f"use one of {', '.join(sorted(TABEL1_INDICATORS))}")
    dup = df.duplicated(["domain_id", "indicator_id"], keep="first")
    if dup.any():
        i = dup.idxmax()
        raise InputError(f"{source}, row {i}: duplicate cell domain_id={df.at[i, 'domain_id']!r}, "
                         f"indicator_id={df.at[i, 'indicator_id']!r}; keep one row per domain and indicator")
    _require_citations(df, source)
    return df


def load_concordance(path: str | Path | None = None) -> pd.DataFrame:
    """Read ``data/concordance_wipo35_nace.csv`` (WIPO field -> NACE group) and check it.

    Checks: columns, 35 distinct fields W01-W35, ``link`` in core/partial/none, a NACE group exactly
    where the link is not ``none``, a citation on every row.
    """
    path = Path(path) if path is not None else PROJECT_DATA / CONCORDANCE_FILE
    source = str(path)
    df = _read(path, CONCORDANCE_COLUMNS)
    _require_citations(df, source)
    bad = ~df["link"].isin(CONCORDANCE_LINKS)
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{source}, row {i}: column 'link' has {df.at[i, 'link']!r}; use one of {', '.join(CONCORDANCE_LINKS)}")
    dup = df["wipo_id"].duplicated()
    if dup.any():
        raise InputError(f"{source}, row {dup.idxmax()}: duplicate wipo_id {df.at[dup.idxmax(), 'wipo_id']!r}; one row per WIPO field")
    expected = {f"W{i:02d}" for i in range(1, 36)}
    if set(df["wipo_id"]) != expected:
        odd = sorted(set(df["wipo_id"]) ^ expected)[0]
        raise InputError(f"{source}: wipo_id {odd!r} is missing or unknown; the file needs one row for each of W01-W35")
    incoherent = (df["link"] == "none") != (df["nace_group"].str.strip() == "")
    if incoherent.any():
        i = incoherent.idxmax()
        raise InputError(f"{source}, row {i}: 'nace_group' must be empty exactly when link is 'none' "
                         f"(found link={df.at[i, 'link']!r}, nace_group={df.at[i, 'nace_group']!r})")
    return df


def load_ncses_mapping(path: str | Path | None = None, *, domains: Iterable[str] | None = None) -> pd.DataFrame:
    """Read ``data/mapping_ncses_domain.csv`` (domain -> NCSES field, empty field = na with the rationale).

    Checks: columns, a citation on every row, ``basis`` 'seed text' or 'judgement', every domain id
    in ``domains`` (when given), one row per (domain, field).
    """
    path = Path(path) if path is not None else PROJECT_DATA / NCSES_MAPPING_FILE
    source = str(path)
    df = _read(path, NCSES_MAPPING_COLUMNS)
    _require_citations(df, source)
    bad = ~df["basis"].isin(("seed text", "judgement"))
    if bad.any():
        i = bad.idxmax()
        raise InputError(f"{source}, row {i}: column 'basis' has {df.at[i, 'basis']!r}; use 'seed text' or 'judgement'")
    _known_domains(df, domains, source, "use one of {known}")
    dup = df.duplicated(["domain_id", "ncses_field"])
    if dup.any():
        raise InputError(f"{source}, row {dup.idxmax()}: duplicate (domain_id, ncses_field)")
    return df


def load_domain_transitions(path: str | Path | None = None, *, domains: Iterable[str] | None = None) -> pd.DataFrame:
    """Read ``data/domain_transitions.csv`` and check it (columns, yes/no, basis, citation, ids).

    ``contributes`` is yes or no, ``basis`` 'seed text' or 'judgement', ``transition_id`` a key of
    :data:`TRANSITIONS`; every domain id in ``domains`` (when given); one row per (domain, transition).
    """
    path = Path(path) if path is not None else PROJECT_DATA / TRANSITIONS_FILE
    source = str(path)
    df = _read(path, TRANSITION_COLUMNS)
    _require_values(df, "contributes", {"yes", "no"}, source)
    _require_values(df, "basis", {"seed text", "judgement"}, source)
    _require_values(df, "transition_id", set(TRANSITIONS), source)
    _known_domains(df, domains, source, "add it to data/domains.csv or fix the id")
    dup = df.duplicated(["domain_id", "transition_id"])
    if dup.any():
        raise InputError(f"{source}, row {dup.idxmax()}: duplicate (domain_id, transition_id); keep one row per pair")
    _require_citations(df, source)
    return df
