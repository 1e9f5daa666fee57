"""The technology taxonomy's code lists: which classification codes define each technology, per data source.

Project data (``data/README.md`` documents every column):

- ``technology_codes.csv``: for each technology of ``technologies.csv`` and each source, the codes that define it:
  patents (``cpc``, ``ipc``), publications (``openalex_subfield``, ``openalex_topic``) and start-up investments
  (``crunchbase_industry``), with basis (``published`` / ``judgement``), citation and verification status;
- ``technology_coarse_map.csv``: each technology mapped onto the coarse classifications of the real data at hand
  (the 35 WIPO fields of the patent file, the 14 NCSES fields of the publication file, the 42 ``category_code``
  values of the 2013 Crunchbase export);
- ``wipo35_fields.csv``: the 35 WIPO technology fields with their IPC definition (WIPO IPC-technology concordance).

Code matching (:func:`match_codes`)
-----------------------------------
Patent codes are normalised to ``<subclass><main group>[/<subgroup>]`` without spaces or leading zeros:
``"G06N   3/08"``, ``"G06N 3/08"`` and the PATSTAT/REGPAT fixed format ``"G06N0003080000"`` all become
``"G06N3/08"``. A definition code is a class (``"F41"``), a subclass (``"G06N"``), a main group (``"H01M10"``)
or a group (``"G06N3/08"``). ``match = prefix`` means:

- class: every code of a subclass of that class (``F41`` matches ``F41A``, ``F41H5/04``);
- subclass: every code of that subclass;
- main group: every code of that main group, compared as numbers (``H01M10`` matches ``H01M10/052`` but not
  ``H01M100/00`` or ``H01M1/00``);
- group: every code of the same main group whose subgroup digits start with the definition's digits
  (``G06N3/08`` matches ``G06N3/08``, ``G06N3/084``, ``G06N3/0895``). This is the convention of the published
  lists (the OECD's ``G01N33/53*``). It follows the digits, not the scheme's dot hierarchy: a child whose number
  does not extend its parent's (e.g. ``G06N3/04`` under ``G06N3/02``) is not matched, so definitions list such
  groups explicitly.

``match = exact`` matches the same code only (for a main group: the main group itself, ``/00``). Publication and
investment codes always match exactly (OpenAlex subfield ids as 4 digits, ``https://openalex.org/subfields/1702``
is accepted; Crunchbase names compared case-insensitively after trimming).

Which definitions apply: ``scheme="cpc"`` applies every patent definition (IPC symbols are CPC symbols too);
``scheme="ipc"`` applies the ``ipc`` definitions and the ``cpc`` definitions that can occur in IPC data (not the
Y section, not CPC indexing main groups numbered 2000 and above).

Errors in the project files raise :class:`helpers.errors.InputError` with one line naming the file, the line and
the fix (the loaders reuse :func:`helpers.data.policy.read_csv`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.errors import InputError
from helpers.data.policy import FileSpec, default_data_dir, load_categories, load_technologies, read_csv

SOURCES: dict[str, tuple[str, ...]] = {
    "patents": ("cpc", "ipc"),
    "publications": ("openalex_subfield", "openalex_topic"),
    "investments": ("crunchbase_industry",),
}
SCHEMES: tuple[str, ...] = tuple(s for schemes in SOURCES.values() for s in schemes)
PATENT_SCHEMES = SOURCES["patents"]
COARSE_SCHEMES = ("wipo35", "ncses_fields", "crunchbase_2013_category")
MATCHES = ("prefix", "exact")
BASES = ("published", "judgement")
VERIFICATIONS = ("verified", "unverified")
STRENGTHS = ("primary", "secondary")
SECTORS = ("Electrical engineering", "Instruments", "Chemistry", "Mechanical engineering", "Other fields")

#: A normalised patent code: class, subclass, main group or group (``F41``, ``G06N``, ``H01M10``, ``G06N3/08``).
PATENT_CODE = re.compile(r"^[A-HY]\d{2}(?:[A-Z](?:[1-9]\d{0,3}(?:/\d{2,6})?)?)?$")
SUBFIELD = re.compile(r"^(1[1-9]|2\d|3[0-6])\d{2}$")  # ASJC: fields 11..36, subfield = field * 100 + n
_LOOSE = re.compile(r"^\s*([A-HY])\s*(\d{2})\s*(?:([A-Z])\s*(?:(\d{1,4})\s*(?:/\s*(\d{1,6}))?)?)?\s*$")
_FIXED = re.compile(r"^([A-HY]\d{2}[A-Z])(\d{4})(\d{6})$")
_SUBFIELD_URL = re.compile(r"^(?:https?://openalex\.org/)?(?:subfields/)?(\d{4})$")

SPECS: dict[str, FileSpec] = {
    "codes": FileSpec(
        "codes", "technology_codes.csv",
        ("tech_id", "source", "scheme", "code", "label", "match", "basis", "citation", "verification", "note"),
        ("tech_id", "source", "scheme", "code"),
        nonempty=("tech_id", "source", "scheme", "code", "label", "match", "basis", "citation", "verification"), ids=("tech_id",),
    ),
    "coarse": FileSpec(
        "coarse", "technology_coarse_map.csv",
        ("tech_id", "scheme", "code", "strength", "basis", "citation", "note"),
        ("tech_id", "scheme", "code"),
        nonempty=("tech_id", "scheme", "code", "strength", "basis", "citation"), ids=("tech_id",),
    ),
    "wipo35": FileSpec(
        "wipo35", "wipo35_fields.csv",
        ("field_id", "label", "sector", "ipc_definition", "citation"),
        "field_id", integer=("field_id",),
        nonempty=("field_id", "label", "sector", "ipc_definition", "citation"),
    ),
}


# ----------------------------------------------------------------------------- code normalisation
def normalise_patent_code(code: str) -> str | None:
    """One CPC/IPC symbol in the normalised form of the taxonomy, or None if it is not a patent code."""
    text = str(code).strip().upper()
    fixed = _FIXED.match(text.replace(" ", ""))
    if fixed:
        sub, main, grp = fixed.groups()
        grp = grp.rstrip("0")
        return f"{sub}{int(main)}/{grp.ljust(2, '0')}"
    m = _LOOSE.match(text)
    if not m:
        return None
    section, cls, letter, main, grp = m.groups()
    out = section + cls
    if letter:
        out += letter
        if main:
            if int(main) == 0:
                return None
            out += str(int(main))
            if grp is not None:
                out += "/" + grp.ljust(2, "0")
    return out


def normalise_patent_codes(codes: pd.Series) -> pd.DataFrame:
    """Vectorised parse of patent codes into ``norm``, ``subclass``, ``main`` (float, NaN if absent), ``group`` (str)."""
    s = codes.astype("string").str.upper().str.strip()
    squeezed = s.str.replace(r"\s+", "", regex=True)
    fixed = squeezed.str.extract(_FIXED)
    loose = s.str.extract(_LOOSE)
    is_fixed = fixed[0].notna()
    subclass = (loose[0] + loose[1] + loose[2]).where(loose[2].notna())
    subclass = subclass.where(~is_fixed, fixed[0])
    main = pd.to_numeric(loose[3], errors="coerce").where(~is_fixed, pd.to_numeric(fixed[1], errors="coerce"))
    main = main.where(main > 0)
    group = loose[4].where(~is_fixed, fixed[2].str.rstrip("0"))
    group = group.where(group.isna(), group.str.pad(2, side="right", fillchar="0"))
    cls = (loose[0] + loose[1]).where(loose[0].notna())
    cls = cls.where(~is_fixed, fixed[0].str[:3])
    norm = subclass.where(main.isna(), subclass + main.astype("Int64").astype("string"))
    norm = norm.where(group.isna(), norm + "/" + group)
    norm = norm.where(subclass.notna(), cls)
    return pd.DataFrame({"norm": norm, "cls": cls, "subclass": subclass, "main": main, "group": group}, index=codes.index)


def normalise_subfield(code: str) -> str | None:
    m = _SUBFIELD_URL.match(str(code).strip())
    return m.group(1) if m else None


def code_is_well_formed(code: str, scheme: str) -> bool:
    """True if ``code`` is written as the taxonomy files require for ``scheme``."""
    if scheme in PATENT_SCHEMES:
        return bool(PATENT_CODE.match(code))
    if scheme == "openalex_subfield":
        return bool(SUBFIELD.match(code))
    return bool(code.strip()) and code == code.strip()


def ipc_compatible(code: str) -> bool:
    """Can a (normalised) CPC definition code occur in IPC data? Not for the Y section or indexing groups >= 2000."""
    if code.startswith("Y"):
        return False
    m = re.match(r"^[A-H]\d{2}[A-Z](\d+)", code)
    return not (m and int(m.group(1)) >= 2000)


# ----------------------------------------------------------------------------- loaders
def _path(data_dir: Path | str | None, spec: FileSpec) -> Path:
    return Path(data_dir if data_dir is not None else default_data_dir()) / spec.relpath


def _where(path: Path | str, df: pd.DataFrame, i: int, key: Iterable[str]) -> str:
    ident = ", ".join(f"{k}={df.at[i, k]!r}" for k in key if k in df.columns and df.at[i, k] != "")
    return f"{path}: line {int(i) + 2}" + (f" ({ident})" if ident else "")


def _check_values(df: pd.DataFrame, col: str, allowed: Iterable[str], path: Path | str, key: Iterable[str], what: str) -> None:
    allowed = tuple(allowed)
    bad = df.index[~df[col].isin(allowed)]
    if len(bad):
        shown = ", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + ", ..."
        raise InputError(f"{_where(path, df, bad[0], key)}: column '{col}' value {df.at[bad[0], col]!r} is not a known {what}; use one of: {shown}")


def load_wipo35(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The 35 WIPO technology fields (``field_id`` 1..35, ``label``, ``sector``, ``ipc_definition``, ``citation``)."""
    spec = SPECS["wipo35"]
    path = _path(data_dir, spec)
    df = read_csv(path, spec)
    key = ("field_id", "label")
    _check_values(df, "sector", SECTORS, path, key, "WIPO sector")
    ids = df["field_id"].astype(int)
    if sorted(ids) != list(range(1, 36)):
        missing = sorted(set(range(1, 36)) - set(ids))
        raise InputError(f"{path}: field_id must be 1..35 once each (missing: {missing[:5]}); the WIPO concordance has 35 fields")
    dup = df.index[df["label"].duplicated()]
    if len(dup):
        raise InputError(f"{_where(path, df, dup[0], key)}: label is used twice; each WIPO field has its own label")
    for i in df.index:
        for code in _split_codes(df.at[i, "ipc_definition"]):
            if not PATENT_CODE.match(code):
                raise InputError(f"{_where(path, df, i, key)}: ipc_definition code {code!r} is not a normalised IPC code (e.g. 'A61K', 'G01N33'); separate codes with '; '")
    conc = wipo_concordance(df)
    dup = conc.index[conc["code"].duplicated()]
    if len(dup):
        raise InputError(f"{path}: IPC code {conc.at[dup[0], 'code']!r} is assigned to two fields; a code belongs to one WIPO field")
    df["field_id"] = ids
    return df


def _split_codes(text: str) -> list[str]:
    return [c.strip() for c in str(text).split(";") if c.strip()]


def wipo_concordance(wipo35: pd.DataFrame | None = None, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Long table of the concordance: one row per IPC code (subclass or main group) with ``field_id`` and ``label``."""
    if wipo35 is None:
        wipo35 = load_wipo35(data_dir)
    rows = [(code, int(r.field_id), r.label) for r in wipo35.itertuples() for code in _split_codes(r.ipc_definition)]
    return pd.DataFrame(rows, columns=["code", "field_id", "label"])


def load_codes(data_dir: Path | str | None = None, technologies: pd.DataFrame | None = None) -> pd.DataFrame:
    """``technology_codes.csv``, checked: known tech ids, sources and schemes, well-formed codes, allowed values."""
    spec = SPECS["codes"]
    path = _path(data_dir, spec)
    df = read_csv(path, spec)
    return validate_codes(df, technologies if technologies is not None else _technologies(data_dir), path)


def validate_codes(df: pd.DataFrame, technologies: pd.DataFrame, path: Path | str = "technology_codes.csv") -> pd.DataFrame:
    key = SPECS["codes"].key
    _check_values(df, "tech_id", technologies["tech_id"].tolist(), path, key, "tech_id of technologies.csv")
    _check_values(df, "source", tuple(SOURCES), path, key, "source")
    _check_values(df, "scheme", SCHEMES, path, key, "scheme")
    _check_values(df, "match", MATCHES, path, key, "match rule")
    _check_values(df, "basis", BASES, path, key, "basis")
    _check_values(df, "verification", VERIFICATIONS, path, key, "verification status")
    for i in df.index:
        source, scheme, code = df.at[i, "source"], df.at[i, "scheme"], df.at[i, "code"]
        if scheme not in SOURCES[source]:
            raise InputError(f"{_where(path, df, i, key)}: scheme {scheme!r} does not belong to source {source!r}; use one of: {', '.join(SOURCES[source])}")
        if not code_is_well_formed(code, scheme):
            hint = {"cpc": "write CPC codes without spaces, e.g. 'G06N3/08', 'H01M10', 'G06N'",
                    "ipc": "write IPC codes without spaces, e.g. 'A61K39/395', 'C12N15', 'C12Q'",
                    "openalex_subfield": "write the 4-digit ASJC subfield id, e.g. '1702'"}.get(scheme, "remove leading or trailing spaces")
            raise InputError(f"{_where(path, df, i, key)}: code {code!r} is not a well-formed {scheme} code; {hint}")
        if scheme not in PATENT_SCHEMES and df.at[i, "match"] != "exact":
            raise InputError(f"{_where(path, df, i, key)}: match {df.at[i, 'match']!r} is not allowed for {scheme}; only patent codes use prefix matching, write 'exact'")
    return df


def load_coarse_map(data_dir: Path | str | None = None, technologies: pd.DataFrame | None = None,
                    wipo35: pd.DataFrame | None = None) -> pd.DataFrame:
    """``technology_coarse_map.csv``, checked (WIPO labels against ``wipo35_fields.csv``; NCSES and 2013 Crunchbase
    labels are checked against the real data files by the tests, not here)."""
    spec = SPECS["coarse"]
    path = _path(data_dir, spec)
    df = read_csv(path, spec)
    technologies = technologies if technologies is not None else _technologies(data_dir)
    wipo35 = wipo35 if wipo35 is not None else load_wipo35(data_dir)
    key = spec.key
    _check_values(df, "tech_id", technologies["tech_id"].tolist(), path, key, "tech_id of technologies.csv")
    _check_values(df, "scheme", COARSE_SCHEMES, path, key, "coarse scheme")
    _check_values(df, "strength", STRENGTHS, path, key, "strength")
    _check_values(df, "basis", BASES, path, key, "basis")
    wipo = df[df["scheme"] == "wipo35"]
    _check_values(wipo, "code", wipo35["label"].tolist(), path, key, "WIPO field label of wipo35_fields.csv")
    return df


def _technologies(data_dir: Path | str | None) -> pd.DataFrame:
    return load_technologies(data_dir, categories=load_categories(data_dir))


# ----------------------------------------------------------------------------- queries
def codes_for(tech_id: str, scheme: str, data_dir: Path | str | None = None, codes: pd.DataFrame | None = None) -> list[str]:
    """The codes of one technology in one scheme, in file order (empty list if the technology has none)."""
    if scheme not in SCHEMES:
        raise InputError(f"scheme {scheme!r} is not known; use one of: {', '.join(SCHEMES)}")
    codes = codes if codes is not None else load_codes(data_dir)
    if tech_id not in set(_technologies(data_dir)["tech_id"]) and tech_id not in set(codes["tech_id"]):
        raise InputError(f"tech_id {tech_id!r} is not in technologies.csv; use one of its tech_id values")
    return codes.loc[(codes["tech_id"] == tech_id) & (codes["scheme"] == scheme), "code"].tolist()


def definitions(scheme: str, codes: pd.DataFrame) -> pd.DataFrame:
    """The definition rows that apply to data coded in ``scheme`` (see the module docstring)."""
    if scheme == "cpc":
        return codes[codes["scheme"].isin(PATENT_SCHEMES)]
    if scheme == "ipc":
        patent = codes[codes["scheme"].isin(PATENT_SCHEMES)]
        return patent[(patent["scheme"] == "ipc") | patent["code"].map(ipc_compatible)]
    if scheme in SCHEMES:
        return codes[codes["scheme"] == scheme]
    raise InputError(f"scheme {scheme!r} is not known; use one of: {', '.join(SCHEMES)}")


def match_codes(codes: pd.Series, scheme: str, data_dir: Path | str | None = None,
                definitions_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Assign document codes to technologies.

    ``codes`` holds one code per element (a document with several codes has several elements, e.g. an exploded
    column); ``scheme`` is the classification of those codes. Returns one row per (element, technology) match with
    columns ``code`` (the input value) and ``tech_id``; the index repeats the input index, so the result joins back
    to the documents. Codes that match nothing are absent; unparseable codes never match. Vectorised: the distinct
    codes are parsed once and the loop runs over technology definitions, never over documents.
    ``definitions_table`` replaces ``technology_codes.csv`` (same columns), e.g. for another taxonomy.
    """
    if not isinstance(codes, pd.Series):
        codes = pd.Series(codes)
    table = definitions_table if definitions_table is not None else load_codes(data_dir)
    defs = definitions(scheme, table)
    empty = pd.DataFrame({"code": pd.Series(dtype="object"), "tech_id": pd.Series(dtype="object")})
    if codes.empty or defs.empty:
        return empty
    inverse, uniques = pd.factorize(codes)
    uniq = pd.Series(uniques, dtype="object")
    if scheme in PATENT_SCHEMES:
        pairs = _match_patent(uniq, defs)
    else:
        pairs = _match_exact(uniq, defs, scheme)
    if pairs.empty:
        return empty
    docs = pd.DataFrame({"_u": inverse, "_pos": np.arange(len(codes))})
    docs = docs[docs["_u"] >= 0]
    out = docs.merge(pairs, on="_u", how="inner").sort_values(["_pos", "tech_id"], kind="stable")
    pos = out["_pos"].to_numpy()
    return pd.DataFrame({"code": codes.to_numpy()[pos], "tech_id": out["tech_id"].to_numpy()}, index=codes.index[pos])


def _match_patent(uniq: pd.Series, defs: pd.DataFrame) -> pd.DataFrame:
    """(unique-code position, tech_id) pairs for patent definitions (prefix or exact, see the module docstring)."""
    parsed = normalise_patent_codes(uniq)
    sub_codes, sub_index = pd.factorize(parsed["subclass"])
    sub_lookup = {s: k for k, s in enumerate(sub_index)}
    cls_codes, cls_index = pd.factorize(parsed["cls"])
    cls_lookup = {s: k for k, s in enumerate(cls_index)}
    main = parsed["main"].to_numpy(dtype=float, na_value=np.nan)
    group = parsed["group"]
    no_group = group.isna().to_numpy() | (group == "00").fillna(False).to_numpy()
    no_sub = parsed["subclass"].isna().to_numpy()
    n = len(uniq)
    hits: list[np.ndarray] = []
    techs: list[np.ndarray] = []
    for d in defs.itertuples():
        norm = normalise_patent_code(d.code)
        if norm is None:
            continue
        cls, letter, dmain, dgroup = re.match(r"^([A-HY]\d{2})([A-Z])?(\d+)?(?:/(\d+))?$", norm).groups()
        if letter is None:
            k = cls_lookup.get(cls)
            if k is None:
                continue
            mask = cls_codes == k
            if d.match == "exact":
                mask &= no_sub
        else:
            k = sub_lookup.get(cls + letter)
            if k is None:
                continue
            mask = sub_codes == k
            if dmain is None:
                if d.match == "exact":
                    mask &= np.isnan(main)
            else:
                mask &= main == float(dmain)
                if dgroup is None:
                    if d.match == "exact":
                        mask &= no_group
                else:
                    idx = np.flatnonzero(mask)
                    sub_groups = group.iloc[idx]
                    ok = (sub_groups == dgroup) if d.match == "exact" else sub_groups.str.startswith(dgroup)
                    mask = np.zeros(n, dtype=bool)
                    mask[idx[ok.fillna(False).to_numpy(dtype=bool)]] = True
        hit = np.flatnonzero(mask)
        if len(hit):
            hits.append(hit)
            techs.append(np.full(len(hit), d.tech_id, dtype=object))
    return _pairs(hits, techs)


def _match_exact(uniq: pd.Series, defs: pd.DataFrame, scheme: str) -> pd.DataFrame:
    if scheme == "openalex_subfield":
        keys = uniq.map(lambda c: normalise_subfield(c) if pd.notna(c) else None)
        dkeys = defs["code"].map(normalise_subfield)
    else:
        keys = uniq.astype("string").str.strip().str.casefold()
        dkeys = defs["code"].str.strip().str.casefold()
    key_codes, key_index = pd.factorize(keys)
    lookup = {k: n for n, k in enumerate(key_index)}
    hits: list[np.ndarray] = []
    techs: list[np.ndarray] = []
    for dkey, tech in zip(dkeys, defs["tech_id"]):
        k = lookup.get(dkey)
        if k is None:
            continue
        hit = np.flatnonzero(key_codes == k)
        hits.append(hit)
        techs.append(np.full(len(hit), tech, dtype=object))
    return _pairs(hits, techs)


def _pairs(hits: list[np.ndarray], techs: list[np.ndarray]) -> pd.DataFrame:
    if not hits:
        return pd.DataFrame({"_u": pd.Series(dtype="int64"), "tech_id": pd.Series(dtype="object")})
    return pd.DataFrame({"_u": np.concatenate(hits), "tech_id": np.concatenate(techs)}).drop_duplicates()


def wipo_fields(codes: pd.Series, data_dir: Path | str | None = None, wipo35: pd.DataFrame | None = None) -> pd.DataFrame:
    """The WIPO field of each IPC code (concordance: main-group entries before subclass entries).

    Returns columns ``code``, ``field_id`` (Int64, <NA> if the code is not covered, e.g. subclasses created after
    the table's version) and ``wipo_field``, index as the input. A class-level code (``F41``) gets no field."""
    if not isinstance(codes, pd.Series):
        codes = pd.Series(codes)
    conc = wipo_concordance(wipo35, data_dir)
    parsed = normalise_patent_codes(codes)
    by_main = {c: f for c, f in zip(conc["code"], conc["field_id"]) if re.search(r"\d$", c[4:] or "")}
    by_sub = {c: f for c, f in zip(conc["code"], conc["field_id"]) if len(c) == 4}
    main_key = parsed["subclass"] + parsed["main"].astype("Int64").astype("string")
    field = main_key.map(by_main)
    field = field.where(field.notna(), parsed["subclass"].map(by_sub))
    field = pd.array(pd.to_numeric(field, errors="coerce"), dtype="Int64")
    labels = dict(zip(conc["field_id"], conc["label"]))
    out = pd.DataFrame({"code": codes.to_numpy(), "field_id": field}, index=codes.index)
    out["wipo_field"] = out["field_id"].map(labels)
    return out


def coarse_map(scheme: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """The coarse mapping of the technologies for one scheme (``wipo35``, ``ncses_fields``,
    ``crunchbase_2013_category``): columns ``tech_id``, ``code``, ``strength``, ``basis``, ``citation``, ``note``."""
    if scheme not in COARSE_SCHEMES:
        raise InputError(f"coarse scheme {scheme!r} is not known; use one of: {', '.join(COARSE_SCHEMES)}")
    df = load_coarse_map(data_dir)
    return df.loc[df["scheme"] == scheme, ["tech_id", "code", "strength", "basis", "citation", "note"]].reset_index(drop=True)
