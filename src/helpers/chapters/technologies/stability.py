"""How sure is each placement: the stability of a profile's quadrants and their sensitivity to the rules (issue 15).

:func:`space_stability` reruns the framework on a :class:`~helpers.chapters.technologies.space.TechnologySpace`
(:func:`helpers.methods.robustness.resample_placements`: the comparison regions resampled with the
focus region kept, every count redrawn from a Poisson distribution, a computed complexity oriented
like the data's own in every run; the same rules as the space:
RCA threshold, ``min_activity``, co-location relatedness or the fixed within-document matrix, the
complexity method, or the published complexity held fixed) and reruns it once per rule change
(:func:`helpers.methods.robustness.rule_sensitivity`, plus the window one period earlier when the
caller gives that profile). :func:`with_stability` adds to the profile per technology the share of
runs in its quadrant (``stability``), the label (``stability_label``: stable, leaning, undecided;
``stability_nl`` / ``stability_en``) and the 5th-95th percentiles of density and complexity.
:func:`stability_text` words the count of stable placements; :func:`sensitivity_table` says per
rule change how many technologies change quadrant and which. Seeded: two builds give the same
tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import altair as alt
import numpy as np
import pandas as pd

from helpers.chapters.technologies.checks import Split, _split
from helpers.chapters.memo import shared
from helpers.chapters.technologies.space import TechnologySpace
from helpers.charts.quadrants import _interval
from helpers.errors import InputError
from helpers.i18n import join_names, localise_number, md_text, t
from helpers.methods import robustness as rb
from helpers.methods.quadrants import QUADRANTS

#: The stability columns :func:`with_stability` adds to a profile (and the tables show).
STABILITY_COLUMNS = ["stability", "stability_label", "stability_nl", "stability_en", "density_lo", "density_hi", "complexity_lo", "complexity_hi"]
#: Of those, the ones of the published tables (besides the quadrant), with their formats.
TABLE_COLUMNS = ["stability", "stability_label", "density_lo", "density_hi", "complexity_lo", "complexity_hi"]
TABLE_FORMATS = {"stability": ".0%", "density_lo": ".1f", "density_hi": ".1f", "complexity_lo": ".2f", "complexity_hi": ".2f"}
#: Poisson scale per source (events per unit of the data): patents and (fractional) articles are counts; an
#: investment amount counts one event per million USD raised (a round of about that size).
SCALES: dict[str, float] = {"patents": 1.0, "publications": 1.0, "investments": 1e-6}
#: a placement is stable from this share of runs in its quadrant, leaning from the second
STABLE, LEANING = 0.8, 0.6


@dataclass
class Stability:
    """The runs' summary per technology (``table``, indexed by technology), the quadrant per rule change
    (``rules``: technologies x ``base`` and one column per change, with ``window`` when computed), the
    number of runs and the seed."""

    table: pd.DataFrame
    rules: pd.DataFrame
    n_runs: int
    seed: int
    #: the window one period earlier (the ``window`` rule change), or None
    earlier: tuple[int, int] | None = None
    #: the runs themselves (their columns: ``columns``), for placements derived from them (:func:`derived_stability`)
    runs: rb.Runs | None = None
    columns: pd.Index | None = None


def _rules(space: TechnologySpace, profile: pd.DataFrame, split: Split) -> tuple[rb.Rules, pd.Index]:
    techs = pd.Index(space.x.columns)
    placed = profile["technology"].to_numpy()
    columns = techs.get_indexer(placed)
    if (columns < 0).any():
        raise InputError(f"stability: technologies of the profile missing from the space: {list(placed[columns < 0])[:5]}")
    if space.relatedness_basis == "co-location":
        related: str | np.ndarray = space.relatedness_method
    else:
        related = space.relatedness.reindex(index=techs, columns=techs, fill_value=0.0).to_numpy(dtype=float)
    published = (profile["complexity_method"] == "published").any() if "complexity_method" in profile.columns else False
    if published:  # the study's complexity stays as published; its quadrants are placed at the median (axis.apply_published)
        complexity: str | np.ndarray = profile.set_index("technology")["complexity"].reindex(techs).to_numpy(dtype=float)
        split = "median"
    else:
        complexity = space.complexity_method
    rules = rb.Rules(threshold=space.rca_threshold, relatedness=related, complexity=complexity, split=_split(split),
                     min_activity=space.min_activity, columns=columns)
    return rules, techs


@shared  # the same runs are made by a source's page, the summary and the framework, in both languages
def space_stability(space: TechnologySpace, focus: str, profile: pd.DataFrame, *, n_runs: int, seed: int, split: Split = "median",
                    scale: float = 1.0, earlier: pd.DataFrame | None = None, earlier_window: tuple[int, int] | None = None) -> Stability:
    """The stability of ``profile``'s placements (``focus``'s profile on ``space``) over ``n_runs`` runs
    from ``seed``, and the quadrants per rule change (module docstring). ``earlier``: the profile of the
    window one period earlier (``earlier_window``), compared as one more rule change."""
    rules, techs = _rules(space, profile, split)
    observed = profile.set_index("technology")["quadrant"]
    runs = rb.resample_placements(space.x, focus, rules, n_runs=n_runs, seed=seed, scale=scale, orient=True)
    table = rb.stability(runs, [None if pd.isna(v) else v for v in observed.reindex(techs)], labels=techs, stable=STABLE, leaning=LEANING)
    table = table.loc[profile["technology"]]
    by_rule = rb.rule_sensitivity(space.x, focus, rules)
    by_rule["base"] = observed.reindex(by_rule.index)
    if earlier is not None:
        by_rule["window"] = earlier.set_index("technology")["quadrant"].reindex(by_rule.index)
    return Stability(table, by_rule, int(n_runs), int(seed), earlier_window if earlier is not None else None, runs=runs, columns=techs)


def derived_stability(runs: rb.Runs, observed: pd.Series, stability: Stability) -> Stability:
    """The stability of placements derived run by run from those of ``stability`` (``runs``: one column per
    entry of ``observed``, the quadrant shown per technology, in that order): the IPC page's 38 technologies
    from its subclasses, the summary's composite from the sources. The same runs and seed; no rule changes."""
    table = rb.stability(runs, [None if pd.isna(v) else v for v in observed], labels=observed.index, stable=STABLE, leaning=LEANING)
    rules = pd.DataFrame({"base": observed.astype(object)}, index=observed.index)
    return Stability(table, rules, stability.n_runs, stability.seed, runs=runs, columns=pd.Index(observed.index))


def with_stability(profile: pd.DataFrame, stability: Stability | None) -> pd.DataFrame:
    """``profile`` with the columns of :data:`STABILITY_COLUMNS` (unchanged without ``stability``)."""
    if stability is None:
        return profile
    s = stability.table
    out = profile.copy()
    tech = out["technology"]
    out["stability"] = tech.map(s["stability"]).astype(float)
    label = tech.map(s["label"])
    out["stability_label"] = label.where(label.notna(), None).astype(object)
    for lang in ("nl", "en"):
        out[f"stability_{lang}"] = [t(f"stab_label_{v}", lang) if isinstance(v, str) else "" for v in out["stability_label"]]
    for col in ("density_lo", "density_hi", "complexity_lo", "complexity_hi"):
        out[col] = tech.map(s[col]).astype(float)
    out.attrs = dict(profile.attrs)
    return out


def shown_quadrant(profile: pd.DataFrame, language: str) -> pd.Series:
    """The quadrant as a reader sees it: its name, or for an undecided placement "undecided (name?)"."""
    names = profile[f"quadrant_{language}"].astype(object)
    if "stability_label" not in profile.columns:
        return names
    undecided = profile["stability_label"] == "undecided"
    return names.where(~undecided, [t("stab_quadrant_undecided", language, quadrant=q) for q in names])


#: the tooltip fields of the stability on a chart: (field, tooltip title key, format)
_TIPS = (("stability", "stability", ".0%"), ("stability_text", "stability_label", None), ("density_interval", "density_interval", None),
         ("complexity_interval", "complexity_interval", None))


def with_intervals(chart: alt.LayerChart, frame: pd.DataFrame, language: str, titles: Mapping[str, str]) -> alt.LayerChart:
    """``chart`` (a layered quadrant chart whose bubbles, the layer with a tooltip, hold a ``technology``
    column: :func:`helpers.charts.rca_quadrants.rca_quadrant_chart`) with the placements' stability of
    ``frame`` (:func:`with_stability` columns, by ``technology``): grey bars of the 5-95% of the runs on
    each axis under the bubbles, as on the other quadrant charts, and the share, the label and the
    intervals in the bubbles' tooltip (``titles``: tooltip titles by field). Unchanged without them."""
    if "density_lo" not in frame.columns:
        return chart
    out = chart.copy()
    layers = list(out.layer)
    at = next(i for i, layer in enumerate(layers) if isinstance(layer, alt.Chart) and isinstance(layer.encoding, alt.SchemaBase)
              and layer.encoding.to_dict().get("tooltip"))
    points = layers[at]
    by_tech = frame.drop_duplicates("technology").set_index("technology")
    data = points.data.copy()

    def pick(col: str) -> pd.Series:  # the frame's column in the bubbles' order
        return data["technology"].map(by_tech[col])

    data["stability"], data["stability_text"] = pick("stability").astype(float), pick(f"stability_{language}").fillna("").astype(str)
    data["density_interval"] = [_interval(a, b, "{:.1f}", language) for a, b in zip(pick("density_lo"), pick("density_hi"))]
    data["complexity_interval"] = [_interval(a, b, "{:.2f}", language) for a, b in zip(pick("complexity_lo"), pick("complexity_hi"))]
    points.data = data
    tips = points.encoding.to_dict()["tooltip"]
    points.encoding.tooltip = [*tips, *({"field": f, "type": "quantitative" if spec else "nominal", "title": titles.get(key, key),
                                         **({"format": spec} if spec else {})} for f, key, spec in _TIPS)]
    xs, ys = points.encoding.x["scale"], points.encoding.y["scale"]
    bars = frame.dropna(subset=["density", "complexity", "density_lo", "complexity_lo"])[
        ["density", "complexity", "density_lo", "density_hi", "complexity_lo", "complexity_hi"]]
    style = dict(color="#777", strokeWidth=1, opacity=0.6, clip=True)
    across = alt.Chart(bars).mark_rule(**style).encode(x=alt.X("density_lo:Q", scale=xs), x2="density_hi:Q", y=alt.Y("complexity:Q", scale=ys))
    along = alt.Chart(bars).mark_rule(**style).encode(y=alt.Y("complexity_lo:Q", scale=ys), y2="complexity_hi:Q", x=alt.X("density:Q", scale=xs))
    out.layer = [*layers[:at], across, along, *layers[at:]]
    return out


def counts(profile: pd.DataFrame) -> dict[str, int]:
    """Placements per stability label (``n_stable``, ``n_leaning``, ``n_undecided``) and ``n_placed``."""
    if "stability_label" not in profile.columns:
        return {"n_stable": 0, "n_leaning": 0, "n_undecided": 0, "n_placed": 0}
    labels = profile["stability_label"].dropna()
    return {"n_stable": int((labels == "stable").sum()), "n_leaning": int((labels == "leaning").sum()),
            "n_undecided": int((labels == "undecided").sum()), "n_placed": int(len(labels))}


def _change_name(change: str, language: str, stability: Stability) -> str:
    if change == "window" and stability.earlier is not None:
        return t("stab_change_window", language, start=stability.earlier[0], end=stability.earlier[1])
    kind, _, value = change.partition("=")
    if kind == "threshold":
        return t("stab_change_threshold", language, value=localise_number(value, language))
    if kind == "split":
        return t(f"stab_change_split_{value}", language)
    if kind == "relatedness":
        return t("stab_change_relatedness", language, method=t(f"tech_relatedness_{value}", language))
    return t("stab_change_complexity", language, method=t(f"axis_name_{value}", language))


#: moves named in the shown column of the sensitivity table; the CSV's ``changed`` names them all
SHOWN_MOVES = 10
#: how a page publishes :func:`sensitivity_table` (``Table(df, name, labels=..., caption=..., **SENSITIVITY_TABLE)``):
#: the full list in the CSV, the first moves on the page
SENSITIVITY_TABLE = {"formats": MappingProxyType({"n_changed": ".0f"}), "hidden": ("changed",), "page_only": ("changed_shown",)}


def sensitivity_table(profile: pd.DataFrame, stability: Stability, language: str, label_column: str | None = None,
                      shown: int = SHOWN_MOVES) -> pd.DataFrame:
    """Per rule change (:attr:`Stability.rules`): ``change`` (its name), ``n_changed`` (placed technologies whose
    quadrant differs from the page's), ``changed`` ("name (from → to)" for every one of them, by RCA; for the
    CSV) and ``changed_shown`` (the first ``shown`` of them and how many more: a rule change on the IPC page
    moves hundreds of subclasses, which no reader scans in one cell, on screen or over fifty printed pages);
    a change that cannot be computed says so."""
    label_column = label_column or f"label_{language}"
    names = profile.set_index("technology")[label_column]
    order = profile.sort_values(["rca", "technology"], ascending=[False, True], kind="mergesort")["technology"]
    base = stability.rules["base"]

    def quadrant(key: object) -> str:
        return QUADRANTS[key][language] if isinstance(key, str) else "—"

    rows = []
    for change in stability.rules.columns:
        if change == "base":
            continue
        other = stability.rules[change]
        name = _change_name(change, language, stability)
        if other.isna().all():
            none = t("stab_change_none", language)
            rows.append({"change": name, "n_changed": np.nan, "changed": none, "changed_shown": none})
            continue
        moved = [f"{names[tech]} ({quadrant(base[tech])} → {quadrant(other.get(tech))})"
                 for tech in order if isinstance(base.get(tech), str) and other.get(tech) != base.get(tech)]
        first = "; ".join(moved[:shown])
        if len(moved) > shown:
            first += t("stab_changed_more", language, n=localise_number(f"{len(moved) - shown:,}", language))
        rows.append({"change": name, "n_changed": len(moved), "changed": "; ".join(moved), "changed_shown": first})
    return pd.DataFrame(rows, columns=["change", "n_changed", "changed", "changed_shown"])


def stability_text(profile: pd.DataFrame, stability: Stability | None, language: str, label_column: str | None = None,
                   sensitivity: pd.DataFrame | None = None, wording: str = "stab_text") -> str:
    """The page's sentence on the stability (Markdown; names escaped), the wording chosen from the counts:
    all stable, most (at least half) stable, or few (the labels ``<wording>_all``, ``_most``, ``_few``); plus
    the rule change that moves the most."""
    if stability is None:
        return ""
    c = counts(profile)
    if not c["n_placed"]:
        return ""
    label_column = label_column or f"label_{language}"
    undecided = profile[profile["stability_label"] == "undecided"].sort_values(["rca", "technology"], ascending=[False, True], kind="mergesort")
    names = [md_text(v) for v in undecided[label_column].head(5)]
    listing = t("stab_text_undecided_list", language, names=join_names(names, language)) if names else ""
    key = wording + ("_all" if c["n_stable"] == c["n_placed"] else "_most" if 2 * c["n_stable"] >= c["n_placed"] else "_few")
    text = t(key, language, runs=stability.n_runs, n=c["n_placed"], stable_pct=f"{STABLE:.0%}", undecided_list=listing,
             **{k: v for k, v in c.items() if k != "n_placed"})
    if sensitivity is not None and len(sensitivity):
        top = sensitivity.dropna(subset=["n_changed"]).sort_values("n_changed", ascending=False, kind="mergesort")
        if len(top) and top["n_changed"].iloc[0] > 0:
            text += " " + t("stab_text_rules", language, change=md_text(top["change"].iloc[0]), n_changed=int(top["n_changed"].iloc[0]))
        elif len(top):
            text += " " + t("stab_text_rules_none", language)
    return text


def glue_values(profile: pd.DataFrame | None, stability: Stability | None) -> dict[str, int]:
    """The numbers the text may cite: the counts of :func:`counts` and ``stability_runs``."""
    values = counts(profile) if profile is not None else counts(pd.DataFrame())
    rules = {"stable_pct": round(100 * rb.STABLE_SHARE), "leaning_pct": round(100 * rb.LEANING_SHARE)}  # the labels' thresholds
    return {f"stability_{k}": v for k, v in (values | rules).items()} | {"stability_runs": stability.n_runs if stability else 0}


def earlier_window(window: tuple[int, int], periods: Mapping[tuple[int, int], object] | None = None) -> tuple[int, int]:
    """The window one period earlier: the same length, just before (``periods``: fixed periods, the one before)."""
    if periods:
        keys = sorted(periods)
        if window in keys and keys.index(window) > 0:
            return keys[keys.index(window) - 1]
    length = window[1] - window[0] + 1
    return window[0] - length, window[1] - length
