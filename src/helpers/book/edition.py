"""The edition file: every parameter of one edition of the book, validated before anything runs.

An edition is a YAML file (``editions/2026.yml``). :func:`load_edition` reads it, applies
command-line overrides (``key=value`` with YAML values, dotted keys for nested values such as
``windows.patents=[2010,2014]``) and validates types, allowed values, known region codes and the
data folder. Any problem raises :class:`~helpers.errors.InputError` with one line naming the file,
the key, what is wrong and what is allowed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator, ValidationInfo

from helpers.data import PROJECT_ROOT
from helpers.data.regions import EDITION_AGGREGATES as AGGREGATES, region_is_known
from helpers.errors import InputError

DEFAULT_EDITION = PROJECT_ROOT / "editions" / "2026.yml"
#: the default work folder of ``helpers build`` (canonical data, stage, logs, the published site in ``html/``)
BUILD_DIR = PROJECT_ROOT / "_build"

SOURCES = ("patents", "publications", "investments", "sectors", "rd", "patents_ipc", "publications_scimago")
#: reference groups of the IPC-subclass RCA (or a list of region codes)
REFERENCE_GROUPS = ("world", "oecd", "eu27")


class Window(BaseModel):
    """An inclusive year range."""

    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=1900, le=2100)
    end: int = Field(ge=1900, le=2100)

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            if len(value) != 2:
                raise ValueError("must be [first year, last year]")
            return {"start": value[0], "end": value[1]}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "Window":
        if self.start > self.end:
            raise ValueError(f"first year {self.start} is after last year {self.end}")
        return self

    def as_list(self) -> list[int]:
        return [self.start, self.end]


class Windows(BaseModel):
    model_config = ConfigDict(extra="forbid")
    patents: Window
    publications: Window
    investments: Window
    sectors: Window
    rd: Window
    #: the EPO PATSTAT period of the IPC-subclass and NACE patents (1974-1988, 1989-2003 or 2004-2018)
    patents_ipc: Window = Field(default_factory=lambda: Window(start=2004, end=2018))
    #: complete years of the SCImago documents and citations (citations counted to 2017: compare within a year)
    publications_scimago: Window = Field(default_factory=lambda: Window(start=2012, end=2016))


class SectorRatings(BaseModel):
    """How the sector-strength table (Tabel 1) is rated; see :mod:`helpers.methods.ratings` and :mod:`helpers.chapters.sectors`."""

    model_config = ConfigDict(extra="forbid")
    #: rank among the domains (the report: "relatief tussen de sectoren onderling") or thresholds on the index
    rating_rule: Literal["rank", "threshold"] = "rank"
    thresholds: tuple[float, float, float] = (1.5, 1.1, 0.9)
    rank_cuts: tuple[float, float, float] = (0.25, 0.5, 0.75)
    min_coverage: float = Field(default=0.6, gt=0, le=1)
    growth_measure: Literal["VA", "EXP"] = "VA"
    growth_margin: float = 0.0
    #: the patents column: NACE-coded patents (EPO PATSTAT by industry) or WIPO fields through the concordance
    patents_source: Literal["nace", "wipo35"] = "nace"
    #: the publications column: SCImago's 27 Scopus areas or NCSES's 14 fields
    publications_source: Literal["scimago", "ncses"] = "scimago"

    @field_validator("thresholds")
    @classmethod
    def _decreasing(cls, v: tuple[float, float, float]) -> tuple[float, float, float]:
        if not (v[0] > v[1] > v[2] > 0):
            raise ValueError(f"must be three decreasing numbers > 0 (cut points for ++, +, +/-), got {list(v)}")
        return v

    @field_validator("rank_cuts")
    @classmethod
    def _increasing(cls, v: tuple[float, float, float]) -> tuple[float, float, float]:
        if not (0 < v[0] < v[1] < v[2] <= 1):
            raise ValueError(f"must be three increasing shares in (0, 1], got {list(v)}")
        return v


class Framework(BaseModel):
    """Inputs of the decision framework (recommendation 1.3); see :mod:`helpers.chapters.framework`."""

    model_config = ConfigDict(extra="forbid")
    ratings: Literal["computed", "published"] = "computed"
    na: Literal["ignore", "unknown"] = "ignore"
    transition_basis: list[Literal["seed text", "judgement"]] = Field(default_factory=lambda: ["seed text", "judgement"], min_length=1)
    decide_unambiguous: bool = True


class MinActivity(BaseModel):
    """Regions with less activity than this in a source's window do not enter relatedness and
    complexity (tiny economies otherwise drive the eigenvector; see the methods annex). RCA is
    always computed against all regions."""

    model_config = ConfigDict(extra="forbid")
    patents: float = Field(default=1000, ge=0)
    publications: float = Field(default=1000, ge=0)
    investments: float = Field(default=0, ge=0)


class Landscape(BaseModel):
    """The other-countries chapter: which priorities count and what is called shared or specific."""

    model_config = ConfigDict(extra="forbid")
    spotlight: str = Field(default="quantum_computing", description="a tech_id of data/technologies.csv shown in detail")
    since_year: int | None = Field(default=None, ge=1990, le=2100, description="only strategies from this year on")
    mapping_bases: list[Literal["seed", "judgement"]] = Field(default_factory=lambda: ["seed", "judgement"], min_length=1)
    shared_share: float = Field(default=0.5, gt=0, le=1)
    specific_max_others: int = Field(default=1, ge=0)
    gap_share: float = Field(default=0.5, gt=0, le=1)

    @field_validator("spotlight")
    @classmethod
    def _known_technology(cls, tech_id: str) -> str:
        import csv

        with open(PROJECT_ROOT / "data" / "technologies.csv", newline="", encoding="utf-8") as handle:
            known = [row["tech_id"] for row in csv.DictReader(handle)]
        if tech_id not in known:
            raise ValueError(f"unknown technology {tech_id!r}; use a tech_id of data/technologies.csv, e.g. {', '.join(known[:4])}")
        return tech_id


AxisChoice = Literal["auto", "eigenvector", "reflections", "fitness", "published"]


class ComplexityAxis(BaseModel):
    """The y axis per source (empty: the edition's complexity_method); see helpers.chapters.technologies.axis."""

    model_config = ConfigDict(extra="forbid")
    patents: AxisChoice | None = None
    publications: AxisChoice | None = None
    investments: AxisChoice | None = None
    patents_ipc: AxisChoice | None = None


class Regional(BaseModel):
    """The regions chapter: Flanders among Europe's NUTS-2 regions (CEPS, 42 green and digital technologies)."""

    model_config = ConfigDict(extra="forbid")
    focus: str = Field(default="BE2", description="a NUTS-2 region of the data or a group of regions")
    comparison: list[str] = Field(default_factory=lambda: ["DE2", "NL41", "SE11"])
    #: aggregates of NUTS-2 regions (their RCA is computed as for one region, not averaged)
    groups: dict[str, list[str]] = Field(default_factory=lambda: {
        "BE2": ["BE21", "BE22", "BE23", "BE24", "BE25"],
        "BE": ["BE10", "BE21", "BE22", "BE23", "BE24", "BE25", "BE31", "BE32", "BE33", "BE34", "BE35"],
        "DE2": ["DE21", "DE22", "DE23", "DE24", "DE25", "DE26", "DE27"]})
    #: the complexity on the y axis: the study's published one, or computed on the regions
    complexity: Literal["published", "eigenvector", "reflections", "fitness"] = "published"

    @field_validator("focus", "comparison", "groups")
    @classmethod
    def _nuts(cls, value: Any) -> Any:
        codes = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else [*value, *(c for v in value.values() for c in v)]
        for code in codes:
            if not region_is_known(code):
                raise ValueError(f"unknown region code {code!r}; use NUTS codes such as BE21 (or a group name of regional.groups)")
        return value


class Robustness(BaseModel):
    """How sure each quadrant placement is (issue 15): resampling runs per page and their seed."""

    model_config = ConfigDict(extra="forbid")
    #: recomputations per page (regions resampled, counts redrawn from a Poisson distribution); 0: no stability shown
    runs: int = Field(default=200, ge=0, le=5000, description="resampling runs per quadrant chart (0: off)")
    #: the seed of the runs: the same seed gives the same tables in every build
    seed: int = Field(default=2026, ge=0, description="seed of the resampling runs")


class FixedSplit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    x: float = Field(ge=0, le=100, description="relatedness density split (0-100)")
    y: float = Field(description="complexity split")


class Edition(BaseModel):
    """All parameters of one edition. Field descriptions double as documentation."""

    model_config = ConfigDict(extra="forbid")
    edition: int = Field(ge=2000, le=2100, description="edition year")
    #: the language the site opens in; every language of ``languages`` is built, each in its own folder with a switch
    language: Literal["nl", "en"] = "nl"
    languages: list[Literal["nl", "en"]] = Field(default_factory=lambda: ["nl", "en"], min_length=1)
    focus_region: str = Field(description="ISO3 country, NUTS code or aggregate")
    comparison_regions: list[str] = Field(default_factory=list)
    reference_region: str = "EU27"
    data_dir: Path = Field(description="folder with the raw source files")
    windows: Windows
    min_activity: MinActivity = Field(default_factory=MinActivity)
    investments_measure: Literal["amount", "rounds"] = "amount"
    label_top_n: int = Field(default=10, ge=0, le=100)
    #: how the technology summary combines the sources: the CEPS study's composite rank, or the distance from each source's split lines
    summary_method: Literal["composite_rank", "distance"] = "composite_rank"
    rca_threshold: float = Field(default=1.0, gt=0)
    quadrant_split: Literal["median", "mean"] | FixedSplit = "median"
    #: the y axis of the quadrant charts: auto (the computed measure that agrees best with the published complexity, else
    #: the published one), a computed method, or the CEPS study's published complexity; per source in complexity_axis
    complexity_method: Literal["auto", "eigenvector", "reflections", "fitness", "published", "scaling"] = "auto"
    complexity_axis: ComplexityAxis = Field(default_factory=lambda: ComplexityAxis())
    relatedness: Literal["cosine", "association", "probabilistic"] = "cosine"
    #: the regions the IPC-subclass RCA compares with: all countries, the OECD members, the EU-27, or a list of codes
    reference_group: Literal["world", "oecd", "eu27"] | list[str] = "oecd"
    sectors: SectorRatings = Field(default_factory=SectorRatings)
    framework: Framework = Field(default_factory=Framework)
    landscape: Landscape = Field(default_factory=Landscape)
    regional: Regional = Field(default_factory=Regional)
    robustness: Robustness = Field(default_factory=Robustness)

    @field_validator("focus_region", "reference_region")
    @classmethod
    def _known_region(cls, code: str) -> str:
        if not region_is_known(code):
            raise ValueError(f"unknown region code {code!r}; use an ISO 3166 alpha-3 code (BEL), a NUTS code (BE2), an ISO 3166-2 code (US-CA) or one of {', '.join(AGGREGATES)}")
        return code

    @field_validator("comparison_regions")
    @classmethod
    def _known_regions(cls, codes: list[str], info: ValidationInfo) -> list[str]:
        for code in codes:
            cls._known_region(code)
        if len(set(codes)) != len(codes):
            raise ValueError("lists a region twice")
        if info.data.get("focus_region") in codes:
            raise ValueError(f"contains the focus_region {info.data['focus_region']}; remove it there")
        return codes

    @field_validator("languages")
    @classmethod
    def _distinct_languages(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("lists a language twice")
        if info.data.get("language") not in value:
            raise ValueError(f"does not contain language ({info.data.get('language')}), the one the site opens in; add it")
        return value

    @field_validator("reference_group")
    @classmethod
    def _known_group(cls, value: str | list[str]) -> str | list[str]:
        if isinstance(value, list):
            if len(value) < 2:
                raise ValueError("a list needs at least two region codes (RCA compares a region with the group)")
            for code in value:
                cls._known_region(code)
            if len(set(value)) != len(value):
                raise ValueError("lists a region twice")
        return value

    def notebook_parameters(self) -> dict[str, Any]:
        """Flat, JSON-able parameters for papermill (each notebook takes the ones it declares)."""
        params: dict[str, Any] = {
            "edition": self.edition,
            "language": self.language,
            "focus_region": self.focus_region,
            "comparison_regions": list(self.comparison_regions),
            "reference_region": self.reference_region,
            "investments_measure": self.investments_measure,
            "label_top_n": self.label_top_n,
            "summary_method": self.summary_method,
            "rca_threshold": self.rca_threshold,
            "quadrant_split": self.quadrant_split if isinstance(self.quadrant_split, str) else self.quadrant_split.model_dump(),
            # one choice per source: the source's own (complexity_axis) or the edition's
            "complexity_method": {k: v or self.complexity_method for k, v in self.complexity_axis.model_dump().items()},
            "relatedness": self.relatedness,
            "reference_group": self.reference_group if isinstance(self.reference_group, str) else list(self.reference_group),
        }
        for source in SOURCES:
            params[f"{source}_window"] = getattr(self.windows, source).as_list()
        for key, value in self.sectors.model_dump(mode="json").items():
            params[f"sector_{key}"] = value
        for key, value in self.framework.model_dump(mode="json").items():
            params[f"framework_{key}"] = value
        for key, value in self.min_activity.model_dump(mode="json").items():
            params[f"{key}_min_activity"] = value
        for key, value in self.landscape.model_dump(mode="json").items():
            params[f"landscape_{key}"] = value
        for key, value in self.regional.model_dump(mode="json").items():
            params[f"regional_{key}"] = value
        for key, value in self.robustness.model_dump(mode="json").items():
            params[f"robustness_{key}"] = value
        return params


def _set_dotted(tree: dict[str, Any], dotted: str, value: Any) -> None:
    node = tree
    *parents, leaf = dotted.split(".")
    for key in parents:
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            raise InputError(f"override {dotted}: {key} is not a section; use --set {key}=<value>")
    node[leaf] = value


def parse_overrides(pairs: list[str]) -> list[tuple[str, Any]]:
    """``["windows.patents=[2010,2014]", "focus_region=NLD"]`` -> ``[(key, yaml value), ...]``."""
    out = []
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"override {pair!r}: write it as key=value, e.g. --set focus_region=NLD")
        try:
            value = yaml.safe_load(raw) if raw.strip() else None
        except yaml.YAMLError:
            raise InputError(f"override {pair!r}: the value is not valid YAML; quote lists as '[2010, 2014]'") from None
        out.append((key.strip(), value))
    return out


def _describe(error: dict[str, Any]) -> tuple[str, str]:
    loc = ".".join(str(p) for p in error["loc"] if not str(p).startswith(("function-after", "function-before")))
    # pydantic reports union members as extra loc parts; keep the user's key
    loc = re.sub(r"\.(literal\[.*?\]|FixedSplit)(\.|$)", r"\2", loc)
    msg = error["msg"].removeprefix("Value error, ").replace("Input should be", "must be")
    if loc.startswith("quadrant_split"):
        return "quadrant_split", f"must be median, mean or {{x: <density 0-100>, y: <complexity>}} (got {error.get('input')!r})"
    if error["type"] == "extra_forbidden":
        msg = "is not a known key (check the spelling; see editions/2026.yml for all keys)"
    elif error["type"] == "missing":
        msg = "is missing"
    elif "input" in error and error["type"] not in ("value_error",):
        msg = f"{msg} (got {error['input']!r})"
    return loc, msg


def _shown(path: Path) -> Path:
    """The path as the user would type it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def load_edition(path: Path | str = DEFAULT_EDITION, overrides: list[str] | None = None, check_data: bool = True) -> Edition:
    """Read, override and validate an edition file; relative ``data_dir`` is taken from the project root."""
    path = _shown(Path(path))
    if not path.is_file():
        raise InputError(f"{path}: edition file not found; pass --edition editions/<year>.yml")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the edition file ({exc.strerror}); check its permissions") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); an edition is a YAML text file: save it as UTF-8 or start from a copy of editions/2026.yml") from None
    if "\x00" in text:
        raise InputError(f"{path}: not a text file (NUL at byte {data.index(bytes(1))}); an edition is a YAML text file: start from a copy of editions/2026.yml")
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise InputError(f"{path}{where}: not valid YAML ({' '.join(str(getattr(exc, 'problem', None) or exc).split())})") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}: expected key: value pairs at the top level")
    for key, value in parse_overrides(overrides or []):
        _set_dotted(raw, key, value)
    try:
        edition = Edition.model_validate(raw)
    except ValidationError as exc:
        loc, msg = _describe(exc.errors()[0])
        raise InputError(f"{path}: key '{loc}' {msg}") from None
    if not edition.data_dir.is_absolute():
        edition.data_dir = (PROJECT_ROOT / edition.data_dir).resolve()
    if check_data and not edition.data_dir.is_dir():
        raise InputError(f"{path}: key 'data_dir' points to {edition.data_dir}, which is not a folder; set it to the folder with the raw data files (e.g. --set data_dir=../shared/data)")
    return edition
