"""OpenAlex works (publications) with topics and institution countries, through ``pyalex``.

OpenAlex (openalex.org, data CC0) serves works as JSON pages::

    GET https://api.openalex.org/works?filter=...&select=id,publication_year,authorships,topics&per-page=200&cursor=*
    {"meta": {"count": N, "next_cursor": "...", "per_page": 200, ...},
     "results": [{"id": "https://openalex.org/W...", "publication_year": 2020,
                  "authorships": [{"countries": ["BE"], "institutions": [{"country_code": "BE", ...}], ...}, ...],
                  "topics": [{"id": "https://openalex.org/T10001", "display_name": "...", "score": 0.99,
                              "subfield": {"id": "https://openalex.org/subfields/1702", "display_name": "..."},
                              "field": {"id": "...", "display_name": "..."}, "domain": {...}}, ...]}, ...]}

The query is built with ``pyalex.Works().filter(...).select(...)``; pages are fetched with pyalex's
session (retries, the polite-pool e-mail header), cursor-paged, and every page is cached on disk as
the raw JSON the API returned, under a key derived from the query (filters, fields, page size, cursor).
A second run, or ``offline=True``, reads the cache and makes no request; a page missing offline is an
error. ``query.json`` in the cache folder records the query, so that ``helpers data build`` can rebuild
from ``<raw>/openalex/`` offline.

Counting: a work's region weights are fractional by author (each authorship 1/n, split equally over
the author's countries; an author without a country counts for ``UNK``), countries as ISO alpha-3.
Each of the work's topics counts the full region weight (whole counting over topics, as for patent
classes). Output: activity with source ``publications`` and classifications ``openalex_topic``
(technology = topic id such as ``T10001``) and ``openalex_subfield`` (subfield id such as ``1702``);
documents with one row per work, region and topic/subfield.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.adapters import AdapterResult, InputFile, Progress, _quiet, flags_frame, technologies_frame
from helpers.errors import InputError
from helpers.data.regions import UNKNOWN, iso2_to_iso3

NAME = "openalex"
ALIASES = ("openalex_publications",)
FILES = ("openalex/query.json + openalex/cache/page-*.json",)
SELECT = ["id", "publication_year", "authorships", "topics"]
SOURCE = "OpenAlex (openalex.org), works with topics and institution countries; data CC0."
DOWNLOAD = (
    "The OpenAlex API (api.openalex.org/works), queried with the pyalex client: `helpers data openalex --filter "
    "institutions.country_code=BE --filter publication_year=2020-2022 --cache <raw>/openalex/cache --out DIR`; "
    "bulk snapshots are at docs.openalex.org (download-all-data)."
)
CLASS_TOPIC = "openalex_topic"
CLASS_SUBFIELD = "openalex_subfield"


def _short(oid: Any) -> str:
    return str(oid).rstrip("/").rsplit("/", 1)[-1]


# A cached page or query.json is JSON the API (or a person) wrote: any key may be missing, null or of
# another type. Each value is checked before it is used, so that a damaged file stops with its name and
# the key (never a TypeError from deep inside), and an empty id never reaches the canonical tables.
DAMAGED = "the page is damaged: delete it to fetch it again"


def _read_text(path: Path, fix: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); {fix}") from None


def _kind(value: Any) -> str:
    return "null" if value is None else f"{type(value).__name__} {json.dumps(value)[:40]}"


def _items(value: Any, where: str, key: str) -> list:
    """The list under ``key`` (missing or null: empty); another type stops with the file and the key."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"{where}: key {key!r} is {_kind(value)}, not a list; {DAMAGED}")
    return value


def _object(value: Any, where: str, key: str, *, optional: bool = True) -> dict:
    """The object under ``key`` (missing or null: empty if ``optional``); another type stops with the file and the key."""
    if value is None and optional:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{where}: key {key!r} is {_kind(value)}, not an object; {DAMAGED}")
    return value


def _id(value: Any, where: str, key: str) -> str:
    """A non-empty OpenAlex id (``https://openalex.org/T10001`` -> ``T10001``), else stop with the key."""
    short = _short(value) if isinstance(value, str) else ""
    if not short:
        raise InputError(f"{where}: key {key!r} is {_kind(value)}, not an OpenAlex id; {DAMAGED}")
    return short


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _nest(filters: dict[str, Any]) -> dict[str, Any]:
    """{"institutions.country_code": "BE"} -> {"institutions": {"country_code": "BE"}} for pyalex."""
    out: dict[str, Any] = {}
    for k, v in filters.items():
        parts = k.split(".")
        d = out
        for p in parts[:-1]:
            d = d.setdefault(p, {})
        d[parts[-1]] = v
    return out


def page_key(filters: dict[str, Any], per_page: int, cursor: str) -> str:
    blob = json.dumps({"filters": filters, "select": SELECT, "per_page": per_page, "cursor": cursor}, sort_keys=True)
    return "page-" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:20] + ".json"


def page_url(filters: dict[str, Any], per_page: int, cursor: str) -> str:
    import pyalex

    q = pyalex.Works().filter(**_nest(filters)).select(SELECT) if filters else pyalex.Works().select(SELECT)
    q._add_params("per-page", per_page)
    q._add_params("cursor", cursor)
    return q.url


def _fetch(url: str, timeout: float = 60.0) -> str:
    import pyalex
    from pyalex import api

    session = api._get_requests_session()
    try:
        res = session.get(url, auth=api.OpenAlexAuth(pyalex.config), timeout=timeout)
    except Exception as exc:  # network errors of any kind
        raise InputError(f"OpenAlex: request failed for {url} ({type(exc).__name__}); check the network or run with the cache (--offline)") from None
    if res.status_code != 200:
        raise InputError(f"OpenAlex: HTTP {res.status_code} for {url}: {' '.join(res.text.split())[:200]}; check the filters")
    return res.text


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def _regions(a: dict, where: str, key: str) -> list[str]:
    """The ISO alpha-3 codes of an authorship: its ``countries``, else its institutions' ``country_code``."""
    codes = _items(a.get("countries"), where, f"{key}.countries")
    if not codes:
        insts = [_object(inst, where, f"{key}.institutions[{k}]") for k, inst in enumerate(_items(a.get("institutions"), where, f"{key}.institutions"))]
        codes = sorted({str(inst["country_code"]) for inst in insts if inst.get("country_code")})
    regs = []
    for c in codes:
        r = iso2_to_iso3(str(c).upper())
        if r is None:
            raise InputError(f"{where} has the unknown country code {c!r} in {key!r}; expected ISO 3166 alpha-2")
        regs.append(r)
    return regs


def iter_pages(
    filters: dict[str, Any],
    cache_dir: Path,
    *,
    offline: bool = False,
    per_page: int = 200,
    max_works: int | None = None,
    progress: Progress = _quiet,
):
    """Yield (cache file, page dict) for every page of the query, from the cache or the API."""
    if not 1 <= per_page <= 200:
        raise InputError(f"OpenAlex: per_page must be between 1 and 200, not {per_page}")
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    cursor: str | None = "*"
    n = 0
    while cursor:
        key = page_key(filters, per_page, cursor)
        path = cache_dir / key
        if path.is_file():
            text = _read_text(path, "delete the file to fetch it again")
        elif offline:
            raise InputError(
                f"{path}: page (cursor {cursor!r}) is not in the cache and offline is set; run once online with the same filters, or copy the cache"
            )
        else:
            url = page_url(filters, per_page, cursor)
            progress(f"openalex: GET {url}")
            text = _fetch(url)
            _write_atomic(path, text)
        try:
            page = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}); delete the file to fetch it again") from None
        if not isinstance(page, dict) or "results" not in page or "meta" not in page:
            raise InputError(f"{path}: not an OpenAlex works page (no 'meta'/'results'); delete the file to fetch it again")
        results = page["results"]
        if not isinstance(results, list):
            raise InputError(f"{path}: key 'results' is {_kind(results)}, not a list; {DAMAGED}")
        cursor = _object(page["meta"], str(path), "meta", optional=False).get("next_cursor")
        if cursor is not None and not isinstance(cursor, str):
            raise InputError(f"{path}: key 'meta.next_cursor' is {_kind(cursor)}, not a cursor string; {DAMAGED}")
        yield path, page
        n += len(results)
        if not results or (max_works is not None and n >= max_works):
            break


def load(
    filters: dict[str, Any] | None = None,
    cache_dir: Path = Path("openalex_cache"),
    *,
    offline: bool = False,
    per_page: int = 200,
    max_works: int | None = None,
    email: str | None = None,
    label: str | None = None,
    progress: Progress = _quiet,
) -> AdapterResult:
    """Fetch (or read from the cache) the works of a query and count them by country and topic."""
    filters = dict(filters or {})
    cache_dir = Path(cache_dir)
    if email:
        import pyalex

        pyalex.config.email = email
    cache_dir.mkdir(parents=True, exist_ok=True)
    qfile = cache_dir / "query.json"
    query = {"filters": filters, "per_page": per_page, "max_works": max_works}
    if not offline:
        _write_atomic(qfile, json.dumps(query, indent=2, sort_keys=True) + "\n")
    label = label or str(cache_dir)
    acts: list[dict] = []
    docs: list[dict] = []
    topics: dict[str, tuple[str, str | None]] = {}
    subfields: dict[str, tuple[str, str | None]] = {}
    seen: set[str] = set()
    inputs: list[InputFile] = []
    flags: list[dict] = []
    no_year = dup = 0
    for path, page in iter_pages(filters, cache_dir, offline=offline, per_page=per_page, max_works=max_works, progress=progress):
        inputs.append(InputFile(path=path, adapter=NAME, rows_read=len(page["results"])))
        for i, w in enumerate(page["results"]):
            where = f"{path} result {i + 1}"
            if not isinstance(w, dict) or "id" not in w:
                raise InputError(f"{where}: a work without 'id'; the page is damaged: delete it to fetch it again")
            wid = _id(w["id"], where, "id")
            if wid in seen:
                dup += 1
                continue
            seen.add(wid)
            year = w.get("publication_year")
            if year is None:
                no_year += 1
                continue
            if not isinstance(year, int) or not 1900 <= year <= 2100:
                raise InputError(f"{where}: work {wid} has the publication_year {year!r}; expected a year between 1900 and 2100")
            auths = _items(w.get("authorships"), where, "authorships")
            weights: dict[str, float] = {}
            for j, a in enumerate(auths):
                regs = _regions(_object(a, where, f"authorships[{j}]", optional=False), f"{where}: work {wid}", f"authorships[{j}]") or [UNKNOWN]
                for r in regs:
                    weights[r] = weights.get(r, 0.0) + 1.0 / len(auths) / len(regs)
            if not weights:
                weights = {UNKNOWN: 1.0}
            work_techs: set[tuple[str, str]] = set()
            for j, t in enumerate(_items(w.get("topics"), where, "topics")):
                key = f"topics[{j}]"
                t = _object(t, where, key, optional=False)
                tid = _id(t.get("id"), where, f"{key}.id")
                group = _text(_object(t.get("field"), where, f"{key}.field").get("display_name"))
                topics.setdefault(tid, (_text(t.get("display_name")) or tid, group))
                work_techs.add((CLASS_TOPIC, tid))
                sf = _object(t.get("subfield"), where, f"{key}.subfield")
                if sf.get("id"):  # a topic without its subfield counts for the topic alone
                    sfid = _id(sf["id"], where, f"{key}.subfield.id")
                    subfields.setdefault(sfid, (_text(sf.get("display_name")) or sfid, group))
                    work_techs.add((CLASS_SUBFIELD, sfid))
            for (cl, tech) in sorted(work_techs):
                for reg, wt in weights.items():
                    acts.append({"classification": cl, "region": reg, "technology": tech, "year": year, "value": wt})
                    docs.append({"classification": cl, "document_id": wid, "region": reg, "weight": min(wt, 1.0), "technology": tech, "year": year})
    if not seen:
        raise InputError(f"{label}: the query returned no works (filters {filters}); empty selection: widen the filters")
    if no_year:
        flags.append(dict(file=label, table="activity", region=None, item="publication_year empty", year=None, value=float(no_year), flag="dropped",
                          reason=f"{no_year} works without a publication year left out"))
    if dup:
        flags.append(dict(file=label, table="activity", region=None, item="duplicate works", year=None, value=float(dup), flag="aggregated_duplicates",
                          reason=f"{dup} works returned twice by the paging: counted once"))
    act = pd.DataFrame(acts, columns=["classification", "region", "technology", "year", "value"])
    act = act.groupby(["classification", "region", "technology", "year"], as_index=False)["value"].sum()
    act.insert(0, "source", "publications")
    doc = pd.DataFrame(docs, columns=["classification", "document_id", "region", "weight", "technology", "year"])
    doc.insert(0, "source", "publications")
    techs = [dict(classification=CLASS_TOPIC, technology=k, technology_id=k, label=v[0], group=v[1]) for k, v in sorted(topics.items())]
    techs += [dict(classification=CLASS_SUBFIELD, technology=k, technology_id=k, label=v[0], group=v[1]) for k, v in sorted(subfields.items())]
    res = AdapterResult(adapter=NAME)
    res.tables["activity"] = act
    res.tables["documents"] = doc
    res.tables["technologies"] = technologies_frame(techs)
    res.tables["quality_flags"] = flags_frame(flags)
    res.inputs = inputs
    res.notes.append(f"{label}: {len(seen)} works in {len(inputs)} pages, filters {json.dumps(filters, sort_keys=True)}; {len(topics)} topics")
    progress(f"openalex: {len(seen)} works, {len(act)} activity rows")
    return res


def detect(raw_dir: Path) -> list[Path] | None:
    """``<raw>/openalex/cache/query.json`` (or ``<raw>/openalex/query.json``) with the cached pages beside it."""
    for q in (Path(raw_dir) / "openalex" / "cache" / "query.json", Path(raw_dir) / "openalex" / "query.json"):
        if q.is_file():
            return [q]
    return None


def load_from_raw(raw_dir: Path, files: list[Path], progress: Progress = _quiet) -> AdapterResult:
    qfile = files[0]
    layout = 'write {"filters": {...}, "per_page": 200, "max_works": null}'
    try:
        query = json.loads(_read_text(qfile, f"re-save it as UTF-8 ({layout})"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{qfile}: not valid JSON ({exc.msg}); {layout}") from None
    if not isinstance(query, dict):
        raise InputError(f"{qfile}: the query is {_kind(query)}, not an object; {layout}")
    # checked here, where the file is known: iter_pages' own check of per_page names no file
    filters, per_page, max_works = query.get("filters", {}), query.get("per_page", 200), query.get("max_works")
    if not isinstance(filters, dict):
        raise InputError(f"{qfile}: key 'filters' is {_kind(filters)}, not an object; {layout}")
    if not _whole(per_page) or not 1 <= per_page <= 200:
        raise InputError(f"{qfile}: key 'per_page' is {_kind(per_page)}, not a whole number between 1 and 200; {layout}")
    if max_works is not None and (not _whole(max_works) or max_works < 1):
        raise InputError(f"{qfile}: key 'max_works' is {_kind(max_works)}, not a whole number above 0 (or null: all works); {layout}")
    return load(
        filters,
        qfile.parent,
        offline=True,
        per_page=int(per_page),  # 200.0 -> 200: the cache keys (page_key) were made with the whole number
        max_works=None if max_works is None else int(max_works),
        label=qfile.parent.relative_to(raw_dir).as_posix(),
        progress=progress,
    )


def _whole(value: Any) -> bool:
    """A JSON whole number (``200``, also ``200.0``; not ``true``, which Python counts as 1)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer()
