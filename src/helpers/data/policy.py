"""Cited policy data: technologies, strategies, priorities, crosswalk, budgets and figures.

The files live in ``data/`` (``technologies.csv``, ``technology_categories.csv``) and
``data/policy/`` (``sources.csv``, ``strategies.csv``, ``priorities.csv``, ``crosswalk.csv``,
``budgets.csv``, ``figures.csv``); ``data/README.md`` documents every column. Each row carries a
citation whose first field is a ``source_id`` of ``sources.csv``.

Loaders read a file with pandas (every column as text, nothing guessed), check it and return a
DataFrame; a problem raises :class:`helpers.errors.InputError` with one line that names the file,
the line or column and the fix. :func:`load_policy_data` loads everything and checks the references
between files. What the book's "other countries" chapter computes from these tables (priority
counts, convergence, budget totals, unmapped items) lives in :mod:`helpers.chapters.countries`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.data import PROJECT_DATA
from helpers.errors import InputError


def _domains() -> dict[str, tuple[str, str]]:
    """The nine sector domains of the seed's Tabel 1 from ``data/domains.csv`` (the one list of domain ids)."""
    table = pd.read_csv(PROJECT_DATA / "domains.csv", dtype=str).sort_values("order", key=lambda c: c.astype(int))
    return {row.domain_id: (row.domain_nl, row.domain_en) for row in table.itertuples()}


#: domain_id -> (Dutch, English label), in the table's order.
DOMAINS: dict[str, tuple[str, str]] = _domains()
DOMAIN_IDS: tuple[str, ...] = tuple(DOMAINS)

SOURCE_TYPES = ("seed", "external", "project")
MAPPING_BASES = ("seed", "judgement")
TOTAL_CHECKS = ("exact", "parts_incomplete", "parts_not_in_seed", "mismatch")
_ID = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_COUNTRY = re.compile(r"^(?:[A-Z]{3}|EU|[A-Z]{2}-[A-Z]{2,3})$")


def default_data_dir() -> Path:
    """``data/`` of this repository (the package is installed editable from ``src/``)."""
    return PROJECT_DATA


# ----------------------------------------------------------------------------- file specs
@dataclass(frozen=True)
class FileSpec:
    """What a file must hold: required columns, key column, numeric and boolean columns."""

    name: str
    relpath: str
    required: tuple[str, ...]
    key: str | tuple[str, ...]
    numeric: tuple[str, ...] = ()
    nonnegative: tuple[str, ...] = ()
    integer: tuple[str, ...] = ()
    boolean: tuple[str, ...] = ()
    nonempty: tuple[str, ...] = ("citation",)
    ids: tuple[str, ...] = ()  # columns whose non-empty values must be snake_case


SPECS: dict[str, FileSpec] = {
    "categories": FileSpec(
        "categories", "technology_categories.csv",
        ("category_id", "label_nl", "label_en", "category_basis", "citation"),
        "category_id", nonempty=("category_id", "label_nl", "label_en", "citation"), ids=("category_id",),
    ),
    "technologies": FileSpec(
        "technologies", "technologies.csv",
        ("tech_id", "label_en", "label_nl", "category_id", "category_basis", "citation"),
        "tech_id", integer=("annex_order",),
        nonempty=("tech_id", "label_en", "label_nl", "category_id", "category_basis", "citation"), ids=("tech_id", "category_id"),
    ),
    "sources": FileSpec(
        "sources", "policy/sources.csv",
        ("source_id", "title", "publisher", "year", "source_type", "location"),
        "source_id", integer=("year",), nonempty=("source_id", "title", "source_type", "location"),
    ),
    "strategies": FileSpec(
        "strategies", "policy/strategies.csv",
        ("strategy_id", "country", "name", "year", "kind", "citation"),
        "strategy_id", integer=("year",), nonempty=("strategy_id", "country", "name", "kind", "citation"), ids=("strategy_id",),
    ),
    "priorities": FileSpec(
        "priorities", "policy/priorities.csv",
        ("strategy_id", "item_id", "item_label", "item_label_en", "citation", "source_type", "quote"),
        "item_id", nonempty=("strategy_id", "item_id", "item_label", "item_label_en", "source_type", "citation"),
        ids=("item_id", "strategy_id"),
    ),
    "crosswalk": FileSpec(
        "crosswalk", "policy/crosswalk.csv",
        ("item_id", "tech_id", "domain_id", "mapping_basis", "note"),
        ("item_id", "tech_id", "domain_id"), nonempty=("item_id", "mapping_basis"), ids=("item_id", "tech_id", "domain_id"),
    ),
    "budgets": FileSpec(
        "budgets", "policy/budgets.csv",
        ("budget_id", "programme", "strategy_id", "year", "period_start", "period_end", "amount", "unit", "kind",
         "is_total", "total_id", "citation", "quote"),
        "budget_id", numeric=("amount", "n_years"), nonnegative=("amount", "n_years"),
        integer=("year", "period_start", "period_end"), boolean=("is_total",),
        nonempty=("budget_id", "programme", "strategy_id", "amount", "unit", "kind", "citation", "quote"),
        ids=("budget_id", "strategy_id", "total_id"),
    ),
    "figures": FileSpec(
        "figures", "policy/figures.csv",
        ("fact_id", "strategy_id", "metric", "value", "unit", "citation", "quote"),
        "fact_id", numeric=("value",), integer=("year",),
        nonempty=("fact_id", "strategy_id", "metric", "value", "unit", "citation", "quote"), ids=("fact_id", "strategy_id"),
    ),
}


# ----------------------------------------------------------------------------- low-level helpers
def _where(path: Path | str, df: pd.DataFrame, i: int, key: str | tuple[str, ...]) -> str:
    keys = (key,) if isinstance(key, str) else key
    ident = ", ".join(f"{k}={df.at[i, k]!r}" for k in keys if k in df.columns and df.at[i, k] != "")
    return f"{path}: line {int(i) + 2}" + (f" ({ident})" if ident else "")


_CHECKED: dict[tuple, pd.DataFrame] = {}  # checked tables of this process, by file version and spec


def read_csv(path: Path | str, spec: FileSpec) -> pd.DataFrame:
    """Read ``path`` as text (UTF-8, comma-separated, header row) and check it against ``spec``
    (once per file version and process: chapters read the same project data many times)."""
    path = Path(path)
    if path.is_file():
        stat = path.stat()
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, spec)  # FileSpec is frozen: hashable
        if key not in _CHECKED:
            if len(_CHECKED) > 128:
                _CHECKED.clear()
            _CHECKED[key] = _read_csv(path, spec)
        return _CHECKED[key].copy()
    return _read_csv(path, spec)


def _read_csv(path: Path, spec: FileSpec) -> pd.DataFrame:
    if not path.is_file():
        raise InputError(f"{path}: file not found; create it (see data/README.md, section '## {spec.relpath.split('/')[-1]}') or point the data folder at the right place")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "empty file"
        raise InputError(f"{path}: not a readable comma-separated file ({first}); fix the quoting or the number of fields") from None
    df.columns = [str(c).strip() for c in df.columns]
    return validate_frame(df, spec, path)


def validate_frame(df: pd.DataFrame, spec: FileSpec, path: Path | str | None = None) -> pd.DataFrame:
    """Check one table on its own (columns, empty cells, ids, keys, types); return a typed copy."""
    path = path if path is not None else spec.relpath
    missing = [c for c in spec.required if c not in df.columns]
    if missing:
        raise InputError(f"{path}: column '{missing[0]}' is missing; add it (required columns: {', '.join(spec.required)})")
    df = df.copy().reset_index(drop=True)
    for col in df.columns:
        df[col] = df[col].astype(str).str.strip()
    if df.empty:
        raise InputError(f"{path}: no data rows; add at least one row under the header")
    for col in spec.nonempty:
        bad = df.index[df[col] == ""]
        if len(bad):
            hint = "give the source id, section and page (e.g. 'VARIO2026, §4.6, pp. 66-68')" if col == "citation" else "fill it in"
            raise InputError(f"{_where(path, df, bad[0], spec.key)}: column '{col}' is empty; {hint}")
    for col in spec.ids:
        if col not in df.columns:
            continue
        bad = df.index[(df[col] != "") & ~df[col].str.match(_ID)]
        if len(bad):
            raise InputError(f"{_where(path, df, bad[0], spec.key)}: column '{col}' value {df.at[bad[0], col]!r} is not a snake_case id; use lower-case letters, digits and single underscores")
    keys = [spec.key] if isinstance(spec.key, str) else list(spec.key)
    dup = df.index[df.duplicated(subset=keys, keep="first")]
    if len(dup):
        raise InputError(f"{_where(path, df, dup[0], spec.key)}: duplicate key ({', '.join(keys)}); each key must occur once, remove or rename the row")
    for col in spec.numeric:
        if col not in df.columns:
            continue
        num = pd.to_numeric(df[col].str.replace(" ", "", regex=False), errors="coerce")
        bad = df.index[(df[col] != "") & num.isna()]
        if len(bad):
            raise InputError(f"{_where(path, df, bad[0], spec.key)}: column '{col}' value {df.at[bad[0], col]!r} is not a number; write it with a decimal point and no thousands separator")
        if col in spec.nonnegative:
            neg = df.index[num < 0]
            if len(neg):
                raise InputError(f"{_where(path, df, neg[0], spec.key)}: column '{col}' is negative ({df.at[neg[0], col]}); amounts are >= 0 (use kind 'decrease' for a cut)")
        df[col] = num
    for col in spec.integer:
        if col not in df.columns:
            continue
        num = pd.to_numeric(df[col], errors="coerce")
        bad = df.index[(df[col] != "") & (num.isna() | (num % 1 != 0))]
        if len(bad):
            raise InputError(f"{_where(path, df, bad[0], spec.key)}: column '{col}' value {df.at[bad[0], col]!r} is not a whole number (a year is written like 2025); fix it or leave it empty")
        df[col] = num.astype("Int64")
    for col in spec.boolean:
        low = df[col].str.lower()
        bad = df.index[~low.isin(["true", "false", ""])]
        if len(bad):
            raise InputError(f"{_where(path, df, bad[0], spec.key)}: column '{col}' value {df.at[bad[0], col]!r} is not true/false; write true or false")
        df[col] = low == "true"
    return df


def _check_values(df: pd.DataFrame, col: str, allowed: Iterable[str], spec: FileSpec, path: Path | str, what: str) -> None:
    allowed = tuple(allowed)
    if col not in df.columns:
        return
    bad = df.index[(df[col] != "") & ~df[col].isin(allowed)]
    if len(bad):
        shown = ", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + ", ..."
        raise InputError(f"{_where(path, df, bad[0], spec.key)}: column '{col}' value {df.at[bad[0], col]!r} is not a known {what}; use one of: {shown}")


# ----------------------------------------------------------------------------- loaders (one file each)
def _path(data_dir: Path | str | None, spec: FileSpec) -> Path:
    return Path(data_dir if data_dir is not None else default_data_dir()) / spec.relpath


def load_categories(data_dir: Path | str | None = None) -> pd.DataFrame:
    spec = SPECS["categories"]
    return read_csv(_path(data_dir, spec), spec)


def load_technologies(data_dir: Path | str | None = None, categories: pd.DataFrame | None = None) -> pd.DataFrame:
    """The technology taxonomy (default: the 38 of the seed's annex), checked against the categories."""
    spec = SPECS["technologies"]
    path = _path(data_dir, spec)
    df = read_csv(path, spec)
    _check_values(df, "category_basis", ("seed", "judgement"), spec, path, "category basis")
    if categories is None:
        categories = load_categories(data_dir)
    _check_values(df, "category_id", categories["category_id"].tolist(), spec, path, "category_id of technology_categories.csv")
    clash = sorted(set(df["tech_id"]) & set(DOMAIN_IDS))
    if clash:
        raise InputError(f"{path}: tech_id {clash[0]!r} is also a domain id; rename the technology so taxonomy ids stay unique")
    return df


def load_sources(data_dir: Path | str | None = None) -> pd.DataFrame:
    spec = SPECS["sources"]
    path = _path(data_dir, spec)
    df = read_csv(path, spec)
    _check_values(df, "source_type", SOURCE_TYPES, spec, path, "source type")
    return df


def load_strategies(data_dir: Path | str | None = None) -> pd.DataFrame:
    spec = SPECS["strategies"]
    path = _path(data_dir, spec)
    df = read_csv(path, spec)
    bad = df.index[~df["country"].str.match(_COUNTRY)]
    if len(bad):
        raise InputError(f"{_where(path, df, bad[0], spec.key)}: column 'country' value {df.at[bad[0], 'country']!r} is not a country code; use ISO3 (NLD), EU, or a region code like BE-VLG / DE-BY")
    if "source_type" in df.columns:
        _check_values(df, "source_type", SOURCE_TYPES, spec, path, "source type")
    return df


def load_priorities(data_dir: Path | str | None = None, strategies: pd.DataFrame | None = None) -> pd.DataFrame:
    spec = SPECS["priorities"]
    path = _path(data_dir, spec)
    df = read_csv(path, spec)
    _check_values(df, "source_type", ("seed", "external"), spec, path, "source type")
    bad = df.index[(df["source_type"] == "seed") & (df["quote"] == "")]
    if len(bad):
        raise InputError(f"{_where(path, df, bad[0], spec.key)}: column 'quote' is empty for a seed row; quote the seed's phrase that names the item")
    if strategies is not None:
        _check_values(df, "strategy_id", strategies["strategy_id"].tolist(), spec, path, "strategy_id of strategies.csv")
    return df


def load_crosswalk(data_dir: Path | str | None = None, priorities: pd.DataFrame | None = None,
                   technologies: pd.DataFrame | None = None) -> pd.DataFrame:
    spec = SPECS["crosswalk"]
    path = _path(data_dir, spec)
    df = read_csv(path, spec)
    return validate_crosswalk(df, priorities, technologies, path)


def validate_crosswalk(df: pd.DataFrame, priorities: pd.DataFrame | None = None, technologies: pd.DataFrame | None = None,
                       path: Path | str = "policy/crosswalk.csv") -> pd.DataFrame:
    spec = SPECS["crosswalk"]
    both_empty = df.index[(df["tech_id"] == "") & (df["domain_id"] == "")]
    if len(both_empty):
        raise InputError(f"{_where(path, df, both_empty[0], spec.key)}: both 'tech_id' and 'domain_id' are empty; map the item to a technology, a domain or both (or drop the row)")
    _check_values(df, "mapping_basis", MAPPING_BASES, spec, path, "mapping basis")
    _check_values(df, "domain_id", DOMAIN_IDS, spec, path, "domain_id (the nine domains of Tabel 1)")
    if technologies is not None:
        _check_values(df, "tech_id", technologies["tech_id"].tolist(), spec, path, "tech_id of technologies.csv")
    if priorities is not None:
        _check_values(df, "item_id", priorities["item_id"].tolist(), spec, path, "item_id of priorities.csv")
    return df


def load_budgets(data_dir: Path | str | None = None, strategies: pd.DataFrame | None = None) -> pd.DataFrame:
    spec = SPECS["budgets"]
    path = _path(data_dir, spec)
    return validate_budgets(read_csv(path, spec), strategies, path)


def validate_budgets(df: pd.DataFrame, strategies: pd.DataFrame | None = None, path: Path | str = "policy/budgets.csv") -> pd.DataFrame:
    spec = SPECS["budgets"]
    if "n_years" not in df.columns:
        df["n_years"] = 1.0
    df["n_years"] = df["n_years"].fillna(1.0)
    if "total_check" not in df.columns:
        df["total_check"] = ""
    totals = df.loc[df["is_total"], "budget_id"].tolist()
    _check_values(df, "total_id", totals, spec, path, "budget_id of a row with is_total=true")
    bad = df.index[df["is_total"] & (df["total_id"] != "")]
    if len(bad):
        raise InputError(f"{_where(path, df, bad[0], spec.key)}: a total row (is_total=true) has a total_id; totals are not parts, leave total_id empty")
    _check_values(df.loc[df["is_total"]].assign(total_check=lambda d: d["total_check"].replace("", "<empty>")),
                  "total_check", TOTAL_CHECKS, spec, path, "total_check for a total row")
    units = df.set_index("budget_id")["unit"]
    for i in df.index[df["total_id"] != ""]:
        if df.at[i, "unit"] != units[df.at[i, "total_id"]]:
            raise InputError(f"{_where(path, df, i, spec.key)}: unit {df.at[i, 'unit']!r} differs from its total {df.at[i, 'total_id']!r} ({units[df.at[i, 'total_id']]!r}); use one unit per total")
    bad = df.index[(df["period_start"].notna()) & (df["period_end"].notna()) & (df["period_start"] > df["period_end"])]
    if len(bad):
        raise InputError(f"{_where(path, df, bad[0], spec.key)}: period_start is after period_end; swap them")
    if strategies is not None:
        _check_values(df, "strategy_id", strategies["strategy_id"].tolist(), spec, path, "strategy_id of strategies.csv")
    return df


def load_figures(data_dir: Path | str | None = None, strategies: pd.DataFrame | None = None) -> pd.DataFrame:
    spec = SPECS["figures"]
    path = _path(data_dir, spec)
    df = read_csv(path, spec)
    if strategies is not None:
        _check_values(df, "strategy_id", strategies["strategy_id"].tolist(), spec, path, "strategy_id of strategies.csv")
    return df


def check_citations(df: pd.DataFrame, sources: pd.DataFrame, spec: FileSpec, path: Path | str) -> None:
    """Every citation starts with a known source_id (the text before the first comma)."""
    known = set(sources["source_id"])
    src = df["citation"].str.split(",", n=1).str[0].str.strip()
    bad = df.index[~src.isin(known)]
    if len(bad):
        raise InputError(f"{_where(path, df, bad[0], spec.key)}: citation {df.at[bad[0], 'citation'][:60]!r} does not start with a source_id of sources.csv; start it with one (e.g. 'VARIO2026, §4.6, pp. 66-68') or add the source")


# ----------------------------------------------------------------------------- everything at once
@dataclass
class PolicyData:
    categories: pd.DataFrame
    technologies: pd.DataFrame
    sources: pd.DataFrame
    strategies: pd.DataFrame
    priorities: pd.DataFrame
    crosswalk: pd.DataFrame
    budgets: pd.DataFrame
    figures: pd.DataFrame


def load_policy_data(data_dir: Path | str | None = None) -> PolicyData:
    """Load and cross-check all files of the taxonomy and policy data."""
    categories = load_categories(data_dir)
    technologies = load_technologies(data_dir, categories)
    sources = load_sources(data_dir)
    strategies = load_strategies(data_dir)
    priorities = load_priorities(data_dir, strategies)
    crosswalk = load_crosswalk(data_dir, priorities, technologies)
    budgets = load_budgets(data_dir, strategies)
    figures = load_figures(data_dir, strategies)
    data = PolicyData(categories, technologies, sources, strategies, priorities, crosswalk, budgets, figures)
    for name in ("categories", "technologies", "strategies", "priorities", "budgets", "figures"):
        check_citations(getattr(data, name), sources, SPECS[name], _path(data_dir, SPECS[name]))
    return data
