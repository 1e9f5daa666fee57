"""Which complexity goes on the y axis: the choice per source, checked against the published complexity.

Every computed complexity (eigenvector, reflections, fitness) of a source is checked against the
complexity the CEPS study publishes for the report's 38 technologies: each technology takes the
complexity of its primary field in the source's classification (``data/technology_coarse_map.csv``),
and the Spearman rank correlation over the technologies with a value must be at least
:data:`PASS_RHO`. ``auto`` (the default) takes the computed measure with the highest correlation
among those that pass, and the study's published complexity when none passes; ``published`` gives
every field the mean published complexity of the technologies mapped onto it as primary (fields
without such a technology get no y value and no quadrant). The chosen measure, its correlation and
whether it passed are said on the chart and in the text.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.chapters.memo import shared
from helpers.chapters.technologies.published import computed_by_technology, load_inputs, published_profile, spearman
from helpers.chapters.technologies.sources import SourceData
from helpers.chapters.technologies.space import technology_space
from helpers.data import taxonomy
from helpers.errors import InputError
from helpers.i18n import localise_number, t
from helpers.methods.quadrants import QUADRANTS, quadrants

COMPUTED = ("eigenvector", "reflections", "fitness")
AXIS_CHOICES = ("auto", *COMPUTED, "published")
#: the complexities a chart can show (the choices without ``auto``)
AXIS_NAMES = (*COMPUTED, "published")
#: a computed complexity passes when its Spearman correlation with the published one is at least this
PASS_RHO = 0.4


@dataclass
class Axis:
    """The complexity on a page's y axis: ``method`` (a computed method or ``published``), the checks of every
    computed method (``method``, ``rho``, ``n``, ``passes``) and the choice asked for."""

    method: str
    choice: str
    checks: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["method", "rho", "n", "passes"]))
    #: for ``published``: the published complexity per field of the source's classification
    by_code: pd.Series | None = None

    @property
    def computed_method(self) -> str:  # noqa: D401
        """The method that computes the space (the published complexity replaces its y afterwards)."""
        return "eigenvector" if self.method == "published" else self.method

    def apply(self, profile: pd.DataFrame) -> pd.DataFrame:
        """The profile with this axis's complexity (the published one replaces the computed y)."""
        return apply_published(profile, self.by_code) if self.method == "published" and self.by_code is not None else profile

    def y_title(self, language: str) -> str:
        if self.method == "published":
            return t("axis_y_published", language)
        return t("tech_y_title", language, method=t(f"tech_complexity_short_{self.method}", language))

    @property
    def rho(self) -> float:
        row = self.checks[self.checks["method"] == self.method]
        return float(row["rho"].iloc[0]) if len(row) else float("nan")

    @property
    def passes(self) -> bool | None:
        """True or False for a computed method with a check; None for the published complexity or without published values."""
        if self.method == "published" or not np.isfinite(self.rho):
            return None
        return bool(self.rho >= PASS_RHO)

    def subtitle(self, language: str, who: str = "") -> str:
        """One line for the chart: which complexity, and whether it passed the check (``who``: the source, on a chart of several)."""
        name = t(f"axis_name_{self.method}", language)
        who = f" ({who})" if who else ""
        if self.passes is None:
            return t("axis_sub_plain", language, name=name, who=who)
        rho = localise_number(f"{self.rho:.2f}", language)
        return t("axis_sub_pass" if self.passes else "axis_sub_fail", language, name=name, rho=rho, who=who)

    def text(self, language: str) -> str:
        """The choice in a sentence for the page's text (wording chosen from the checks)."""
        name = t(f"axis_name_{self.method}", language)
        rhos = {r.method: localise_number(f"{r.rho:.2f}", language) if np.isfinite(r.rho) else t("pub_no_value", language)
                for r in self.checks.itertuples()}
        listing = "; ".join(f"{t(f'axis_name_{m}', language)} {rhos[m]}" for m in rhos)
        if self.method == "published":
            key = "axis_text_published_auto" if self.choice == "auto" else "axis_text_published"
        elif self.passes is None:
            key = "axis_text_unchecked"
        elif self.passes:
            key = "axis_text_pass"
        else:
            key = "axis_text_fail"
        return t(key, language, name=name, listing=listing or t("pub_no_value", language),
                 cut=localise_number(f"{PASS_RHO:.1f}", language))


@shared  # every page that places a source asks again, in both languages (the language changes no number)
def field_checks(data: SourceData, window: Sequence[int], published: pd.Series, *, min_activity: float = 0.0, rca_threshold: float = 1.0,
                 relatedness: str = "cosine", language: str = "en") -> pd.DataFrame:
    """Spearman of every computed complexity of ``data``'s classification with the published complexity of the 38 technologies."""
    coarse = taxonomy.load_coarse_map()
    frame = published.rename_axis("tech_id").reset_index()
    rows = []
    for method in COMPUTED:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            space = technology_space(data.activity, window, classification=data.classification, rca_threshold=rca_threshold,
                                     relatedness_method=relatedness, complexity_method=method, min_activity=min_activity,
                                     documents=data.documents, source=data.source)
        profile = pd.DataFrame({"technology": space.complexity.index, "rca": np.nan, "density": 0.0, "complexity": space.complexity.to_numpy()})
        computed = computed_by_technology(profile, coarse, data.classification.replace("_rounds", ""), frame, reason="", language=language)
        rho, n = spearman(published.reindex(computed["technology"]).reset_index(drop=True), computed["complexity"])
        rows.append({"method": method, "rho": rho, "n": n, "passes": bool(np.isfinite(rho) and rho >= PASS_RHO)})
    return pd.DataFrame(rows)


def choose(checks: pd.DataFrame, choice: str) -> str:
    """The method for ``choice``: itself, or for ``auto`` the passing method with the highest correlation, else ``published``."""
    if choice not in AXIS_CHOICES:
        raise InputError(f"complexity axis {choice!r}: use one of {', '.join(AXIS_CHOICES)}")
    if choice != "auto":
        return choice
    ok = checks[checks["passes"]].sort_values("rho", ascending=False, kind="mergesort")
    return str(ok["method"].iloc[0]) if len(ok) else "published"


def published_by_code(classification: str, published: pd.Series) -> pd.Series:
    """Per field of a coarse classification the mean published complexity of the technologies mapped onto it as primary."""
    coarse = taxonomy.load_coarse_map()
    primary = coarse[(coarse["scheme"] == classification.replace("_rounds", "")) & (coarse["strength"] == "primary")]
    values = primary.assign(value=primary["tech_id"].map(published)).dropna(subset=["value"])
    return values.groupby("code")["value"].mean()


def apply_published(profile: pd.DataFrame, by_code: pd.Series) -> pd.DataFrame:
    """The profile with the published complexity per field on y and the quadrants placed again (fields without it: no y, no quadrant)."""
    out = profile.copy()
    out["complexity"] = out["technology"].map(by_code).astype(float)
    placed = out["complexity"].notna()
    if placed.sum() < 2:
        raise InputError("published complexity: fewer than two fields of this classification carry a technology of the study")
    idx = out.loc[placed, "technology"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        q = quadrants(out.loc[placed, "density"].set_axis(idx), out.loc[placed, "complexity"].set_axis(idx), "median")
    for col in ("quadrant", "quadrant_nl", "quadrant_en"):
        out[col] = None
    out.loc[placed, "quadrant"] = q["quadrant"].to_numpy()
    out.loc[placed, "quadrant_nl"] = q["quadrant"].map(lambda k: QUADRANTS[k]["nl"]).to_numpy()
    out.loc[placed, "quadrant_en"] = q["quadrant"].map(lambda k: QUADRANTS[k]["en"]).to_numpy()
    out["x_split"], out["y_split"] = float(q["x_split"].iloc[0]), float(q["y_split"].iloc[0])
    out["complexity_method"] = "published"
    return out


def published_complexity(data_dir: Path | str) -> pd.Series | None:
    """The CEPS study's complexity of the 38 technologies (tech_id -> value), or None without the study's folder."""
    published, technologies, _ = load_inputs(data_dir)
    if not published.available:
        return None
    return published_profile(published, "patents", technologies).set_index("technology")["complexity"]


def resolve_axis(data: SourceData, window: Sequence[int], choice: str, published: pd.Series | None, *, min_activity: float = 0.0,
                 rca_threshold: float = 1.0, relatedness: str = "cosine", check: bool = True) -> Axis:
    """The :class:`Axis` of one source: the checks of every computed method (when the study's values and the
    source's data are there, and ``check`` or ``auto`` asks for them) and the method chosen."""
    if choice not in AXIS_CHOICES:
        raise InputError(f"complexity axis {choice!r}: use one of {', '.join(AXIS_CHOICES)}")
    if published is None or not data.available or data.classification == "taxonomy":
        return Axis("eigenvector" if choice in ("auto", "published") else choice, choice)  # nothing to check against
    checks = (field_checks(data, window, published, min_activity=min_activity, rca_threshold=rca_threshold, relatedness=relatedness)
              if check or choice == "auto" else Axis("", "").checks)
    method = choose(checks, choice)
    by_code = published_by_code(data.classification, published) if method == "published" else None
    if by_code is not None and len(by_code) < 2:
        raise InputError(f"{data.source}: the published complexity covers fewer than two fields of {data.classification}; choose a computed complexity")
    return Axis(method, choice, checks, by_code)


def choice_for(complexity_method: str | Mapping[str, str], source: str) -> str:
    """The choice for ``source``: the string itself, or the mapping's entry (``auto`` when it has none)."""
    if isinstance(complexity_method, Mapping):
        return str(complexity_method.get(source) or "auto")
    return str(complexity_method)


def axis_for(data: SourceData, window: Sequence[int], complexity_method: str | Mapping[str, str], *, min_activity: float = 0.0,
             rca_threshold: float = 1.0, relatedness: str = "cosine", check: bool = False) -> Axis:
    """The :class:`Axis` of ``data`` for the edition's choice (a string, or a mapping source -> choice), with the
    checks when the study's values are in ``data.data_dir``."""
    choice = choice_for(complexity_method, data.source)
    if choice == "scaling":
        return Axis("scaling", choice)  # technology_space explains why the data cannot carry it
    if choice in COMPUTED and not check:
        return Axis(choice, choice)
    published = published_complexity(data.data_dir) if data.data_dir is not None else None
    return resolve_axis(data, window, choice, published, min_activity=min_activity, rca_threshold=rca_threshold, relatedness=relatedness,
                        check=check)
