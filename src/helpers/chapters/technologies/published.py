"""The report's own technology figures from the CEPS study's published values, and the book's computation held against them.

The VARIO report's section 3.1 shows four figures of the CEPS study (Balland 2026): patents (figure
3), start-up investments (figure 5) and the summary (figures 1 and 6); the study also has a
publications chart. Their values are in the canonical ``published_*`` tables
(:mod:`helpers.data.adapters.ceps_vario`). This module

* places the 38 technologies of each figure in quadrants by the study's own rule (dashed lines at
  the median of the plotted density and complexity), with each source's own density on x (the
  study's publications and investments pages plot the patent density; the book says so);
* maps the book's computed profile of the same source onto the 38 technologies (each technology
  takes the values of its primary field in the data's classification, ``data/technology_coarse_map.csv``)
  and applies the same median rule over those 38 values, so both sides are placed by one rule;
* measures the agreement: Spearman rank correlations of RCA, density and complexity over the
  technologies that have both values, and the share placed in the same quadrant.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from helpers.data import canonical, policy, taxonomy
from helpers.errors import InputError
from helpers.i18n import column_labels, t
from helpers.i18n.labels.published import STUDY_CATEGORIES
from helpers.methods.quadrants import QUADRANTS, quadrants

SOURCES = ("patents", "publications", "investments")
TABLES = ("published_positions", "published_network", "published_layout", "published_companies")
#: the study's category -> the taxonomy's category id (three technologies are filed differently: see category_differences)
STUDY_CATEGORY_IDS: dict[str, str] = {
    "Health & Biotech": "life_sciences_biotech", "Digital & AI": "digital_ai", "Advanced Industry & Materials": "advanced_industry_materials",
    "Energy & Climate": "energy_environment", "Security & Space": "security_space",
}
#: words for a Spearman correlation, from the highest cut down (>= 0.7 strong, >= 0.4 moderate, >= 0.1 weak,
#: >= -0.1 none, >= -0.4 slightly opposite, below that opposite)
AGREEMENT_WORDS = ((0.7, "strong"), (0.4, "moderate"), (0.1, "weak"), (-0.1, "none"), (-0.4, "slight_opposite"))


@dataclass
class Published:
    """The published tables of one study and region (empty frames when the data folder has none)."""

    positions: pd.DataFrame
    network: pd.DataFrame
    layout: pd.DataFrame
    companies: pd.DataFrame

    @property
    def available(self) -> bool:
        return len(self.positions) > 0

    @property
    def region(self) -> str:
        return str(self.positions["region"].iloc[0]) if self.available else ""


def load_published(data_dir: str | Path) -> Published:
    """The ``published_*`` canonical tables of ``data_dir`` (empty when the edition's raw data have no study folder)."""
    frames = {name: canonical.read(data_dir, name) for name in TABLES}
    return Published(frames["published_positions"], frames["published_network"], frames["published_layout"], frames["published_companies"])


def _labels(technologies: pd.DataFrame) -> pd.DataFrame:
    return technologies.set_index("tech_id")[["label_nl", "label_en"]]


def published_profile(published: Published, source: str, technologies: pd.DataFrame) -> pd.DataFrame:
    """One row per technology of ``source`` (``patents``, ``publications``, ``investments`` or ``summary``)
    with its published ``rca``, its ``density`` (the source's own; the composite for ``summary``),
    ``complexity``, the median split lines and the quadrant by the study's rule, labels and the
    study's category in both languages."""
    rows = published.positions[published.positions["source"] == source]
    if rows.empty:
        raise InputError(f"published values: no rows for source {source!r}; the study folder has {', '.join(sorted(published.positions['source'].unique()))}")
    rows = rows.set_index("technology")
    q = quadrants(rows["density"], rows["complexity"], "median")
    names = _labels(technologies).reindex(rows.index)
    out = pd.DataFrame({
        "technology": rows.index, "label_nl": names["label_nl"].to_numpy(), "label_en": names["label_en"].to_numpy(),
        "study_category": rows["study_category"].to_numpy(),
        "category_nl": rows["study_category"].map(lambda c: STUDY_CATEGORIES[c]["nl"]).to_numpy(),
        "category_en": rows["study_category"].map(lambda c: STUDY_CATEGORIES[c]["en"]).to_numpy(),
        "category_id": rows["study_category"].map(STUDY_CATEGORY_IDS).to_numpy(),
        "rca": rows["rca"].to_numpy(), "density": rows["density"].to_numpy(), "density_plotted": rows["density_plotted"].to_numpy(),
        "complexity": rows["complexity"].to_numpy(), "x_split": q["x_split"].to_numpy(), "y_split": q["y_split"].to_numpy(),
        "quadrant": q["quadrant"].to_numpy(), "quadrant_nl": q["label_nl"].to_numpy(), "quadrant_en": q["label_en"].to_numpy(),
    })
    return out.sort_values("technology", kind="mergesort").reset_index(drop=True)


def category_differences(published: Published, technologies: pd.DataFrame) -> pd.DataFrame:
    """Technologies that the study files under another category than ``data/technologies.csv`` does."""
    study = published.positions.drop_duplicates("technology").set_index("technology")["study_category"].map(STUDY_CATEGORY_IDS)
    ours = technologies.set_index("tech_id")["category_id"].reindex(study.index)
    differ = study.index[study != ours]
    return pd.DataFrame({"technology": differ, "study_category": study[differ].to_numpy(), "taxonomy_category": ours[differ].to_numpy()})


def computed_by_technology(profile: pd.DataFrame | None, coarse_map: pd.DataFrame, scheme: str | None, technologies: pd.DataFrame,
                           *, reason: str, language: str) -> pd.DataFrame:
    """The book's computed values per technology: each of the 38 takes the RCA, density and
    complexity of its primary field in ``scheme`` (``data/technology_coarse_map.csv``); the
    quadrant is then set by the median over the 38 technologies, the study's rule. ``profile`` is
    the computed profile of the source (one row per field) or None without data (``reason`` says
    why). A technology without a value carries a ``note``."""
    ids = list(technologies["tech_id"])
    out = pd.DataFrame({"technology": ids, "field": "", "rca": np.nan, "density": np.nan, "complexity": np.nan, "note": ""})
    if profile is None or scheme is None:
        out["note"] = reason
        out["quadrant"] = None
        return out
    primary = coarse_map[(coarse_map["scheme"] == scheme) & (coarse_map["strength"] == "primary")].drop_duplicates("tech_id").set_index("tech_id")["code"]
    values = profile.set_index("technology")
    field = pd.Series(ids, index=ids).map(primary)
    out["field"] = field.fillna("").to_numpy()
    for col in ("rca", "density", "complexity"):
        out[col] = field.map(values[col]).to_numpy(dtype=float)
    no_field = field.isna().to_numpy()
    out.loc[no_field, "note"] = t("pub_why_no_field", language, classification=scheme)
    out["quadrant"] = None
    placed = out["density"].notna() & out["complexity"].notna()
    if placed.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            q = quadrants(out.loc[placed, "density"].set_axis(out.loc[placed, "technology"]), out.loc[placed, "complexity"].set_axis(out.loc[placed, "technology"]))
        out.loc[placed, "quadrant"] = q["quadrant"].to_numpy()
    return out


def comparison(published: pd.DataFrame, computed: pd.DataFrame, language: str, *, field_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per technology the published and the computed RCA, density, complexity and quadrant, and
    whether the quadrant agrees (``same_quadrant``: yes / no, blank where the book has no value)."""
    pub = published.set_index("technology")
    comp = computed.set_index("technology").reindex(pub.index)
    quad = {k: v[language] for k, v in QUADRANTS.items()}
    same = np.where(comp["quadrant"].isna(), "", np.where(comp["quadrant"].to_numpy() == pub["quadrant"].to_numpy(),
                                                           t("pub_same", language), t("pub_different", language)))
    names = field_names or {}
    return pd.DataFrame({
        "label": pub[f"label_{language}"], "study_category": pub[f"category_{language}"],
        "published_rca": pub["rca"], "published_density": pub["density"], "published_complexity": pub["complexity"],
        "published_quadrant": pub["quadrant"].map(quad),
        "field": comp["field"].map(lambda f: names.get(f, f)), "computed_rca": comp["rca"], "computed_density": comp["density"],
        "computed_complexity": comp["complexity"], "computed_quadrant": comp["quadrant"].map(lambda k: quad.get(k, "") if isinstance(k, str) else ""),
        "same_quadrant": same, "note": comp["note"], "technology": pub.index,
    }).reset_index(drop=True)


def spearman(a: pd.Series, b: pd.Series) -> tuple[float, int]:
    """Spearman rank correlation of two aligned Series over the rows where both have a value, and that number of rows."""
    both = a.notna() & b.notna()
    n = int(both.sum())
    if n < 3 or a[both].nunique() < 2 or b[both].nunique() < 2:
        return float("nan"), n
    return float(spearmanr(a[both], b[both]).statistic), n


def agreement(table: pd.DataFrame) -> dict[str, Any]:
    """Spearman of RCA, density and complexity (published vs computed), the number of technologies
    with computed values, and how many of them sit in the same quadrant."""
    out: dict[str, Any] = {}
    for measure in ("rca", "density", "complexity"):
        rho, n = spearman(table[f"published_{measure}"], table[f"computed_{measure}"])
        out[f"rho_{measure}"], out[f"n_{measure}"] = rho, n
    compared = table["same_quadrant"] != ""
    out["n_compared"] = int(compared.sum())
    out["n_same_quadrant"] = int((compared & (table["published_quadrant"] == table["computed_quadrant"])).sum())
    out["share_same_quadrant"] = out["n_same_quadrant"] / out["n_compared"] if out["n_compared"] else float("nan")
    return out


def agreement_word(rho: float, language: str) -> str:
    """A word for a Spearman correlation (:data:`AGREEMENT_WORDS`); "no value" when it is not defined."""
    if not np.isfinite(rho):
        return t("pub_no_value", language)
    for cut, word in AGREEMENT_WORDS:
        if rho >= cut:
            return t(f"pub_agreement_{word}", language)
    return t("pub_agreement_opposite", language)


def table_labels(language: str) -> dict[str, str]:
    """Readers' headers of this module's tables."""
    return column_labels(language, "published")


def load_inputs(data_dir: str | Path) -> tuple[Published, pd.DataFrame, pd.DataFrame]:
    """The published tables, the 38 technologies and the coarse map of the taxonomy."""
    technologies = policy.load_technologies()
    return load_published(data_dir), technologies, taxonomy.load_coarse_map()


__all__ = [
    "Published", "SOURCES", "STUDY_CATEGORY_IDS", "agreement", "agreement_word", "category_differences", "comparison",
    "computed_by_technology", "load_inputs", "load_published", "published_profile", "spearman", "table_labels",
]
