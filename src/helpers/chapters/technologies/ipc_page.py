"""The patents page on IPC subclasses: the subclasses of the focus country, the report's 38
technologies computed from them beside the CEPS study's published values, the reference group's
effect, and the movement over the three periods (:func:`read_ipc_page`).

The computation is in :mod:`~helpers.chapters.technologies.ipc_space` (the space of one period) and
:mod:`~helpers.chapters.technologies.ipc_technologies` (the 38 technologies); the comparison with the
published values uses the functions of :mod:`~helpers.chapters.technologies.published`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import Markdown

from helpers.chapters.page import Table
from helpers.chapters.technologies.checks import Split
from helpers.chapters.technologies.axis import AXIS_CHOICES, COMPUTED, PASS_RHO, Axis, choice_for, choose
from helpers.chapters.technologies.ipc_space import GROUPS, IpcData, ipc_space, load_ipc
from helpers.chapters.technologies.ipc_technologies import (
    movement,
    overlaps,
    subclass_membership,
    technology_positions,
    technology_runs,
)
from helpers.chapters.technologies.page_text import read_region_names
from helpers.chapters.technologies.profiles import profile_from_space
from helpers.chapters.technologies.published import (
    Published,
    agreement,
    agreement_word,
    comparison,
    load_inputs,
    published_profile,
    spearman,
)
from helpers.chapters.technologies import stability as stab
from helpers.chapters.technologies.space import TechnologySpace
from helpers.chapters.technologies.taxonomy_mapping import (
    OTHER_CATEGORY,
    category_order,
)
from helpers.charts import paths as path_charts
from helpers.charts import quadrants as quadrant_charts
from helpers.charts import rca_quadrants
from helpers.data import policy, taxonomy
from helpers.data.regions import describe_region
from helpers.i18n import (
    FIELD_NAMES_NL,
    column_labels,
    join_names,
    localise_number,
    md_names,
    md_text,
    region_name,
    t,
)
from helpers.errors import InputError
from helpers.methods.quadrants import QUADRANTS, quadrants

#: subclasses shown on the chart and in the first table: the focus country's largest
N_SHOWN = 40
_FORMATS = {"activity": ",.0f", "share": ".1%", "rca": ".2f", "density": ".1f", "complexity": ".2f",
            "published_rca": ".2f", "published_density": ".1f", "published_complexity": ".2f", "computed_rca": ".2f",
            "computed_density": ".1f", "computed_complexity": ".2f", "rho_rca": ".2f", "rho_density": ".2f", "rho_complexity": ".2f"}


def _num(value: float, spec: str, language: str) -> str:
    return localise_number(format(value, spec), language) if np.isfinite(value) else t("pub_no_value", language)


def short_title(title: str, limit: int = 60) -> str:
    """An IPC title in WIPO's capitals -> its first clause in sentence case, bracketed abbreviations kept,
    cut to ``limit`` characters.

    >>> short_title("MICROORGANISMS OR ENZYMES; COMPOSITIONS THEREOF")
    'Microorganisms or enzymes'
    >>> short_title("INFORMATION AND COMMUNICATION TECHNOLOGY [ICT] SPECIALLY ADAPTED FOR X")
    'Information and communication technology [ICT] specially ad…'
    """
    first = title.split(";")[0].strip()
    text = first[:1].upper() + first[1:].lower()
    text = re.sub(r"\[([a-z0-9]+)\]", lambda m: f"[{m.group(1).upper()}]", text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def subclass_labels(data: IpcData, codes: Sequence[str]) -> pd.DataFrame:
    """Per subclass ``label_nl`` (code and its WIPO field in Dutch: IPC titles exist in English and
    French only), ``label_en`` (code and shortened title; the code alone without a title) and ``field``."""
    titles = dict(zip(data.titles["ipc4"], data.titles["title"]))
    fields = dict(zip(data.technologies["technology"], data.technologies["group"]))
    rows = []
    for c in codes:
        f = fields.get(c, "")
        rows.append({"technology": c, "label_en": f"{c} {short_title(titles[c])}" if c in titles else c,
                     "label_nl": f"{c} · {FIELD_NAMES_NL.get(f, f)}" if f else c, "field_en": f, "field_nl": FIELD_NAMES_NL.get(f, f)})
    return pd.DataFrame(rows)


def subclass_categories(pairs: pd.DataFrame, technologies: pd.DataFrame, categories: pd.DataFrame) -> pd.DataFrame:
    """Per subclass of ``pairs`` the taxonomy category most of its technologies belong to (ties: the categories' order)."""
    order = {c: i for i, c in enumerate(categories["category_id"])}
    cat = pairs.merge(technologies[["tech_id", "category_id"]], on="tech_id")
    rows = []
    for code, part in cat.groupby("ipc4", sort=True):
        counts = part["category_id"].value_counts()
        best = sorted(counts.index, key=lambda c: (-counts[c], order.get(c, 99)))[0]
        rows.append({"technology": code, "category_id": best, "taxonomy_technologies": ";".join(sorted(part["tech_id"]))})
    out = pd.DataFrame(rows, columns=["technology", "category_id", "taxonomy_technologies"])
    labels = categories.set_index("category_id")
    out["category_nl"] = out["category_id"].map(labels["label_nl"])
    out["category_en"] = out["category_id"].map(labels["label_en"])
    return out


@dataclass
class IpcPage:
    """Everything the IPC-subclass page shows (:func:`ipc_page`)."""

    language: str
    name: str
    window: tuple[int, int]
    reference_group: str | list[str]
    rca_threshold: float
    relatedness: str
    complexity_method: str
    min_activity: float
    data: IpcData
    space: TechnologySpace | None = None
    profile: pd.DataFrame | None = None
    positions: pd.DataFrame | None = None
    published: pd.DataFrame | None = None
    table: pd.DataFrame | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    coarse_stats: dict[str, Any] = field(default_factory=dict)
    groups: pd.DataFrame | None = None
    moves: pd.DataFrame | None = None
    paths: pd.DataFrame | None = None
    codes: pd.DataFrame | None = None
    n_overlap: int = 0
    technologies: pd.DataFrame | None = None
    stand_in: str = ""
    axis: Axis | None = None
    #: how sure each subclass's placement is (:mod:`helpers.chapters.technologies.stability`); None without runs
    stability: stab.Stability | None = None
    #: how sure each of the 38 technologies' placement is (the same runs, aggregated from the subclasses); None without runs
    tech_stability: stab.Stability | None = None

    @property
    def available(self) -> bool:
        return self.profile is not None

    def _group_name(self, group: str | list[str], short: bool = False) -> str:
        key = group if isinstance(group, str) else "list"
        return t(f"ipc_group_{'short_' if short else ''}{key}", self.language)

    def _tech_names(self, ids: Sequence[str]) -> list[str]:
        names = self.technologies.set_index("tech_id")[f"label_{self.language}"]
        return [names[i] for i in ids]

    def glue(self) -> dict[str, Any]:
        """The page's paragraphs (Markdown, wording chosen from the numbers) and their key numbers."""
        lang = self.language
        if not self.available:
            return {"ipc_intro": Markdown(t("ipc_absent", lang)), "ipc_subclass_text": Markdown(""), "ipc_38_text": Markdown(""),
                    "ipc_codes_text": Markdown(""), "ipc_group_text": Markdown(""), "ipc_movement_text": Markdown(""),
                    "ipc_threshold": float(self.rca_threshold), "ipc_axis_text": Markdown(""), "ipc_stability_text": Markdown("")} \
                | stab.glue_values(None, None) | {f"ipc_38_{k}": v for k, v in stab.glue_values(None, None).items()}
        p, s, sp = self.profile, self.stats, self.space
        num = lambda v, spec=",.0f": _num(float(v), spec, lang)
        cooc = self.data.cooccurrence
        intro = t("ipc_intro", lang, region=md_text(self.name), total=num(p["activity"].sum()), start=self.window[0], end=self.window[1],
                  n_sub=int((p["activity"] > 0).sum()), n_all=int(cooc["code_a"].nunique()),
                  group=self._group_name(self.reference_group), n_group=len(sp.x.index), n_pairs=num(len(cooc) / 2),
                  cooc_start=int(cooc["year_first"].min()), cooc_end=int(cooc["year_last"].max()), relatedness=t(f"tech_relatedness_{self.relatedness}", lang),
                  complexity=t(f"tech_complexity_{self.complexity_method}", lang), n_space=len(sp.space_regions), min_activity=num(self.min_activity))
        shown = self.shown()
        counts = shown["quadrant"].value_counts()
        top = shown.iloc[0]
        sub = t("ipc_subclass_text", lang, region=md_text(self.name), threshold=f"{self.rca_threshold:g}", n_spec=int(p["specialised"].sum()),
                n_shown=len(shown), share_shown=num(shown["share_of_region"].sum() * 100), n_optimal=int(counts.get("optimal", 0)),
                n_moonshot=int(counts.get("moonshot", 0)), n_low_risk=int(counts.get("low_risk", 0)), n_low_priority=int(counts.get("low_priority", 0)),
                top_label=md_text(top[f"label_{lang}"]), top_share=num(top["share_of_region"] * 100, ".1f"), top_rca=num(top["rca"], ".2f"))
        words = {m: agreement_word(s[f"rho_{m}"], lang) for m in ("rca", "density", "complexity")}
        text38 = t("ipc_38_text", lang, rho_rca=num(s["rho_rca"], ".2f"), rho_density=num(s["rho_density"], ".2f"),
                   rho_complexity=num(s["rho_complexity"], ".2f"), word_rca=words["rca"], word_density=words["density"],
                   word_complexity=words["complexity"], n_same=s["n_same_quadrant"], n=s["n_compared"],
                   share_same=num(s["share_same_quadrant"] * 100))
        if self.coarse_stats.get("n_compared"):
            text38 += " " + t("ipc_38_coarse", lang, coarse_same=self.coarse_stats["n_same_quadrant"], coarse_n=self.coarse_stats["n_compared"])
        text38 += "\n\n" + self._complexity_check()
        if self.tech_stability is not None:  # how sure the 38 placements are, from the subclasses' runs
            text38 += "\n\n" + stab.stability_text(self._positions_frame(), self.tech_stability, lang)
        st = self.codes["status"].value_counts()
        empty = self.positions.loc[self.positions["n_subclasses"] == 0, "technology"]
        codes = t("ipc_codes_text", lang, n_codes=len(self.codes), n_finer=int(st.get("finer", 0)), n_class=int(st.get("class", 0)),
                  n_cpc=int(st.get("cpc_only", 0)), n_missing=int(st.get("not_in_data", 0)), n_overlap=self.n_overlap,
                  empty=md_names(self._tech_names(empty), lang) if len(empty) else t("ipc_none", lang))
        g = self.groups
        best, worst = g.loc[g["n_same"].idxmax()], g.loc[g["n_same"].idxmin()]
        group = t("ipc_group_text", lang, best=md_text(best["group"]), best_same=int(best["n_same"]), worst=md_text(worst["group"]), worst_same=int(worst["n_same"]),
                  n=s["n_compared"], chosen=self._group_name(self.reference_group))
        out = {"ipc_intro": Markdown((self.stand_in + "\n\n" if self.stand_in else "") + intro), "ipc_subclass_text": Markdown(sub),
               "ipc_38_text": Markdown(text38), "ipc_codes_text": Markdown(codes), "ipc_group_text": Markdown(group),
               "ipc_rho_rca": s["rho_rca"], "ipc_rho_density": s["rho_density"], "ipc_rho_complexity": s["rho_complexity"],
               "ipc_n_same": s["n_same_quadrant"], "ipc_threshold": float(self.rca_threshold)}
        out["ipc_movement_text"] = Markdown(self._movement_text())
        out["ipc_axis_text"] = Markdown(self.axis.text(lang) if self.axis is not None else "")
        sens = stab.sensitivity_table(p, self.stability, lang) if self.stability is not None else None
        out["ipc_stability_text"] = Markdown(stab.stability_text(p, self.stability, lang, sensitivity=sens))
        tech_values = stab.glue_values(self.positions if self.tech_stability is not None else None, self.tech_stability)
        return out | stab.glue_values(p, self.stability) | {f"ipc_38_{k}": v for k, v in tech_values.items()}

    def _complexity_check(self) -> str:
        """Whether the study ranks the three technologies the book finds least complex low too (mean published rank in the lower half)."""
        lang = self.language
        if self.axis is not None and self.axis.method == "published":
            return ""
        comp = self.positions.dropna(subset=["complexity"]).sort_values(["complexity", "technology"], kind="mergesort").head(3)
        ranks = self.published.set_index("technology")["complexity"].rank(ascending=False, method="min")
        got = [int(ranks[x]) for x in comp["technology"] if x in ranks.index]
        if not got:
            return ""
        key = "ipc_complexity_doubt" if np.mean(got) <= len(ranks) / 2 else "ipc_complexity_agrees"
        return t(key, lang, method=t(f"tech_complexity_{self.complexity_method}", lang), lowest=md_names(self._tech_names(comp["technology"]), lang),
                 ranks=join_names([str(r) for r in got], lang))

    def _movement_text(self) -> str:
        lang, m = self.language, self.moves
        if m is None:
            return ""
        cols = [c for c in m.columns if c.startswith("rca_")]
        before, now = (c.removeprefix("rca_").replace("_", "-") for c in cols[-2:])
        pick = lambda status: m.loc[m["status"] == status, "technology"].tolist()
        entered, left = pick("entered"), pick("left")
        entered_part = (t("ipc_entered_some", lang, region=md_text(self.name), n=len(entered), names=md_names(self._tech_names(entered), lang))
                        if entered else t("ipc_entered_none", lang, region=md_text(self.name)))
        left_part = t("ipc_left_some", lang, n=len(left), names=md_names(self._tech_names(left), lang)) if left else t("ipc_left_none", lang)
        return t("ipc_movement_text", lang, before=before, now=now, entered_part=entered_part, left_part=left_part,
                 threshold=f"{self.rca_threshold:g}", n_stayed=len(pick("stayed")))

    def shown(self) -> pd.DataFrame:
        """The :data:`N_SHOWN` subclasses with the most applications of the focus country."""
        return self.profile.sort_values(["activity", "technology"], ascending=[False, True], kind="mergesort").head(N_SHOWN)

    def tables(self) -> dict[str, Table]:
        """``subclasses`` (the largest), ``all`` (folded), ``comparison`` (the 38), ``groups``, ``codes`` (folded), ``movement``."""
        if not self.available:
            return {}
        lang, labels = self.language, column_labels(self.language, "ipc")
        pub_labels = column_labels(lang, "published")

        formats = dict(_FORMATS) | (stab.TABLE_FORMATS if self.stability is not None else {})

        def sub_table(df: pd.DataFrame) -> pd.DataFrame:
            out = pd.DataFrame({"code": df["technology"], "label": df[f"label_{lang}"], "field": df[f"field_{lang}"],
                                "category": df[f"category_{lang}"], "activity": df["activity"], "share": df["share_of_region"],
                                "rca": df["rca"], "density": df["density"], "complexity": df["complexity"],
                                "quadrant": stab.shown_quadrant(df, lang)}).reset_index(drop=True)
            if self.stability is not None:  # how sure the placement is, and the 5-95% of the runs
                extra = df.assign(stability_label=df[f"stability_{lang}"])[stab.TABLE_COLUMNS].reset_index(drop=True)
                out = pd.concat([out, extra], axis=1)
            return out

        shown = self.shown()
        start, end = self.window
        codes = self.codes[self.codes["status"] != "subclass"]
        codes = pd.DataFrame({"technology": self._tech_names(codes["tech_id"]), "tech_code": codes["code"], "scheme": codes["scheme"].str.upper(),
                              "subclasses": codes["subclasses"], "status": codes["status"].map(lambda s: t(f"ipc_code_{s}", lang))})
        m = self.moves
        rca_cols = [c for c in m.columns if c.startswith("rca_")]
        moves = pd.DataFrame({"technology": self._tech_names(m["technology"])}) \
            .join(m[rca_cols].reset_index(drop=True)) \
            .assign(change=m["status"].map(lambda s: t(f"ipc_status_{s}", lang) if s else "").to_numpy())
        move_labels = {c: f"RCA {c.removeprefix('rca_').replace('_', '-')}" for c in rca_cols}
        out = {
            "subclasses": Table(sub_table(shown), "technologies_ipc_subclasses", formats=formats, labels=labels, wide=True,
                                caption=t("ipc_subclass_caption", lang, n=len(shown), region=self.name, start=start, end=end)),
            "all": Table(sub_table(self.profile.sort_values("technology", kind="mergesort")), "technologies_ipc_all_subclasses", formats=formats,
                         labels=labels, wide=True, folded=t("ipc_all_caption", lang, n=len(self.profile))),
            "comparison": Table(self._comparison(), "technologies_ipc_published", formats=formats, labels=pub_labels, wide=True,
                                caption=t("ipc_comparison_caption", lang, region=self.name, start=start, end=end), hidden=("technology",)),
            "groups": Table(self.groups, "technologies_ipc_reference_groups", formats=_FORMATS, labels=labels,
                            caption=t("ipc_groups_caption", lang)),
            "codes": Table(codes.reset_index(drop=True), "technologies_ipc_codes", labels=labels, folded=t("ipc_codes_caption", lang)),
            "movement": Table(moves, "technologies_ipc_movement", formats={c: ".2f" for c in rca_cols}, labels=labels | move_labels,
                              caption=t("ipc_movement_caption", lang, region=self.name)),
        }
        if self.stability is not None:
            out["sensitivity"] = Table(stab.sensitivity_table(self.profile, self.stability, lang), "technologies_ipc_sensitivity",
                                       labels=column_labels(lang, "technology"), caption=t("stab_sensitivity_caption", lang, region=self.name),
                                       **stab.SENSITIVITY_TABLE)
        return out

    def charts(self, label_top_n: int = 12) -> dict[str, Any]:
        """``subclasses`` (quadrant chart of the largest subclasses), ``technologies`` (the 38, the study's rule and colours), ``paths``."""
        if not self.available:
            return {"subclasses": None, "technologies": None, "paths": None}
        lang, (start, end) = self.language, self.window
        tips = {"label": t("ipc_col_label", lang), "category": t("ipc_col_category", lang), "quadrant": t("ipc_col_quadrant", lang),
                "density": t("ipc_col_density", lang), "complexity": t("ipc_col_complexity", lang), "activity": t("ipc_col_activity", lang),
                "share_of_region": t("ipc_col_share", lang), "period0": t("ipc_period", lang), "period1": t("ipc_period", lang),
                "stability": t("stab_tooltip_stability", lang), "stability_label": t("stab_tooltip_label", lang),
                "density_interval": t("stab_tooltip_density", lang), "complexity_interval": t("stab_tooltip_complexity", lang)}
        shown = self.shown()
        sub = quadrant_charts.quadrant_chart(
            shown, t("ipc_chart_title", lang, n=len(shown), region=self.name, start=start, end=end), t("ipc_x_title", lang), t("ipc_y_title", lang),
            lang, label_top_n=label_top_n, threshold=self.rca_threshold, tooltip_titles=tips, category_order=category_order(),
            subtitle=[*t("ipc_chart_subtitle", lang, group=self._group_name(self.reference_group), threshold=f"{self.rca_threshold:g}").split(" | "),
                      *self._axis_line(), *([t("stab_subtitle", lang, runs=self.stability.n_runs)] if self.stability is not None else [])])
        pos = self._positions_frame()
        techs = rca_quadrants.rca_quadrant_chart(
            pos, t("ipc_38_title", lang, region=self.name, start=start, end=end), t("ipc_x_title", lang), t("ipc_y_title", lang), lang,
            tooltip_titles=tips, subtitle=[*t("ipc_38_subtitle", lang).split(" | "), *self._axis_line(),
                                           *([t("stab_subtitle", lang, runs=self.tech_stability.n_runs)] if self.tech_stability is not None else [])],
            rca_title=t("ipc_rca_title", lang))
        techs = stab.with_intervals(techs, pos, lang, tips)  # the 5-95% of the runs and the stability, as on the other charts
        paths = None
        if self.paths is not None:
            p = self.paths
            last = self.positions
            paths = path_charts.path_chart(
                p, t("ipc_path_title", lang, region=self.name, before=p["period0"].iloc[0], now=p["period1"].iloc[0]), t("ipc_x_title", lang),
                t("ipc_y_title", lang), split=(float(last["x_split"].iloc[0]), float(last["y_split"].iloc[0])), tooltip_titles=tips,
                subtitle=[*t("ipc_path_subtitle", lang).split(" | "), *self._axis_line()], category_order=category_order())
        return {"subclasses": sub, "technologies": techs, "paths": paths}

    def _comparison(self) -> pd.DataFrame | None:
        """The published and computed values of the 38 with, from the runs, how sure the chart's placement is: its
        quadrant (an undecided one reads "undecided (quadrant?)"; beside the computed one when the chart's complexity
        is the published one), the share of runs in it, the label and the 5-95% intervals."""
        if self.tech_stability is None or self.table is None:
            return self.table
        lang, table = self.language, self.table.copy()
        pos = self._positions_frame().set_index("technology").reindex(table["technology"]).reset_index()
        shown = stab.shown_quadrant(pos, lang).to_numpy()
        columns = stab.TABLE_COLUMNS
        if self.axis is not None and self.axis.method == "published":  # the chart places by the published complexity (no interval)
            table.insert(table.columns.get_loc("same_quadrant") + 1, "chart_quadrant", shown)
            columns = [c for c in columns if not c.startswith("complexity_")]
        else:
            table["computed_quadrant"] = shown
        extra = pos.assign(stability_label=pos[f"stability_{lang}"])[columns]
        at = table.columns.get_loc("note")
        return pd.concat([table.iloc[:, :at], extra, table.iloc[:, at:]], axis=1)

    def _axis_line(self) -> list[str]:
        return [self.axis.subtitle(self.language)] if self.axis is not None else []

    def _positions_frame(self) -> pd.DataFrame:
        """The 38 computed positions with labels, categories and quadrant names, shaped like a published profile."""
        pos = self.positions.merge(self.technologies[["tech_id", "label_nl", "label_en", "category_id"]], left_on="technology", right_on="tech_id")
        cats = policy.load_categories().set_index("category_id")
        pos["category_nl"], pos["category_en"] = pos["category_id"].map(cats["label_nl"]), pos["category_id"].map(cats["label_en"])
        for lang in ("nl", "en"):
            pos[f"quadrant_{lang}"] = pos["quadrant"].map(lambda q, lg=lang: QUADRANTS[q][lg] if isinstance(q, str) else "")
        return pos


def _positions(space: TechnologySpace, focus: str, pairs: pd.DataFrame, ids: list[str], axis: Axis, published: pd.Series | None) -> pd.DataFrame:
    """The 38 technologies' positions; with the published axis their complexity is the study's own and the quadrants are placed again."""
    pos = technology_positions(space, focus, pairs, ids)
    if axis.method != "published" or published is None:
        return pos
    pos["complexity"] = pos["technology"].map(published).where(pos["n_subclasses"] > 0)
    placed = pos["density"].notna() & pos["complexity"].notna()
    idx = pos.loc[placed, "technology"]
    q = quadrants(pos.loc[placed, "density"].set_axis(idx), pos.loc[placed, "complexity"].set_axis(idx), "median")
    pos["quadrant"] = None
    pos.loc[placed, "quadrant"] = q["quadrant"].to_numpy()
    pos["x_split"], pos["y_split"] = float(q["x_split"].iloc[0]), float(q["y_split"].iloc[0])
    return pos


def _ipc_axis(data: IpcData, focus: str, window: tuple[int, int], choice: str, pairs: pd.DataFrame, ids: list[str],
              published: pd.Series | None, opts: dict[str, Any]) -> tuple[Axis, dict[str, TechnologySpace]]:
    """The y axis of the IPC page (:mod:`~helpers.chapters.technologies.axis`): every computed method checked on the 38
    technologies (weighted means over their subclasses) against the published complexity; the spaces per method."""
    if choice not in AXIS_CHOICES or choice == "scaling":
        raise InputError(f"complexity axis {choice!r} for the IPC page: use one of {', '.join(AXIS_CHOICES)}")
    wanted = COMPUTED if (choice in ("auto", "published") or published is not None) else (choice,)
    spaces = {m: ipc_space(data, focus, window, complexity_method=m, **opts) for m in wanted}
    rows = []
    for m, sp in spaces.items():
        rho, n = (spearman(published.reindex(ids).reset_index(drop=True), technology_positions(sp, focus, pairs, ids)["complexity"])
                  if published is not None else (np.nan, 0))
        rows.append({"method": m, "rho": rho, "n": n, "passes": bool(np.isfinite(rho) and rho >= PASS_RHO)})
    checks = pd.DataFrame(rows)
    method = choose(checks, choice) if published is not None or choice not in ("auto", "published") else "eigenvector"
    by_code = None
    if method == "published":  # a subclass takes the mean published complexity of the technologies that count it
        by_code = pairs.assign(value=pairs["tech_id"].map(published)).dropna(subset=["value"]).groupby("ipc4")["value"].mean()
    axis = Axis(method, choice, checks, by_code)
    if axis.computed_method not in spaces:
        spaces[axis.computed_method] = ipc_space(data, focus, window, complexity_method=axis.computed_method, **opts)
    return axis, spaces


def ipc_page(data: IpcData, published: Published, technologies: pd.DataFrame, codes: pd.DataFrame, *, focus: str, language: str, name: str,
             window: Sequence[int], reference_group: str | list[str] = "oecd", rca_threshold: float = 1.0, relatedness: str = "cosine",
             complexity_method: str | Mapping[str, str] = "auto", min_activity: float = 0.0, quadrant_split: Split = "median",
             coarse_stats: dict[str, Any] | None = None, robustness_runs: int = 0, robustness_seed: int = 0) -> IpcPage:
    """The page from the IPC data, the published values, the 38 technologies and their patent codes (pure; see the module doc)."""
    start, end = int(window[0]), int(window[1])
    page = IpcPage(language, name, (start, end), reference_group, float(rca_threshold), relatedness, complexity_method, float(min_activity),
                   data, technologies=technologies, coarse_stats=coarse_stats or {})
    if not data.available:
        return page
    pairs, code_notes = subclass_membership(codes, data.technologies["technology"])
    ids = list(technologies["tech_id"])
    opts = dict(reference_group=reference_group, rca_threshold=rca_threshold, relatedness_method=relatedness, min_activity=min_activity)
    pub_complexity = published_profile(published, "patents", technologies).set_index("technology")["complexity"] if published.available else None
    axis, spaces = _ipc_axis(data, focus, (start, end), choice_for(complexity_method, "patents_ipc"), pairs, ids, pub_complexity, opts)
    opts["complexity_method"] = axis.computed_method
    space = spaces[axis.computed_method]
    page.axis, page.complexity_method = axis, axis.method
    profile = axis.apply(profile_from_space(space, focus, split=quadrant_split, technologies=data.technologies))
    cats = subclass_categories(pairs, technologies, policy.load_categories())
    profile = profile.drop(columns=["label_nl", "label_en", "category_id", "category_nl", "category_en", "taxonomy_technologies"]) \
        .merge(subclass_labels(data, profile["technology"]), on="technology", how="left").merge(cats, on="technology", how="left")
    for col, key in (("category_id", "category_id"), ("category_nl", "label_nl"), ("category_en", "label_en")):
        profile[col] = profile[col].fillna(OTHER_CATEGORY[key])
    profile["taxonomy_technologies"] = profile["taxonomy_technologies"].fillna("")
    if robustness_runs:  # the stability of every subclass's placement; the rule changes include the PATSTAT period before
        earlier = stab.earlier_window((start, end), dict.fromkeys(data.periods))
        try:
            before = axis.apply(profile_from_space(ipc_space(data, focus, earlier, **opts), focus, split=quadrant_split, technologies=data.technologies))
        except InputError:
            before = None
        page.stability = stab.space_stability(space, focus, profile, n_runs=robustness_runs, seed=robustness_seed, split=quadrant_split,
                                              earlier=before, earlier_window=earlier)
        profile = stab.with_stability(profile, page.stability)
    page.space, page.profile, page.codes, page.n_overlap = space, profile, code_notes, len(overlaps(pairs))
    page.positions = _positions(space, focus, pairs, ids, axis, pub_complexity)
    if page.stability is not None:  # the 38 technologies in every run of the subclasses: the same runs, aggregated
        fixed = page.positions["complexity"].to_numpy(dtype=float) if axis.method == "published" and pub_complexity is not None else None
        runs = technology_runs(page.stability.runs, page.stability.columns, pairs, ids, complexity=fixed)
        page.tech_stability = stab.derived_stability(runs, page.positions.set_index("technology")["quadrant"], page.stability)
        page.positions = stab.with_stability(page.positions, page.tech_stability)
    raw = technology_positions(space, focus, pairs, ids)  # the comparison with the published values uses the computed complexity
    if published.available:
        page.published = published_profile(published, "patents", technologies)
        computed = raw.assign(field=raw["subclasses"], note="")
        page.table = comparison(page.published, computed, language)
        page.stats = agreement(page.table)
        rows = []
        for group in list(GROUPS) + ["world"] if isinstance(reference_group, str) else [reference_group, "oecd", "eu27", "world"]:
            sp = space if group == reference_group else ipc_space(data, focus, (start, end), **(opts | {"reference_group": group}))
            pos = technology_positions(sp, focus, pairs, ids)
            a = agreement(comparison(page.published, pos.assign(field="", note=""), language))
            rows.append({"group": page._group_name(group, short=True) + (t("ipc_chosen", language) if group == reference_group else ""),
                         "n_countries": len(sp.x.index), "rho_rca": a["rho_rca"], "rho_density": a["rho_density"],
                         "rho_complexity": a["rho_complexity"], "n_same": a["n_same_quadrant"]})
        page.groups = pd.DataFrame(rows)
    periods = [p for p in data.periods if p[1] <= end]
    if len(periods) >= 2:
        positions = {p: (page.positions if p == (start, end) else
                         _positions(ipc_space(data, focus, p, **opts), focus, pairs, ids, axis, pub_complexity)) for p in periods}
        page.moves = movement(positions, rca_threshold)
        before, now = positions[periods[-2]], positions[periods[-1]]
        cats_38 = policy.load_categories().set_index("category_id")
        tech = technologies.set_index("tech_id")
        page.paths = pd.DataFrame({
            "technology": now["technology"], "label": now["technology"].map(tech[f"label_{language}"]),
            "category_id": now["technology"].map(tech["category_id"]),
            "category_label": now["technology"].map(tech["category_id"]).map(cats_38[f"label_{language}"]),
            "period0": f"{periods[-2][0]}-{periods[-2][1]}", "period1": f"{periods[-1][0]}-{periods[-1][1]}",
            "x0": before["density"].to_numpy(), "y0": before["complexity"].to_numpy(), "x1": now["density"].to_numpy(), "y1": now["complexity"].to_numpy()})
    return page


def read_ipc_page(data_dir: Path | str, *, focus_region: str, language: str, window: Sequence[int], reference_group: str | list[str] = "oecd",
                  rca_threshold: float = 1.0, relatedness: str = "cosine", complexity_method: str | Mapping[str, str] = "auto", min_activity: float = 0.0,
                  quadrant_split: Split = "median", coarse_window: Sequence[int] | None = None, robustness_runs: int = 0,
                  robustness_seed: int = 0) -> IpcPage:
    """The IPC-subclass page from the canonical tables in ``data_dir`` and the notebook's parameters. A
    sub-national focus region (BE2) is stood in for by its country when the data have only countries.
    ``coarse_window``: the window of the patents page on WIPO fields, whose agreement with the
    published values the text recalls (computed here the same way as on that page)."""
    names = read_region_names(data_dir)
    coarse = None
    if coarse_window is not None:
        from helpers.chapters.technologies.report_figures import report_figures
        from helpers.chapters.technologies.source_pages import read_source_page

        wipo = read_source_page(data_dir, "patents", focus_region=focus_region, language=language, window=coarse_window,
                                min_activity=min_activity, rca_threshold=rca_threshold, quadrant_split=quadrant_split,
                                complexity_method=complexity_method, relatedness=relatedness)
        coarse = report_figures(data_dir, wipo).stats
    data = load_ipc(data_dir)
    published, technologies, _ = load_inputs(data_dir)
    codes = taxonomy.load_codes()
    codes = codes[codes["source"] == "patents"]
    focus, stand_in = focus_region, ""
    if data.available and focus_region not in set(data.activity["region"].unique()):
        country = (describe_region(focus_region) or {}).get("iso3")
        if isinstance(country, str) and country in set(data.activity["region"].unique()):
            focus = country
            stand_in = t("ipc_stand_in", language, focus=md_text(region_name(focus_region, language, names)), region=md_text(region_name(country, language, names)))
    page = ipc_page(data, published, technologies, codes, focus=focus, language=language, name=region_name(focus, language, names), window=window,
                    reference_group=reference_group, rca_threshold=rca_threshold, relatedness=relatedness, complexity_method=complexity_method,
                    min_activity=min_activity, quadrant_split=quadrant_split, coarse_stats=coarse, robustness_runs=robustness_runs,
                    robustness_seed=robustness_seed)
    page.stand_in = stand_in
    return page
